"""Oversampling a dask DataFrame: random copies partition by partition, or SMOTE.

``method="random"`` draws exactly the pandas path's number of copies per class: a counting
pass finds each class's rows per partition; each class to grow then draws which of its rows
are copied (uniform ranks with replacement, from the class's own child seed, as the pandas
path's core draws them); each rank falls in the partition that holds that row, so every
partition copies its own rows in a lazy task, and the copies are appended after the input
as one extra partition per input partition. ``method="smote"`` is :func:`smote`. The other
methods need every row of a class and its neighbours in memory: compute first.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Literal

import dask.dataframe as dd
import numpy as np
import pandas as pd
from dask.delayed import delayed

from pd_imbalance._core.neighbors import NeighborsLike, SearchLike
from pd_imbalance._core.oversample import draw_copies
from pd_imbalance._core.random import RandomStateLike, seed_sequence, spawn
from pd_imbalance._core.strategy import SamplingStrategy, resolve_sampling_strategy
from pd_imbalance._pandas.target import stamp_target
from pd_imbalance._params import MaxClasses, check_new_column
from pd_imbalance.dask._labels import class_codes, require_dask_frame, resolve_dask_target
from pd_imbalance.dask._smote import _index_rule, _originals, _with_flag, smote
from pd_imbalance.dask._undersample import not_on_dask, partition_class_counts

__all__ = ["DASK_OVERSAMPLE_METHODS", "OversampleMethod", "oversample", "random_oversample"]

OversampleMethod = Literal["random", "smote", "borderline-1", "borderline-2", "adasyn"]
#: The values of ``oversample(method=...)`` (the pandas verb's vocabulary).
OVERSAMPLE_METHODS: tuple[str, ...] = ("random", "smote", "borderline-1", "borderline-2", "adasyn")
#: The methods the dask door runs (partition-friendly).
DASK_OVERSAMPLE_METHODS: tuple[str, ...] = ("random", "smote")


def check_no_shrinkage(shrinkage: object) -> None:
    """Refuse ``shrinkage`` (not on dask yet), naming the pandas alternative."""
    if shrinkage is not None:
        raise ValueError(
            "shrinkage (the smoothed bootstrap) is not available on dask DataFrames yet; "
            "compute the frame first and use pdi.oversample(ddf.compute(), ..., "
            "shrinkage=...), or drop shrinkage for plain random copies."
        )


def _draw_ranks(
    counts: np.ndarray, final_counts: np.ndarray, seed: np.random.SeedSequence
) -> dict[int, np.ndarray]:
    """Each growing class's copied ranks: ``final - count`` uniform draws in ``[0, count)``.

    Class ``c`` draws from child ``c`` of ``seed`` (the draw of the pandas path's
    ``method="random"``), so its copies depend on the seed, the class and its count only.
    """
    children = spawn(seed, len(counts))
    ranks: dict[int, np.ndarray] = {}
    for c in np.flatnonzero(final_counts > counts):
        rng = np.random.default_rng(children[c])
        ranks[int(c)] = draw_copies(int(counts[c]), int(final_counts[c] - counts[c]), rng)
    return ranks


def _partition_picks(
    per_partition: np.ndarray, ranks: dict[int, np.ndarray]
) -> list[list[tuple[int, np.ndarray]]]:
    """Split each class's ranks over the partitions: ``[(class, local ranks), ...]`` each."""
    picks: list[list[tuple[int, np.ndarray]]] = [[] for _ in range(len(per_partition))]
    for c, r in ranks.items():
        bounds = np.cumsum(per_partition[:, c])
        partition = np.searchsorted(bounds, r, side="right")
        local = r - (bounds - per_partition[:, c])[partition]
        order = np.argsort(partition, kind="stable")  # draw order kept within a partition
        cuts = np.searchsorted(partition[order], np.arange(len(per_partition) + 1))
        for p in range(len(per_partition)):
            chosen = local[order[cuts[p] : cuts[p + 1]]]
            if len(chosen):
                picks[p].append((c, chosen))
    return picks


