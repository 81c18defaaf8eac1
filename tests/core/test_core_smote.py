"""The array-only SMOTE core: neighbours, planning, interpolation, SMOTE-NC voting."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.neighbors import NearestNeighbors

from pd_imbalance._core.neighbors import exclude_self, nearest_neighbors
from pd_imbalance._core.smote import SmotePlan, interpolate_into, most_common_into, plan_smote
from pd_imbalance._core.smote_nc import distance_space, smote_nc_penalty


def oracle_neighbors(points: np.ndarray, k: int) -> np.ndarray:
    """scikit-learn's brute-force k nearest *other* rows (``kneighbors()`` without X skips self)."""
    search = NearestNeighbors(n_neighbors=k, algorithm="brute").fit(points)
    return np.asarray(search.kneighbors(return_distance=False))


def hand_plan(
    base: list[int] | np.ndarray,
    neighbor: list[int] | np.ndarray,
    lam: list[float] | np.ndarray,
    neighborhoods: list[list[int]] | np.ndarray | None = None,
    n: int = 0,
) -> SmotePlan:
    """A plan from global positions: every synthetic row gets source rows of its own."""
    base = np.asarray(base, dtype=np.intp)
    neighbor = np.asarray(neighbor, dtype=np.intp)
    s = len(base)
    if neighborhoods is None:
        neighborhoods = neighbor[:, None]
    neighborhoods = np.asarray(neighborhoods, dtype=np.intp).reshape(s, -1)
    k = neighborhoods.shape[1]
    sources = np.concatenate([base, neighbor, neighborhoods.ravel()])
    neighbors_local = np.zeros((len(sources), k), dtype=np.int32)
    neighbors_local[:s] = 2 * s + np.arange(s * k).reshape(s, k)
    return SmotePlan(
        sources=sources,
        base_local=np.arange(s, dtype=np.int32),
        neighbor_local=np.arange(s, 2 * s, dtype=np.int32),
        lam=np.asarray(lam, dtype=np.float64),
        class_code=np.zeros(s, dtype=np.int32),
        neighbors_local=neighbors_local,
    )


def neighborhoods(plan: SmotePlan) -> np.ndarray:
    """Input positions of each synthetic row's base's k neighbours (what SMOTE-NC votes on)."""
    return plan.sources[plan.neighbors_local[plan.base_local]]


def features_of(points: np.ndarray):  # the callable plan_smote expects
    return lambda positions: points[positions]


# --------------------------------------------------------------------------- exclude_self


def test_exclude_self_docstring_example() -> None:
    got = exclude_self(np.array([[0, 1, 2], [0, 1, 2], [1, 0, 3]]))
    assert got.tolist() == [[1, 2], [0, 2], [1, 0]]


def test_exclude_self_drops_self_wherever_it_is() -> None:
    found = np.array([[0, 3, 1], [2, 1, 0], [3, 2, 1], [1, 0, 3]])
    assert exclude_self(found).tolist() == [[3, 1], [2, 0], [3, 1], [1, 0]]


def test_exclude_self_missing_self_drops_farthest() -> None:
    # rows 0..3 are copies; row 2's self is not among its candidates
    found = np.array([[0, 1], [1, 0], [0, 1], [3, 0]])
    got = exclude_self(found)
    assert got.shape == (4, 1)
    assert got.tolist() == [[1], [0], [0], [0]]
    assert not (got == np.arange(4)[:, None]).any()


# --------------------------------------------------------------------- nearest_neighbors


def test_nearest_neighbors_docstring_example() -> None:
    pts = np.array([[0.0], [1.0], [3.0], [10.0]])
    assert nearest_neighbors(pts, 2).tolist() == [[1, 2], [0, 2], [1, 0], [2, 1]]


@pytest.mark.parametrize("k", [1, 2, 5])
@pytest.mark.parametrize("d", [1, 3, 20])
def test_nearest_neighbors_matches_sklearn_brute(k: int, d: int) -> None:
    points = np.random.default_rng(k * 100 + d).normal(size=(60, d))
    got = nearest_neighbors(points, k)
    assert got.shape == (60, k)
    assert np.issubdtype(got.dtype, np.integer)
    np.testing.assert_array_equal(got, oracle_neighbors(points, k))
    assert not (got == np.arange(60)[:, None]).any()
    # nearest first
    dist = np.linalg.norm(points[got] - points[:, None, :], axis=2)
    assert np.all(np.diff(dist, axis=1) >= 0)


