"""df.imbalance.smote / pd_imbalance.smote end to end."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import LABEL_DTYPES, assert_unchanged, make_frame, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import SMOTE
from sklearn.neighbors import NearestNeighbors

import pd_imbalance as pdi

# ------------------------------------------------------------------------------ helpers


def float_frame(
    counts: list[int],
    labels: list[object] | None = None,
    *,
    n_features: int = 3,
    seed: int = 0,
    index: pd.Index | None = None,
) -> pd.DataFrame:
    """Continuous random float64 features (no distance ties) and a shuffled label ``y``."""
    rng = np.random.default_rng(seed)
    labels = labels if labels is not None else list(range(len(counts)))
    y = np.repeat(np.array(labels, dtype=object), counts)[rng.permutation(sum(counts))]
    n = len(y)
    data = {f"x{j}": rng.normal(size=n) * (j + 1) + j for j in range(n_features)}
    df = pd.DataFrame(data, index=index)
    df["y"] = pd.Series(y, index=df.index).infer_objects()
    return df


def oracle_neighbors(points: np.ndarray, k: int) -> np.ndarray:
    """scikit-learn brute-force k nearest *other* rows (``kneighbors()`` without X skips self)."""
    search = NearestNeighbors(n_neighbors=k, algorithm="brute").fit(points)
    return np.asarray(search.kneighbors(return_distance=False))


def class_neighbors(df: pd.DataFrame, features: list[str], k: int) -> dict[object, np.ndarray]:
    """For each class: input row positions of every row's k nearest same-class rows.

    Returns {label: array (n, k)} where row ``p`` (an input position) holds the positions of
    its neighbours (rows of other classes hold -1).
    """
    out: dict[object, np.ndarray] = {}
    x = df[features].to_numpy(dtype=np.float64)
    for label in df["y"].unique():
        positions = np.flatnonzero((df["y"] == label).to_numpy())
        table = np.full((len(df), k), -1)
        table[positions] = positions[oracle_neighbors(x[positions], k)]
        out[label] = table
    return out


def check_plan_geometry(df: pd.DataFrame, res: pdi.SmoteResult, k: int) -> None:
    """Every synthetic row = base + lam (neighbor - base), neighbor among base's k nearest."""
    out, prov = res.frame, res.provenance
    n = len(df)
    features = [c for c in df.columns if c != "y"]
    assert list(prov.columns) == ["base", "neighbor", "lam", "base_position", "neighbor_position"]
    assert prov.index.equals(out.index[n:])
    bpos = prov["base_position"].to_numpy()
    npos = prov["neighbor_position"].to_numpy()
    assert df.index.take(bpos).equals(pd.Index(prov["base"]))
    assert df.index.take(npos).equals(pd.Index(prov["neighbor"]))
    lam = prov["lam"].to_numpy()
    assert ((lam >= 0) & (lam < 1)).all()
    x = df[features].to_numpy(dtype=np.float64)
    syn = out[features].to_numpy(dtype=np.float64)[n:]
    expected = x[bpos] + lam[:, None] * (x[npos] - x[bpos])
    np.testing.assert_allclose(syn, expected, rtol=1e-9, atol=1e-12)
    labels = df["y"].to_numpy()
    syn_labels = out["y"].to_numpy()[n:]
    assert (labels[bpos] == syn_labels).all() and (labels[npos] == syn_labels).all()
    neighbors = class_neighbors(df, features, k)
    for label, table in neighbors.items():
        mine = syn_labels == label
        assert (table[bpos[mine]] == npos[mine][:, None]).any(axis=1).all()


def check_on_segments(df: pd.DataFrame, out: pd.DataFrame, k: int) -> None:
    """Each synthetic row lies on a segment from a same-class row to one of its k nearest."""
    n = len(df)
    features = [c for c in df.columns if c != "y"]
    x = df[features].to_numpy(dtype=np.float64)
    syn = out[features].to_numpy(dtype=np.float64)[n:]
    syn_labels = out["y"].to_numpy()[n:]
    for label, table in class_neighbors(df, features, k).items():
        rows = syn[syn_labels == label]
        if not len(rows):
            continue
        positions = np.flatnonzero((df["y"] == label).to_numpy())
        start = np.repeat(x[positions], k, axis=0)  # (pairs, d)
        step = x[table[positions].ravel()] - start
        rel = rows[:, None, :] - start[None, :, :]  # (s, pairs, d)
        lam = (rel * step).sum(axis=2) / (step**2).sum(axis=1)
        resid = np.linalg.norm(rel - lam[:, :, None] * step[None], axis=2)
        ok = (resid <= 1e-9 * (1 + np.abs(rows).max())) & (lam >= -1e-12) & (lam <= 1 + 1e-12)
        assert ok.any(axis=1).all(), f"class {label!r}: {(~ok.any(axis=1)).sum()} rows off"


