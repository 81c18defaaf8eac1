"""The oversampling cores: random copies, the smoothed bootstrap's numbers, Borderline, ADASYN."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import BorderlineSMOTE
from sklearn.neighbors import NearestNeighbors

from pd_imbalance._core.adasyn import apportion, plan_adasyn
from pd_imbalance._core.borderline import danger_mask, plan_borderline
from pd_imbalance._core.neighbor_rule import NeighborRule
from pd_imbalance._core.neighborhood import nearest_among_all, other_class_counts
from pd_imbalance._core.oversample import (
    SCAN_MAX_CLASSES,
    class_positions,
    draw_copies,
    plan_random_oversample,
    population_std,
    resolve_shrinkage,
    shift_integers,
    smoothing_constant,
)
from pd_imbalance._core.random import spawn

# ------------------------------------------------------------------------------ helpers


def labelled_points(
    counts: list[int], d: int = 2, seed: int = 0, shift: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """Continuous random points (no distance ties); class ``c`` is shifted by ``c * shift``."""
    rng = np.random.default_rng(seed)
    codes = np.repeat(np.arange(len(counts)), counts)[rng.permutation(sum(counts))]
    x = rng.normal(size=(len(codes), d)) + shift * codes[:, None]
    return x, codes


def sk_nearest_others(x: np.ndarray, query: np.ndarray, k: int) -> np.ndarray:
    """scikit-learn: each query row's k nearest other rows among all rows (positions)."""
    found = NearestNeighbors(n_neighbors=k + 1, algorithm="brute").fit(x)
    near = np.asarray(found.kneighbors(x[query], return_distance=False))
    assert (near[:, 0] == query).all()  # tie-free: the row itself first
    return near[:, 1:]


def sk_own_class(x: np.ndarray, positions: np.ndarray, k: int) -> np.ndarray:
    """scikit-learn: each class row's k nearest rows of its class (class-local indices)."""
    found = NearestNeighbors(n_neighbors=k, algorithm="brute").fit(x[positions])
    return np.asarray(found.kneighbors(return_distance=False))


def features_of(x: np.ndarray):  # type: ignore[no-untyped-def]
    return lambda positions: x[positions]


# ------------------------------------------------------------------------- random copies


def test_plan_random_oversample_exact_counts_and_only_rows_of_the_class() -> None:
    rng = np.random.default_rng(1)
    codes = rng.integers(0, 3, size=500)
    counts = np.bincount(codes)
    final = np.array([counts.max() + 10, counts[1], counts.max()])
    picks = plan_random_oversample(codes, counts, final, np.random.SeedSequence(3))
    assert len(picks) == int((final - counts).sum())
    grown = final - counts
    # grouped by class, in class order
    expected = np.repeat(np.arange(3), grown)
    assert (codes[picks] == expected).all()


def test_plan_random_oversample_is_deterministic_and_leaves_the_seed_alone() -> None:
    codes = np.array([0] * 50 + [1] * 7 + [2] * 3)
    counts, final = np.array([50, 7, 3]), np.array([50, 50, 50])
    seed = np.random.SeedSequence(11)
    first = plan_random_oversample(codes, counts, final, seed)
    assert seed.n_children_spawned == 0
    assert (first == plan_random_oversample(codes, counts, final, seed)).all()
    other = plan_random_oversample(codes, counts, final, np.random.SeedSequence(12))
    assert not (first == other).all()


def test_each_class_draws_from_its_own_child_stream() -> None:
    """Class 2's copies depend only on the seed, the class and its count (the dask contract)."""
    codes = np.array([0] * 40 + [1] * 9 + [2] * 5)
    counts = np.array([40, 9, 5])
    seed = np.random.SeedSequence(5)
    a = plan_random_oversample(codes, counts, np.array([40, 40, 40]), seed)
    b = plan_random_oversample(codes, counts, np.array([40, 9, 40]), seed)  # class 1 not grown
    assert (a[-35:] == b).all()
    # the same draw from the class's child stream, by rank within the class
    child = spawn(seed, 3)[2]
    ranks = draw_copies(5, 35, np.random.default_rng(child))
    assert (b == np.flatnonzero(codes == 2)[ranks]).all()


def test_scan_and_sort_find_the_same_class_rows() -> None:
    rng = np.random.default_rng(0)
    n_classes = SCAN_MAX_CLASSES + 5
    codes = rng.integers(0, n_classes, size=2_000)
    many = class_positions(codes, np.arange(n_classes))
    for c in range(n_classes):
        assert (many[c] == np.flatnonzero(codes == c)).all()
    few = class_positions(codes, np.array([3, 1]))
    assert set(few) == {3, 1} and (few[3] == many[3]).all()


