"""Exact neighbour search: the float32-GEMM search against float64 brute force."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pd_imbalance as pdi
from pd_imbalance._core import neighbors
from pd_imbalance._core.fast_knn import exact_self_neighbors


def true_kth_distances(points: np.ndarray, k: int) -> np.ndarray:
    """Float64 squared distances to the k nearest other rows, ascending (brute force)."""
    x = np.asarray(points, dtype=np.float64)
    m = len(x)
    out = np.empty((m, k))
    for start in range(0, m, 256):
        diff = x[start : start + 256, None, :] - x[None, :, :]
        d2 = np.einsum("ijk,ijk->ij", diff, diff)
        d2[np.arange(len(d2)), np.arange(start, start + len(d2))] = np.inf  # not itself
        out[start : start + 256] = np.sort(np.partition(d2, k - 1, axis=1)[:, :k], axis=1)
    return out


def assert_exact(points: np.ndarray, found: np.ndarray, k: int) -> None:
    m = len(points)
    assert found.shape == (m, k)
    assert not (found == np.arange(m)[:, None]).any(), "a row is its own neighbour"
    assert (np.sort(found, axis=1)[:, 1:] != np.sort(found, axis=1)[:, :-1]).all()
    x = np.asarray(points, dtype=np.float64)
    diff = x[:, None, :] - x[found]
    got = np.einsum("ijk,ijk->ij", diff, diff)
    assert (np.diff(got, axis=1) >= 0).all(), "not nearest first"
    want = true_kth_distances(points, k)
    scale = np.einsum("ij,ij->i", x - x.mean(0), x - x.mean(0)).max() + 1e-300
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-13 * scale)


RNG = np.random.default_rng(7)


def _clusters() -> np.ndarray:
    centres = np.repeat(RNG.standard_normal((40, 8)), 60, axis=0)
    return centres + RNG.standard_normal(centres.shape) * 1e-6


def _dup_groups() -> np.ndarray:
    x = RNG.standard_normal((3000, 6))
    i = 0
    for size in [4, 5, 6, 7] * 80:  # groups of k-1 .. k+2 identical rows
        x[i : i + size] = x[i]
        i += size
    return x


CASES = {
    "gauss 20-d": (lambda: RNG.standard_normal((3000, 20)), 5),
    "gauss float32": (lambda: RNG.standard_normal((3000, 20)).astype(np.float32), 5),
    "100-d": (lambda: RNG.standard_normal((2500, 100)), 5),
    "one column": (lambda: RNG.standard_normal((3000, 1)), 5),
    "k=1": (lambda: RNG.standard_normal((3000, 7)), 1),
    "k=20": (lambda: RNG.standard_normal((3000, 16)), 20),
    "integer ties": (lambda: RNG.integers(0, 4, (4000, 3)).astype(float), 5),
    "columns scaled 1e3": (lambda: RNG.standard_normal((3000, 5)) * [1, 1, 1e3, 1e3, 1], 5),
    "offset 1e6": (lambda: RNG.standard_normal((3000, 5)) * 1e-3 + 1e6, 5),
    "huge scale": (lambda: RNG.standard_normal((3000, 10)) * 1e150, 5),
    "tiny float32": (lambda: (RNG.standard_normal((3000, 10)) * 1e-30).astype(np.float32), 4),
    "near-duplicate clusters": (_clusters, 5),
    "identical groups": (_dup_groups, 5),
    "all identical": (lambda: np.ones((2100, 4)), 5),
    "m = k + 1": (lambda: RNG.standard_normal((6, 3)), 5),
}


@pytest.mark.parametrize("case", list(CASES))
def test_fast_search_is_exact(case: str) -> None:
    make, k = CASES[case]
    points = make()
    assert_exact(points, exact_self_neighbors(points, k), k)


def test_fast_search_single_thread_gives_the_same_distances() -> None:
    points = RNG.standard_normal((2500, 12))
    assert_exact(points, exact_self_neighbors(points, 5, n_threads=1), 5)


@settings(max_examples=60, deadline=None)
@given(
    m=st.integers(2, 300),
    d=st.integers(1, 6),
    k=st.integers(1, 8),
    levels=st.sampled_from([2, 5, 0]),  # 0: continuous values; else few values, many ties
    seed=st.integers(0, 2**32 - 1),
)
def test_fast_search_property(m: int, d: int, k: int, levels: int, seed: int) -> None:
    k = min(k, m - 1)
    rng = np.random.default_rng(seed)
    points = rng.integers(0, levels, (m, d)).astype(float) if levels else rng.normal(size=(m, d))
    assert_exact(points, exact_self_neighbors(points, k), k)


def test_dispatch_uses_the_fast_search_for_large_classes(monkeypatch: pytest.MonkeyPatch):
    calls: list[int] = []
    import pd_imbalance._core.fast_knn as fast

    original = fast.exact_self_neighbors

    def spy(points: np.ndarray, k: int, **options: bool) -> np.ndarray:
        calls.append(len(points))
        return original(points, k, **options)

    monkeypatch.setattr(fast, "exact_self_neighbors", spy)
    small = RNG.standard_normal((neighbors.FAST_MIN_ROWS - 1, 3))
    assert_exact(small, neighbors.nearest_neighbors(small, 3), 3)
    assert calls == []
    big = RNG.standard_normal((neighbors.FAST_MIN_ROWS, 3))
    assert_exact(big, neighbors.nearest_neighbors(big, 3), 3)
    assert calls == [neighbors.FAST_MIN_ROWS]
    many = neighbors.FAST_MAX_K + 1  # k rounds of selection: large k goes to the heap
    assert_exact(big, neighbors.nearest_neighbors(big, many), many)
    assert calls == [neighbors.FAST_MIN_ROWS]


def test_smote_on_a_large_class_uses_exact_neighbours() -> None:
    rng = np.random.default_rng(3)
    n_min = neighbors.FAST_MIN_ROWS + 500
    df = pd.DataFrame(rng.standard_normal((3 * n_min, 4)), columns=list("abcd"))
    df["y"] = np.repeat([0, 1, 0], n_min)
    res = pdi.smote(df, "y", random_state=0, return_plan=True)
    prov = res.provenance
    minority = np.flatnonzero(df["y"].to_numpy() == 1)
    x = df[list("abcd")].to_numpy()
    local = {p: i for i, p in enumerate(minority)}
    kth = true_kth_distances(x[minority], 5)[:, -1]
    base = prov["base_position"].to_numpy()
    nbr = prov["neighbor_position"].to_numpy()
    d2 = ((x[base] - x[nbr]) ** 2).sum(axis=1)
    limit = kth[[local[p] for p in base]]
    assert (d2 <= limit * (1 + 1e-12)).all()
    assert (base != nbr).all()


@pytest.mark.parametrize(
    ("m", "d", "k", "path"),
    [
        (3000, 1, 5, "sorted_1d"),
        (50, 1, 5, "sorted_1d"),
        (neighbors.KD_TREE_MIN_ROWS[2], 2, 5, "kd_tree"),
        (neighbors.KD_TREE_MIN_ROWS[3] - 1, 3, 5, "gemm32"),
        (neighbors.KD_TREE_MIN_ROWS[3], 3, 5, "kd_tree"),
        (neighbors.FAST_MIN_ROWS, 5, 5, "gemm32"),
        (neighbors.FAST_MIN_ROWS - 1, 5, 5, "brute"),
        (neighbors.FAST_MIN_ROWS, 5, neighbors.FAST_MAX_K + 1, "brute"),
    ],
)
def test_dispatch_paths_are_exact(m: int, d: int, k: int, path: str) -> None:
    from pd_imbalance._core.knn_prep import search_stats

    points = RNG.standard_normal((m, d))
    found = neighbors.nearest_neighbors(points, k)
    assert search_stats()["path"] == path
    assert_exact(points, found, k)


def test_brute_neighbors_is_exact_on_large_offsets() -> None:
    points = RNG.standard_normal((400, 3)) + np.array([1.7e9, 0.0, -3e8])
    assert_exact(points, neighbors.brute_neighbors(points, 4), 4)


@pytest.mark.parametrize("d", [5, 6])
def test_five_and_six_features_take_the_kd_tree_from_their_thresholds(
    d: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pd_imbalance._core.knn_prep import search_stats

    assert neighbors.KD_TREE_MIN_ROWS[d] > neighbors.FAST_MIN_ROWS
    points = RNG.standard_normal((3000, d))
    neighbors.nearest_neighbors(points, 5)
    assert search_stats()["path"] == "gemm32"  # below the threshold
    monkeypatch.setitem(neighbors.KD_TREE_MIN_ROWS, d, 3000)
    found = neighbors.nearest_neighbors(points, 5)
    assert search_stats()["path"] == "kd_tree"
    assert_exact(points, found, 5)
