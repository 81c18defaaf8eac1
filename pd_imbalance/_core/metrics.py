"""Classification metrics from label codes and scores, in numpy (no pandas, no scikit-learn).

Every number here has a scikit-learn or imbalanced-learn counterpart it must equal (the tests
check them to 1e-12):

* :func:`prediction_metrics` — ``precision_recall_fscore_support(..., zero_division=0)``,
  ``balanced_accuracy_score``, ``f1_score(average="macro")``, ``accuracy_score``,
  ``matthews_corrcoef``, ``cohen_kappa_score``; imbalanced-learn's ``specificity_score``,
  ``geometric_mean_score`` and the columns of ``classification_report_imbalanced``;
* :func:`average_precision` — ``average_precision_score``;
* :func:`roc_auc` — ``roc_auc_score``; :func:`ovr_ranking` — both, one class against the rest;
* :func:`calibration_metrics` — ``brier_score_loss``, ``log_loss``, and the bins of
  ``calibration_curve(strategy="uniform")`` for the expected calibration error;
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

    Per-class arrays are aligned with the class codes ``0..K-1``: ``precision``,
    ``recall`` (sensitivity), ``specificity``, ``f1``, ``geometric_mean``
    (``sqrt(recall * specificity)``), ``iba`` (index of balanced accuracy, alpha 0.1) and
    ``support`` are imbalanced-learn's ``classification_report_imbalanced`` columns
    ``pre, rec, spe, f1, geo, iba, sup``.
    """

    confusion: np.ndarray
    precision: np.ndarray
    recall: np.ndarray
    specificity: np.ndarray
    f1: np.ndarray
    geometric_mean: np.ndarray
    iba: np.ndarray
    support: np.ndarray
    accuracy: float
    majority_baseline_accuracy: float
    balanced_accuracy: float
    macro_f1: float
    g_mean: float
    mcc: float
    cohen_kappa: float
    error_reduction: float
    accuracy_paradox: bool


#: The accuracy paradox is flagged when the model's accuracy removes less than this share of
#: the errors of always predicting the majority class (``error_reduction`` below it), or
#: when some class has recall 0.
PARADOX_ERROR_REDUCTION = 0.10

#: The weight of the dominance (recall - specificity) in the index of balanced accuracy.
IBA_ALPHA = 0.1


