"""SMOTE on a dask DataFrame: neighbours on the client, synthetic rows built on the workers.

The classes to grow are small by definition, so their rows are collected to the client,
encoded once and searched for neighbours with the same core search as the pandas path.
Those encoded rows and neighbour lists are put into the graph once (one key, shared by every
task); each block of synthetic rows is then drawn and built by its own task (from its own
seed) and appended to the input as lazy partitions. No synthetic value is computed on the
client, and the input rows are never collected.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import dask.dataframe as dd
import numpy as np
import pandas as pd
from dask.base import compute
from dask.delayed import delayed

from pd_imbalance._core.neighbors import nearest_neighbors
from pd_imbalance._core.random import RandomStateLike, child_seed, seed_sequence
from pd_imbalance._core.smote import SmotePlan
from pd_imbalance._core.strategy import SamplingStrategy, resolve_sampling_strategy
from pd_imbalance._dask.labels import (
    class_codes,
    label_table,
    require_dask_frame,
    resolve_dask_target,
    stamp_dask_target,
)
from pd_imbalance._features import FeatureColumn, encode_features
from pd_imbalance._frame import LabelTable
from pd_imbalance._synthetic import SYNTHETIC_PREFIX, materialize_smote
from pd_imbalance._target import stamp_target
from pd_imbalance.api import (
    check_flag_name,
    check_k_neighbors,
    check_smote_class_sizes,
    distance_rows,
)

#: Fewest synthetic rows per block (below this, per-task overhead dominates).
MIN_BLOCK_ROWS = 50_000


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
        The encoded feature columns of the collected rows (the classes that grow).
    positions : dict of int to ndarray
        Each growing class's rows, as positions into the collected rows.
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


@dataclass(frozen=True)
class LabelRule:
    """How synthetic index labels are made: integers from ``start``, or ``prefix`` + number."""

    start: int | None
    prefix: str
    dtype: Any

    def labels(self, offset: int, n: int, name: Hashable) -> pd.Index:
        """Return the labels of synthetic rows ``offset .. offset + n - 1``."""
        if self.start is not None:
            return pd.RangeIndex(self.start + offset, self.start + offset + n, name=name)
        numbers = np.arange(offset, offset + n).astype(str)
        return pd.Index(np.char.add(self.prefix, numbers), dtype=self.dtype, name=name)


def _label_rule(ddf: dd.DataFrame) -> LabelRule:
    """Synthetic labels never collide with the input's: the pandas rule, on the cluster."""
    index_dtype = ddf._meta.index.dtype
    if pd.api.types.is_integer_dtype(index_dtype):
        (largest,) = compute(ddf.index.max())
        start = 0 if pd.isna(largest) else int(largest) + 1
        return LabelRule(start, SYNTHETIC_PREFIX, index_dtype)
    text = pd.api.types.is_object_dtype(index_dtype) or pd.api.types.is_string_dtype(index_dtype)
    prefix = SYNTHETIC_PREFIX
    if text:
        as_text = ddf.index.to_series().astype(str)
        while compute(as_text.str.startswith(prefix).any())[0]:
            prefix = "_" + prefix
    dtype = index_dtype if pd.api.types.is_string_dtype(index_dtype) else object
    return LabelRule(None, prefix, dtype)


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
    base = draw_rng.integers(0, len(positions), size=n_new).astype(local)
    pick = draw_rng.integers(0, near.shape[1], size=n_new)
    lam = draw_rng.random(n_new)
    plan = SmotePlan(
        kept=np.empty(0, dtype=np.intp),
        final_counts=source.table.counts,
        sources=positions,
        base_local=base,
        neighbor_local=near[base, pick].astype(local),
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
        synthetic_labels=labels,
    )


def _with_flag(part: pd.DataFrame, column: Hashable, flag: str) -> pd.DataFrame:
    out = part.assign(**{flag: np.zeros(len(part), dtype=bool)})
    return stamp_target(out, column)


