"""Leakage-safe evaluation: split (stratified) first, then resample the training part only.

Resampling before splitting lets synthetic rows built from future test rows into training
(and duplicates of test rows into training with random oversampling), which inflates every
metric. These verbs make the safe order the only one available.
"""

from __future__ import annotations

import inspect
import math
import numbers
import warnings
from collections.abc import Callable, Hashable, Iterator
from typing import Any, Literal, NamedTuple

import numpy as np
import pandas as pd

from pd_imbalance import api
from pd_imbalance._core.random import RandomStateLike, seed_sequence
from pd_imbalance._core.split import allocate_test_counts, stratified_folds
from pd_imbalance._core.undersample import plan_undersample
from pd_imbalance._frame import LabelTable
from pd_imbalance._synthetic import synthetic_index
from pd_imbalance._target import stamp_target
from pd_imbalance._validation import check_class_sizes, check_flag
from pd_imbalance.errors import ImbalanceWarning, InsufficientSamplesError

__all__ = ["TrainTest", "cv_splits", "split_then_resample"]

Method = Literal["smote", "undersample", "none"]
_VERBS: dict[str, Callable[..., Any]] = {"smote": api.smote, "undersample": api.undersample}
_NOT_PASSED = {"df", "target", "random_state", "return_plan"}
_OPTIONS = {
    name: [p for p in inspect.signature(verb).parameters if p not in _NOT_PASSED]
    for name, verb in _VERBS.items()
}


class TrainTest(NamedTuple):
    """A training frame (resampled) and a test frame (untouched)."""

    train: pd.DataFrame
    test: pd.DataFrame


def check_method(method: object, method_kwargs: dict[str, Any]) -> Callable[..., Any] | None:
    if method == "none":
        if method_kwargs:
            raise TypeError(
                f"method='none' takes no resampling options; got {sorted(method_kwargs)}."
            )
        return None
    if not isinstance(method, str) or method not in _VERBS:
        raise ValueError(f"method must be 'smote', 'undersample' or 'none'; got {method!r}.")
    verb = _VERBS[method]
    valid = _OPTIONS[method]
    unknown = sorted(set(method_kwargs) - set(valid))
    if unknown:
        raise TypeError(f"{unknown} are not options of method={method!r}; its options are {valid}.")
    return verb


def n_test_rows(test_size: object, n: int) -> int:
    if isinstance(test_size, bool | np.bool_) or not isinstance(test_size, numbers.Real):
        raise TypeError(
            f"test_size must be a float in (0, 1) or a whole number of rows; got "
            f"{type(test_size).__name__} {test_size!r}."
        )
    if isinstance(test_size, numbers.Integral):
        if not 0 < int(test_size) < n:
            raise ValueError(f"test_size={test_size} rows must be between 1 and {n - 1}.")
        return int(test_size)
    if not 0.0 < float(test_size) < 1.0:
        raise ValueError(f"test_size={test_size!r} must be a float in (0, 1) (a share of rows).")
    return min(n - 1, max(1, math.ceil(float(test_size) * n)))


def _resample(
    df: pd.DataFrame,
    train: pd.DataFrame,
    column: Hashable,
    verb: Callable[..., Any] | None,
    seed: np.random.SeedSequence,
    method_kwargs: dict[str, Any],
) -> pd.DataFrame:
    if verb is None:
        return train
    out: pd.DataFrame = verb(train, column, random_state=seed, **method_kwargs)
    n_new = len(out) - len(train)
    if n_new > 0:  # synthetic labels must not collide with the *test* rows' labels either
        out.index = train.index.append(synthetic_index(df.index, n_new)[len(df) :])
    return out


def warn_small_test_classes(table: LabelTable, test_counts: np.ndarray, column: Hashable) -> None:
    small = test_counts < 2
    if small.any():
        listed = ", ".join(
            f"{label!r} ({int(c)} test row{'s' if c != 1 else ''})"
            for label, c in zip(
                np.asarray(table.labels, dtype=object)[small], test_counts[small], strict=True
            )
        )
        warnings.warn(
            f"The test part will hold fewer than 2 rows of class(es) {listed} of {column!r}: "
            "their test metrics will be meaningless. Use a larger test_size or cv_splits().",
            ImbalanceWarning,
            stacklevel=3,
        )


