"""Labels of a dask DataFrame: target, distributed class counts, validation, seeds.

Validation runs on the class table computed by the cluster (one row per class), exactly as
on the pandas path; only the counts travel to the client, never the label column.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import dask.dataframe as dd
import numpy as np
import pandas as pd
from dask.base import compute
from dask.delayed import delayed

from pd_imbalance._core.random import child_seed
from pd_imbalance._pandas.checks import check_labels
from pd_imbalance._pandas.labels import (
    LabelTable,
    bool_number_kinds,
    bool_rows,
    may_merge_bools,
    merged_bools_error,
    suspect_merged_bools,
    table_from_counts,
    unusable_labels,
)
from pd_imbalance._pandas.target import resolve_target, stamp_target
from pd_imbalance._params import check_max_classes

#: Rows with a missing label shown in the error (collected only when there are some).
MISSING_SHOWN = 1000


def require_dask_frame(ddf: object) -> dd.DataFrame:
    """Return ``ddf`` if it is a dask DataFrame, else raise a TypeError that says what to do."""
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(
            f"pd_imbalance.dask functions take a dask DataFrame; got {type(ddf).__name__}. "
            "For a pandas DataFrame use pd_imbalance.<function> or df.imbalance.<method>."
        )
    return ddf


def resolve_dask_target(ddf: dd.DataFrame, target: object) -> Hashable:
    """Resolve the label column from ``target`` or the target set on ``ddf`` (its meta)."""
    return resolve_target(ddf._meta, target)


def stamp_dask_target(ddf: dd.DataFrame, target: Hashable) -> dd.DataFrame:
    """Return ``ddf`` with ``target`` recorded in its meta and in every computed partition."""
    meta = stamp_target(ddf._meta.copy(deep=False), target)
    return ddf.map_partitions(_stamp_partition, target, meta=meta)


def _stamp_partition(part: pd.DataFrame, target: Hashable) -> pd.DataFrame:
    return stamp_target(part.copy(deep=False), target)


def count_labels(ddf: dd.DataFrame, column: Hashable) -> Any:
    """Return the lazy distributed value counts of the label column, missing ones included."""
    return ddf[column].value_counts(dropna=False, sort=False, split_out=1)  # a tree, no shuffle


def check_dask_merged_bools(ddf: dd.DataFrame, table: LabelTable) -> None:
    """Run the pandas path's bool/number check per partition on the cluster (when needed).

    Runs only for an ``object`` label column with a bool, 0 or 1 among its classes: each
    partition counts its bool rows (summed on the client); only when a class holds some
    bools but not only bools does each partition report which kinds of value equal 0 and 1,
    united on the client.
    """
    column = table.column
    if table.n_missing or not may_merge_bools(ddf._meta[column].dtype, table.classes):
        return
    parts = ddf[column].to_delayed()
    (counted,) = compute([delayed(bool_rows)(p) for p in parts])
    bools = None
    if None not in counted:
        bools = (sum(c[0] for c in counted), sum(c[1] for c in counted))
    if not suspect_merged_bools(table, bools):
        return
    (found,) = compute([delayed(bool_number_kinds)(p) for p in parts])
    kinds: dict[int, frozenset[str]] = {}
    for part in found:
        for number, seen in part.items():
            kinds[number] = kinds.get(number, frozenset()) | seen
    error = merged_bools_error(column, kinds)
    if error is not None:
        raise error


def table_from_dask_counts(
    ddf: dd.DataFrame,
    column: Hashable,
    counts: pd.Series,
    operation: str,
    *,
    max_classes: object,
) -> LabelTable:
    """Turn computed value counts into a checked class table (the pandas path's checks)."""
    limit = check_max_classes(max_classes)
    try:
        table = table_from_counts(counts, column)
    except TypeError as exc:
        raise unusable_labels(column, ddf[column].head(10_000, npartitions=-1), exc) from None
    check_dask_merged_bools(ddf, table)
    series = ddf._meta[column]
    if table.n_missing:  # collect a few of the rows to name them (only on failure)
        labels = ddf[column]
        series = labels[labels.isna()].head(MISSING_SHOWN, npartitions=-1)
    check_labels(table, series, operation, max_classes=limit)
    return table


def count_dask_classes(
    ddf: dd.DataFrame, column: Hashable, operation: str, *, max_classes: object
) -> LabelTable:
    """Count the classes of the label column on the cluster and validate them.

    ``max_classes`` is the verb's argument, checked before anything is computed.
    """
    check_max_classes(max_classes)
    try:
        (counts,) = compute(count_labels(ddf, column))
    except TypeError as exc:
        raise unusable_labels(column, ddf[column].head(10_000, npartitions=-1), exc) from None
    return table_from_dask_counts(ddf, column, counts, operation, max_classes=max_classes)


def class_codes(labels: pd.Series, classes: pd.Index) -> np.ndarray:
    """Code of each label among ``classes`` (``-1`` for a label that is not one of them)."""
    return np.asarray(classes.get_indexer(labels), dtype=np.int64)  # type: ignore[arg-type]


def partition_generator(seed: np.random.SeedSequence, number: int) -> np.random.Generator:
    """Return partition ``number``'s Generator: child ``number`` of the call's seed.

    Derived without advancing ``seed``, so computing a lazy result twice gives the same rows;
    results depend on the seed and the partitioning only.
    """
    return np.random.default_rng(child_seed(seed, number))


def set_target(ddf: dd.DataFrame, target: Hashable) -> dd.DataFrame:
    """Return ``ddf`` with its default target column set (lazily; ``ddf`` is unchanged).

    The target is kept in the frame's metadata, and in ``attrs`` of every computed
    partition.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> import pd_imbalance.dask as pdd
    >>> ddf = pdd.set_target(dd.from_pandas(pd.DataFrame({"y": [0, 1]}), npartitions=1), "y")
    >>> ddf.imbalance.target
    'y'
    """
    ddf = require_dask_frame(ddf)
    return stamp_dask_target(ddf, resolve_dask_target(ddf, target))
