"""Neighbour search on adversarial geometry: exact answers, linear work and memory.

The oracle centres the rows on the column medians (the search uses those of a sample of
rows: another centre changes only last bits), scales them by a power of two (both as
the search does, so huge and subnormal values stay representable) and computes every
squared distance directly as ``sum((x_p - x_q) ** 2)`` in float64: no ``|x|^2 + |y|^2 -
2 x.y`` cancellation. Exactly equal distances may resolve either way, so the distances of
the returned neighbours are compared with the oracle's k smallest, not the indices.

Work is bounded with the search's own counters (:func:`knn_prep.search_stats`) and memory
with tracemalloc peaks: never with wall-clock time.
"""

from __future__ import annotations

import gc
import math
import tracemalloc
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pd_imbalance._core import fast_knn, knn_prep, neighbors
from pd_imbalance._core.neighbors import nearest_neighbors


def oracle_prepare(points: np.ndarray) -> np.ndarray:
    """Median-centred rows scaled by a power of two so that the largest entry is ~1."""
    x = np.asarray(points, dtype=np.float64)
    top = float(np.abs(x).max())
    if top > 2.0**1000:
        x = np.ldexp(x, 1000 - math.frexp(top)[1])
    x = x - np.median(x, axis=0)
    amax = float(np.abs(x).max())
    return np.ldexp(x, -math.frexp(amax)[1]) if amax > 0 else x


def oracle_kth(prepared: np.ndarray, k: int) -> np.ndarray:
    """The k smallest squared distances to other rows, ascending, by direct differences."""
    m = len(prepared)
    out = np.empty((m, k))
    step = max(1, (1 << 21) // (m * prepared.shape[1]))
    for s in range(0, m, step):
        diff = prepared[s : s + step, None, :] - prepared[None, :, :]
        d2 = np.einsum("ijk,ijk->ij", diff, diff)
        d2[np.arange(len(d2)), np.arange(s, s + len(d2))] = np.inf
        out[s : s + step] = np.sort(np.partition(d2, k - 1, axis=1)[:, :k], axis=1)
    return out


def assert_exact(points: np.ndarray, found: np.ndarray, k: int) -> None:
    m = len(points)
    assert found.shape == (m, k)
    assert found.dtype == np.intp
    assert not (found == np.arange(m)[:, None]).any(), "a row is its own neighbour"
    ordered = np.sort(found, axis=1)
    assert (ordered[:, 1:] != ordered[:, :-1]).all(), "a neighbour is repeated"
    a = oracle_prepare(points)
    diff = a[:, None, :] - a[found]
    got = np.einsum("ijk,ijk->ij", diff, diff)
    assert (np.diff(got, axis=1) >= 0).all(), "not nearest first"
    want = oracle_kth(a, k)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-300)


# ----------------------------------------------------------------------------- geometry


def _gauss(rng: np.random.Generator, m: int, d: int) -> np.ndarray:
    return rng.standard_normal((m, d))


def _sentinel(rng: np.random.Generator, m: int, d: int) -> np.ndarray:
    x = _gauss(rng, m, d)
    rows = rng.choice(m, min(m, int(rng.integers(1, 4))), replace=False)
    x[rows, int(rng.integers(d))] = 999_999_999
    return x


def _dominant(rng: np.random.Generator, m: int, d: int) -> np.ndarray:
    x = _gauss(rng, m, d)
    x[:, int(rng.integers(d))] *= 1e6
    return x


def _one_d(rng: np.random.Generator, m: int, d: int) -> np.ndarray:
    return np.round(rng.standard_normal((m, 1)), int(rng.integers(1, 6)))


def _collinear(rng: np.random.Generator, m: int, d: int) -> np.ndarray:
    direction = rng.standard_normal(20)
    return rng.standard_normal((m, 1)) * direction + rng.standard_normal(20) * 5


