"""Recommendations that look at the features, and SMOTE's warnings on text columns.

The frames are built like dmba's Taxi-cancellation data: missing values in several columns,
dates written as text ("12/31/2013 22:30"), a row number, a booking reference, integer
area / ZIP codes, a constant column and about 7 % positives.
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest

import pd_imbalance as pdi
from pd_imbalance import FeatureFinding, ImbalanceWarning
from pd_imbalance._pandas.inspect import inspect_features, sample_positions, text_kind


def _date_text(ts: pd.Series) -> list[str]:
    return [f"{t.month}/{t.day}/{t.year} {t.hour}:{t.minute:02d}" for t in ts]


def taxi(n: int = 2_000, seed: int = 0, positive_share: float = 0.07) -> pd.DataFrame:
    """A Taxi-cancellation-like frame (fixed seed)."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2013-01-01")
    booked = start + pd.to_timedelta(rng.integers(0, 365 * 24 * 60, n), unit="min")
    trip = booked + pd.to_timedelta(rng.integers(30, 3 * 24 * 60, n), unit="min")
    from_lat = rng.normal(12.97, 0.08, n)
    from_lat[rng.random(n) < 0.05] = np.nan
    area = rng.integers(1, 600, n).astype(np.float64)
    area[rng.random(n) < 0.1] = np.nan  # read from a CSV: an int column with NaN is float
    y = np.zeros(n, dtype=np.int64)
    y[rng.permutation(n)[: round(positive_share * n)]] = 1
    return pd.DataFrame(
        {
            "row": np.arange(1, n + 1),
            "booking_ref": [f"BK{i:07d}" for i in rng.permutation(n)],
            "user_id": rng.integers(1, n // 4, n),
            "pickup_zip": rng.choice([560001, 560002, 560034, 560076, 560100], n),
            "from_area": area,
            "from_lat": from_lat,
            "from_long": rng.normal(77.59, 0.08, n),
            "booking_created": _date_text(pd.Series(booked)),
            "from_date": _date_text(pd.Series(trip)),
            "country": "IN",
            "online_booking": rng.random(n) < 0.4,
            "Car_Cancellation": y,
        }
    )


def clean_taxi(n: int = 2_000) -> pd.DataFrame:
    """The fixes the advice names, applied (what passthrough/missing would do after merge)."""
    df = taxi(n)
    return (
        df.assign(
            booking_created=pd.to_datetime(df["booking_created"], format="%m/%d/%Y %H:%M"),
            from_date=pd.to_datetime(df["from_date"], format="%m/%d/%Y %H:%M"),
        )
        .drop(columns=["country", "row", "booking_ref"])
        .dropna()
    )


def kinds(findings: tuple[FeatureFinding, ...]) -> dict[object, set[str]]:
    out: dict[object, set[str]] = {}
    for f in findings:
        out.setdefault(f.column, set()).add(f.kind)
    return out


TARGET = "Car_Cancellation"

EXPECTED = {
    "row": {"identifier"},
    "booking_ref": {"identifier"},
    "user_id": {"code"},
    "pickup_zip": {"code"},
    "from_area": {"missing"},
    "from_lat": {"missing"},
    "booking_created": {"dates_as_text"},
    "from_date": {"dates_as_text"},
    "country": {"constant"},
}


def as_arrow(df: pd.DataFrame) -> pd.DataFrame:
    pytest.importorskip("pyarrow")
    return df.convert_dtypes(dtype_backend="pyarrow")


# -- the findings ----------------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["numpy", "pyarrow"])
def test_report_finds_every_problem_of_a_taxi_frame(backend: str) -> None:
    df = taxi() if backend == "numpy" else as_arrow(taxi())
    rep = pdi.report(df, TARGET)
    assert kinds(rep.findings) == EXPECTED
    missing = {f.column: f.detail for f in rep.findings if f.kind == "missing"}
    # exact counts, and the share of the rows
    n_lat = int(taxi()["from_lat"].isna().sum())
    assert missing["from_lat"].startswith(f"{n_lat:,} missing values")
    assert f"({n_lat / 2000:.1%} of the rows)" in missing["from_lat"]
    dates = {f.column: f for f in rep.findings if f.kind == "dates_as_text"}
    assert dates["from_date"].date_format == "%m/%d/%Y %H:%M"
    row = next(f for f in rep.findings if f.column == "row")
    assert "consecutive integers 1..2,000" in row.detail


def test_the_advice_names_each_finding_and_its_fix() -> None:
    rep = pdi.report(taxi(), TARGET)
    names = [r.technique for r in rep.recommendations]
    assert names == ["class_weights", "fix_features", "smote", "threshold_tuning"]
    fix = rep.recommendations[1]
    for column in EXPECTED:
        assert repr(column) in fix.reason
    assert "missing='ignore'" in fix.reason
    assert "passthrough=['row']" in fix.reason
    assert "passthrough=['booking_ref']" in fix.reason
    assert "pd.to_datetime(df['from_date'], format='%m/%d/%Y %H:%M')" in fix.reason
    assert "df.drop(columns=['country'])" in fix.reason
    assert "categorical=['pickup_zip']" in fix.reason
    # the call parses the dates and drops the constant column
    assert fix.how == (
        "df = df.assign(**{'booking_created': pd.to_datetime(df['booking_created'], "
        "format='%m/%d/%Y %H:%M'), 'from_date': pd.to_datetime(df['from_date'], "
        "format='%m/%d/%Y %H:%M')}).drop(columns=['country'])"
    )
    smote = rep.recommendations[2]
    assert "After the feature fixes" in smote.reason
    assert smote.how == (
        "pd_imbalance.split_then_resample(df, method='smote', missing='ignore', "
        "passthrough=['row', 'booking_ref'], categorical=['user_id', 'pickup_zip'])"
    )
    text = repr(rep)
    assert "Feature checks:" in text
    for f in rep.findings:
        assert f.detail in text
        assert f.fix in text


def test_the_fix_call_runs_and_fixes_the_text_columns() -> None:
    df = taxi()
    rep = pdi.report(df, TARGET)
    namespace = {"df": df, "pd": pd}
    exec(rep.recommendations[1].how, namespace)  # the advice is code that runs
    fixed = namespace["df"]
    assert isinstance(fixed, pd.DataFrame)
    assert "country" not in fixed.columns
    assert fixed["from_date"].dtype.kind == "M"
    assert fixed["from_date"].notna().all()
    after = {f.column for f in pdi.report(fixed, TARGET).findings}
    assert after == {"row", "booking_ref", "user_id", "pickup_zip", "from_area", "from_lat"}


def test_findings_are_json_safe_in_to_dict() -> None:
    rep = pdi.report(taxi(), TARGET)
    d = json.loads(json.dumps(rep.to_dict(), allow_nan=False))
    assert [f["column"] for f in d["findings"]] == [f.column for f in rep.findings]
    assert d["findings"][0] == {
        "kind": rep.findings[0].kind,
        "column": rep.findings[0].column,
        "detail": rep.findings[0].detail,
        "fix": rep.findings[0].fix,
    }


def test_the_fixed_frame_has_no_findings_and_smote_as_before() -> None:
    df = clean_taxi().drop(columns=["user_id", "pickup_zip"])
    rep = pdi.report(df, TARGET)
    assert rep.findings == ()
    assert [r.technique for r in rep.recommendations] == [
        "class_weights",
        "smote",
        "threshold_tuning",
    ]
    assert rep.recommendations[1].how == "pd_imbalance.split_then_resample(df, method='smote')"


def test_model_columns_are_not_features() -> None:
    df = taxi().assign(pred=0, score=np.linspace(0, 1, 2000))
    rep = pdi.report(df, TARGET, predictions="pred", scores="score")
    assert "pred" not in {f.column for f in rep.findings}  # a constant prediction
    assert "score" not in {f.column for f in rep.findings}


def test_identifiers_and_constants_do_not_count_as_numeric_features() -> None:
    # two text features, a row number and a constant: not "mostly numeric" once they are out
    rng = np.random.default_rng(0)
    n = 1_000
    df = pd.DataFrame(
        {
            "row": np.arange(n),
            "constant": 3.0,
            "colour": rng.choice(["red", "blue"], n),
            "shape": rng.choice(["round", "square"], n),
            "x": rng.normal(size=n),
            "y": (np.arange(n) % 10 == 0).astype(int),
        }
    )
    names = [r.technique for r in pdi.report(df, "y").recommendations]
    assert "smote" not in names
    # dates as text count as numeric: they are, once parsed
    dated = df.drop(columns=["shape"]).assign(
        when=_date_text(pd.Series(pd.Timestamp("2020-01-01") + pd.to_timedelta(np.arange(n), "h")))
    )
    assert "smote" in [r.technique for r in pdi.report(dated, "y").recommendations]


# -- the rules are conservative ------------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [
        ["May", "June", "July"],
        ["Mon", "Tue", "Wed"],
        ["1/2", "3/4", "1/3"],
        ["a1", "b2", "c3"],
        ["red", "green"],
    ],
)
def test_words_and_short_codes_are_not_dates(values: list[str]) -> None:
    assert text_kind(values) == (None, None)


