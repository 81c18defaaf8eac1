"""Synthetic index labels at the edges of integer dtypes, and the user's attrs kept."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import pd_imbalance as pdi


def small_frame(index: pd.Index) -> pd.DataFrame:
    n = len(index)
    return pd.DataFrame(
        {"x": np.arange(n, dtype=np.float64), "y": [0] * (n - 6) + [1] * 6}, index=index
    )


def test_int64_index_holding_its_maximum_gets_text_labels() -> None:
    # regression: max + 1 overflowed int64 (OverflowError in the index rule)
    index = pd.Index(np.arange(14, dtype=np.int64) + (2**63 - 14))
    out = pdi.smote(small_frame(index), "y", k_neighbors=3, random_state=0)
    assert out.index.is_unique
    assert out.index[:14].equals(index)
    assert out.index[14:].tolist() == ["synthetic_0", "synthetic_1"]


def test_uint64_index_continues_in_uint64() -> None:
    # hashed IDs near 2**64: labels continue from the maximum, in the index's own dtype
    index = pd.Index(np.arange(14, dtype=np.uint64) + np.uint64(2**64 - 100))
    out = pdi.smote(small_frame(index), "y", k_neighbors=3, random_state=0)
    assert out.index.dtype == np.uint64
    assert out.index[14:].tolist() == [2**64 - 86, 2**64 - 85]


def test_uint64_index_at_its_maximum_gets_text_labels() -> None:
    index = pd.Index(np.arange(14, dtype=np.uint64) + np.uint64(2**64 - 14))
    out = pdi.smote(small_frame(index), "y", k_neighbors=3, random_state=0)
    assert out.index.is_unique and out.index[14:].tolist() == ["synthetic_0", "synthetic_1"]


def test_split_synthetic_labels_avoid_test_rows_at_the_int64_edge() -> None:
    index = pd.Index(np.arange(40, dtype=np.int64) + (2**63 - 40))
    df = pd.DataFrame({"x": np.arange(40.0), "y": [0] * 30 + [1] * 10}, index=index)
    train, test = pdi.split_then_resample(df, "y", random_state=0, k_neighbors=3)
    assert train.index.is_unique and set(train.index).isdisjoint(test.index)


@pytest.mark.parametrize(
    "call",
    [
        lambda df: pdi.smote(df, "y", k_neighbors=3, random_state=0),
        lambda df: pdi.smote(df, "y", k_neighbors=3, random_state=0, return_plan=True).frame,
        lambda df: pdi.undersample(df, "y", random_state=0),
        lambda df: pdi.split_then_resample(df, "y", random_state=0, k_neighbors=3).train,
        lambda df: pdi.split_then_resample(df, "y", random_state=0, k_neighbors=3).test,
        lambda df: next(iter(pdi.cv_splits(df, "y", 2, random_state=0, k_neighbors=3))).train,
        lambda df: df.imbalance.smote("y", k_neighbors=3, random_state=0),
    ],
)
def test_the_users_attrs_travel_with_every_resampled_frame(call) -> None:
    # regression: smote() and split_then_resample(method="smote") dropped the user's attrs
    df = pd.DataFrame({"x": np.arange(40.0), "y": [0] * 30 + [1] * 10})
    df.attrs["source"] = {"file": "transactions.parquet", "rows": 40}
    out = call(df)
    assert out.attrs["source"] == {"file": "transactions.parquet", "rows": 40}
    meta = out.attrs["pd_imbalance"]
    assert meta["target"] == "y"
    # the class counts after (and before, where the input was resampled whole) are recorded
    if "counts_after" in meta:  # a resampled frame (the test part of a split is not)
        assert meta["counts_after"] == out["y"].value_counts().to_dict()
        assert sum(meta["counts_before"].values()) <= len(df)
    json.dumps(meta)
    assert df.attrs == {"source": {"file": "transactions.parquet", "rows": 40}}


def test_numpy_integers_are_accepted_by_every_integer_parameter() -> None:
    df = pd.DataFrame({"x": np.arange(40.0), "y": [0] * 30 + [1] * 10})
    out = pdi.smote(df, "y", k_neighbors=np.int64(3), random_state=np.int32(0))
    assert len(out) == 60
    folds = list(pdi.cv_splits(df, "y", np.int64(2), method="none", random_state=0))
    assert len(folds) == 2
    dd = pytest.importorskip("dask.dataframe")
    import pd_imbalance.dask as pdd

    # regression: the dask door refused block_rows=np.int64(50)
    ddf = dd.from_pandas(df, npartitions=2)
    res = pdd.smote(ddf, "y", k_neighbors=np.int64(3), block_rows=np.int64(5), random_state=0)
    assert res.npartitions == 2 + 4 and len(res.compute()) == 60
