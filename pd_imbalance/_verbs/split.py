"""The split verbs: split first (a stratified split or folds), then resample the training part.

Only training rows are ever passed to a resampler, so no synthetic row is built from a test
row; the test part is returned untouched.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any, overload

import numpy as np
import pandas as pd

from pd_imbalance._core.random import RandomStateLike, seed_sequence, spawn
from pd_imbalance._core.split import (
    allocate_test_counts,
    group_table,
    grouped_parts,
    stratified_folds,
    time_boundaries,
)
from pd_imbalance._core.undersample import plan_undersample
from pd_imbalance._pandas.checks import (
    check_sklearn_habits,
    check_split,
    check_stratify,
    checked_codes,
    warn_small_test_classes,
)
from pd_imbalance._pandas.labels import LabelTable, count_classes
from pd_imbalance._pandas.records import json_safe
from pd_imbalance._pandas.split_keys import (
    Key,
    TestSize,
    aligned,
    check_cutoff,
    check_groups_hold_classes,
    group_codes,
    is_cutoff,
    time_values,
)
from pd_imbalance._pandas.target import stamp_target
from pd_imbalance._params import (
    MaxClasses,
    Method,
    check_n_splits,
    check_test_size,
)
from pd_imbalance._verbs.steps import (
    CheckedStep,
    carry_columns,
    check_steps,
    run_steps,
    stamp_counts,
)
from pd_imbalance.errors import InsufficientSamplesError
from pd_imbalance.results import TrainTest, TrainValidationTest

__all__ = ["TrainTest", "TrainValidationTest", "cv_splits", "split_then_resample"]


def _key_columns(df: pd.DataFrame, *keys: object) -> list[Hashable]:
    """Return the ``groups=`` / ``time=`` arguments that name columns (not features)."""
    out: list[Hashable] = []
    for key in keys:
        if key is not None and isinstance(key, Hashable) and key in df.columns:
            out.append(key)
    return out


def _resample(
    train: pd.DataFrame,
    column: Hashable,
    steps: list[CheckedStep] | None,
    seed: np.random.SeedSequence,
    index_avoids: pd.Index,
) -> pd.DataFrame:
    if steps is None:
        return train
    out = run_steps(train, column, steps, seed, index_avoids)
    # the counts of the whole chain (a step's own are those of its input, not the part's)
    return stamp_counts(out, column, count_classes(train[column]))


PARTS = ("train", "validation", "test")


def _record_shares(
    table: LabelTable, codes: np.ndarray, part_of_row: np.ndarray, names: tuple[str, ...]
) -> dict[str, dict[Any, float]]:
    """Each class's share of its input rows in each part (JSON-safe labels)."""
    k = len(table.counts)
    counts = np.bincount(part_of_row * k + codes, minlength=len(names) * k).reshape(-1, k)
    shares = counts / np.maximum(table.counts, 1)
    labels = [json_safe(label) for label in table.labels]
    return {
        name: dict(zip(labels, np.round(shares[i], 12).tolist(), strict=True))
        for i, name in enumerate(names)
    }


def _record_split(
    train: pd.DataFrame, by: str, shares: dict[str, dict[Any, float]]
) -> pd.DataFrame:
    """Record how the split was made in the (new) training frame's ``attrs``.

    On the training part, not the test part: test folds are often concatenated (out-of-fold
    predictions), and ``pd.concat`` keeps ``attrs`` (the target) only when they are equal.
    """
    record = dict(train.attrs.get("pd_imbalance", {}))
    record["split"] = {"by": by, "shares": shares}
    train.attrs["pd_imbalance"] = record
    return train


def _sizes(
    test_size: object, validation_size: object, n: int, cutoff: int | None
) -> tuple[int, int]:
    """Return (test rows, validation rows); with a cut-off the test rows are decided later."""
    n_test = 0 if cutoff is not None else check_test_size(test_size, n)
    if validation_size is None:
        return n_test, 0
    n_val = check_test_size(validation_size, n)
    shares = [s for s in (test_size, validation_size) if isinstance(s, float)]
    if len(shares) == 2 and float(test_size) + float(validation_size) >= 1:  # type: ignore[arg-type]
        raise ValueError(
            f"validation_size={validation_size!r} + test_size={test_size!r} = "
            f"{float(test_size) + float(validation_size):g} leaves no training rows; "  # type: ignore[arg-type]
            "their sum must be below 1."
        )
    if n_test + n_val >= n:
        raise ValueError(
            f"validation_size={validation_size!r} and test_size={test_size!r} give "
            f"{n_val} + {n_test} of {n} rows, leaving no training rows; make them smaller."
        )
    return n_test, n_val