def check_originals_first(df: pd.DataFrame, out: pd.DataFrame, flag: str | None = None) -> None:
    head = out.iloc[: len(df)]
    if flag is not None:
        assert not head[flag].any()
        head = head.drop(columns=flag)
    pd.testing.assert_frame_equal(head, df, check_exact=True, check_names=False)
    assert list(head.columns) == list(df.columns)
    assert out.index.is_unique
    # the index keeps its name(s) (a lost name is reported on its own)
    assert out.index.names == df.index.names, (out.index.names, df.index.names)


# ----------------------------------------------------------------------------- output


def test_originals_first_synthetic_after_counts_flag_attrs() -> None:
    df = make_frame([60, 25, 10])  # shuffled integer index 1000..1094
    snap = snapshot(df)
    out = pdi.smote(df, "y", random_state=0, synthetic_flag="is_syn")
    assert_unchanged(df, snap)
    n = len(df)
    assert out["y"].value_counts().to_dict() == {0: 60, 1: 60, 2: 60}
    assert len(out) == 180
    assert out.index[n:].tolist() == list(range(1095, 1095 + 85))
    assert out["is_syn"].dtype == bool
    assert out["is_syn"].tolist() == [False] * n + [True] * 85
    assert list(out.columns) == [*df.columns, "is_syn"]
    # synthetic rows grouped by class, grown classes in order
    assert out["y"].iloc[n:].tolist() == [1] * 35 + [2] * 50
    assert out.attrs["pd_imbalance"] == {
        "target": "y",
        "counts_before": {0: 60, 1: 25, 2: 10},
        "counts_after": {0: 60, 1: 60, 2: 60},
    }
    assert out.imbalance.target == "y"
    check_originals_first(df, out, "is_syn")


def test_without_flag_no_extra_column() -> None:
    df = make_frame([30, 10])
    out = df.imbalance.smote("y", random_state=0)
    assert list(out.columns) == list(df.columns)
    assert out.dtypes.equals(df.dtypes)
    check_originals_first(df, out)


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [
        ("auto", {0: 60, 1: 60, 2: 60}),
        ("not majority", {0: 60, 1: 60, 2: 60}),
        ("all", {0: 60, 1: 60, 2: 60}),
        ("minority", {0: 60, 1: 25, 2: 60}),
        ({1: 40}, {0: 60, 1: 40, 2: 10}),
        ({0: 70, 2: 11}, {0: 70, 1: 25, 2: 11}),
        ({1: 25}, {0: 60, 1: 25, 2: 10}),
        (lambda y: {2: 2 * int((y == 2).sum())}, {0: 60, 1: 25, 2: 20}),
    ],
)
def test_strategies_exact_counts(strategy: object, expected: dict[int, int]) -> None:
    df = make_frame([60, 25, 10])
    out = df.imbalance.smote("y", sampling_strategy=strategy, random_state=0)
    assert out["y"].value_counts().to_dict() == expected
    check_originals_first(df, out)


def test_float_ratio_rounds_to_nearest() -> None:
    df = float_frame([100, 7])
    out = pdi.smote(df, "y", sampling_strategy=0.5, random_state=0)
    assert out["y"].value_counts().to_dict() == {0: 100, 1: 50}
    out = pdi.smote(df, "y", sampling_strategy=0.125, random_state=0)  # 12.5 -> 13
    assert out["y"].value_counts().to_dict() == {0: 100, 1: 13}


def test_ratio_already_met_is_a_no_op() -> None:
    df = float_frame([100, 7])
    snap = snapshot(df)
    out = pdi.smote(df, "y", sampling_strategy=0.05, random_state=0, synthetic_flag="s")
    assert_unchanged(df, snap)
    assert len(out) == len(df) and not out["s"].any()
    pd.testing.assert_frame_equal(out.drop(columns="s"), df, check_exact=True)
    res = pdi.smote(df, "y", sampling_strategy=0.07, random_state=0, return_plan=True)
    pd.testing.assert_frame_equal(res.frame, df, check_exact=True)
    assert len(res.provenance) == 0
    assert res.frame.imbalance.target == "y"