def prediction_metrics(confusion: np.ndarray) -> PredictionMetrics:
    """Return per-class and summary scores from a confusion matrix.

    Precision, recall and F1 use scikit-learn's formulas with ``zero_division=0``
    (F1 = ``2 tp / (2 tp + fp + fn)``). Specificity is ``tn / (tn + fp)`` one class against
    the rest; ``g_mean`` the geometric mean of the per-class recalls (imbalanced-learn's
    ``geometric_mean_score``: 0 when a class is never found); ``mcc`` and ``cohen_kappa``
    scikit-learn's multi-class ``matthews_corrcoef`` and ``cohen_kappa_score``.

    ``error_reduction`` is the share of the majority baseline's errors that the model
    removes, ``(accuracy - baseline) / (1 - baseline)``: 0 for always predicting the
    majority class, 1 for a perfect model, negative when the model is less accurate than
    the baseline. ``accuracy_paradox`` is True when it is below
    :data:`PARADOX_ERROR_REDUCTION` (compared exactly on counts), or when some class is
    never found (recall 0): accuracy then says little about the model.

    Examples
    --------
    >>> m = prediction_metrics(np.array([[95, 0], [5, 0]]))
    >>> m.accuracy, m.balanced_accuracy, m.recall.tolist(), m.accuracy_paradox
    (0.95, 0.5, [1.0, 0.0], True)
    >>> m.specificity.tolist(), m.g_mean, m.mcc, m.cohen_kappa, m.error_reduction
    ([0.0, 1.0], 0.0, 0.0, 0.0, 0.0)
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
    fp = pred_sum - tp
    tn = n - true_sum - fp
    specificity = _divide(tn, tn + fp)
    f1 = _divide(2 * tp, true_sum + pred_sum)
    geometric_mean = np.sqrt(recall * specificity)
    iba = (1.0 + IBA_ALPHA * (recall - specificity)) * geometric_mean**2
    present = true_sum > 0
    missed = bool(np.any((recall == 0) & present))
    g_mean = 0.0 if missed else float(np.exp(np.mean(np.log(recall[present]))))
    baseline_errors = n - n_majority
    # error_reduction < PARADOX_ERROR_REDUCTION, exactly on counts (no float rounding)
    paradox = missed or 10 * (correct - n_majority) < baseline_errors
    return PredictionMetrics(
        confusion=confusion,
        precision=precision,
        recall=recall,
        specificity=specificity,
        f1=f1,
        geometric_mean=geometric_mean,
        iba=iba,
        support=true_sum,
        accuracy=correct / n,
        majority_baseline_accuracy=n_majority / n,
        balanced_accuracy=float(np.mean(recall[present])),
        macro_f1=float(np.mean(f1)),
        g_mean=g_mean,
        mcc=matthews_corrcoef(confusion),
        cohen_kappa=cohen_kappa(confusion),
        error_reduction=(correct - n_majority) / baseline_errors if baseline_errors else 0.0,
        accuracy_paradox=paradox,
    )


def matthews_corrcoef(confusion: np.ndarray) -> float:
    """Return the (multi-class) Matthews correlation coefficient of a confusion matrix.

    ``(c s - t.p) / sqrt((s^2 - p.p) (s^2 - t.t))`` with ``t`` the true counts, ``p`` the
    predicted counts, ``c`` the correct ones and ``s`` all rows; 0 when undefined (as
    ``sklearn.metrics.matthews_corrcoef``).

    Examples
    --------
    >>> matthews_corrcoef(np.array([[3, 1], [0, 2]]))
    0.7071067811865476
    """
    confusion = np.asarray(confusion, dtype=np.float64)
    t = confusion.sum(axis=1)
    p = confusion.sum(axis=0)
    c = np.trace(confusion)
    s = confusion.sum()
    cov_ytyp = c * s - t @ p
    cov_ypyp = s * s - p @ p
    cov_ytyt = s * s - t @ t
    if cov_ypyp * cov_ytyt == 0:
        return 0.0
    return float(cov_ytyp / np.sqrt(cov_ytyt * cov_ypyp))


def cohen_kappa(confusion: np.ndarray) -> float:
    """Return Cohen's kappa of a confusion matrix: agreement beyond chance.

    ``1 - sum(off-diagonal observed) / sum(off-diagonal expected)``, the expected counts
    being the outer product of the true and predicted class counts over ``n`` (as
    ``sklearn.metrics.cohen_kappa_score``); 0 when nothing can be expected off the
    diagonal.

    Examples
    --------
    >>> cohen_kappa(np.array([[3, 1], [0, 2]]))
    0.6666666666666667
    """
    confusion = np.asarray(confusion, dtype=np.float64)
    n = confusion.sum()
    expected = np.outer(confusion.sum(axis=1), confusion.sum(axis=0)) / n
    off = ~np.eye(len(confusion), dtype=bool)
    denominator = float(np.sum(expected[off]))
    if denominator == 0:
        return 0.0
    return float(1.0 - np.sum(confusion[off]) / denominator)


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


def ovr_ranking(codes: np.ndarray, proba: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return each class's average precision and ROC AUC, one class against the rest.

    ``proba[:, k]`` scores class ``k``; one curve per class (a loop over classes, not rows).
    Their means are ``average_precision_score(label_binarize(y), proba, average="macro")``
    and ``roc_auc_score(y, proba, multi_class="ovr", average="macro")``.

    Examples
    --------
    >>> ap, auc = ovr_ranking(np.array([0, 1, 2, 2]), np.eye(3)[[0, 1, 2, 1]])
    >>> ap.round(4).tolist(), auc.round(4).tolist()
    ([1.0, 0.5, 0.75], [1.0, 0.8333, 0.75])
    """
    codes = np.asarray(codes)
    n_classes = proba.shape[1]
    ap = np.empty(n_classes, dtype=np.float64)
    auc = np.empty(n_classes, dtype=np.float64)
    for k in range(n_classes):
        curve = binary_curve(codes == k, proba[:, k])
        ap[k] = average_precision(curve)
        auc[k] = roc_auc(curve)
    return ap, auc