def test_copies_are_uniform_with_replacement() -> None:
    ranks = draw_copies(4, 40_000, np.random.default_rng(0))
    share = np.bincount(ranks, minlength=4) / 40_000
    assert np.abs(share - 0.25).max() < 0.01  # about 5 standard errors (0.0022)
    assert len(np.unique(draw_copies(3, 10, np.random.default_rng(0)))) <= 3  # repeats


# --------------------------------------------------------------------- smoothed bootstrap


def test_smoothing_constant_is_imbalanced_learns() -> None:
    for n, d in [(100, 1), (5_000, 10), (123, 7)]:
        assert smoothing_constant(n, d) == pytest.approx((4 / ((d + 2) * n)) ** (1 / (d + 4)))


def test_population_std_leaves_missing_and_infinite_values_out() -> None:
    assert population_std(np.array([1.0, 3.0, np.nan, -np.inf])) == pytest.approx(1.0)
    assert population_std(np.array([np.nan, np.nan])) == 0.0
    assert population_std(np.array([2.0, 4.0, 9.0])) == pytest.approx(np.std([2.0, 4.0, 9.0]))


def test_resolve_shrinkage_per_class_and_defaults() -> None:
    grown = np.array([False, True, True])
    assert resolve_shrinkage(None, ["a", "b", "c"], grown) is None
    assert resolve_shrinkage(0.5, ["a", "b", "c"], grown).tolist() == [0.0, 0.5, 0.5]
    # a class that grows but is not named is copied without noise; a non-grown one ignored
    assert resolve_shrinkage({"a": 3.0, "c": 2}, ["a", "b", "c"], grown).tolist() == [0, 0, 2]
    assert resolve_shrinkage(np.float32(1.5), ["a", "b", "c"], grown).tolist() == [0, 1.5, 1.5]


@pytest.mark.parametrize(
    ("shrinkage", "error", "words"),
    [
        (-0.1, ValueError, ["shrinkage=-0.1", ">= 0"]),
        ({"b": -1}, ValueError, ["shrinkage['b']=-1.0", ">= 0"]),
        ({"z": 1.0}, ValueError, ["'z'", "not in the label column", "['a', 'b']"]),
        (float("nan"), ValueError, ["finite"]),
        (float("inf"), ValueError, ["finite"]),
        (True, TypeError, ["shrinkage must be"]),
        ("1", TypeError, ["shrinkage must be"]),
        ({"a": "x"}, TypeError, ["shrinkage['a']"]),
    ],
)
def test_resolve_shrinkage_errors(shrinkage: object, error: type, words: list[str]) -> None:
    with pytest.raises(error) as info:
        resolve_shrinkage(shrinkage, ["a", "b"], np.array([True, True]))
    for word in words:
        assert word in str(info.value)


def test_shift_integers_rounds_and_saturates_at_the_dtype_bounds() -> None:
    top = np.iinfo(np.int64).max
    x = np.array([top - 1, np.iinfo(np.int64).min + 2, 5, 2**60 + 1], dtype=np.int64)
    out = shift_integers(x, np.array([10.0, -10.0, -2.6, 0.4]), -(2**63), top)
    assert out.tolist() == [top, -(2**63), 2, 2**60 + 1]  # the last keeps every digit
    u = np.array([2**64 - 2, 1, 7], dtype=np.uint64)
    out = shift_integers(u, np.array([5.0, -5.0, 1e30]), 0, 2**64 - 1)
    assert out.dtype == np.uint64 and out.tolist() == [2**64 - 1, 0, 2**64 - 1]
    small = shift_integers(np.array([250, 3], dtype=np.int64), np.array([9.0, -9.0]), 0, 255)
    assert small.tolist() == [255, 0]


# ---------------------------------------------------------------------------- neighbours


@pytest.mark.parametrize("seed", range(4))
def test_nearest_among_all_is_sklearn_minus_the_row_itself(seed: int) -> None:
    x, codes = labelled_points([80, 20], d=3, seed=seed)
    query = np.flatnonzero(codes == 1)
    expected = sk_nearest_others(x, query, 6)
    assert (nearest_among_all(NeighborRule("m", 6), x, query) == expected).all()
    obj = NeighborRule("m", 6, NearestNeighbors(n_neighbors=7))
    assert (nearest_among_all(obj, x, query) == expected).all()
    n_other, m = other_class_counts(NeighborRule("m", 6), x, codes, query, 1)
    assert m == 6 and (n_other == (codes[expected] != 1).sum(axis=1)).all()