def test_target_from_attrs_and_accessor_matches_function() -> None:
    df = make_frame([40, 12]).imbalance.set_target("y")
    a = df.imbalance.smote(random_state=7, k_neighbors=3)
    b = df.pipe(pdi.smote, random_state=7, k_neighbors=3)
    c = pdi.smote(df, "y", random_state=7, k_neighbors=3)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, c)
    assert a.imbalance.target == "y"
    # the result can be resampled again with the target it carries
    again = a.imbalance.smote(sampling_strategy={1: 50}, random_state=0)
    assert again["y"].value_counts().to_dict() == {0: 40, 1: 50}


# ------------------------------------------------------------------------------ index


def test_shuffled_noncontiguous_int_index_continues_from_max() -> None:
    rng = np.random.default_rng(0)
    labels = rng.choice(np.arange(-50, 5000), size=40, replace=False)
    labels[3] = 9_999
    df = float_frame([30, 10], index=pd.Index(labels, name="id"))
    out = pdi.smote(df, "y", k_neighbors=3, random_state=0)
    assert out.index[40:].tolist() == list(range(10_000, 10_020))
    assert not set(out.index[40:]) & set(df.index)
    check_originals_first(df, out)


def test_string_index_gets_synthetic_labels() -> None:
    df = float_frame([20, 6], index=pd.Index([f"r{i}" for i in range(26)]))
    out = pdi.smote(df, "y", k_neighbors=3, random_state=0)
    check_originals_first(df, out)
    assert out.index[26:].tolist() == [f"synthetic_{i}" for i in range(14)]


def test_string_index_already_holding_synthetic_labels_never_collides() -> None:
    labels = [f"r{i}" for i in range(24)] + ["synthetic_0", "synthetic_3"]
    df = float_frame([20, 6], index=pd.Index(labels))
    out = pdi.smote(df, "y", k_neighbors=3, random_state=0)
    check_originals_first(df, out)
    assert not set(out.index[26:]) & set(df.index)
    assert len(out) == 40


def test_datetime_index() -> None:
    index = pd.date_range("2024-01-01", periods=26, freq="h", name="when")
    df = float_frame([20, 6], index=index)
    out = pdi.smote(df, "y", k_neighbors=3, random_state=0)
    # strings cannot join a DatetimeIndex: the index becomes object, originals keep their labels
    head = out.iloc[:26]
    assert head.index.tolist() == df.index.tolist()
    pd.testing.assert_frame_equal(head.set_axis(df.index), df, check_exact=True)
    assert out.index.is_unique
    assert out.index[26:].tolist() == [f"synthetic_{i}" for i in range(14)]
    assert not set(out.index[26:]) & set(df.index)


@pytest.mark.parametrize(
    "index",
    [
        pd.Index(np.arange(26)[::-1] * 2, name="row_id"),
        pd.Index([f"r{i}" for i in range(26)], name="key"),
        pd.date_range("2024-01-01", periods=26, freq="D", name="day"),
    ],
    ids=["int", "str", "datetime"],
)
def test_index_name_is_kept(index: pd.Index) -> None:
    df = float_frame([20, 6], index=index)
    out = pdi.smote(df, "y", k_neighbors=3, random_state=0)
    assert len(out) == 40
    assert out.index.name == index.name
    noop = pdi.smote(df, "y", sampling_strategy={1: 6}, random_state=0)
    assert noop.index.name == index.name


def test_provenance_refers_to_input_labels() -> None:
    df = make_frame([40, 12])
    res = pdi.smote(df, "y", random_state=0, return_plan=True, k_neighbors=4)
    assert isinstance(res, pdi.SmoteResult)
    out, prov = res
    assert len(prov) == 28 and prov.index.equals(out.index[52:])
    assert set(prov["base"]) <= set(df.index[df["y"] == 1])
    assert set(prov["neighbor"]) <= set(df.index[df["y"] == 1])
    assert (df.index.take(prov["base_position"].to_numpy()) == prov["base"].to_numpy()).all()
    plain = pdi.smote(df, "y", random_state=0, k_neighbors=4)
    pd.testing.assert_frame_equal(out, plain)  # return_plan changes nothing else


# --------------------------------------------------------------------------- geometry


def test_geometry_against_sklearn_oracle() -> None:
    df = float_frame([120, 40, 15], ["a", "b", "c"], index=pd.Index(np.arange(175)[::-1] * 3))
    k = 4
    res = pdi.smote(df, "y", k_neighbors=k, random_state=11, return_plan=True)
    check_originals_first(df, res.frame)
    check_plan_geometry(df, res, k)
    check_on_segments(df, res.frame, k)