def _time_parts(
    df: pd.DataFrame,
    time: object,
    column: Hashable,
    test_size: object,
    n_test: int,
    n_val: int,
) -> np.ndarray:
    """Return the part of each row (0 train, 1 validation, 2 test), cut in time order."""
    n = len(df)
    values = aligned(df, time, "time", column)
    name = _key_name("time", time)
    stamps = time_values(values, name)
    order = np.argsort(stamps, kind="stable")
    ordered = stamps[order]
    if is_cutoff(test_size):
        test_start = int(np.searchsorted(ordered, check_cutoff(test_size, values, name), "left"))
    else:
        test_start = int(time_boundaries(ordered, np.array([n - n_test]))[0])
    val_start = int(time_boundaries(ordered, np.array([max(test_start - n_val, 0)]))[0])
    if n_val and val_start == test_start:
        val_start = int(time_boundaries(ordered, np.array([max(test_start - 1, 0)]))[0])
    first_time = pd.Timestamp(int(ordered[0]))
    if test_start >= n or val_start <= 0 or (n_val and val_start >= test_start):
        what = "test" if test_start >= n else "training" if val_start <= 0 else "validation"
        raise ValueError(
            f"a time-ordered split on {name} leaves the {what} part empty (test_size="
            f"{test_size!r}, {n} rows from {first_time} to {pd.Timestamp(int(ordered[-1]))}; "
            "rows sharing the time at a cut stay together in the later part). Choose "
            "another test_size or validation_size."
        )
    part_sorted = np.zeros(n, dtype=np.int64)
    part_sorted[val_start:test_start] = 1
    part_sorted[test_start:] = 2
    part = np.empty(n, dtype=np.int64)
    part[order] = part_sorted
    return part


def _key_name(argument: str, key: object) -> str:
    """``groups='patient'`` for a column name, ``groups=`` for values given directly."""
    if isinstance(key, pd.Series | pd.Index | np.ndarray | list | tuple):
        return f"{argument}="
    return f"{argument}={key!r}"


def _group_key(
    df: pd.DataFrame, groups: object, column: Hashable
) -> tuple[np.ndarray, pd.Index, str]:
    values = aligned(df, groups, "groups", column)
    name = _key_name("groups", groups)
    key = group_codes(values, name)
    return key.codes, key.uniques, name


def _grouped(
    codes: np.ndarray,
    gcodes: np.ndarray,
    uniques: pd.Index,
    name: str,
    table: LabelTable,
    fractions: np.ndarray,
    stratify: bool,
    rng: np.random.Generator,
) -> np.ndarray:
    """Return the part of each row of a grouped split (no group in two parts)."""
    n_parts = len(fractions)
    if len(uniques) < n_parts:
        raise InsufficientSamplesError(
            f"{name} has {len(uniques)} groups; {n_parts} parts (or folds) need at least "
            f"{n_parts}, each group going to one part only."
        )
    if stratify:
        pair_group, pair_class, _ = group_table(codes, gcodes, len(table.counts))
        check_groups_hold_classes(pair_group, pair_class, table.labels, uniques, name)
        by = codes
    else:
        by = np.zeros_like(codes)
    part_of_group = grouped_parts(by, gcodes, fractions, rng)
    empty = np.flatnonzero(np.bincount(part_of_group, minlength=n_parts) == 0)
    if len(empty):  # pragma: no cover - the greedy rule fills every part it can
        raise InsufficientSamplesError(
            f"the groups of {name} leave part {int(empty[0])} empty; use fewer parts."
        )
    out: np.ndarray = part_of_group[gcodes]
    return out


