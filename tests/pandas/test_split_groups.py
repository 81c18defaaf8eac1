"""Grouped splits and folds: no group on two sides, shares as close as groups allow."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import assert_unchanged, snapshot
from sklearn.model_selection import StratifiedGroupKFold

import pd_imbalance as pdi
from pd_imbalance._core.split import grouped_parts


def patients(
    n_rows: int = 2000, n_groups: int = 300, seed: int = 0, three: bool = False
) -> pd.DataFrame:
    """Rows of patients: each patient has its own rate of the positive class."""
    rng = np.random.default_rng(seed)
    group = np.unique(rng.integers(0, n_groups, n_rows), return_inverse=True)[1]
    rate = rng.beta(0.5, 3, group.max() + 1)
    y = (rng.random(n_rows) < rate[group]).astype(np.int64)
    if three:
        y[(y == 0) & (rng.random(n_rows) < 0.3)] = 2
    return pd.DataFrame(
        {
            "x": rng.normal(size=n_rows),
            "z": rng.normal(size=n_rows),
            "patient_id": [f"p{g:04d}" for g in group],
            "y": y,
        },
        index=pd.RangeIndex(100, 100 + n_rows),
    )


def max_share_deviation(fold_of_row: np.ndarray, codes: np.ndarray) -> float:
    """Largest |share of a class in a test fold - its overall share|."""
    k = int(codes.max()) + 1
    folds = int(fold_of_row.max()) + 1
    table = np.bincount(fold_of_row * k + codes, minlength=folds * k).reshape(folds, k)
    share = table / table.sum(axis=1, keepdims=True)
    return float(np.abs(share - np.bincount(codes) / len(codes)).max())


def test_split_keeps_groups_apart_and_partitions_the_input() -> None:
    df = patients()
    snap = snapshot(df)
    train, test = pdi.split_then_resample(
        df, "y", method="none", groups="patient_id", random_state=0
    )
    assert_unchanged(df, snap)
    assert set(train["patient_id"]).isdisjoint(test["patient_id"])
    assert sorted([*train.index, *test.index]) == list(df.index)
    pd.testing.assert_frame_equal(test, df.loc[test.index])
    assert list(test.index) == sorted(test.index)  # input order kept
    # each class's test share close to 0.25 (groups of ~7 rows)
    got = test["y"].value_counts() / df["y"].value_counts()
    assert np.all(np.abs(got - 0.25) < 0.02), got
    shares = pdi.split_then_resample(
        df, "y", method="none", groups="patient_id", random_state=0
    ).shares
    assert list(shares.columns) == ["train", "test"]
    np.testing.assert_allclose(shares["test"].to_numpy(), got.sort_index().to_numpy())
    np.testing.assert_allclose(shares.sum(axis=1), 1.0)


def test_split_resamples_train_only_and_groups_as_array() -> None:
    df = patients(seed=3)
    groups = df["patient_id"].to_numpy()
    train, test = pdi.split_then_resample(
        df, "y", method="smote", groups=groups, random_state=1, k_neighbors=3
    )
    originals = train.loc[train.index.isin(df.index)]
    assert set(originals["patient_id"]).isdisjoint(test["patient_id"])
    assert train["y"].value_counts().nunique() == 1  # balanced by SMOTE
    assert len(test) + len(originals) == len(df)


def test_split_is_deterministic_and_seed_dependent() -> None:
    df = patients(seed=5)
    a = pdi.split_then_resample(df, "y", method="none", groups="patient_id", random_state=7)
    b = pdi.split_then_resample(df, "y", method="none", groups="patient_id", random_state=7)
    c = pdi.split_then_resample(df, "y", method="none", groups="patient_id", random_state=8)
    pd.testing.assert_frame_equal(a.test, b.test)
    assert not a.test.index.equals(c.test.index)


def test_cv_folds_are_group_k_folds() -> None:
    df = patients(seed=1)
    folds = list(pdi.cv_splits(df, "y", 5, method="none", groups="patient_id", random_state=0))
    assert len(folds) == 5
    tests = [set(f.test.index) for f in folds]
    assert sorted(i for t in tests for i in t) == list(df.index)  # the tests partition the rows
    for fold in folds:
        assert set(fold.train["patient_id"]).isdisjoint(fold.test["patient_id"])
        assert len(fold.train) + len(fold.test) == len(df)
        assert fold.shares.columns.tolist() == ["train", "test"]
    # every group in exactly one test fold
    test_groups = [set(f.test["patient_id"]) for f in folds]
    assert sum(len(g) for g in test_groups) == df["patient_id"].nunique()


@pytest.mark.parametrize("seed", range(6))
def test_share_deviation_no_worse_than_stratified_group_kfold(seed: int) -> None:
    df = patients(n_rows=3000, n_groups=int(50 + 60 * seed), seed=seed, three=seed % 2 == 1)
    codes = df["y"].to_numpy()
    ours = np.empty(len(df), dtype=np.int64)
    folds = pdi.cv_splits(df, "y", 5, method="none", groups="patient_id", random_state=seed)
    for f, fold in enumerate(folds):
        ours[df.index.get_indexer(fold.test.index)] = f
    theirs = np.empty(len(df), dtype=np.int64)
    splitter = StratifiedGroupKFold(5, shuffle=True, random_state=seed)
    for f, (_, test) in enumerate(splitter.split(df[["x"]], codes, df["patient_id"])):
        theirs[test] = f
    assert max_share_deviation(ours, codes) <= max_share_deviation(theirs, codes) + 1e-12


def test_core_assignment_scales_and_balances() -> None:
    rng = np.random.default_rng(0)
    n, n_groups = 200_000, 20_000
    groups = np.unique(rng.integers(0, n_groups, n), return_inverse=True)[1]
    codes = (rng.random(n) < rng.beta(0.3, 3, groups.max() + 1)[groups]).astype(np.int64)
    part = grouped_parts(codes, groups, np.full(5, 0.2), np.random.default_rng(1))[groups]
    assert max_share_deviation(part, codes) < 1e-3
    sizes = np.bincount(part) / n
    assert np.abs(sizes - 0.2).max() < 1e-3


def test_unstratified_grouped_split_balances_rows() -> None:
    df = patients(seed=2)
    train, test = pdi.split_then_resample(
        df, "y", method="none", groups="patient_id", stratify=False, random_state=0
    )
    assert set(train["patient_id"]).isdisjoint(test["patient_id"])
    assert abs(len(test) - 500) <= 10


def test_grouped_validation_part() -> None:
    df = patients(seed=4)
    result = pdi.split_then_resample(
        df, "y", method="undersample", groups="patient_id", validation_size=0.2, random_state=0
    )
    assert isinstance(result, pdi.TrainValidationTest)
    train, validation, test = result
    parts = [set(p["patient_id"]) for p in (train, validation, test)]
    assert parts[0].isdisjoint(parts[1]) and parts[0].isdisjoint(parts[2])
    assert parts[1].isdisjoint(parts[2])
    pd.testing.assert_frame_equal(validation, df.loc[validation.index])
    assert train["y"].value_counts().nunique() == 1  # undersampled
    shares = result.shares
    assert list(shares.columns) == ["train", "validation", "test"]
    assert np.all(np.abs(shares["validation"] - 0.2) < 0.03)
    assert np.all(np.abs(shares["test"] - 0.25) < 0.03)


def test_pyarrow_group_column() -> None:
    df = patients(seed=6).convert_dtypes(dtype_backend="pyarrow")
    assert str(df["patient_id"].dtype) == "string[pyarrow]"
    train, test = pdi.split_then_resample(
        df, "y", method="none", groups="patient_id", random_state=0
    )
    assert set(train["patient_id"]).isdisjoint(test["patient_id"])
    assert train.dtypes.equals(df.dtypes) and test.dtypes.equals(df.dtypes)
    plain = pdi.split_then_resample(
        patients(seed=6), "y", method="none", groups="patient_id", random_state=0
    )
    assert test.index.equals(plain.test.index)  # same groups, same split


# --------------------------------------------------------------------------- bad input


def test_missing_group_is_an_error() -> None:
    df = patients()
    df.loc[105, "patient_id"] = None
    with pytest.raises(ValueError, match=r"groups='patient_id' has 1 missing .* index 105"):
        pdi.split_then_resample(df, "y", method="none", groups="patient_id")


def test_missing_group_pyarrow() -> None:
    df = patients().convert_dtypes(dtype_backend="pyarrow")
    df.loc[107, "patient_id"] = None
    with pytest.raises(ValueError, match="1 missing"):
        list(pdi.cv_splits(df, "y", method="none", groups="patient_id"))


def test_a_class_in_one_group_is_named() -> None:
    df = pd.DataFrame(
        {"x": range(12), "y": [0] * 9 + [1] * 3, "g": ["a", "b", "c"] * 3 + ["z"] * 3}
    )
    with pytest.raises(pdi.InsufficientSamplesError, match=r"class 1 .* group 'z'"):
        pdi.split_then_resample(df, "y", method="none", groups="g")
    with pytest.raises(pdi.InsufficientSamplesError, match=r"class 1 .* group 'z'"):
        pdi.cv_splits(df, "y", 2, method="none", groups="g")


def test_groups_of_the_wrong_length() -> None:
    df = patients()
    with pytest.raises(ValueError, match=r"groups= has 10 values but the frame has 2000 rows"):
        pdi.split_then_resample(df, "y", method="none", groups=np.arange(10))
    with pytest.raises(ValueError, match="frame's index"):
        shifted = df["patient_id"].reset_index(drop=True)
        pdi.split_then_resample(df, "y", method="none", groups=shifted)
    with pytest.raises(ValueError, match="not a column"):
        pdi.split_then_resample(df, "y", method="none", groups="nope")
    with pytest.raises(ValueError, match="is the target"):
        pdi.split_then_resample(df, "y", method="none", groups="y")


def test_fewer_groups_than_folds() -> None:
    df = pd.DataFrame({"x": range(12), "y": [0, 1] * 6, "g": [0, 1, 2] * 4})
    with pytest.raises(pdi.InsufficientSamplesError, match="3 groups; 5 parts"):
        pdi.cv_splits(df, "y", 5, method="none", groups="g")


def test_few_groups_warn_of_empty_test_classes() -> None:
    groups = [*range(16), 16, 16, 17, 17]
    df = pd.DataFrame({"x": range(20), "y": [0] * 16 + [1] * 4, "g": groups})
    with pytest.warns(pdi.ImbalanceWarning, match="A test fold will hold fewer than 2 rows"):
        pdi.cv_splits(df, "y", 4, method="none", groups="g", random_state=0)


def test_groups_and_time_together_are_refused() -> None:
    df = patients()
    df["t"] = pd.Timestamp("2024-01-01")
    with pytest.raises(ValueError, match="not both"):
        pdi.split_then_resample(df, "y", groups="patient_id", time="t")


@pytest.mark.parametrize(
    ("option", "value", "hint"),
    [
        ("train_size", 0.8, "test_size="),
        ("shuffle", False, "time="),
        ("stratify", np.zeros(4), "target="),
    ],
)
def test_scikit_learn_habits_get_a_pointer(option: str, value: object, hint: str) -> None:
    df = pd.DataFrame({"x": range(40), "y": [0] * 32 + [1] * 8})
    with pytest.raises(TypeError, match=rf"does not take {option}=|stratify= takes True") as info:
        pdi.split_then_resample(df, "y", method="none", **{option: value})
    assert hint in str(info.value)
    assert "takes no resampling options" not in str(info.value)
    with pytest.raises(TypeError, match=rf"cv_splits does not take {option}="):
        pdi.cv_splits(df, "y", method="smote", **{option: value})


def test_group_and_time_columns_are_carried_not_interpolated_by_the_resampler() -> None:
    """A split's group (or time) column is passthrough for the resampler: each synthetic
    row takes its base row's value, so grouped CV keeps it with its source patient."""
    rng = np.random.default_rng(0)
    n = 600
    df = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "patient": rng.integers(0, 60, n) * 1000,  # far apart: interpolation would show
            "y": (rng.random(n) < 0.15).astype(int),
        }
    )
    train, test = pdi.split_then_resample(
        df, "y", groups="patient", method="smote", random_state=0
    )
    new = ~train.index.isin(df.index)
    assert new.sum() > 0
    assert set(train["patient"]) <= set(df["patient"])  # no value in between two patients
    assert not set(train["patient"]) & set(test["patient"])
    for fold in pdi.cv_splits(df, "y", n_splits=3, groups="patient", method="smote",
                              random_state=0):
        assert set(fold.train["patient"]) <= set(df["patient"])
        assert not set(fold.train["patient"]) & set(fold.test["patient"])