def test_segment_property_without_plan() -> None:
    df = float_frame([80, 30, 9], n_features=2, seed=4)
    for k in (1, 3, 8):
        out = df.imbalance.smote("y", k_neighbors=k, random_state=k)
        assert out["y"].value_counts().to_dict() == {0: 80, 1: 80, 2: 80}
        check_on_segments(df, out, k)


def test_segment_checker_rejects_off_segment_rows() -> None:
    # the checker itself must be able to fail
    df = float_frame([40, 12], n_features=2, seed=1)
    out = df.imbalance.smote("y", k_neighbors=3, random_state=0)
    moved = out.copy()
    moved.iloc[-1, 0] += 0.5
    with pytest.raises(AssertionError):
        check_on_segments(df, moved, 3)


@settings(max_examples=30, deadline=None)
@given(
    n_classes=st.integers(2, 4),
    k=st.integers(1, 5),
    extra=st.lists(st.integers(1, 25), min_size=4, max_size=4),
    n_features=st.integers(1, 3),
    seed=st.integers(0, 2**16),
)
def test_property_geometry(
    n_classes: int, k: int, extra: list[int], n_features: int, seed: int
) -> None:
    counts = [k + e for e in extra[:n_classes]]
    df = float_frame(counts, n_features=n_features, seed=seed)
    snap = snapshot(df)
    res = pdi.smote(df, "y", k_neighbors=k, random_state=seed, return_plan=True)
    assert_unchanged(df, snap)
    out = res.frame
    check_originals_first(df, out)
    assert out["y"].value_counts().to_dict() == dict.fromkeys(range(n_classes), max(counts))
    assert out.dtypes.equals(df.dtypes)
    check_plan_geometry(df, res, k)


# ----------------------------------------------------------------------- column types


def typed_frame(label_dtype: str, n_major: int = 60, n_minor: int = 20, seed: int = 0):
    (major, minor), dtype = LABEL_DTYPES[label_dtype]
    rng = np.random.default_rng(seed)
    n = n_major + n_minor
    y = np.array([major] * n_major + [minor] * n_minor, dtype=object)[rng.permutation(n)]
    start = np.datetime64("2024-03-20T00:00:00", "ns")  # spans the DST change in Lisbon
    dt = start + rng.integers(0, 20 * 86_400 * 10**9, size=n).astype("timedelta64[ns]")
    df = pd.DataFrame(
        {
            "f64": rng.normal(size=n),
            "f32": rng.normal(size=n).astype(np.float32),
            "i64": rng.integers(-1000, 1000, size=n),
            "i32": rng.integers(0, 50, size=n).astype(np.int32),
            "Int64": pd.array(rng.integers(0, 10**6, size=n), dtype="Int64"),
            "u8": rng.integers(0, 256, size=n).astype(np.uint8),
            "flag": rng.random(n) < 0.4,
            "nflag": pd.array(rng.random(n) < 0.6, dtype="boolean"),
            "cat": pd.Categorical(
                rng.choice(["u", "v", "w"], size=n), categories=["u", "v", "w", "unused"]
            ),
            "s": pd.array(rng.choice(["p", "q", "r"], size=n), dtype="str"),
            "obj": rng.choice(np.array(["a", "b", 7], dtype=object), size=n),
            "dt": dt,
            "dt_tz": pd.Series(dt).dt.tz_localize("UTC").dt.tz_convert("Europe/Lisbon").array,
            "td": rng.integers(0, 10**13, size=n).astype("timedelta64[ns]"),
            "y": pd.array(y, dtype=dtype),
        },
        index=pd.Index(rng.permutation(n) + 500),
    )
    return df, major, minor


CATEGORICAL = ["flag", "nflag", "cat", "s", "obj"]
INTEGER = ["i64", "i32", "Int64", "u8"]
TIME = ["dt", "dt_tz", "td"]


def _ticks(series: pd.Series) -> np.ndarray:
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    return series.to_numpy().astype(np.int64)