def test_nearest_neighbors_with_duplicates_never_returns_self() -> None:
    # four copies of one point, two of another: more copies than k + 1
    points = np.array([[0.0, 0.0]] * 4 + [[5.0, 5.0]] * 2 + [[9.0, 0.0]])
    for k in (1, 2, 3):
        got = nearest_neighbors(points, k)
        assert got.shape == (7, k)
        assert not (got == np.arange(7)[:, None]).any()
        assert all(len(set(row)) == k for row in got.tolist())
        # a copy of a point is always among its nearest (distance 0)
        assert set(got[:4, 0].tolist()) <= {0, 1, 2, 3}
        assert set(got[4:6, 0].tolist()) <= {4, 5}


def test_nearest_neighbors_m_equals_k_plus_one() -> None:
    points = np.array([[0.0], [1.0], [4.0]])
    got = nearest_neighbors(points, 2)
    assert [sorted(r) for r in got.tolist()] == [[1, 2], [0, 2], [0, 1]]
    assert got[:, 0].tolist() == [1, 0, 1]


# ----------------------------------------------------------------------------- plan_smote


def _plan_case(seed: int = 0, k: int = 3, final: tuple[int, ...] = (80, 80, 80)):
    rng = np.random.default_rng(seed)
    codes = rng.permutation(np.repeat([0, 1, 2], [80, 25, 12]))
    points = rng.normal(size=(len(codes), 3))
    counts = np.bincount(codes)
    plan = plan_smote(
        codes, counts, np.array(final), features_of(points), k, np.random.SeedSequence(seed)
    )
    return codes, points, counts, plan


def test_plan_smote_counts_classes_and_neighbourhoods() -> None:
    k = 3
    codes, points, _counts, plan = _plan_case(k=k)
    n = len(codes)
    final = np.bincount(codes) + np.bincount(plan.class_code, minlength=3)
    assert final.tolist() == [80, 80, 80]
    assert plan.n_synthetic == 55 + 68
    assert n + plan.n_synthetic == 240
    # synthetic rows grouped by class, in class order; none for the majority
    assert plan.class_code.tolist() == [1] * 55 + [2] * 68
    assert (codes[plan.base] == plan.class_code).all()
    assert (codes[plan.neighbor] == plan.class_code).all()
    assert ((plan.lam >= 0) & (plan.lam < 1)).all()
    assert neighborhoods(plan).shape == (plan.n_synthetic, k)
    for c in (1, 2):
        positions = np.flatnonzero(codes == c)
        expected = positions[oracle_neighbors(points[positions], k)]
        rank = np.searchsorted(positions, plan.base[plan.class_code == c])
        np.testing.assert_array_equal(neighborhoods(plan)[plan.class_code == c], expected[rank])
    # the chosen neighbour is one of the base row's neighbourhood
    assert (neighborhoods(plan) == plan.neighbor[:, None]).any(axis=1).all()


def test_plan_smote_deterministic_and_seed_dependent() -> None:
    *_, a = _plan_case(seed=3)
    *_, b = _plan_case(seed=3)
    for field in ("base", "neighbor", "lam", "class_code"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field))
    np.testing.assert_array_equal(neighborhoods(a), neighborhoods(b))
    rng = np.random.default_rng(0)
    codes = rng.permutation(np.repeat([0, 1], [80, 25]))
    points = rng.normal(size=(len(codes), 2))
    plans = [
        plan_smote(codes, np.bincount(codes), np.array([80, 80]), features_of(points), 3, s)
        for s in (np.random.SeedSequence(1), np.random.SeedSequence(2))
    ]
    assert not np.array_equal(plans[0].lam, plans[1].lam)
    assert not np.array_equal(plans[0].base, plans[1].base)