@overload
def split_then_resample(
    df: pd.DataFrame,
    /,
    target: Hashable | None = None,
    *,
    method: Method = "smote",
    test_size: TestSize = 0.25,
    validation_size: None = None,
    random_state: RandomStateLike = None,
    stratify: bool = True,
    groups: Key = None,
    time: Key = None,
    max_classes: MaxClasses = "auto",
    **method_kwargs: Any,
) -> TrainTest: ...


@overload
def split_then_resample(
    df: pd.DataFrame,
    /,
    target: Hashable | None = None,
    *,
    method: Method = "smote",
    test_size: TestSize = 0.25,
    validation_size: float,
    random_state: RandomStateLike = None,
    stratify: bool = True,
    groups: Key = None,
    time: Key = None,
    max_classes: MaxClasses = "auto",
    **method_kwargs: Any,
) -> TrainValidationTest: ...


def split_then_resample(
    df: pd.DataFrame,
    /,
    target: Hashable | None = None,
    *,
    method: Method = "smote",
    test_size: TestSize = 0.25,
    validation_size: float | None = None,
    random_state: RandomStateLike = None,
    stratify: bool = True,
    groups: Key = None,
    time: Key = None,
    max_classes: MaxClasses = "auto",
    **method_kwargs: Any,
) -> TrainTest | TrainValidationTest:
    """Split into train and test (and validation) first, then resample the training part only.

    The split is stratified by default: every class's test share is within one row of
    ``test_size``. The test part is returned untouched; only the training rows are passed to
    ``method``, so every synthetic row is built from training rows only. Synthetic index
    labels collide with no input row's label (test rows included). This function does not
    mutate the original DataFrame.

    With ``groups=`` no group has rows in two parts, and each class is spread as closely as
    the groups allow. With ``time=`` the test part is the latest rows (never shuffled) and
    the validation part the rows just before it. The result's ``shares`` tells what each
    class's share in each part came out as.

    Parameters
    ----------
    df : pandas.DataFrame
        The data.
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    method : str, sequence or callable, default="smote"
        What to do to the training part: a method name of :func:`resample`
        (``"undersample"``, ``"nearmiss-1"``, ``"oversample"``, ``"smote"``, ``"tomek"``,
        ...), ``"none"``, a sequence of steps applied in order (names,
        ``(name, {option: value})`` pairs, callables), or a callable ``f(train) -> frame``.
    test_size : float, int or timestamp, default=0.25
        Share of rows (in (0, 1), rounded up) or number of rows for the test part. With
        ``time=``, also a cut-off time (a Timestamp, datetime or date string): the test
        part is every row at or after it.
    validation_size : float or int, optional
        Also cut a validation part (a share of all rows, rounded up, or a number of rows);
        the result is then a :class:`TrainValidationTest` that unpacks to
        ``(train, validation, test)``. It is never resampled. ``validation_size +
        test_size`` must leave training rows.
    random_state : int, numpy Generator or None, default=None
        Seed for the split and the resampling.
    stratify : bool, default=True
        Keep each class's share in both parts (with ``groups=``, as closely as whole groups
        allow; ``False`` balances the parts' row counts only). Not used with ``time=``: the
        cut is by time.
    groups : column name or array-like, optional
        The group of each row (a column name, or values aligned with the rows): all rows
        of a group go to one part. Missing groups are an error; the shares are achieved
        by a deterministic greedy assignment of whole groups, then single-group moves.
    time : column name or array-like, optional
        The time of each row (datetime64 or a pyarrow timestamp; no NaT): the test part is
        the latest rows, the validation part the rows just before them, the training part
        the earliest. Rows sharing the time at a cut all go to the later part, so every
        test time is at least every validation or training time (the test part may so be
        a little larger than asked).
    max_classes : "auto", int or None, default="auto"
        The guard against an ID column passed as the target by mistake. ``"auto"`` refuses
        more than 1,000 classes only when most of them have a single row; an int refuses
        more classes than that; None accepts any number of classes.
    **method_kwargs
        Options of a single method name (``k_neighbors``, ``sampling_strategy``,
        ``synthetic_flag``, ``replacement``, ...); with a sequence, give them per step as
        ``(name, options)`` pairs.

    Returns
    -------
    TrainTest or TrainValidationTest
        ``(train, test)``, or ``(train, validation, test)`` with ``validation_size``: the
        untouched parts plus the original training rows are exactly the input.

    Raises
    ------
    InsufficientSamplesError
        A class has fewer than 2 rows (it cannot be in both parts); with ``groups=``, a
        class lies in a single group, or there are fewer groups than parts.
    ValueError, TypeError
        Invalid ``test_size``, ``validation_size``, ``groups``, ``time``, ``method`` or
        options for the method, or scikit-learn's ``train_size=``/``shuffle=``/
        ``stratify=<array>`` (the message says what to use instead).

    Warns
    -----
    ImbalanceWarning
        A class will have fewer than 2 rows in the test part.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"x": range(40), "y": [0] * 32 + [1] * 8})
    >>> train, test = pdi.split_then_resample(df, "y", method="undersample", random_state=0)
    >>> test["y"].value_counts().to_dict(), train["y"].value_counts().to_dict()
    ({0: 8, 1: 2}, {0: 6, 1: 6})
    >>> set(train.index).isdisjoint(test.index)
    True

    Grouped, with a validation part:

    >>> df["patient"] = [i // 2 for i in range(40)]
    >>> train, validation, test = pdi.split_then_resample(
    ...     df, "y", method="none", groups="patient", validation_size=0.2, random_state=0)
    >>> len(train), len(validation), len(test)
    (22, 8, 10)
    >>> set(train["patient"]) & (set(validation["patient"]) | set(test["patient"]))
    set()
    """
    check_sklearn_habits("split_then_resample", method_kwargs)
    steps = check_steps(method, method_kwargs, argument="method")
    steps = carry_columns(steps, _key_columns(df, groups, time))
    stratify = check_stratify(stratify)
    if groups is not None and time is not None:
        raise ValueError(
            "pass groups= or time=, not both: a time-ordered split keeps its order, a grouped "
            "split its groups."
        )
    split_seed, method_seed = spawn(seed_sequence(random_state), 2)
    column, table, codes = checked_codes(df, target, "split_then_resample", max_classes=max_classes)
    n = len(df)
    if is_cutoff(test_size) and time is None:
        raise TypeError(
            f"test_size={test_size!r} is a point in time; a cut-off needs time='<time column>'."
        )
    cutoff = 0 if is_cutoff(test_size) else None
    n_test, n_val = _sizes(test_size, validation_size, n, cutoff)
    names = PARTS if validation_size is not None else ("train", "test")
    rng = np.random.default_rng(split_seed)
    by = "labels"
    if time is not None:
        by = "time"
        part = _time_parts(df, time, column, test_size, n_test, n_val)
    elif groups is not None:
        by = "groups"
        gcodes, uniques, name = _group_key(df, groups, column)
        if stratify:
            check_split(table, n_test, test_size, stratify=True)
        sizes = [n - n_test - n_val, n_val, n_test] if n_val else [n - n_test, n_test]
        fractions = np.array(sizes, dtype=np.float64) / n
        part = _grouped(codes, gcodes, uniques, name, table, fractions, stratify, rng)
        if not n_val:
            part = part * 2  # (train, test) as parts 0 and 2
    else:
        check_split(table, n_test + n_val, test_size, stratify=stratify)
        part = _random_parts(table, codes, n_test, n_val, stratify, rng)
    if validation_size is None:
        part = np.where(part == 2, 1, part)  # (train, test)
    k = len(table.counts)
    test_code = len(names) - 1
    if stratify or by != "labels":  # an unstratified shuffled split warns of nothing
        warn_small_test_classes(table, np.bincount(codes[part == test_code], minlength=k))
    shares = _record_shares(table, codes, part, names)
    frames = [
        stamp_target(df.take(np.flatnonzero(part == i)), column) for i in range(1, len(names))
    ]
    train = stamp_target(df.take(np.flatnonzero(part == 0)), column)
    resampled = _record_split(_resample(train, column, steps, method_seed, df.index), by, shares)
    if validation_size is None:
        return TrainTest(resampled, frames[0])
    return TrainValidationTest(resampled, frames[0], frames[1])


