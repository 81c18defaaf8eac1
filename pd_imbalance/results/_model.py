"""ModelEvaluation: a model's predicted labels and scores judged against the true labels."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from pd_imbalance._core.metrics import (
    ECE_BINS,
    PARADOX_ERROR_REDUCTION,
    PredictionMetrics,
    ScoreMetrics,
)
from pd_imbalance._pandas.records import json_safe
from pd_imbalance.results import _html as h

__all__ = ["PRIOR_HINT_GAP", "ModelEvaluation", "build_evaluation"]

#: Without a prior correction asked for, a calibration-in-the-large larger than this in size
#: (the mean probability minus the class share, 5 percentage points) makes the text suggest
#: ``correct_prior(scores, trained_on=train)``: scores of a model trained on resampled data
#: are typically that far off.
PRIOR_HINT_GAP = 0.05

#: The headline numbers, in the order of ``to_dict()``.
_HEADLINE = (
    "target",
    "n_rows",
    "majority_label",
    "majority_baseline_accuracy",
    "pos_label",
    "predictions",
    "accuracy",
    "balanced_accuracy",
    "macro_f1",
    "specificity",
    "g_mean",
    "mcc",
    "cohen_kappa",
    "error_reduction",
    "accuracy_paradox",
    "scores",
    "average_precision",
    "prevalence",
    "roc_auc",
    "brier_score",
    "log_loss",
    "expected_calibration_error",
    "mean_score",
    "calibration_in_the_large",
    "calibration_note",
    "prior_correction",
    "corrected_brier_score",
    "corrected_log_loss",
    "corrected_expected_calibration_error",
    "corrected_mean_score",
    "corrected_calibration_in_the_large",
    "prior_note",
)


@dataclass(frozen=True)
class ModelEvaluation:
    """A read-only evaluation of a model's output on labelled rows.

    Built by :func:`pd_imbalance.report` with ``predictions=`` and/or ``scores=`` and held
    by ``ImbalanceReport.model``. Numbers of a part that was not given are None.

    Attributes
    ----------
    target : hashable
        The label column.
    n_rows : int
        Rows evaluated.
    majority_label : object
        The largest class; always predicting it scores ``majority_baseline_accuracy``.
    majority_baseline_accuracy : float
        Accuracy of always predicting the majority class.
    pos_label : object or None
        Binary labels: the positive class (for ``scores``, ``specificity`` and
        ``prevalence``), else None.
    predictions : hashable or None
        The predicted-label column, ``"<array>"`` for values passed directly, or None.
    accuracy : float or None
        Share of rows predicted right.
    balanced_accuracy : float or None
        Mean per-class recall.
    macro_f1 : float or None
        Unweighted mean of the per-class F1 scores.
    specificity : float or None
        Binary: ``tn / (tn + fp)`` for ``pos_label``; multi-class (or no positive class):
        the mean per-class specificity (imbalanced-learn's ``specificity_score``, binary or
        macro).
    g_mean : float or None
        Geometric mean of the per-class recalls (binary: ``sqrt(sensitivity *
        specificity)``); 0 when a class is never found.
    mcc : float or None
        Matthews correlation coefficient (multi-class form; 0 without skill).
    cohen_kappa : float or None
        Agreement beyond chance (0 without skill, 1 perfect).
    error_reduction : float or None
        Share of the majority baseline's errors the model removes:
        ``(accuracy - baseline) / (1 - baseline)``.
    accuracy_paradox : bool or None
        True when ``error_reduction`` is below 0.10 (the model removes less than a tenth of
        the errors of always predicting the majority class) or some class has recall 0:
        accuracy then says little about the model.
    scores : hashable or None
        The score column, ``"<array>"`` for values passed directly, or None.
    average_precision, roc_auc : float or None
        Binary: of ``pos_label``. Multi-class: the macro means, one class against the rest.
    prevalence : float or None
        Binary: share of ``pos_label`` rows, the average precision of a model without skill.
    brier_score, log_loss, expected_calibration_error : float or None
        Calibration of probability scores (None when the scores are not probabilities;
        ``calibration_note`` says why). The expected calibration error uses 10 equal-width
        bins; multi-class: of the top-label probability.
    mean_score : float or None
        Binary: the mean probability of ``pos_label``; compare it with ``prevalence``.
    calibration_in_the_large : float or None
        Binary: ``mean_score - prevalence`` (> 0: the model over-predicts the positive
        class). Multi-class: the per-class difference largest in size.
    calibration_note : str or None
        Why the calibration numbers are None, when they are.
    prior_correction : str or None
        With ``report(trained_on=...)`` or ``prior_from=``: to which class shares the scores
        were corrected (:func:`pd_imbalance.correct_prior`), and the class weights used.
    corrected_brier_score, corrected_log_loss, corrected_expected_calibration_error : float or None
        The calibration numbers of the prior-corrected scores (None without a correction,
        or when the scores are not probabilities). The ranking numbers are the raw scores'.
    corrected_mean_score, corrected_calibration_in_the_large : float or None
        ``mean_score`` and ``calibration_in_the_large`` of the prior-corrected scores.
    prior_note : str or None
        Why the correction was skipped (scores that are not probabilities), or, without a
        correction asked for, a hint to correct scores whose calibration-in-the-large
        exceeds :data:`PRIOR_HINT_GAP` in size.
    """

    target: Hashable
    n_rows: int
    majority_label: Any
    majority_baseline_accuracy: float
    pos_label: Any = None
    predictions: Hashable | None = None
    accuracy: float | None = None
    balanced_accuracy: float | None = None
    macro_f1: float | None = None
    specificity: float | None = None
    g_mean: float | None = None
    mcc: float | None = None
    cohen_kappa: float | None = None
    error_reduction: float | None = None
    accuracy_paradox: bool | None = None
    scores: Hashable | None = None
    average_precision: float | None = None
    prevalence: float | None = None
    roc_auc: float | None = None
    brier_score: float | None = None
    log_loss: float | None = None
    expected_calibration_error: float | None = None
    mean_score: float | None = None
    calibration_in_the_large: float | None = None
    calibration_note: str | None = None
    prior_correction: str | None = None
    corrected_brier_score: float | None = None
    corrected_log_loss: float | None = None
    corrected_expected_calibration_error: float | None = None
    corrected_mean_score: float | None = None
    corrected_calibration_in_the_large: float | None = None
    prior_note: str | None = None
    _classes: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False, compare=False)

    # -- data -------------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """Return the per-class table (a new DataFrame indexed by class label).

        With ``predictions``: ``precision``, ``recall`` (sensitivity), ``specificity``,
        ``f1``, ``geometric_mean`` (``sqrt(recall * specificity)``), ``iba`` (index of
        balanced accuracy, alpha 0.1) — imbalanced-learn's ``classification_report_imbalanced``
        columns ``pre, rec, spe, f1, geo, iba`` — and ``support``. With multi-class
        ``scores``: ``average_precision`` and ``roc_auc`` one class against the rest. With
        probabilities: ``mean_score`` next to ``share`` (calibration-in-the-large per class).

        Examples
        --------
        >>> import pandas as pd, pd_imbalance as pdi
        >>> df = pd.DataFrame({"y": [0] * 8 + [1] * 2, "pred": [0] * 9 + [1]})
        >>> table = pdi.report(df, "y", predictions="pred").model.to_frame()
        >>> table.columns.tolist()
        ['precision', 'recall', 'specificity', 'f1', 'geometric_mean', 'iba', 'support']
        >>> table["iba"].round(4).tolist()
        [0.525, 0.475]
        """
        return self._classes.copy()

    def to_dict(self) -> dict[str, Any]:
        """Return the headline numbers and the per-class rows as JSON-safe Python objects.

        Examples
        --------
        >>> import json, pandas as pd, pd_imbalance as pdi
        >>> df = pd.DataFrame({"y": [0] * 8 + [1] * 2, "pred": [0] * 9 + [1]})
        >>> d = json.loads(json.dumps(pdi.report(df, "y", predictions="pred").model.to_dict()))
        >>> d["accuracy"], d["mcc"], d["classes"][1]["recall"]
        (0.9, 0.6666666666666666, 0.5)
        """
        out = {name: json_safe(getattr(self, name)) for name in _HEADLINE}
        classes = [
            {"label": json_safe(label), **{k: json_safe(v) for k, v in row.items()}}
            for label, row in zip(
                self._classes.index, self._classes.to_dict("records"), strict=True
            )
        ]
        return {**out, "classes": classes}

    # -- display ----------------------------------------------------------------------------
    def display_table(self) -> pd.DataFrame:
        """Return the per-class table with rounded numbers, for display."""
        table = self._classes.copy()
        for column in table.columns:
            if table[column].dtype == np.float64:
                table[column] = table[column].map("{:.3f}".format)
        return table

    def lines(self) -> list[str]:
        """Return the headline numbers as lines of text (the repr without the table)."""
        lines = []
        if self.predictions is not None:
            assert self.accuracy is not None and self.balanced_accuracy is not None
            lines.append(
                f"Predictions {self.predictions!r}: accuracy {self.accuracy:.2%} "
                f"(majority baseline {self.majority_baseline_accuracy:.2%}) | balanced "
                f"accuracy {self.balanced_accuracy:.2%} | macro-F1 {self.macro_f1:.3f}"
            )
            lines.append(
                f"  MCC {self.mcc:.3f} | Cohen's kappa {self.cohen_kappa:.3f} | G-mean "
                f"{self.g_mean:.3f} | specificity {self.specificity:.3f}"
            )
            lines.append(self.paradox_line())
        if self.scores is not None:
            assert self.average_precision is not None and self.roc_auc is not None
            if self.prevalence is not None:
                lines.append(
                    f"Scores {self.scores!r} for class {self.pos_label!r}: average precision "
                    f"{self.average_precision:.3f} (no-skill = prevalence "
                    f"{self.prevalence:.3f}) | ROC AUC {self.roc_auc:.3f} (no-skill 0.5)"
                )
            else:
                lines.append(
                    f"Scores {self.scores!r}, one class against the rest: macro average "
                    f"precision {self.average_precision:.3f} | macro ROC AUC "
                    f"{self.roc_auc:.3f} (no-skill 0.5)"
                )
            lines.append(self._calibration_line())
            lines += self._prior_lines()
        return lines

    def _prior_lines(self) -> list[str]:
        if self.corrected_brier_score is not None:
            assert self.corrected_calibration_in_the_large is not None
            large = (
                f"mean score {self.corrected_mean_score:.4f} vs prevalence "
                f"{self.prevalence:.4f}"
                if self.corrected_mean_score is not None and self.prevalence is not None
                else f"largest class gap {self.corrected_calibration_in_the_large:+.4f}"
            )
            return [
                f"  Calibration after prior correction: Brier {self.corrected_brier_score:.4f}"
                f" | log loss {self.corrected_log_loss:.4f} | ECE ({ECE_BINS} bins) "
                f"{self.corrected_expected_calibration_error:.4f} | {large}",
                f"    (correct_prior {self.prior_correction}; ranking numbers unchanged)",
            ]
        return [] if self.prior_note is None else [f"  Note: {self.prior_note}."]

    def _calibration_line(self) -> str:
        if self.brier_score is None:
            return f"  Calibration: not computed - {self.calibration_note}."
        assert self.calibration_in_the_large is not None
        large = (
            f"mean score {self.mean_score:.4f} vs prevalence {self.prevalence:.4f}"
            if self.mean_score is not None and self.prevalence is not None
            else f"largest class gap {self.calibration_in_the_large:+.4f}"
        )
        return (
            f"  Calibration: Brier {self.brier_score:.4f} | log loss {self.log_loss:.4f} | "
            f"ECE ({ECE_BINS} bins) {self.expected_calibration_error:.4f} | {large}"
        )

    def paradox_line(self) -> str:
        """Return the sentence about the accuracy paradox (needs ``predictions``)."""
        assert self.accuracy is not None and self.error_reduction is not None
        removed = f"{self.error_reduction:.1%} of the errors of always predicting " + repr(
            self.majority_label
        )
        missed = [
            label
            for label, recall in zip(self._classes.index, self._classes["recall"], strict=True)
            if recall == 0
        ]
        if not self.accuracy_paradox:
            return (
                f"Model accuracy paradox: no - the model removes {removed} (at least "
                f"{PARADOX_ERROR_REDUCTION:.0%} needed) and every class has recall > 0."
            )
        reasons = []
        if self.error_reduction < PARADOX_ERROR_REDUCTION:
            reasons.append(
                f"accuracy removes only {removed} (less than {PARADOX_ERROR_REDUCTION:.0%})"
            )
        if missed:
            shown = ", ".join(repr(v) for v in missed[:5])
            more = f" and {len(missed) - 5} more" if len(missed) > 5 else ""
            reasons.append(f"it never finds {shown}{more} (recall 0)")
        return (
            f"Model accuracy paradox: YES - {'; '.join(reasons)}. Judge this model by "
            "per-class recall, F1 and balanced accuracy, not by accuracy."
        )

    def __repr__(self) -> str:
        parts = [f"{role} {name!r}" for role, name in (
            ("predictions", self.predictions), ("scores", self.scores)
        ) if name is not None]
        return "\n".join(
            [
                f"ModelEvaluation of {' and '.join(parts)} on target {self.target!r}: "
                f"{self.n_rows:,} rows",
                *self.lines(),
                "",
                self.display_table().to_string(),
            ]
        )

    def _repr_html_(self) -> str:
        tiles = []
        if self.accuracy is not None:
            tiles.append(
                h.tile(
                    "accuracy",
                    f"{self.accuracy:.2%}",
                    note=f"baseline {self.majority_baseline_accuracy:.2%}",
                )
            )
        if self.average_precision is not None and self.roc_auc is not None:
            note = None if self.prevalence is None else f"no skill {self.prevalence:.3f}"
            tiles += [
                h.tile("average precision", f"{self.average_precision:.3f}", note=note),
                h.tile("ROC AUC", f"{self.roc_auc:.3f}", note="no skill 0.5"),
            ]
        if self.brier_score is not None:
            after = self.corrected_brier_score
            tiles.append(
                h.tile(
                    "Brier score",
                    f"{self.brier_score:.4f}",
                    note=None if after is None else f"after prior correction {after:.4f}",
                )
            )
        body = [h.paragraph(line, flag=line.startswith("Model accuracy paradox: YES"))
                for line in self.lines()]
        table = self._classes
        formats: dict[Hashable, h.Format] = {
            c: "{:.3f}" for c in table.columns if pd.api.types.is_float_dtype(table[c].dtype)
        }
        body.append(h.html_table(table, formats=formats))
        parts = [f"{role} {name!r}" for role, name in (
            ("predictions", self.predictions), ("scores", self.scores)
        ) if name is not None]
        return h.html_card(
            "ModelEvaluation",
            tiles,
            body,
            subtitle=f"{' and '.join(parts)} on target {self.target!r}: {self.n_rows:,} rows",
        )


def build_evaluation(
    *,
    target: Hashable,
    classes: pd.Index,
    counts: np.ndarray,
    pos_label: Any = None,
    predictions: Hashable | None = None,
    prediction_metrics: PredictionMetrics | None = None,
    scores: Hashable | None = None,
    score_metrics: ScoreMetrics | None = None,
    corrected_metrics: ScoreMetrics | None = None,
    prior_correction: str | None = None,
    prior_note: str | None = None,
) -> ModelEvaluation:
    """Assemble a ModelEvaluation from the core's numbers (used by the report)."""
    counts = np.asarray(counts, dtype=np.int64)
    n_rows = int(counts.sum())
    majority = int(np.argmax(counts))
    labels = classes.tolist()
    pos = None if pos_label is None else labels.index(pos_label)
    columns: dict[str, np.ndarray] = {}
    numbers: dict[str, Any] = {}
    if prediction_metrics is not None:
        m = prediction_metrics
        columns.update(
            precision=m.precision,
            recall=m.recall,
            specificity=m.specificity,
            f1=m.f1,
            geometric_mean=m.geometric_mean,
            iba=m.iba,
        )
        numbers.update(
            predictions=predictions,
            accuracy=m.accuracy,
            balanced_accuracy=m.balanced_accuracy,
            macro_f1=m.macro_f1,
            specificity=float(
                m.specificity[pos] if pos is not None else np.mean(m.specificity)
            ),
            g_mean=m.g_mean,
            mcc=m.mcc,
            cohen_kappa=m.cohen_kappa,
            error_reduction=m.error_reduction,
            accuracy_paradox=m.accuracy_paradox,
        )
    columns["support"] = counts
    if score_metrics is not None:
        s = score_metrics
        if s.class_average_precision is not None and s.class_roc_auc is not None:
            columns.update(average_precision=s.class_average_precision, roc_auc=s.class_roc_auc)
        numbers.update(
            scores=scores,
            average_precision=s.average_precision,
            prevalence=s.prevalence,
            roc_auc=s.roc_auc,
            calibration_note=s.calibration_note,
        )
        c = s.calibration
        if c is not None:
            gaps = c.mean_score - c.share
            columns.update(mean_score=c.mean_score, share=c.share)
            numbers.update(
                brier_score=c.brier_score,
                log_loss=c.log_loss,
                expected_calibration_error=c.expected_calibration_error,
                mean_score=None if pos is None else float(c.mean_score[pos]),
                calibration_in_the_large=float(
                    gaps[pos] if pos is not None else gaps[np.argmax(np.abs(gaps))]
                ),
            )
        if prior_correction is not None:
            numbers.update(_corrected(corrected_metrics, pos, prior_correction, prior_note))
        elif c is not None and abs(numbers["calibration_in_the_large"]) > PRIOR_HINT_GAP:
            numbers["prior_note"] = _hint(numbers["calibration_in_the_large"])
    table = pd.DataFrame(columns, index=classes.copy())
    table.index.name = "class"
    return ModelEvaluation(
        target=target,
        n_rows=n_rows,
        majority_label=labels[majority],
        majority_baseline_accuracy=int(counts[majority]) / n_rows,
        pos_label=pos_label,
        _classes=table,
        **numbers,
    )


def _corrected(
    metrics: ScoreMetrics | None, pos: int | None, how: str, note: str | None
) -> dict[str, Any]:
    """Return the ``corrected_*`` numbers of the prior-corrected scores' metrics."""
    c = None if metrics is None else metrics.calibration
    if c is None:
        return {"prior_correction": how, "prior_note": note}
    gaps = c.mean_score - c.share
    return {
        "prior_correction": how,
        "corrected_brier_score": c.brier_score,
        "corrected_log_loss": c.log_loss,
        "corrected_expected_calibration_error": c.expected_calibration_error,
        "corrected_mean_score": None if pos is None else float(c.mean_score[pos]),
        "corrected_calibration_in_the_large": float(
            gaps[pos] if pos is not None else gaps[np.argmax(np.abs(gaps))]
        ),
    }


def _hint(gap: float) -> str:
    side = "above" if gap > 0 else "below"
    return (
        f"the mean score is {abs(gap):.3f} {side} the class share (more than "
        f"{PRIOR_HINT_GAP:g}); if the model was trained on resampled data, "
        "correct_prior(scores, trained_on=train) moves its probabilities back, and "
        "report(..., trained_on=train) shows the calibration after that correction"
    )