def test_plan_smote_class_stream_independent_of_other_classes() -> None:
    *_, both = _plan_case(final=(80, 50, 40))
    *_, only_one = _plan_case(final=(80, 50, 12))
    in_both = both.class_code == 1
    assert only_one.class_code.tolist() == [1] * 25
    np.testing.assert_array_equal(both.base[in_both], only_one.base)
    np.testing.assert_array_equal(both.lam[in_both], only_one.lam)


def test_plan_smote_nothing_to_grow() -> None:
    codes = np.repeat([0, 1], [10, 4])
    points = np.arange(14, dtype=np.float64)[:, None]
    plan = plan_smote(
        codes,
        np.bincount(codes),
        np.array([10, 4]),
        features_of(points),
        2,
        np.random.SeedSequence(0),
    )
    assert plan.n_synthetic == 0
    assert neighborhoods(plan).shape == (0, 2)
    assert len(plan.base) == len(plan.neighbor) == len(plan.lam) == 0
    assert len(plan.sources) == 0


def test_plan_smote_draws_are_uniform() -> None:
    rng = np.random.default_rng(5)
    codes = np.repeat([0, 1], [4000, 20])
    points = rng.normal(size=(len(codes), 2))
    k = 4
    plan = plan_smote(
        codes,
        np.bincount(codes),
        np.array([4000, 4000]),
        features_of(points),
        k,
        np.random.SeedSequence(5),
    )
    s = plan.n_synthetic
    # every base row used, about s/20 times each
    base_hits = np.bincount(plan.base - 4000, minlength=20)
    assert base_hits.min() > 0.6 * s / 20 and base_hits.max() < 1.4 * s / 20
    # neighbour rank uniform over the k neighbours
    rank = np.argmax(neighborhoods(plan) == plan.neighbor[:, None], axis=1)
    rank_hits = np.bincount(rank, minlength=k)
    assert rank_hits.min() > 0.85 * s / k and rank_hits.max() < 1.15 * s / k
    # lam ~ U[0, 1)
    assert abs(plan.lam.mean() - 0.5) < 0.02
    assert abs(np.mean(plan.lam < 0.25) - 0.25) < 0.03


