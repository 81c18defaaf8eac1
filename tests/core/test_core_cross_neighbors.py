"""The cross neighbour search (query rows among reference rows): exact on every path.

The oracle computes every squared distance of the raw float64 rows by differences and
orders each query row's reference rows by (distance, reference index). On the inputs used
here the search's preparation (centring on the reference medians, power-of-two scaling)
changes no distance's ordering: the data are either tie-free random floats, where the
indices must match exactly, or small integers / exact copies, where the centring and
scaling are exact, so even exactly tied distances must resolve by reference index.
Work is bounded with the search's counters and memory with tracemalloc: never with time.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pd_imbalance._core import cross_knn
from pd_imbalance._core.knn_prep import search_stats
from pd_imbalance._core.neighbor_rule import NeighborRule
from pd_imbalance._core.neighbors import cross_neighbors
from pd_imbalance._core.smote_nc import MixedSpace, cross_space_neighbors

PATHS = ("direct", "kd_tree", "gemm32", "gemm64")


def oracle(query: np.ndarray, reference: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """k nearest by raw float64 differences, ties by reference index; and distances."""
    d2 = ((query[:, None, :] - reference[None, :, :]) ** 2).sum(axis=2)
    ties = np.broadcast_to(np.arange(len(reference)), d2.shape)
    index = np.lexsort((ties, d2), axis=1)[:, :k]
    return index, np.sqrt(np.take_along_axis(d2, index, axis=1))


def assert_matches(
    query: np.ndarray, reference: np.ndarray, k: int, path: str | None, *, rtol: float = 1e-9
) -> None:
    want_index, want_dist = oracle(query, reference, k)
    if path is None:
        index, dist = cross_neighbors(query, reference, k, return_distance=True)
    else:
        index, dist = cross_knn.cross_search(query, reference, k, path=path)
    assert index.shape == dist.shape == (len(query), k)
    assert index.dtype == np.intp
    np.testing.assert_array_equal(index, want_index)
    np.testing.assert_allclose(dist, want_dist, rtol=rtol, atol=0)


# --------------------------------------------------------------------------- geometries


def _gauss(rng: np.random.Generator, q: int, r: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    return rng.standard_normal((q, d)), rng.standard_normal((r, d))


def _grid(rng: np.random.Generator, q: int, r: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    # small integers: many exactly tied distances, all resolved by reference index
    return rng.integers(0, 4, (q, d)).astype(float), rng.integers(0, 4, (r, d)).astype(float)


def _copies(rng: np.random.Generator, q: int, r: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    values = rng.integers(-3, 3, (7, d)).astype(float)
    return values[rng.integers(0, 7, q)], values[rng.integers(0, 7, r)]


def _timestamps(rng: np.random.Generator, q: int, r: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    # unix seconds: the squares (3e18) dwarf the neighbour distances; integer-valued
    def draw(n: int) -> np.ndarray:
        return 1.7e9 + rng.integers(0, 10**6, (n, d)).astype(float)

    return draw(q), draw(r)


GEOMETRIES: dict[str, Callable[..., tuple[np.ndarray, np.ndarray]]] = {
    "gauss": _gauss,
    "grid": _grid,
    "copies": _copies,
    "timestamps": _timestamps,
}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("geometry", list(GEOMETRIES))
@pytest.mark.parametrize("d", [1, 2, 5, 9])
def test_every_path_matches_the_oracle(path: str, geometry: str, d: int) -> None:
    rng = np.random.default_rng(d)
    query, reference = GEOMETRIES[geometry](rng, 300, 700, d)
    assert_matches(query, reference, 5, path)


def test_the_sorted_path_matches_the_oracle_in_one_dimension() -> None:
    rng = np.random.default_rng(0)
    for geometry in GEOMETRIES:
        query, reference = GEOMETRIES[geometry](rng, 500, 900, 1)
        for k in (1, 4, 9):
            assert_matches(query, reference, k, "sorted_1d")


@pytest.mark.parametrize("path", PATHS)
def test_a_sentinel_query_or_reference_row(path: str) -> None:
    rng = np.random.default_rng(1)
    query, reference = _gauss(rng, 400, 3000, 6)
    query[5, 2] = 999_999_999.0
    assert_matches(query, reference, 5, path)
    query[5, 2] = 0.0
    reference[17, 4] = 999_999_999.0
    assert_matches(query, reference, 5, path)


@pytest.mark.parametrize("path", PATHS)
def test_a_dominant_column(path: str) -> None:
    rng = np.random.default_rng(2)
    query, reference = _gauss(rng, 300, 3000, 6)
    query[:, 0] *= 1e6
    reference[:, 0] *= 1e6
    assert_matches(query, reference, 4, path, rtol=1e-9)


def test_float32_blocks_that_cannot_separate_fall_back_to_float64() -> None:
    rng = np.random.default_rng(3)
    query, reference = _gauss(rng, 600, 5000, 8)
    query[:50, 1] = 999_999_999.0 + np.arange(50)  # their block needs float64
    assert_matches(query, reference, 5, "gemm32")
    assert search_stats()["path"] == "gemm32+gemm64"


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("q", "r", "k"), [(1, 1, 1), (1, 50, 50), (40, 3, 3), (3, 400, 400)])
def test_tiny_sets_and_k_equal_to_the_reference_rows(path: str, q: int, r: int, k: int) -> None:
    rng = np.random.default_rng(q * r)
    query, reference = _gauss(rng, q, r, 3)
    assert_matches(query, reference, k, path)


def test_the_dispatch_takes_every_path(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(4)
    cases = [((20, 30, 1), "direct"), ((600, 800, 1), "sorted_1d"), ((600, 800, 3), "kd_tree")]
    cases.append(((600, 800, 12), "gemm32"))
    for (q, r, d), path in cases:
        query, reference = _gauss(rng, q, r, d)
        assert_matches(query, reference, 3, None)
        assert search_stats()["path"] == path
    monkeypatch.setattr(cross_knn, "KD_TREE_MAX_DIM", 1)
    query, reference = _gauss(rng, 600, 800, 3)
    assert_matches(query, reference, 3, None)
    assert search_stats()["path"] == "gemm32"


@settings(max_examples=40, deadline=None)
@given(
    q=st.integers(1, 60),
    r=st.integers(1, 80),
    d=st.integers(1, 6),
    k=st.integers(1, 8),
    levels=st.sampled_from([0, 3, 50]),
    seed=st.integers(0, 2**32 - 1),
    path=st.sampled_from([*PATHS, "sorted_1d"]),
)
def test_property_any_path_any_shape(
    q: int, r: int, d: int, k: int, levels: int, seed: int, path: str
) -> None:
    rng = np.random.default_rng(seed)
    if path == "sorted_1d":
        d = 1
    k = min(k, r)
    if levels:  # integer values: exact ties
        query = rng.integers(0, levels, (q, d)).astype(float)
        reference = rng.integers(0, levels, (r, d)).astype(float)
    else:
        query, reference = _gauss(rng, q, r, d)
    assert_matches(query, reference, k, path)


def test_no_features_returns_the_first_rows() -> None:
    index, dist = cross_neighbors(np.empty((3, 0)), np.empty((5, 0)), 2, return_distance=True)
    assert index.tolist() == [[0, 1]] * 3
    assert dist.tolist() == [[0.0, 0.0]] * 3


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="k must be in"):
        cross_neighbors(np.zeros((2, 1)), np.zeros((3, 1)), 4)
    with pytest.raises(ValueError, match="columns"):
        cross_neighbors(np.zeros((2, 1)), np.zeros((3, 2)), 1)
    with pytest.raises(ValueError, match="finite"):
        cross_neighbors(np.array([[np.inf]]), np.zeros((3, 1)), 1)


def test_huge_values_give_distances_in_the_input_units() -> None:
    rng = np.random.default_rng(5)
    query, reference = _gauss(rng, 50, 2000, 3)
    want_index, want_dist = oracle(query, reference, 3)
    for exponent in (1020, -1030):  # near the largest floats; subnormal differences
        for path in PATHS:
            index, dist = cross_knn.cross_search(
                np.ldexp(query, exponent), np.ldexp(reference, exponent), 3, path=path
            )
            np.testing.assert_array_equal(index, want_index)
            np.testing.assert_allclose(np.ldexp(dist, -exponent), want_dist, rtol=1e-6)


@pytest.mark.parametrize("path", ["kd_tree", "gemm32"])
def test_memory_is_linear(path: str) -> None:
    """100k x 5k: a q x r matrix would be 4 GB; the peak stays near the inputs' size."""
    rng = np.random.default_rng(6)
    query, reference = _gauss(rng, 100_000, 5_000, 5)
    cross_knn.cross_search(query[:2000], reference, 3, path=path)  # warm-up (imports)
    gc.collect()
    tracemalloc.start()
    try:
        cross_knn.cross_search(query, reference, 3, path=path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 6 * query.nbytes, peak
    assert float(search_stats()["exact_per_row"]) < 40


def test_work_per_row_stays_small_on_a_large_reference() -> None:
    rng = np.random.default_rng(7)
    query, reference = _gauss(rng, 500, 60_000, 10)
    assert_matches(query[:50], reference, 5, "gemm32")
    cross_knn.cross_search(query, reference, 5, path="gemm32")
    assert float(search_stats()["exact_per_row"]) < 60


# ------------------------------------------------------------------------ mixed spaces


def oracle_space(
    space: MixedSpace, query: np.ndarray, reference: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    dense = space.dense
    diff = dense[query][:, None, :] - dense[reference][None, :, :]
    d2 = np.einsum("ijk,ijk->ij", diff, diff)
    for codes in space.wide:
        d2 += space.penalty2 * (codes[query][:, None] != codes[reference][None, :])
    ties = np.broadcast_to(np.arange(len(reference)), d2.shape)
    index = np.lexsort((ties, d2), axis=1)[:, :k]
    return index, np.sqrt(np.take_along_axis(d2, index, axis=1))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("n_dense", [0, 1, 3])
def test_mixed_space_cross_search_matches_the_oracle(seed: int, n_dense: int) -> None:
    rng = np.random.default_rng(seed)
    m = 900
    dense = rng.standard_normal((m, n_dense))
    wide = [rng.integers(0, 300, m), rng.integers(0, 100, m)]
    space = MixedSpace(dense, wide, float(rng.uniform(0.1, 3.0)))
    positions = rng.permutation(m)
    query, reference = positions[:250], positions[250:]
    if n_dense == 0:  # distances are whole multiples of the penalty: ties by index
        space = MixedSpace(dense, wide, 1.0)
    k = 6
    index, dist = cross_space_neighbors(space, query, reference, k, return_distance=True)
    want_index, want_dist = oracle_space(space, query, reference, k)
    np.testing.assert_allclose(dist, want_dist, rtol=1e-12)
    np.testing.assert_array_equal(index, want_index)
    if n_dense == 0:
        return
    # overlapping sets: a query row finds itself at distance 0
    index = NeighborRule("k", 1).across(space, query, positions, k=2)
    np.testing.assert_array_equal(positions[index[:, 0]], query)


def test_mixed_space_cross_search_is_linear() -> None:
    """Candidates are q * k plus the sharing pairs, never q x r."""
    rng = np.random.default_rng(8)
    m = 60_000
    space = MixedSpace(rng.standard_normal((m, 2)), [rng.integers(0, 20_000, m)], 1.0)
    query, reference = np.arange(20_000), np.arange(20_000, m)
    cross_space_neighbors(space, query[:100], reference, 3)
    gc.collect()
    tracemalloc.start()
    try:
        cross_space_neighbors(space, query, reference, 3)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40 * 2**20, peak  # a 20k x 40k matrix would be 6 GB
