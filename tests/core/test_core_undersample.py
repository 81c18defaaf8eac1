"""The array-only undersampling core and label-code helpers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pd_imbalance._core import codes as labels
from pd_imbalance._core import undersample as us
from pd_imbalance._core.random import make_generator, seed_sequence
from pd_imbalance._core.undersample import plan_undersample


@pytest.fixture(params=["thin-or-walk", "reject", "walk"])
def sampler(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Force one exact sampler for every reduced class.

    "thin-or-walk": thinning without replacement, walking with replacement; "walk": the
    walk also without replacement (thinning's fallback when it gets too few candidates).
    """
    threshold = float("inf") if request.param == "reject" else 0.0
    monkeypatch.setattr(us, "REJECTION_MAX_DRAWS_PER_ROW", threshold)
    if request.param == "walk":
        monkeypatch.setattr(us, "_draw_by_thinning", lambda codes, wanted, rng, taken: list(wanted))
    return str(request.param)


def _plan(codes: np.ndarray, final: list[int], seed: int = 0, replacement: bool = False):
    counts = np.bincount(codes)
    return plan_undersample(
        codes, counts, np.array(final), np.random.default_rng(seed), replacement=replacement
    )


def test_exact_counts_sorted_and_whole_classes_kept(sampler: str) -> None:
    rng = np.random.default_rng(1)
    codes = rng.choice(3, size=5_000, p=[0.7, 0.25, 0.05]).astype(np.int8)
    counts = np.bincount(codes)
    plan = _plan(codes, [int(counts[2]), 100, int(counts[2])])
    kept = plan.kept
    assert np.all(np.diff(kept) > 0)  # ascending, no repeats
    assert np.bincount(codes[kept], minlength=3).tolist() == [counts[2], 100, counts[2]]
    # class 2 (final == count) is kept whole
    assert set(np.flatnonzero(codes == 2)) <= set(kept.tolist())
    assert int(plan.final_counts.sum()) == len(kept)


def test_chunk_boundaries_do_not_bias(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(us, "REJECTION_MAX_DRAWS_PER_ROW", 0.0)
    monkeypatch.setattr(us, "chunks", lambda n: labels.chunks(n, 7))
    codes = np.array([0, 1] * 50, dtype=np.int8)
    plan = _plan(codes, [13, 50], seed=3)
    assert np.bincount(codes[plan.kept]).tolist() == [13, 50]
    # the same draw without chunking picks the same rows
    monkeypatch.setattr(us, "chunks", lambda n: labels.chunks(n, 1 << 20))
    assert np.array_equal(_plan(codes, [13, 50], seed=3).kept, plan.kept)


def test_selection_is_uniform(sampler: str) -> None:
    """Every row of the reduced class is kept with probability final / count."""
    codes = np.zeros(20, dtype=np.int8)
    codes[:4] = 1
    hits = np.zeros(20)
    trials = 4_000
    for seed in range(trials):
        hits[_plan(codes, [5, 4], seed=seed).kept] += 1
    freq = hits[4:] / trials
    assert np.allclose(freq, 5 / 16, atol=0.035)  # binomial sd ~ 0.0073
    assert np.all(hits[:4] == trials)


def test_selection_is_uniform_with_replacement(sampler: str) -> None:
    codes = np.zeros(12, dtype=np.int8)
    codes[:2] = 1
    hits = np.zeros(12)
    trials = 3_000
    for seed in range(trials):
        kept = _plan(codes, [4, 2], seed=seed, replacement=True).kept
        hits += np.bincount(kept, minlength=12)
    assert np.allclose(hits[2:] / trials, 4 / 10, atol=0.05)  # expected copies per row


def test_both_samplers_used_by_default() -> None:
    n = 100_000
    assert us._expected_draws(n, 99_000, 1_000, False) < us.REJECTION_MAX_DRAWS_PER_ROW * n
    assert us._expected_draws(n, 50_000, 40_000, False) > us.REJECTION_MAX_DRAWS_PER_ROW * n


def test_replacement_draws_with_repeats_in_order(sampler: str) -> None:
    codes = np.array([0] * 10 + [1] * 3, dtype=np.int8)
    plan = _plan(codes, [8, 3], seed=0, replacement=True)
    kept = plan.kept
    assert np.all(np.diff(kept) >= 0)
    assert np.bincount(codes[kept]).tolist() == [8, 3]
    assert set(range(10, 13)) <= set(kept.tolist())
    many = np.concatenate([_plan(codes, [8, 3], seed=s, replacement=True).kept for s in range(50)])
    assert (np.bincount(many, minlength=13)[:10] > 0).all()
    has_repeat = [
        len(set(p.tolist())) < len(p)
        for p in (_plan(codes, [8, 3], seed=s, replacement=True).kept for s in range(20))
    ]
    assert any(has_repeat)


def test_same_seed_same_plan_different_seed_differs(sampler: str) -> None:
    codes = np.random.default_rng(0).integers(0, 2, size=1_000).astype(np.int8)
    a, b, c = (_plan(codes, [100, 100], seed=s).kept for s in (7, 7, 8))
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


@settings(max_examples=60, deadline=None)
@given(
    counts=st.lists(st.integers(1, 60), min_size=2, max_size=5),
    seed=st.integers(0, 2**32 - 1),
    data=st.data(),
)
def test_property_exact_counts_subset(counts: list[int], seed: int, data: st.DataObject) -> None:
    default = us.REJECTION_MAX_DRAWS_PER_ROW
    us.REJECTION_MAX_DRAWS_PER_ROW = data.draw(st.sampled_from([0.0, default, float("inf")]))
    codes = np.repeat(np.arange(len(counts)), counts).astype(np.int8)
    np.random.default_rng(seed).shuffle(codes)
    final = [data.draw(st.integers(1, c)) for c in counts]
    try:
        plan = _plan(codes, final, seed=seed)
    finally:
        us.REJECTION_MAX_DRAWS_PER_ROW = default
    assert np.bincount(codes[plan.kept], minlength=len(counts)).tolist() == final
    assert len(np.unique(plan.kept)) == len(plan.kept)


def test_remap_and_count_codes() -> None:
    raw = np.array([2, 0, -1, 1, 2, 2])
    codes = labels.remap_codes(raw, np.array([1, 2, 0]))
    assert codes.dtype == np.int8
    assert codes.tolist() == [0, 1, -1, 2, 0, 0]
    assert labels.count_codes(codes, 3).tolist() == [3, 1, 1]
    assert labels.code_dtype(200) == np.int16
    assert labels.code_dtype(40_000) == np.int32


@pytest.mark.parametrize("bad", [1.5, "3", True, [1], object()])
def test_random_state_type_errors(bad: object) -> None:
    with pytest.raises(TypeError, match="random_state must be"):
        make_generator(bad)


def test_random_state_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        make_generator(-1)


def test_random_state_forms() -> None:
    assert make_generator(5).integers(1 << 30) == make_generator(np.int64(5)).integers(1 << 30)
    ss = np.random.SeedSequence(3)
    copy = seed_sequence(ss)  # a copy with the same state: the call may spawn from it
    assert copy is not ss and copy.state == ss.state
    copy.spawn(2)
    assert ss.n_children_spawned == 0  # the caller's SeedSequence is never changed
    g1 = make_generator(np.random.default_rng(1)).integers(1 << 30)
    g2 = make_generator(np.random.default_rng(1)).integers(1 << 30)
    assert g1 == g2
    r1 = make_generator(np.random.RandomState(1)).integers(1 << 30)
    assert r1 == make_generator(np.random.RandomState(1)).integers(1 << 30)
