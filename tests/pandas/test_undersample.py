"""df.imbalance.undersample / pd_imbalance.undersample end to end."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pytest
from conftest import LABEL_DTYPES, assert_unchanged, binary_frame, make_frame, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.under_sampling import RandomUnderSampler

import pd_imbalance as pdi


def test_every_label_dtype(label_dtype: str) -> None:
    df = binary_frame(label_dtype)
    snap = snapshot(df)
    out = df.imbalance.undersample("y", random_state=0)
    assert_unchanged(df, snap)
    (major, minor), _ = LABEL_DTYPES[label_dtype]
    counts = out["y"].value_counts()
    assert counts[major] == 10 and counts[minor] == 10 and len(out) == 20
    # dtypes, column order, categories
    assert out.dtypes.equals(df.dtypes)
    assert list(out.columns) == list(df.columns)
    assert out["f_cat"].cat.categories.equals(df["f_cat"].cat.categories)
    if label_dtype == "category":
        assert out["y"].cat.categories.equals(df["y"].cat.categories)
    # all minority rows kept, with their index labels and values
    minority = df[df["y"] == minor]
    pd.testing.assert_frame_equal(out.loc[minority.index], minority)
    # output rows are input rows in their original relative order
    positions = df.index.get_indexer(out.index)
    assert (positions >= 0).all() and np.all(np.diff(positions) > 0)
    pd.testing.assert_frame_equal(out, df.iloc[positions])
    meta = out.attrs["pd_imbalance"]
    assert meta["target"] == "y"
    assert meta["counts_before"] == df["y"].value_counts().to_dict()
    assert meta["counts_after"] == out["y"].value_counts().to_dict()


def test_functional_pipe_and_accessor_agree() -> None:
    df = make_frame([70, 20, 10])
    a = df.imbalance.undersample("y", random_state=4)
    b = df.pipe(pdi.undersample, "y", random_state=4)
    c = pdi.undersample(df.imbalance.set_target("y"), random_state=4)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, c)


def test_target_from_attrs_and_result_carries_it() -> None:
    df = make_frame([30, 10]).imbalance.set_target("y")
    out = df.imbalance.undersample(random_state=0)
    assert out.imbalance.target == "y"
    again = out.imbalance.undersample(sampling_strategy={0: 5}, random_state=0)
    assert again["y"].value_counts().to_dict() == {0: 5, 1: 10}


def test_same_seed_same_rows_other_seed_differs() -> None:
    df = make_frame([500, 50])
    a = df.imbalance.undersample("y", random_state=1)
    b = df.imbalance.undersample("y", random_state=1)
    c = df.imbalance.undersample("y", random_state=2)
    pd.testing.assert_frame_equal(a, b)
    assert not a.index.equals(c.index)


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [
        ("auto", {0: 10, 1: 10, 2: 10}),
        ("majority", {0: 10, 1: 30, 2: 10}),
        ("not majority", {0: 60, 1: 10, 2: 10}),
        ("all", {0: 10, 1: 10, 2: 10}),
        ({0: 40, 1: 25}, {0: 40, 1: 25, 2: 10}),
        (lambda y: {0: int((y == 0).sum()) // 2}, {0: 30, 1: 30, 2: 10}),
    ],
)
def test_strategies(strategy: object, expected: dict[int, int]) -> None:
    df = make_frame([60, 30, 10])
    out = df.imbalance.undersample("y", sampling_strategy=strategy, random_state=0)
    assert out["y"].value_counts().to_dict() == expected


def test_float_ratio_on_binary() -> None:
    df = make_frame([97, 3])
    out = df.imbalance.undersample("y", sampling_strategy=0.4, random_state=0)
    assert out["y"].value_counts().to_dict() == {0: 8, 1: 3}  # 3 / 0.4 = 7.5 -> 8


def test_replacement() -> None:
    df = make_frame([50, 10])
    out = df.imbalance.undersample("y", sampling_strategy={0: 40}, replacement=True, random_state=0)
    assert out["y"].value_counts().to_dict() == {0: 40, 1: 10}
    assert out.index.has_duplicates
    assert set(out.index) <= set(df.index)


def test_same_class_counts_as_imblearn() -> None:
    df = make_frame([80, 15, 5])
    x, y = df.drop(columns="y"), df["y"]
    _, y_ref = RandomUnderSampler(random_state=0).fit_resample(x, y)
    ours = df.imbalance.undersample("y", random_state=0)
    assert ours["y"].value_counts().sort_index().equals(y_ref.value_counts().sort_index())


def test_duplicated_and_datetime_index_keep_rows_distinct() -> None:
    df = make_frame([20, 5])
    df.index = pd.Index([1, 1, 2, 2, 3] * 5)
    out = df.imbalance.undersample("y", random_state=0)
    assert len(out) == 10 and out["y"].value_counts().to_dict() == {0: 5, 1: 5}
    df2 = make_frame([20, 5])
    df2.index = pd.date_range("2024-01-01", periods=25, freq="h")
    out2 = df2.imbalance.undersample("y", random_state=0)
    assert isinstance(out2.index, pd.DatetimeIndex) and out2.index.is_monotonic_increasing


def test_does_not_share_attrs_with_input() -> None:
    df = make_frame([20, 5]).imbalance.set_target("y")
    df.attrs["note"] = {"k": [1]}
    out = df.imbalance.undersample(random_state=0)
    out.attrs["note"]["k"].append(2)
    assert df.attrs["note"] == {"k": [1]}


@pytest.mark.parametrize(
    ("kwargs", "exc", "needle"),
    [
        ({"sampling_strategy": "bogus"}, ValueError, "bogus"),
        ({"sampling_strategy": 0.5}, ValueError, "binary"),
        ({"sampling_strategy": {"nope": 1}}, ValueError, "'nope'"),
        ({"sampling_strategy": {0: 1000}}, ValueError, "between 1"),
        ({"random_state": "seed"}, TypeError, "random_state"),
        ({"random_state": 1.5}, TypeError, "random_state"),
        ({"random_state": -3}, ValueError, "random_state"),
        ({"replacement": "yes"}, TypeError, "replacement"),
    ],
)
def test_bad_parameters_leave_input_unchanged(kwargs: dict, exc: type, needle: str) -> None:
    df = make_frame([60, 30, 10])
    snap = snapshot(df)
    with pytest.raises(exc) as info:
        df.imbalance.undersample("y", **kwargs)
    assert needle in str(info.value)
    assert_unchanged(df, snap)


@settings(max_examples=40, deadline=None)
@given(
    counts=st.lists(st.integers(1, 40), min_size=2, max_size=4),
    dtype=st.sampled_from(sorted(LABEL_DTYPES)),
    seed=st.integers(0, 1000),
)
def test_property_subset_exact_counts(counts: list[int], dtype: str, seed: int) -> None:
    (a, b), dt = LABEL_DTYPES[dtype]
    if len(counts) > 2:
        if dt in ("bool", "boolean"):
            counts = counts[:2]
        else:
            pool = [f"c{i}" for i in range(len(counts))] if isinstance(a, str) else range(9)
            labels = list(pool)[: len(counts)]
    labels = [a, b] if len(counts) == 2 else labels
    df = make_frame(counts, labels, dt, seed=seed)
    snap = snapshot(df)
    out = df.imbalance.undersample("y", random_state=seed)
    assert_unchanged(df, snap)
    vc = out["y"].value_counts()
    assert (vc == min(counts)).all() and len(vc) == len(counts)
    pd.testing.assert_frame_equal(out, df.loc[out.index])  # index is unique here
    assert out.dtypes.equals(df.dtypes)


def test_random_undersample_takes_neighbors_without_the_ann_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # random draws search nothing: neighbors="approximate" needs no faiss there, and is
    # the same draw as the default; a wrong value is still named
    monkeypatch.setitem(sys.modules, "faiss", None)
    df = pd.DataFrame({"x": np.arange(60.0), "y": [0] * 50 + [1] * 10})
    got = pdi.undersample(df, "y", neighbors="approximate", random_state=0)
    pd.testing.assert_frame_equal(got, pdi.undersample(df, "y", random_state=0))
    with pytest.raises(ValueError, match="neighbors"):
        pdi.undersample(df, "y", neighbors="fast")
    with pytest.raises(ImportError, match=r"pd-imbalance\[ann\]"):
        pdi.undersample(df, "y", method="nearmiss-1", neighbors="approximate")
