"""Split a dask DataFrame into train and test first, then resample the training part only.

``exact=False`` (the default): each row goes to the test part with probability
``test_size`` (a share) from its partition's own stream, in one pass; each class's test share
is ``test_size`` on average. ``exact=True``: the pandas split's exact stratified counts,
through per-partition class counts and hypergeometric quotas (two passes, as for
:func:`undersample`). Both parts are lazy; each is computed from the same per-partition
draws, so they are complementary however often they are computed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import dask.dataframe as dd
import numpy as np
import pandas as pd

from pd_imbalance._core.random import RandomStateLike, seed_sequence
from pd_imbalance._core.split import allocate_test_counts
from pd_imbalance._core.undersample import plan_undersample
from pd_imbalance._dask.labels import (
    class_codes,
    label_table,
    partition_generator,
    require_dask_frame,
    resolve_dask_target,
)
from pd_imbalance._dask.smote import smote
from pd_imbalance._dask.undersample import (
    hypergeometric_quotas,
    partition_class_counts,
    undersample,
)
from pd_imbalance._target import stamp_target
from pd_imbalance._validation import check_class_sizes, check_flag
from pd_imbalance.split import TrainTest, check_method, n_test_rows, warn_small_test_classes

_DASK_VERBS: dict[str, Callable[..., Any]] = {"smote": smote, "undersample": undersample}


def _side(
    part: pd.DataFrame,
    column: Hashable,
    keep_test: bool,
    chooser: Callable[..., np.ndarray],
    args: tuple[Any, ...],
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    number = 0 if partition_info is None else int(partition_info["number"])
    in_test = chooser(part, number, *args)
    return stamp_target(part.iloc[np.flatnonzero(in_test if keep_test else ~in_test)], column)


def _bernoulli_test(
    part: pd.DataFrame, number: int, rate: float, seed: np.random.SeedSequence
) -> np.ndarray:
    out: np.ndarray = partition_generator(seed, number).random(len(part)) < rate
    return out


def _exact_test(
    part: pd.DataFrame,
    number: int,
    column: Hashable,
    classes: pd.Index,
    quotas: np.ndarray,
    seed: np.random.SeedSequence,
) -> np.ndarray:
    codes = class_codes(part[column], classes)
    found = np.bincount(codes, minlength=len(classes))
    if np.any(quotas[number] > found):  # pragma: no cover - input not deterministic
        raise RuntimeError(
            f"Partition {number} holds other rows than when it was counted: the input is not "
            "deterministic. Persist it first (ddf = ddf.persist()) or use exact=False."
        )
    kept = plan_undersample(codes, found, quotas[number], partition_generator(seed, number)).kept
    in_test = np.zeros(len(part), dtype=bool)
    in_test[kept] = True
    return in_test


def split_then_resample(
    ddf: dd.DataFrame,
    target: Hashable | None = None,
    *,
    method: str = "smote",
    test_size: float = 0.25,
    random_state: RandomStateLike = None,
    stratify: bool = True,
    exact: bool = False,
    **method_kwargs: Any,
) -> TrainTest:
    """Split a dask DataFrame into train and test, then resample the train part only.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The data.
    target, method, test_size, random_state, stratify, **method_kwargs
        As in :func:`pd_imbalance.split_then_resample`.
    exact : bool, default=False
        False: each row goes to the test part with probability ``test_size`` (as a share
        of rows), drawn per partition: one lazy pass, each class's test share right on
        average. True: the exact stratified counts of the pandas split (a counting pass at
        call time).

    Returns
    -------
    TrainTest
        ``(train, test)`` as lazy dask DataFrames; the test part is never resampled.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> import pd_imbalance.dask as pdd
    >>> df = pd.DataFrame({"x": range(400), "y": [0] * 320 + [1] * 80})
    >>> train, test = pdd.split_then_resample(dd.from_pandas(df, npartitions=4), "y",
    ...     method="undersample", exact=True, random_state=0)
    >>> test["y"].value_counts().compute().sort_index().to_dict()
    {0: 80, 1: 20}
    >>> train["y"].value_counts().compute().sort_index().to_dict()
    {0: 60, 1: 60}
    """
    ddf = require_dask_frame(ddf)
    check_method(method, method_kwargs)
    stratify = check_flag("stratify", stratify)
    exact = check_flag("exact", exact)
    split_seed, method_seed = seed_sequence(random_state).spawn(2)
    column = resolve_dask_target(ddf, target)
    if exact:
        table, per_partition = partition_class_counts(ddf, column, "split_then_resample")
    else:
        table = label_table(ddf, column, "split_then_resample")
    n = int(table.counts.sum())
    n_test = n_test_rows(test_size, n)
    if stratify:
        check_class_sizes(
            table,
            min_count=2,
            operation="split_then_resample",
            reason="a stratified split puts each class in both parts",
            fix="drop or merge the class, or pass stratify=False.",
        )
    meta = stamp_target(ddf._meta.copy(deep=False), column)
    chooser: Callable[..., np.ndarray]
    args: tuple[Any, ...]
    if exact:
        quota_seed, row_seed = split_seed.spawn(2)
        rng = np.random.default_rng(quota_seed)
        if stratify:
            k = len(table.counts)
            if not k <= n_test <= n - k:
                raise ValueError(
                    f"test_size={test_size!r} gives {n_test} test rows of {n}; a stratified "
                    f"split of {k} classes needs between {k} and {n - k}."
                )
            test_counts = allocate_test_counts(table.counts, n_test, rng)
            warn_small_test_classes(table, test_counts, column)
            quotas = hypergeometric_quotas(per_partition, test_counts, rng, replacement=False)
        else:
            by_partition = per_partition.sum(axis=1, keepdims=True)
            quotas = hypergeometric_quotas(by_partition, np.array([n_test]), rng, False)
            quotas = _spread_over_classes(per_partition, quotas[:, 0], rng)
        chooser, args = _exact_test, (column, table.classes, quotas, row_seed)
    else:
        rate = n_test / n
        if stratify:
            warn_small_test_classes(table, np.floor(table.counts * rate).astype(np.int64), column)
        chooser, args = _bernoulli_test, (rate, split_seed)
    train = ddf.map_partitions(_side, column, False, chooser, args, meta=meta)
    test = ddf.map_partitions(_side, column, True, chooser, args, meta=meta)
    if method == "none":
        return TrainTest(train, test)
    verb = _DASK_VERBS[method]
    options = dict(method_kwargs)
    if method == "smote":
        options["label_source"] = ddf  # synthetic labels avoid the test rows' labels too
    else:
        options["exact"] = exact  # exact counts asked for the split hold for the train part
    return TrainTest(verb(train, column, random_state=method_seed, **options), test)


def _spread_over_classes(
    per_partition: np.ndarray, partition_quota: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Split each partition's test quota over its classes uniformly (unstratified exact split)."""
    quotas = np.zeros_like(per_partition)
    for p, quota in enumerate(partition_quota):
        quotas[p] = rng.multivariate_hypergeometric(per_partition[p], int(quota))
    return quotas
