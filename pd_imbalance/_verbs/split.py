"""The split verbs: split first (a stratified split or folds), then resample the training part.

Only training rows are ever passed to a resampler, so no synthetic row is built from a test
row; the test part is returned untouched.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from pd_imbalance._core.random import RandomStateLike, seed_sequence, spawn
from pd_imbalance._core.split import allocate_test_counts, stratified_folds
from pd_imbalance._core.undersample import plan_undersample
from pd_imbalance._pandas.checks import check_split, checked_codes, warn_small_test_classes
from pd_imbalance._pandas.labels import count_classes
from pd_imbalance._pandas.target import stamp_target
from pd_imbalance._params import (
    MaxClasses,
    Method,
    check_bool,
    check_n_splits,
    check_test_size,
)
from pd_imbalance._verbs.steps import CheckedStep, check_steps, run_steps, stamp_counts
from pd_imbalance.errors import InsufficientSamplesError
from pd_imbalance.results import TrainTest

__all__ = ["TrainTest", "cv_splits", "split_then_resample"]


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


def split_then_resample(
    df: pd.DataFrame,
    /,
    target: Hashable | None = None,
    *,
    method: Method = "smote",
    test_size: float = 0.25,
    random_state: RandomStateLike = None,
    stratify: bool = True,
    max_classes: MaxClasses = "auto",
    **method_kwargs: Any,
) -> TrainTest:
    """Split into train and test first, then resample the training part only.

    The split is stratified by default: every class's test share is within one row of
    ``test_size``. The test part is returned untouched; only the training rows are passed to
    ``method``, so every synthetic row is built from training rows only. Synthetic index
    labels collide with no input row's label (test rows included). This function does not
    mutate the original DataFrame.

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
    test_size : float or int, default=0.25
        Share of rows (in (0, 1), rounded up) or number of rows for the test part.
    random_state : int, numpy Generator or None, default=None
        Seed for the split and the resampling.
    stratify : bool, default=True
        Keep each class's share in both parts.
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
    TrainTest
        ``(train, test)``: test rows plus the original training rows are exactly the input.

    Raises
    ------
    InsufficientSamplesError
        A class has fewer than 2 rows (it cannot be in both parts).
    ValueError, TypeError
        Invalid ``test_size``, ``method`` or options for the method.

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
    """
    steps = check_steps(method, method_kwargs, argument="method")
    stratify = check_bool("stratify", stratify)
    split_seed, method_seed = spawn(seed_sequence(random_state), 2)
    column, table, codes = checked_codes(df, target, "split_then_resample", max_classes=max_classes)
    n_test = check_test_size(test_size, len(df))
    check_split(table, n_test, test_size, stratify=stratify)
    rng = np.random.default_rng(split_seed)
    if stratify:
        test_counts = allocate_test_counts(table.counts, n_test, rng)
        warn_small_test_classes(table, test_counts)
        test_pos = plan_undersample(codes, table.counts, test_counts, rng).kept
    else:
        one_class = np.zeros(len(df), dtype=np.int8)
        test_pos = plan_undersample(one_class, np.array([len(df)]), np.array([n_test]), rng).kept
    in_test = np.zeros(len(df), dtype=bool)
    in_test[test_pos] = True
    train = stamp_target(df.take(np.flatnonzero(~in_test)), column)
    test = stamp_target(df.take(test_pos), column)
    return TrainTest(_resample(train, column, steps, method_seed, df.index), test)


def cv_splits(
    df: pd.DataFrame,
    /,
    target: Hashable | None = None,
    n_splits: int = 5,
    *,
    method: Method = "smote",
    random_state: RandomStateLike = None,
    max_classes: MaxClasses = "auto",
    **method_kwargs: Any,
) -> Iterator[TrainTest]:
    """Yield one ``TrainTest`` per stratified fold, resampling inside each training part only.

    The test parts partition the input; each class is spread over the folds within one row.
    Validation happens when this function is called, not at the first fold. This function
    does not mutate the original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        The data.
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    n_splits : int, default=5
        Number of folds (at least 2, at most the size of the smallest class).
    method : str, sequence or callable, default="smote"
        What to do to each training part: a method name of :func:`resample`
        (``"undersample"``, ``"nearmiss-1"``, ``"oversample"``, ``"smote"``, ``"tomek"``,
        ...), ``"none"``, a sequence of steps applied in order (names,
        ``(name, {option: value})`` pairs, callables), or a callable ``f(train) -> frame``.
    random_state : int, numpy Generator or None, default=None
        Seed for the folds and the resampling.
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

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"x": range(30), "y": [0] * 24 + [1] * 6})
    >>> folds = list(pdi.cv_splits(df, "y", n_splits=3, method="none", random_state=0))
    >>> [f.test["y"].value_counts().to_dict() for f in folds]
    [{0: 8, 1: 2}, {0: 8, 1: 2}, {0: 8, 1: 2}]
    """
    steps = check_steps(method, method_kwargs, argument="method")
    n_splits = check_n_splits(n_splits)
    fold_seed, method_seed = spawn(seed_sequence(random_state), 2)
    column, table, codes = checked_codes(df, target, "cv_splits", max_classes=max_classes)
    if int(table.counts.min()) < n_splits:
        small = int(np.argmin(table.counts))
        raise InsufficientSamplesError(
            f"cv_splits with n_splits={n_splits} needs at least {n_splits} rows in each class "
            f"of {column!r}; class {table.labels[small]!r} has {int(table.counts[small])}. "
            f"Use n_splits={int(table.counts.min())} or fewer."
        )
    folds = stratified_folds(codes, n_splits, np.random.default_rng(fold_seed))
    seeds = spawn(method_seed, n_splits)

    def generate() -> Iterator[TrainTest]:
        for fold in range(n_splits):
            in_test = folds == fold
            train = stamp_target(df.take(np.flatnonzero(~in_test)), column)
            test = stamp_target(df.take(np.flatnonzero(in_test)), column)
            yield TrainTest(_resample(train, column, steps, seeds[fold], df.index), test)

    return generate()
