"""The nan-euclidean neighbour search: exact against brute-force oracles, deterministic."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics.pairwise import nan_euclidean_distances

from pd_imbalance._core import nan_knn
from pd_imbalance._core.nan_knn import (
    NanSpace,
    nan_cross_neighbors,
    nan_nearest_neighbors,
    nan_squared_distances,
)
from pd_imbalance._core.neighbor_rule import NeighborRule
from pd_imbalance._core.smote_nc import class_neighbors, distance_space, nan_distance_space


def plain(values: np.ndarray) -> NanSpace:
    return NanSpace(values, np.empty((len(values), 0)))


def with_nan(rng: np.random.Generator, values: np.ndarray, share: float = 0.2) -> np.ndarray:
    out = values.astype(np.float64)
    out[rng.random(out.shape) < share] = np.nan
    return out


def ranked(d2: np.ndarray, k: int, exclude_self: bool) -> np.ndarray:
    """Brute force: sort each row by distance, ties to the lower index (the row itself last)."""
    out = []
    columns = np.arange(d2.shape[1])
    for i, row in enumerate(d2):
        last = (columns == i) if exclude_self else np.zeros(len(columns), bool)
        out.append(np.lexsort((columns, row, last))[:k])
    return np.array(out, dtype=np.intp).reshape(len(d2), k)


def sklearn_d2(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    d2 = nan_euclidean_distances(a, b, squared=True)
    d2[np.isnan(d2)] = np.inf  # no coordinate in common: infinitely far
    return d2


def definition_d2(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The distance written out: column by column over the shared coordinates, S / n * d."""
    d = a.shape[1]
    total = np.zeros((len(a), len(b)))
    shared = np.zeros((len(a), len(b)))
    for j in range(d):
        diff = a[:, j][:, None] - b[:, j][None, :]
        present = ~np.isnan(diff)
        total += np.where(present, diff * diff, 0.0)
        shared += present
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(shared > 0, total / shared * d, np.inf)


def test_within_matches_sklearn_on_integer_data_with_ties() -> None:
    # small integers: scikit-learn's products are exact, so its ranking (ties included) is
    # the true one, and ours must equal it index for index
    rng = np.random.default_rng(0)
    for _ in range(150):
        m, d = int(rng.integers(3, 40)), int(rng.integers(1, 6))
        k = int(rng.integers(1, m))
        x = with_nan(rng, rng.integers(-3, 4, (m, d)))
        expected = ranked(sklearn_d2(x, x), k, exclude_self=True)
        assert np.array_equal(nan_nearest_neighbors(plain(x), k), expected)


def test_within_matches_the_definition_on_far_from_zero_floats() -> None:
    rng = np.random.default_rng(1)
    for _ in range(150):
        m, d = int(rng.integers(3, 40)), int(rng.integers(1, 7))
        k = int(rng.integers(1, m))
        scale = 10.0 ** int(rng.integers(-3, 6))
        x = with_nan(rng, rng.normal(size=(m, d)) * scale + rng.normal() * 1e4)
        expected = ranked(definition_d2(x, x), k, exclude_self=True)
        assert np.array_equal(nan_nearest_neighbors(plain(x), k), expected)


def test_within_agrees_with_sklearn_distances_on_floats() -> None:
    rng = np.random.default_rng(2)
    for _ in range(60):
        m, d = int(rng.integers(5, 60)), int(rng.integers(1, 8))
        k = int(rng.integers(1, min(m, 8)))
        x = with_nan(rng, rng.normal(size=(m, d)))
        d2 = sklearn_d2(x, x)
        np.fill_diagonal(d2, np.inf)
        found = nan_nearest_neighbors(plain(x), k)
        kth = np.sort(d2, axis=1)[:, :k]
        np.testing.assert_allclose(np.take_along_axis(d2, found, axis=1), kth, rtol=1e-9)


def test_cross_matches_sklearn_and_returns_its_distances() -> None:
    rng = np.random.default_rng(3)
    for _ in range(80):
        q, r, d = int(rng.integers(1, 30)), int(rng.integers(2, 40)), int(rng.integers(1, 6))
        k = int(rng.integers(1, r + 1))
        a = with_nan(rng, rng.integers(-2, 3, (q, d)))
        b = with_nan(rng, rng.integers(-2, 3, (r, d)))
        index, dist = nan_cross_neighbors(plain(a), plain(b), k, return_distance=True)
        d2 = sklearn_d2(a, b)
        assert np.array_equal(index, ranked(d2, k, exclude_self=False))
        np.testing.assert_allclose(dist, np.sqrt(np.take_along_axis(d2, index, axis=1)))


