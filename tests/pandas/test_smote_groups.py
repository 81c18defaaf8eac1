"""SMOTE with ``groups=``: new rows inherit their base row's group; ``within_groups`` neighbours."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import GroupKFold

import pd_imbalance as pdi
from pd_imbalance._core.grouped_neighbors import SMALL_GROUP, grouped_within
from pd_imbalance._core.neighbor_rule import NeighborRule
from pd_imbalance._core.neighbors import nearest_neighbors
from pd_imbalance.errors import InsufficientSamplesError, InvalidFeaturesError

METHODS = ["smote", "borderline-1", "adasyn"]


def patients(n_patients: int = 30, rows: int = 8, seed: int = 0) -> pd.DataFrame:
    """Rows per patient; a patient's rows sit near each other, a third of them positive."""
    rng = np.random.default_rng(seed)
    pid = np.repeat([f"p{i:03d}" for i in range(n_patients)], rows)
    centre = rng.normal(scale=3, size=(n_patients, 2)).repeat(rows, axis=0)
    x = centre + rng.normal(scale=0.5, size=centre.shape)
    y = (rng.random(len(pid)) < 0.3).astype(int)
    y[::rows] = 1  # each patient has a positive row ...
    y[1::rows] = 1  # ... two of them, and the majority rows
    y[2::rows] = 0
    y[3::rows] = 0
    return pd.DataFrame({"patient_id": pid, "x1": x[:, 0], "x2": x[:, 1], "y": y})


def run(df: pd.DataFrame, method: str, **kwargs: Any) -> Any:
    if method == "smote":
        return pdi.smote(df, "y", random_state=0, return_plan=True, **kwargs)
    return pdi.oversample(df, "y", method=method, random_state=0, return_plan=True, **kwargs)


@pytest.mark.parametrize("within", [False, True])
@pytest.mark.parametrize("method", METHODS)
def test_every_new_row_inherits_its_base_rows_group(method: str, within: bool) -> None:
    df = patients()
    k = 1 if within else 5
    res = run(df, method, k_neighbors=k, groups="patient_id", within_groups=within)
    out, plan = res.frame, res.provenance
    n = len(df)
    assert len(plan) > 0
    groups = df["patient_id"].to_numpy()
    base_group = groups[plan["base_position"].to_numpy()]
    assert (out["patient_id"].iloc[n:].to_numpy() == base_group).all()
    assert out["patient_id"].dtype == df["patient_id"].dtype
    # GroupKFold over the resampled frame keeps every synthetic row with its source rows
    source_of = pd.Series(plan["base"].to_numpy(), index=plan.index)
    for train, test in GroupKFold(n_splits=5).split(out, groups=out["patient_id"]):
        test_labels = set(out.index[test])
        synthetic_in_test = [i for i in out.index[test] if i in source_of.index]
        assert all(source_of[i] in test_labels for i in synthetic_in_test)
        train_labels = out.index[train]
        assert not set(train_labels) & test_labels
    neighbour_group = groups[plan["neighbor_position"].to_numpy()]
    if within:
        assert (neighbour_group == base_group).all()
    else:  # the control: without within_groups neighbours cross patients
        assert (neighbour_group != base_group).any()


def test_within_groups_neighbours_are_the_nearest_of_the_group() -> None:
    df = patients()
    res = pdi.smote(df, "y", k_neighbors=1, groups="patient_id", within_groups=True,
                    random_state=0, return_plan=True)
    plan = res.provenance
    x = df[["x1", "x2"]].to_numpy()
    for base, neighbour in zip(plan["base_position"], plan["neighbor_position"], strict=True):
        same = np.flatnonzero((df["patient_id"] == df["patient_id"].iloc[base]).to_numpy()
                              & (df["y"] == df["y"].iloc[base]).to_numpy())
        others = same[same != base]
        nearest = others[np.argmin(((x[others] - x[base]) ** 2).sum(axis=1))]
        assert neighbour == nearest  # k=1: the one nearest row of the same class and group


def test_groups_without_within_equals_passthrough() -> None:
    df = patients()
    a = pdi.smote(df, "y", groups="patient_id", random_state=0)
    b = pdi.smote(df, "y", passthrough=["patient_id"], random_state=0)
    pd.testing.assert_frame_equal(a, b)