def _duplicates(rng: np.random.Generator, m: int, d: int) -> np.ndarray:
    distinct = rng.standard_normal((max(2, m // int(rng.integers(2, 60))), d))
    return distinct[rng.integers(0, len(distinct), m)]


def _near_duplicates(rng: np.random.Generator, m: int, d: int) -> np.ndarray:
    return _duplicates(rng, m, d) + rng.standard_normal((m, d)) * 1e-9


def _far_clusters(rng: np.random.Generator, m: int, d: int) -> np.ndarray:
    # two tight clusters far from the median: float32 cannot tell their points apart
    side = np.where(rng.random(m) < 0.5, -1.0, 1.0)
    return side[:, None] + rng.standard_normal((m, d)) * 10.0 ** -float(rng.integers(4, 10))


def _timestamps(rng: np.random.Generator, m: int, d: int) -> np.ndarray:
    x = _gauss(rng, m, d)
    x[:, 0] = 1.7e9 + rng.integers(0, 86_400 * 30, m)  # unix seconds, a month
    return x


def _scaled(factor: float) -> Callable[[np.random.Generator, int, int], np.ndarray]:
    def make(rng: np.random.Generator, m: int, d: int) -> np.ndarray:
        return _gauss(rng, m, d) * factor

    return make


def _subnormal(rng: np.random.Generator, m: int, d: int) -> np.ndarray:
    return rng.integers(-1000, 1000, (m, d)) * 5e-324


def _mixed_scales(rng: np.random.Generator, m: int, d: int) -> np.ndarray:
    return _gauss(rng, m, d) * 10.0 ** rng.uniform(-150, 150, d)


GEOMETRY: dict[str, Callable[[np.random.Generator, int, int], np.ndarray]] = {
    "gauss": _gauss,
    "sentinel": _sentinel,
    "dominant column": _dominant,
    "1-D": _one_d,
    "collinear in 20-D": _collinear,
    "exact duplicates": _duplicates,
    "near duplicates": _near_duplicates,
    "two far tight clusters": _far_clusters,
    "timestamps 1.7e9": _timestamps,
    "1e150": _scaled(1e150),
    "1e-150": _scaled(1e-150),
    "1e200": _scaled(1e200),
    "subnormal": _subnormal,
    "mixed column scales": _mixed_scales,
}


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(sorted(GEOMETRY)),
    m=st.integers(2, 400),
    d=st.integers(1, 8),
    k=st.integers(1, 8),
    seed=st.integers(0, 2**32 - 1),
)
def test_small_classes_are_exact_on_adversarial_geometry(
    kind: str, m: int, d: int, k: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    points = GEOMETRY[kind](rng, m, d)
    k = min(k, len(points) - 1)
    assert_exact(points, nearest_neighbors(points, k), k)


@settings(max_examples=8, deadline=None)
@given(
    kind=st.sampled_from(sorted(GEOMETRY)),
    d=st.sampled_from([2, 5, 20]),
    k=st.sampled_from([1, 5, 12]),
    seed=st.integers(0, 2**32 - 1),
)
def test_large_classes_are_exact_on_adversarial_geometry(
    kind: str, d: int, k: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    points = GEOMETRY[kind](rng, 2100, d)
    assert len(points) >= neighbors.FAST_MIN_ROWS
    assert_exact(points, nearest_neighbors(points, k), k)


@pytest.mark.parametrize("kind", sorted(GEOMETRY))
def test_the_gemm_search_is_exact_on_adversarial_geometry(kind: str) -> None:
    rng = np.random.default_rng(11)
    points = GEOMETRY[kind](rng, 2500, 6)
    assert_exact(points, fast_knn.exact_self_neighbors(points, 5), 5)


@pytest.mark.parametrize("m", [300, 1000])
def test_unix_timestamps_in_a_small_class_give_true_neighbours(m: int) -> None:
    # an hour of unix seconds next to a minute-scale feature: scikit-learn's brute force
    # on the raw values (|x|^2 ~ 3e18) loses every distance to cancellation
    rng = np.random.default_rng(0)
    points = np.column_stack([1.7e9 + rng.integers(0, 3600, m), rng.standard_normal(m) * 60])
    assert_exact(points, nearest_neighbors(points, 5), 5)


def test_datetimes_in_days_in_a_small_class_give_true_neighbours() -> None:
    # nanosecond datetimes counted in days (~2e4), a quarter of an hour apart at most
    rng = np.random.default_rng(1)
    ns = 1.7e18 + rng.integers(0, 900 * 10**9, 300).astype(float)
    points = np.column_stack([ns / 86_400e9, rng.random(300) * 1e-3, rng.random(300) * 1e-3])
    assert_exact(points, nearest_neighbors(points, 5), 5)


@pytest.mark.parametrize("m", [200, 3000])
@pytest.mark.parametrize(
    "values",
    [
        pytest.param(1e200, id="1e200"),
        pytest.param(1e-310, id="subnormal"),
        pytest.param(1e155, id="1e155"),
        pytest.param(1e-150, id="1e-150"),
    ],
)
def test_huge_and_subnormal_values_need_no_rescaling(m: int, values: float) -> None:
    rng = np.random.default_rng(2)
    points = rng.standard_normal((m, 5)) * values
    assert_exact(points, nearest_neighbors(points, 5), 5)


def test_mixed_scales_per_column() -> None:
    rng = np.random.default_rng(3)
    points = rng.standard_normal((2500, 4)) * [1e150, 1.0, 1e-150, 1e-310]
    assert_exact(points, nearest_neighbors(points, 5), 5)
    assert_exact(points[:500], nearest_neighbors(points[:500], 5), 5)


def test_every_row_equal_and_mostly_equal() -> None:
    same = np.full((3000, 5), 7.0)
    assert_exact(same, nearest_neighbors(same, 5), 5)
    mostly = np.vstack([same, np.random.default_rng(4).standard_normal((40, 5))])
    assert_exact(mostly, nearest_neighbors(mostly, 5), 5)
    assert_exact(mostly[2990:], nearest_neighbors(mostly[2990:], 5), 5)


def test_many_neighbours_in_a_large_class_are_exact() -> None:
    rng = np.random.default_rng(5)
    points = rng.standard_normal((2500, 7))
    k = neighbors.FAST_MAX_K + 1
    assert_exact(points, nearest_neighbors(points, k), k)


# ------------------------------------------------------------------ linear work and memory


def _peak(fn: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return int(peak)


def _sentinel_rows(m: int, d: int, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((m, d))
    x[17, min(1, d - 1)] = 999_999_999
    return x


def _dominant_rows(m: int, d: int, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((m, d))
    x[:, 0] *= 1e6
    return x


BUDGET_PER_ROW = fast_knn.PAIR_BUDGET_PER_ROW + fast_knn.PAIR_BUDGET_PER_NEIGHBOR * 5


@pytest.mark.parametrize("make", [_sentinel_rows, _dominant_rows], ids=["sentinel", "dominant"])
def test_gemm_search_work_and_memory_stay_linear(make: Callable[..., np.ndarray]) -> None:
    # a sentinel used to let every pair through the float32 filter (46 s and +6.5 GB at
    # 12k rows); a dominant column most of them
    fast_knn.exact_self_neighbors(make(2100, 20), 5)  # warm up
    peaks = []
    for m in (6000, 12000):
        points = make(m, 20)
        peaks.append(_peak(lambda p=points: fast_knn.exact_self_neighbors(p, 5)))
        stats = knn_prep.search_stats()
        attempts = len(str(stats["path"]).split("+"))
        assert float(stats["pairs_per_row"]) <= attempts * BUDGET_PER_ROW + 1, stats
        assert float(stats["exact_per_row"]) <= 2 * BUDGET_PER_ROW, stats
        assert peaks[-1] <= 8 * 1024 * m, (stats, peaks[-1] / m)
    assert peaks[1] < 2.6 * peaks[0], peaks  # quadratic would be 4x


@pytest.mark.parametrize(
    ("noise", "path"), [(1e-4, "gemm32+gemm64"), (1e-9, "gemm32+gemm64+brute")]
)
def test_a_search_over_budget_falls_back_and_stays_exact(noise: float, path: str) -> None:
    # two tight clusters at +-1: float32 margins (~1e-6 of |x|^2) let whole clusters
    # through; float64 separates noise 1e-4 but not 1e-9, where the brute force finishes
    rng = np.random.default_rng(6)
    m = 2500
    side = np.where(np.arange(m) % 2 == 0, -1.0, 1.0)
    points = side[:, None] + rng.standard_normal((m, 8)) * noise
    found = fast_knn.exact_self_neighbors(points, 5)
    stats = knn_prep.search_stats()
    assert stats["path"] == path, stats
    assert float(stats["pairs_per_row"]) <= 3 * BUDGET_PER_ROW, stats
    assert_exact(points, found, 5)


@pytest.mark.parametrize(
    ("make", "d", "sizes"),
    [
        (_sentinel_rows, 1, (100_000, 200_000)),
        (_sentinel_rows, 3, (50_000, 100_000)),
        (_dominant_rows, 2, (50_000, 100_000)),
    ],
    ids=["sentinel 1-D", "sentinel 3-D", "dominant 2-D"],
)
def test_100k_row_searches_are_linear(
    make: Callable[..., np.ndarray], d: int, sizes: tuple[int, int]
) -> None:
    nearest_neighbors(make(20_000, d), 5)  # warm up
    peaks = []
    for m in sizes:
        points = make(m, d)
        peaks.append(_peak(lambda p=points: nearest_neighbors(p, 5)))
        stats = knn_prep.search_stats()
        assert stats["path"] in ("kd_tree", "sorted_1d"), stats
        assert float(stats["exact_per_row"]) <= 2 * 5 + 1, stats
        assert peaks[-1] <= 2 * 1024 * m, (stats, peaks[-1] / m)
    assert peaks[1] < 2.6 * peaks[0], peaks


def test_small_class_work_is_linear_per_row() -> None:
    points = _sentinel_rows(1500, 10)
    nearest_neighbors(points, 5)
    stats = knn_prep.search_stats()
    assert stats["path"] == "brute"
    assert float(stats["exact_per_row"]) <= 3 * 5, stats
