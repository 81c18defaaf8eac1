"""Undersampling a dask DataFrame: one Bernoulli pass, or exact counts in two passes.

* ``exact=False``: every row of class ``j`` is kept with probability ``final_j / n_j``
  (with ``replacement=True``: repeated a Poisson(``final_j / n_j``) number of times), in one
  ``map_partitions`` pass. Counts are right on average, not exactly.
* ``exact=True``: a first pass counts each class in each partition; each class's final count
  is then split into per-partition quotas by a multivariate hypergeometric draw (a
  multinomial with replacement), which is exactly how a uniform sample of the whole class
  falls into the partitions; a second pass keeps a uniform subset of each quota's size in
  each partition (the pandas path's exact sampler). Both passes run on the same expression,
  so their partitions are the same rows.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Literal

import dask.dataframe as dd
import numpy as np
import pandas as pd
from dask.base import compute

from pd_imbalance._core.random import RandomStateLike, seed_sequence, spawn
from pd_imbalance._core.strategy import SamplingStrategy, resolve_sampling_strategy
from pd_imbalance._core.undersample import plan_undersample
from pd_imbalance._pandas.labels import LabelTable, unusable_labels
from pd_imbalance._pandas.target import stamp_target
from pd_imbalance._params import MaxClasses, check_bool, check_max_classes
from pd_imbalance.dask._labels import (
    class_codes,
    count_dask_classes,
    partition_generator,
    require_dask_frame,
    resolve_dask_target,
    table_from_dask_counts,
)

UndersampleMethod = Literal["random", "nearmiss-1", "nearmiss-2", "nearmiss-3"]
#: The values of ``undersample(method=...)`` (the pandas verb's vocabulary).
UNDERSAMPLE_METHODS: tuple[str, ...] = ("random", "nearmiss-1", "nearmiss-2", "nearmiss-3")


def not_on_dask(verb: str, method: object, available: tuple[str, ...]) -> ValueError:
    """Return the error for a method the dask door does not run (naming the pandas way)."""
    return ValueError(
        f"{verb}(method={method!r}) is not available on dask DataFrames: it needs every row "
        f"of a class and its neighbours in memory at once. The dask door runs method="
        f"{' or '.join(map(repr, available))}; for {method!r}, compute the frame first and "
        f"use the pandas verb: pdi.{verb}(ddf.compute(), ..., method={method!r})."
    )


def _partition_counts(
    part: pd.DataFrame, column: Hashable, partition_info: dict[str, Any] | None = None
) -> pd.DataFrame:
    counts = part[column].value_counts(dropna=False, sort=False)
    number = 0 if partition_info is None else int(partition_info["number"])
    return pd.DataFrame(
        {
            "label": counts.index.array,  # the label's own dtype (categories kept)
            "count": counts.to_numpy(dtype=np.int64),
            "partition": np.full(len(counts), number, dtype=np.int64),
        }
    )


def partition_class_counts(
    ddf: dd.DataFrame, column: Hashable, operation: str, *, max_classes: object
) -> tuple[LabelTable, np.ndarray]:
    """Count every class in every partition, in one pass over ``ddf`` itself.

    Counting on the very expression that is sampled later (not on ``ddf[column]``, which
    dask may read with other partition boundaries) keeps the two passes aligned. Returns the
    validated class table and the (partitions, classes) count matrix.
    """
    meta = pd.DataFrame(
        {
            "label": pd.Series(dtype=ddf._meta[column].dtype),
            "count": pd.Series(dtype=np.int64),
            "partition": pd.Series(dtype=np.int64),
        }
    )
    check_max_classes(max_classes)  # before anything is computed
    per_partition = ddf.map_partitions(_partition_counts, column, meta=meta, enforce_metadata=False)
    try:
        (long,) = compute(per_partition)
    except TypeError as exc:
        raise unusable_labels(column, ddf[column].head(10_000, npartitions=-1), exc) from None
    labels = pd.Index(long["label"])
    totals = pd.Series(long["count"].to_numpy(), index=labels).groupby(level=0, dropna=False).sum()
    table = table_from_dask_counts(ddf, column, totals, operation, max_classes=max_classes)
    matrix = np.zeros((ddf.npartitions, len(table.classes)), dtype=np.int64)
    code = table.classes.get_indexer(labels)
    known = code >= 0
    np.add.at(
        matrix, (long["partition"].to_numpy()[known], code[known]), long["count"].to_numpy()[known]
    )
    return table, matrix


def _bernoulli_keep(
    part: pd.DataFrame,
    column: Hashable,
    classes: pd.Index,
    keep_rate: np.ndarray,
    replacement: bool,
    root: np.random.SeedSequence,
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    number = 0 if partition_info is None else int(partition_info["number"])
    rng = partition_generator(root, number)
    rate = keep_rate[class_codes(part[column], classes)]
    if replacement:
        repeats = np.where(rate >= 1.0, 1, rng.poisson(np.minimum(rate, 1.0)))
        kept = np.repeat(np.arange(len(part)), repeats)
    else:
        kept = np.flatnonzero(rng.random(len(part)) < rate)
    return stamp_target(part.take(kept), column)


def _exact_keep(
    part: pd.DataFrame,
    column: Hashable,
    classes: pd.Index,
    counts: np.ndarray,
    quotas: np.ndarray,
    replacement: bool,
    root: np.random.SeedSequence,
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    number = 0 if partition_info is None else int(partition_info["number"])
    codes = class_codes(part[column], classes)
    found = np.bincount(codes, minlength=len(classes))
    if not np.array_equal(found, counts[number]):
        raise RuntimeError(
            f"Partition {number} holds other rows than when it was counted "
            f"({found.tolist()} vs {counts[number].tolist()} per class): the input is not "
            "deterministic (e.g. a random or time-dependent computation). Persist it first "
            "(ddf = ddf.persist()) or use exact=False."
        )
    plan = plan_undersample(
        codes, found, quotas[number], partition_generator(root, number), replacement=replacement
    )
    return stamp_target(part.take(plan.kept), column)


def hypergeometric_quotas(
    counts: np.ndarray, final_counts: np.ndarray, rng: np.random.Generator, replacement: bool
) -> np.ndarray:
    """Split each class's final count over the partitions like a uniform sample would fall.

    ``counts`` is (partitions, classes). Classes that are not reduced keep every row.
    Without replacement the split is multivariate hypergeometric; with replacement,
    multinomial in proportion to the partitions' counts.
    """
    quotas = counts.copy()
    totals = counts.sum(axis=0)
    for j in np.flatnonzero(final_counts < totals):
        if replacement:
            quotas[:, j] = rng.multinomial(int(final_counts[j]), counts[:, j] / totals[j])
        else:
            quotas[:, j] = rng.multivariate_hypergeometric(counts[:, j], int(final_counts[j]))
    return quotas


def undersample(
    ddf: dd.DataFrame,
    target: Hashable | None = None,
    *,
    method: UndersampleMethod = "random",
    sampling_strategy: SamplingStrategy = "auto",
    random_state: RandomStateLike = None,
    replacement: bool = False,
    exact: bool = False,
    max_classes: MaxClasses = "auto",
) -> dd.DataFrame:
    """Randomly drop rows of the larger classes of a dask DataFrame (lazy result).

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The data.
    method : {"random"}, default="random"
        Only random undersampling is partition-friendly; NearMiss (``"nearmiss-1"`` ...
        ``"nearmiss-3"``) compares every row of a class with the minority: compute the frame
        first and use :func:`pd_imbalance.undersample` (an error says so).
    target, sampling_strategy, random_state, replacement
        As in :func:`pd_imbalance.undersample`.
    exact : bool, default=False
        False: one pass, each row of class ``j`` kept with probability
        ``final_j / n_j`` (with ``replacement``: repeated Poisson(``final_j / n_j``) times),
        so counts are right on average (standard deviation about ``sqrt(final_j)``).
        True: exactly the resolved counts and a uniform sample of each class, as on
        pandas: a pass at call time counts each class per partition, each class's count is
        split over the partitions by a multivariate hypergeometric draw, and each partition
        keeps a uniform subset of its quota when computed.
    max_classes : "auto", int or None, default="auto"
        As in :func:`pd_imbalance.report`: the guard against an ID column as the target.

    Returns
    -------
    dask.dataframe.DataFrame
        The kept rows, lazily; partitions and their order are those of ``ddf``.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> import pd_imbalance.dask as pdd
    >>> df = pd.DataFrame({"x": range(1000), "y": [0] * 900 + [1] * 100})
    >>> out = pdd.undersample(dd.from_pandas(df, npartitions=4), "y", exact=True,
    ...                       random_state=0)
    >>> out["y"].value_counts().compute().sort_index().to_dict()
    {0: 100, 1: 100}
    """
    ddf = require_dask_frame(ddf)
    if not isinstance(method, str) or method not in UNDERSAMPLE_METHODS:
        raise ValueError(
            f"method must be one of {', '.join(map(repr, UNDERSAMPLE_METHODS))}; got {method!r}."
        )
    if method != "random":
        raise not_on_dask("undersample", method, ("random",))
    replacement = check_bool("replacement", replacement)
    exact = check_bool("exact", exact)
    seed = seed_sequence(random_state)
    column = resolve_dask_target(ddf, target)
    if exact:
        table, per_partition = partition_class_counts(
            ddf, column, "undersample", max_classes=max_classes
        )
    else:
        table = count_dask_classes(ddf, column, "undersample", max_classes=max_classes)
    final_counts = resolve_sampling_strategy(
        sampling_strategy, table.counts, table.labels, kind="under", y=ddf[column]
    )
    quota_seed, row_seed = spawn(seed, 2)
    meta = stamp_target(ddf._meta.copy(deep=False), column)
    if exact:
        quotas = hypergeometric_quotas(
            per_partition, final_counts, np.random.default_rng(quota_seed), replacement
        )
        out = ddf.map_partitions(
            _exact_keep,
            column,
            table.classes,
            per_partition,
            quotas,
            replacement,
            row_seed,
            meta=meta,
        )
    else:
        rate = final_counts / table.counts
        out = ddf.map_partitions(
            _bernoulli_keep,
            column,
            table.classes,
            rate,
            replacement,
            row_seed,
            meta=meta,
        )
    return out
