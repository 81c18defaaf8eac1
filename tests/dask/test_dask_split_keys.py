"""The dask split with groups= (a seeded hash per group) and time= (a cut-off time)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import pd_imbalance as pdi

dd = pytest.importorskip("dask.dataframe")
import pd_imbalance.dask as pdd  # noqa: E402


def frame(n: int = 3000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "patient_id": [f"p{g:03d}" for g in rng.integers(0, 400, n)],
            "event_time": pd.Timestamp("2024-01-01")
            + pd.to_timedelta(rng.integers(0, 2000, n), unit="min"),
            "y": (rng.random(n) < 0.2).astype(np.int64),
        }
    )


def test_groups_never_cross_and_shares_are_near_test_size() -> None:
    df = frame()
    ddf = dd.from_pandas(df, npartitions=5)
    train, test = pdd.split_then_resample(
        ddf, "y", method="none", groups="patient_id", random_state=0
    )
    got_train, got_test = train.compute(), test.compute()
    assert set(got_train["patient_id"]).isdisjoint(got_test["patient_id"])  # exact
    assert sorted([*got_train.index, *got_test.index]) == list(df.index)
    assert abs(len(got_test) / len(df) - 0.25) < 0.06  # approximate: whole groups by hash
    # the side of a group does not depend on the partitioning
    again = pdd.split_then_resample(
        dd.from_pandas(df.sample(frac=1, random_state=1), npartitions=3),
        "y", method="none", groups="patient_id", random_state=0,
    ).test.compute()
    assert set(again["patient_id"]) == set(got_test["patient_id"])
    other = pdd.split_then_resample(
        ddf, "y", method="none", groups="patient_id", random_state=1
    ).test.compute()
    assert set(other["patient_id"]) != set(got_test["patient_id"])


def test_groups_with_resampling_and_pyarrow() -> None:
    df = frame(seed=2).convert_dtypes(dtype_backend="pyarrow")
    ddf = dd.from_pandas(df, npartitions=4)
    train, test = pdd.split_then_resample(
        ddf, "y", method="undersample", groups="patient_id", random_state=0
    )
    got_train, got_test = train.compute(), test.compute()
    assert set(got_train["patient_id"]).isdisjoint(got_test["patient_id"])
    assert got_train["y"].value_counts().nunique() == 1  # exact=True is the default
    assert got_test.dtypes.equals(df.dtypes)


def test_time_split_equals_the_pandas_split() -> None:
    df = frame(seed=3)
    ddf = dd.from_pandas(df, npartitions=4)
    train, test = pdd.split_then_resample(ddf, "y", method="none", time="event_time")
    expected = pdi.split_then_resample(df, "y", method="none", time="event_time")
    # dask stores strings as pyarrow strings: compare the rows, not the string dtype
    pd.testing.assert_frame_equal(test.compute(), expected.test, check_dtype=False)
    pd.testing.assert_frame_equal(train.compute(), expected.train, check_dtype=False)
    cut = pd.Timestamp("2024-01-02 06:00")
    t2 = pdd.split_then_resample(ddf, "y", method="none", time="event_time", test_size=cut)
    assert (t2.test.compute()["event_time"] >= cut).all()
    assert (t2.train.compute()["event_time"] < cut).all()


def test_time_split_pyarrow_timestamps() -> None:
    df = frame(seed=4)
    arrow = df.convert_dtypes(dtype_backend="pyarrow")
    arrow["event_time"] = arrow["event_time"].astype("timestamp[us][pyarrow]")
    _, test = pdd.split_then_resample(
        dd.from_pandas(arrow, npartitions=3), "y", method="none", time="event_time"
    )
    expected = pdi.split_then_resample(df, "y", method="none", time="event_time").test
    assert test.compute().index.equals(expected.index)


def test_exact_is_the_default_and_agrees_with_pandas_counts() -> None:
    df = frame(seed=5)
    _, test = pdd.split_then_resample(dd.from_pandas(df, npartitions=4), "y", method="none",
                                      random_state=0)
    _, expected = pdi.split_then_resample(df, "y", method="none", random_state=0)
    pd.testing.assert_series_equal(
        test["y"].value_counts().compute().sort_index(), expected["y"].value_counts().sort_index()
    )


# --------------------------------------------------------------------------- bad input


def test_bad_keys() -> None:
    df = frame()
    ddf = dd.from_pandas(df, npartitions=2)
    with pytest.raises(TypeError, match="takes a column name"):
        pdd.split_then_resample(ddf, "y", groups=np.zeros(len(df)))
    with pytest.raises(TypeError, match="must hold dates"):
        pdd.split_then_resample(ddf, "y", time="x")
    with pytest.raises(ValueError, match="not both"):
        pdd.split_then_resample(ddf, "y", groups="patient_id", time="event_time")
    with_nan = df.astype({"patient_id": object})
    with_nan.loc[3, "patient_id"] = None
    with pytest.raises(ValueError, match="1 missing values"):
        pdd.split_then_resample(dd.from_pandas(with_nan, npartitions=2), "y",
                                groups="patient_id")
    with_nat = df.copy()
    with_nat.loc[3, "event_time"] = pd.NaT
    with pytest.raises(ValueError, match="1 missing times"):
        pdd.split_then_resample(dd.from_pandas(with_nat, npartitions=2), "y", time="event_time")
    with pytest.raises(ValueError, match="test part empty"):
        pdd.split_then_resample(
            ddf, "y", time="event_time", test_size=pd.Timestamp("2030-01-01")
        )
    with pytest.raises(TypeError, match="does not take train_size="):
        pdd.split_then_resample(ddf, "y", train_size=0.8)
