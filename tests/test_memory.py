"""Memory bounds: no O(m^2) neighbour matrix, no copies of the input (tracemalloc peaks)."""

from __future__ import annotations

import gc
import tracemalloc

import numpy as np
import pandas as pd

import pd_imbalance as pdi


def _peak(fn) -> tuple[int, object]:
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, result


def _frame(n_major: int, n_minor: int, n_features: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = n_major + n_minor
    df = pd.DataFrame(
        rng.normal(size=(n, n_features)), columns=[f"f{i}" for i in range(n_features)]
    )
    df["y"] = rng.permutation(np.repeat(np.array([0, 1]), [n_major, n_minor]))
    return df


def test_smote_on_a_50k_row_minority_stays_near_the_output_size() -> None:
    # 8 features: the per-minority-row neighbour lists (k ints a row) stay small next to
    # the rows themselves, as in real data
    df = _frame(100_000, 50_000, 8)
    pdi.smote(_frame(300, 100, 8), "y", random_state=0)  # warm up lazy imports
    peak, out = _peak(lambda: pdi.smote(df, "y", random_state=0))
    output = int(out.memory_usage(index=True, deep=True).sum())
    assert len(out) == 200_000
    # a dense 50k x 50k distance matrix would be 20 GB (float64); we stay near the output
    # plus the neighbour search's linear working set (candidate pairs: under 1 KiB a row)
    assert peak <= 1.5 * output + 1024 * 50_000, (peak / 2**20, output / 2**20)


def test_neighbour_search_memory_is_linear_in_the_class_size() -> None:
    from pd_imbalance._core.fast_knn import exact_self_neighbors

    rng = np.random.default_rng(0)
    x = rng.standard_normal((60_000, 8))
    exact_self_neighbors(x[:3000], 5)  # warm up
    small, _ = _peak(lambda: exact_self_neighbors(x[:30_000], 5))
    large, _ = _peak(lambda: exact_self_neighbors(x, 5))
    assert large < 2.3 * small, (small / 2**20, large / 2**20)  # quadratic would be 4x
    assert large < 1024 * 60_000, large / 2**20


def test_undersample_allocates_about_the_output_not_the_input() -> None:
    df = _frame(1_980_000, 20_000, 5)
    pdi.undersample(_frame(300, 100, 5), "y", random_state=0)
    data_size = int(df.memory_usage(index=True, deep=True).sum())  # 2M rows x 6 columns
    peak, out = _peak(lambda: pdi.undersample(df, "y", random_state=0))
    output = int(out.memory_usage(index=True, deep=True).sum())
    assert len(out) == 40_000
    # one byte per row for codes and one for the keep mask, plus the output: far from a copy
    assert peak <= output + 0.15 * data_size, (peak / 2**20, output / 2**20, data_size / 2**20)


def test_self_search_holds_one_float32_matrix_and_the_candidates() -> None:
    """The self search keeps one (m, d + 2) float32 matrix at a time (no separate float32
    copy, no B matrices, no permuted float64 copy) and never concatenates its candidate
    blocks: at 100k x 20, k = 4, the peak was 7.3x the input before (112 MiB), 3.9x now."""
    from pd_imbalance._core.neighbors import nearest_neighbors

    rng = np.random.default_rng(0)
    x = rng.standard_normal((100_000, 20))
    nearest_neighbors(x[:3000], 4)  # warm up
    peak, _ = _peak(lambda: nearest_neighbors(x, 4))
    # the prepared float64 copy (1x) + one float32 matrix (0.55x) + two threads' tiles
    # (0.65x) + the candidate pairs (about 14 a row at 16 bytes each)
    assert peak <= 4.3 * x.nbytes, peak / 2**20


def test_overwrite_prepares_in_place_and_gives_the_same_neighbours() -> None:
    from pd_imbalance._core.neighbors import nearest_neighbors

    rng = np.random.default_rng(1)
    x = rng.standard_normal((20_000, 12)) * 1e3 + 5e8  # a large offset: centring matters
    expected = nearest_neighbors(x, 3)
    scratch = x.copy()
    peak_copy, _ = _peak(lambda: nearest_neighbors(x.copy(), 3))
    peak_in_place, found = _peak(lambda: nearest_neighbors(scratch, 3, overwrite=True))
    np.testing.assert_array_equal(found, expected)
    assert not np.array_equal(scratch, x)  # it was prepared in place
    assert peak_in_place <= peak_copy - 0.9 * x.nbytes, (peak_copy / 2**20, peak_in_place / 2**20)


def test_tomek_and_enn_peaks_stay_near_the_distance_space() -> None:
    df = _frame(95_000, 5_000, 20)
    pdi.clean(_frame(3000, 300, 20), "y", method="enn")  # warm up
    space = 100_000 * 20 * 8
    for method, limit in (("tomek", 3.2), ("enn", 4.0)):
        peak, _ = _peak(lambda m=method: pdi.clean(df, "y", method=m))
        # before: 5.1x (tomek) and 7.1x (enn) the space; now 2.9x and 3.7x;
        # imbalanced-learn: 2.3x (tomek) and 2.3-3.2x (enn)
        assert peak <= limit * space, (method, peak / 2**20)