def test_text_kind_numbers_and_mixed_dates() -> None:
    assert text_kind(["1.5", "2", "-3e2", "4"]) == ("numbers", None)
    mixed = ["2013-12-31 22:30", "31 Dec 2013", "January 5, 2014", "2014/02/03"]
    assert text_kind(mixed) == ("dates", None)


def test_ordinary_frames_have_no_findings() -> None:
    rng = np.random.default_rng(0)
    n = 5_000
    df = pd.DataFrame(
        {
            "amount": rng.lognormal(size=n),
            "count": rng.integers(0, 50, n),
            "colour": pd.Series(rng.choice(["red", "blue", "green"], n), dtype="str"),
            "kind": pd.Categorical(rng.choice(["a", "b"], n)),
            "flag": rng.random(n) < 0.5,
            "when": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 10**6, n), "s"),
            "y": (rng.random(n) < 0.1).astype(int),
        }
    )
    assert pdi.report(df, "y").findings == ()
    assert pdi.report(as_arrow(df), "y").findings == ()


def test_a_repeated_text_value_per_group_is_not_an_identifier() -> None:
    # 300 customers with 10 rows each, sorted: never 95 % distinct
    n = 3_000
    df = pd.DataFrame(
        {
            "customer": [f"C{i // 10:05d}" for i in range(n)],
            "x": np.random.default_rng(0).normal(size=n),
            "y": np.arange(n) % 10 == 0,
        }
    )
    assert pdi.report(df, "y").findings == ()


