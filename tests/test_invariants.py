"""Invariants over random frames (hypothesis): random dtypes, sizes, class counts and seeds."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from conftest import assert_unchanged, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pd_imbalance as pdi

FEATURE_KINDS = ("float64", "float32", "int64", "Int64", "category", "bool", "str", "datetime")
LABEL_KINDS = ("int64", "str", "category", "Int64")


@st.composite
def frames(draw: st.DrawFn) -> tuple[pd.DataFrame, list[int]]:
    """A frame with 1-4 random feature columns and a label of 2-4 classes, >= 7 rows each."""
    counts = draw(st.lists(st.integers(7, 40), min_size=2, max_size=4))
    kinds = draw(st.lists(st.sampled_from(FEATURE_KINDS), min_size=1, max_size=4))
    label_kind = draw(st.sampled_from(LABEL_KINDS))
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    n = sum(counts)
    columns: dict[str, object] = {}
    for i, kind in enumerate(kinds):
        if kind in ("float64", "float32"):
            columns[f"c{i}"] = rng.normal(size=n).astype(kind)
        elif kind in ("int64", "Int64"):
            columns[f"c{i}"] = pd.array(rng.integers(-50, 50, size=n), dtype=kind)
        elif kind == "category":
            columns[f"c{i}"] = pd.Categorical(rng.choice(["a", "b", "c"], size=n))
        elif kind == "bool":
            columns[f"c{i}"] = rng.random(n) < 0.3
        elif kind == "str":
            columns[f"c{i}"] = pd.array(rng.choice(["u", "v"], size=n), dtype="str")
        else:
            columns[f"c{i}"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(
                rng.integers(0, 10**6, size=n), unit="s"
            )
    codes = rng.permutation(np.repeat(np.arange(len(counts)), counts))
    if label_kind == "str":
        labels: object = pd.array([f"k{c}" for c in codes], dtype="str")
    elif label_kind == "category":
        labels = pd.Categorical([f"k{c}" for c in codes])
    else:
        labels = pd.array(codes, dtype=label_kind)
    columns["y"] = labels
    index = pd.Index(rng.permutation(n) * 3 + 11)  # unique, unordered, non-contiguous
    return pd.DataFrame(columns, index=index), counts


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(data=frames(), seed=st.integers(0, 1000))
def test_undersample_subset_exact_counts(data: tuple[pd.DataFrame, list[int]], seed: int) -> None:
    df, counts = data
    snap = snapshot(df)
    out = pdi.undersample(df, "y", random_state=seed)
    assert_unchanged(df, snap)
    assert (out["y"].value_counts() == min(counts)).all()
    pd.testing.assert_frame_equal(out, df.loc[out.index])
    assert out.dtypes.equals(df.dtypes)
    pd.testing.assert_frame_equal(out, pdi.undersample(df, "y", random_state=seed))


@SETTINGS
@given(data=frames(), seed=st.integers(0, 1000))
def test_smote_originals_first_counts_dtypes(
    data: tuple[pd.DataFrame, list[int]], seed: int
) -> None:
    df, counts = data
    snap = snapshot(df)
    out = pdi.smote(df, "y", random_state=seed)
    assert_unchanged(df, snap)
    pd.testing.assert_frame_equal(out.iloc[: len(df)], df)
    assert (out["y"].value_counts() == max(counts)).all()
    assert out.dtypes.equals(df.dtypes)
    assert out.index.is_unique
    pd.testing.assert_frame_equal(out, pdi.smote(df, "y", random_state=seed))


@SETTINGS
@given(data=frames(), seed=st.integers(0, 1000), method=st.sampled_from(["none", "undersample"]))
def test_split_partitions(data: tuple[pd.DataFrame, list[int]], seed: int, method: str) -> None:
    df, _ = data
    snap = snapshot(df)
    with warnings.catch_warnings():  # tiny classes warn about tiny test parts: tested elsewhere
        warnings.simplefilter("ignore", pdi.ImbalanceWarning)
        train, test = pdi.split_then_resample(df, "y", method=method, random_state=seed)
    assert_unchanged(df, snap)
    assert set(train.index).isdisjoint(test.index)
    pd.testing.assert_frame_equal(test, df.loc[test.index])
    rest = df.drop(index=test.index)
    if method == "none":
        pd.testing.assert_frame_equal(train, rest)
    else:
        pd.testing.assert_frame_equal(train, rest.loc[train.index])
    assert train.dtypes.equals(df.dtypes) and test.dtypes.equals(df.dtypes)