def test_dtype_matrix(label_dtype: str) -> None:
    df, major, minor = typed_frame(label_dtype)
    snap = snapshot(df)
    out, prov = pdi.smote(df, "y", k_neighbors=4, random_state=3, return_plan=True)
    assert_unchanged(df, snap)
    n = len(df)
    check_originals_first(df, out)
    assert out.dtypes.equals(df.dtypes)
    assert out["cat"].cat.categories.tolist() == ["u", "v", "w", "unused"]
    assert out["y"].value_counts().to_dict() == {major: 60, minor: 60}
    if label_dtype == "category":
        assert out["y"].cat.categories.equals(df["y"].cat.categories)
    syn = out.iloc[n:]
    assert (syn["y"] == minor).all()
    b, z = prov["base_position"].to_numpy(), prov["neighbor_position"].to_numpy()
    lam = prov["lam"].to_numpy()
    minority = df[df["y"] == minor]
    # float64 exact; float32 computed and stored as float32
    x64 = df["f64"].to_numpy()
    np.testing.assert_allclose(syn["f64"].to_numpy(), x64[b] + lam * (x64[z] - x64[b]), rtol=1e-9)
    assert syn["f32"].to_numpy().dtype == np.float32
    x32 = df["f32"].to_numpy().astype(np.float64)
    np.testing.assert_allclose(
        syn["f32"].to_numpy(), x32[b] + lam * (x32[z] - x32[b]), rtol=1e-5, atol=1e-6
    )
    # integers: rounded interpolation, between base and neighbour, in the class's range
    for col in INTEGER:
        v = df[col].to_numpy(dtype=np.int64)
        got = syn[col].to_numpy(dtype=np.int64)
        step = (got - v[b]).astype(np.float64)
        assert np.abs(step - lam * (v[z] - v[b])).max() <= 0.5 + 1e-6, col
        assert ((got >= np.minimum(v[b], v[z])) & (got <= np.maximum(v[b], v[z]))).all(), col
        assert got.min() >= minority[col].min() and got.max() <= minority[col].max(), col
    # datetimes / timedeltas: interpolated (to the tick), between base and neighbour
    for col in TIME:
        v, got = _ticks(df[col]), _ticks(syn[col])
        assert ((got >= np.minimum(v[b], v[z])) & (got <= np.maximum(v[b], v[z]))).all(), col
        step = (got - v[b]).astype(np.float64)  # integer offsets: exact in float64
        # within a microsecond here; to the tick: test_datetime_interpolated_to_nearest_tick
        assert np.abs(step - lam * (v[z] - v[b])).max() <= 1000.0, col
    assert str(syn["dt_tz"].dt.tz) == "Europe/Lisbon"
    # categoricals: only values the class has
    for col in CATEGORICAL:
        assert set(syn[col].tolist()) <= set(minority[col].tolist()), col


def test_datetime_interpolated_to_nearest_tick() -> None:
    # 2024 timestamps are ~1.7e18 ns, where float64 steps by 256 ns: the docstring promises
    # "interpolated to the nearest tick", for naive and tz-aware datetimes alike
    df, *_ = typed_frame("int")
    df = df[["f64", "dt", "dt_tz", "td", "y"]]
    out, prov = pdi.smote(df, "y", k_neighbors=4, random_state=3, return_plan=True)
    syn = out.iloc[len(df) :]
    b, z = prov["base_position"].to_numpy(), prov["neighbor_position"].to_numpy()
    lam = prov["lam"].to_numpy()
    for col in TIME:
        v, got = _ticks(df[col]), _ticks(syn[col])
        offset = (got - v[b]).astype(np.float64)
        assert np.abs(offset - lam * (v[z] - v[b])).max() <= 1.0, col


def test_categorical_values_come_from_their_own_class() -> None:
    rng = np.random.default_rng(2)
    n = 300
    y = rng.choice([0, 1, 2], size=n, p=[0.6, 0.3, 0.1])
    levels = np.array([["a", "b"], ["c", "d"], ["e", "f"]])  # disjoint per class
    df = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "s": pd.array(levels[y, rng.integers(0, 2, size=n)], dtype="str"),
            "c": pd.Categorical(levels[y, rng.integers(0, 2, size=n)], categories=list("abcdefz")),
            "y": y,
        }
    )
    out = pdi.smote(df, "y", k_neighbors=3, random_state=0)
    syn = out.iloc[n:]
    for label in (1, 2):
        mine = syn[syn["y"] == label]
        assert len(mine) > 0
        allowed = set(levels[label])
        assert set(mine["s"]) <= allowed and set(mine["c"]) <= allowed
    assert out["c"].cat.categories.tolist() == list("abcdefz")


