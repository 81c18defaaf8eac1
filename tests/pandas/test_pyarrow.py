"""pyarrow-backed frames (``dtype_backend="pyarrow"``) get what numpy-backed frames get.

Every verb runs on a frame with one ``pd.ArrowDtype`` column (a feature or the label) and on
its numpy-backed twin (same values); the results agree value for value, output dtypes equal
input dtypes, and the input is left unchanged.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import assert_unchanged, snapshot

import pd_imbalance as pdi
from pd_imbalance.sklearn import SMOTE, RandomUnderSampler

pa = pytest.importorskip("pyarrow")
pc = pytest.importorskip("pyarrow.compute")

N_MAJOR, N_MINOR, K = 24, 12, 3
N = N_MAJOR + N_MINOR
DICT_TYPE = pa.dictionary(pa.int8(), pa.string())


def _arrow(values: Any, pa_type: Any) -> pd.Series:
    return pd.Series(pa.array(values, type=pa_type), dtype=pd.ArrowDtype(pa_type))


def _days(series: pd.Series) -> np.ndarray:
    """Days since the epoch of a pyarrow date column."""
    data = pa.chunked_array(pa.array(series.array))
    if pa.types.is_date64(data.type):
        return np.asarray(data.cast(pa.int64()).to_numpy()) // 86_400_000
    return np.asarray(data.cast(pa.int32()).to_numpy()).astype(np.int64)


class Case:
    """One arrow type: its column, the numpy twin, and how to compare their values."""

    def __init__(
        self,
        arrow: Callable[[np.ndarray], pd.Series],
        twin: Callable[[np.ndarray], pd.Series],
        back: Callable[[pd.Series], np.ndarray] | None = None,
        twin_back: Callable[[pd.Series], np.ndarray] | None = None,
    ) -> None:
        self.arrow, self.twin = arrow, twin
        self.back = back or (lambda s: s.to_numpy(dtype=object))
        self.twin_back = twin_back or (lambda s: s.to_numpy(dtype=object))


def _numeric(pa_type: Any, np_dtype: str) -> Case:
    return Case(
        lambda v: _arrow(v.astype(np_dtype), pa_type),
        lambda v: pd.Series(v.astype(np_dtype)),
        lambda s: s.to_numpy(dtype=np_dtype),
        lambda s: s.to_numpy(dtype=np_dtype),
    )


def _strings(pa_type: Any) -> Case:
    return Case(
        lambda v: _arrow([f"s{int(x) % 4}" for x in v], pa_type),
        lambda v: pd.Series([f"s{int(x) % 4}" for x in v], dtype="str"),
        lambda s: s.astype(str).to_numpy(dtype=object),
        lambda s: s.astype(str).to_numpy(dtype=object),
    )


def _timestamps(unit: str, tz: str | None) -> Case:
    scale = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}[unit]
    twin_dtype: Any = pd.DatetimeTZDtype(unit, tz) if tz else f"datetime64[{unit}]"

    def ticks(v: np.ndarray) -> np.ndarray:
        return (1_700_000_000 + v.astype(np.int64) * 3_601) * scale

    def twin(v: np.ndarray) -> pd.Series:
        naive = pd.Series(ticks(v).view(f"datetime64[{unit}]"))
        return naive.dt.tz_localize("UTC").dt.tz_convert(tz) if tz else naive.astype(twin_dtype)

    return Case(
        lambda v: _arrow(ticks(v), pa.timestamp(unit, tz)),
        twin,
        lambda s: s.astype(twin_dtype).to_numpy(dtype=object),
        lambda s: s.to_numpy(dtype=object),
    )


def _dates(pa_type: Any) -> Case:
    def arrow(v: np.ndarray) -> pd.Series:
        days = 19_000 + v.astype(np.int64)
        if pa.types.is_date64(pa_type):
            return _arrow(pa.array(days * 86_400_000, pa.int64()).cast(pa_type), pa_type)
        return _arrow(pa.array(days.astype(np.int32), pa.int32()).cast(pa_type), pa_type)

    return Case(
        arrow,
        lambda v: pd.Series(19_000 + v.astype(np.int64)),  # twin: whole days as int64
        _days,
        lambda s: s.to_numpy(dtype=np.int64),
    )


def _decimals(v: np.ndarray) -> list[decimal.Decimal]:
    return [decimal.Decimal(f"{x:.2f}") for x in v]


CASES: dict[str, Case] = {
    "int8": _numeric(pa.int8(), "int8"),
    "int64": _numeric(pa.int64(), "int64"),
    "uint16": _numeric(pa.uint16(), "uint16"),
    "uint64": _numeric(pa.uint64(), "uint64"),
    "halffloat": _numeric(pa.float16(), "float16"),
    "float32": _numeric(pa.float32(), "float32"),
    "float64": _numeric(pa.float64(), "float64"),
    "bool": Case(
        lambda v: _arrow(v.astype(np.int64) % 2 == 0, pa.bool_()),
        lambda v: pd.Series(v.astype(np.int64) % 2 == 0),
    ),
    "string": _strings(pa.string()),
    "large_string": _strings(pa.large_string()),
    "dictionary": Case(
        lambda v: _arrow([f"s{int(x) % 4}" for x in v], DICT_TYPE),
        lambda v: pd.Series(pd.Categorical([f"s{int(x) % 4}" for x in v])),
        lambda s: s.astype(str).to_numpy(dtype=object),
        lambda s: s.astype(str).to_numpy(dtype=object),
    ),
    "dictionary_int": Case(
        lambda v: _arrow(v.astype(np.int64) % 5, pa.int32()).astype(
            pd.ArrowDtype(pa.dictionary(pa.int16(), pa.int32()))
        ),
        lambda v: pd.Series(pd.Categorical(v.astype(np.int64) % 5)),
        lambda s: s.to_numpy(dtype=np.int64),
        lambda s: s.to_numpy(dtype=np.int64),
    ),
    "timestamp_s": _timestamps("s", None),
    "timestamp_us": _timestamps("us", None),
    "timestamp_ns": _timestamps("ns", None),
    "timestamp_ms_tz": _timestamps("ms", "Europe/Paris"),
    "timestamp_us_utc": _timestamps("us", "UTC"),
    "date32": _dates(pa.date32()),
    "date64": _dates(pa.date64()),
    "duration_ms": Case(
        lambda v: _arrow(v.astype(np.int64) * 977, pa.duration("ms")),
        lambda v: pd.Series((v.astype(np.int64) * 977).view("timedelta64[ms]")),
        lambda s: s.astype("timedelta64[ms]").to_numpy(dtype=object),
        lambda s: s.to_numpy(dtype=object),
    ),
    "decimal": Case(  # twin: float64; the decimal is the float rounded half-even to 2 places
        lambda v: _arrow(_decimals(v), pa.decimal128(9, 2)),
        lambda v: pd.Series([float(d) for d in _decimals(v)]),
        lambda s: s.to_numpy(dtype=np.float64),
        lambda s: np.round(s.to_numpy(dtype=np.float64), 2),
    ),
    "decimal256": Case(
        lambda v: _arrow(_decimals(v), pa.decimal256(40, 2)),
        lambda v: pd.Series([float(d) for d in _decimals(v)]),
        lambda s: s.to_numpy(dtype=np.float64),
        lambda s: np.round(s.to_numpy(dtype=np.float64), 2),
    ),
}


def _labels() -> np.ndarray:
    y = np.repeat([0, 1], [N_MAJOR, N_MINOR])
    return y[np.random.default_rng(7).permutation(N)]


def _feature_values() -> np.ndarray:
    return np.random.default_rng(3).integers(0, 60, size=N).astype(np.float64)


def feature_frames(name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A frame with the arrow column ``x`` (plus a float and a label), and its numpy twin."""
    case, values = CASES[name], _feature_values()
    rng = np.random.default_rng(5)
    base = {"f": rng.normal(size=N), "score": rng.random(N), "y": _labels()}
    index = pd.Index(np.arange(100, 100 + N) * 2, name="row")
    arrow_df, twin_df = (
        pd.DataFrame({"x": make(values).array, **base}, index=index)
        for make in (case.arrow, case.twin)
    )
    return arrow_df, twin_df