def test_few_rows_are_never_identifiers() -> None:
    df = pd.DataFrame({"name": [f"n{i}" for i in range(60)], "y": [0] * 50 + [1] * 10})
    assert pdi.report(df, "y").findings == ()


def test_an_int_column_with_gaps_is_not_a_row_number() -> None:
    df = pd.DataFrame({"x": np.arange(0, 2_000, 2), "y": np.arange(1_000) % 10 == 0})
    assert pdi.report(df, "y").findings == ()
    shuffled = pd.DataFrame(
        {"x": np.random.default_rng(0).permutation(1_000), "y": np.arange(1_000) % 10 == 0}
    )
    assert kinds(pdi.report(shuffled, "y").findings) == {"x": {"identifier"}}


def test_missing_values_counted_exactly_in_large_frames() -> None:
    n = 200_000
    x = np.random.default_rng(0).normal(size=n)
    x[::50] = np.nan  # 4,000 missing, found by the sample and counted on every row
    df = pd.DataFrame({"x": x, "y": np.arange(n) % 10 == 0})
    (finding,) = pdi.report(df, "y").findings
    assert finding.kind == "missing"
    assert finding.detail.startswith("4,000 missing values (2.0% of the rows)")


def test_an_all_missing_column_is_reported_once_as_constant() -> None:
    df = pd.DataFrame({"x": [np.nan] * 100, "z": np.arange(100.0) % 7, "y": [0] * 90 + [1] * 10})
    (finding,) = pdi.report(df, "y").findings
    assert (finding.kind, finding.column) == ("constant", "x")
    assert finding.detail == "every value is missing"


def test_the_sample_is_fixed_and_bounded() -> None:
    assert sample_positions(10).tolist() == list(range(10))
    p = sample_positions(10_000_000)
    assert len(p) == 4_096
    assert (np.diff(p) > 0).all()
    np.testing.assert_array_equal(p, sample_positions(10_000_000))


def test_inspect_features_does_not_mutate_the_frame() -> None:
    df = taxi(500)
    before = df.copy()
    inspect_features(df, exclude=[TARGET])
    pd.testing.assert_frame_equal(df, before)


def test_duplicate_column_names_are_checked_too() -> None:
    df = pd.DataFrame(np.zeros((100, 2)), columns=["a", "a"]).assign(y=[0] * 90 + [1] * 10)
    assert [(f.kind, f.column) for f in pdi.report(df, "y").findings] == [
        ("constant", "a"),
        ("constant", "a"),
    ]


# -- balanced data: one consistent recommendation ---------------------------------------------


