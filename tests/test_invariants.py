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


# ---------------------------------------------------------------------------------------------
# the resampler family (issue 13)

OVER_METHODS = ("random", "smote", "borderline-1", "borderline-2", "adasyn")
REMOVERS = (
    ("undersample", "nearmiss-1"),
    ("undersample", "nearmiss-2"),
    ("undersample", "nearmiss-3"),
    ("clean", "tomek"),
    ("clean", "enn"),
    ("clean", "renn"),
    ("clean", "allknn"),
    ("clean", "ncr"),
    ("clean", "oss"),
)
FAMILY_SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _counts(labels: pd.Series) -> dict[object, int]:
    """Class counts as a plain dict (a float16 pyarrow index cannot be looked up in pandas)."""
    counts = labels.value_counts()
    return dict(zip(counts.index.tolist(), counts.tolist(), strict=True))


def _numeric_kind(series: pd.Series) -> bool:
    """A column interpolated as a number whose values we can compare (float or int)."""
    dtype = series.dtype
    if isinstance(dtype, pd.ArrowDtype):
        return pa.types.is_floating(dtype.pyarrow_dtype) or pa.types.is_integer(dtype.pyarrow_dtype)
    return pd.api.types.is_float_dtype(dtype) or (
        pd.api.types.is_integer_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
    )


@FAMILY_SETTINGS
@given(data=frames(), seed=st.integers(0, 1000), method=st.sampled_from(OVER_METHODS))
def test_oversample_family_invariants(
    data: tuple[pd.DataFrame, list[int]], seed: int, method: str
) -> None:
    df, counts = data
    snap = snapshot(df)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out, plan = pdi.oversample(df, "y", method=method, random_state=seed, return_plan=True)
    assert_unchanged(df, snap)
    n = len(df)
    pd.testing.assert_frame_equal(out.iloc[:n], df)  # originals first, unchanged
    assert out.dtypes.equals(df.dtypes)
    assert out.index.is_unique
    # counts: every class at the majority's size, except a class a documented warning names
    after = _counts(out["y"])
    before = _counts(df["y"])
    top = max(counts)
    warned = " ".join(
        str(w.message) for w in caught if issubclass(w.category, pdi.ImbalanceWarning)
    )
    for label, count in after.items():
        if count != top:
            assert method in ("borderline-1", "borderline-2", "adasyn")
            assert count == before[label] and f"class {label!r}" in warned, warned
    record = out.attrs["pd_imbalance"]
    assert record["counts_after"] == {k: int(after[k]) for k in record["counts_after"]}
    # new rows: their class is the base row's class, and their provenance is complete
    new = out.iloc[n:]
    assert len(plan) == len(new) and plan.index.equals(new.index)
    base_pos = plan["base_position"].to_numpy()
    nb_pos = plan["neighbor_position"].to_numpy()
    assert (new["y"].to_numpy() == df["y"].to_numpy()[base_pos]).all()
    lam = plan["lam"].to_numpy()
    if method == "random":
        assert (base_pos == nb_pos).all() and (lam == 0).all()
        pd.testing.assert_frame_equal(
            new.reset_index(drop=True), df.iloc[base_pos].reset_index(drop=True)
        )
        return
    assert ((lam >= 0) & (lam <= 1)).all()
    same_class = df["y"].to_numpy()[nb_pos] == df["y"].to_numpy()[base_pos]
    if method != "borderline-2":
        assert same_class.all()  # SMOTE, borderline-1, ADASYN: neighbours of the own class
    else:
        assert (lam[~same_class] < 0.5).all()  # toward another class: less than half way
    # continuous columns on the [base, neighbour] segment (ints rounded: still within it)
    for column in df.columns.drop("y"):
        if not _numeric_kind(df[column]):
            continue
        values = new[column].to_numpy(dtype=np.float64, na_value=np.nan)
        x = df[column].to_numpy(dtype=np.float64, na_value=np.nan)
        lo = np.minimum(x[base_pos], x[nb_pos])
        hi = np.maximum(x[base_pos], x[nb_pos])
        slack = 1e-3 * np.maximum(1.0, np.abs(hi))  # float16 / float32 rounding
        assert ((values >= lo - slack) & (values <= hi + slack)).all(), column
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pdi.ImbalanceWarning)  # the no-danger no-op, documented
        again = pdi.oversample(df, "y", method=method, random_state=seed)
    pd.testing.assert_frame_equal(out, again)


