"""The dask backend: same results as pandas where exact, laziness, seeds, errors.

Most tests run on dask's synchronous/threaded schedulers; ``test_on_local_cluster`` runs the
whole surface on a ``distributed.LocalCluster`` with worker processes.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
import warnings

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from conftest import LABEL_DTYPES, binary_frame, make_frame
from sklearn.neighbors import NearestNeighbors

import pd_imbalance as pdi
import pd_imbalance.dask as pdd
from pd_imbalance.dask import _smote as dask_smote_module
from pd_imbalance.dask import _undersample as dask_undersample_module
from pd_imbalance.errors import (
    ImbalanceWarning,
    InsufficientSamplesError,
    InvalidFeaturesError,
    InvalidTargetError,
    TargetNotFoundError,
)


@pytest.fixture(autouse=True)
def threaded_scheduler():
    with dask.config.set(scheduler="threads"):
        yield


def to_dask(df: pd.DataFrame, npartitions: int = 4) -> dd.DataFrame:
    return dd.from_pandas(df, npartitions=npartitions, sort=False)


def numeric_frame(n_major: int = 300, n_minor: int = 40, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = n_major + n_minor
    return pd.DataFrame(
        {
            "a": rng.normal(size=n),
            "b": rng.normal(size=n).astype(np.float32),
            "y": rng.permutation(np.repeat([0, 1], [n_major, n_minor])),
        }
    )


# --- report, weights, sample_weights ---------------------------------------------------------


@pytest.mark.parametrize("label_dtype", sorted(LABEL_DTYPES))
def test_report_and_weights_equal_pandas(label_dtype: str) -> None:
    ddf = to_dask(binary_frame(label_dtype, 170, 30), 3)
    df = ddf.compute()  # dask may store labels in another dtype (object -> string)
    assert pdd.report(ddf, "y").to_dict() == pdi.report(df, "y").to_dict()
    pd.testing.assert_series_equal(pdd.weights(ddf, "y"), pdi.weights(df, "y"))
    lazy = pdd.sample_weights(ddf, "y", method="effective", beta=0.99)
    assert isinstance(lazy, dd.Series)
    pd.testing.assert_series_equal(
        lazy.compute(), pdi.sample_weights(df, "y", method="effective", beta=0.99)
    )


def test_report_multiclass_and_model_columns_equal_pandas() -> None:
    df = make_frame([50, 30, 15, 5], ["a", "b", "c", "d"])
    rng = np.random.default_rng(1)
    df["pred"] = rng.choice(["a", "b", "c", "d"], size=len(df))
    ddf = to_dask(df)
    assert (
        pdd.report(ddf, "y", predictions="pred").to_dict()
        == pdi.report(df, "y", predictions="pred").to_dict()
    )
    binary = binary_frame("int", 80, 20)
    binary["score"] = rng.random(len(binary))
    binary["pred"] = (binary["score"] > 0.7).astype(np.int64)
    expected = pdi.report(binary, "y", predictions="pred", scores="score").to_dict()
    got = pdd.report(to_dask(binary), "y", predictions="pred", scores="score").to_dict()
    assert got == expected
    assert got["average_precision"] is not None


def test_report_reads_only_the_label_column() -> None:
    # a feature column whose computation fails proves the label is counted on its own
    df = numeric_frame()
    ddf = to_dask(df)
    ddf = ddf.assign(boom=ddf["a"].map_partitions(_explode, meta=("boom", "f8")))
    assert pdd.report(ddf, "y").n_classes == 2
    assert pdd.weights(ddf, "y").size == 2


def _explode(part: pd.Series) -> pd.Series:
    if len(part):
        raise AssertionError("a feature column was computed")
    return part


# --- undersample -------------------------------------------------------------------------------


@pytest.mark.parametrize("exact", [False, True])
def test_undersample_keeps_a_subset_with_the_right_counts(exact: bool) -> None:
    ddf = to_dask(make_frame([2000, 600, 150], ["big", "mid", "small"]), 5)
    df = ddf.compute()  # what dask holds (its str columns have dask's string dtype)
    out = pdd.undersample(ddf, "y", random_state=3, exact=exact)
    assert isinstance(out, dd.DataFrame)
    res = out.compute()
    counts = res["y"].value_counts()
    # every minority row is kept, whole rows, unchanged, in order within partitions
    pd.testing.assert_frame_equal(res[res["y"] == "small"], df[df["y"] == "small"])
    pd.testing.assert_frame_equal(res, df.loc[res.index])
    assert res.dtypes.equals(df.dtypes)
    assert res.attrs["pd_imbalance"] == {"target": "y"}
    if exact:
        assert counts.to_dict() == {"big": 150, "mid": 150, "small": 150}
    else:  # Bernoulli: 150 expected, sd about sqrt(150 * (1 - p)) < 12.3
        assert abs(counts["big"] - 150) < 5 * 12.3
        assert abs(counts["mid"] - 150) < 5 * 10.6
        assert counts["small"] == 150


def test_exact_undersample_is_uniform_over_rows_and_partitions() -> None:
    # partitions of unequal sizes: a quota per partition proportional to it, on average
    df = pd.DataFrame({"x": np.arange(130), "y": np.r_[np.zeros(100, int), np.ones(30, int)]})
    ddf = dd.from_pandas(df, chunksize=40, sort=True)  # 40, 40, 40, 10 rows
    seen = np.zeros(len(df))
    draws = 600
    for seed in range(draws):
        kept = pdd.undersample(ddf, "y", random_state=seed, exact=True).compute()
        assert (kept["y"] == 0).sum() == 30
        seen[kept["x"].to_numpy()] += 1
    rate = seen[:100] / draws  # each majority row kept with probability 0.3
    assert np.all(seen[100:] == draws)
    sd = np.sqrt(0.3 * 0.7 / draws)
    assert np.max(np.abs(rate - 0.3)) < 4.5 * sd
    assert abs(rate.mean() - 0.3) < 1e-12  # exact totals: the mean rate is exact


def test_undersample_with_replacement_and_dict_strategy() -> None:
    df = numeric_frame(300, 40)
    out = pdd.undersample(
        to_dask(df),
        "y",
        sampling_strategy={0: 100, 1: 40},
        replacement=True,
        exact=True,
        random_state=0,
    ).compute()
    assert out["y"].value_counts().to_dict() == {0: 100, 1: 40}
    assert sorted(out.index[out["y"] == 1]) == sorted(df.index[df["y"] == 1])


def test_undersample_is_lazy_and_reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    original = dask_undersample_module._bernoulli_keep

    def spy(part: pd.DataFrame, *args: object, **kwargs: object) -> pd.DataFrame:
        calls.append(len(part))
        return original(part, *args, **kwargs)

    monkeypatch.setattr(dask_undersample_module, "_bernoulli_keep", spy)
    ddf = to_dask(numeric_frame(), 4)
    out = pdd.undersample(ddf, "y", random_state=7)
    assert calls == []  # nothing selected until computed
    first = out.compute()
    assert len(calls) == 4
    pd.testing.assert_frame_equal(first, out.compute())  # computing twice: same rows
    again = pdd.undersample(ddf, "y", random_state=7).compute()
    pd.testing.assert_frame_equal(first, again)
    other = pdd.undersample(ddf, "y", random_state=8).compute()
    assert not first.index.equals(other.index)


def test_exact_counts_and_selection_use_the_same_partitions(tmp_path) -> None:
    # parquet read with fewer columns may be fused into fewer partitions: exact counts must
    # still be exact because counting runs on the sampled expression itself
    df = numeric_frame(3000, 200)
    for i in range(6):
        df.iloc[i * 550 : (i + 1) * 550].to_parquet(tmp_path / f"p{i}.parquet")
    ddf = dd.read_parquet(tmp_path)
    out = pdd.undersample(ddf, "y", random_state=0, exact=True).compute()
    assert out["y"].value_counts().to_dict() == {0: 200, 1: 200}


# --- smote -------------------------------------------------------------------------------------


def _segment_distances(synth: pd.DataFrame, src: pd.DataFrame, cols: list[str], k: int):
    """For each synthetic row, its distance to the nearest segment from a row of its class
    to one of that row's k nearest same-class rows (scikit-learn's brute force: the oracle).
    """
    out = []
    for label, rows in synth.groupby("y"):
        points = src.loc[src["y"] == label, cols].to_numpy(np.float64)
        search = NearestNeighbors(n_neighbors=k + 1, algorithm="brute").fit(points)
        nbrs = search.kneighbors(points, return_distance=False)[:, 1:]
        x = np.repeat(points, k, axis=0)  # segment starts
        d = points[nbrs.ravel()] - x  # segment directions
        s = rows[cols].to_numpy(np.float64)[:, None, :]  # (synthetic, 1, dims)
        lam = np.clip(((s - x) * d).sum(-1) / np.maximum((d * d).sum(-1), 1e-300), 0.0, 1.0)
        gaps = np.linalg.norm(x + lam[..., None] * d - s, axis=-1)
        out.append(gaps.min(axis=1))
    return np.concatenate(out)


def _assert_on_neighbor_segments(synth, src, cols, k):
    assert np.all(_segment_distances(synth, src, cols, k) < 1e-5)


def test_segment_checker_can_fail() -> None:
    df = numeric_frame(300, 40)
    res = pdd.smote(to_dask(df), "y", k_neighbors=4, random_state=0).compute()
    synth = res.iloc[len(df) :].copy()
    _assert_on_neighbor_segments(synth, df, ["a", "b"], 4)
    synth.iloc[0, 0] += 0.5  # off its segment
    with pytest.raises(AssertionError):
        _assert_on_neighbor_segments(synth, df, ["a", "b"], 4)
    with pytest.raises(AssertionError):  # segments to non-neighbours do not count
        _assert_on_neighbor_segments(res.iloc[len(df) :], df, ["a", "b"], 1)


def test_smote_counts_originals_geometry_and_dtypes() -> None:
    df = numeric_frame(300, 40)
    ddf = to_dask(df, 3)
    out = pdd.smote(
        ddf, "y", k_neighbors=4, random_state=0, synthetic_flag="synthetic", block_rows=100
    )
    assert isinstance(out, dd.DataFrame)
    res = out.compute()
    assert res["y"].value_counts().to_dict() == {0: 300, 1: 300}
    pd.testing.assert_frame_equal(res.iloc[: len(df)].drop(columns="synthetic"), df)
    assert not res["synthetic"].iloc[: len(df)].any() and res["synthetic"].iloc[len(df) :].all()
    assert res.dtypes.drop("synthetic").equals(df.dtypes)
    assert res["b"].dtype == np.float32
    assert res.index[len(df) :].tolist() == list(range(len(df), len(df) + 260))
    synth = res.iloc[len(df) :]
    _assert_on_neighbor_segments(synth, df, ["a", "b"], 4)


def test_smote_mixed_types_and_string_index() -> None:
    df = make_frame([120, 30], ["ok", "fraud"], "str")
    df["when"] = pd.date_range("2024-01-01", periods=len(df), freq="h", tz="UTC")
    df.index = df.index.astype(str)
    ddf = to_dask(df)
    df = ddf.compute()
    out = pdd.smote(ddf, "y", k_neighbors=3, random_state=1).compute()
    assert out.dtypes.equals(df.dtypes)
    synth = out.iloc[len(df) :]
    assert synth.index.tolist() == [f"synthetic_{i}" for i in range(90)]
    assert set(synth["f_cat"]) <= set(df.loc[df["y"] == "fraud", "f_cat"])
    assert set(synth["f_str"]) <= set(df.loc[df["y"] == "fraud", "f_str"])
    fraud = df[df["y"] == "fraud"]
    assert synth["f_int"].between(fraud["f_int"].min(), fraud["f_int"].max()).all()
    assert synth["when"].between(fraud["when"].min(), fraud["when"].max()).all()
    assert list(out["f_cat"].cat.categories) == list(df["f_cat"].cat.categories)


def test_smote_builds_synthetic_rows_only_on_compute(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    original = dask_smote_module._synthetic_block

    def spy(*args: object) -> pd.DataFrame:
        calls.append(args[2])
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(dask_smote_module, "_synthetic_block", spy)
    ddf = to_dask(numeric_frame(300, 40), 2)
    out = pdd.smote(ddf, "y", random_state=0, block_rows=100)
    assert calls == []
    assert out.npartitions == 2 + 3  # 260 synthetic rows in blocks of 100
    res = out.compute()
    assert sorted(calls) == [60, 100, 100]
    pd.testing.assert_frame_equal(res, out.compute())
    pd.testing.assert_frame_equal(
        res, pdd.smote(ddf, "y", random_state=0, block_rows=100).compute()
    )
    assert not res.equals(pdd.smote(ddf, "y", random_state=1, block_rows=100).compute())


def test_smote_ships_the_shared_source_once() -> None:
    out = pdd.smote(to_dask(numeric_frame(300, 40), 2), "y", random_state=0, block_rows=50)
    graph = dict(out.__dask_graph__())

    def calls(func: object) -> list[object]:
        return [key for key, task in graph.items() if getattr(task, "func", None) is func]

    assert len(calls(dask_smote_module.encode_source)) == 1  # the class gathered once
    assert len(calls(dask_smote_module.search_class)) == 1
    (source,) = calls(dask_smote_module.with_neighbors)
    users = [t for t in graph.values() if source in getattr(t, "dependencies", ())]
    assert len(users) == 6  # six blocks, one copy of the encoded rows and neighbours


def test_smote_collects_no_rows_to_the_client(monkeypatch: pytest.MonkeyPatch) -> None:
    # the client computes reductions only (counts, missing counts, the largest label);
    # the class's rows reach encode_source inside the graph
    computed: list[object] = []
    real_compute = dask_smote_module.compute

    def spy(*args: object, **kwargs: object) -> object:
        results = real_compute(*args, **kwargs)
        computed.extend(results)
        return results

    monkeypatch.setattr(dask_smote_module, "compute", spy)
    built: list[int] = []
    real_build = dask_smote_module.encode_source

    def build(rows: pd.DataFrame, *args: object) -> object:
        built.append(len(rows))
        return real_build(rows, *args)

    monkeypatch.setattr(dask_smote_module, "encode_source", build)
    df = numeric_frame(300, 40)
    out = pdd.smote(to_dask(df, 3), "y", random_state=0, block_rows=50)
    assert built == []  # nothing searched while the graph is built
    assert computed and all(not isinstance(r, pd.DataFrame) for r in computed)
    assert all(len(r) <= df.shape[1] for r in computed if isinstance(r, pd.Series))
    res = out.compute()
    assert built == [40]  # the class, gathered once, in the graph
    pd.testing.assert_frame_equal(
        res, pdd.smote(to_dask(df, 3), "y", random_state=0, block_rows=50).compute()
    )


def test_smote_warns_about_the_exact_cost_on_the_client(monkeypatch: pytest.MonkeyPatch) -> None:
    from pd_imbalance._core import neighbor_rule

    monkeypatch.setattr(neighbor_rule, "EXACT_WARN_COST", 10.0)
    ddf = to_dask(numeric_frame(300, 40), 2)
    with pytest.warns(ImbalanceWarning, match='neighbors="approximate"'):
        out = pdd.smote(ddf, "y", random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ImbalanceWarning)
        out.compute(scheduler="sync")  # not again inside the task
        pdd.smote(ddf, "y", random_state=0, neighbors=NearestNeighbors(n_neighbors=6))


def test_smote_nothing_to_grow_returns_the_input() -> None:
    df = numeric_frame(50, 50)
    out = pdd.smote(to_dask(df), "y", synthetic_flag="s").compute()
    pd.testing.assert_frame_equal(out.drop(columns="s"), df)
    assert not out["s"].any()


# --- split_then_resample -----------------------------------------------------------------------


@pytest.mark.parametrize("exact", [False, True])
def test_split_partitions_the_input_and_resamples_train_only(exact: bool) -> None:
    df = numeric_frame(800, 200)
    ddf = to_dask(df, 4)
    train, test = pdd.split_then_resample(
        ddf, "y", method="smote", random_state=0, exact=exact, synthetic_flag="synthetic"
    )
    tr, te = train.compute(), test.compute()
    originals = tr[~tr["synthetic"]].drop(columns="synthetic")
    assert set(originals.index).isdisjoint(te.index)
    both = pd.concat([originals, te]).sort_index()
    pd.testing.assert_frame_equal(both, df)
    synthetic_labels = set(tr.index[tr["synthetic"]])
    assert synthetic_labels.isdisjoint(df.index)  # nor any test row's label
    counts = tr["y"].value_counts()
    assert counts[0] == counts[1]
    if exact:
        assert te["y"].value_counts().to_dict() == {0: 200, 1: 50}
    else:
        assert abs(len(te) - 250) < 5 * np.sqrt(1000 * 0.25 * 0.75)
    pd.testing.assert_frame_equal(tr, train.compute())  # complementary on every compute


def test_split_none_and_undersample() -> None:
    df = numeric_frame(400, 100)
    train, test = pdd.split_then_resample(to_dask(df), "y", method="none", random_state=0)
    assert len(train.compute()) + len(test.compute()) == len(df)
    train, test = pdd.split_then_resample(
        to_dask(df), "y", method="undersample", exact=True, random_state=0, test_size=100
    )
    assert len(test.compute()) == 100
    assert train.compute()["y"].value_counts().to_dict() == {0: 80, 1: 80}


# --- accessor, target, import --------------------------------------------------------------------


def test_accessor_and_target() -> None:
    df = numeric_frame()
    ddf = to_dask(df).imbalance.set_target("y")
    assert ddf.imbalance.target == "y"
    assert ddf.compute().attrs["pd_imbalance"] == {"target": "y"}
    assert ddf.imbalance.report().to_dict() == df.imbalance.report("y").to_dict()
    assert ddf.imbalance.weights().equals(pdi.weights(df, "y"))
    assert ddf.imbalance.sample_weights().compute().equals(pdi.sample_weights(df, "y"))
    assert len(ddf.imbalance.undersample(exact=True, random_state=0).compute()) == 80
    assert len(ddf.imbalance.smote(random_state=0).compute()) == 600
    train, test = ddf.imbalance.split_then_resample(method="none", random_state=0)
    assert len(train.compute()) + len(test.compute()) == len(df)


@pytest.mark.parametrize("first", ["pd_imbalance", "dask.dataframe"])
def test_import_registers_the_accessor_in_either_order(first: str) -> None:
    second = "dask.dataframe" if first == "pd_imbalance" else "pd_imbalance"
    code = textwrap.dedent(
        f"""
        import sys, warnings
        warnings.simplefilter("error")
        import {first}
        if "{first}" == "pd_imbalance":
            assert "dask" not in sys.modules, "import pd_imbalance imported dask"
        import {second}
        import dask.dataframe as dd, pandas as pd
        ddf = dd.from_pandas(pd.DataFrame({{"y": [0, 0, 1]}}), npartitions=1)
        print(ddf.imbalance.weights("y").to_dict())
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "{0: 0.75, 1: 1.5}"


