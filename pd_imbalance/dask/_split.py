"""Split a dask DataFrame into train and test first, then resample the training part only.

``exact=True`` (the default, as the pandas split): the pandas split's exact counts, through
per-partition class counts and hypergeometric quotas (two passes, as for
:func:`undersample`). ``exact=False``: one pass, each partition drawing from its own
stream: with ``stratify=True`` each partition is split like the pandas stratified split
(every class's test share within one row of ``test_size`` in each partition); with
``stratify=False`` each row is a test row with probability ``test_size``. Both parts are
lazy; each is computed from the same per-partition draws, so they are complementary however
often they are computed.

``groups=`` and ``time=`` (column names) use rules that hold row by row, so each partition
decides alone and the guarantees are exact: with ``groups=``, a seeded hash of the group
value puts a group in the test part when it falls below ``test_size``, so no group is on
both sides (exact), and the shares are ``test_size`` on average over groups (approximate, not
stratified by class). With ``time=``, the test part is every row at or after a cut-off
time: given as ``test_size``, or the time of the ``test_size``-th latest row, found
exactly (``nlargest``), so the test part is the same rows as the pandas split's.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Hashable
from typing import Any

import dask.dataframe as dd
import numpy as np
import pandas as pd
from dask.base import compute

from pd_imbalance._core.random import RandomStateLike, seed_sequence, spawn
from pd_imbalance._core.split import allocate_test_counts
from pd_imbalance._core.undersample import plan_undersample
from pd_imbalance._pandas.checks import (
    check_sklearn_habits,
    check_split,
    check_stratify,
    warn_small_test_classes,
)
from pd_imbalance._pandas.labels import LabelTable
from pd_imbalance._pandas.split_keys import (
    Key,
    TestSize,
    check_cutoff,
    check_time_dtype,
    is_cutoff,
    time_values,
)
from pd_imbalance._pandas.target import stamp_target
from pd_imbalance._params import (
    MaxClasses,
    Method,
    Resampler,
    check_bool,
    check_method,
    check_test_size,
)
from pd_imbalance.dask._labels import (
    class_codes,
    count_dask_classes,
    partition_generator,
    require_dask_frame,
    resolve_dask_target,
)
from pd_imbalance.dask._oversample import check_no_shrinkage, oversample, random_oversample
from pd_imbalance.dask._smote import _smote, smote
from pd_imbalance.dask._undersample import (
    hypergeometric_quotas,
    partition_class_counts,
    undersample,
)
from pd_imbalance.results import TrainTest

#: The dask door's resampling methods (their options are checked against these signatures):
#: the partition-friendly names of the pandas table, with the same fixed options.
DASK_RESAMPLERS: dict[str, Resampler] = {
    "undersample": Resampler(
        undersample, {"method": "random"}, frozenset({"n_neighbors", "n_neighbors_ver3"})
    ),
    "oversample": Resampler(
        oversample,
        {"method": "random"},
        frozenset({"k_neighbors", "m_neighbors", "neighbors", "categorical", "block_rows"}),
    ),
    "smote": Resampler(smote),
}


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
    """Unstratified one-pass split: each row is a test row with probability ``rate``."""
    out: np.ndarray = partition_generator(seed, number).random(len(part)) < rate
    return out


def _stratified_test(
    part: pd.DataFrame,
    number: int,
    column: Hashable,
    classes: pd.Index,
    rate: float,
    seed: np.random.SeedSequence,
) -> np.ndarray:
    """Stratified one-pass split: the pandas split's allocation, within the partition.

    The partition's test size is ``rate * len(part)`` rounded at random (up with the
    probability of its fraction, so ``rate`` holds on average); it is spread over the
    partition's classes by the largest-remainder rule, so each class's test share is
    within one row of ``rate`` in every partition.
    """
    rng = partition_generator(seed, number)
    codes = class_codes(part[column], classes)
    found = np.bincount(codes, minlength=len(classes))
    wanted = rate * len(part)
    n_test = int(np.floor(wanted)) + int(rng.random() < wanted - np.floor(wanted))
    present = found > 0  # a partition may lack some classes
    test_counts = np.zeros_like(found)
    if n_test and present.any():
        test_counts[present] = allocate_test_counts(found[present], n_test, rng)
    kept = plan_undersample(codes, found, test_counts, rng).kept
    in_test = np.zeros(len(part), dtype=bool)
    in_test[kept] = True
    return in_test


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
    /,
    target: Hashable | None = None,
    *,
    method: Method = "smote",
    test_size: TestSize = 0.25,
    random_state: RandomStateLike = None,
    stratify: bool = True,
    groups: Key = None,
    time: Key = None,
    exact: bool = True,
    max_classes: MaxClasses = "auto",
    **method_kwargs: Any,
) -> TrainTest:
    """Split a dask DataFrame into train and test, then resample the train part only.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The data.
    target, method, test_size, random_state, stratify, **method_kwargs
        As in :func:`pd_imbalance.split_then_resample` (no ``validation_size``: split the
        training part again for one).
    groups : str, optional
        A column with the group of each row: a seeded hash of the group decides its side,
        so no group is in both parts (exact); the parts' shares are ``test_size`` on
        average (approximate; not stratified by class).
    time : str, optional
        A datetime column: the test part is every row at or after the cut-off
        (``test_size`` as a time, or the time of the ``test_size``-th latest row, found
        exactly: the same test rows as the pandas split). Rows sharing the cut time go to
        the test part.
    exact : bool, default=True
        True: the exact counts of the pandas split (a counting pass at call time). False:
        one lazy pass, drawn per partition. Stratified, each partition is split like the
        pandas split (each class's test share within one row of ``test_size`` per
        partition); unstratified, each row goes to the test part with probability
        ``test_size`` (as a share of rows). Not used with ``groups=`` or ``time=``.
    max_classes : "auto", int or None, default="auto"
        As in :func:`pd_imbalance.report`: the guard against an ID column as the target.

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
    check_sklearn_habits("split_then_resample", method_kwargs)
    check_method(method, method_kwargs, DASK_RESAMPLERS)
    stratify = check_stratify(stratify)
    exact = check_bool("exact", exact)
    split_seed, method_seed = spawn(seed_sequence(random_state), 2)
    column = resolve_dask_target(ddf, target)
    if groups is not None or time is not None:
        assert isinstance(method, str)  # checked above: one method name
        train, test = _keyed_split(
            ddf, column, test_size, groups, time, split_seed, max_classes
        )
        resampled = _resample(ddf, train, column, method, method_seed, method_kwargs, exact)
        return TrainTest(resampled, test)  # type: ignore[arg-type]  # the dask twin
    if is_cutoff(test_size):
        raise TypeError(
            f"test_size={test_size!r} is a point in time; a cut-off needs time='<time column>'."
        )
    if exact:
        table, per_partition = partition_class_counts(
            ddf, column, "split_then_resample", max_classes=max_classes
        )
    else:
        table = count_dask_classes(ddf, column, "split_then_resample", max_classes=max_classes)
    n_test = check_test_size(test_size, int(table.counts.sum()))
    check_split(table, n_test, test_size, stratify=stratify)
    if exact:
        chooser, args = _exact_chooser(table, per_partition, n_test, stratify, split_seed)
    else:
        rate = n_test / int(table.counts.sum())
        if stratify:
            warn_small_test_classes(table, np.floor(table.counts * rate).astype(np.int64))
            chooser, args = _stratified_test, (column, table.classes, rate, split_seed)
        else:
            chooser, args = _bernoulli_test, (rate, split_seed)
    meta = stamp_target(ddf._meta.copy(deep=False), column)
    train = ddf.map_partitions(_side, column, False, chooser, args, meta=meta)
    test = ddf.map_partitions(_side, column, True, chooser, args, meta=meta)
    assert isinstance(method, str)  # checked above: one method name
    resampled = _resample(ddf, train, column, method, method_seed, method_kwargs, exact)
    return TrainTest(resampled, test)  # type: ignore[arg-type]  # the dask twin of the pair


