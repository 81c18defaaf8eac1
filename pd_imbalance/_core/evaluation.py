"""The numbers behind ``evaluate()``: fold metrics, intervals, the paired test, the verdict.

numpy (and scipy's t distribution, which comes with scikit-learn) only. Every fold metric
equals its scikit-learn counterpart (``average_precision_score``, ``roc_auc_score``,
``precision_recall_fscore_support`` with ``zero_division=0``, ``balanced_accuracy_score``,
``brier_score_loss``, ``log_loss``); the threshold metrics reuse :mod:`._core.metrics`.

Cross-validation folds share training rows, so their scores are not independent and the
plain t-interval is too narrow. Intervals and tests here use the corrected variance of
Nadeau & Bengio (2003, "Inference for the generalization error", Machine Learning 52):
``(1 / J + n_test / n_train) * s**2`` for ``J`` fold values with sample variance ``s**2``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from pd_imbalance._core.metrics import (
    average_precision,
    binary_curve,
    choose_threshold,
    confusion_matrix,
    counts_at,
    prediction_metrics,
    roc_auc,
)

__all__ = [
    "ALPHA",
    "BINARY_METRICS",
    "HIGHER_IS_BETTER",
    "MULTICLASS_METRICS",
    "Summary",
    "binary_fold_metrics",
    "corrected_t_test",
    "multiclass_fold_metrics",
    "summarize",
    "tuned_threshold",
]

#: The significance level of the paired test and the interval's coverage (1 - ALPHA).
ALPHA = 0.05

#: Probabilities are clipped to ``[EPS, 1 - EPS]`` for the log loss (as scikit-learn does).
EPS = float(np.finfo(np.float64).eps)

#: The fold metrics of a binary target, in display order.
BINARY_METRICS: tuple[str, ...] = (
    "average_precision",
    "roc_auc",
    "threshold",
    "precision",
    "recall",
    "f1",
    "balanced_accuracy",
    "brier",
    "log_loss",
    "fit_time",
)
#: The fold metrics of a multi-class target (plus ``recall[<class>]`` per class).
MULTICLASS_METRICS: tuple[str, ...] = (
    "average_precision",
    "macro_f1",
    "balanced_accuracy",
    "log_loss",
    "fit_time",
)
#: Whether a larger value of the metric is better (the others: smaller is better).
HIGHER_IS_BETTER: Mapping[str, bool] = {
    "average_precision": True,
    "roc_auc": True,
    "precision": True,
    "recall": True,
    "f1": True,
    "macro_f1": True,
    "balanced_accuracy": True,
    "brier": False,
    "log_loss": False,
}


def _log_loss_binary(positive: np.ndarray, proba: np.ndarray) -> float:
    p = np.clip(proba, EPS, 1 - EPS)
    return float(-np.mean(np.where(positive, np.log(p), np.log1p(-p))))


def binary_fold_metrics(
    positive: np.ndarray, scores: np.ndarray, threshold: float, *, probabilities: bool
) -> dict[str, float]:
    """Return the metrics of one test fold: ranking, decision at ``threshold``, calibration.

    ``positive`` marks the positive rows, ``scores`` are the model's scores for the
    positive class (higher = more likely positive); a row is predicted positive when
    ``score >= threshold``. Brier score and log loss need probabilities (NaN otherwise).
    A fold without positive or without negative rows has NaN ranking metrics.

    Examples
    --------
    >>> m = binary_fold_metrics(np.array([0, 0, 1, 1], bool), np.array([.1, .6, .4, .8]),
    ...                         0.5, probabilities=True)
    >>> m["average_precision"], m["roc_auc"], m["f1"], m["brier"]
    (0.8333333333333333, 0.75, 0.5, 0.1925)
    """
    positive = np.asarray(positive, dtype=bool)
    scores = np.asarray(scores, dtype=np.float64)
    n_pos = int(np.count_nonzero(positive))
    both = 0 < n_pos < len(positive)
    curve = binary_curve(positive, scores)
    counts = counts_at(positive, scores, threshold)
    specificity = counts.tn / (counts.tn + counts.fp) if counts.tn + counts.fp else 0.0
    out = {
        "average_precision": average_precision(curve) if n_pos else math.nan,
        "roc_auc": roc_auc(curve) if both else math.nan,
        "threshold": float(threshold),
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
        "balanced_accuracy": (counts.recall + specificity) / 2 if both else math.nan,
        "brier": math.nan,
        "log_loss": math.nan,
    }
    if probabilities:
        out["brier"] = float(np.mean((scores - positive) ** 2))
        out["log_loss"] = _log_loss_binary(positive, scores)
    return out


def multiclass_fold_metrics(
    codes: np.ndarray, proba: np.ndarray | None, predicted: np.ndarray, n_classes: int
) -> dict[str, float]:
    """Return the metrics of one multi-class test fold.

    ``proba`` (rows x classes, or None when the model gives no probabilities) yields the
    macro average precision one-vs-rest and the log loss; ``predicted`` (class codes) the
    macro-F1, the balanced accuracy and each class's recall (keys ``recall[<code>]``).

    Examples
    --------
    >>> codes = np.array([0, 0, 1, 1, 2, 2])
    >>> proba = np.eye(3)[[0, 1, 1, 1, 2, 0]] * 0.8 + 0.2 / 3
    >>> m = multiclass_fold_metrics(codes, proba, proba.argmax(axis=1), 3)
    >>> round(m["macro_f1"], 4), m["recall[1]"]
    (0.6556, 1.0)
    """
    metrics = prediction_metrics(confusion_matrix(codes, predicted, n_classes))
    out = {"macro_f1": metrics.macro_f1, "balanced_accuracy": metrics.balanced_accuracy}
    out.update({f"recall[{k}]": float(metrics.recall[k]) for k in range(n_classes)})
    if proba is None:
        out.update(average_precision=math.nan, log_loss=math.nan)
        return out
    aps = [
        average_precision(binary_curve(codes == k, proba[:, k]))
        for k in range(n_classes)
        if np.any(codes == k)
    ]
    out["average_precision"] = float(np.mean(aps))
    rows = np.arange(len(codes))
    clipped = np.clip(proba / proba.sum(axis=1, keepdims=True), EPS, 1 - EPS)
    out["log_loss"] = float(-np.mean(np.log(clipped[rows, codes])))
    return out


def tuned_threshold(positive: np.ndarray, scores: np.ndarray) -> float | None:
    """Return the F1-best threshold on validation scores (None when no threshold separates).

    The search is :func:`._core.metrics.choose_threshold`, the one behind
    ``tune_threshold()``.

    Examples
    --------
    >>> tuned_threshold(np.array([0, 0, 1, 1, 0, 1], bool), np.array([.1, .2, .3, .4, .5, .6]))
    0.3
    """
    positive = np.asarray(positive, dtype=bool)
    if not positive.any():
        return None
    curve = binary_curve(positive, scores)
    if len(curve.thresholds) < 2:
        return None
    best, _ = choose_threshold(curve, "f1")
    return float(curve.thresholds[best])


def _t_quantile(df: int) -> float:
    from scipy.stats import t  # type: ignore[import-untyped]

    return float(t.ppf(1 - ALPHA / 2, df))


@dataclass(frozen=True)
class Summary:
    """The mean of one metric over the folds and its 95 % interval (NaN when undefined)."""

    mean: float
    low: float
    high: float

    @property
    def half_width(self) -> float:
        """Half the interval's width (the ``±`` of the text)."""
        return (self.high - self.low) / 2