# -- calibration -----------------------------------------------------------------------------

#: Equal-width bins of the expected calibration error.
ECE_BINS = 10


def probability_problem(proba: np.ndarray) -> str | None:
    """Say why ``proba`` (1-D, or rows x classes) are not probabilities, or return None.

    Probabilities lie in [0, 1]; the rows of a matrix sum to 1 (within ``sqrt(eps)``,
    relative).

    Examples
    --------
    >>> probability_problem(np.array([[0.2, 0.8], [1.0, 0.0]])) is None
    True
    >>> probability_problem(np.array([[-0.5, 1.5]]))
    'scores range from -0.5 to 1.5, outside [0, 1]'
    """
    low, high = float(proba.min()), float(proba.max())
    if low < 0 or high > 1:
        return f"scores range from {low:.6g} to {high:.6g}, outside [0, 1]"
    if proba.ndim == 1:
        return None
    sums = proba.sum(axis=1)
    bad = ~np.isclose(sums, 1.0, rtol=np.sqrt(np.finfo(np.float64).eps), atol=0.0)
    if bad.any():
        return (
            f"{int(bad.sum())} of {len(sums)} rows of class probabilities do not sum to 1 "
            f"(e.g. {float(sums[np.argmax(bad)]):.6g})"
        )
    return None


@dataclass(frozen=True)
class Calibration:
    """How well probabilities match frequencies (see :func:`calibration_metrics`).

    ``mean_score`` and ``share`` are per class (aligned with the codes): the mean predicted
    probability of each class and its share of rows; their difference is the
    calibration-in-the-large.
    """

    brier_score: float
    log_loss: float
    expected_calibration_error: float
    mean_score: np.ndarray
    share: np.ndarray


def calibration_metrics(codes: np.ndarray, proba: np.ndarray, pos: int | None) -> Calibration:
    """Return the Brier score, log loss, ECE and mean probabilities of class probabilities.

    ``proba`` holds one column per class (rows of probabilities). ``pos`` is the positive
    class of a binary label, None for multi-class.

    * Brier score: ``mean(sum_k (p_k - y_k)^2)``, halved for binary labels, so that it is
      ``mean((p - y)^2)`` on the positive class (``sklearn.metrics.brier_score_loss``).
    * Log loss: ``-mean(log p_true)`` with probabilities clipped to ``[eps, 1 - eps]``
      (``sklearn.metrics.log_loss``).
    * Expected calibration error: :data:`ECE_BINS` equal-width bins of the probability,
      ``[0, 0.1], (0.1, 0.2], ..., (0.9, 1]`` (the bins of scikit-learn's
      ``calibration_curve(strategy="uniform")``); ``sum_b (n_b / n) |mean(y_b) - mean(p_b)|``.
      Binary: on the positive class's probability; multi-class: top-label (the highest
      probability of each row against whether that class is the true one).

    Examples
    --------
    >>> c = calibration_metrics(np.array([0, 1, 1, 0]),
    ...                         np.array([[.9, .1], [.1, .9], [.2, .8], [.7, .3]]), pos=1)
    >>> round(c.brier_score, 6), round(c.expected_calibration_error, 6)
    (0.0375, 0.175)
    >>> c.mean_score.tolist(), c.share.tolist()
    ([0.475, 0.525], [0.5, 0.5])
    """
    codes = np.asarray(codes, dtype=np.intp)
    n, n_classes = proba.shape
    rows = np.arange(n)
    onehot = np.zeros((n, n_classes), dtype=np.float64)
    onehot[rows, codes] = 1.0
    brier = float(np.mean(np.sum((onehot - proba) ** 2, axis=1)))
    if pos is not None:
        brier *= 0.5
    eps = np.finfo(np.float64).eps
    log_loss = float(-np.mean(np.log(np.clip(proba[rows, codes], eps, 1 - eps))))
    if pos is not None:
        confidence, hits = proba[:, pos], codes == pos
    else:
        top = np.argmax(proba, axis=1)
        confidence, hits = proba[rows, top], top == codes
    ece = expected_calibration_error(hits, confidence)
    share = np.bincount(codes, minlength=n_classes) / n
    return Calibration(brier, log_loss, ece, proba.mean(axis=0), share)


