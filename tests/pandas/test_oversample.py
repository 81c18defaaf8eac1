"""pd_imbalance.oversample end to end: copies (+ smoothed bootstrap), SMOTE, Borderline, ADASYN."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from conftest import assert_unchanged, make_frame, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import ADASYN, BorderlineSMOTE, RandomOverSampler
from sklearn.neighbors import NearestNeighbors

import pd_imbalance as pdi
from pd_imbalance.errors import InsufficientSamplesError, InvalidFeaturesError

METHODS = ["random", "smote", "borderline-1", "borderline-2", "adasyn"]
INTERPOLATING = ["smote", "borderline-1", "borderline-2", "adasyn"]

# ------------------------------------------------------------------------------ helpers


def float_frame(
    counts: list[int], *, d: int = 3, seed: int = 0, shift: float = 1.0
) -> pd.DataFrame:
    """Continuous random features (no distance ties); class ``c`` shifted by ``c * shift``."""
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(counts)), counts)[rng.permutation(sum(counts))]
    x = rng.normal(size=(len(y), d)) + shift * y[:, None]
    df = pd.DataFrame(x, columns=[f"x{j}" for j in range(d)])
    df["y"] = y
    return df


def quiet(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pdi.ImbalanceWarning)
        return fn(*args, **kwargs)


def features(df: pd.DataFrame) -> np.ndarray:
    return df.drop(columns="y").to_numpy(dtype=np.float64)


def sk_nearest_others(x: np.ndarray, query: np.ndarray, k: int) -> np.ndarray:
    near = NearestNeighbors(n_neighbors=k + 1, algorithm="brute").fit(x)
    found = np.asarray(near.kneighbors(x[query], return_distance=False))
    assert (found[:, 0] == query).all()
    return found[:, 1:]


def sk_danger(x: np.ndarray, y: np.ndarray, c: object, m: int) -> np.ndarray:
    positions = np.flatnonzero(y == c)
    n_other = (y[sk_nearest_others(x, positions, m)] != c).sum(axis=1)
    return positions[(2 * n_other >= m) & (n_other < m)]


def check_common(df: pd.DataFrame, out: pd.DataFrame, flag: str | None = None) -> None:
    """Originals first, bit for bit; dtypes kept; unique index; attrs counts."""
    n = len(df)
    head = out.iloc[:n]
    if flag is not None:
        assert not head[flag].any() and out[flag].iloc[n:].all()
        assert out[flag].dtype == bool
        head = head.drop(columns=flag)
    pd.testing.assert_frame_equal(head, df, check_exact=True)
    assert list(out.columns) == list(df.columns) + ([flag] if flag else [])
    for name in df.columns:
        assert out[name].dtype == df[name].dtype, name
    assert out.index.is_unique
    record = out.attrs["pd_imbalance"]
    assert record["counts_after"] == out[record["target"]].value_counts().to_dict()
    assert record["counts_before"] == df[record["target"]].value_counts().to_dict()


def mixed_frame(n_major: int = 120, n_minor: int = 30, seed: int = 0) -> pd.DataFrame:
    """Every column kind: numpy, nullable and pyarrow numbers, times, text, categories."""
    rng = np.random.default_rng(seed)
    n = n_major + n_minor
    y = np.repeat(["major", "minor"], [n_major, n_minor])[rng.permutation(n)]
    f = rng.normal(size=n)
    df = pd.DataFrame(
        {
            "f64": f,
            "f32": rng.normal(size=n).astype(np.float32),
            "i64": rng.integers(-1000, 1000, size=n),
            "u8": rng.integers(0, 256, size=n).astype(np.uint8),
            "Int64": pd.array(rng.integers(0, 50, size=n), dtype="Int64"),
            "Float64": pd.array(rng.normal(size=n), dtype="Float64"),
            "when": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 10**6, n), "s"),
            "tz": (
                pd.Timestamp("2024-01-01", tz="Europe/Paris")
                + pd.to_timedelta(rng.integers(0, 10**6, n), "s")
            ),
            "gap": pd.to_timedelta(rng.integers(0, 10**5, n), "s"),
            "pa_f": pd.Series(pa.array(rng.normal(size=n)), dtype=pd.ArrowDtype(pa.float64())),
            "pa_i": pd.Series(
                pa.array(rng.integers(0, 99, n), type=pa.int32()), dtype=pd.ArrowDtype(pa.int32())
            ),
            "pa_s": pd.Series(
                pa.array(rng.choice(["a", "b", "c"], n)), dtype=pd.ArrowDtype(pa.string())
            ),
            "pa_d": pd.Series(
                pa.array(rng.integers(0, 3000, n).astype(np.int32), type=pa.int32()).cast(
                    pa.date32()
                ),
                dtype=pd.ArrowDtype(pa.date32()),
            ),
            "cat": pd.Categorical(rng.choice(["u", "v", "w"], n)),
            "s": pd.array(rng.choice(["p", "q"], n), dtype="str"),
            "b": rng.random(n) < 0.5,
            "y": y,
        }
    )
    df.index = pd.Index([f"r{i}" for i in range(n)], name="id")
    return df


# ------------------------------------------------------------------------- random copies


@pytest.mark.parametrize(
    "strategy", ["auto", "minority", "not majority", "all", 0.5, {1: 120, 2: 90}]
)
@pytest.mark.parametrize("seed", [0, 1])
def test_random_counts_equal_imbalanced_learns(strategy: object, seed: int) -> None:
    counts = [120, 30, 50] if strategy != 0.5 else [120, 30]
    df = float_frame(counts, seed=seed)
    out = pdi.oversample(df, "y", sampling_strategy=strategy, random_state=seed)
    ros = RandomOverSampler(sampling_strategy=strategy, random_state=seed)
    _, y_theirs = ros.fit_resample(features(df), df["y"].to_numpy())
    assert out["y"].value_counts().sort_index().to_dict() == dict(
        zip(*np.unique(y_theirs, return_counts=True), strict=True)
    )
    check_common(df, out)


def test_random_copies_only_rows_of_their_class() -> None:
    df = make_frame([80, 15, 6])  # float, int, category, str features, shuffled int index
    snap = snapshot(df)
    res = pdi.oversample(df, "y", random_state=3, return_plan=True, synthetic_flag="new")
    assert_unchanged(df, snap)
    out, prov = res.frame, res.provenance
    n = len(df)
    check_common(df, out, "new")
    assert out["y"].value_counts().to_dict() == {0: 80, 1: 80, 2: 80}
    assert out.index[n:].tolist() == list(range(df.index.max() + 1, df.index.max() + 1 + 139))
    # provenance: the copied row; neighbour = base; lam 0
    assert list(prov.columns) == ["base", "neighbor", "lam", "base_position", "neighbor_position"]
    assert prov.index.equals(out.index[n:])
    assert (prov["base"] == prov["neighbor"]).all() and (prov["lam"] == 0.0).all()
    copies = out.iloc[n:].drop(columns="new")
    originals = df.iloc[prov["base_position"].to_numpy()]
    pd.testing.assert_frame_equal(
        copies.reset_index(drop=True), originals.reset_index(drop=True), check_exact=True
    )
    assert df.index.take(prov["base_position"]).equals(pd.Index(prov["base"]))
    # grouped by class, in class order
    assert out["y"].iloc[n:].tolist() == [1] * 65 + [2] * 74


def test_random_copies_are_uniform_over_the_class() -> None:
    df = float_frame([4000, 5])
    res = pdi.oversample(df, "y", random_state=0, return_plan=True)
    picks = res.provenance["base_position"].value_counts()
    assert len(picks) == 5  # every minority row copied
    assert picks.max() / picks.min() < 1.2  # 799 copies each on average


def test_random_keeps_missing_values_and_every_dtype() -> None:
    df = mixed_frame()
    df.loc[df.index[:5], "f64"] = np.nan
    df.loc[df.index[5:10], "Int64"] = pd.NA
    df.loc[df.index[10:15], "when"] = pd.NaT
    df["pa_f"] = pd.Series(
        pa.array([None, float("nan"), *df["pa_f"].iloc[2:].tolist()]),
        index=df.index,
        dtype=df["pa_f"].dtype,
    )
    df["sparse"] = pd.arrays.SparseArray(np.zeros(len(df)))  # any dtype is copied
    df["lists"] = pd.Series(
        pa.array([[i] for i in range(len(df))]),
        index=df.index,
        dtype=pd.ArrowDtype(pa.list_(pa.int64())),
    )
    snap = snapshot(df)
    out = pdi.oversample(df, "y", random_state=0, synthetic_flag="new")
    assert_unchanged(df, snap)
    check_common(df, out, "new")
    assert out.index[len(df) :].tolist()[:2] == ["synthetic_0", "synthetic_1"]
    got = pa.chunked_array(pa.array(out["pa_f"].array)).combine_chunks()
    assert got.is_null().to_pylist()[:2] == [True, False]  # null stays null, NaN stays NaN


def test_random_with_multiindex_and_index_avoidance() -> None:
    df = float_frame([20, 5])
    df.index = pd.MultiIndex.from_arrays([np.arange(25), ["a"] * 25], names=["i", "g"])
    out = pdi.oversample(df, "y", random_state=0)
    assert out.index.is_unique and out.index.names == ["i", "g"]
    assert len(out) == 40


def test_random_is_deterministic() -> None:
    df = mixed_frame()
    a = pdi.oversample(df, "y", random_state=7, shrinkage=0.5)
    b = pdi.oversample(df, "y", random_state=7, shrinkage=0.5)
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    c = pdi.oversample(df, "y", random_state=8, shrinkage=0.5)
    assert not a.equals(c)
    seq = np.random.SeedSequence(3)
    first = pdi.oversample(df, "y", random_state=seq)
    assert seq.n_children_spawned == 0
    pd.testing.assert_frame_equal(first, pdi.oversample(df, "y", random_state=seq))


# --------------------------------------------------------------------- smoothed bootstrap


def test_shrinkage_noise_scale_matches_the_formula_and_imbalanced_learns() -> None:
    df = float_frame([20_000, 2_000], d=3, seed=5)
    df["x1"] *= 10.0  # different scales per column
    shrink = 0.7
    res = pdi.oversample(df, "y", random_state=0, shrinkage=shrink, return_plan=True)
    out, prov = res.frame, res.provenance
    n, d = len(df), 3
    x = features(df)
    noise = features(out)[n:] - x[prov["base_position"].to_numpy()]
    minority = x[df["y"].to_numpy() == 1]
    h = (4 / ((d + 2) * n)) ** (1 / (d + 4))
    expected = shrink * h * minority.std(axis=0)
    measured = noise.std(axis=0)
    np.testing.assert_allclose(measured, expected, rtol=0.03)  # 18,000 draws: ~0.5 % s.e.
    assert np.abs(noise.mean(axis=0) / expected).max() < 0.05
    # imbalanced-learn's noise (its sample_indices_ give the copied rows) has the same scale
    ros = RandomOverSampler(random_state=0, shrinkage=shrink)
    x_theirs, _ = ros.fit_resample(x, df["y"].to_numpy())
    theirs = x_theirs[n:] - x[ros.sample_indices_[n:]]
    np.testing.assert_allclose(measured, theirs.std(axis=0), rtol=0.05)


def test_shrinkage_per_class_and_classes_left_out_of_the_dict() -> None:
    df = float_frame([300, 60, 40])
    res = pdi.oversample(df, "y", random_state=0, shrinkage={1: 1.0}, return_plan=True)
    out, prov = res.frame, res.provenance
    n = len(df)
    moved = features(out)[n:] - features(df)[prov["base_position"].to_numpy()]
    is_one = out["y"].to_numpy()[n:] == 1
    assert (np.abs(moved[is_one]) > 0).all()
    assert (moved[~is_one] == 0).all()  # class 2 is not in the dict: plain copies
    zero = pdi.oversample(df, "y", random_state=0, shrinkage=0.0)
    pd.testing.assert_frame_equal(zero, pdi.oversample(df, "y", random_state=0))


def test_shrinkage_keeps_dtypes_rounds_integers_and_copies_categories() -> None:
    df = mixed_frame(400, 200)
    df.loc[df.index[:4], "f64"] = np.nan
    df.loc[df.index[4:8], "Int64"] = pd.NA
    df.loc[df.index[8:12], "when"] = pd.NaT
    snap = snapshot(df)
    res = pdi.oversample(df, "y", random_state=0, shrinkage=2.0, return_plan=True)
    assert_unchanged(df, snap)
    out, prov = res.frame, res.provenance
    check_common(df, out)
    n = len(df)
    base = df.iloc[prov["base_position"].to_numpy()].reset_index(drop=True)
    new = out.iloc[n:].reset_index(drop=True)
    for name in ["cat", "s", "b", "pa_s", "y"]:  # copied as they are
        pd.testing.assert_series_equal(new[name], base[name], check_exact=True)
    for name in ["f64", "f32", "i64", "Int64", "Float64", "when", "tz", "gap", "pa_f", "pa_i"]:
        same = (new[name] == base[name]).fillna(False)
        assert same.mean() < 0.9, name  # the noise moved most of them
    # missing stays missing in the copies, the rest get values
    for name in ["f64", "Int64", "when"]:
        assert (new[name].isna() == base[name].isna()).all(), name
    assert new["u8"].between(0, 255).all() and out["u8"].dtype == np.uint8
    # pyarrow dates move by whole days
    assert str(out["pa_d"].dtype) == "date32[day][pyarrow]"
    # the tz column keeps its zone
    assert str(out["tz"].dt.tz) == "Europe/Paris"


def test_shrinkage_saturates_small_integer_types() -> None:
    df = pd.DataFrame(
        {"u": np.array([0, 255] * 10 + [0, 255], dtype=np.uint8), "y": [0] * 20 + [1] * 2}
    )
    out = pdi.oversample(df, "y", random_state=0, shrinkage=50.0)
    assert out["u"].dtype == np.uint8
    assert set(out["u"].iloc[22:]) <= set(range(256))


def test_categorical_columns_are_copied_without_noise() -> None:
    df = float_frame([100, 20])
    res = pdi.oversample(
        df, "y", random_state=0, shrinkage=1.0, categorical=["x0"], return_plan=True
    )
    base = df["x0"].to_numpy()[res.provenance["base_position"].to_numpy()]
    assert (res.frame["x0"].to_numpy()[120:] == base).all()
    assert not (
        res.frame["x1"].to_numpy()[120:] == df["x1"].to_numpy()[res.provenance["base_position"]]
    ).all()


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"shrinkage": -1.0}, ValueError, ["shrinkage=-1.0", ">= 0"]),
        ({"shrinkage": {"nope": 1.0}}, ValueError, ["'nope'", "not in the label column"]),
        ({"shrinkage": {1: -0.5}}, ValueError, ["shrinkage[1]"]),
        ({"shrinkage": "x"}, TypeError, ["shrinkage must be"]),
        ({"shrinkage": 1.0, "method": "smote"}, TypeError, ["method='random' only", "smote"]),
        ({"shrinkage": 0.0, "method": "adasyn"}, TypeError, ["method='random' only"]),
        ({"method": "SMOTE"}, ValueError, ["'random', 'smote', 'borderline-1'", "'SMOTE'"]),
        ({"method": "borderline"}, ValueError, ["'adasyn'", "'borderline'"]),
        ({"method": 3}, ValueError, ["method must be one of"]),
        ({"categorical": "all"}, ValueError, ["categorical must be 'auto'"]),
        ({"categorical": ["zz"]}, ValueError, ["'zz'", "not feature columns"]),
        ({"synthetic_flag": "x0"}, ValueError, ["synthetic_flag"]),
        ({"return_plan": 1}, TypeError, ["return_plan"]),
    ],
)
def test_parameter_errors(kwargs: dict[str, object], error: type, words: list[str]) -> None:
    with pytest.raises(error) as info:
        pdi.oversample(float_frame([30, 10]), "y", random_state=0, **kwargs)  # type: ignore[arg-type]
    for word in words:
        assert word in str(info.value)


# --------------------------------------------------------------------- interpolating methods


def segment_check(df: pd.DataFrame, res: pdi.SmoteResult) -> None:
    """Every new row = base + lam (neighbor - base) on the float columns."""
    n = len(df)
    prov = res.provenance
    x = features(df)
    b, z = prov["base_position"].to_numpy(), prov["neighbor_position"].to_numpy()
    lam = prov["lam"].to_numpy()[:, None]
    np.testing.assert_allclose(features(res.frame)[n:], x[b] + lam * (x[z] - x[b]), atol=1e-12)
    assert (df["y"].to_numpy()[b] == res.frame["y"].to_numpy()[n:]).all()


@pytest.mark.parametrize("method", ["borderline-1", "borderline-2"])
@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("counts", [[200, 50], [150, 60, 40]])
def test_borderline_bases_are_the_danger_rows(method: str, seed: int, counts: list[int]) -> None:
    df = float_frame(counts, seed=seed)
    res = pdi.oversample(df, "y", method=method, random_state=seed, return_plan=True)
    check_common(df, res.frame)
    assert res.frame["y"].value_counts().tolist() == [counts[0]] * len(counts)
    segment_check(df, res)
    x, y = features(df), df["y"].to_numpy()
    prov = res.provenance
    new_y = res.frame["y"].to_numpy()[len(df) :]
    sampler = BorderlineSMOTE(kind=method, random_state=0)
    sampler.fit_resample(x, y)
    for c in range(1, len(counts)):
        danger = sk_danger(x, y, c, 10)
        assert (danger == np.sort(sampler.in_danger_indices[c])).all()  # = imbalanced-learn's
        bases = prov["base_position"].to_numpy()[new_y == c]
        assert np.isin(bases, danger).all()
        assert len(np.unique(bases)) > 0.5 * len(danger)  # drawn from all of them


@pytest.mark.parametrize("seed", range(4))
def test_borderline_2_neighbours_from_any_class_lam_below_half_toward_them(seed: int) -> None:
    df = float_frame([300, 80], seed=seed, shift=0.8)
    res = pdi.oversample(df, "y", method="borderline-2", random_state=seed, return_plan=True)
    prov = res.provenance
    y = df["y"].to_numpy()
    z = prov["neighbor_position"].to_numpy()
    other = y[z] != 1
    assert other.any() and (~other).any()
    lam = prov["lam"].to_numpy()
    assert (lam[other] < 0.5).all() and (lam >= 0).all() and (lam < 1).all()
    assert lam[~other].max() > 0.5
    near = sk_nearest_others(features(df), prov["base_position"].to_numpy(), 5)
    assert (near == z[:, None]).any(axis=1).all()  # among the base's 5 nearest of any class
    # provenance names rows of the other class as neighbours
    assert (df.index.take(z) == prov["neighbor"]).all()


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("counts", [[300, 40], [200, 60, 30]])
def test_adasyn_per_row_counts_are_proportional_and_sum_exactly(
    seed: int, counts: list[int]
) -> None:
    df = float_frame(counts, seed=seed)
    res = pdi.oversample(df, "y", method="adasyn", random_state=seed, return_plan=True)
    check_common(df, res.frame)
    segment_check(df, res)
    x, y = features(df), df["y"].to_numpy()
    new_y = res.frame["y"].to_numpy()[len(df) :]
    bases = res.provenance["base_position"].to_numpy()
    for c in range(1, len(counts)):
        positions = np.flatnonzero(y == c)
        ratio = (y[sk_nearest_others(x, positions, 5)] != c).mean(axis=1)
        target = counts[0] - counts[c]
        got = pd.Series(bases[new_y == c]).value_counts().reindex(positions, fill_value=0)
        assert int(got.sum()) == target
        quota = ratio / ratio.sum() * target
        assert (np.abs(got.to_numpy() - quota) < 1).all()
        # imbalanced-learn rounds each quota: the same per-row counts up to 1
        theirs = np.rint(quota).astype(int)
        assert (np.abs(got.to_numpy() - theirs) <= 1).all()
    # imbalanced-learn's class totals differ from the target by its rounding only
    _, y_theirs = ADASYN(random_state=0).fit_resample(x, y)
    for c in range(1, len(counts)):
        assert abs(int((y_theirs == c).sum()) - counts[0]) <= counts[c]


def test_search_objects_as_k_and_m_neighbors_give_the_same_rows() -> None:
    df = float_frame([150, 40], seed=2)
    for method in INTERPOLATING:
        by_int = pdi.oversample(df, "y", method=method, random_state=0)
        by_object = pdi.oversample(
            df,
            "y",
            method=method,
            random_state=0,
            k_neighbors=NearestNeighbors(n_neighbors=6),
            m_neighbors=NearestNeighbors(n_neighbors=11),
        )
        pd.testing.assert_frame_equal(by_int, by_object, check_exact=True)


def test_smote_method_is_the_smote_shortcut() -> None:
    df = make_frame([60, 20, 9])
    a = pdi.oversample(df, "y", method="smote", random_state=4, k_neighbors=3)
    b = pdi.smote(df, "y", random_state=4, k_neighbors=3)
    pd.testing.assert_frame_equal(a, b, check_exact=True)


@pytest.mark.parametrize("method", INTERPOLATING)
def test_mixed_columns_keep_dtypes_and_vote_categories(method: str) -> None:
    df = mixed_frame(200, 60, seed=1)
    df.loc[df["y"] == "minor", "f64"] += 0.8
    snap = snapshot(df)
    res = pdi.oversample(
        df, "y", method=method, random_state=0, return_plan=True, synthetic_flag="new"
    )
    assert_unchanged(df, snap)
    out = res.frame
    check_common(df, out, "new")
    assert out["y"].value_counts().to_dict() == {"major": 200, "minor": 200}
    assert out.index[len(df)] == "synthetic_0"
    new = out.iloc[len(df) :]
    # categories come from the class's own rows (SMOTE-NC vote), ints stay on the segment
    minor = df[df["y"] == "minor"]
    for name in ["cat", "s", "b", "pa_s"]:
        assert set(new[name].astype(str)) <= set(minor[name].astype(str)), name
    prov = res.provenance
    lo = np.minimum(
        df["i64"].to_numpy()[prov["base_position"]], df["i64"].to_numpy()[prov["neighbor_position"]]
    )
    hi = np.maximum(
        df["i64"].to_numpy()[prov["base_position"]], df["i64"].to_numpy()[prov["neighbor_position"]]
    )
    assert ((new["i64"].to_numpy() >= lo) & (new["i64"].to_numpy() <= hi)).all()


def test_no_row_in_danger_warns_and_leaves_the_class() -> None:
    rng = np.random.default_rng(0)
    far = pd.DataFrame(
        {"a": np.r_[rng.normal(size=60), rng.normal(size=15) + 50], "y": [0] * 60 + [1] * 15}
    )
    for method in ["borderline-1", "borderline-2"]:
        with pytest.warns(pdi.ImbalanceWarning) as record:
            res = pdi.oversample(far, "y", method=method, random_state=0, return_plan=True)
        message = str(record[0].message)
        for word in [
            f'method="{method}"',
            "class 1",
            "'y'",
            "15 rows",
            "15 are safe",
            "0 are noise",
            "m_neighbors=10",
            "instead of 60",
        ]:
            assert word in message, word
        pd.testing.assert_frame_equal(res.frame, far, check_exact=True)
        assert len(res.provenance) == 0
        assert res.frame.attrs["pd_imbalance"]["counts_after"] == {0: 60, 1: 15}


def test_noise_rows_are_not_in_danger() -> None:
    # majority on a grid; each minority row sits next to a grid point, far from the others
    grid = np.array([(i, j) for i in range(10) for j in range(8)], dtype=float)
    minority = np.array([(2.01, 2.0), (7.01, 2.0), (2.01, 6.0), (7.01, 6.0)])
    points = np.vstack([grid, minority])
    df = pd.DataFrame({"a": points[:, 0], "b": points[:, 1], "y": [0] * 80 + [1] * 4})
    with pytest.warns(pdi.ImbalanceWarning) as record:
        out = pdi.oversample(df, "y", method="borderline-1", m_neighbors=5, k_neighbors=2)
    message = str(record[0].message)
    assert "4 rows, 0 are safe" in message and "4 are noise" in message
    pd.testing.assert_frame_equal(out, df)


def test_adasyn_without_other_class_neighbours_warns_and_leaves_the_class() -> None:
    rng = np.random.default_rng(0)
    far = pd.DataFrame(
        {
            "a": np.r_[rng.normal(size=60), rng.normal(size=15) + 50, rng.normal(size=30) + 0.5],
            "b": rng.normal(size=105),
            "y": [0] * 60 + [1] * 15 + [2] * 30,
        }
    )
    with pytest.warns(pdi.ImbalanceWarning) as record:
        res = pdi.oversample(far, "y", method="adasyn", random_state=0, return_plan=True)
    messages = [str(r.message) for r in record]
    assert len(messages) == 1
    for word in ['method="adasyn"', "class 1", "k_neighbors=5", "left at 15 rows instead of 60"]:
        assert word in messages[0], word
    counts = res.frame["y"].value_counts().to_dict()
    assert counts == {0: 60, 1: 15, 2: 60}
    assert res.frame.attrs["pd_imbalance"]["counts_after"] == {0: 60, 1: 15, 2: 60}
    assert len(res.provenance) == 30


def test_class_too_small_for_k_and_frame_too_small_for_m() -> None:
    df = float_frame([30, 5])
    for method in ["smote", "borderline-1", "adasyn"]:
        with pytest.raises(InsufficientSamplesError) as info:
            pdi.oversample(df, "y", method=method, k_neighbors=5)
        message = str(info.value)
        assert "k_neighbors=5" in message and "5 rows" in message and "Fix" in message
    # borderline-2 takes neighbours from every class: 5 rows are enough for numeric data
    out = quiet(pdi.oversample, df, "y", method="borderline-2", k_neighbors=5, random_state=0)
    assert out["y"].value_counts().tolist() in ([30, 30], [30, 5])
    small = float_frame([7, 3])
    with pytest.raises(InsufficientSamplesError, match="m_neighbors=10 rows in all"):
        pdi.oversample(small, "y", method="borderline-1", k_neighbors=2)
    with pytest.raises(InsufficientSamplesError, match="copy rows"):
        pdi.smote(small, "y")  # the advice names random copies now
    assert "oversample(method='random')" in _message(lambda: pdi.smote(small, "y"))


def _message(fn) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(Exception) as info:
        fn()
    return str(info.value)


def test_missing_features_where_searched() -> None:
    df = float_frame([60, 20])
    df.loc[df.index[df["y"] == 0][:3], "x0"] = np.nan  # only in the majority
    assert len(pdi.oversample(df, "y", method="smote", random_state=0)) == 120  # copied rows
    assert len(pdi.oversample(df, "y", method="random", random_state=0)) == 120
    for method in ["borderline-1", "borderline-2", "adasyn"]:  # every row is searched
        with pytest.raises(InvalidFeaturesError, match=r"'x0' \(3 missing"):
            pdi.oversample(df, "y", method=method, random_state=0)


@pytest.mark.parametrize("method", METHODS)
def test_every_method_is_deterministic_and_does_not_mutate(method: str) -> None:
    df = float_frame([120, 35, 20], seed=9)
    df.attrs["mine"] = {"a": [1]}
    snap = snapshot(df)
    a = quiet(pdi.oversample, df, "y", method=method, random_state=5)
    b = quiet(pdi.oversample, df, "y", method=method, random_state=5)
    assert_unchanged(df, snap)
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert a.attrs["mine"] == {"a": [1]}
    on_accessor = quiet(df.imbalance.oversample, "y", method=method, random_state=5)
    pd.testing.assert_frame_equal(a, on_accessor, check_exact=True)


@given(
    counts=st.lists(st.integers(6, 40), min_size=2, max_size=3),
    method=st.sampled_from(METHODS),
    seed=st.integers(0, 2**16),
    shrinkage=st.sampled_from([None, 0.5]),
)
@settings(max_examples=40, deadline=None)
def test_invariants(counts: list[int], method: str, seed: int, shrinkage: float | None) -> None:
    df = float_frame(counts, d=2, seed=seed)
    df["i"] = np.arange(len(df), dtype=np.int16)
    df["c"] = pd.Categorical(np.where(np.arange(len(df)) % 3 == 0, "a", "b"))
    snap = snapshot(df)
    kwargs = (
        {"shrinkage": shrinkage} if method == "random" else {"k_neighbors": 3, "m_neighbors": 5}
    )
    out = quiet(pdi.oversample, df, "y", method=method, random_state=seed, **kwargs)
    assert_unchanged(df, snap)
    check_common(df, out)
    after = out["y"].value_counts().sort_index()
    if method in ("random", "smote"):
        assert (after == max(counts)).all()
    else:  # a class may be left as it is (with a warning), never more than asked
        before = df["y"].value_counts().sort_index()
        assert ((after == max(counts)) | (after == before)).all()


def test_shrinkage_keeps_arrow_nulls_and_nans_apart() -> None:
    values = [None, float("nan"), *np.arange(46.0)]
    df = pd.DataFrame(
        {
            "x": pd.Series(pa.array(values, type=pa.float64()), dtype=pd.ArrowDtype(pa.float64())),
            "h": np.linspace(0, 1, 48).astype(np.float16),
            "y": [1, 1] + [0] * 40 + [1] * 6,
        }
    )
    res = pdi.oversample(df, "y", random_state=0, shrinkage=1.0, return_plan=True)
    out = res.frame
    check_common(df, out)
    got = pa.chunked_array(pa.array(out["x"].array)).combine_chunks()
    nulls = np.asarray(got.is_null().to_pylist())
    floats = np.asarray(got.fill_null(0.0).to_pylist(), dtype=float)
    assert nulls[0] and not nulls[1] and np.isnan(floats[1])  # the originals as they were
    base = res.provenance["base_position"].to_numpy()
    assert (base == 0).any() and (base == 1).any()
    assert (nulls[48:] == (base == 0)).all()  # copies of the null row stay null
    assert np.isnan(floats[48:][base == 1]).all()  # copies of the NaN row stay NaN
    assert not np.isnan(floats[48:][base > 1]).any()
    assert out["h"].dtype == np.float16