def _random_parts(
    table: LabelTable,
    codes: np.ndarray,
    n_test: int,
    n_val: int,
    stratify: bool,
    rng: np.random.Generator,
) -> np.ndarray:
    """Return the part of each row (0 train, 1 validation, 2 test) of a shuffled split."""
    n = len(codes)
    part = np.zeros(n, dtype=np.int64)
    if stratify:
        test_counts = allocate_test_counts(table.counts, n_test, rng)
        part[plan_undersample(codes, table.counts, test_counts, rng).kept] = 2
    else:
        one_class = np.zeros(n, dtype=np.int8)
        part[plan_undersample(one_class, np.array([n]), np.array([n_test]), rng).kept] = 2
    if n_val:
        rest = np.flatnonzero(part == 0)
        if stratify:
            left = np.bincount(codes[rest], minlength=len(table.counts))
            val_counts = allocate_test_counts(left, n_val, rng)
            kept = plan_undersample(codes[rest], left, val_counts, rng).kept
        else:
            one_class = np.zeros(len(rest), dtype=np.int8)
            kept = plan_undersample(one_class, np.array([len(rest)]), np.array([n_val]), rng).kept
        part[rest[kept]] = 1
    return part


def cv_splits(
    df: pd.DataFrame,
    /,
    target: Hashable | None = None,
    n_splits: int = 5,
    *,
    method: Method = "smote",
    random_state: RandomStateLike = None,
    groups: Key = None,
    time: Key = None,
    max_classes: MaxClasses = "auto",
    **method_kwargs: Any,
) -> Iterator[TrainTest]:
    """Yield one ``TrainTest`` per stratified fold, resampling inside each training part only.

    The test parts partition the input; each class is spread over the folds within one row.
    With ``groups=`` no group has rows in two folds and each class is spread as closely as
    the groups allow (like scikit-learn's ``StratifiedGroupKFold``). With ``time=`` the folds
    are expanding windows in time order (like scikit-learn's ``TimeSeriesSplit`` on the
    time-sorted rows): fold ``i`` tests on the ``i``-th of ``n_splits + 1`` equal blocks
    after the first and trains on every earlier row; rows sharing the time at a cut go to
    the later block. Each fold's ``shares`` gives the classes' shares of rows in it.
    Validation happens when this function is called, not at the first fold. This function
    does not mutate the original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        The data.
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    n_splits : int, default=5
        Number of folds (at least 2, at most the size of the smallest class; with
        ``groups=``, at most the number of groups).
    method : str, sequence or callable, default="smote"
        What to do to each training part: a method name of :func:`resample`
        (``"undersample"``, ``"nearmiss-1"``, ``"oversample"``, ``"smote"``, ``"tomek"``,
        ...), ``"none"``, a sequence of steps applied in order (names,
        ``(name, {option: value})`` pairs, callables), or a callable ``f(train) -> frame``.
    random_state : int, numpy Generator or None, default=None
        Seed for the folds and the resampling.
    groups : column name or array-like, optional
        The group of each row, as in :func:`split_then_resample`: a group is in one test
        fold only.
    time : column name or array-like, optional
        The time of each row, as in :func:`split_then_resample`: expanding-window folds.
    max_classes : "auto", int or None, default="auto"
        The guard against an ID column passed as the target by mistake. ``"auto"`` refuses
        more than 1,000 classes only when most of them have a single row; an int refuses
        more classes than that; None accepts any number of classes.
    **method_kwargs
        Options of a single method name; with a sequence, ``(name, options)`` pairs.

    Yields
    ------
    TrainTest
        The resampled training part and the untouched test fold.

    Warns
    -----
    ImbalanceWarning
        With ``groups=`` or ``time=``: a test fold will hold fewer than 2 rows of a class.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"x": range(30), "y": [0] * 24 + [1] * 6})
    >>> folds = list(pdi.cv_splits(df, "y", n_splits=3, method="none", random_state=0))
    >>> [f.test["y"].value_counts().to_dict() for f in folds]
    [{0: 8, 1: 2}, {0: 8, 1: 2}, {0: 8, 1: 2}]

    Expanding windows in time order:

    >>> df = pd.DataFrame({"x": range(30), "y": [0, 0, 0, 0, 1] * 6,
    ...                    "t": pd.date_range("2024-01-01", periods=30, freq="D")})
    >>> folds = pdi.cv_splits(df, "y", n_splits=2, method="none", time="t")
    >>> [(len(f.train), len(f.test)) for f in folds]
    [(10, 10), (20, 10)]
    """
    check_sklearn_habits("cv_splits", method_kwargs)
    steps = check_steps(method, method_kwargs, argument="method")
    steps = carry_columns(steps, _key_columns(df, groups, time))
    n_splits = check_n_splits(n_splits)
    if groups is not None and time is not None:
        raise ValueError(
            "pass groups= or time=, not both: time-ordered folds keep their order, grouped "
            "folds their groups."
        )
    fold_seed, method_seed = spawn(seed_sequence(random_state), 2)
    column, table, codes = checked_codes(df, target, "cv_splits", max_classes=max_classes)
    rng = np.random.default_rng(fold_seed)
    n = len(df)
    by = "labels"
    if time is not None:
        by = "time"
        trains, tests = _time_folds(df, time, column, n_splits)
    else:
        if groups is not None:
            by = "groups"
            gcodes, uniques, name = _group_key(df, groups, column)
            fractions = np.full(n_splits, 1 / n_splits)
            folds = _grouped(codes, gcodes, uniques, name, table, fractions, True, rng)
        else:
            _check_fold_class_sizes(table, column, n_splits)
            folds = stratified_folds(codes, n_splits, rng)
        tests = [np.flatnonzero(folds == fold) for fold in range(n_splits)]
        trains = [np.flatnonzero(folds != fold) for fold in range(n_splits)]
    k = len(table.counts)
    if by != "labels":
        smallest = np.min([np.bincount(codes[t], minlength=k) for t in tests], axis=0)
        warn_small_test_classes(table, smallest, part="A test fold")
    seeds = spawn(method_seed, n_splits)
    records = []
    for train_pos, test_pos in zip(trains, tests, strict=True):
        part = np.full(n, 2, dtype=np.int64)  # rows in neither (later times) are left out
        part[train_pos] = 0
        part[test_pos] = 1
        shares = _record_shares(table, codes, part, ("train", "test", "unused"))
        if by != "time":
            del shares["unused"]
        records.append(shares)

    def generate() -> Iterator[TrainTest]:
        for fold in range(n_splits):
            train = stamp_target(df.take(trains[fold]), column)
            test = stamp_target(df.take(tests[fold]), column)
            resampled = _resample(train, column, steps, seeds[fold], df.index)
            yield TrainTest(_record_split(resampled, by, records[fold]), test)

    return generate()