def test_nearest_among_all_drops_the_farthest_when_duplicates_hide_the_row() -> None:
    x = np.zeros((4, 1))  # all at distance 0: row 3 may not list itself among 2
    near = nearest_among_all(NeighborRule("m", 1), x, np.array([3]))
    assert near.shape == (1, 1) and near[0, 0] != 3


# ------------------------------------------------------------------------ Borderline-SMOTE


def test_danger_mask_bounds() -> None:
    assert danger_mask(np.arange(11), 10).tolist() == [False] * 5 + [True] * 5 + [False]
    assert danger_mask(np.arange(6), 5).tolist() == [False, False, False, True, True, False]


def sk_danger(x: np.ndarray, codes: np.ndarray, c: int, m: int) -> np.ndarray:
    """The DANGER rows of class ``c`` (input positions), from the definition with sklearn."""
    positions = np.flatnonzero(codes == c)
    n_other = (codes[sk_nearest_others(x, positions, m)] != c).sum(axis=1)
    return positions[(n_other >= m / 2) & (n_other < m)]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("counts", [[150, 40], [120, 40, 25]])
def test_danger_set_equals_imbalanced_learns(seed: int, counts: list[int]) -> None:
    x, codes = labelled_points(counts, d=3, seed=seed, shift=1.2)
    sampler = BorderlineSMOTE(random_state=0, k_neighbors=3, m_neighbors=8)
    sampler.fit_resample(x, codes)
    final = np.full(len(counts), counts[0])
    plan, danger = plan_borderline(
        codes,
        np.array(counts),
        final,
        features_of(x),
        x,
        NeighborRule("k_neighbors", 3),
        NeighborRule("m_neighbors", 8),
        kind="borderline-1",
        seed=np.random.SeedSequence(seed),
    )
    for c in range(1, len(counts)):
        theirs = np.sort(sampler.in_danger_indices.get(c, np.empty(0, dtype=int)))
        mine = sk_danger(x, codes, c, 8)
        assert (mine == theirs).all()
        assert danger[c].danger == len(mine)
        assert danger[c].safe + danger[c].danger + danger[c].noise == counts[c]
        bases = np.unique(plan.base[plan.class_code == c])
        assert np.isin(bases, mine).all()
    assert plan.n_synthetic == int((final - np.array(counts)).sum())


@pytest.mark.parametrize("seed", range(5))
def test_borderline_1_neighbors_are_own_class_k_nearest(seed: int) -> None:
    x, codes = labelled_points([200, 50], d=2, seed=seed, shift=1.0)
    plan, _ = plan_borderline(
        codes,
        np.array([200, 50]),
        np.array([200, 200]),
        features_of(x),
        x,
        NeighborRule("k", 4),
        NeighborRule("m", 10),
        kind="borderline-1",
        seed=np.random.SeedSequence(seed),
    )
    positions = np.flatnonzero(codes == 1)
    own = positions[sk_own_class(x, positions, 4)]  # input positions, by class-local row
    local = np.searchsorted(positions, plan.base)
    assert (own[local] == plan.neighbor[:, None]).any(axis=1).all()
    assert ((plan.lam >= 0) & (plan.lam < 1)).all()
    assert (codes[plan.neighbor] == 1).all()
    assert set(np.unique(plan.base)) <= set(sk_danger(x, codes, 1, 10))


@pytest.mark.parametrize("seed", range(5))
def test_borderline_2_neighbors_of_any_class_with_lam_below_half_toward_others(seed: int) -> None:
    x, codes = labelled_points([200, 60], d=2, seed=seed, shift=1.0)
    plan, _ = plan_borderline(
        codes,
        np.array([200, 60]),
        np.array([200, 400]),
        features_of(x),
        x,
        NeighborRule("k", 5),
        NeighborRule("m", 10),
        kind="borderline-2",
        seed=np.random.SeedSequence(seed),
    )
    assert plan.n_synthetic == 340
    any_class = sk_nearest_others(x, plan.base, 5)
    assert (any_class == plan.neighbor[:, None]).any(axis=1).all()
    other = codes[plan.neighbor] != 1
    assert other.any() and (~other).any()  # neighbours from both classes
    assert ((plan.lam[other] >= 0) & (plan.lam[other] < 0.5)).all()
    assert plan.lam[~other].max() > 0.5  # U[0, 1) toward the own class
    assert plan.lam[other].max() > 0.4  # and the whole of [0, 0.5) toward others
    # the votes (SMOTE-NC) are the base's own-class neighbours
    positions = np.flatnonzero(codes == 1)
    own = positions[sk_own_class(x, positions, 5)]
    votes = plan.sources[plan.neighbors_local[plan.base_local]]
    assert (
        np.sort(votes, axis=1) == np.sort(own[np.searchsorted(positions, plan.base)], axis=1)
    ).all()


