"""SMOTE on a dask DataFrame: the neighbour search and the synthetic rows on the workers.

The client reads only small reductions: the class counts, the missing-value counts that
the feature checks need, and (for the index labels) the largest index label. The rows of
the classes that grow travel from the partitions that hold them to one task on a worker,
which encodes them. Each class is then searched by one task with the same core search as
the pandas path (exact, approximate or the user's object); with ``neighbors="approximate"``
a large class is indexed by one task and its rows are queried in blocks by many (every
worker helps; together they give the one-task answer). The encoded rows and their
neighbour lists are one key of the graph, shared by every task that builds a block of
synthetic rows from its own seed; the blocks are appended to the input as lazy
partitions. Neither the input's rows nor the class's rows are collected to the client.

Memory: the worker that encodes holds the grown classes' rows, encoded (8 bytes per row
and feature); a search task adds the class's distance rows (8 bytes per row and feature)
and, for ``neighbors="approximate"``, the index (a float32 copy of the rows, cell by cell,
with their squared norms; the fitted object, distance rows included, is sent once to each
worker that runs query blocks); the
neighbour lists take 8 bytes per row and neighbour. Each worker that builds synthetic
blocks receives one copy of the encoded rows and neighbour lists.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass, replace
from typing import Any

import dask.dataframe as dd
import numpy as np
import pandas as pd
from dask.base import compute
from dask.delayed import delayed
from pandas.api.types import is_float_dtype

from pd_imbalance._core.neighbor_rule import NeighborRule, quiet_cost, warn_exact_cost
from pd_imbalance._core.neighbors import SearchLike
from pd_imbalance._core.random import RandomStateLike, child_seed, seed_sequence, spawn
from pd_imbalance._core.smote import SmotePlan, draw_synthetic
from pd_imbalance._core.strategy import SamplingStrategy, resolve_sampling_strategy
from pd_imbalance._pandas.checks import check_smote_class_sizes
from pd_imbalance._pandas.features import FeatureColumn, distance_rows, encode_features
from pd_imbalance._pandas.index_rule import SyntheticIndex
from pd_imbalance._pandas.labels import LabelTable
from pd_imbalance._pandas.materialize import materialize_smote
from pd_imbalance._pandas.target import stamp_target
from pd_imbalance._params import (
    MaxClasses,
    check_neighbors,
    check_new_column,
    check_optional_positive_int,
    check_positive_int,
)
from pd_imbalance.dask._labels import (
    class_codes,
    count_dask_classes,
    require_dask_frame,
    resolve_dask_target,
    stamp_dask_target,
)

#: Fewest synthetic rows per block (below this, per-task overhead dominates).
MIN_BLOCK_ROWS = 50_000
#: With ``neighbors="approximate"``, a grown class of at least this many rows is indexed
#: once and queried in blocks by separate tasks (smaller classes: one task searches).
SHARED_INDEX_ROWS = 100_000
#: Class rows per query task of a shared index (at most; a class has two tasks at least).
QUERY_BLOCK_ROWS = 125_000


@dataclass(frozen=True)
class SyntheticSource:
    """Everything a task needs to build synthetic rows; shipped to the cluster once.

    Attributes
    ----------
    template : pandas.DataFrame
        No rows; the input's columns and dtypes.
    column : hashable
        The label column.
    table : LabelTable
        The input's classes (synthetic labels are ``table.classes[code]``).
    features : list of FeatureColumn
        The encoded feature columns of the gathered rows (the classes that grow).
    positions : dict of int to ndarray
        Each growing class's rows, as positions into the gathered rows.
    neighbors : dict of int to ndarray
        Each growing class's ``k`` nearest neighbours, as indices into ``positions[c]``.
    synthetic_flag : str or None
        Name of the flag column to add.
    """

    template: pd.DataFrame
    column: Hashable
    table: LabelTable
    features: list[FeatureColumn]
    positions: dict[int, np.ndarray]
    neighbors: dict[int, np.ndarray]
    synthetic_flag: str | None


def _index_rule(ddf: dd.DataFrame, n_new: int) -> SyntheticIndex:
    """Return the pandas index rule, its facts (largest label, prefixes) from the cluster."""
    index = ddf.index

    def largest() -> object:
        (value,) = compute(index.max())
        return None if pd.isna(value) else value

    def is_used(prefix: str) -> bool:
        return bool(compute(index.to_series().astype(str).str.startswith(prefix).any())[0])

    meta = ddf._meta.index
    return SyntheticIndex.decide(
        meta.dtype, n_new, largest=largest, is_used=is_used, names=(meta.name,)
    )


def _synthetic_block(
    source: SyntheticSource,
    code: int,
    n_new: int,
    labels: pd.Index,
    seed: np.random.SeedSequence,
) -> pd.DataFrame:
    """Draw and build ``n_new`` synthetic rows of class ``code`` (runs on a worker)."""
    draw_rng, tie_rng = (np.random.default_rng(child_seed(seed, i)) for i in range(2))
    positions = source.positions[code]
    near = source.neighbors[code]
    local = np.int32 if len(positions) < np.iinfo(np.int32).max else np.int64
    base, neighbor, lam = draw_synthetic(near, n_new, draw_rng)
    plan = SmotePlan(
        sources=positions,
        base_local=base.astype(local),
        neighbor_local=neighbor.astype(local),
        lam=lam,
        class_code=np.full(n_new, code, dtype=local),
        neighbors_local=near,
    )
    return materialize_smote(
        source.template,
        source.column,
        source.table,
        source.features,
        plan,
        tie_rng,
        source.synthetic_flag,
        labels,
        with_originals=False,
    )


def _with_flag(part: pd.DataFrame, column: Hashable, flag: str) -> pd.DataFrame:
    out = part.assign(**{flag: np.zeros(len(part), dtype=bool)})
    return stamp_target(out, column)


def _check_features(
    ddf: dd.DataFrame,
    column: Hashable,
    grown_labels: list[object],
    categorical: str | list[Hashable],
) -> None:
    """Raise the pandas path's feature errors on the client, reading only small reductions.

    Column names and types are checked on the frame's meta (no rows); then one pass counts
    the missing values of the columns that are not float (refused in every row, as on
    pandas) and the missing or infinite values of the float columns in the rows of the
    classes that grow (the rows that are interpolated). Only when one is found are the
    offending columns read, to raise the same message as the pandas path.
    """
    meta = ddf._meta
    encode_features(meta, column, categorical, float_rows=np.empty(0, np.intp))
    features = [c for c in meta.columns if c != column]
    floats = [c for c in features if is_float_dtype(meta[c].dtype)]
    strict = [c for c in features if c not in floats]
    width = len(strict) + len(floats)
    meta_counts = pd.DataFrame(np.zeros((0, width), np.int64), columns=range(width))
    per_partition = ddf.map_partitions(
        _unusable_counts, column, grown_labels, strict, floats, meta=meta_counts
    )
    (totals,) = compute(per_partition.sum())
    found = [c for c, n in zip([*strict, *floats], totals.to_numpy(), strict=True) if n]
    bad = [c for c in found if c in strict] or found
    if not bad:
        return
    named = categorical if isinstance(categorical, str) else [c for c in categorical if c in bad]
    if bad[0] in strict:  # every row counts
        offending = ddf[[column, *bad]].compute()
        encode_features(offending, column, named, float_rows=np.empty(0, np.intp))
    else:
        offending = ddf[ddf[column].isin(grown_labels)][[column, *bad]].compute()
        encode_features(offending, column, named, float_rows=np.arange(len(offending)))


def _unusable_counts(
    part: pd.DataFrame,
    column: Hashable,
    grown_labels: list[object],
    strict: list[Hashable],
    floats: list[Hashable],
) -> pd.DataFrame:
    """Return one partition's unusable values, counted per column (a one-row frame).

    The missing values of each ``strict`` column in every row, then the missing or
    infinite values of each ``floats`` column in the rows of the grown classes.
    """
    counts = np.zeros(len(strict) + len(floats), np.int64)
    for j, name in enumerate(strict):
        counts[j] = int(part[name].isna().sum())
    if floats:
        grown = part[column].isin(grown_labels).to_numpy(dtype=bool, na_value=False)
        values = part.loc[grown, floats].to_numpy(dtype=np.float64, na_value=np.nan)
        counts[len(strict) :] = (~np.isfinite(values)).sum(axis=0)
    return pd.DataFrame([counts], columns=range(len(counts)))


def _warn_exact_cost(
    ddf: dd.DataFrame, table: LabelTable, grown: np.ndarray, k_rule: NeighborRule
) -> None:
    """Warn on the client about the exact search's cost (a worker's warning is not seen).

    The width is estimated as the number of feature columns.
    """
    if k_rule.search is not None or k_rule.k is None:
        return
    width = len(ddf._meta.columns) - 1
    for code in np.flatnonzero(grown):
        n = int(table.counts[code])
        warn_exact_cost(n, n, width, k_rule.k)


def encode_source(
    rows: pd.DataFrame,
    column: Hashable,
    table: LabelTable,
    grown: np.ndarray,
    categorical: str | list[Hashable],
    synthetic_flag: str | None,
) -> SyntheticSource:
    """Encode the rows of the classes that grow (a worker's task; no neighbours yet).

    ``rows`` holds every row of the classes that grow, in partition order, and no other;
    the client has checked the features already (:func:`_check_features`).
    """
    # every row here is of a class that grows: the pandas path's float_rows
    features = encode_features(rows, column, categorical, float_rows=np.arange(len(rows)))
    codes = class_codes(rows[column], table.classes)
    return SyntheticSource(
        template=rows.iloc[:0],
        column=column,
        table=table,
        features=features,
        positions={int(c): np.flatnonzero(codes == c) for c in np.flatnonzero(grown)},
        neighbors={},
        synthetic_flag=synthetic_flag,
    )


def _class_space(source: SyntheticSource, code: int) -> Any:
    return distance_rows(source.features)(source.positions[code])


def search_class(source: SyntheticSource, code: int, k_rule: NeighborRule) -> np.ndarray:
    """Return class ``code``'s neighbour lists, searched by one task (a worker's task)."""
    space = _class_space(source, code)
    with quiet_cost():  # the client gave the cost warning (a worker's is not seen)
        return k_rule.within(space)


def index_class(source: SyntheticSource, code: int, k_rule: NeighborRule) -> Any:
    """Fit the approximate index of class ``code`` once, probes calibrated (a task)."""
    return k_rule.shared_index(_class_space(source, code))


def query_block(
    index: Any, k_rule: NeighborRule, start: int, stop: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(rows, neighbour lists)`` of a block of the shared index's cell order."""
    return k_rule.within_block(index, start, stop)


