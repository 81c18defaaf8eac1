"""The cleaning core on arrays: definitions checked by brute force, stopping rules, refusals."""

from __future__ import annotations

import numpy as np
import pytest
from imblearn.utils import check_sampling_strategy
from scipy import stats
from sklearn.neighbors import NearestNeighbors

from pd_imbalance._core.clean import (
    ClassEmptied,
    Reason,
    TooFewRows,
    draw_oss_seeds,
    plan_allknn,
    plan_enn,
    plan_ncr,
    plan_oss,
    plan_renn,
    plan_tomek,
)
from pd_imbalance._core.clean.plan import Removals
from pd_imbalance._core.clean.tomek import nearest_other, tomek_links
from pd_imbalance._core.clean.vote import mode_label
from pd_imbalance._core.neighbor_rule import NeighborRule, take_rows
from pd_imbalance._core.smote_nc import MixedSpace, distance_space
from pd_imbalance._core.strategy import cleaned_classes

RULE = NeighborRule("n_neighbors", 3)


def data(
    seed: int, counts: tuple[int, ...] = (80, 30), d: int = 3
) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    codes = rng.permutation(np.repeat(np.arange(len(counts)), counts))
    x = rng.normal(size=(len(codes), d)) + 0.9 * codes[:, None]
    return x, codes