def expected_calibration_error(hits: np.ndarray, confidence: np.ndarray) -> float:
    """Return ``sum_b |sum(hits_b) - sum(confidence_b)| / n`` over :data:`ECE_BINS` bins.

    Bin ``b`` holds the probabilities in ``((b - 1) / B, b / B]`` (the first also holds 0).

    Examples
    --------
    >>> round(expected_calibration_error(np.array([True, False]), np.array([0.9, 0.1])), 12)
    0.1
    """
    edges = np.linspace(0.0, 1.0, ECE_BINS + 1)
    bins = np.searchsorted(edges[1:-1], confidence, side="left")
    hit_sum = np.bincount(bins, weights=np.asarray(hits, dtype=np.float64), minlength=ECE_BINS)
    prob_sum = np.bincount(bins, weights=confidence, minlength=ECE_BINS)
    return float(np.sum(np.abs(hit_sum - prob_sum)) / len(confidence))


@dataclass(frozen=True)
class ScoreMetrics:
    """Ranking and calibration numbers of scores (see :func:`score_metrics`).

    Attributes
    ----------
    average_precision, roc_auc : float
        Binary: of the positive class. Multi-class: the macro means, one class against the
        rest.
    prevalence : float or None
        Binary: the share of positive rows (the no-skill average precision).
    class_average_precision, class_roc_auc : ndarray or None
        Multi-class: per class, one against the rest.
    calibration : Calibration or None
        None when the scores are not probabilities (``calibration_note`` says why).
    calibration_note : str or None
        Why calibration was not computed.
    """

    average_precision: float
    roc_auc: float
    prevalence: float | None
    class_average_precision: np.ndarray | None
    class_roc_auc: np.ndarray | None
    calibration: Calibration | None
    calibration_note: str | None


def score_metrics(codes: np.ndarray, scores: np.ndarray, pos: int | None) -> ScoreMetrics:
    """Return ranking metrics and, for probabilities, calibration metrics of scores.

    ``scores`` is 1-D (binary labels; scores for class ``pos``, any finite numbers) or a
    rows x classes matrix (multi-class, ``pos`` None). Ranking metrics need only an order;
    calibration metrics need probabilities: in [0, 1], and rows summing to 1 for a matrix.
    Otherwise ``calibration`` is None and ``calibration_note`` says why.

    Examples
    --------
    >>> m = score_metrics(np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8]), pos=1)
    >>> m.roc_auc, m.prevalence, round(m.calibration.brier_score, 4)
    (0.75, 0.5, 0.1581)
    >>> score_metrics(np.array([0, 1]), np.array([-2.0, 3.0]), pos=1).calibration_note
    'calibration needs probabilities: scores range from -2 to 3, outside [0, 1]'
    """
    codes = np.asarray(codes, dtype=np.intp)
    if scores.ndim == 1:
        assert pos is not None
        curve = binary_curve(codes == pos, scores)
        ap, auc = average_precision(curve), roc_auc(curve)
        prevalence: float | None = curve.n_pos / len(scores)
        class_ap = class_auc = None
        proba = np.empty((len(scores), 2), dtype=np.float64)
        proba[:, pos], proba[:, 1 - pos] = scores, 1.0 - scores
        problem = probability_problem(scores)
    else:
        class_ap, class_auc = ovr_ranking(codes, scores)
        ap, auc = float(np.mean(class_ap)), float(np.mean(class_auc))
        prevalence, proba, problem = None, scores, probability_problem(scores)
    if problem is None:
        calibration: Calibration | None = calibration_metrics(codes, proba, pos)
        note = None
    else:
        calibration, note = None, f"calibration needs probabilities: {problem}"
    return ScoreMetrics(ap, auc, prevalence, class_ap, class_auc, calibration, note)


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
