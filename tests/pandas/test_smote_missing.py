"""SMOTE with missing feature values (``missing="ignore"``): geometry, values, dtypes, errors."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics.pairwise import nan_euclidean_distances

import pd_imbalance as pdi
from pd_imbalance.errors import InvalidFeaturesError

INTERPOLATING = ["smote", "borderline-1", "borderline-2", "adasyn"]


def messy_frame(seed: int, n: int = 80, share: float = 0.2) -> pd.DataFrame:
    """Floats, nullable ints, datetimes and strings, each with about ``share`` missing."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(
        {
            "f": rng.normal(size=n),
            "g": rng.normal(size=n) * 10,
            "i": pd.array(rng.integers(-50, 50, n), dtype="Int64"),
            "t": pd.Series(pd.date_range("2021-01-01", periods=n, freq="h")).sample(
                frac=1, random_state=seed, ignore_index=True
            ),
            "c": rng.choice(["a", "b", "c"], n).astype(object),
            "y": np.where(np.arange(n) < n * 3 // 4, "major", "minor"),
        }
    )
    masks = {column: rng.random(n) < share for column in ["f", "g", "i", "t", "c"]}
    masks["f"] &= ~np.logical_and.reduce(list(masks.values()))  # every row keeps a value
    for column, gone in masks.items():
        df[column] = df[column].mask(gone)
    return df


def test_default_error_names_the_ignore_option() -> None:
    df = messy_frame(0)
    with pytest.raises(InvalidFeaturesError, match="missing='ignore'"):
        pdi.smote(df, "y", random_state=0)
    with pytest.raises(InvalidFeaturesError, match="missing='ignore'"):
        pdi.oversample(df, "y", method="adasyn", random_state=0)


@pytest.mark.parametrize("value", ["skip", None, True, "IGNORE"])
def test_unknown_missing_value(value: Any) -> None:
    df = messy_frame(0)
    with pytest.raises(ValueError, match=r"missing must be 'error'.*or 'ignore'"):
        pdi.smote(df, "y", missing=value)
    with pytest.raises(ValueError, match="missing must be"):
        pdi.oversample(df, "y", method="random", missing=value)


def test_row_with_every_feature_missing_is_named() -> None:
    df = messy_frame(1)
    df.index = [f"r{i}" for i in range(len(df))]
    df.loc["r70", ["f", "g", "i", "t", "c"]] = None
    with pytest.raises(InvalidFeaturesError, match=r"'r70' \(class 'minor'\)"):
        pdi.smote(df, "y", missing="ignore", random_state=0)
    # borderline and ADASYN search every row: a majority row counts too
    df = messy_frame(1)
    df.loc[3, ["f", "g", "i", "t", "c"]] = None
    with pytest.raises(InvalidFeaturesError, match=r"labelled 3 \(class 'major'\)"):
        pdi.oversample(df, "y", method="borderline-1", missing="ignore", random_state=0)
    pdi.smote(df, "y", missing="ignore", random_state=0)  # SMOTE reads the minority only


def test_class_with_a_column_entirely_missing_is_named() -> None:
    df = messy_frame(2)
    df.loc[df["y"] == "minor", "g"] = np.nan
    message = "column 'g' is missing in every row of class 'minor'"
    with pytest.raises(InvalidFeaturesError, match=message):
        pdi.smote(df, "y", missing="ignore", random_state=0)


def test_infinities_are_still_refused() -> None:
    df = messy_frame(3)
    df.loc[df.index[-1], "f"] = np.inf
    with pytest.raises(InvalidFeaturesError, match="infinite"):
        pdi.smote(df, "y", missing="ignore", random_state=0)


def expected_continuous(x: np.ndarray, z: np.ndarray, lam: np.ndarray) -> np.ndarray:
    both = x + lam * (z - x)
    return np.where(np.isnan(x), z, np.where(np.isnan(z), x, both))


@pytest.mark.parametrize("seed", range(6))
def test_interpolation_rule_value_by_value(seed: int) -> None:
    df = messy_frame(seed)
    res = pdi.smote(df, "y", k_neighbors=4, random_state=seed, missing="ignore", return_plan=True)
    out, prov = res.frame, res.provenance
    n = len(df)
    new = out.iloc[n:]
    base, neighbor = prov["base_position"].to_numpy(), prov["neighbor_position"].to_numpy()
    lam = prov["lam"].to_numpy()
    for column in ["f", "g"]:
        values = df[column].to_numpy()
        np.testing.assert_array_equal(
            new[column].to_numpy(), expected_continuous(values[base], values[neighbor], lam)
        )
    ints = df["i"].to_numpy(dtype=np.float64, na_value=np.nan)
    x, z = ints[base], ints[neighbor]
    want = np.where(np.isnan(x), z, np.where(np.isnan(z), x, x + np.rint(lam * (z - x))))
    got = new["i"].to_numpy(dtype=np.float64, na_value=np.nan)
    np.testing.assert_array_equal(got, want)
    ticks = df["t"].to_numpy().view(np.int64).astype(np.float64)
    ticks[df["t"].isna().to_numpy()] = np.nan
    x, z = ticks[base], ticks[neighbor]
    want = np.where(np.isnan(x), z, np.where(np.isnan(z), x, x + np.rint(lam * (z - x))))
    got_t = new["t"].to_numpy().view(np.int64).astype(np.float64)
    got_t[new["t"].isna().to_numpy()] = np.nan
    np.testing.assert_allclose(got_t, want, rtol=0, atol=1)  # whole ticks
    assert np.array_equal(np.isnan(got_t), np.isnan(want))


