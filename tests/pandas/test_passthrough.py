"""``passthrough=``: columns kept out of the distance, copied from the base (or kept) row."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

import pd_imbalance as pdi
from pd_imbalance.errors import InvalidFeaturesError

INTERPOLATING = ["smote", "borderline-1", "borderline-2", "adasyn"]


def frame(n: int = 120, seed: int = 0) -> pd.DataFrame:
    """Two overlapping classes, plus an ID, a weight (with NaN) and a time stamp."""
    rng = np.random.default_rng(seed)
    y = np.array([0] * (n - n // 4) + [1] * (n // 4))
    return pd.DataFrame(
        {
            "row_id": np.arange(1000, 1000 + n, dtype=np.int64),
            "x1": rng.normal(size=n) + y,
            "weight": np.where(rng.random(n) < 0.2, np.nan, rng.random(n)),
            "x2": rng.normal(size=n) - y,
            "when": pd.date_range("2024-01-01", periods=n, freq="h"),
            "y": y,
        }
    )


PASS = ["row_id", "weight", "when"]


def run(df: pd.DataFrame, method: str, **kwargs: Any) -> Any:
    if method == "smote":
        return pdi.smote(df, "y", random_state=0, return_plan=True, **kwargs)
    return pdi.oversample(df, "y", method=method, random_state=0, return_plan=True, **kwargs)


@pytest.mark.parametrize("method", [*INTERPOLATING, "random"])
def test_new_rows_copy_their_base_row_exactly(method: str) -> None:
    df = frame()
    before = df.copy(deep=True)
    res = run(df, method, passthrough=PASS)
    out, plan = res.frame, res.provenance
    pd.testing.assert_frame_equal(df, before)  # the input is not changed
    assert list(out.columns) == list(df.columns)
    assert (out.dtypes == df.dtypes).all()
    n = len(df)
    pd.testing.assert_frame_equal(out.iloc[:n], df, check_exact=True)  # originals bit for bit
    assert len(plan) > 0
    base = plan["base_position"].to_numpy()
    for column in PASS:
        new = out[column].iloc[n:].reset_index(drop=True)
        expected = df[column].iloc[base].reset_index(drop=True)
        pd.testing.assert_series_equal(new, expected, check_exact=True)  # NaN copied too
    # the IDs are no longer interpolated: every new ID is an existing one
    assert out["row_id"].iloc[n:].isin(df["row_id"]).all()


@pytest.mark.parametrize("method", INTERPOLATING)
def test_passthrough_values_do_not_change_the_features(method: str) -> None:
    df = frame()
    other = df.copy()
    rng = np.random.default_rng(7)
    other["row_id"] = rng.permutation(other["row_id"].to_numpy()) * 1_000_000
    other["weight"] = rng.random(len(df)) * 1e9
    other["when"] = other["when"].sample(frac=1, random_state=1).to_numpy()
    a = run(df, method, passthrough=PASS)
    b = run(other, method, passthrough=PASS)
    pd.testing.assert_frame_equal(a.provenance, b.provenance)  # same bases, neighbours, lam
    features = ["x1", "x2", "y"]
    pd.testing.assert_frame_equal(a.frame[features], b.frame[features], check_exact=True)
    # and they equal SMOTE on the frame without those columns
    alone = run(df.drop(columns=PASS), method)
    pd.testing.assert_frame_equal(a.frame[features], alone.frame[features], check_exact=True)


def test_without_passthrough_the_id_is_a_feature() -> None:
    """The control: the same ID column changes the neighbours when it is a feature."""
    df = frame()
    with_id = pdi.smote(df.drop(columns=["when", "weight"]), "y", random_state=0)
    without = pdi.smote(df.drop(columns=["when", "weight"]), "y", random_state=0,
                        passthrough=["row_id"])
    assert not with_id["x1"].equals(without["x1"])


def test_pyarrow_passthrough_columns_keep_type_and_nulls() -> None:
    df = frame().convert_dtypes(dtype_backend="pyarrow")
    df["tag"] = pd.Series([f"t{i}" if i % 5 else None for i in range(len(df))],
                          dtype="string[pyarrow]")
    columns = [*PASS, "tag"]
    for method in ["smote", "adasyn", "random"]:
        res = run(df, method, passthrough=columns)
        out, base = res.frame, res.provenance["base_position"].to_numpy()
        assert (out.dtypes == df.dtypes).all(), method
        n = len(df)
        for column in columns:
            new = out[column].iloc[n:].reset_index(drop=True)
            pd.testing.assert_series_equal(new, df[column].iloc[base].reset_index(drop=True))
        assert out["tag"].iloc[n:].isna().sum() == df["tag"].iloc[base].isna().sum()


def test_random_shrinkage_leaves_passthrough_columns_unchanged() -> None:
    df = frame()
    res = pdi.oversample(df, "y", shrinkage=1.0, random_state=0, return_plan=True,
                         passthrough=PASS)
    n, base = len(df), res.provenance["base_position"].to_numpy()
    out = res.frame
    assert not np.allclose(out["x1"].iloc[n:], df["x1"].iloc[base])  # features get noise
    for column in PASS:
        pd.testing.assert_series_equal(
            out[column].iloc[n:].reset_index(drop=True),
            df[column].iloc[base].reset_index(drop=True),
        )


def test_missing_values_in_passthrough_columns_are_allowed() -> None:
    df = frame()
    with pytest.raises(InvalidFeaturesError, match="weight"):
        pdi.smote(df.drop(columns=["when"]), "y", random_state=0)  # a feature with NaN
    out = pdi.smote(df, "y", random_state=0, passthrough=["weight", "when"])
    assert out["weight"].isna().sum() >= df["weight"].isna().sum()


@pytest.mark.parametrize(
    "method", ["nearmiss-1", "nearmiss-2", "nearmiss-3"]
)
def test_nearmiss_ignores_passthrough_columns(method: str) -> None:
    df = frame()
    scrambled = df.assign(row_id=df["row_id"].to_numpy()[::-1] * 10**9)
    kept = pdi.undersample(df.drop(columns=PASS), "y", method=method)
    a = pdi.undersample(df, "y", method=method, passthrough=PASS)
    b = pdi.undersample(scrambled, "y", method=method, passthrough=PASS)
    assert a.index.equals(kept.index) and b.index.equals(kept.index)
    pd.testing.assert_frame_equal(a, df.loc[kept.index])  # kept rows keep their values
    assert (a.dtypes == df.dtypes).all()


@pytest.mark.parametrize("method", ["tomek", "enn", "renn", "allknn", "ncr", "oss"])
def test_cleaning_ignores_passthrough_columns(method: str) -> None:
    df = frame()
    scrambled = df.assign(weight=np.arange(len(df)) * 1e6)
    kept = pdi.clean(df.drop(columns=PASS), "y", method=method, random_state=0)
    a = pdi.clean(df, "y", method=method, random_state=0, passthrough=PASS)
    b = pdi.clean(scrambled, "y", method=method, random_state=0, passthrough=PASS)
    assert a.index.equals(kept.index) and b.index.equals(kept.index)
    pd.testing.assert_frame_equal(a, df.loc[kept.index])


def test_random_undersample_checks_and_keeps_passthrough() -> None:
    df = frame()
    out = pdi.undersample(df, "y", random_state=0, passthrough=PASS)
    pd.testing.assert_frame_equal(out, df.loc[out.index])
    with pytest.raises(ValueError, match="not columns"):
        pdi.undersample(df, "y", passthrough=["nope"])


def test_steps_and_splits_pass_it_on() -> None:
    df = frame()
    chain = pdi.resample(df, "y", steps=["smote", "tomek"], random_state=0, passthrough=PASS)
    assert chain["row_id"].isin(df["row_id"]).all()
    by_option = pdi.resample(df, "y", steps=[("smote", {"passthrough": PASS})], random_state=0)
    alone = pdi.smote(df, "y", random_state=0, passthrough=PASS)
    pd.testing.assert_frame_equal(by_option, alone)
    train, _ = pdi.split_then_resample(df, "y", method="smote", random_state=0,
                                          passthrough=PASS)
    assert train["row_id"].isin(df["row_id"]).all()
    assert (train.dtypes == df.dtypes).all()
    folds = list(pdi.cv_splits(df, "y", method="adasyn", n_splits=3, random_state=0,
                               passthrough=PASS))
    assert all(tr["row_id"].isin(df["row_id"]).all() for tr, _ in folds)


@pytest.mark.parametrize(
    ("passthrough", "error", "match"),
    [
        (["y"], ValueError, "names the target column 'y'"),
        (["row_id", "row_id"], ValueError, "lists 'row_id' more than once"),
        (["nope"], ValueError, r"names \['nope'\], which are not columns"),
        ("nope", ValueError, r"names \['nope'\], which are not columns"),
        (3.5, TypeError, "must be a list of column names"),
        (["row_id", "x1", "x2", "weight", "when"], InvalidFeaturesError, "no feature left"),
    ],
)
@pytest.mark.parametrize("verb", ["smote", "oversample", "borderline-1", "undersample", "clean"])
def test_bad_passthrough(passthrough: Any, error: type, match: str, verb: str) -> None:
    df = frame()
    calls = {
        "smote": lambda: pdi.smote(df, "y", passthrough=passthrough),
        "oversample": lambda: pdi.oversample(df, "y", passthrough=passthrough),
        "borderline-1": lambda: pdi.oversample(df, "y", method="borderline-1",
                                               passthrough=passthrough),
        "undersample": lambda: pdi.undersample(df, "y", passthrough=passthrough),
        "clean": lambda: pdi.clean(df, "y", passthrough=passthrough),
    }
    with pytest.raises(error, match=match):
        calls[verb]()


def test_a_single_name_and_categorical_overlap() -> None:
    df = frame().drop(columns=["weight"])
    one = pdi.smote(df, "y", random_state=0, passthrough="row_id",
                    categorical=[], k_neighbors=3)
    assert one["row_id"].isin(df["row_id"]).all()
    with pytest.raises(ValueError, match="both in categorical"):
        pdi.smote(df, "y", passthrough=["row_id"], categorical=["row_id"])