# --- errors --------------------------------------------------------------------------------------


def test_errors_match_pandas() -> None:
    df = numeric_frame(30, 4)
    ddf = to_dask(df)
    with pytest.raises(InsufficientSamplesError, match=r"1.*\(4 rows\)"):
        pdd.smote(ddf, "y", k_neighbors=5)
    with pytest.raises(TargetNotFoundError, match="'why'"):
        pdd.undersample(ddf, "why")
    with pytest.raises(TargetNotFoundError, match="No target"):
        pdd.report(ddf)
    with pytest.raises(TypeError, match="dask DataFrame"):
        pdd.undersample(df, "y")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="exact"):
        pdd.undersample(ddf, "y", exact="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="k_neighbors"):
        pdd.smote(ddf, "y", k_neighbors=0)
    with pytest.raises(ValueError, match="block_rows"):
        pdd.smote(ddf, "y", k_neighbors=2, block_rows=0)
    with pytest.raises(TypeError, match="not options of method='undersample'"):
        pdd.split_then_resample(ddf, "y", method="undersample", k_neighbors=3)
    single = df.assign(y=0)
    with pytest.raises(InvalidTargetError, match="1 class"):
        pdd.weights(to_dask(single), "y")


def test_missing_labels_are_named_with_their_rows() -> None:
    df = numeric_frame().astype({"y": "float64"})
    df.loc[[5, 77], "y"] = np.nan
    with pytest.raises(InvalidTargetError, match=r"2 missing value.*at rows 5, 77") as info:
        pdd.undersample(to_dask(df), "y", exact=True)
    assert len(info.value.failure_cases) == 2
    with pytest.raises(InvalidTargetError, match="2 missing"):
        pdd.report(to_dask(df), "y")


def test_smote_feature_errors_on_the_collected_rows() -> None:
    df = numeric_frame(60, 20)
    df.loc[df.index[df["y"] == 1][:3], "a"] = np.nan
    with pytest.raises(InvalidFeaturesError, match=r"'a' \(3 missing"):  # wording: pandas tests
        pdd.smote(to_dask(df), "y", k_neighbors=3)
    fine = numeric_frame(60, 20)
    fine.loc[fine.index[fine["y"] == 0][:3], "a"] = np.nan  # rows that are only copied
    out = pdd.smote(to_dask(fine), "y", k_neighbors=3, random_state=0).compute()
    assert out["a"].isna().sum() == 3


def test_smote_feature_errors_name_the_column_with_categorical_given() -> None:
    # the offending column is read alone: a categorical list naming other columns is fine
    df = numeric_frame(60, 20).assign(c=pd.Series(list("pq") * 40, dtype="string"))
    df.loc[df.index[df["y"] == 1][:2], "b"] = np.inf
    with pytest.raises(InvalidFeaturesError, match=r"'b'"):
        pdd.smote(to_dask(df), "y", k_neighbors=3, categorical=["c"])
    strict = numeric_frame(60, 20).assign(n=pd.array([1] * 79 + [None], dtype="Int64"))
    with pytest.raises(InvalidFeaturesError, match=r"'n' \(1 missing"):
        pdd.smote(to_dask(strict), "y", k_neighbors=3, categorical=["n"])


def test_smote_on_pyarrow_dtypes_equals_the_numpy_frame_and_keeps_dtypes() -> None:
    df = numeric_frame(200, 30)
    arrow = df.convert_dtypes(dtype_backend="pyarrow")
    out = pdd.smote(to_dask(arrow, 3), "y", random_state=0).compute()
    assert out.dtypes.equals(arrow.dtypes)
    expected = pdd.smote(to_dask(df, 3), "y", random_state=0).compute()
    np.testing.assert_allclose(
        out[["a", "b"]].to_numpy(dtype=float), expected[["a", "b"]].to_numpy(dtype=float)
    )


def test_smote_approximate_search_runs_in_the_graph_with_its_recall(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("faiss", reason="the approximate search needs the [ann] extra")
    from pd_imbalance._core.neighbors import nearest_neighbors

    built: list[dask_smote_module.SyntheticSource] = []
    real_build = dask_smote_module.with_neighbors

    def build(*args: object) -> dask_smote_module.SyntheticSource:
        built.append(real_build(*args))
        return built[-1]

    monkeypatch.setattr(dask_smote_module, "with_neighbors", build)
    rng = np.random.default_rng(3)
    n = 18_000  # 8,000 minority rows: 31 cells of the index, 8 probed at least
    df = pd.DataFrame(rng.normal(size=(n, 8)))  # unclustered: the index misses a few
    df.columns = [f"x{i}" for i in range(8)]
    df["y"] = np.r_[np.zeros(10_000, int), np.ones(8_000, int)]
    search = pdi.ApproximateNeighbors(exact_below=0)  # the index, even at this size
    out = pdd.smote(to_dask(df, 3), "y", neighbors=search, random_state=0).compute()
    assert out["y"].value_counts().to_dict() == {0: 10_000, 1: 10_000}
    pd.testing.assert_frame_equal(out.iloc[:n], df)
    (source,) = built
    found = source.neighbors[1]
    rows = df.loc[df["y"] == 1, df.columns[:-1]].to_numpy()
    exact = nearest_neighbors(rows, 5)
    recall = (found[:, :, None] == exact[:, None, :]).any(axis=2).mean()
    assert 0.95 <= recall < 1.0  # the index answered (not the exact search), well enough
    # a large class: one task fits the index, query tasks answer blocks of its rows, and
    # together they give the one-task answer (the same calibrated probes)
    monkeypatch.setattr(dask_smote_module, "SHARED_INDEX_ROWS", 5_000)
    monkeypatch.setattr(dask_smote_module, "QUERY_BLOCK_ROWS", 1_500)
    shared = pdd.smote(to_dask(df, 3), "y", neighbors=search, random_state=0)
    graph = dict(shared.__dask_graph__())
    funcs = [getattr(task, "func", None) for task in graph.values()]
    assert funcs.count(dask_smote_module.index_class) == 1
    assert funcs.count(dask_smote_module.query_block) == 6  # 8,000 rows, 1,500 per block
    assert funcs.count(dask_smote_module.search_class) == 0
    pd.testing.assert_frame_equal(shared.compute(), out)
    np.testing.assert_array_equal(built[-1].neighbors[1], found)


# --- a real cluster ------------------------------------------------------------------------------


def test_on_local_cluster() -> None:
    import distributed

    df = to_dask(make_frame([900, 100], ["no", "yes"]), 4).compute()
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        ddf = to_dask(df, 4)
        assert pdd.report(ddf, "y").to_dict() == pdi.report(df, "y").to_dict()
        exact = pdd.undersample(ddf, "y", exact=True, random_state=0).compute()
        assert exact["y"].value_counts().to_dict() == {"no": 100, "yes": 100}
        bern = pdd.undersample(ddf, "y", random_state=0)
        pd.testing.assert_frame_equal(bern.compute(), bern.compute())
        res = pdd.smote(ddf, "y", random_state=0, block_rows=300).compute()
        assert res["y"].value_counts().to_dict() == {"no": 900, "yes": 900}
        assert res.dtypes.equals(df.dtypes)
        pd.testing.assert_frame_equal(res.iloc[: len(df)], df)
        numeric = numeric_frame(600, 60)
        out = pdd.smote(to_dask(numeric, 3), "y", random_state=0, block_rows=200)
        first = out.compute()
        pd.testing.assert_frame_equal(first, out.compute())
        _assert_on_neighbor_segments(first.iloc[len(numeric) :], numeric, ["a", "b"], 5)
        if importlib.util.find_spec("faiss") is not None:  # the index built on a worker
            search = pdi.ApproximateNeighbors(exact_below=0)
            approx = pdd.smote(to_dask(numeric, 3), "y", neighbors=search, random_state=0)
            grown = approx.compute()
            assert grown["y"].value_counts().to_dict() == {0: 600, 1: 600}
            pd.testing.assert_frame_equal(grown.iloc[: len(numeric)], numeric)
            # the fitted index (faiss, 9 cells) pickled to the worker processes that
            # answer query blocks: the one-task answer
            large = numeric_frame(1_000, 2_500, seed=1)
            one = pdd.smote(to_dask(large, 3), "y", neighbors=search, random_state=0)
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(dask_smote_module, "SHARED_INDEX_ROWS", 2_000)
                patch.setattr(dask_smote_module, "QUERY_BLOCK_ROWS", 700)
                blocks = pdd.smote(to_dask(large, 3), "y", neighbors=search, random_state=0)
            pd.testing.assert_frame_equal(blocks.compute(), one.compute())
        train, test = pdd.split_then_resample(
            ddf, "y", method="undersample", exact=True, random_state=0
        )
        assert test.compute()["y"].value_counts().to_dict() == {"no": 225, "yes": 25}
        assert train.compute()["y"].value_counts().to_dict() == {"no": 75, "yes": 75}
        weights = pdd.sample_weights(ddf, "y").compute()
        pd.testing.assert_series_equal(weights, pdi.sample_weights(df, "y"))


@pytest.mark.parametrize("exact", [False, True])
def test_each_partition_draws_from_its_own_stream(exact: bool) -> None:
    # four identical partitions: the same stream in each would keep the same positions
    df = pd.DataFrame(
        {"x": np.arange(400), "y": np.tile(np.r_[np.zeros(90, int), np.ones(10, int)], 4)}
    )
    ddf = dd.from_pandas(df, npartitions=4, sort=True)
    out = pdd.undersample(ddf, "y", random_state=0, exact=exact).compute()
    kept = [frozenset(out["x"][out["x"] // 100 == p] % 100) for p in range(4)]
    assert len(set(kept)) == 4
    train, _ = pdd.split_then_resample(ddf, "y", method="none", random_state=0, exact=exact)
    in_train = train.compute()["x"]
    assert len({frozenset(in_train[in_train // 100 == p] % 100) for p in range(4)}) == 4


def test_exact_unstratified_split_has_the_exact_test_size() -> None:
    df = numeric_frame(400, 100)
    train, test = pdd.split_then_resample(
        to_dask(df),
        "y",
        method="none",
        exact=True,
        stratify=False,
        test_size=0.3,
        random_state=0,
    )
    te, tr = test.compute(), train.compute()
    assert len(te) == 150 and len(tr) == 350
    pd.testing.assert_frame_equal(pd.concat([te, tr]).sort_index(), df)


def test_reading_the_label_alone_can_change_partitions(tmp_path) -> None:
    # why exact counts run on the sampled expression itself: dask fuses small parquet
    # partitions when few columns are read, though npartitions does not show it
    df = numeric_frame(3000, 300)
    for i in range(6):
        df.iloc[i * 550 : (i + 1) * 550].to_parquet(tmp_path / f"p{i}.parquet")
    ddf = dd.read_parquet(tmp_path)
    assert ddf[["y"]].npartitions == ddf.npartitions
    assert len(ddf[["y"]].map_partitions(len).compute()) < len(ddf.map_partitions(len).compute())
    out = pdd.undersample(ddf, "y", random_state=0, exact=True).compute()
    assert out["y"].value_counts().to_dict() == {0: 300, 1: 300}


def _random_labels(part: pd.DataFrame) -> pd.DataFrame:
    return part.assign(y=np.random.default_rng().integers(0, 2, len(part)))


def test_exact_undersample_of_a_changing_input_raises_when_computed() -> None:
    ddf = to_dask(numeric_frame(3000, 1000), 3)
    changing = ddf.map_partitions(_random_labels, meta=ddf._meta)  # new labels on every read
    out = pdd.undersample(changing, "y", exact=True, random_state=0)
    with pytest.raises(RuntimeError, match=r"Partition \d holds other rows .*persist"):
        out.compute()


@pytest.mark.parametrize(
    "module",
    ["pd_imbalance.dask", "pd_imbalance.dask._labels", "pd_imbalance.dask._smote"],
)
def test_any_dask_module_imports_first_after_pd_imbalance(module: str) -> None:
    # importing one of our dask modules imports dask.dataframe, which registers the
    # accessor by importing pd_imbalance.dask: no module may be half-initialized then
    code = f"import warnings; warnings.simplefilter('error'); import pd_imbalance; import {module}"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_category_label_read_from_parquet_with_unknown_categories(tmp_path) -> None:
    # dask's meta then holds placeholder categories; counts must come from the data
    rng = np.random.default_rng(0)
    df = pd.DataFrame(
        {
            "x": rng.normal(size=3000),
            "c": pd.Categorical(rng.choice(["a", "b"], 3000)),
            "y": pd.Categorical(np.r_[["no"] * 2700, ["yes"] * 300]),
        }
    )
    for i in range(3):
        df.iloc[i * 1000 : (i + 1) * 1000].to_parquet(tmp_path / f"p{i}.parquet")
    ddf = dd.read_parquet(tmp_path)
    out = pdd.undersample(ddf, "y", exact=True, random_state=0).compute()
    assert out["y"].value_counts().to_dict() == {"no": 300, "yes": 300}
    assert pdd.weights(ddf, "y").to_dict() == {"no": 3000 / 5400, "yes": 5.0}
    train, test = pdd.split_then_resample(
        ddf, "y", method="undersample", exact=True, random_state=0
    )
    assert test.compute()["y"].value_counts().to_dict() == {"no": 675, "yes": 75}
    assert train.compute()["y"].value_counts().to_dict() == {"no": 225, "yes": 225}
    grown = pdd.smote(ddf, "y", random_state=0).compute()
    assert grown["y"].value_counts().to_dict() == {"no": 2700, "yes": 2700}


def test_split_passes_dask_only_options_to_smote() -> None:
    # regression: the options were checked against the pandas smote, so block_rows raised
    df = numeric_frame(2000, 200)
    train, test = pdd.split_then_resample(
        to_dask(df, 4), "y", method="smote", block_rows=100, random_state=0
    )
    got, held_out = train.compute(), test.compute()
    majority = 2000 - int((held_out["y"] == 0).sum())
    assert got["y"].value_counts().to_dict() == {0: majority, 1: majority}
    n_synthetic = len(got) - (len(df) - len(held_out))
    assert train.npartitions == 4 + -(-n_synthetic // 100)  # blocks of at most 100 rows
    assert set(got.index).isdisjoint(held_out.index)


@pytest.mark.parametrize("seed", range(12))
def test_unexact_stratified_split_is_stratified_in_every_partition(seed: int) -> None:
    # regression: stratify=True with exact=False was the same Bernoulli draw as stratify=False
    df = pd.DataFrame({"x": np.arange(2000.0), "y": np.tile([0] * 45 + [1] * 5, 40)})
    ddf = dd.from_pandas(df, npartitions=4, sort=True)
    _train, test = pdd.split_then_resample(ddf, "y", method="none", random_state=seed, exact=False)
    for number in range(4):
        part = ddf.partitions[number].compute()
        in_test = test.partitions[number].compute()
        for label in (0, 1):
            share = 0.25 * int((part["y"] == label).sum())
            assert abs(int((in_test["y"] == label).sum()) - share) < 2


def test_unexact_unstratified_split_is_a_bernoulli_draw() -> None:
    df = pd.DataFrame({"x": np.arange(2000.0), "y": np.tile([0] * 45 + [1] * 5, 40)})
    ddf = dd.from_pandas(df, npartitions=4, sort=True)
    spread = []
    for seed in range(12):
        _train, test = pdd.split_then_resample(
            ddf, "y", method="none", random_state=seed, stratify=False, exact=False
        )
        spread.append(int((test["y"] == 1).sum().compute()))
    assert np.std(spread) > 2  # binomial(200, 0.25): sd 6.1; stratified would give 0-2


def test_unexact_stratified_split_with_a_class_missing_from_a_partition() -> None:
    # regression: a partition without some class got a test count of -1 (math domain error)
    df = pd.DataFrame({"x": np.arange(40.0), "y": ["a"] * 30 + ["b"] * 10})  # sorted by label
    ddf = dd.from_pandas(df, npartitions=2, sort=True)
    train, test = pdd.split_then_resample(
        ddf, "y", method="undersample", random_state=0, exact=False
    )
    got, held_out = train.compute(), test.compute()
    assert set(got.index).isdisjoint(held_out.index)
    for number in range(2):
        part = ddf.partitions[number].compute()
        in_test = test.partitions[number].compute()
        for label in ("a", "b"):
            share = 0.25 * int((part["y"] == label).sum())
            assert abs(int((in_test["y"] == label).sum()) - share) < 2
    assert set(got["y"]) == {"a", "b"}