def test_categorical_votes_ignore_missing_values() -> None:
    # k = m - 1: every other row of the class is a neighbour, whatever the distances, so the
    # vote of each synthetic row is the most common present value among the others
    rng = np.random.default_rng(7)
    minor = pd.DataFrame(
        {
            "x": rng.normal(size=6),
            "c": ["a", None, "b", "b", None, "a"],
            "d": [None, None, None, None, None, "q"],
            "y": 1,
        }
    )
    minor.loc[[0, 3], "x"] = np.nan
    major = pd.DataFrame({"x": rng.normal(size=12), "c": "z", "d": "w", "y": 0})
    df = pd.concat([major, minor], ignore_index=True)
    res = pdi.smote(df, "y", k_neighbors=5, random_state=0, missing="ignore", return_plan=True)
    new = res.frame.iloc[len(df) :]
    for (_, row), base in zip(new.iterrows(), res.provenance["base_position"], strict=True):
        others = df.loc[(df["y"] == 1) & (df.index != base)]
        for column in ["c", "d"]:
            counts = others[column].dropna().value_counts()
            if counts.empty:
                assert pd.isna(row[column])
            else:
                assert row[column] in set(counts.index[counts == counts.max()])
    # only base 17 (the row holding "q") sees no present "d" among its neighbours
    d_missing = new["d"].isna().to_numpy()
    assert np.array_equal(d_missing, (res.provenance["base_position"] == 17).to_numpy())


def test_neighbours_are_the_exact_nan_euclidean_ones() -> None:
    df = messy_frame(8, n=200).drop(columns=["i", "t", "c"])
    df = df[df[["f", "g"]].notna().any(axis=1)]
    k = 3
    res = pdi.smote(df, "y", k_neighbors=k, random_state=0, missing="ignore", return_plan=True)
    minor = np.flatnonzero(df["y"].to_numpy() == "minor")
    x = df[["f", "g"]].to_numpy()[minor]
    d2 = nan_euclidean_distances(x, x, squared=True)
    d2[np.isnan(d2)] = np.inf
    np.fill_diagonal(d2, np.inf)
    kth = np.sort(d2, axis=1)[:, k - 1]
    where = {p: j for j, p in enumerate(minor)}
    base = [where[p] for p in res.provenance["base_position"]]
    near = [where[p] for p in res.provenance["neighbor_position"]]
    chosen = d2[base, near]
    assert np.all(chosen <= kth[base] * (1 + 1e-12))


@pytest.mark.parametrize("method", [*INTERPOLATING, "random"])
def test_originals_dtypes_and_determinism(method: str) -> None:
    df = messy_frame(9)
    snapshot = df.copy()
    out = pdi.oversample(df, "y", method=method, random_state=3, missing="ignore")
    again = pdi.oversample(df, "y", method=method, random_state=3, missing="ignore")
    pd.testing.assert_frame_equal(out, again)
    pd.testing.assert_frame_equal(df, snapshot)  # the input is not changed
    assert out.dtypes.equals(df.dtypes)
    pd.testing.assert_frame_equal(out.iloc[: len(df)], df)
    assert out["y"].value_counts()["minor"] == (df["y"] == "major").sum()


def test_pyarrow_frames_keep_nan_and_null_apart() -> None:
    pa = pytest.importorskip("pyarrow")
    df = messy_frame(10).convert_dtypes(dtype_backend="pyarrow")
    # a pyarrow float column holding both a NaN and a null
    values = df["f"].array._pa_array.to_pylist()
    values[-1] = float("nan")
    df["f"] = pd.Series(pd.arrays.ArrowExtensionArray(pa.array(values, type=pa.float64())))
    out = pdi.smote(df, "y", random_state=0, missing="ignore")
    assert out.dtypes.equals(df.dtypes)
    head = out["f"].array._pa_array.slice(0, len(df))
    original = df["f"].array._pa_array
    for test in (pa.compute.is_null, pa.compute.is_nan):
        assert test(head).to_pylist() == test(original).to_pylist()
    assert pa.compute.is_nan(original).to_pylist()[-1] is True
    assert out["f"].iloc[: len(df)].isna().sum() == df["f"].isna().sum()
    pd.testing.assert_frame_equal(out.iloc[: len(df)], df)
    # the same rows as the numpy-backed frame (missing values in the same places)
    numpy_out = pdi.smote(messy_frame(10), "y", random_state=0, missing="ignore")
    assert np.array_equal(
        out.iloc[len(df) :]["g"].isna().to_numpy(), numpy_out.iloc[len(df) :]["g"].isna().to_numpy()
    )


def test_complete_frames_give_the_same_rows_either_way() -> None:
    df = messy_frame(11, share=0.0)
    for method in INTERPOLATING:
        pd.testing.assert_frame_equal(
            pdi.oversample(df, "y", method=method, random_state=1, missing="ignore"),
            pdi.oversample(df, "y", method=method, random_state=1),
        )


def test_search_object_with_missing_values_is_refused() -> None:
    from sklearn.neighbors import NearestNeighbors

    df = messy_frame(12)
    with pytest.raises(ValueError, match="cannot search rows with missing values"):
        pdi.oversample(
            df, "y", method="smote", k_neighbors=NearestNeighbors(n_neighbors=4),
            missing="ignore", random_state=0,
        )


def test_accessor_passes_missing() -> None:
    df = messy_frame(13)
    out = df.imbalance.smote("y", random_state=0, missing="ignore")
    pd.testing.assert_frame_equal(out, pdi.smote(df, "y", random_state=0, missing="ignore"))