def summarize(values: Sequence[float] | np.ndarray, test_share: float) -> Summary:
    """Return the mean and the corrected 95 % t-interval of fold values.

    ``test_share`` is ``n_test / n_train`` of one fold. NaN values (folds where the metric
    is undefined) are left out.

    Examples
    --------
    >>> s = summarize([0.6, 0.7, 0.65, 0.62, 0.68], 0.25)
    >>> round(s.mean, 3), round(s.low, 3), round(s.high, 3)
    (0.65, 0.573, 0.727)
    """
    x = np.asarray(values, dtype=np.float64)
    x = x[~np.isnan(x)]
    if len(x) == 0:
        return Summary(math.nan, math.nan, math.nan)
    mean = float(x.mean())
    if len(x) < 2:
        return Summary(mean, math.nan, math.nan)
    se = math.sqrt((1 / len(x) + test_share) * float(x.var(ddof=1)))
    half = _t_quantile(len(x) - 1) * se
    return Summary(mean, mean - half, mean + half)


def corrected_t_test(
    a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray, test_share: float
) -> float:
    """Return the two-sided p-value of the corrected paired t-test of ``a`` against ``b``.

    ``a`` and ``b`` are one metric on the same folds (same order). The statistic is
    ``mean(d) / sqrt((1 / J + n_test / n_train) * var(d))`` on the ``J`` differences ``d``,
    with ``J - 1`` degrees of freedom (Nadeau & Bengio 2003). Identical values give 1.0.

    Examples
    --------
    >>> corrected_t_test([.7, .72, .69, .71, .73], [.6, .61, .6, .62, .63], 0.25) < 0.001
    True
    >>> corrected_t_test([.5, .6], [.5, .6], 0.25)
    1.0
    """
    from scipy.stats import t

    d = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    d = d[~np.isnan(d)]
    if len(d) < 2:
        return math.nan
    var = float(d.var(ddof=1))
    mean = float(d.mean())
    if var == 0.0:
        return 1.0 if mean == 0.0 else 0.0
    stat = mean / math.sqrt((1 / len(d) + test_share) * var)
    return float(2 * t.sf(abs(stat), len(d) - 1))
