"""The dask ``oversample``: random copies with exact counts per partition, SMOTE, clear errors."""

from __future__ import annotations

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from conftest import make_frame

import pd_imbalance as pdi
import pd_imbalance.dask as pdd
from pd_imbalance.dask._oversample import OVERSAMPLE_METHODS, _draw_ranks, _partition_picks
from pd_imbalance.dask._undersample import UNDERSAMPLE_METHODS


@pytest.fixture(autouse=True)
def threaded_scheduler():
    with dask.config.set(scheduler="threads"):
        yield


def to_dask(df: pd.DataFrame, npartitions: int = 4) -> dd.DataFrame:
    return dd.from_pandas(df, npartitions=npartitions, sort=False)


def _frame(counts: tuple[int, ...] = (300, 60, 25), seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.repeat(np.arange(len(counts)), counts))
    return pd.DataFrame({"x": rng.normal(size=len(y)), "n": np.arange(len(y)), "y": y})


def test_vocabularies_are_the_pandas_ones() -> None:
    from pd_imbalance._verbs.oversampling import OVERSAMPLE_METHODS as PANDAS_OVER
    from pd_imbalance._verbs.undersampling import UNDERSAMPLE_METHODS as PANDAS_UNDER

    assert OVERSAMPLE_METHODS == PANDAS_OVER
    assert UNDERSAMPLE_METHODS == PANDAS_UNDER


@pytest.mark.parametrize("npartitions", [1, 3, 7])
@pytest.mark.parametrize("strategy", ["auto", "minority", {1: 100, 2: 40}])
def test_random_copies_exact_counts_and_rows_of_their_class(npartitions: int, strategy) -> None:
    df = _frame()
    ddf = to_dask(df, npartitions)
    out = pdd.oversample(ddf, "y", sampling_strategy=strategy, random_state=1)
    result = out.compute()
    expected = pdi.smote(df, "y", sampling_strategy=strategy).y.value_counts()  # the counts
    assert result["y"].value_counts().sort_index().equals(expected.sort_index())
    # the input first, unchanged; then copies: whole input rows of the same class
    pd.testing.assert_frame_equal(result.iloc[: len(df)], df, check_exact=True)
    copies = result.iloc[len(df) :]
    source = df.set_index("n")
    pd.testing.assert_frame_equal(copies.set_index("n"), source.loc[copies["n"]], check_exact=True)
    assert result.index.is_unique
    assert copies.index.min() == len(df)  # labels continue after the largest
    assert result.attrs["pd_imbalance"]["target"] == "y"


def test_copies_are_uniform_over_a_class_and_seeded() -> None:
    df = _frame((2000, 100), seed=3)
    ddf = to_dask(df, 5)
    a = pdd.oversample(ddf, "y", random_state=4).compute()
    b = pdd.oversample(ddf, "y", random_state=4).compute()
    c = pdd.oversample(ddf, "y", random_state=5).compute()
    pd.testing.assert_frame_equal(a, b)
    assert not a.iloc[len(df) :]["n"].equals(c.iloc[len(df) :]["n"])
    times = a.iloc[len(df) :]["n"].value_counts()
    assert len(times) > 80  # 1,900 copies of 100 rows: nearly every row is copied
    assert times.max() < 45  # ~19 each on average, no row far more often


def test_same_copies_whatever_the_partitioning() -> None:
    df = _frame(seed=6)
    one = pdd.oversample(to_dask(df, 1), "y", random_state=0).compute()
    many = pdd.oversample(to_dask(df, 6), "y", random_state=0).compute()
    # the class's ranks depend on the seed and counts only: the same multiset of copies
    assert sorted(one.iloc[len(df) :]["n"]) == sorted(many.iloc[len(df) :]["n"])