def test_most_common_rule_against_smote_nc_oracle() -> None:
    # float + categorical: neighbours by Euclidean distance plus the SMOTE-NC penalty
    # (median of the class's continuous standard deviations) per differing category.
    rng = np.random.default_rng(8)
    n_major, n_minor, k = 200, 60, 5
    n = n_major + n_minor
    df = pd.DataFrame(
        {
            "x0": rng.normal(size=n),
            "x1": rng.normal(size=n) * 3,
            "s": pd.array(rng.choice(list("pqrs"), size=n), dtype="str"),
            "y": np.repeat([0, 1], [n_major, n_minor]),
        }
    )
    out, prov = pdi.smote(df, "y", k_neighbors=k, random_state=5, return_plan=True)
    minority = np.flatnonzero(df["y"].to_numpy() == 1)
    cont = df[["x0", "x1"]].to_numpy()[minority]
    penalty = float(np.median(cont.std(axis=0)))
    codes = pd.factorize(df["s"].to_numpy()[minority])[0]
    onehot = np.eye(codes.max() + 1)[codes] * penalty / np.sqrt(2.0)
    nn = minority[oracle_neighbors(np.hstack([cont, onehot]), k)]
    table = dict(zip(minority.tolist(), nn, strict=True))
    s_values = df["s"].to_numpy()
    syn_s = out["s"].to_numpy()[n:]
    for i, (b, z) in enumerate(zip(prov["base_position"], prov["neighbor_position"], strict=True)):
        assert z in table[b]
        votes = pd.Series(s_values[table[b]]).value_counts()
        assert syn_s[i] in set(votes.index[votes == votes.max()])
    # continuous columns still interpolate along the chosen pair
    x = df["x0"].to_numpy()
    b, z = prov["base_position"].to_numpy(), prov["neighbor_position"].to_numpy()
    expected = x[b] + prov["lam"].to_numpy() * (x[z] - x[b])
    np.testing.assert_allclose(out["x0"].to_numpy()[n:], expected, rtol=1e-9)


def test_bool_rate_preserved() -> None:
    rng = np.random.default_rng(0)
    n_major, n_minor = 3000, 400
    n = n_major + n_minor
    df = pd.DataFrame(
        {
            "a": rng.normal(size=n),
            "b": rng.normal(size=n),
            "flag": rng.random(n) < 0.3,  # independent of the features
            "y": np.repeat(["big", "small"], [n_major, n_minor]),
        }
    )
    out = df.imbalance.smote("y", random_state=1, synthetic_flag="syn")
    syn = out[out["syn"]]
    assert len(syn) == 2600 and (syn["y"] == "small").all()
    rate = df.loc[df["y"] == "small", "flag"].mean()
    assert abs(syn["flag"].mean() - rate) < 0.05


def test_only_categorical_features() -> None:
    rng = np.random.default_rng(3)
    df = pd.DataFrame(
        {
            "s": pd.array(rng.choice(["p", "q", "r"], size=50), dtype="str"),
            "y": np.repeat(["no", "yes"], [38, 12]),
        }
    )
    snap = snapshot(df)
    out = df.imbalance.smote("y", k_neighbors=3, random_state=0)
    assert_unchanged(df, snap)
    check_originals_first(df, out)
    assert out.dtypes.equals(df.dtypes)
    assert out["y"].value_counts().to_dict() == {"no": 38, "yes": 38}
    assert set(out["s"].iloc[50:]) <= set(df.loc[df["y"] == "yes", "s"])


def test_categorical_list_treats_int_column_as_categorical() -> None:
    rng = np.random.default_rng(4)
    n = 120
    df = pd.DataFrame(
        {
            "x": rng.normal(size=n) * 50,  # distances dominated by x
            "code": rng.choice([0, 4, 8], size=n),
            "y": np.repeat([0, 1], [90, 30]),
        }
    )
    out = df.imbalance.smote("y", k_neighbors=3, random_state=0, categorical=["code"])
    check_originals_first(df, out)
    assert out.dtypes.equals(df.dtypes)
    observed = set(df.loc[df["y"] == 1, "code"])
    assert set(out["code"].iloc[n:]) <= observed
    # as a continuous column (the default) new integers in between appear
    default = df.imbalance.smote("y", k_neighbors=3, random_state=0)
    assert not set(default["code"].iloc[n:]) <= {0, 4, 8}


def test_object_column_original_values_keep_their_types() -> None:
    # 1, 1.0 and True are equal (and hash alike) in Python but are different values
    rng = np.random.default_rng(5)
    df = pd.DataFrame(
        {
            "x": rng.normal(size=40),
            "o": pd.Series([1, True, "x", 1.0] * 10, dtype=object),
            "y": np.repeat([0, 1], [30, 10]),
        }
    )
    out = pdi.smote(df, "y", k_neighbors=3, random_state=0)
    head = out["o"].iloc[:40].tolist()
    assert [type(v) for v in head] == [type(v) for v in df["o"]]


# --------------------------------------------------------------------------- determinism


