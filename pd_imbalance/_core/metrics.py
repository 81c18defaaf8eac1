"""Classification metrics from label codes and scores, in numpy (no pandas, no scikit-learn).

Every number here has a scikit-learn counterpart it must equal (the tests check them):

* :func:`prediction_metrics` — ``precision_recall_fscore_support(..., zero_division=0)``,
  ``balanced_accuracy_score``, ``f1_score(average="macro")``, ``accuracy_score``;
* :func:`average_precision` — ``average_precision_score``;
* :func:`roc_auc` — ``roc_auc_score``;
* :func:`binary_curve` — the thresholds and counts behind ``precision_recall_curve``.

Thresholds follow scikit-learn's convention: a row is predicted positive when its
``score >= threshold``, and the candidate thresholds are the distinct score values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

Objective = Literal["f1", "fbeta", "min_recall", "min_precision", "cost"]
OBJECTIVES: tuple[Objective, ...] = ("f1", "fbeta", "min_recall", "min_precision", "cost")

#: The threshold reported next to a tuned one, the usual default on probabilities.
DEFAULT_THRESHOLD = 0.5


def _divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """Return ``numerator / denominator`` as float64, 0 where the denominator is 0."""
    num = np.asarray(numerator, dtype=np.float64)
    den = np.asarray(denominator, dtype=np.float64)
    out = np.zeros(np.broadcast(num, den).shape, dtype=np.float64)
    np.divide(num, den, out=out, where=den != 0)
    return out


# -- predicted labels ------------------------------------------------------------------------


def confusion_matrix(true_codes: np.ndarray, pred_codes: np.ndarray, n_classes: int) -> np.ndarray:
    """Return the ``K x K`` confusion matrix: rows are true classes, columns predictions.

    Examples
    --------
    >>> confusion_matrix(np.array([0, 0, 1, 1]), np.array([0, 1, 1, 1]), 2).tolist()
    [[1, 1], [0, 2]]
    """
    true_codes = np.asarray(true_codes).astype(np.intp, copy=False)
    pred_codes = np.asarray(pred_codes).astype(np.intp, copy=False)
    flat = np.bincount(true_codes * n_classes + pred_codes, minlength=n_classes * n_classes)
    return flat.astype(np.int64).reshape(n_classes, n_classes)


@dataclass(frozen=True)
class PredictionMetrics:
    """Scores of predicted labels against true labels (see :func:`prediction_metrics`).

    Per-class arrays are aligned with the class codes ``0..K-1``.
    """

    confusion: np.ndarray
    precision: np.ndarray
    recall: np.ndarray
    f1: np.ndarray
    support: np.ndarray
    accuracy: float
    majority_baseline_accuracy: float
    balanced_accuracy: float
    macro_f1: float
    accuracy_paradox: bool


#: The accuracy paradox is flagged when the model's accuracy is within this many
#: percentage points of always predicting the majority class.
PARADOX_POINTS = 1


def prediction_metrics(confusion: np.ndarray) -> PredictionMetrics:
    """Return per-class and summary scores from a confusion matrix.

    Precision, recall and F1 use scikit-learn's formulas with ``zero_division=0``
    (F1 = ``2 tp / (2 tp + fp + fn)``). ``accuracy_paradox`` is True when the accuracy is
    within :data:`PARADOX_POINTS` percentage point (inclusive, compared exactly on counts) of
    the majority baseline, or when some class is never found (recall 0).

    Examples
    --------
    >>> m = prediction_metrics(np.array([[95, 0], [5, 0]]))
    >>> m.accuracy, m.balanced_accuracy, m.recall.tolist(), m.accuracy_paradox
    (0.95, 0.5, [1.0, 0.0], True)
    """
    confusion = np.asarray(confusion, dtype=np.int64)
    tp = np.diag(confusion)
    true_sum = confusion.sum(axis=1)
    pred_sum = confusion.sum(axis=0)
    n = int(true_sum.sum())
    correct = int(tp.sum())
    n_majority = int(true_sum.max())
    precision = _divide(tp, pred_sum)
    recall = _divide(tp, true_sum)
    f1 = _divide(2 * tp, true_sum + pred_sum)
    paradox = 100 * abs(correct - n_majority) <= PARADOX_POINTS * n or bool(
        np.any((recall == 0) & (true_sum > 0))
    )
    return PredictionMetrics(
        confusion=confusion,
        precision=precision,
        recall=recall,
        f1=f1,
        support=true_sum,
        accuracy=correct / n,
        majority_baseline_accuracy=n_majority / n,
        balanced_accuracy=float(np.mean(recall[true_sum > 0])),
        macro_f1=float(np.mean(f1)),
        accuracy_paradox=paradox,
    )


# -- scores ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BinaryCurve:
    """Confusion counts at every distinct score, from the highest threshold to the lowest.

    Attributes
    ----------
    thresholds : ndarray of float64
        The distinct scores, decreasing.
    tps, fps : ndarray of int64
        True and false positives when predicting positive for ``score >= threshold``.
    n_pos, n_neg : int
        Positive and negative rows.
    """

    thresholds: np.ndarray
    tps: np.ndarray
    fps: np.ndarray
    n_pos: int
    n_neg: int

    @property
    def fns(self) -> np.ndarray:
        """False negatives at each threshold."""
        return self.n_pos - self.tps

    @property
    def tns(self) -> np.ndarray:
        """True negatives at each threshold."""
        return self.n_neg - self.fps

    @property
    def precision(self) -> np.ndarray:
        """``tp / (tp + fp)`` (never 0/0: each threshold predicts at least one row)."""
        return _divide(self.tps, self.tps + self.fps)

    @property
    def recall(self) -> np.ndarray:
        """``tp / n_pos`` (0 when there is no positive row)."""
        return _divide(self.tps, np.full(len(self.tps), self.n_pos))

    def fbeta(self, beta: float = 1.0) -> np.ndarray:
        """``(1 + b²) tp / ((1 + b²) tp + b² fn + fp)``, 0 where undefined."""
        b2 = beta * beta
        if b2 == 1.0:
            return _divide(2 * self.tps, self.tps + self.fps + self.n_pos)
        return _divide((1 + b2) * self.tps, (1 + b2) * self.tps + b2 * self.fns + self.fps)

    def cost(self, fn_cost: float, fp_cost: float) -> np.ndarray:
        """``fn_cost * FN + fp_cost * FP`` at each threshold."""
        return fn_cost * self.fns.astype(np.float64) + fp_cost * self.fps.astype(np.float64)


def binary_curve(positive: np.ndarray, scores: np.ndarray) -> BinaryCurve:
    """Count true and false positives at each distinct score (scikit-learn's tie handling).

    Rows with equal scores fall on the same side of every threshold, so each distinct score
    is one point of the curve.

    Parameters
    ----------
    positive : ndarray of bool
        True for rows of the positive class.
    scores : ndarray of float
        Finite scores, higher meaning more likely positive.

    Examples
    --------
    >>> c = binary_curve(np.array([False, True, True, False]), np.array([0.1, 0.8, 0.4, 0.4]))
    >>> c.thresholds.tolist(), c.tps.tolist(), c.fps.tolist()
    ([0.8, 0.4, 0.1], [1, 2, 2], [0, 1, 2])
    """
    positive = np.asarray(positive, dtype=bool)
    scores = np.asarray(scores, dtype=np.float64)
    order = np.argsort(scores, kind="mergesort")[::-1]
    sorted_scores = scores[order]
    last_of_each = np.r_[np.flatnonzero(np.diff(sorted_scores)), len(scores) - 1]
    tps = np.cumsum(positive[order], dtype=np.int64)[last_of_each]
    fps = last_of_each.astype(np.int64) + 1 - tps
    n_pos = int(tps[-1])
    return BinaryCurve(sorted_scores[last_of_each], tps, fps, n_pos, len(scores) - n_pos)


def average_precision(curve: BinaryCurve) -> float:
    """Return ``sum_k (R_k - R_{k-1}) P_k`` over the thresholds (no interpolation).

    Equal to ``sklearn.metrics.average_precision_score``; the no-skill value is the
    prevalence ``n_pos / n``.

    Examples
    --------
    >>> c = binary_curve(np.array([False, False, True, True]), np.array([0.1, 0.4, 0.35, 0.8]))
    >>> round(average_precision(c), 6)
    0.833333
    """
    recall = curve.recall
    steps = np.diff(np.r_[0.0, recall])
    return float(np.sum(steps * curve.precision))


def roc_auc(curve: BinaryCurve) -> float:
    """Return the area under the ROC curve (trapezoids, so tied scores count one half).

    Equal to ``sklearn.metrics.roc_auc_score`` for binary labels.

    Examples
    --------
    >>> c = binary_curve(np.array([False, False, True, True]), np.array([0.1, 0.4, 0.35, 0.8]))
    >>> roc_auc(c)
    0.75
    """
    tpr = np.r_[0.0, curve.tps / curve.n_pos]
    fpr = np.r_[0.0, curve.fps / curve.n_neg]
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1])) / 2.0)


# -- thresholds ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Confusion counts of a binary prediction at one threshold."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        """``tp / (tp + fp)``, 0 when nothing is predicted positive."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """``tp / (tp + fn)``, 0 when there is no positive row."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """``2 tp / (2 tp + fp + fn)``, 0 when undefined."""
        den = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / den if den else 0.0


def counts_at(positive: np.ndarray, scores: np.ndarray, threshold: float) -> Counts:
    """Return the confusion counts when predicting positive for ``score >= threshold``.

    Examples
    --------
    >>> counts_at(np.array([False, True, True]), np.array([0.6, 0.9, 0.2]), 0.5)
    Counts(tp=1, fp=1, fn=1, tn=0)
    """
    positive = np.asarray(positive, dtype=bool)
    predicted = np.asarray(scores) >= threshold
    tp = int(np.count_nonzero(predicted & positive))
    fp = int(np.count_nonzero(predicted)) - tp
    n_pos = int(np.count_nonzero(positive))
    return Counts(tp=tp, fp=fp, fn=n_pos - tp, tn=len(positive) - n_pos - fp)


class UnreachableConstraintError(ValueError):
    """No threshold meets the ``min_recall`` / ``min_precision`` constraint."""

    def __init__(self, metric: str, required: float, best: float) -> None:
        super().__init__(f"no threshold reaches {metric} >= {required}; best is {best}")
        self.metric = metric
        self.required = required
        self.best = best


def choose_threshold(
    curve: BinaryCurve,
    objective: Objective,
    *,
    beta: float = 1.0,
    min_recall: float | None = None,
    min_precision: float | None = None,
    fn_cost: float = 1.0,
    fp_cost: float = 1.0,
) -> tuple[int, float]:
    """Return the position in ``curve`` of the best threshold, and the objective's value.

    Objectives: ``"f1"`` and ``"fbeta"`` (maximise), ``"min_recall"`` (maximise precision
    among thresholds with ``recall >= min_recall``), ``"min_precision"`` (maximise recall
    among thresholds with ``precision >= min_precision``), ``"cost"`` (minimise
    ``fn_cost * FN + fp_cost * FP``). Ties on the objective go to the higher recall (for
    ``"min_precision"``: the higher precision), then to the higher threshold.

    Raises
    ------
    UnreachableConstraintError
        No threshold meets ``min_recall`` / ``min_precision``.

    Examples
    --------
    >>> c = binary_curve(np.array([0, 0, 1, 1, 0, 1], bool), np.array([.1, .2, .3, .4, .5, .6]))
    >>> i, value = choose_threshold(c, "f1")
    >>> float(c.thresholds[i]), value
    (0.3, 0.8571428571428571)
    """
    precision, recall = curve.precision, curve.recall
    feasible = np.ones(len(curve.thresholds), dtype=bool)
    tie_break = recall
    if objective == "f1":
        value = curve.fbeta(1.0)
    elif objective == "fbeta":
        value = curve.fbeta(beta)
    elif objective == "min_recall":
        assert min_recall is not None
        value, feasible = precision, recall >= min_recall
        if not feasible.any():
            raise UnreachableConstraintError("recall", min_recall, float(recall.max()))
    elif objective == "min_precision":
        assert min_precision is not None
        value, feasible, tie_break = recall, precision >= min_precision, precision
        if not feasible.any():
            raise UnreachableConstraintError("precision", min_precision, float(precision.max()))
    elif objective == "cost":
        value = curve.cost(fn_cost, fp_cost)
    else:  # pragma: no cover - validated by the caller
        raise ValueError(f"unknown objective {objective!r}")
    goal = -value if objective == "cost" else value
    candidates = np.flatnonzero(feasible)
    # lexsort: the last key is the primary one; the best candidate sorts last.
    order = np.lexsort((curve.thresholds[candidates], tie_break[candidates], goal[candidates]))
    best = int(candidates[order[-1]])
    return best, float(value[best])