def with_neighbors(
    source: SyntheticSource, neighbors: dict[int, list[Any]]
) -> SyntheticSource:
    """Return ``source`` with each class's neighbour lists.

    A class's parts are one array (one search task) or ``(rows, lists)`` blocks of a
    shared index, which together answer each row once.
    """
    joined = {}
    for c, parts in neighbors.items():
        if not isinstance(parts[0], tuple):
            joined[c] = parts[0]
            continue
        n = sum(len(rows) for rows, _ in parts)
        lists = np.empty((n, parts[0][1].shape[1]), dtype=parts[0][1].dtype)
        for rows, found in parts:
            lists[rows] = found
        joined[c] = lists
    return replace(source, neighbors=joined)


def _source(
    ddf: dd.DataFrame,
    column: Hashable,
    table: LabelTable,
    grown: np.ndarray,
    k_rule: NeighborRule,
    categorical: str | list[Hashable],
    synthetic_flag: str | None,
) -> Any:
    """Return the delayed :class:`SyntheticSource`, built on the workers.

    One task gathers the rows of the classes that grow from the partitions that hold them
    (never the client) and encodes them. Each class is then searched by one task; with
    ``neighbors="approximate"``, a class of at least :data:`SHARED_INDEX_ROWS` rows is
    indexed by one task instead and queried in blocks (at most :data:`QUERY_BLOCK_ROWS`
    rows, two blocks at least) by
    separate tasks, which every worker can run (the index is sent to each worker once).
    Feature errors and the exact search's guard rail are raised here, on the client.
    """
    grown_labels = list(table.classes[grown])
    _check_features(ddf, column, grown_labels, categorical)
    _warn_exact_cost(ddf, table, grown, k_rule)
    rows = ddf[ddf[column].isin(grown_labels)]
    encoded = delayed(encode_source, pure=True)(
        rows, column, table, grown, categorical, synthetic_flag
    )
    neighbors: dict[int, list[Any]] = {}
    for code in map(int, np.flatnonzero(grown)):
        n = int(table.counts[code])
        if k_rule.approximate and n >= SHARED_INDEX_ROWS:
            index = delayed(index_class, pure=True)(encoded, code, k_rule)
            query = delayed(query_block, pure=True)
            step = min(QUERY_BLOCK_ROWS, -(-n // 2))  # blocks of the cell order
            neighbors[code] = [
                query(index, k_rule, start, min(n, start + step)) for start in range(0, n, step)
            ]
        else:
            neighbors[code] = [delayed(search_class, pure=True)(encoded, code, k_rule)]
    return delayed(with_neighbors, pure=True)(encoded, neighbors)


def smote(
    ddf: dd.DataFrame,
    target: Hashable | None = None,
    *,
    k_neighbors: int = 5,
    neighbors: SearchLike = "exact",
    sampling_strategy: SamplingStrategy = "auto",
    random_state: RandomStateLike = None,
    categorical: str | list[Hashable] = "auto",
    synthetic_flag: str | None = None,
    block_rows: int | None = None,
    max_classes: MaxClasses = "auto",
) -> dd.DataFrame:
    """Oversample the smaller classes of a dask DataFrame with SMOTE (lazy result).

    The geometry, column types and index rule are those of :func:`pd_imbalance.smote`. The
    rows of the classes that grow are gathered by one task on a worker (never on the
    client), which encodes them and searches their neighbours; the synthetic rows are built
    by the workers, ``block_rows`` per task, and appended after the input's partitions.
    Feature errors and the exact search's cost warning are raised on the client, when the
    graph is built, from small reductions.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The data (usually the training part only).
    target, k_neighbors, neighbors, sampling_strategy, random_state, categorical, synthetic_flag
        As in :func:`pd_imbalance.smote` (``neighbors="approximate"`` builds the approximate
        index on the worker that gathers the class).
    block_rows : int, optional
        Synthetic rows per partition; by default the input's average partition length
        (at least 50,000).
    max_classes : "auto", int or None, default="auto"
        As in :func:`pd_imbalance.report`: the guard against an ID column as the target.

    Returns
    -------
    dask.dataframe.DataFrame
        The input's partitions (unchanged), then the synthetic rows' partitions.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> import pd_imbalance.dask as pdd
    >>> df = pd.DataFrame({"x": [float(i) for i in range(40)], "y": [0] * 30 + [1] * 10})
    >>> out = pdd.smote(dd.from_pandas(df, npartitions=2), "y", random_state=0)
    >>> res = out.compute()
    >>> res["y"].value_counts().to_dict(), bool(res["x"].iloc[40:].between(30, 39).all())
    ({0: 30, 1: 30}, True)
    """
    ddf = require_dask_frame(ddf)
    return _smote(
        ddf,
        target,
        k_neighbors=k_neighbors,
        neighbors=neighbors,
        sampling_strategy=sampling_strategy,
        random_state=random_state,
        categorical=categorical,
        synthetic_flag=synthetic_flag,
        block_rows=block_rows,
        max_classes=max_classes,
        index_avoids=ddf,
    )


def _smote(
    ddf: dd.DataFrame,
    target: Hashable | None,
    *,
    k_neighbors: object,
    sampling_strategy: SamplingStrategy,
    random_state: RandomStateLike,
    categorical: str | list[Hashable],
    synthetic_flag: object,
    block_rows: object,
    max_classes: object,
    index_avoids: dd.DataFrame,
    neighbors: object = "exact",
) -> dd.DataFrame:
    """:func:`smote`; synthetic index labels avoid ``index_avoids``'s too (a split's input)."""
    k_neighbors = check_positive_int("k_neighbors", k_neighbors)
    k_rule = check_neighbors("k_neighbors", k_neighbors, neighbors=neighbors)
    synthetic_flag = check_new_column("synthetic_flag", synthetic_flag, ddf._meta.columns)
    block_rows = check_optional_positive_int("block_rows", block_rows)
    seed = seed_sequence(random_state)
    column = resolve_dask_target(ddf, target)
    table = count_dask_classes(ddf, column, "smote", max_classes=max_classes)
    final_counts = resolve_sampling_strategy(
        sampling_strategy, table.counts, table.labels, kind="over", y=ddf[column]
    )
    check_smote_class_sizes(table, final_counts, k_neighbors)
    grown = final_counts > table.counts
    originals = _originals(ddf, column, synthetic_flag)
    if not grown.any():
        return originals
    source = _source(ddf, column, table, grown, k_rule, categorical, synthetic_flag)
    per_block = block_rows or max(
        MIN_BLOCK_ROWS, math.ceil(int(table.counts.sum()) / ddf.npartitions)
    )
    new_rows = np.where(grown, final_counts - table.counts, 0)
    rule = _index_rule(index_avoids, int(new_rows.sum()))
    blocks = _synthetic_blocks(source, new_rows, per_block, rule, seed)
    synthetic = dd.from_delayed(blocks, meta=originals._meta, verify_meta=False)
    return dd.concat([originals, synthetic])


def _originals(ddf: dd.DataFrame, column: Hashable, synthetic_flag: str | None) -> dd.DataFrame:
    """Return the input's partitions with the target recorded (and the flag column, False)."""
    if synthetic_flag is None:
        return stamp_dask_target(ddf, column)
    meta = _with_flag(ddf._meta, column, synthetic_flag)
    return ddf.map_partitions(_with_flag, column, synthetic_flag, meta=meta)


def _synthetic_blocks(
    source: Any,
    new_rows: np.ndarray,
    per_block: int,
    rule: SyntheticIndex,
    seed: np.random.SeedSequence,
) -> list[Any]:
    """Return one delayed block of at most ``per_block`` synthetic rows per task, by class.

    Each class draws from its own child of ``seed`` and each block from its own child of
    that; the index labels follow the class order, as on pandas.
    """
    shared = source  # one task in the graph, its result shared by every block
    build = delayed(_synthetic_block, pure=True)
    class_seeds = spawn(seed, len(new_rows))
    blocks = []
    offset = 0
    for code in np.flatnonzero(new_rows):
        n_new = int(new_rows[code])
        starts = range(0, n_new, per_block)
        block_seeds = spawn(class_seeds[code], len(starts))
        for start, block_seed in zip(starts, block_seeds, strict=True):
            size = min(per_block, n_new - start)
            labels = rule.labels(size, offset + start)
            blocks.append(build(shared, int(code), size, labels, block_seed))
        offset += n_new
    return blocks