@FAMILY_SETTINGS
@given(data=frames(), seed=st.integers(0, 1000), which=st.sampled_from(REMOVERS))
def test_remover_family_invariants(
    data: tuple[pd.DataFrame, list[int]], seed: int, which: tuple[str, str]
) -> None:
    verb, method = which
    df, _ = data
    snap = snapshot(df)
    call = getattr(pdi, verb)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pdi.ImbalanceWarning)  # nearmiss-3 short: documented
            out = call(df, "y", method=method, random_state=seed)
    except pdi.InsufficientSamplesError as error:  # the documented refusal to empty a class
        assert verb == "clean" and "would remove all" in str(error)
        assert_unchanged(df, snap)
        return
    assert_unchanged(df, snap)
    positions = df.index.get_indexer(out.index)
    assert (positions >= 0).all() and (np.diff(positions) > 0).all()  # subset, in order
    pd.testing.assert_frame_equal(out, df.iloc[positions])
    assert out.dtypes.equals(df.dtypes)
    before = _counts(df["y"])
    after = _counts(out["y"])
    minority = [label for label, c in before.items() if c == min(before.values())]
    for label in minority:  # "auto" never touches the minority
        assert after.get(label, 0) == before[label]
    assert set(after) == set(before)  # no class emptied
    record = out.attrs["pd_imbalance"]
    assert record["counts_after"] == {k: int(after.get(k, 0)) for k in record["counts_after"]}
    assert record["counts_before"] == {k: int(before[k]) for k in record["counts_before"]}
    if verb == "undersample":
        target = min(before.values())
        assert all(c <= target for c in after.values())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pdi.ImbalanceWarning)  # the same documented warning
        again = call(df, "y", method=method, random_state=seed)
    pd.testing.assert_frame_equal(out, again)


STEP_NAMES = (
    "undersample",
    "oversample",
    "smote",
    "adasyn",
    "borderline-1",
    "tomek",
    "enn",
    "oss",
    "ncr",
    "nearmiss-1",
)


def _by_hand(
    df: pd.DataFrame, name: str, seed: np.random.SeedSequence, grown: bool
) -> pd.DataFrame:
    """One step applied with its verb (a cleaning after an oversampling cleans every class,
    as the chains do by default: SMOTETomek / SMOTEENN)."""
    if name == "undersample":
        return pdi.undersample(df, "y", random_state=seed)
    if name == "oversample":
        return pdi.oversample(df, "y", random_state=seed)
    if name.startswith("nearmiss"):
        return pdi.undersample(df, "y", method=name, random_state=seed)
    if name in OVER_METHODS:
        return pdi.oversample(df, "y", method=name, random_state=seed)
    strategy = "all" if grown else "auto"
    return pdi.clean(df, "y", method=name, random_state=seed, sampling_strategy=strategy)


@FAMILY_SETTINGS
@given(
    data=frames(),
    seed=st.integers(0, 1000),
    steps=st.lists(st.sampled_from(STEP_NAMES), min_size=1, max_size=3),
)
def test_resample_is_the_steps_by_hand(
    data: tuple[pd.DataFrame, list[int]], seed: int, steps: list[str]
) -> None:
    df, _ = data
    snap = snapshot(df)
    children = (
        np.random.SeedSequence(seed).spawn(len(steps))
        if len(steps) > 1
        else [np.random.SeedSequence(seed)]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pdi.ImbalanceWarning)
        try:
            expected: pd.DataFrame | None = df
            grown = False
            for name, child in zip(steps, children, strict=True):
                assert expected is not None
                expected = _by_hand(expected, name, child, grown)
                grown = grown or name in ("oversample", *OVER_METHODS)
            error = None
        except (pdi.InsufficientSamplesError, pdi.InvalidFeaturesError) as caught:
            expected, error = None, type(caught)
        if error is not None:
            with pytest.raises(error):
                pdi.resample(df, "y", steps=steps, random_state=seed)
        else:
            out = pdi.resample(df, "y", steps=steps, random_state=seed)
            assert expected is not None
            # the same rows; new rows' labels differ on purpose: a chain's later steps avoid
            # every label used before (documented), by hand a step avoids only its input's
            pd.testing.assert_frame_equal(
                out.reset_index(drop=True), expected.reset_index(drop=True)
            )
            relabelled = out.index != expected.index
            assert not out.index[relabelled].isin(df.index).any()
            assert out.index.is_unique
            record = out.attrs["pd_imbalance"]
            counts = _counts(df["y"])
            assert record["counts_before"] == {k: int(counts[k]) for k in record["counts_before"]}
    assert_unchanged(df, snap)