def test_borderline_class_without_danger_gets_no_rows() -> None:
    # class 1 far away: every row safe
    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal(size=(50, 2)), rng.normal(size=(12, 2)) + 100])
    codes = np.repeat([0, 1], [50, 12])
    plan, danger = plan_borderline(
        codes,
        np.array([50, 12]),
        np.array([50, 50]),
        features_of(x),
        x,
        NeighborRule("k", 3),
        NeighborRule("m", 5),
        kind="borderline-2",
        seed=np.random.SeedSequence(0),
        votes=False,
    )
    assert plan.n_synthetic == 0
    assert (danger[1].safe, danger[1].danger, danger[1].noise, danger[1].m) == (12, 0, 0, 5)


# ---------------------------------------------------------------------------------- ADASYN


@given(
    st.lists(st.integers(0, 10), min_size=1, max_size=40).filter(lambda w: sum(w) > 0),
    st.integers(0, 5_000),
)
@settings(max_examples=200, deadline=None)
def test_apportion_sums_exactly_and_stays_within_one_of_the_quota(
    weights: list[int], total: int
) -> None:
    shares = apportion(np.array(weights), total)
    assert int(shares.sum()) == total
    quota = np.array(weights) * total / sum(weights)
    assert (np.abs(shares - quota) < 1).all()
    assert (shares[np.array(weights) == 0] == 0).all()


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("counts", [[300, 40], [200, 60, 30]])
def test_adasyn_per_row_counts_follow_the_ratios(seed: int, counts: list[int]) -> None:
    x, codes = labelled_points(counts, d=3, seed=seed, shift=1.0)
    final = np.full(len(counts), counts[0])
    plan, per_row = plan_adasyn(
        codes,
        np.array(counts),
        final,
        features_of(x),
        x,
        NeighborRule("k", 5),
        np.random.SeedSequence(seed),
    )
    assert plan.n_synthetic == int((final - np.array(counts)).sum())
    for c in range(1, len(counts)):
        positions = np.flatnonzero(codes == c)
        n_other = (codes[sk_nearest_others(x, positions, 5)] != c).sum(axis=1)
        assert (per_row[c] == n_other).all()
        mine = plan.class_code == c
        got = np.bincount(np.searchsorted(positions, plan.base[mine]), minlength=len(positions))
        quota = n_other / n_other.sum() * (counts[0] - counts[c])  # r_i / sum(r) * G
        assert got.sum() == counts[0] - counts[c]
        assert (np.abs(got - quota) < 1).all()
        assert (got[n_other == 0] == 0).all()
        # SMOTE toward the base's own-class neighbours
        own = positions[sk_own_class(x, positions, 5)]
        base_local = np.searchsorted(positions, plan.base[mine])
        assert (own[base_local] == plan.neighbor[mine][:, None]).any(axis=1).all()


def test_adasyn_class_without_other_class_neighbours_gets_no_rows() -> None:
    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal(size=(40, 2)), rng.normal(size=(10, 2)) + 100])
    codes = np.repeat([0, 1], [40, 10])
    plan, per_row = plan_adasyn(
        codes,
        np.array([40, 10]),
        np.array([40, 40]),
        features_of(x),
        x,
        NeighborRule("k", 3),
        np.random.SeedSequence(0),
    )
    assert plan.n_synthetic == 0 and not per_row[1].any()


def test_variant_plans_are_deterministic_and_leave_the_seed_alone() -> None:
    x, codes = labelled_points([150, 40], d=2, seed=3, shift=1.0)
    seed = np.random.SeedSequence(9)
    args = (codes, np.array([150, 40]), np.array([150, 150]), features_of(x), x)
    one, _ = plan_adasyn(*args, NeighborRule("k", 5), seed)
    two, _ = plan_adasyn(*args, NeighborRule("k", 5), seed)
    assert seed.n_children_spawned == 0
    assert (one.base == two.base).all() and (one.lam == two.lam).all()
    rules = (NeighborRule("k", 5), NeighborRule("m", 10))
    b1, _ = plan_borderline(*args, *rules, kind="borderline-2", seed=seed)
    b2, _ = plan_borderline(*args, *rules, kind="borderline-2", seed=seed)
    assert (b1.neighbor == b2.neighbor).all() and (b1.lam == b2.lam).all()
