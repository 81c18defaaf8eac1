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