def test_same_seed_same_output_other_seed_differs() -> None:
    df, *_ = typed_frame("str")
    snap = snapshot(df)
    a = df.imbalance.smote("y", random_state=1)
    b = df.imbalance.smote("y", random_state=1)
    c = df.imbalance.smote("y", random_state=2)
    assert_unchanged(df, snap)
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    n = len(df)
    pd.testing.assert_frame_equal(a.iloc[:n], c.iloc[:n])
    assert not np.array_equal(a["f64"].to_numpy()[n:], c["f64"].to_numpy()[n:])
    g1 = pdi.smote(df, "y", random_state=np.random.default_rng(9))
    g2 = pdi.smote(df, "y", random_state=np.random.default_rng(9))
    pd.testing.assert_frame_equal(g1, g2, check_exact=True)


# ---------------------------------------------------------------------------- bad input


def test_class_too_small_for_k_neighbors() -> None:
    df = float_frame([50, 5], ["ok", "fraud"])
    snap = snapshot(df)
    with pytest.raises(pdi.InsufficientSamplesError) as info:
        df.imbalance.smote("y", k_neighbors=5, random_state=0)
    msg = str(info.value)
    assert "'fraud'" in msg and "5 rows" in msg and "k_neighbors" in msg
    assert "'ok'" not in msg
    assert isinstance(info.value, pdi.InvalidTargetError)
    assert_unchanged(df, snap)
    # k_neighbors = count - 1 is enough
    out = df.imbalance.smote("y", k_neighbors=4, random_state=0)
    assert out["y"].value_counts().to_dict() == {"ok": 50, "fraud": 50}


def test_small_class_left_alone_does_not_raise() -> None:
    df = float_frame([50, 20, 2], ["a", "b", "tiny"])
    out = df.imbalance.smote("y", k_neighbors=5, sampling_strategy={"b": 50}, random_state=0)
    assert out["y"].value_counts().to_dict() == {"a": 50, "b": 50, "tiny": 2}
    check_originals_first(df, out)
    with pytest.raises(pdi.InsufficientSamplesError, match="'tiny' \\(2 rows\\)"):
        df.imbalance.smote("y", k_neighbors=5, random_state=0)


def _with(df: pd.DataFrame, column: str, values: object) -> pd.DataFrame:
    out = df.copy()
    out[column] = values
    return out


def _bad_frame(case: str) -> tuple[pd.DataFrame, list[str]]:
    base = make_frame([40, 15])
    minority_rows = np.flatnonzero(base["y"].to_numpy() == 1)  # the class that grows
    f_nan = base["f_float"].copy()
    f_nan.iloc[minority_rows[3]] = np.nan
    f_inf = base["f_float"].copy()
    f_inf.iloc[minority_rows[7]] = -np.inf
    s_nan = base["f_str"].copy()
    s_nan.iloc[2] = None
    c_nan = base["f_cat"].copy()
    c_nan.iloc[5] = np.nan
    n = len(base)
    cases = {
        "nan_float": (_with(base, "f_float", f_nan), ["'f_float'", "1 missing"]),
        "inf_float": (_with(base, "f_float", f_inf), ["'f_float'", "1 infinite"]),
        "nan_str": (_with(base, "f_str", s_nan), ["'f_str'", "1 missing"]),
        "nan_category": (_with(base, "f_cat", c_nan), ["'f_cat'", "1 missing"]),
        "complex": (_with(base, "z", np.arange(n) * 1j), ["'z'", "supported"]),
        "period": (
            _with(base, "p", pd.period_range("2020-01", periods=n, freq="M")),
            ["'p'", "supported"],
        ),
        "lists": (_with(base, "l", pd.Series([[i] for i in range(n)], index=base.index)), ["'l'"]),
    }
    return cases[case]


def test_nan_in_a_class_that_does_not_grow_is_copied_unchanged() -> None:
    base = make_frame([40, 15])
    majority_row = int(np.flatnonzero(base["y"].to_numpy() == 0)[2])
    df = base.copy()
    df.iloc[majority_row, df.columns.get_loc("f_float")] = np.nan
    out = df.imbalance.smote("y", random_state=0)
    assert out["y"].value_counts().to_dict() == {0: 40, 1: 40}
    check_originals_first(df, out)
    assert np.isnan(out["f_float"].iloc[majority_row])
    assert np.isfinite(out["f_float"].iloc[len(df) :]).all()


@pytest.mark.parametrize(
    "case",
    ["nan_float", "inf_float", "nan_str", "nan_category", "complex", "period", "lists"],
)
def test_invalid_features(case: str) -> None:
    df, needles = _bad_frame(case)
    snap = snapshot(df)
    with pytest.raises(pdi.InvalidFeaturesError) as info:
        df.imbalance.smote("y", random_state=0)
    for needle in needles:
        assert needle in str(info.value), (case, str(info.value))
    assert isinstance(info.value, ValueError)
    assert_unchanged(df, snap)