def test_partition_picks_split_ranks_where_the_rows_are() -> None:
    per_partition = np.array([[2, 1], [0, 3], [4, 1]])
    counts, final = per_partition.sum(axis=0), np.array([6, 9])
    ranks = _draw_ranks(counts, final, np.random.SeedSequence(0))
    assert list(ranks) == [1] and len(ranks[1]) == 4
    picks = _partition_picks(per_partition, ranks)
    bounds = np.cumsum(per_partition[:, 1]) - per_partition[:, 1]
    rebuilt = sorted(
        int(bounds[p] + r) for p, part in enumerate(picks) for _, rs in part for r in rs
    )
    assert rebuilt == sorted(ranks[1].tolist())
    for p, part in enumerate(picks):
        for c, local in part:
            assert ((0 <= local) & (local < per_partition[p, c])).all()


def test_synthetic_flag_and_text_index() -> None:
    df = _frame((40, 10))
    df.index = [f"r{i}" for i in range(len(df))]
    out = pdd.oversample(to_dask(df, 3), "y", synthetic_flag="new", random_state=0).compute()
    assert out["new"].sum() == 30 and not out["new"].iloc[: len(df)].any()
    assert out.index[len(df) :].str.startswith("synthetic_").all()
    assert out.index.is_unique


def test_nothing_to_grow_returns_the_input() -> None:
    df = _frame((50, 50))
    out = pdd.oversample(to_dask(df), "y", random_state=0).compute()
    pd.testing.assert_frame_equal(out, df)


def test_smote_delegates_to_the_dask_smote() -> None:
    df = make_frame([120, 30])
    ddf = to_dask(df, 3)
    with dask.config.set(scheduler="sync"):
        a = pdd.oversample(ddf, "y", method="smote", k_neighbors=3, random_state=2).compute()
        b = pdd.smote(ddf, "y", k_neighbors=3, random_state=2).compute()
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("method", ["borderline-1", "borderline-2", "adasyn"])
def test_other_oversample_methods_name_the_pandas_alternative(method: str) -> None:
    with pytest.raises(ValueError, match=r"compute the frame first.*pdi\.oversample\(ddf"):
        pdd.oversample(to_dask(_frame()), "y", method=method)


@pytest.mark.parametrize("method", ["nearmiss-1", "nearmiss-2", "nearmiss-3"])
def test_nearmiss_names_the_pandas_alternative(method: str) -> None:
    with pytest.raises(ValueError, match=r"pdi\.undersample\(ddf\.compute\(\)"):
        pdd.undersample(to_dask(_frame()), "y", method=method)


def test_bad_methods_and_options() -> None:
    ddf = to_dask(_frame())
    with pytest.raises(ValueError, match="method must be one of 'random'"):
        pdd.oversample(ddf, "y", method="smoot")
    with pytest.raises(ValueError, match="method must be one of 'random'"):
        pdd.undersample(ddf, "y", method="near")
    with pytest.raises(ValueError, match="shrinkage"):
        pdd.oversample(ddf, "y", shrinkage=0.5)
    with pytest.raises(ValueError, match="already a column"):
        pdd.oversample(ddf, "y", synthetic_flag="x")


def test_split_with_oversample_and_methods_it_lacks() -> None:
    df = _frame((200, 40))
    ddf = to_dask(df, 4)
    train, test = pdd.split_then_resample(ddf, "y", method="oversample", exact=True, random_state=0)
    train, test = train.compute(), test.compute()
    assert train["y"].value_counts().to_dict() == {0: 150, 1: 150}
    assert set(train.index).isdisjoint(test.index) and train.index.is_unique
    with pytest.raises(ValueError, match=r"not available on the dask door.*'nearmiss-1'"):
        pdd.split_then_resample(ddf, "y", method="nearmiss-1")
    with pytest.raises(TypeError, match="takes one method name"):
        pdd.split_then_resample(ddf, "y", method=["smote", "tomek"])
    with pytest.raises(TypeError, match="not options of method='oversample'"):
        pdd.split_then_resample(ddf, "y", method="oversample", k_neighbors=3)


def test_the_accessor_has_oversample() -> None:
    ddf = to_dask(_frame()).imbalance.set_target("y")
    out = ddf.imbalance.oversample(random_state=0)
    assert out["y"].value_counts().compute().nunique() == 1