def _exact_chooser(
    table: LabelTable,
    per_partition: np.ndarray,
    n_test: int,
    stratify: bool,
    seed: np.random.SeedSequence,
) -> tuple[Callable[..., np.ndarray], tuple[Any, ...]]:
    """Return the function that applies an exact split, with its per-partition quotas."""
    quota_seed, row_seed = spawn(seed, 2)
    rng = np.random.default_rng(quota_seed)
    if stratify:
        test_counts = allocate_test_counts(table.counts, n_test, rng)
        warn_small_test_classes(table, test_counts)
        quotas = hypergeometric_quotas(per_partition, test_counts, rng, replacement=False)
    else:
        by_partition = per_partition.sum(axis=1, keepdims=True)
        quotas = hypergeometric_quotas(by_partition, np.array([n_test]), rng, False)
        quotas = _spread_over_classes(per_partition, quotas[:, 0], rng)
    return _exact_test, (table.column, table.classes, quotas, row_seed)


def _resample(
    ddf: dd.DataFrame,
    train: dd.DataFrame,
    column: Hashable,
    method: str,
    seed: np.random.SeedSequence,
    options: dict[str, Any],
    exact: bool,
) -> dd.DataFrame:
    """Resample the training part; the test part is never resampled.

    ``max_classes`` was checked on the whole frame, so the part is not checked again.
    """
    if method == "none":
        return train
    fixed: dict[str, Any] = {"random_state": seed, "max_classes": None}
    if method == "smote":  # synthetic labels avoid the test rows' labels too
        bound = inspect.signature(smote).bind(train, column, **fixed, **options)
        bound.apply_defaults()
        return _smote(*bound.args, **bound.kwargs, index_avoids=ddf)
    if method == "oversample":  # new labels avoid the test rows' too
        bound = inspect.signature(oversample).bind(train, column, **fixed, **options)
        bound.apply_defaults()
        args = bound.arguments
        check_no_shrinkage(args["shrinkage"])
        return random_oversample(
            train,
            column,
            args["sampling_strategy"],
            args["random_state"],
            args["synthetic_flag"],
            None,
            ddf,
        )
    # exact counts asked for the split hold for the train part
    return undersample(train, column, **fixed, **{**options, "exact": exact})