@settings(max_examples=30, deadline=None)
@given(
    counts=st.lists(st.integers(6, 30), min_size=2, max_size=4),
    k=st.integers(1, 5),
    seed=st.integers(0, 10_000),
)
def test_plan_smote_property(counts: list[int], k: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    codes = rng.permutation(np.repeat(np.arange(len(counts)), counts))
    points = rng.normal(size=(len(codes), 2))
    counts_arr = np.bincount(codes)
    final = np.full(len(counts), max(counts) + 7)
    plan = plan_smote(
        codes, counts_arr, final, features_of(points), k, np.random.SeedSequence(seed)
    )
    assert (
        np.bincount(plan.class_code, minlength=len(counts)).tolist()
        == (final - counts_arr).tolist()
    )
    assert (codes[plan.base] == plan.class_code).all()
    assert (codes[plan.neighbor] == plan.class_code).all()
    assert (plan.neighbor != plan.base).all()  # no duplicates in continuous random data
    for c in range(len(counts)):
        positions = np.flatnonzero(codes == c)
        nn = positions[oracle_neighbors(points[positions], k)]
        mine = plan.class_code == c
        rank = np.searchsorted(positions, plan.base[mine])
        assert (nn[rank] == plan.neighbor[mine][:, None]).any(axis=1).all()


# ------------------------------------------------------------------------ interpolate_into


def test_interpolate_float64_exact_formula() -> None:
    values = np.array([0.0, 10.0, -4.0, 2.5])
    plan = hand_plan([0, 1, 2, 3, 2], [1, 0, 3, 3, 0], [0.25, 0.5, 0.0, 0.9, 0.999])
    out = np.full(5, np.nan)
    interpolate_into(values, plan, out, kind="float")
    np.testing.assert_allclose(out, [2.5, 5.0, -4.0, 2.5, -0.004], rtol=1e-12)


def test_interpolate_float32_stays_float32() -> None:
    rng = np.random.default_rng(1)
    values = rng.normal(size=50).astype(np.float32)
    base, neighbor = rng.integers(0, 50, 500), rng.integers(0, 50, 500)
    lam = rng.random(500)
    out = np.empty(500, dtype=np.float32)
    interpolate_into(values, hand_plan(base, neighbor, lam), out, kind="float")
    x, z = values[base], values[neighbor]
    expected = x + lam.astype(np.float32) * (z - x)
    np.testing.assert_allclose(out, expected, rtol=1e-6, atol=1e-6)
    lo, hi = np.minimum(x, z), np.maximum(x, z)
    assert ((out >= lo) & (out <= hi)).all()


@pytest.mark.parametrize("kind", ["int", "time"])
def test_interpolate_int_rounds_to_nearest_and_stays_between(kind: str) -> None:
    values = np.array([0, 10, -7, 3, 10**15], dtype=np.int64)
    plan = hand_plan(
        [0, 0, 1, 2, 3, 0, 4], [1, 1, 0, 3, 2, 4, 0], [0.24, 0.26, 0.96, 0.5, 0.0, 0.5, 0.75]
    )
    out = np.zeros(7, dtype=np.int64)
    interpolate_into(values, plan, out, kind=kind)
    assert out.tolist() == [2, 3, 0, -2, 3, 5 * 10**14, 25 * 10**13]


@pytest.mark.parametrize("kind", ["int", "time"])
def test_interpolate_large_values_exact_to_the_tick(kind: str) -> None:
    # datetime64[ns] ticks are ~1.7e18 (float64 spacing 256 there) and int64 IDs can be
    # larger still: the result must still be the nearest integer and stay between x and z
    origin = 1_710_000_000_000_000_001 if kind == "time" else 2**62
    values = np.array([origin, origin + 300, origin + 1000], dtype=np.int64)
    plan = hand_plan([0, 1, 0, 2, 1], [1, 0, 2, 0, 2], [0.9999, 0.9999, 0.999, 0.999, 0.5])
    out = np.zeros(5, dtype=np.int64)
    interpolate_into(values, plan, out, kind=kind)
    assert (out - origin).tolist() == [300, 0, 999, 1, 650]


def test_interpolate_many_rows_matches_vectorised_formula() -> None:
    # more rows than one generation block
    rng = np.random.default_rng(2)
    s = 300_000
    values = rng.normal(size=100)
    ints = rng.integers(-1000, 1000, size=100)
    base, neighbor, lam = rng.integers(0, 100, s), rng.integers(0, 100, s), rng.random(s)
    plan = hand_plan(base, neighbor, lam)
    out = np.empty(s)
    interpolate_into(values, plan, out, kind="float")
    np.testing.assert_allclose(out, values[base] + lam * (values[neighbor] - values[base]))
    out_int = np.empty(s, dtype=np.int64)
    interpolate_into(ints, plan, out_int, kind="int")
    exact = ints[base] + lam * (ints[neighbor] - ints[base])
    assert np.abs(out_int - exact).max() <= 0.5 + 1e-9


# ------------------------------------------------------------------------ most_common_into


def test_most_common_clear_majority() -> None:
    categories = np.array([0, 1, 1, 2, 2, 2, 0])
    neighborhoods = [[1, 2, 0], [3, 4, 0], [3, 4, 5], [0, 6, 1], [1, 2, 3]]
    plan = hand_plan([0] * 5, [1] * 5, [0.5] * 5, neighborhoods, n=7)
    out = np.full(5, -1, dtype=np.intp)
    most_common_into(categories, plan, out, np.random.default_rng(0))
    assert out.tolist() == [1, 2, 2, 0, 1]


def test_most_common_ties_broken_uniformly_at_random() -> None:
    categories = np.array([0, 1, 2, 0, 1, 2])
    s = 6000
    # each neighbourhood: one vote each for 0, 1 and 2 -> three-way tie
    plan = hand_plan(np.zeros(s, int), np.ones(s, int), np.full(s, 0.5), [[0, 1, 2]] * s, n=6)
    out = np.empty(s, dtype=np.intp)
    most_common_into(categories, plan, out, np.random.default_rng(1))
    hits = np.bincount(out, minlength=3)
    assert hits.sum() == s and (np.abs(hits - s / 3) < 0.05 * s).all()
    # two-way tie (0, 0, 1, 1): never the absent level 2
    plan2 = hand_plan(np.zeros(s, int), np.ones(s, int), np.full(s, 0.5), [[0, 3, 1, 4]] * s)
    out2 = np.empty(s, dtype=np.intp)
    most_common_into(categories, plan2, out2, np.random.default_rng(2))
    hits2 = np.bincount(out2, minlength=3)
    assert hits2[2] == 0 and abs(hits2[0] - s / 2) < 0.05 * s
    # the same generator state gives the same tie breaks
    again = np.empty(s, dtype=np.intp)
    most_common_into(categories, plan, again, np.random.default_rng(1))
    np.testing.assert_array_equal(out, again)


def test_most_common_many_levels_across_blocks() -> None:
    rng = np.random.default_rng(3)
    n_levels, n, s, k = 1500, 3000, 20_000, 5
    categories = rng.integers(0, n_levels, size=n)
    categories[:n_levels] = np.arange(n_levels)  # every level present
    neighborhoods = rng.integers(0, n, size=(s, k))
    neighborhoods[:, 1] = neighborhoods[:, 0]  # a guaranteed double vote for the first
    neighborhoods[:, 2:] = rng.integers(0, n, size=(s, k - 2))
    plan = hand_plan(np.zeros(s, int), neighborhoods[:, 0], np.full(s, 0.5), neighborhoods)
    out = np.empty(s, dtype=np.intp)
    most_common_into(categories, plan, out, np.random.default_rng(4))
    votes = categories[neighborhoods]
    tally = (votes[:, :, None] == votes[:, None, :]).sum(axis=2)  # votes for each entry's level
    best = tally.max(axis=1)
    chosen_count = (votes == out[:, None]).sum(axis=1)
    np.testing.assert_array_equal(chosen_count, best)


# ------------------------------------------------------------- smote_nc_penalty / distance


def test_smote_nc_penalty_median_std() -> None:
    continuous = np.array([[0.0, 0.0, 0.0], [2.0, 4.0, 20.0]])  # stds 1, 2, 10
    assert smote_nc_penalty(continuous) == pytest.approx(2.0)
    rng = np.random.default_rng(0)
    block = rng.normal(size=(50, 4)) * [1.0, 3.0, 0.5, 7.0]
    assert smote_nc_penalty(block) == pytest.approx(float(np.median(block.std(axis=0))))


def test_smote_nc_penalty_fallbacks() -> None:
    assert smote_nc_penalty(np.empty((10, 0))) == 1.0
    assert smote_nc_penalty(np.ones((10, 3))) == 1.0


def _sq_dist(points: np.ndarray) -> np.ndarray:
    return ((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2)


def test_distance_space_without_categoricals_is_identity() -> None:
    continuous = np.random.default_rng(0).normal(size=(8, 3))
    np.testing.assert_array_equal(distance_space(continuous, []), continuous)


def test_distance_space_adds_penalty_per_differing_category() -> None:
    rng = np.random.default_rng(1)
    continuous = rng.normal(size=(30, 3)) * [1.0, 2.0, 5.0]
    cat_a = rng.choice([3, 7, 11], size=30)  # non-contiguous codes
    cat_b = rng.integers(0, 2, size=30)
    penalty = float(np.median(continuous.std(axis=0)))
    space = distance_space(continuous, [cat_a, cat_b])
    mismatches = (cat_a[:, None] != cat_a[None, :]).astype(int) + (cat_b[:, None] != cat_b[None, :])
    expected = _sq_dist(continuous) + penalty**2 * mismatches
    np.testing.assert_allclose(_sq_dist(space), expected, rtol=1e-10, atol=1e-12)


def test_distance_space_only_categoricals_counts_mismatches() -> None:
    cats = [np.array([0, 0, 1, 2]), np.array([5, 6, 5, 5])]
    space = distance_space(np.empty((4, 0)), cats)
    mismatches = sum((c[:, None] != c[None, :]).astype(int) for c in cats)
    np.testing.assert_allclose(_sq_dist(space), mismatches, atol=1e-12)