def test_many_blocks_give_the_same_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(4)
    x = with_nan(rng, rng.integers(-3, 4, (300, 4)), 0.3)
    whole = nan_nearest_neighbors(plain(x), 7)
    monkeypatch.setattr(nan_knn, "BLOCK_ENTRIES", 700)  # 2 query rows per block
    assert np.array_equal(nan_nearest_neighbors(plain(x), 7), whole)
    assert np.array_equal(whole, ranked(sklearn_d2(x, x), 7, exclude_self=True))
    assert np.array_equal(nan_nearest_neighbors(plain(x), 7), whole)  # deterministic


def test_rows_with_no_shared_coordinate_are_infinitely_far_and_come_last_by_index() -> None:
    x = np.array([[0.0, np.nan], [np.nan, 1.0], [np.nan, 5.0], [3.0, np.nan]])
    index, dist = nan_cross_neighbors(plain(x[:1]), plain(x), 4, return_distance=True)
    assert index.tolist() == [[0, 3, 1, 2]]
    assert dist.tolist() == [[0.0, np.sqrt(18.0), np.inf, np.inf]]
    assert nan_nearest_neighbors(plain(x), 3)[0].tolist() == [3, 1, 2]


def test_complete_columns_are_added_unweighted() -> None:
    values = np.array([[0.0, np.nan], [1.0, 2.0], [np.nan, 2.0]])
    other = np.array([[0.0], [3.0], [0.0]])
    space = NanSpace(values, other)
    d2 = nan_squared_distances(space, space, np.array([0, 0, 1]), np.array([1, 2, 2]))
    # (0,1): 1 over one of 2 columns -> 2, plus 9; (0,2): no shared column; (1,2): 0 * 2 + 9
    assert d2.tolist() == [11.0, np.inf, 9.0]


def test_mixed_space_neighbours_against_the_smote_nc_oracle() -> None:
    rng = np.random.default_rng(5)
    for _ in range(60):
        m = int(rng.integers(4, 40))
        k = int(rng.integers(1, m))
        cont = with_nan(rng, rng.integers(-3, 4, (m, 2)))
        cats = rng.integers(-1, 3, m)  # -1: a missing category
        space = nan_distance_space(cont, [cats])
        penalty = float(np.median(np.nanstd(cont, axis=0)))
        penalty = penalty if penalty > 0 else 1.0
        # a missing category is a level of its own: mismatch unless both are missing
        d2 = sklearn_d2(cont, cont) + penalty**2 * (cats[:, None] != cats[None, :])
        np.fill_diagonal(d2, np.inf)
        found = class_neighbors(space, k)
        np.testing.assert_allclose(
            np.take_along_axis(d2, found, axis=1), np.sort(d2, axis=1)[:, :k], rtol=1e-9
        )


def test_distance_space_switches_only_when_values_are_missing() -> None:
    complete = np.array([[0.0], [1.0], [3.0]])
    assert isinstance(distance_space(complete, []), np.ndarray)
    assert isinstance(distance_space(np.array([[0.0], [np.nan], [3.0]]), []), NanSpace)


def test_neighbor_rule_routes_nan_spaces_and_refuses_search_objects() -> None:
    from sklearn.neighbors import NearestNeighbors

    x = np.array([[0.0, np.nan], [1.0, 1.0], [np.nan, 5.0], [4.0, 4.0]])
    space = plain(x)
    rule = NeighborRule("k_neighbors", 2)
    assert np.array_equal(rule.within(space), ranked(sklearn_d2(x, x), 2, exclude_self=True))
    across = rule.across(space, np.array([3, 0]), np.array([0, 1, 2]), k=2)
    assert across.tolist() == ranked(sklearn_d2(x[[3, 0]], x[:3]), 2, False).tolist()
    with pytest.raises(ValueError, match="missing values"):
        NeighborRule("k_neighbors", 2, NearestNeighbors(n_neighbors=3)).within(space)


def test_k_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="k must be in"):
        nan_nearest_neighbors(plain(np.array([[0.0], [np.nan]])), 2)