def _check_fold_class_sizes(table: LabelTable, column: Hashable, n_splits: int) -> None:
    if int(table.counts.min()) < n_splits:
        small = int(np.argmin(table.counts))
        raise InsufficientSamplesError(
            f"cv_splits with n_splits={n_splits} needs at least {n_splits} rows in each class "
            f"of {column!r}; class {table.labels[small]!r} has {int(table.counts[small])}. "
            f"Use n_splits={int(table.counts.min())} or fewer."
        )


def _time_folds(
    df: pd.DataFrame, time: object, column: Hashable, n_splits: int
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Expanding-window folds on the time-sorted rows (training rows, test rows per fold)."""
    n = len(df)
    values = aligned(df, time, "time", column)
    name = _key_name("time", time)
    stamps = time_values(values, name)
    order = np.argsort(stamps, kind="stable")
    block = n // (n_splits + 1)
    if block < 1:
        raise InsufficientSamplesError(
            f"cv_splits with time= and n_splits={n_splits} cuts the rows into "
            f"{n_splits + 1} blocks; {n} rows are too few. Use fewer folds."
        )
    cuts = n - block * np.arange(n_splits, 0, -1)  # the first test row of each fold
    starts = time_boundaries(stamps[order], cuts)
    ends = np.r_[starts[1:], n]
    if np.any(starts <= 0) or np.any(ends <= starts):
        raise InsufficientSamplesError(
            f"{name} has too many rows sharing one time for {n_splits} expanding-window "
            "folds: rows at a cut stay together, leaving a fold or its training window "
            "empty. Use fewer folds."
        )
    trains = [np.sort(order[:s]) for s in starts]
    tests = [np.sort(order[s:e]) for s, e in zip(starts, ends, strict=True)]
    return trains, tests
