"""Time-ordered splits and expanding-window folds; a validation part."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import assert_unchanged, make_frame, snapshot
from sklearn.model_selection import TimeSeriesSplit

import pd_imbalance as pdi


def events(n: int = 400, seed: int = 0, ties: bool = False) -> pd.DataFrame:
    """Rows in shuffled time order; ~15 % positives."""
    rng = np.random.default_rng(seed)
    minutes = rng.permutation(n) // (4 if ties else 1)
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "event_time": pd.Timestamp("2024-03-01") + pd.to_timedelta(minutes, unit="min"),
            "y": (rng.random(n) < 0.15).astype(np.int64),
        },
        index=pd.Index(rng.permutation(n) * 3, name="row"),
    )


def test_test_part_is_the_latest_rows_in_input_order() -> None:
    df = events()
    snap = snapshot(df)
    train, test = pdi.split_then_resample(df, "y", method="none", time="event_time")
    assert_unchanged(df, snap)
    assert len(test) == 100
    assert test["event_time"].min() > train["event_time"].max()
    pd.testing.assert_frame_equal(test, df[df["event_time"] >= test["event_time"].min()])
    pd.testing.assert_frame_equal(train, df.drop(index=test.index))
    # no randomness: the seed changes nothing
    again = pdi.split_then_resample(df, "y", method="none", time="event_time", random_state=9)
    pd.testing.assert_frame_equal(again.test, test)
    shares = pdi.split_then_resample(df, "y", method="none", time="event_time").shares
    expected = (test["y"].value_counts() / df["y"].value_counts()).sort_index()
    np.testing.assert_allclose(shares["test"].to_numpy(), expected.to_numpy())


def test_resampling_touches_the_training_window_only() -> None:
    df = events(seed=1)
    train, test = pdi.split_then_resample(df, "y", method="smote", time="event_time",
                                          random_state=0, k_neighbors=3)
    originals = train.loc[train.index.isin(df.index)]
    assert originals["event_time"].max() < test["event_time"].min()
    assert len(originals) + len(test) == len(df)
    assert train["y"].value_counts().nunique() == 1


def test_ties_at_the_cut_go_to_the_test_part() -> None:
    df = events(ties=True)
    train, test = pdi.split_then_resample(df, "y", method="none", time="event_time",
                                          test_size=99)
    assert test["event_time"].min() > train["event_time"].max()
    assert len(test) == 100  # the cut falls inside a run of 4 equal times


def test_cut_off_timestamp() -> None:
    df = events()
    cut = pd.Timestamp("2024-03-01 05:00")
    train, test = pdi.split_then_resample(df, "y", method="none", time="event_time",
                                          test_size=cut)
    assert (test["event_time"] >= cut).all() and (train["event_time"] < cut).all()
    assert len(test) == 100
    by_string = pdi.split_then_resample(df, "y", method="none", time="event_time",
                                        test_size="2024-03-01 05:00")
    pd.testing.assert_frame_equal(by_string.test, test)


def test_validation_part_is_just_before_the_test() -> None:
    df = events(seed=2)
    result = pdi.split_then_resample(df, "y", method="undersample", time="event_time",
                                     validation_size=0.2, test_size=0.1, random_state=0)
    train, validation, test = result
    assert (len(validation), len(test)) == (80, 40)
    assert validation["event_time"].min() > df.loc[~df.index.isin(
        [*validation.index, *test.index]), "event_time"].max()
    assert test["event_time"].min() > validation["event_time"].max()
    assert train["y"].value_counts().nunique() == 1
    assert list(result.shares.columns) == ["train", "validation", "test"]


def test_shuffled_validation_part_is_stratified() -> None:
    df = make_frame([300, 60, 40])
    train, validation, test = pdi.split_then_resample(df, "y", method="none",
                                                      validation_size=0.2, random_state=0)
    assert len(validation) == 80 and len(test) == 100 and len(train) == 220
    np.testing.assert_array_equal(validation["y"].value_counts().sort_index(), [60, 12, 8])
    assert not set(validation.index) & (set(train.index) | set(test.index))
    # the two-part split is unchanged by the new option
    two = pdi.split_then_resample(df, "y", method="none", random_state=0)
    three = pdi.split_then_resample(df, "y", method="none", validation_size=None, random_state=0)
    pd.testing.assert_frame_equal(two.test, three.test)


def test_expanding_folds_match_time_series_split() -> None:
    df = events(seed=3)
    folds = list(pdi.cv_splits(df, "y", 4, method="none", time="event_time"))
    order = np.argsort(df["event_time"].to_numpy(), kind="stable")
    for fold, (train_pos, test_pos) in zip(folds, TimeSeriesSplit(4).split(order), strict=True):
        assert set(fold.train.index) == set(df.index[order[train_pos]])
        assert set(fold.test.index) == set(df.index[order[test_pos]])
        assert fold.test["event_time"].min() > fold.train["event_time"].max()
        assert list(fold.shares.columns) == ["train", "test", "unused"]


def test_expanding_folds_resample_inside_the_window() -> None:
    df = events(seed=4, ties=True)
    for fold in pdi.cv_splits(df, "y", 3, method="undersample", time="event_time",
                              random_state=0):
        originals = fold.train
        assert originals["event_time"].max() < fold.test["event_time"].min()
        assert fold.train["y"].value_counts().nunique() == 1


def test_pyarrow_timestamps() -> None:
    df = events(seed=5)
    arrow = df.convert_dtypes(dtype_backend="pyarrow")
    arrow["event_time"] = arrow["event_time"].astype("timestamp[us][pyarrow]")
    _, test = pdi.split_then_resample(arrow, "y", method="none", time="event_time")
    plain = pdi.split_then_resample(df, "y", method="none", time="event_time")
    assert test.index.equals(plain.test.index)
    assert test.dtypes.equals(arrow.dtypes)
    zoned = df.assign(event_time=df["event_time"].dt.tz_localize("Europe/Paris"))
    z = pdi.split_then_resample(zoned, "y", method="none", time="event_time",
                                test_size=pd.Timestamp("2024-03-01 05:00", tz="Europe/Paris"))
    assert len(z.test) == 100


def test_too_few_test_rows_warn() -> None:
    df = events(n=40)
    df["y"] = [1] * 3 + [0] * 37
    df = df.sort_values("event_time")
    df["y"] = [1] * 3 + [0] * 37  # the positives are the earliest rows
    with pytest.warns(pdi.ImbalanceWarning, match="The test part will hold fewer than 2 rows"):
        pdi.split_then_resample(df, "y", method="none", time="event_time")
    with pytest.warns(pdi.ImbalanceWarning, match="A test fold will hold fewer than 2 rows"):
        pdi.cv_splits(df, "y", 3, method="none", time="event_time")


# --------------------------------------------------------------------------- bad input


def test_time_must_be_datetime_like() -> None:
    df = events()
    with pytest.raises(TypeError, match=r"time='x' must hold dates .* pd.to_datetime"):
        pdi.split_then_resample(df, "y", method="none", time="x")
    as_text = df.assign(event_time=df["event_time"].astype(str))
    with pytest.raises(TypeError, match="got dtype"):
        pdi.cv_splits(as_text, "y", method="none", time="event_time")


def test_nat_is_an_error() -> None:
    df = events()
    df.loc[df.index[3], "event_time"] = pd.NaT
    with pytest.raises(ValueError, match=r"1 missing times .* first at index"):
        pdi.split_then_resample(df, "y", method="none", time="event_time")
    arrow = df.convert_dtypes(dtype_backend="pyarrow")
    with pytest.raises(ValueError, match="1 missing times"):
        pdi.cv_splits(arrow, "y", method="none", time="event_time")


def test_validation_and_test_leave_no_training_rows() -> None:
    df = events()
    with pytest.raises(ValueError, match=r"validation_size=0.5 \+ test_size=0.5 = 1"):
        pdi.split_then_resample(df, "y", method="none", validation_size=0.5, test_size=0.5)
    with pytest.raises(ValueError, match="leaving no training rows"):
        pdi.split_then_resample(df, "y", method="none", validation_size=300, test_size=100)
    with pytest.raises(ValueError, match=r"\(0, 1\)"):
        pdi.split_then_resample(df, "y", method="none", validation_size=1.5)


def test_cut_off_problems() -> None:
    df = events()
    with pytest.raises(TypeError, match="needs time="):
        pdi.split_then_resample(df, "y", method="none", test_size="2024-03-01")
    with pytest.raises(ValueError, match="test part empty"):
        pdi.split_then_resample(df, "y", method="none", time="event_time",
                                test_size=pd.Timestamp("2030-01-01"))
    with pytest.raises(ValueError, match="training part empty"):
        pdi.split_then_resample(df, "y", method="none", time="event_time",
                                test_size=pd.Timestamp("2000-01-01"))
    with pytest.raises(ValueError, match="zoned"):
        pdi.split_then_resample(df, "y", method="none", time="event_time",
                                test_size=pd.Timestamp("2024-03-01 05:00", tz="UTC"))


def test_one_time_for_every_row() -> None:
    df = events().assign(event_time=pd.Timestamp("2024-01-01"))
    with pytest.raises(ValueError, match="training part empty"):
        pdi.split_then_resample(df, "y", method="none", time="event_time")
    with pytest.raises(pdi.InsufficientSamplesError, match="sharing one time"):
        pdi.cv_splits(df, "y", method="none", time="event_time")


def test_no_warning_on_a_plain_time_split() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pdi.split_then_resample(events(seed=6), "y", method="none", time="event_time")