def test_grouped_search_matches_a_search_per_group() -> None:
    """Small groups (batched) and large groups (one search each) against per-group searches."""
    rng = np.random.default_rng(3)
    space = rng.normal(size=(4000, 4))
    groups = rng.integers(0, 500, size=4000)
    groups[:300] = 10_000  # one group larger than SMALL_GROUP
    sizes = np.bincount(groups)
    groups = np.where(sizes[groups] > 3, groups, 10_000)
    assert np.bincount(groups).max() > SMALL_GROUP
    near = grouped_within(NeighborRule("k", 3), space, groups)
    for g in np.unique(groups):
        rows = np.flatnonzero(groups == g)
        assert (near[rows] == rows[nearest_neighbors(space[rows], 3)]).all()


def test_grouped_search_with_a_search_object() -> None:
    from sklearn.neighbors import NearestNeighbors

    df = patients()
    ours = pdi.smote(df, "y", k_neighbors=1, groups="patient_id", within_groups=True,
                     random_state=0)
    theirs = pdi.oversample(df, "y", method="smote", k_neighbors=NearestNeighbors(n_neighbors=2),
                            groups="patient_id", within_groups=True, random_state=0)
    pd.testing.assert_frame_equal(ours, theirs)


def test_within_groups_with_categorical_features() -> None:
    df = patients().assign(site=lambda d: np.where(d["x1"] > 0, "north", "south"))
    res = pdi.smote(df, "y", k_neighbors=1, groups="patient_id", within_groups=True,
                    random_state=0, return_plan=True)
    plan, groups = res.provenance, df["patient_id"].to_numpy()
    assert (groups[plan["neighbor_position"]] == groups[plan["base_position"]]).all()
    assert set(res.frame["site"]) <= {"north", "south"}


def test_pyarrow_groups() -> None:
    df = patients().convert_dtypes(dtype_backend="pyarrow")
    res = pdi.smote(df, "y", k_neighbors=1, groups="patient_id", within_groups=True,
                    random_state=0, return_plan=True)
    assert (res.frame.dtypes == df.dtypes).all()
    base = res.provenance["base_position"].to_numpy()
    pd.testing.assert_series_equal(
        res.frame["patient_id"].iloc[len(df):].reset_index(drop=True),
        df["patient_id"].iloc[base].reset_index(drop=True),
    )


def test_small_group_is_named() -> None:
    df = patients()
    with pytest.raises(InsufficientSamplesError, match=r"group 'p\d+' has 2 row\(s\) of class 1"):
        pdi.smote(df, "y", k_neighbors=2, groups="patient_id", within_groups=True)
    with pytest.raises(InsufficientSamplesError, match="within_groups=False"):
        pdi.oversample(df, "y", method="adasyn", k_neighbors=3, groups="patient_id",
                       within_groups=True)


def test_bad_group_arguments() -> None:
    df = patients()
    with pytest.raises(ValueError, match="name the group column with groups"):
        pdi.smote(df, "y", within_groups=True)
    with pytest.raises(ValueError, match="no such column"):
        pdi.smote(df, "y", groups="nope")
    with pytest.raises(ValueError, match="names the target column"):
        pdi.smote(df, "y", groups="y")
    with pytest.raises(ValueError, match="borderline-2 draws neighbours from every class"):
        pdi.oversample(df, "y", method="borderline-2", groups="patient_id", within_groups=True)
    with pytest.raises(TypeError, match="method='random' copies rows"):
        pdi.oversample(df, "y", groups="patient_id", within_groups=True)
    with pytest.raises(TypeError, match="within_groups"):
        pdi.smote(df, "y", groups="patient_id", within_groups="yes")  # type: ignore[arg-type]
    missing = df.assign(patient_id=df["patient_id"].mask(df.index == 0))
    with pytest.raises(InvalidFeaturesError, match="1 row\\(s\\) of the classes that grow"):
        pdi.smote(missing, "y", k_neighbors=1, groups="patient_id", within_groups=True)
    # without within_groups a missing group is only copied
    out = pdi.smote(missing, "y", k_neighbors=1, groups="patient_id", random_state=0)
    assert out["patient_id"].isna().sum() >= 1


def test_random_copies_keep_their_group() -> None:
    df = patients()
    res = pdi.oversample(df, "y", groups="patient_id", random_state=0, return_plan=True)
    base = res.provenance["base_position"].to_numpy()
    groups = df["patient_id"].to_numpy()
    assert (res.frame["patient_id"].iloc[len(df):].to_numpy() == groups[base]).all()


def test_deterministic() -> None:
    df = patients()
    a = pdi.smote(df, "y", k_neighbors=1, groups="patient_id", within_groups=True,
                  random_state=5)
    b = pdi.smote(df, "y", k_neighbors=1, groups="patient_id", within_groups=True,
                  random_state=5)
    pd.testing.assert_frame_equal(a, b)