def _source(
    ddf: dd.DataFrame,
    column: Hashable,
    table: LabelTable,
    grown: np.ndarray,
    k_neighbors: int,
    categorical: str | list[Hashable],
    synthetic_flag: str | None,
) -> SyntheticSource:
    """Collect the rows of the classes that grow, encode them and find their neighbours."""
    grown_labels = table.classes[grown]
    rows = ddf[ddf[column].isin(list(grown_labels))].compute()
    features = encode_features(rows, column, categorical)
    codes = class_codes(rows[column], table.classes)
    features_of = distance_rows(features)
    positions: dict[int, np.ndarray] = {}
    neighbors: dict[int, np.ndarray] = {}
    for code in np.flatnonzero(grown):
        positions[int(code)] = np.flatnonzero(codes == code)
        neighbors[int(code)] = nearest_neighbors(features_of(positions[int(code)]), k_neighbors)
    return SyntheticSource(
        template=rows.iloc[:0],
        column=column,
        table=table,
        features=features,
        positions=positions,
        neighbors=neighbors,
        synthetic_flag=synthetic_flag,
    )


def smote(
    ddf: dd.DataFrame,
    target: Hashable | None = None,
    *,
    k_neighbors: int = 5,
    sampling_strategy: SamplingStrategy = "auto",
    random_state: RandomStateLike = None,
    categorical: str | list[Hashable] = "auto",
    synthetic_flag: str | None = None,
    block_rows: int | None = None,
    label_source: dd.DataFrame | None = None,
) -> dd.DataFrame:
    """Oversample the smaller classes of a dask DataFrame with SMOTE (lazy result).

    The geometry, column types and index rule are those of :func:`pd_imbalance.smote`. The
    rows of the classes that grow are collected to the client (they are the small ones)
    and searched for their exact neighbours there; the synthetic rows are built by the
    workers, ``block_rows`` per task, and appended after the input's partitions.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The data (usually the training part only).
    target, k_neighbors, sampling_strategy, random_state, categorical, synthetic_flag
        As in :func:`pd_imbalance.smote`.
    block_rows : int, optional
        Synthetic rows per partition; by default the input's average partition length
        (at least 50,000).

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
    k_neighbors = check_k_neighbors(k_neighbors)
    synthetic_flag = check_flag_name(ddf._meta, synthetic_flag)
    if block_rows is not None and (
        isinstance(block_rows, bool) or not isinstance(block_rows, int) or block_rows < 1
    ):
        raise ValueError(f"block_rows must be None or a positive int; got {block_rows!r}.")
    seed = seed_sequence(random_state)
    column = resolve_dask_target(ddf, target)
    table = label_table(ddf, column, "smote")
    final_counts = resolve_sampling_strategy(
        sampling_strategy, table.counts, table.labels, kind="over", y=ddf[column]
    )
    check_smote_class_sizes(table, final_counts, k_neighbors)
    grown = final_counts > table.counts
    originals = (
        stamp_dask_target(ddf, column)
        if synthetic_flag is None
        else ddf.map_partitions(
            _with_flag,
            column,
            synthetic_flag,
            meta=_with_flag(ddf._meta, column, synthetic_flag),
        )
    )
    if not grown.any():
        return originals
    source = _source(ddf, column, table, grown, k_neighbors, categorical, synthetic_flag)
    rule = _label_rule(ddf if label_source is None else label_source)
    per_block = block_rows or max(
        MIN_BLOCK_ROWS, math.ceil(int(table.counts.sum()) / ddf.npartitions)
    )
    shared = delayed(source, pure=True)
    build = delayed(_synthetic_block, pure=True)
    class_seeds = seed.spawn(len(table.classes))
    blocks = []
    offset = 0
    name = ddf._meta.index.name
    for code in np.flatnonzero(grown):
        n_new = int(final_counts[code] - table.counts[code])
        starts = range(0, n_new, per_block)
        block_seeds = class_seeds[code].spawn(len(starts))
        for start, block_seed in zip(starts, block_seeds, strict=True):
            size = min(per_block, n_new - start)
            labels = rule.labels(offset + start, size, name)
            blocks.append(build(shared, int(code), size, labels, block_seed))
        offset += n_new
    meta = originals._meta
    synthetic = dd.from_delayed(blocks, meta=meta, verify_meta=False)
    return dd.concat([originals, synthetic])
