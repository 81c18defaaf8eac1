"""Invariants over random frames (hypothesis): random dtypes, sizes, class counts and seeds."""

from __future__ import annotations

import decimal
import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import assert_unchanged, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pd_imbalance as pdi

pa = pytest.importorskip("pyarrow")

FEATURE_KINDS = ("float64", "float32", "int64", "Int64", "category", "bool", "str", "datetime")
LABEL_KINDS = ("int64", "str", "category", "Int64")
# pyarrow-backed columns (dtype_backend="pyarrow"), drawn like the numpy ones
ARROW_FEATURE_KINDS = (
    "arrow_float64",
    "arrow_halffloat",
    "arrow_int32",
    "arrow_bool",
    "arrow_string",
    "arrow_dictionary",
    "arrow_timestamp_tz",
    "arrow_date32",
    "arrow_duration",
    "arrow_decimal",
)
ARROW_LABEL_KINDS = ("arrow_int64", "arrow_string", "arrow_dictionary", "arrow_halffloat")


def _arrow_column(kind: str, rng: np.random.Generator, n: int) -> pd.Series:
    """A random pyarrow-backed column of ``kind`` (one of :data:`ARROW_FEATURE_KINDS`)."""
    ints = rng.integers(-50, 50, size=n)
    values: object
    if kind == "arrow_float64":
        pa_type, values = pa.float64(), rng.normal(size=n)
    elif kind == "arrow_halffloat":
        pa_type, values = pa.float16(), rng.normal(size=n).astype(np.float16)
    elif kind == "arrow_int32":
        pa_type, values = pa.int32(), ints.astype(np.int32)
    elif kind == "arrow_bool":
        pa_type, values = pa.bool_(), ints > 20
    elif kind in ("arrow_string", "arrow_dictionary"):
        pa_type, values = pa.string(), [f"s{v % 3}" for v in ints]
        if kind == "arrow_dictionary":
            pa_type = pa.dictionary(pa.int8(), pa.string())
    elif kind == "arrow_timestamp_tz":
        pa_type, values = pa.timestamp("ms", tz="America/New_York"), ints * 3_600_123
    elif kind == "arrow_date32":
        pa_type, values = pa.date32(), pa.array(19_000 + ints.astype(np.int32)).cast(pa.date32())
    elif kind == "arrow_duration":
        pa_type, values = pa.duration("s"), ints * 61
    else:
        pa_type, values = pa.decimal128(7, 2), [decimal.Decimal(int(v)) / 4 for v in ints]
    return pd.Series(pa.array(values, type=pa_type), dtype=pd.ArrowDtype(pa_type))


@st.composite
def frames(draw: st.DrawFn) -> tuple[pd.DataFrame, list[int]]:
    """A frame with 1-4 random feature columns and a label of 2-4 classes, >= 7 rows each."""
    counts = draw(st.lists(st.integers(7, 40), min_size=2, max_size=4))
    feature_kinds = FEATURE_KINDS + ARROW_FEATURE_KINDS
    kinds = draw(st.lists(st.sampled_from(feature_kinds), min_size=1, max_size=4))
    label_kind = draw(st.sampled_from(LABEL_KINDS + ARROW_LABEL_KINDS))
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    n = sum(counts)
    columns: dict[str, object] = {}
    for i, kind in enumerate(kinds):
        if kind.startswith("arrow_"):
            columns[f"c{i}"] = _arrow_column(kind, rng, n).array
        elif kind in ("float64", "float32"):
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
    elif label_kind in ("arrow_string", "arrow_dictionary"):
        pa_type = (
            pa.string() if label_kind == "arrow_string" else pa.dictionary(pa.int8(), pa.string())
        )
        labels = pd.array(
            pa.array([f"k{c}" for c in codes], type=pa_type), dtype=pd.ArrowDtype(pa_type)
        )
    elif label_kind.startswith("arrow_"):
        pa_type = pa.int64() if label_kind == "arrow_int64" else pa.float16()
        numbers = codes if label_kind == "arrow_int64" else codes.astype(np.float16)
        labels = pd.array(pa.array(numbers, type=pa_type), dtype=pd.ArrowDtype(pa_type))
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