def _copies(
    part: pd.DataFrame,
    column: Hashable,
    classes: pd.Index,
    counts: np.ndarray,
    picks: list[list[tuple[int, np.ndarray]]],
    labels: list[pd.Index],
    flag: str | None,
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """Build partition ``number``'s copies (runs on a worker)."""
    number = 0 if partition_info is None else int(partition_info["number"])
    codes = class_codes(part[column], classes)
    found = np.bincount(codes[codes >= 0], minlength=len(classes))
    if not np.array_equal(found, counts[number]):
        raise RuntimeError(
            f"Partition {number} holds other rows than when it was counted "
            f"({found.tolist()} vs {counts[number].tolist()} per class): the input is not "
            "deterministic (e.g. a random or time-dependent computation). Persist it first "
            "(ddf = ddf.persist())."
        )
    positions = [np.flatnonzero(codes == c)[local] for c, local in picks[number]]
    taken = np.concatenate(positions) if positions else np.empty(0, dtype=np.intp)
    out = part.take(taken)
    out.index = labels[number]
    if flag is not None:
        out = out.assign(**{flag: np.ones(len(out), dtype=bool)})
    return stamp_target(out, column)


def oversample(
    ddf: dd.DataFrame,
    target: Hashable | None = None,
    *,
    method: OversampleMethod = "random",
    sampling_strategy: SamplingStrategy = "auto",
    random_state: RandomStateLike = None,
    shrinkage: float | dict[Any, float] | None = None,
    k_neighbors: NeighborsLike = 5,
    m_neighbors: NeighborsLike = 10,
    neighbors: SearchLike = "exact",
    categorical: str | list[Hashable] = "auto",
    synthetic_flag: str | None = None,
    block_rows: int | None = None,
    max_classes: MaxClasses = "auto",
) -> dd.DataFrame:
    """Grow the smaller classes of a dask DataFrame: random copies or SMOTE (lazy result).

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The data.
    target, sampling_strategy, random_state, synthetic_flag, max_classes
        As in :func:`pd_imbalance.oversample`.
    method : {"random", "smote"}, default="random"
        ``"random"``: exactly the resolved counts, each class's copies drawn uniformly with
        replacement among its rows (a counting pass at call time, then lazy copies made in
        each partition and appended after the input, one partition of copies per input
        partition). ``"smote"``: :func:`smote`. ``"borderline-1"``, ``"borderline-2"``
        and ``"adasyn"`` are not partition-friendly: compute the frame first and use
        :func:`pd_imbalance.oversample`.
    shrinkage : None
        The smoothed bootstrap is not available on dask yet (an error names the pandas
        alternative).
    k_neighbors, neighbors, categorical, block_rows
        ``method="smote"`` only (see :func:`smote`).
    m_neighbors : int, default=10
        Borderline-SMOTE's (pandas only); unused here.

    Returns
    -------
    dask.dataframe.DataFrame
        The input's partitions, unchanged, then the new rows, lazily.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> import pd_imbalance.dask as pdd
    >>> df = pd.DataFrame({"x": range(100), "y": [0] * 90 + [1] * 10})
    >>> out = pdd.oversample(dd.from_pandas(df, npartitions=4), "y", random_state=0)
    >>> out["y"].value_counts().compute().sort_index().to_dict()
    {0: 90, 1: 90}
    """
    ddf = require_dask_frame(ddf)
    if not isinstance(method, str) or method not in OVERSAMPLE_METHODS:
        raise ValueError(
            f"method must be one of {', '.join(map(repr, OVERSAMPLE_METHODS))}; got {method!r}."
        )
    if method not in DASK_OVERSAMPLE_METHODS:
        raise not_on_dask("oversample", method, DASK_OVERSAMPLE_METHODS)
    check_no_shrinkage(shrinkage)
    if method == "smote":
        return smote(
            ddf,
            target,
            k_neighbors=k_neighbors,  # type: ignore[arg-type]  # smote checks: an int
            neighbors=neighbors,
            sampling_strategy=sampling_strategy,
            random_state=random_state,
            categorical=categorical,
            synthetic_flag=synthetic_flag,
            block_rows=block_rows,
            max_classes=max_classes,
        )
    return random_oversample(
        ddf, target, sampling_strategy, random_state, synthetic_flag, max_classes, ddf
    )


def random_oversample(
    ddf: dd.DataFrame,
    target: Hashable | None,
    sampling_strategy: SamplingStrategy,
    random_state: RandomStateLike,
    synthetic_flag: object,
    max_classes: object,
    index_avoids: dd.DataFrame,
) -> dd.DataFrame:
    """Random copies for ``ddf``: exact counts, copies made partition by partition.

    New index labels avoid ``index_avoids``'s too (a split's whole input).
    """
    flag = check_new_column("synthetic_flag", synthetic_flag, ddf._meta.columns)
    plan_seed, _ = spawn(seed_sequence(random_state), 2)  # the second: the bootstrap's noise
    column = resolve_dask_target(ddf, target)
    table, per_partition = partition_class_counts(
        ddf, column, "oversample", max_classes=max_classes
    )
    final_counts = resolve_sampling_strategy(
        sampling_strategy, table.counts, table.labels, kind="over", y=ddf[column]
    )
    originals = _originals(ddf, column, flag)
    n_new = int(np.maximum(final_counts - table.counts, 0).sum())
    if n_new == 0:
        return originals
    ranks = _draw_ranks(table.counts, final_counts, plan_seed)
    picks = _partition_picks(per_partition, ranks)
    sizes = [sum(len(local) for _, local in p) for p in picks]
    rule = _index_rule(index_avoids, n_new)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    labels = [rule.labels(size, int(start)) for size, start in zip(sizes, starts, strict=True)]
    meta = stamp_target(ddf._meta.copy(deep=False), column)
    if flag is not None:
        meta = _with_flag(meta, column, flag)
    copies = ddf.map_partitions(
        _copies,
        column,
        table.classes,
        per_partition,
        delayed(picks, pure=True),
        delayed(labels, pure=True),
        flag,
        meta=meta,
        enforce_metadata=False,
    )
    return dd.concat([originals, copies])
