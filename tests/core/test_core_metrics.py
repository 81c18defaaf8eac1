"""The numpy metrics against scikit-learn and imbalanced-learn, to 1e-12."""

from __future__ import annotations

import numpy as np
import pytest
from imblearn.metrics import (
    classification_report_imbalanced,
    geometric_mean_score,
    sensitivity_specificity_support,
    specificity_score,
)
from sklearn.calibration import calibration_curve
from sklearn.metrics import (
    average_precision_score,
    brier_score_loss,
    cohen_kappa_score,
    log_loss,
    matthews_corrcoef,
    roc_auc_score,
)
from sklearn.preprocessing import label_binarize

from pd_imbalance._core.metrics import (
    confusion_matrix,
    prediction_metrics,
    score_metrics,
)

TOL = 1e-12


def _labels(seed: int, n_classes: int, n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    p = np.linspace(1, 0.1, n_classes)
    y = rng.choice(n_classes, size=n, p=p / p.sum())
    y[:n_classes] = np.arange(n_classes)  # every class present
    pred = np.where(rng.random(n) < 0.7, y, rng.integers(0, n_classes, n))
    return y, pred


@pytest.mark.parametrize("n_classes", [2, 3, 5])
@pytest.mark.parametrize("seed", range(3))
def test_prediction_metrics_equal_sklearn_and_imblearn(n_classes: int, seed: int) -> None:
    y, pred = _labels(seed, n_classes)
    m = prediction_metrics(confusion_matrix(y, pred, n_classes))
    assert abs(m.mcc - matthews_corrcoef(y, pred)) < TOL
    assert abs(m.cohen_kappa - cohen_kappa_score(y, pred)) < TOL
    assert abs(m.g_mean - geometric_mean_score(y, pred)) < TOL
    sen, spe, sup = sensitivity_specificity_support(y, pred)
    np.testing.assert_allclose(m.recall, sen, rtol=0, atol=TOL)
    np.testing.assert_allclose(m.specificity, spe, rtol=0, atol=TOL)
    assert m.support.tolist() == sup.tolist()
    assert abs(np.mean(m.specificity) - specificity_score(y, pred, average="macro")) < TOL
    if n_classes == 2:
        assert abs(m.specificity[1] - specificity_score(y, pred)) < TOL
    report = classification_report_imbalanced(y, pred, output_dict=True, zero_division=0)
    for k in range(n_classes):
        row = report[str(k)] if str(k) in report else report[k]
        for ours, key in (
            (m.precision, "pre"), (m.recall, "rec"), (m.specificity, "spe"),
            (m.f1, "f1"), (m.geometric_mean, "geo"), (m.iba, "iba"),
        ):
            assert abs(ours[k] - row[key]) < TOL, key
        assert m.support[k] == row["sup"]


def test_a_missed_class_gives_g_mean_zero_and_the_paradox() -> None:
    y = np.array([0] * 90 + [1] * 10)
    m = prediction_metrics(confusion_matrix(y, np.zeros(100, int), 2))
    assert m.g_mean == geometric_mean_score(y, np.zeros(100, int)) == 0.0
    assert m.mcc == 0.0 and m.cohen_kappa == 0.0 and m.error_reduction == 0.0
    assert m.accuracy_paradox


@pytest.mark.parametrize("seed", range(4))
def test_binary_score_metrics_equal_sklearn(seed: int) -> None:
    rng = np.random.default_rng(seed)
    y = (rng.random(500) < 0.1).astype(int)
    p = np.clip(rng.beta(2, 5, 500) + 0.3 * y, 0, 1)
    p[:3] = [0.0, 1.0, 0.1]  # bin edges and the extremes
    m = score_metrics(y, p, pos=1)
    assert abs(m.average_precision - average_precision_score(y, p)) < TOL
    assert abs(m.roc_auc - roc_auc_score(y, p)) < TOL
    c = m.calibration
    assert c is not None and m.calibration_note is None
    assert abs(c.brier_score - brier_score_loss(y, p)) < TOL
    assert abs(c.log_loss - log_loss(y, p)) < TOL
    prob_true, prob_pred = calibration_curve(y, p, n_bins=10, strategy="uniform")
    counts = np.bincount(np.searchsorted(np.linspace(0, 1, 11)[1:-1], p), minlength=10)
    counts = counts[counts > 0]
    ece = float(np.sum(counts * np.abs(prob_true - prob_pred)) / len(p))
    assert abs(c.expected_calibration_error - ece) < TOL
    assert abs(c.mean_score[1] - p.mean()) < TOL and c.share[1] == y.mean()


@pytest.mark.parametrize("n_classes", [3, 4])
def test_multiclass_score_metrics_equal_sklearn(n_classes: int) -> None:
    rng = np.random.default_rng(n_classes)
    y, _ = _labels(n_classes, n_classes)
    raw = rng.random((len(y), n_classes)) + 1.5 * np.eye(n_classes)[y]
    proba = raw / raw.sum(axis=1, keepdims=True)
    m = score_metrics(y, proba, pos=None)
    labels = list(range(n_classes))
    assert abs(m.roc_auc - roc_auc_score(y, proba, multi_class="ovr", average="macro")) < TOL
    macro_ap = average_precision_score(label_binarize(y, classes=labels), proba, average="macro")
    assert abs(m.average_precision - macro_ap) < TOL
    assert m.class_roc_auc is not None and len(m.class_roc_auc) == n_classes
    c = m.calibration
    assert c is not None
    assert abs(c.brier_score - brier_score_loss(y, proba, labels=labels)) < TOL
    assert abs(c.log_loss - log_loss(y, proba, labels=labels)) < TOL
    top = proba.max(axis=1)
    hits = proba.argmax(axis=1) == y
    prob_true, prob_pred = calibration_curve(hits, top, n_bins=10, strategy="uniform")
    counts = np.bincount(np.searchsorted(np.linspace(0, 1, 11)[1:-1], top), minlength=10)
    ece = float(np.sum(counts[counts > 0] * np.abs(prob_true - prob_pred)) / len(y))
    assert abs(c.expected_calibration_error - ece) < TOL


def test_scores_outside_unit_interval_keep_ranking_and_drop_calibration() -> None:
    y = np.array([0, 0, 1, 1, 0])
    s = np.array([-1.0, 0.5, 2.0, 3.0, 0.0])
    m = score_metrics(y, s, pos=1)
    assert m.calibration is None
    assert m.calibration_note == (
        "calibration needs probabilities: scores range from -1 to 3, outside [0, 1]"
    )
    assert abs(m.roc_auc - roc_auc_score(y, s)) < TOL


def test_rows_not_summing_to_one_drop_calibration() -> None:
    proba = np.array([[0.5, 0.3, 0.1], [0.2, 0.7, 0.1], [0.1, 0.1, 0.8]])
    m = score_metrics(np.array([0, 1, 2]), proba, pos=None)
    assert m.calibration is None
    assert m.calibration_note is not None and "do not sum to 1" in m.calibration_note
