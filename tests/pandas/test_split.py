"""split_then_resample and cv_splits: split first, resample the training part only."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import assert_unchanged, make_frame, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st

import pd_imbalance as pdi
from pd_imbalance._core.split import allocate_test_counts, stratified_folds
from pd_imbalance._verbs import steps as resample_module


def _originals(train: pd.DataFrame, n_before: int) -> pd.DataFrame:
    return train.iloc[:n_before]


@pytest.mark.parametrize("method", ["none", "undersample", "smote"])
def test_partition_and_untouched_test(method: str) -> None:
    df = make_frame([300, 60, 40])
    snap = snapshot(df)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        train, test = pdi.split_then_resample(df, "y", method=method, random_state=0)
    assert_unchanged(df, snap)
    # test rows are input rows, unchanged
    pd.testing.assert_frame_equal(test, df.loc[test.index])
    # original training rows = the input minus the test rows (in input order)
    rest = df.drop(index=test.index)
    if method == "smote":
        pd.testing.assert_frame_equal(train.iloc[: len(rest)], rest)
        assert set(train.index[len(rest) :]).isdisjoint(df.index)  # no label collisions
    elif method == "none":
        pd.testing.assert_frame_equal(train, rest)
    else:
        pd.testing.assert_frame_equal(train, rest.loc[train.index])
    assert set(train.index).isdisjoint(test.index)
    assert len(test) == math.ceil(0.25 * len(df))
    assert train.imbalance.target == "y" and test.imbalance.target == "y"


@pytest.mark.parametrize("test_size", [0.1, 0.25, 0.33, 0.5, 61])
def test_stratified_counts_within_one(test_size: float) -> None:
    counts = [500, 73, 21]
    df = make_frame(counts)
    _, test = pdi.split_then_resample(df, "y", method="none", test_size=test_size, random_state=1)
    n_test = test_size if isinstance(test_size, int) else math.ceil(test_size * sum(counts))
    assert len(test) == n_test
    got = test["y"].value_counts().reindex(range(3)).to_numpy()
    expected = np.array(counts) * n_test / sum(counts)
    assert np.all(np.abs(got - expected) < 1)


def test_resampling_sees_training_rows_only(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[pd.DataFrame] = []
    original = resample_module._smote  # what the split calls to resample its training part

    def spy(frame: pd.DataFrame, *args: object, **kwargs: object) -> pd.DataFrame:
        seen.append(frame.copy())
        return original(frame, *args, **kwargs)

    monkeypatch.setitem(resample_module._INDEX_AVOIDING, resample_module.smote, spy)
    df = make_frame([200, 40])
    train, test = pdi.split_then_resample(df, "y", random_state=3, synthetic_flag="syn")
    (given,) = seen
    assert set(given.index).isdisjoint(test.index)
    assert set(given.index) | set(test.index) == set(df.index)
    # every synthetic float value lies within the range of the *training* minority rows
    minority = given.loc[given["y"] == 1, "f_float"]
    synthetic = train.loc[train["syn"], "f_float"]
    assert synthetic.between(minority.min(), minority.max()).all()
    assert train["y"].value_counts().to_dict() == {0: 150, 1: 150}


def test_synthetic_labels_avoid_test_labels() -> None:
    df = pd.DataFrame({"x": np.arange(100.0), "y": [0] * 80 + [1] * 20})  # RangeIndex
    train, test = pdi.split_then_resample(df, "y", random_state=0, k_neighbors=3)
    assert train.index.is_unique
    assert set(train.index).isdisjoint(test.index)
    assert train.index[len(df) - len(test) :].min() >= 100


def test_same_seed_same_split_other_seed_differs() -> None:
    df = make_frame([120, 30])
    a = pdi.split_then_resample(df, "y", random_state=5)
    b = pdi.split_then_resample(df, "y", random_state=5)
    c = pdi.split_then_resample(df, "y", random_state=6)
    pd.testing.assert_frame_equal(a.train, b.train)
    pd.testing.assert_frame_equal(a.test, b.test)
    assert not a.test.index.equals(c.test.index)


def test_not_stratified() -> None:
    df = make_frame([90, 10])
    train, test = pdi.split_then_resample(
        df, "y", method="none", stratify=False, test_size=0.3, random_state=0
    )
    assert len(test) == 30 and len(train) == 70
    assert set(train.index) | set(test.index) == set(df.index)


def test_warns_when_a_class_gets_fewer_than_two_test_rows() -> None:
    df = make_frame([60, 4])
    with pytest.warns(pdi.ImbalanceWarning, match=r"1 \(1 test row\)"):
        pdi.split_then_resample(df, "y", method="none", random_state=0)


@pytest.mark.parametrize(
    ("kwargs", "exc", "needle"),
    [
        ({"test_size": 0.0}, ValueError, "(0, 1)"),
        ({"test_size": 1.0}, ValueError, "(0, 1)"),
        ({"test_size": -0.2}, ValueError, "(0, 1)"),
        ({"test_size": 0}, ValueError, "between 1"),
        ({"test_size": 500}, ValueError, "between 1"),
        ({"test_size": 1}, ValueError, "needs between 2"),
        ({"test_size": "0.2"}, TypeError, "test_size"),
        ({"test_size": True}, TypeError, "test_size"),
        ({"method": "oversampling"}, ValueError, "method must be"),
        ({"method": "smote", "replacement": True}, TypeError, "not options of method='smote'"),
        ({"method": "undersample", "k_neighbors": 3}, TypeError, "'undersample'"),
        ({"method": "none", "k_neighbors": 3}, TypeError, "method='none'"),
        ({"return_plan": True}, TypeError, "return_plan"),
        ({"stratify": "yes"}, TypeError, "stratify"),
        ({"random_state": "x"}, TypeError, "random_state"),
    ],
)
def test_bad_parameters(kwargs: dict, exc: type, needle: str) -> None:
    df = make_frame([50, 20])
    snap = snapshot(df)
    with pytest.raises(exc) as info:
        pdi.split_then_resample(df, "y", **kwargs)
    assert needle in str(info.value)
    assert_unchanged(df, snap)


def test_single_row_class() -> None:
    df = make_frame([30, 10, 1])
    with pytest.raises(pdi.InsufficientSamplesError, match=r"'?2'? \(1 row\)"):
        pdi.split_then_resample(df, "y", method="none")
    train, test = pdi.split_then_resample(df, "y", method="none", stratify=False, random_state=0)
    assert len(train) + len(test) == 41


# --------------------------------------------------------------------------- cv_splits


@pytest.mark.parametrize("method", ["none", "undersample", "smote"])
def test_cv_folds_partition_and_stratify(method: str) -> None:
    df = make_frame([103, 27, 12])
    folds = list(pdi.cv_splits(df, "y", n_splits=4, method=method, random_state=2))
    assert len(folds) == 4
    tests = [f.test for f in folds]
    all_test = pd.concat(tests)
    assert sorted(all_test.index) == sorted(df.index)  # the test folds partition the data
    per_class = np.array([t["y"].value_counts().reindex(range(3)).to_numpy() for t in tests])
    assert (per_class.max(axis=0) - per_class.min(axis=0) <= 1).all()
    for fold in folds:
        rest = df.drop(index=fold.test.index)
        pd.testing.assert_frame_equal(fold.test, df.loc[fold.test.index])
        if method == "none":
            pd.testing.assert_frame_equal(fold.train, rest)
        assert set(fold.train.index).isdisjoint(fold.test.index)
        if method != "none":
            counts = fold.train["y"].value_counts()
            assert counts.nunique() == 1  # balanced inside the training fold


def test_cv_validates_eagerly() -> None:
    df = make_frame([40, 3])
    with pytest.raises(pdi.InsufficientSamplesError, match="n_splits=3 or fewer"):
        pdi.cv_splits(df, "y", n_splits=5)
    with pytest.raises(ValueError, match="at least 2"):
        pdi.cv_splits(df, "y", n_splits=1)
    with pytest.raises(TypeError, match="n_splits"):
        pdi.cv_splits(df, "y", n_splits=2.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="method must be"):
        pdi.cv_splits(df, "y", n_splits=2, method="bogus")  # type: ignore[arg-type]


def test_cv_same_seed_same_folds() -> None:
    df = make_frame([50, 15])
    a = [f.test.index for f in pdi.cv_splits(df, "y", 3, method="none", random_state=9)]
    b = [f.test.index for f in pdi.cv_splits(df, "y", 3, method="none", random_state=9)]
    assert all(x.equals(y) for x, y in zip(a, b, strict=True))


# --------------------------------------------------------------------------- core


@settings(max_examples=60, deadline=None)
@given(
    counts=st.lists(st.integers(2, 200), min_size=2, max_size=6),
    share=st.floats(0.05, 0.95),
    seed=st.integers(0, 10_000),
)
def test_allocation_exact_total_within_one(counts: list[int], share: float, seed: int) -> None:
    counts_arr = np.array(counts)
    n = int(counts_arr.sum())
    k = len(counts)
    n_test = min(n - k, max(k, math.ceil(share * n)))  # the range split_then_resample allows
    got = allocate_test_counts(counts_arr, n_test, np.random.default_rng(seed))
    assert got.sum() == n_test
    assert np.all(got < counts_arr)  # every class keeps a training row
    exact = counts_arr * n_test / n
    if np.all(np.floor(exact) + 1 < counts_arr):  # room for the usual rounding everywhere
        assert np.all(np.abs(got - exact) < 1)


@settings(max_examples=40, deadline=None)
@given(
    counts=st.lists(st.integers(1, 50), min_size=1, max_size=5),
    n_splits=st.integers(2, 7),
    seed=st.integers(0, 1000),
)
def test_folds_balanced(counts: list[int], n_splits: int, seed: int) -> None:
    codes = np.repeat(np.arange(len(counts)), counts)
    np.random.default_rng(seed).shuffle(codes)
    folds = stratified_folds(codes, n_splits, np.random.default_rng(seed))
    sizes = np.bincount(folds, minlength=n_splits)
    assert sizes.max() - sizes.min() <= 1
    for c in range(len(counts)):
        per = np.bincount(folds[codes == c], minlength=n_splits)
        assert per.max() - per.min() <= 1


def test_accessor_methods_match_functions() -> None:
    df = make_frame([80, 20]).imbalance.set_target("y")
    a = df.imbalance.split_then_resample(method="undersample", random_state=4)
    b = pdi.split_then_resample(df, method="undersample", random_state=4)
    pd.testing.assert_frame_equal(a.train, b.train)
    pd.testing.assert_frame_equal(a.test, b.test)
    folds = list(df.imbalance.cv_splits(n_splits=2, method="none", random_state=1))
    ref = list(pdi.cv_splits(df, n_splits=2, method="none", random_state=1))
    assert [f.test.index.tolist() for f in folds] == [f.test.index.tolist() for f in ref]


def test_concatenated_test_folds_keep_the_target() -> None:
    """Out-of-fold predictions concatenate the test folds: their attrs must be equal (the
    split record lives on the training part), or pandas drops the target with them."""
    df = make_frame([60, 12]).imbalance.set_target("y")
    folds = list(df.imbalance.cv_splits(n_splits=3, method="none", random_state=0))
    joined = pd.concat([fold.test for fold in folds])
    assert joined.imbalance.target == "y"
    assert folds[0].shares["test"].between(0.3, 0.37).all()
    split = df.imbalance.split_then_resample(method="none", random_state=0)
    assert split.test.attrs == {"pd_imbalance": {"target": "y"}}
    assert "split" in split.train.attrs["pd_imbalance"]