def brute_neighbors(x: np.ndarray, k: int) -> np.ndarray:
    d2 = ((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(d2, np.inf)
    return np.argsort(d2, axis=1)[:, :k]


def targets_auto(counts: np.ndarray) -> np.ndarray:
    return counts != counts.min()


# --- helpers -------------------------------------------------------------------------------


def test_mode_label_is_scipy_mode_with_ties_to_the_smallest() -> None:
    rng = np.random.default_rng(0)
    for k in (1, 2, 3, 4, 6):
        labels = rng.integers(0, 4, size=(500, k))
        expected = stats.mode(labels, axis=1, keepdims=False).mode
        np.testing.assert_array_equal(mode_label(labels), expected)


def test_take_rows_keeps_distances_of_a_mixed_space() -> None:
    space = MixedSpace(np.arange(8.0).reshape(4, 2), [np.array([0, 1, 1, 2])], 4.0)
    sub = take_rows(space, np.array([3, 1]))
    assert isinstance(sub, MixedSpace)
    assert sub.dense.tolist() == [[6.0, 7.0], [2.0, 3.0]]
    assert sub.wide[0].tolist() == [2, 1] and sub.penalty2 == 4.0


def test_removals_keep_the_first_reason_and_sort_rows() -> None:
    plan = Removals().add(np.array([5, 2]), Reason.ENN, k=3).add(np.array([2, 1]), Reason.TOMEK)
    built = plan.plan()
    assert built.removed.tolist() == [1, 2, 5]
    assert [Reason(r).name for r in built.reason] == ["TOMEK", "ENN", "ENN"]
    assert built.kept(7).tolist() == [0, 3, 4, 6]
    empty = Removals().plan()
    assert empty.removed.tolist() == [] and empty.kept(2).tolist() == [0, 1]


# --- Tomek links ----------------------------------------------------------------------------


def test_tomek_links_are_mutual_nearest_neighbours_of_different_classes() -> None:
    for seed in range(10):
        x, codes = data(seed)
        nearest = brute_neighbors(x, 1)[:, 0]
        expected = {
            i for i in range(len(x)) if nearest[nearest[i]] == i and codes[nearest[i]] != codes[i]
        }
        assert set(np.flatnonzero(tomek_links(codes, nearest))) == expected
        np.testing.assert_array_equal(nearest_other(x, RULE), nearest)
        plan = plan_tomek(x, codes, np.array([True, False]), RULE)
        assert set(plan.removed) == {i for i in expected if codes[i] == 0}
        np.testing.assert_array_equal(nearest[plan.removed], plan.other)
        both = plan_tomek(x, codes, np.array([True, True]), RULE)
        assert set(both.removed) == expected


def test_tomek_with_a_search_object_uses_its_nearest_other_row() -> None:
    x, codes = data(3)
    rule = NeighborRule("n_neighbors", 4, NearestNeighbors(n_neighbors=5))
    a = plan_tomek(x, codes, np.array([True, False]), rule)
    b = plan_tomek(x, codes, np.array([True, False]), RULE)
    np.testing.assert_array_equal(a.removed, b.removed)


def test_tomek_refuses_to_empty_a_class() -> None:
    x = np.array([[0.0], [0.1], [5.0], [6.0]])
    with pytest.raises(ClassEmptied) as info:
        plan_tomek(x, np.array([0, 1, 1, 1]), np.array([True, True]), RULE)
    assert info.value.code == 0 and info.value.rows == 1


# --- ENN family -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind_sel", ["all", "mode"])
@pytest.mark.parametrize("k", [1, 2, 3, 5])
def test_enn_by_its_definition(kind_sel: str, k: int) -> None:
    for seed in range(6):
        x, codes = data(seed, (90, 40, 30))
        near = brute_neighbors(x, k)
        labels = codes[near]
        if kind_sel == "all":
            bad = (labels != codes[:, None]).any(axis=1)
        else:
            bad = stats.mode(labels, axis=1, keepdims=False).mode != codes
        targeted = np.array([True, True, False])
        expected = np.flatnonzero(bad & targeted[codes])
        try:
            plan = plan_enn(x, codes, targeted, NeighborRule("n", k), kind_sel)  # type: ignore[arg-type]
        except ClassEmptied as refusal:
            assert (codes[expected] == refusal.code).sum() == (codes == refusal.code).sum()
            continue
        np.testing.assert_array_equal(plan.removed, expected)
        np.testing.assert_array_equal(plan.count, (labels != codes[:, None]).sum(axis=1)[expected])
        assert set(plan.k) <= {k} and set(plan.reason) <= {Reason.ENN}


def test_renn_with_one_round_is_enn_and_rounds_are_recorded() -> None:
    x, codes = data(1, (120, 40))
    targeted = np.array([True, False])
    one = plan_renn(x, codes, targets_auto, RULE, "all", max_iter=1)
    np.testing.assert_array_equal(one.removed, plan_enn(x, codes, targeted, RULE, "all").removed)
    assert one.rounds == 1
    many = plan_renn(x, codes, targets_auto, RULE, "all")
    assert set(one.removed) <= set(many.removed)
    assert many.round.max() <= many.rounds and many.rounds > 1
    # after the last round (no change, or stopped): rounds are consecutive from 1
    assert set(many.round) == set(range(1, many.round.max() + 1))


def test_renn_stops_when_a_round_changes_nothing() -> None:
    x, codes = data(2, (120, 40))
    plan = plan_renn(x, codes, targets_auto, RULE, "mode")
    keep = plan.kept(len(codes))
    again = plan_enn(x[keep], codes[keep], np.array([True, False]), RULE, "mode")
    if plan.rounds < 100 and (np.bincount(codes[keep]) >= 40).all():
        assert len(again.removed) == 0  # converged: one more pass removes nothing


def test_renn_stops_after_the_round_that_flips_the_minority() -> None:
    # on a line: class 1 at 0..11, class 0 a cluster at 12.5.. (10 rows) and 4 rows among the
    # 1s. Round 1 removes those 4, leaving class 0 (10) below the minority's 12 rows: the
    # round is applied, then RENN stops, although a second round would remove 1s next to
    # the cluster
    rng = np.random.default_rng(0)
    x = np.r_[np.arange(12.0), 12.5 + 0.1 * np.arange(10), [2.5, 4.5, 6.5, 8.5]]
    x = (x + rng.uniform(0, 0.01, size=len(x)))[:, None]
    codes = np.repeat([1, 0], [12, 14])
    plan = plan_renn(x, codes, targets_auto, RULE, "all", max_iter=50)
    assert plan.rounds == 1 and set(plan.removed) == set(range(22, 26))
    kept = plan.kept(len(codes))
    counts = np.bincount(codes[kept])
    more = plan_enn(x[kept], codes[kept], targets_auto(counts), RULE, "all")
    assert len(more.removed)  # without the stopping rule, 1s would go next


def test_allknn_round_r_uses_r_neighbours() -> None:
    x, codes = data(4, (120, 40))
    plan = plan_allknn(x, codes, targets_auto, RULE, "all", allow_minority=True)
    first = plan_enn(x, codes, np.array([True, False]), NeighborRule("n", 1), "all")
    np.testing.assert_array_equal(plan.removed[plan.round == 1], first.removed)
    assert plan.rounds == 3
    np.testing.assert_array_equal(plan.k, plan.round)


def test_editing_refuses_to_empty_a_class_and_too_few_rows() -> None:
    x, codes = data(5, (40, 3, 30))
    with pytest.raises(ClassEmptied) as info:  # 3 rows, 3 neighbours, kind_sel="all"
        plan_enn(x, codes, np.array([True, True, False]), RULE, "all")
    assert info.value.code == 1 and info.value.rows == 3
    with pytest.raises(TooFewRows) as few:
        plan_enn(x[:3], codes[:3], np.array([True, True, True]), RULE)
    assert (few.value.rows, few.value.k, few.value.among) == (3, 3, "all")


# --- NCR ------------------------------------------------------------------------------------


def test_ncr_by_its_definition() -> None:
    for seed in range(8):
        x, codes = data(seed, (100, 45, 25))
        k = 3
        near = brute_neighbors(x, k)
        targeted = np.array([True, True, False])
        labels = codes[near]
        a1 = set(
            np.flatnonzero(
                (stats.mode(labels, axis=1, keepdims=False).mode != codes) & targeted[codes]
            )
        )
        a2 = set()
        for row in np.flatnonzero(codes == 2):
            vote = stats.mode(np.r_[codes[row], labels[row, : k - 1]], keepdims=False).mode
            if vote != 2:
                a2 |= {int(j) for j in near[row] if targeted[codes[j]] and codes[j] != 2}
        plan = plan_ncr(x, codes, targeted, NeighborRule("n", k), 0.5)
        assert set(plan.removed) == a1 | a2
        edited = plan.removed[plan.reason == Reason.NCR_EDITED]
        assert set(edited) == a1
        neighbours = plan.removed[plan.reason == Reason.NCR_NEIGHBOR]
        assert set(neighbours) == a2 - a1
        sources = plan.other[plan.reason == Reason.NCR_NEIGHBOR]
        assert (codes[sources] == 2).all()
        assert all(j in near[s] for j, s in zip(neighbours, sources, strict=True))
        # a threshold above every class's share: only the edited rows go
        only_a1 = plan_ncr(x, codes, targeted, NeighborRule("n", k), 10.0)
        assert set(only_a1.removed) == a1


# --- OSS ------------------------------------------------------------------------------------


def test_oss_seeds_are_distinct_rows_of_targeted_classes_and_reproducible() -> None:
    codes = np.repeat([0, 1, 2], [50, 7, 3])
    targeted = np.array([True, True, False])
    seeds = draw_oss_seeds(codes, targeted, 10, np.random.default_rng(3))
    assert len(np.unique(seeds)) == len(seeds) == 10 + 7  # class 1 has only 7 rows
    assert set(codes[seeds]) == {0, 1}
    again = draw_oss_seeds(codes, targeted, 10, np.random.default_rng(3))
    np.testing.assert_array_equal(seeds, again)


def test_oss_by_its_definition() -> None:
    for seed in range(8):
        x, codes = data(seed, (100, 40, 20))
        targeted = np.array([True, True, False])
        seeds = draw_oss_seeds(codes, targeted, 2, np.random.default_rng(seed))
        plan = plan_oss(x, codes, targeted, NeighborRule("n", 1), seeds)
        redundant = set()
        for c in (0, 1):
            kept_set = np.r_[np.flatnonzero(codes == 2), seeds[codes[seeds] == c]]
            for row in np.flatnonzero(codes == c):
                if row in seeds:
                    continue
                d2 = ((x[kept_set] - x[row]) ** 2).sum(axis=1)
                if codes[kept_set[np.argmin(d2)]] == c:
                    redundant.add(int(row))
        rest = np.array(sorted(set(range(len(codes))) - redundant))
        nearest = brute_neighbors(x[rest], 1)[:, 0]
        links = tomek_links(codes[rest], nearest) & targeted[codes[rest]]
        assert set(plan.removed[plan.reason == Reason.OSS_REDUNDANT]) == redundant
        assert set(plan.removed[plan.reason == Reason.OSS_TOMEK]) == set(rest[links])
        assert not set(seeds) & set(plan.removed[plan.reason == Reason.OSS_REDUNDANT])


def test_oss_refuses_a_classifier_larger_than_c() -> None:
    x, codes = data(0, (40, 2))
    with pytest.raises(TooFewRows) as info:
        plan_oss(x, codes, np.array([True, False]), NeighborRule("n", 4), np.array([0]))
    assert (info.value.rows, info.value.k, info.value.among, info.value.code) == (3, 4, "C", 0)


# --- the mixed (wide categorical) space -------------------------------------------------------


def test_methods_agree_on_a_mixed_space_and_its_dense_twin() -> None:
    rng = np.random.default_rng(7)
    n = 300
    continuous = rng.normal(size=(n, 2))
    ids = rng.integers(0, 120, size=n)  # > 64 levels: kept as codes (MixedSpace)
    codes = (continuous[:, 0] + rng.normal(scale=0.7, size=n) > 0.8).astype(np.int64)
    space = distance_space(continuous, [ids])
    assert isinstance(space, MixedSpace)
    levels = np.unique(ids, return_inverse=True)[1]
    onehot = np.zeros((n, levels.max() + 1))
    onehot[np.arange(n), levels] = np.sqrt(space.penalty2 / 2)
    dense = np.hstack([space.dense, onehot])
    targeted = np.array([True, False])
    for plan_of in (
        lambda s: plan_tomek(s, codes, targeted, RULE),
        lambda s: plan_enn(s, codes, targeted, RULE, "mode"),
        lambda s: plan_renn(s, codes, targets_auto, RULE, "mode"),
        lambda s: plan_ncr(s, codes, targeted, RULE),
        lambda s: plan_oss(s, codes, targeted, NeighborRule("n", 1), np.array([0, 1])),
    ):
        np.testing.assert_array_equal(plan_of(space).removed, plan_of(dense).removed)


# --- which classes are cleaned --------------------------------------------------------------


@pytest.mark.parametrize("name", ["auto", "majority", "not minority", "not majority", "all"])
def test_named_strategies_match_imblearn(name: str) -> None:
    counts = np.array([50, 30, 10])
    y = np.repeat(np.array(["a", "b", "c"]), counts)
    expected = set(check_sampling_strategy(name, y, "clean-sampling"))
    got = cleaned_classes(name, counts, ["a", "b", "c"])
    assert {c for c, t in zip("abc", got, strict=True) if t} == expected


def test_strategy_lists_and_refusals() -> None:
    counts, classes = np.array([50, 30, 10]), ["a", "b", "c"]
    assert cleaned_classes(["c", "a"], counts, classes).tolist() == [True, False, True]
    assert cleaned_classes(("b",), counts, classes).tolist() == [False, True, False]
    with pytest.raises(ValueError, match="dict"):
        cleaned_classes({"a": 10}, counts, classes)
    with pytest.raises(ValueError, match="minority"):
        cleaned_classes("minority", counts, classes)
    with pytest.raises(ValueError, match="not known"):
        cleaned_classes("most", counts, classes)
    with pytest.raises(ValueError, match=r"\['z'\]"):
        cleaned_classes(["a", "z"], counts, classes)
    with pytest.raises(ValueError, match="empty"):
        cleaned_classes([], counts, classes)
    with pytest.raises(TypeError, match="list of the class labels"):
        cleaned_classes(0.5, counts, classes)
    # ties: every smallest class is the minority
    assert cleaned_classes("auto", np.array([5, 2, 2]), classes).tolist() == [True, False, False]