def _spread_over_classes(
    per_partition: np.ndarray, partition_quota: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Split each partition's test quota over its classes uniformly (unstratified exact split)."""
    quotas = np.zeros_like(per_partition)
    for p, quota in enumerate(partition_quota):
        quotas[p] = rng.multivariate_hypergeometric(per_partition[p], int(quota))
    return quotas


def _key_column(ddf: dd.DataFrame, key: object, argument: str, column: Hashable) -> Hashable:
    """On dask, ``groups=``/``time=`` name a column (values aligned with rows cannot be)."""
    if not isinstance(key, Hashable) or isinstance(key, tuple) or key not in ddf.columns:
        raise TypeError(
            f"on a dask DataFrame, {argument}= takes a column name (one of "
            f"{list(ddf.columns)[:10]}); got {type(key).__name__}. Add the values as a "
            "column first."
        )
    if key == column:
        raise ValueError(f"{argument}={key!r} is the target column.")
    return key


def _keyed_split(
    ddf: dd.DataFrame,
    column: Hashable,
    test_size: object,
    groups: object,
    time: object,
    seed: np.random.SeedSequence,
    max_classes: MaxClasses,
) -> tuple[dd.DataFrame, dd.DataFrame]:
    """Split by groups (a seeded hash) or by time (a cut-off): exact per-row rules."""
    if groups is not None and time is not None:
        raise ValueError(
            "pass groups= or time=, not both: a time-ordered split keeps its order, a grouped "
            "split its groups."
        )
    argument, key = ("groups", groups) if groups is not None else ("time", time)
    name = _key_column(ddf, key, argument, column)
    label = f"{argument}={name!r}"
    if argument == "time":
        check_time_dtype(ddf._meta[name].dtype, label)
    table = count_dask_classes(ddf, column, "split_then_resample", max_classes=max_classes)
    n = int(table.counts.sum())
    n_missing = int(ddf[name].isna().sum().compute())
    if n_missing:
        what = "missing times (NaT)" if argument == "time" else "missing values"
        raise ValueError(
            f"{label} has {n_missing} {what}; every row needs "
            f"{'a time' if argument == 'time' else 'a group'}. Fill them or drop those rows."
        )
    if argument == "groups":
        if is_cutoff(test_size):
            raise TypeError(f"test_size={test_size!r} is a point in time; that needs time=.")
        rate = check_test_size(test_size, n) / n
        hash_key = f"{int(seed.generate_state(1, np.uint64)[0]):016x}"
        chooser: Callable[..., np.ndarray] = _group_test
        args: tuple[Any, ...] = (name, hash_key, rate)
    else:
        stamps = ddf[name].map_partitions(_stamps, label, meta=(name, "i8"))
        if is_cutoff(test_size):
            cut = check_cutoff(test_size, ddf._meta[name], label)
            first, last = compute(stamps.min(), stamps.max())
        else:
            n_test = check_test_size(test_size, n)
            latest = stamps.nlargest(n_test).min()
            cut, first, last = compute(latest, stamps.min(), stamps.max())
        if not int(first) < int(cut) <= int(last):
            which = "training" if int(cut) <= int(first) else "test"
            raise ValueError(
                f"a time-ordered split on {label} leaves the {which} part empty (test_size="
                f"{test_size!r}; rows from {pd.Timestamp(int(first))} to "
                f"{pd.Timestamp(int(last))}). Choose another test_size."
            )
        chooser, args = _time_test, (name, int(cut), label)
    meta = stamp_target(ddf._meta.copy(deep=False), column)
    train = ddf.map_partitions(_side, column, False, chooser, args, meta=meta)
    test = ddf.map_partitions(_side, column, True, chooser, args, meta=meta)
    return train, test


def _stamps(series: pd.Series, label: str) -> pd.Series:
    return pd.Series(time_values(series, label), index=series.index, name=series.name)


def _group_test(
    part: pd.DataFrame, number: int, name: Hashable, hash_key: str, rate: float
) -> np.ndarray:
    """Put a group in the test part when its seeded hash, over 2**64, is below ``rate``."""
    hashed = pd.util.hash_pandas_object(part[name], index=False, hash_key=hash_key)
    out: np.ndarray = hashed.to_numpy(dtype=np.uint64) / 2.0**64 < rate
    return out


def _time_test(
    part: pd.DataFrame, number: int, name: Hashable, cut: int, label: str
) -> np.ndarray:
    """Put a row in the test part when its time is at or after the cut-off."""
    out: np.ndarray = time_values(part[name], label) >= cut
    return out