def label_frames(name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A frame whose label ``y`` is the arrow column (two classes), and its numpy twin."""
    case, values = CASES[name], _labels().astype(np.float64)
    rng = np.random.default_rng(5)
    base = {"f": rng.normal(size=N), "g": rng.integers(0, 9, size=N), "score": rng.random(N)}
    index = pd.Index(np.arange(N) * 3 + 1, name="row")
    arrow_df, twin_df = (
        pd.DataFrame({**base, "y": make(values).array}, index=index)
        for make in (case.arrow, case.twin)
    )
    return arrow_df, twin_df


def _run(verb: str, df: pd.DataFrame, method: str = "smote") -> list[Any]:
    """Run ``verb`` with a fixed seed; return its results as frames, series and scalars.

    ``method`` is the resampler of the splits (``split_then_resample``, ``cv_splits``).
    """
    if verb == "report":
        rep = pdi.report(df, "y", k_neighbors=K)
        table = rep.to_frame()
        return [table["count"].tolist(), rep.imbalance_ratio, rep.severity]
    if verb == "undersample":
        return [pdi.undersample(df, "y", random_state=0)]
    if verb == "smote":
        return [pdi.smote(df, "y", k_neighbors=K, random_state=0)]
    if verb == "weights":
        return [pdi.weights(df, "y").to_numpy().tolist()]
    if verb == "sample_weights":
        return [pdi.sample_weights(df, "y").to_frame("w")]
    if verb == "split_then_resample":
        train, test = pdi.split_then_resample(
            df, "y", method=method, random_state=1, test_size=0.25, **_options(method)
        )
        return [train, test]
    if verb == "cv_splits":
        parts: list[Any] = []
        for train, test in pdi.cv_splits(
            df, "y", 2, method=method, random_state=2, **_options(method)
        ):
            parts += [train, test]
        return parts
    if verb == "tune_threshold":
        positive = df["y"].iloc[int(np.flatnonzero(_labels() == 1)[0])]
        res = pdi.tune_threshold(df, "y", scores="score", pos_label=positive)
        return [res.threshold]
    X, y = df.drop(columns="y"), df["y"]
    sampler: Any = (
        SMOTE(k_neighbors=K, random_state=0)
        if verb == "sklearn_smote"
        else RandomUnderSampler(random_state=0)
    )
    X_res, y_res = sampler.fit_resample(X, y)
    return [X_res.assign(y=y_res)]


def _options(method: str) -> dict[str, Any]:
    return {"k_neighbors": K} if method == "smote" else {}


VERBS = (
    "report",
    "undersample",
    "smote",
    "weights",
    "sample_weights",
    "split_then_resample",
    "cv_splits",
    "tune_threshold",
    "sklearn_smote",
    "sklearn_undersample",
)


def _compare(
    verb: str,
    arrow_df: pd.DataFrame,
    twin_df: pd.DataFrame,
    cases: dict[str, str],
    method: str = "smote",
) -> None:
    """Run ``verb`` on both frames; ``cases`` maps each arrow column to its case name."""
    snap = snapshot(arrow_df)
    arrow_out, twin_out = _run(verb, arrow_df, method), _run(verb, twin_df, method)
    assert_unchanged(arrow_df, snap)
    assert len(arrow_out) == len(twin_out)
    for got, want in zip(arrow_out, twin_out, strict=True):
        if not isinstance(got, pd.DataFrame):
            assert got == want
            continue
        pd.testing.assert_index_equal(got.index, want.index)
        assert list(got.columns) == list(want.columns)
        for col in got.columns:
            if col in arrow_df.columns:
                assert got[col].dtype == arrow_df[col].dtype, col
        for col in got.columns:
            if col not in cases:
                pd.testing.assert_series_equal(got[col], want[col], check_exact=True)
                continue
            case = CASES[cases[col]]
            np.testing.assert_array_equal(case.back(got[col]), case.twin_back(want[col]))
            # the input rows that came back are unchanged, bit for bit
            rows = got.loc[got.index.isin(arrow_df.index), col]
            pd.testing.assert_series_equal(rows, arrow_df.loc[rows.index, col], check_exact=True)


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("verb", ["smote", "undersample"])
def test_arrow_feature_matches_numpy_twin(verb: str, name: str) -> None:
    arrow_df, twin_df = feature_frames(name)
    _compare(verb, arrow_df, twin_df, {"x": name})


def wide_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """One frame with a column of every arrow type (``x_<type>``), and its numpy twin."""
    rng = np.random.default_rng(11)
    columns: list[dict[str, Any]] = [{}, {}]
    for name, case in sorted(CASES.items()):
        values = rng.integers(0, 60, size=N).astype(np.float64)
        columns[0][f"x_{name}"] = case.arrow(values).array
        columns[1][f"x_{name}"] = case.twin(values).array
    index = pd.Index(np.arange(N) * 5 + 3, name="row")
    extra = {"score": rng.random(N), "y": _labels()}
    arrow_df, twin_df = (pd.DataFrame({**c, **extra}, index=index) for c in columns)
    return arrow_df, twin_df


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_on_every_arrow_feature_type(verb: str) -> None:
    """Every verb, on a frame holding a feature column of each arrow type at once."""
    arrow_df, twin_df = wide_frames()
    _compare(verb, arrow_df, twin_df, {f"x_{name}": name for name in CASES})


LABEL_PARAMS = [(verb, name) for verb in VERBS for name in sorted(CASES)]


@pytest.mark.parametrize(("verb", "name"), LABEL_PARAMS)
def test_arrow_label_matches_numpy_twin(verb: str, name: str) -> None:
    arrow_df, twin_df = label_frames(name)
    # the splits resample by undersampling here: the smote verb and the wide-frame test
    # already run SMOTE (also inside the splits) on these labels' code path
    _compare(verb, arrow_df, twin_df, {"y": name}, method="undersample")


def test_smote_keeps_nan_and_null_apart_in_copied_rows() -> None:
    """Defect: an arrow NaN in a copied row came back as null."""
    y = np.repeat([0, 1], [12, 6])
    x = pa.array([float("nan"), None, *np.arange(10.0), *np.arange(6.0)], type=pa.float64())
    df = pd.DataFrame(
        {"x": pd.Series(x, dtype=pd.ArrowDtype(pa.float64())), "f": np.arange(18.0), "y": y}
    )
    snap = snapshot(df)
    out = pdi.smote(df, "y", k_neighbors=3, random_state=0)
    assert_unchanged(df, snap)
    got = pa.chunked_array(pa.array(out["x"].array)).combine_chunks()
    head = got.slice(0, len(df))
    assert pc.is_nan(head).to_pylist()[:2] == [True, None]  # NaN stays NaN
    assert pc.is_null(head).to_pylist()[:2] == [False, True]  # null stays null
    assert head.equals(x) or head.to_pylist()[1:] == x.to_pylist()[1:]
    assert out["x"].dtype == df["x"].dtype
    assert not pc.any(pc.is_null(got.slice(len(df)))).as_py()


def test_smote_refuses_nan_in_a_class_that_grows() -> None:
    x = pa.array([*np.arange(12.0), float("nan"), *np.arange(5.0)], type=pa.float64())
    df = pd.DataFrame(
        {"x": pd.Series(x, dtype=pd.ArrowDtype(pa.float64())), "y": [0] * 12 + [1] * 6}
    )
    with pytest.raises(pdi.InvalidFeaturesError, match=r"'x' \(1 missing in the rows of class 1\)"):
        pdi.smote(df, "y", k_neighbors=3)


@pytest.mark.parametrize(
    "pa_type", [pa.list_(pa.int64()), pa.struct([("a", pa.int64())]), pa.binary(), pa.time64("us")]
)
def test_unsupported_arrow_type_refused_before_the_neighbour_search(
    pa_type: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pd_imbalance._verbs import oversampling as resample

    values = {
        "list": [[1]] * N,
        "struct": [{"a": 1}] * N,
        "binary": [b"x"] * N,
        "time64": list(range(N)),
    }[str(pa_type).split("<")[0].split("[")[0].split("(")[0]]
    df = pd.DataFrame({"odd": _arrow(values, pa_type).array, "f": np.arange(N, dtype=float)})
    df["y"] = _labels()

    def no_search(*args: object, **kwargs: object) -> None:
        raise AssertionError("the neighbour search ran")

    monkeypatch.setattr(resample, "plan_smote", no_search)
    with pytest.raises(pdi.InvalidFeaturesError) as err:
        pdi.smote(df, "y", k_neighbors=K)
    message = str(err.value)
    assert "'odd'" in message and str(df["odd"].dtype) in message and "astype(str)" in message


def test_decimal_synthetic_values_rounded_to_scale_within_segment() -> None:
    rng = np.random.default_rng(0)
    values = [decimal.Decimal(f"{v:.3f}") for v in rng.normal(size=N) * 50]
    df = pd.DataFrame({"d": _arrow(values, pa.decimal128(12, 3)).array, "y": _labels()})
    res = pdi.smote(df, "y", k_neighbors=K, random_state=0, return_plan=True)
    out, prov = res
    assert out["d"].dtype == df["d"].dtype
    synthetic = out["d"].iloc[N:].tolist()
    assert all(v.as_tuple().exponent == -3 for v in synthetic)
    ends = zip(prov["base_position"], prov["neighbor_position"], strict=True)
    for value, (b, z) in zip(synthetic, ends, strict=True):
        assert min(values[b], values[z]) <= value <= max(values[b], values[z])


def test_float16_label_every_verb() -> None:
    """Defect: float16 labels raised pandas' NotImplementedError."""
    df = pd.DataFrame({"x": np.arange(N, dtype=float), "y": _labels().astype(np.float16)})
    twin = df.assign(y=df["y"].astype(np.float64))
    snap = snapshot(df)
    for verb in ("undersample", "smote", "sample_weights", "split_then_resample"):
        got, want = _run(verb, df), _run(verb, twin)
        for g, w in zip(got, want, strict=True):
            pd.testing.assert_frame_equal(g.astype({"y": np.float64}) if "y" in g else g, w)
            if "y" in g:
                assert g["y"].dtype == np.float16
    assert pdi.weights(df, "y").tolist() == pdi.weights(twin, "y").tolist()
    assert pdi.report(df, "y").imbalance_ratio == pdi.report(twin, "y").imbalance_ratio
    assert_unchanged(df, snap)


def test_float16_label_must_be_integral() -> None:
    df = pd.DataFrame({"x": np.arange(N, dtype=float), "y": (_labels() + 0.5).astype(np.float16)})
    with pytest.raises(pdi.InvalidTargetError, match="continuous"):
        pdi.undersample(df, "y")


def test_float16_categorical_feature() -> None:
    """Defect: categorical=[<float16 column>] raised pandas' NotImplementedError."""
    codes = np.random.default_rng(1).integers(0, 3, size=N)
    df = pd.DataFrame(
        {"c": codes.astype(np.float16) / 2, "f": np.arange(N, dtype=float), "y": _labels()}
    )
    twin = df.assign(c=df["c"].astype(np.float64))
    out = pdi.smote(df, "y", k_neighbors=K, random_state=0, categorical=["c"])
    want = pdi.smote(twin, "y", k_neighbors=K, random_state=0, categorical=["c"])
    assert out["c"].dtype == np.float16
    pd.testing.assert_frame_equal(out.astype({"c": np.float64}), want)
    assert set(out["c"].iloc[N:]) <= set(df["c"])
    pd.testing.assert_frame_equal(out.iloc[:N], df)


def test_parquet_round_trip(tmp_path: Any) -> None:
    rng = np.random.default_rng(0)
    n = 60
    y = np.array(["ok"] * 45 + ["fraud"] * 15)[rng.permutation(n)]
    amount = rng.normal(100, 20, size=n)
    amount[np.flatnonzero(y == "ok")[:2]] = np.nan  # NaN in a copied class
    count = rng.integers(0, 50, size=n)
    count[np.flatnonzero(y == "ok")[0]] = 999_999_999  # a sentinel, kept as it is
    raw = pd.DataFrame(
        {
            "id": [f"ID-{i:05d}" for i in range(n)],
            "amount": amount,
            "count": count,
            "when": pd.to_datetime(
                [f"2024-0{1 + i % 9}-{1 + i % 28:02d}" for i in range(n)]
            ).as_unit("us"),
            "note": pd.array([None if i % 7 == 0 and y[i] == "ok" else "n" for i in range(n)]),
            "y": y,
        }
    )
    path = tmp_path / "data.parquet"
    table = pa.Table.from_pandas(raw, preserve_index=False)
    # a real null in a float column, next to the NaNs
    amount_col = table.column("amount").to_pylist()
    amount_col[np.flatnonzero(y == "ok")[2]] = None
    table = table.set_column(1, "amount", pa.array(amount_col, pa.float64(), from_pandas=False))
    import pyarrow.parquet as pq

    pq.write_table(table, path)
    df = pd.read_parquet(path, dtype_backend="pyarrow").drop(columns="note")
    assert all(isinstance(t, pd.ArrowDtype) for t in df.dtypes)
    snap = snapshot(df)
    out = pdi.smote(df, "y", k_neighbors=K, random_state=0)  # the ID string: categorical
    assert_unchanged(df, snap)
    assert out.dtypes.equals(df.dtypes)
    pd.testing.assert_frame_equal(out.iloc[:n], df, check_exact=True)
    head = pa.chunked_array(pa.array(out["amount"].array)).slice(0, n)
    original = pa.chunked_array(pa.array(df["amount"].array))
    assert pc.is_nan(head).to_pylist() == pc.is_nan(original).to_pylist()
    assert pc.is_null(head).to_pylist() == pc.is_null(original).to_pylist()
    assert out["count"].max() == 999_999_999
    assert (out["y"].value_counts() == 45).all()
    train, test = pdi.split_then_resample(df, "y", method="undersample", random_state=0)
    assert train.dtypes.equals(df.dtypes) and test.dtypes.equals(df.dtypes)
    with_notes = pd.read_parquet(path, dtype_backend="pyarrow")
    pd.testing.assert_frame_equal(
        pdi.undersample(with_notes, "y", random_state=0),
        with_notes.loc[pdi.undersample(with_notes, "y", random_state=0).index],
    )


def test_csv_read_with_pyarrow_engine(tmp_path: Any) -> None:
    """Date strings parsed by pyarrow's CSV reader, a sentinel int, missing floats."""
    n = 40
    y = ["ok"] * 30 + ["fraud"] * 10
    lines = ["id,amount,count,day,stamp,y"]
    for i in range(n):
        amount = "" if i in (1, 2) else f"{10 + i * 1.5:.2f}"  # missing: copied rows only
        count = 999_999_999 if i == 0 else i % 17
        lines.append(
            f"ID-{i:04d},{amount},{count},2024-03-{1 + i % 28:02d},"
            f"2024-03-01 {i % 24:02d}:{i % 60:02d}:00,{y[i]}"
        )
    path = tmp_path / "data.csv"
    path.write_text("\n".join(lines) + "\n")
    df = pd.read_csv(path, engine="pyarrow", dtype_backend="pyarrow")
    assert pa.types.is_date32(df["day"].dtype.pyarrow_dtype)
    assert pa.types.is_timestamp(df["stamp"].dtype.pyarrow_dtype)
    snap = snapshot(df)
    for verb in VERBS:
        if verb != "tune_threshold":
            _run(verb, df.rename(columns={"amount": "score"}).fillna({"score": 0.0}))
    out = pdi.smote(df, "y", k_neighbors=K, random_state=0)
    assert_unchanged(df, snap)
    assert out.dtypes.equals(df.dtypes)
    pd.testing.assert_frame_equal(out.iloc[:n], df, check_exact=True)
    assert out["count"].iloc[0] == 999_999_999
    assert out["amount"].iloc[1:3].isna().all()