@pytest.mark.parametrize("backend", ["numpy", "pyarrow"])
def test_balanced_taxi_frame_gets_only_no_action(backend: str) -> None:
    df = taxi(positive_share=0.45)
    df = df if backend == "numpy" else as_arrow(df)
    rep = pdi.report(df, TARGET)
    assert [r.technique for r in rep.recommendations] == ["no_action"]
    assert "without resampling, class weights or a tuned threshold" in rep.recommendations[0].reason
    assert f"found {len(EXPECTED)} things to fix" in rep.recommendations[0].reason
    assert kinds(rep.findings) == EXPECTED  # the feature checks still apply
    # the majority never grows; the minority would (and has rows enough)
    assert rep.to_frame()["smote_possible"].tolist() == [False, True]


def test_perfectly_balanced_data_no_class_would_grow() -> None:
    df = pd.DataFrame({"x": np.arange(100.0) % 7, "y": [0, 1] * 50})
    rep = pdi.report(df, "y")
    assert [r.technique for r in rep.recommendations] == ["no_action"]
    assert rep.to_frame()["smote_possible"].tolist() == [False, False]


def test_smote_possible_only_for_classes_that_grow() -> None:
    y = np.repeat([0, 1, 2, 3], [500, 500, 30, 3])
    rep = pdi.report(pd.DataFrame({"x": np.arange(len(y)) % 11, "y": y}), "y")
    # the two tied majorities do not grow; the class of 3 rows has too few for k=5
    assert rep.to_frame()["smote_possible"].tolist() == [False, False, True, False]
    three = np.repeat([0, 1, 2], [500, 500, 30])
    grown = pdi.smote(pd.DataFrame({"x": np.arange(1030.0) % 11, "y": three}), "y")
    assert grown["y"].value_counts().sort_index().to_dict() == {0: 500, 1: 500, 2: 500}


# -- smote warns on dates and identifiers written as text --------------------------------------


def _messages(record: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in record if issubclass(w.category, ImbalanceWarning)]


@pytest.mark.parametrize("backend", ["numpy", "pyarrow"])
@pytest.mark.parametrize(
    "method", ["smote", "borderline-1", "borderline-2", "adasyn"]
)
def test_interpolating_methods_warn_on_date_and_id_text(backend: str, method: str) -> None:
    df = clean_taxi().assign(
        from_date=lambda d: d["from_date"].dt.strftime("%m/%d/%Y %H:%M"),
        booking_ref=lambda d: [f"BK{i:07d}" for i in range(len(d))],
    )
    df = df if backend == "numpy" else as_arrow(df)
    with pytest.warns(ImbalanceWarning) as record:
        if method == "smote":
            pdi.smote(df, TARGET, random_state=0)
        else:
            pdi.oversample(df, TARGET, method=method, random_state=0)
    messages = _messages(record.list)
    dates = [m for m in messages if "'from_date' holds dates written as text" in m]
    assert len(dates) == 1
    assert "pd.to_datetime(df['from_date'], format='%m/%d/%Y %H:%M')" in dates[0]
    ids = [m for m in messages if "looks like an identifier" in m]
    assert len(ids) == 1, messages  # the identifier, not the dates: one warning each
    assert "'booking_ref'" in ids[0]
    assert "passthrough=['booking_ref']" in ids[0]


def test_split_then_resample_warns_through_smote() -> None:
    df = clean_taxi().assign(from_date=lambda d: d["from_date"].dt.strftime("%m/%d/%Y %H:%M"))
    with pytest.warns(ImbalanceWarning, match="'from_date' holds dates written as text"):
        pdi.split_then_resample(df, TARGET, method="smote", random_state=0)


def test_smote_on_the_fixed_frame_does_not_warn() -> None:
    df = clean_taxi()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = pdi.smote(df, TARGET, random_state=0)
    assert out[TARGET].value_counts().nunique() == 1


def test_smote_does_not_warn_when_nothing_grows_or_for_ordinary_text() -> None:
    rng = np.random.default_rng(0)
    n = 1_000
    df = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "colour": rng.choice(["red", "green", "blue"], n),
            "size": rng.choice(["1", "2", "3"], n),  # numbers as text: a category is fine
            "y": (rng.random(n) < 0.1).astype(int),
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pdi.smote(df, "y", random_state=0)
    hours = pd.Series(pd.Timestamp("2020-01-01") + pd.to_timedelta(np.arange(n), "h"))
    dated = df.assign(when=_date_text(hours))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pdi.smote(dated, "y", sampling_strategy={0: int((dated["y"] == 0).sum())}, random_state=0)