@pytest.mark.parametrize(
    ("kwargs", "exc", "needles"),
    [
        ({"k_neighbors": 0}, ValueError, ["k_neighbors"]),
        ({"k_neighbors": -1}, ValueError, ["k_neighbors"]),
        ({"k_neighbors": 2.0}, TypeError, ["k_neighbors"]),
        ({"k_neighbors": "3"}, TypeError, ["k_neighbors"]),
        ({"k_neighbors": True}, TypeError, ["k_neighbors"]),
        ({"sampling_strategy": {0: 10}}, ValueError, ["cannot remove rows", "40"]),
        ({"sampling_strategy": "majority"}, ValueError, ["majority"]),
        ({"sampling_strategy": 1.5}, ValueError, ["(0, 1]"]),
        ({"synthetic_flag": "f_int"}, ValueError, ["'f_int'"]),
        ({"synthetic_flag": "y"}, ValueError, ["'y'"]),
        ({"synthetic_flag": 3}, TypeError, ["synthetic_flag"]),
        ({"categorical": ["not_a_column"]}, ValueError, ["not_a_column"]),
        ({"categorical": ["y"]}, ValueError, ["'y'"]),
        ({"categorical": "all"}, ValueError, ["categorical"]),
        ({"return_plan": "yes"}, TypeError, ["return_plan"]),
        ({"random_state": 1.5}, TypeError, ["random_state"]),
    ],
)
def test_bad_parameters(kwargs: dict, exc: type, needles: list[str]) -> None:
    df = make_frame([40, 15])
    snap = snapshot(df)
    with pytest.raises(exc) as info:
        pdi.smote(df, "y", **kwargs)
    for needle in needles:
        assert needle in str(info.value), str(info.value)
    assert_unchanged(df, snap)


def test_bad_parameters_through_accessor_with_flag() -> None:
    df = make_frame([40, 15])
    snap = snapshot(df)
    with pytest.raises(ValueError, match="already a column"):
        df.imbalance.smote("y", synthetic_flag="f_str")
    with pytest.raises(TypeError, match="k_neighbors"):
        df.imbalance.smote("y", k_neighbors=np.float64(3))
    assert_unchanged(df, snap)


def test_sparse_column_supported_or_rejected_clearly() -> None:
    df = float_frame([30, 10])
    df["sp"] = pd.arrays.SparseArray(np.arange(40, dtype=np.float64))
    snap = snapshot(df)
    try:
        out = pdi.smote(df, "y", k_neighbors=3, random_state=0)
    except pdi.InvalidFeaturesError as err:
        assert "'sp'" in str(err)
    else:
        assert out.dtypes.equals(df.dtypes)
    assert_unchanged(df, snap)


# ------------------------------------------------------------------ imbalanced-learn


@pytest.mark.parametrize("strategy", ["auto", "minority", {1: 60, 2: 45}])
def test_same_counts_as_imblearn(strategy: object) -> None:
    df = float_frame([90, 30, 12], seed=6)
    x, y = df.drop(columns="y"), df["y"]
    k = 5
    x_ref, y_ref = SMOTE(k_neighbors=k, sampling_strategy=strategy, random_state=0).fit_resample(
        x, y
    )
    ours = df.imbalance.smote("y", k_neighbors=k, sampling_strategy=strategy, random_state=0)
    assert ours["y"].value_counts().sort_index().equals(y_ref.value_counts().sort_index())
    check_on_segments(df, ours, k)
    # the same oracle accepts imbalanced-learn's own synthetic rows (sanity of the checker)
    ref = x_ref.assign(y=y_ref.to_numpy())
    pd.testing.assert_frame_equal(
        ref.iloc[: len(df)].reset_index(drop=True), df.reset_index(drop=True)
    )
    check_on_segments(df, ref, k)


def test_multiindex_originals_keep_their_labels_and_dtypes() -> None:
    base = make_frame([30, 10])
    df = base.set_axis(
        pd.MultiIndex.from_arrays(
            [np.arange(len(base)).astype(str), np.arange(len(base))], names=["key", "n"]
        )
    )
    out = df.imbalance.smote("y", random_state=0)
    assert out.index.names == ["key", "n"]
    assert out.index[: len(df)].equals(df.index)
    assert out.index.get_level_values("n").dtype == df.index.get_level_values("n").dtype
    assert out.index.is_unique
    check_originals_first(df, out)
