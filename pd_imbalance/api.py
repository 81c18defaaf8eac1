"""The typed verbs of pd_imbalance: plain functions that also work with ``DataFrame.pipe``.

Each verb follows one path (SPEC §8): resolve the target and parameters, validate the
labels, encode the frame into arrays, ask the core for a plan or numbers, materialize.
None of them mutates its input.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Literal

import numpy as np
import pandas as pd

from pd_imbalance._core.random import RandomStateLike, make_generator
from pd_imbalance._core.recommend import recommend
from pd_imbalance._core.strategy import SamplingStrategy, resolve_sampling_strategy
from pd_imbalance._core.summary import class_weights_table, imbalance_stats
from pd_imbalance._core.undersample import plan_undersample
from pd_imbalance._core.weights import balanced_weights, effective_number_weights
from pd_imbalance._frame import LabelTable, label_codes, label_table, materialize_rows
from pd_imbalance._target import resolve_target, set_target
from pd_imbalance._validation import check_flag, check_labels
from pd_imbalance.report import ImbalanceReport

__all__ = ["report", "sample_weights", "set_target", "undersample", "weights"]

WeightMethod = Literal["balanced", "effective"]


def _labels(
    df: pd.DataFrame, target: Hashable | None, operation: str, *, codes: bool
) -> tuple[Hashable, LabelTable, np.ndarray | None]:
    column = resolve_target(df, target)
    series = df[column]
    if codes:
        table, label_code_array = label_codes(series)
    else:
        table, label_code_array = label_table(series), None
    check_labels(table, series, operation)
    return column, table, label_code_array


def _check_k_neighbors(k_neighbors: object) -> int:
    if isinstance(k_neighbors, bool | np.bool_) or not isinstance(k_neighbors, int | np.integer):
        raise TypeError(
            f"k_neighbors must be a positive int; got {type(k_neighbors).__name__} {k_neighbors!r}."
        )
    if k_neighbors < 1:
        raise ValueError(f"k_neighbors must be a positive int; got {k_neighbors}.")
    return int(k_neighbors)


def undersample(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    sampling_strategy: SamplingStrategy = "auto",
    random_state: RandomStateLike = None,
    replacement: bool = False,
) -> pd.DataFrame:
    """Randomly drop rows of the larger classes until they reach their target counts.

    Each targeted class keeps a uniform random subset of exactly the resolved number of rows;
    every other class (the minority, with ``"auto"``) is kept whole. Rows keep their index
    labels, column order, dtypes and original relative order. This function does not mutate
    the original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        The data, one row per example.
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    sampling_strategy : str, float, dict or callable, default="auto"
        Which classes to reduce and to how many rows. ``"auto"`` (= ``"not minority"``)
        brings every class down to the size of the smallest; also ``"majority"``,
        ``"not majority"``, ``"all"``; a float ``r`` in (0, 1] (binary labels) asks for
        minority/majority = ``r`` (rounded to the nearest row; a ratio already met changes
        nothing); a dict ``{class: final count}``; a callable ``f(y) -> dict``.
    random_state : int, numpy Generator or None, default=None
        Seed for a reproducible result.
    replacement : bool, default=False
        Draw the kept rows of reduced classes with replacement (rows may repeat).

    Returns
    -------
    pandas.DataFrame
        The kept rows, with ``attrs["pd_imbalance"]["target"]`` set.

    Raises
    ------
    TargetNotFoundError
        No target given or set, or the column is missing.
    InvalidTargetError
        Missing labels, a single class, continuous or too many distinct labels.
    ValueError, TypeError
        An invalid ``sampling_strategy``, ``random_state`` or ``replacement``.

    See Also
    --------
    weights : Class weights, the no-resampling alternative.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"x": range(10), "y": ["ok"] * 8 + ["fraud"] * 2})
    >>> out = pdi.undersample(df, "y", random_state=0)
    >>> out["y"].value_counts().to_dict()
    {'ok': 2, 'fraud': 2}
    >>> out.index.is_monotonic_increasing  # original order kept
    True
    """
    replacement = check_flag("replacement", replacement)
    rng = make_generator(random_state)
    column, table, codes = _labels(df, target, "undersample", codes=True)
    assert codes is not None
    final_counts = resolve_sampling_strategy(
        sampling_strategy, table.counts, table.labels, kind="under", y=df[column]
    )
    plan = plan_undersample(codes, table.counts, final_counts, rng, replacement=replacement)
    return materialize_rows(df, plan, column)


def _class_weights(table: LabelTable, method: str, beta: float) -> np.ndarray:
    if method == "balanced":
        return balanced_weights(table.counts)
    if method == "effective":
        return effective_number_weights(table.counts, beta)
    raise ValueError(f"method must be 'balanced' or 'effective'; got {method!r}.")


def weights(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    method: WeightMethod = "balanced",
    beta: float = 0.999,
) -> pd.Series:
    """Return one weight per class, ready for scikit-learn's ``class_weight=``.

    This function does not mutate the original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        The data.
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    method : {"balanced", "effective"}, default="balanced"
        ``"balanced"``: ``n / (K * n_j)``, identical to scikit-learn's
        ``compute_class_weight("balanced", ...)``. ``"effective"``: the effective-number
        weights of Cui et al. (2019), ``(1 - beta) / (1 - beta**n_j)``, scaled to sum to K.
    beta : float, default=0.999
        For ``method="effective"``, in [0, 1): 0 gives equal weights, values near 1 approach
        inverse class frequency.

    Returns
    -------
    pandas.Series
        Float weights named ``"weight"``, indexed by class label (with the label dtype).

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"y": [0] * 90 + [1] * 10})
    >>> pdi.weights(df, "y").round(3).to_dict()
    {0: 0.556, 1: 5.0}
    """
    _column, table, _ = _labels(df, target, "weights", codes=False)
    values = _class_weights(table, method, beta)
    return pd.Series(values, index=table.classes, name="weight", dtype=np.float64)


def sample_weights(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    method: WeightMethod = "balanced",
    beta: float = 0.999,
) -> pd.Series:
    """Return each row's class weight, aligned to ``df.index`` (for ``fit(sample_weight=)``).

    This function does not mutate the original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        The data.
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    method : {"balanced", "effective"}, default="balanced"
        As in :func:`weights`.
    beta : float, default=0.999
        As in :func:`weights`.

    Returns
    -------
    pandas.Series
        Float weights named ``"sample_weight"`` with the index of ``df``.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"y": ["a", "a", "a", "b"]})
    >>> pdi.sample_weights(df, "y").round(3).tolist()
    [0.667, 0.667, 0.667, 2.0]
    """
    _column, table, codes = _labels(df, target, "sample_weights", codes=True)
    assert codes is not None
    values = _class_weights(table, method, beta)
    return pd.Series(values[codes], index=df.index, name="sample_weight", dtype=np.float64)


def _is_numeric_feature(dtype: Any) -> bool:
    return bool(pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype))


def report(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    k_neighbors: int = 5,
) -> ImbalanceReport:
    """Describe a label's imbalance and recommend what to do about it.

    This function does not mutate the original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        The data.
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    k_neighbors : int, default=5
        The SMOTE neighbourhood size used to say which classes SMOTE can oversample.

    Returns
    -------
    ImbalanceReport
        Per-class table, headline numbers (``imbalance_ratio``,
        ``majority_baseline_accuracy``, ...), recommendations.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"amount": range(100), "fraud": [False] * 95 + [True] * 5})
    >>> rep = pdi.report(df, "fraud")
    >>> rep.imbalance_ratio, rep.majority_baseline_accuracy
    (19.0, 0.95)
    >>> rep.recommendations[0].technique
    'class_weights'
    """
    k_neighbors = _check_k_neighbors(k_neighbors)
    column, table, _ = _labels(df, target, "report", codes=False)
    stats = imbalance_stats(table.counts)
    features = [dtype for name, dtype in df.dtypes.items() if name != column]
    numeric = sum(_is_numeric_feature(dtype) for dtype in features)
    recs = recommend(
        stats,
        table.counts,
        k_neighbors=k_neighbors,
        n_features=len(features),
        n_numeric_features=numeric,
    )
    return ImbalanceReport.build(
        target=column,
        classes=table.classes,
        stats=stats,
        per_class=class_weights_table(table.counts, k_neighbors),
        recommendations=recs,
        k_neighbors=k_neighbors,
    )
