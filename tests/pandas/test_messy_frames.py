"""Messy real frames through every resampling method (the 15 method names of the verbs).

Parquet round trips with pyarrow dtypes, missing values, sentinels, identifier and date-string
columns, constant columns, duplicate rows, tiny classes, float32, odd indexes and column names,
and labels of every dtype. For each: dtypes kept per column, originals bit-for-bit
(oversamplers), kept rows in input order with their labels (removers), JSON-safe attrs with
the right counts, the input untouched, the same seed giving the same frame, and specific
errors where a method cannot work.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import assert_unchanged, snapshot

import pd_imbalance as pdi

pytest.importorskip("pyarrow")

OVER = ["random", "smote", "borderline-1", "borderline-2", "adasyn"]
UNDER = ["random", "nearmiss-1", "nearmiss-2", "nearmiss-3"]
CLEAN = ["tomek", "enn", "renn", "allknn", "ncr", "oss"]
METHODS = (
    [("oversample", m) for m in OVER]
    + [("undersample", m) for m in UNDER]
    + [("clean", m) for m in CLEAN]
)
NEIGHBOUR_METHODS = [(v, m) for v, m in METHODS if m != "random"]


def call(df: pd.DataFrame, verb: str, method: str, target: Any = "y", seed: int = 0) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pdi.ImbalanceWarning)  # documented ones, tested below
        return getattr(pdi, verb)(df, target, method=method, random_state=seed)


def two_floats(n0: int = 40, n1: int = 20, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = n0 + n1
    return pd.DataFrame(
        {"f": rng.normal(size=n), "g": rng.normal(size=n), "y": np.repeat([0, 1], [n0, n1])}
    )


def parquet_arrow() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    n = 60
    df = pd.DataFrame(
        {
            "i": rng.integers(0, 100, n),
            "f": rng.normal(size=n),
            "s": rng.choice(["a", "b"], n),
            "b": rng.random(n) < 0.5,
            "t": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 10**6, n), "s"),
            "d": [datetime.date(2024, 1, 1 + int(k)) for k in rng.integers(0, 28, n)],
            "c": pd.Categorical(rng.choice(["u", "v", "w"], n)),
            "y": np.repeat([0, 1], [40, 20]),
        }
    )
    buffer = io.BytesIO()
    df.to_parquet(buffer)
    buffer.seek(0)
    return pd.read_parquet(buffer, dtype_backend="pyarrow")


def with_column(name: str, make: Callable[[int], Any]) -> Callable[[], pd.DataFrame]:
    def build() -> pd.DataFrame:
        df = two_floats()
        df.insert(0, name, make(len(df)))
        return df

    return build


def duplicates() -> pd.DataFrame:
    df = two_floats()
    return pd.concat([df, df.iloc[:10], df.iloc[45:50]], ignore_index=True)


def tiny_identical_minority() -> pd.DataFrame:
    rng = np.random.default_rng(2)
    return pd.DataFrame({"f": np.r_[rng.normal(size=30), [0.0] * 6], "y": [0] * 30 + [1] * 6})


def float32() -> pd.DataFrame:
    return two_floats().astype({"f": "float32", "g": "float32"})


def indexed(make: Callable[[int], pd.Index]) -> Callable[[], pd.DataFrame]:
    def build() -> pd.DataFrame:
        df = two_floats()
        df.index = make(len(df))
        return df

    return build


def int_names() -> pd.DataFrame:
    df = two_floats()
    df.columns = [0, 1, 2]
    return df


def label(values: Callable[[np.ndarray], Any]) -> Callable[[], pd.DataFrame]:
    def build() -> pd.DataFrame:
        df = two_floats()
        df["y"] = values(df["y"].to_numpy())
        return df

    return build


FRAMES: dict[str, tuple[Callable[[], pd.DataFrame], Any]] = {
    "parquet-pyarrow": (parquet_arrow, "y"),
    "sentinel": (with_column("s", lambda n: np.where(np.arange(n) % 7 == 0, 999999999, 5)), "y"),
    "id-int": (with_column("id", lambda n: np.arange(n) * 7 + 3), "y"),
    "id-str": (with_column("id", lambda n: [f"u{i}" for i in range(n)]), "y"),
    "date-str": (
        with_column("when", lambda n: [f"2024-01-{1 + i % 28:02d}" for i in range(n)]),
        "y",
    ),
    "constant": (with_column("k", lambda n: np.full(n, 5.0)), "y"),
    "constant-str": (with_column("k", lambda n: ["x"] * n), "y"),
    "duplicates": (duplicates, "y"),
    "k+1-identical-minority": (tiny_identical_minority, "y"),
    "float32": (float32, "y"),
    "int64-nullable": (with_column("h", lambda n: pd.array(np.arange(n) % 9, dtype="Int64")), "y"),
    "str-index": (indexed(lambda n: pd.Index([f"r{i}" for i in range(n)])), "y"),
    "dup-index": (indexed(lambda n: pd.Index(np.arange(n) // 2)), "y"),
    "multiindex": (
        indexed(lambda n: pd.MultiIndex.from_arrays([np.arange(n) % 3, np.arange(n)])),
        "y",
    ),
    "datetime-index": (indexed(lambda n: pd.date_range("2024-01-01", periods=n, freq="h")), "y"),
    "int-column-names": (int_names, 2),
    "label-category": (label(lambda y: pd.Categorical(np.where(y == 1, "b", "a"))), "y"),
    "label-bool": (label(lambda y: y == 1), "y"),
    "label-str": (label(lambda y: pd.array(np.where(y == 1, "b", "a"), dtype="str")), "y"),
    "label-arrow-int": (label(lambda y: pd.array(y, dtype="int64[pyarrow]")), "y"),
}


def _positions(out: pd.DataFrame, df: pd.DataFrame) -> np.ndarray:
    """Positions in ``df`` of ``out``'s rows (a remover's output: a subsequence of ``df``)."""
    if df.index.is_unique:
        return df.index.get_indexer(out.index)
    # duplicate labels do not locate a row: its (unique) float feature "f" does
    return pd.Index(df["f"]).get_indexer(out["f"])


@pytest.mark.parametrize("frame_name", list(FRAMES))
@pytest.mark.parametrize(("verb", "method"), METHODS, ids=[f"{v}-{m}" for v, m in METHODS])
def test_messy_frame(frame_name: str, verb: str, method: str) -> None:
    build, target = FRAMES[frame_name]
    df = build()
    snap = snapshot(df)
    out = call(df, verb, method, target)
    assert_unchanged(df, snap)
    assert out.dtypes.equals(df.dtypes)
    assert list(out.columns) == list(df.columns)
    record = out.attrs["pd_imbalance"]
    json.dumps(record)  # JSON-safe
    assert record["target"] == target
    counts = out[target].value_counts()
    assert record["counts_after"] == {k: int(counts.get(k, 0)) for k in record["counts_after"]}
    before = df[target].value_counts()
    assert record["counts_before"] == {k: int(before[k]) for k in record["counts_before"]}
    if verb == "oversample":
        # originals bit-for-bit; a datetime or MultiIndex index becomes object-typed when
        # new rows get "synthetic_<i>" labels (the documented index rule), its labels stay
        first = out.iloc[: len(df)]
        pd.testing.assert_frame_equal(first, df, check_index_type=len(out) == len(df))
        assert first.index.tolist() == df.index.tolist()
        assert out.index.is_unique or not df.index.is_unique
        assert len(out) >= len(df)
    else:
        pos = _positions(out, df)
        assert (np.diff(pos) > 0).all()  # original order
        pd.testing.assert_frame_equal(out, df.iloc[pos])
    pd.testing.assert_frame_equal(out, call(df, verb, method, target))  # same seed, same frame


MISSING = {
    "nan-float": lambda df: df.assign(f=df["f"].mask(df.index.isin([3, 45]))),
    "na-Int64": lambda df: df.assign(
        f=pd.array(np.arange(len(df)), dtype="Int64").astype("Int64")
    ).assign(f=lambda d: d["f"].mask(d.index.isin([2, 50]))),
    "na-arrow-double": lambda df: df.assign(
        f=df["f"].astype("double[pyarrow]").mask(df.index.isin([3, 45]))
    ),
}


@pytest.mark.parametrize("kind", list(MISSING))
def test_random_methods_accept_missing_values(kind: str) -> None:
    df = MISSING[kind](two_floats())
    for verb in ("oversample", "undersample"):
        out = call(df, verb, "random")
        assert out.dtypes.equals(df.dtypes)
        if verb == "oversample":
            pd.testing.assert_frame_equal(out.iloc[: len(df)], df)


def _operation(verb: str, method: str) -> str:
    return "clean" if verb == "clean" else f'{verb}(method="{method}")'


@pytest.mark.parametrize("kind", list(MISSING))
@pytest.mark.parametrize(
    ("verb", "method"), NEIGHBOUR_METHODS, ids=[f"{v}-{m}" for v, m in NEIGHBOUR_METHODS]
)
def test_neighbour_methods_refuse_missing_values(kind: str, verb: str, method: str) -> None:
    """InvalidFeaturesError naming the operation, the column and the count (not 'smote',
    unless it is SMOTE, whose message names the class interpolated)."""
    df = MISSING[kind](two_floats())
    snap = snapshot(df)
    with pytest.raises(pdi.InvalidFeaturesError) as info:
        call(df, verb, method)
    assert_unchanged(df, snap)
    message = str(info.value)
    assert "'f' (2 missing" in message or ("smote" in message and "'f' (1 missing" in message)
    if method != "smote":
        assert message.startswith(_operation(verb, method)), message
        assert "in the rows of" not in message  # every row is searched: no class qualifier
        assert "Impute" in message


def _id_frame() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n0, n1 = 300, 150
    df = pd.DataFrame(
        {"f": rng.normal(size=n0 + n1), "g": rng.normal(size=n0 + n1), "y": [0] * n0 + [1] * n1}
    )
    df["id"] = [f"u{i}" for i in range(n0 + n1)]
    return df


@pytest.mark.parametrize(
    ("verb", "method"), NEIGHBOUR_METHODS, ids=[f"{v}-{m}" for v, m in NEIGHBOUR_METHODS]
)
def test_id_like_warning_names_the_verb(verb: str, method: str) -> None:
    """The identifier warning says which operation compares which rows (SMOTE: the class
    being oversampled; the searches across classes: every row, and their own verb)."""
    df = _id_frame()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        getattr(pdi, verb)(df, "y", method=method, random_state=0)
    messages = [str(w.message) for w in caught if issubclass(w.category, pdi.ImbalanceWarning)]
    id_messages = [m for m in messages if "looks like an identifier" in m]
    assert len(id_messages) == 1, messages  # one warning per call, not one per search
    text = id_messages[0]
    assert "'id'" in text
    if method == "smote":
        assert "150 rows of a class being oversampled" in text and "before smote()" in text
    else:
        operation = f'{verb}(method="{method}")'
        assert f"450 distinct values in the 450 rows {operation} compares" in text
        assert "oversampled" not in text and "smote()" not in text
        assert f"before {operation}" in text


def test_date_strings_are_categorical_everywhere() -> None:
    """Date strings are categorical (copied, never interpolated): new rows take existing dates."""
    df = FRAMES["date-str"][0]()
    for method in OVER:
        out = call(df, "oversample", method)
        assert set(out["when"]) <= set(df["when"])


def test_tuple_target_is_refused_clearly() -> None:
    df = two_floats()
    df.columns = pd.MultiIndex.from_tuples([("a", "f"), ("a", "g"), ("t", "y")])
    for verb, method in METHODS:
        with pytest.raises(TypeError, match=re.escape("got tuple ('t', 'y')")):
            getattr(pdi, verb)(df, ("t", "y"), method=method)


@pytest.mark.parametrize("kind", ["float16", "dictionary"])
def test_resample_counts_pyarrow_labels(kind: str) -> None:
    """resample() recorded its counts with a value_counts lookup, which raised a raw pandas
    TypeError for float16 pyarrow labels (found by the hypothesis chain invariant)."""
    pa = pytest.importorskip("pyarrow")
    codes = np.repeat([0, 1], [40, 20])
    if kind == "float16":
        arrow = pa.array(codes.astype(np.float16), type=pa.float16())
    else:
        arrow = pa.array(
            np.where(codes == 1, "b", "a").tolist(), type=pa.dictionary(pa.int8(), pa.string())
        )
    df = two_floats().assign(y=pd.array(arrow, dtype=pd.ArrowDtype(arrow.type)))
    snap = snapshot(df)
    for steps in (["undersample"], ["smote", "tomek"], ["random", "enn"]):
        steps = ["oversample" if s == "random" else s for s in steps]
        out = pdi.resample(df, "y", steps=steps, random_state=0)
        record = out.attrs["pd_imbalance"]
        counts = out["y"].astype(str).value_counts()
        assert {str(k): v for k, v in record["counts_after"].items()} == counts.to_dict()
        assert sum(record["counts_before"].values()) == len(df)
        assert out.dtypes.equals(df.dtypes)
    assert_unchanged(df, snap)
    # the splits with a chain of methods count the same way
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pdi.ImbalanceWarning)
        train, test = pdi.split_then_resample(df, "y", method=("smote", "tomek"), random_state=0)
    assert train.dtypes.equals(df.dtypes) and test.dtypes.equals(df.dtypes)