def split_then_resample(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    method: Method = "smote",
    test_size: float = 0.25,
    random_state: RandomStateLike = None,
    stratify: bool = True,
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
    method : {"smote", "undersample", "none"}, default="smote"
        What to do to the training part.
    test_size : float or int, default=0.25
        Share of rows (in (0, 1), rounded up) or number of rows for the test part.
    random_state : int, numpy Generator or None, default=None
        Seed for the split and the resampling.
    stratify : bool, default=True
        Keep each class's share in both parts.
    **method_kwargs
        Options of :func:`smote` or :func:`undersample` (``k_neighbors``,
        ``sampling_strategy``, ``synthetic_flag``, ``replacement``, ...).

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
    verb = check_method(method, method_kwargs)
    stratify = check_flag("stratify", stratify)
    split_seed, method_seed = seed_sequence(random_state).spawn(2)
    column, table, codes = api.labels_with_codes(df, target, "split_then_resample")
    n_test = n_test_rows(test_size, len(df))
    rng = np.random.default_rng(split_seed)
    if stratify:
        check_class_sizes(
            table,
            min_count=2,
            operation="split_then_resample",
            reason="a stratified split puts each class in both parts",
            fix="drop or merge the class, or pass stratify=False.",
        )
        k = len(table.counts)
        if not k <= n_test <= len(df) - k:
            raise ValueError(
                f"test_size={test_size!r} gives {n_test} test rows of {len(df)}; a stratified "
                f"split of {k} classes needs between {k} and {len(df) - k}."
            )
        test_counts = allocate_test_counts(table.counts, n_test, rng)
        warn_small_test_classes(table, test_counts, column)
        test_pos = plan_undersample(codes, table.counts, test_counts, rng).kept
    else:
        one_class = np.zeros(len(df), dtype=np.int8)
        test_pos = plan_undersample(one_class, np.array([len(df)]), np.array([n_test]), rng).kept
    in_test = np.zeros(len(df), dtype=bool)
    in_test[test_pos] = True
    train = stamp_target(df.take(np.flatnonzero(~in_test)), column)
    test = stamp_target(df.take(test_pos), column)
    return TrainTest(_resample(df, train, column, verb, method_seed, method_kwargs), test)


def cv_splits(
    df: pd.DataFrame,
    target: Hashable | None = None,
    n_splits: int = 5,
    *,
    method: Method = "smote",
    random_state: RandomStateLike = None,
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
    method : {"smote", "undersample", "none"}, default="smote"
        What to do to each training part.
    random_state : int, numpy Generator or None, default=None
        Seed for the folds and the resampling.
    **method_kwargs
        Options of :func:`smote` or :func:`undersample`.

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
    verb = check_method(method, method_kwargs)
    splits: object = n_splits
    if isinstance(splits, bool | np.bool_) or not isinstance(splits, numbers.Integral):
        raise TypeError(f"n_splits must be an int >= 2; got {type(n_splits).__name__}.")
    if n_splits < 2:
        raise ValueError(f"n_splits must be at least 2; got {n_splits}.")
    fold_seed, method_seed = seed_sequence(random_state).spawn(2)
    column, table, codes = api.labels_with_codes(df, target, "cv_splits")
    if int(table.counts.min()) < n_splits:
        small = int(np.argmin(table.counts))
        raise InsufficientSamplesError(
            f"cv_splits with n_splits={n_splits} needs at least {n_splits} rows in each class "
            f"of {column!r}; class {table.labels[small]!r} has {int(table.counts[small])}. "
            f"Use n_splits={int(table.counts.min())} or fewer."
        )
    folds = stratified_folds(codes, int(n_splits), np.random.default_rng(fold_seed))
    seeds = method_seed.spawn(int(n_splits))

    def generate() -> Iterator[TrainTest]:
        for fold in range(int(n_splits)):
            in_test = folds == fold
            train = stamp_target(df.take(np.flatnonzero(~in_test)), column)
            test = stamp_target(df.take(np.flatnonzero(in_test)), column)
            yield TrainTest(_resample(df, train, column, verb, seeds[fold], method_kwargs), test)

    return generate()
