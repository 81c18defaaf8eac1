"""The report verb: the label's imbalance, what it means, and a model's numbers on it."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd

from pd_imbalance._core.prior import prior_ratios
from pd_imbalance._pandas.checks import checked_codes, checked_labels, sample_text
from pd_imbalance._pandas.inspect import inspect_features
from pd_imbalance._pandas.labels import LabelTable
from pd_imbalance._pandas.model_output import model_numbers
from pd_imbalance._pandas.prior_inputs import Prior, aligned_shares, prior_sources, same_class
from pd_imbalance._params import MaxClasses, check_pos_label_use, check_positive_int
from pd_imbalance.results import Evaluation, ImbalanceReport, build_report

__all__ = ["report"]


def report(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    predictions: Any = None,
    scores: Any = None,
    pos_label: Any = None,
    k_neighbors: int = 5,
    max_classes: MaxClasses = "auto",
    evaluation: Evaluation | None = None,
    trained_on: pd.DataFrame | None = None,
    prior_from: Prior | None = None,
) -> ImbalanceReport:
    """Describe a label's imbalance, recommend what to do, and score a model's output on it.

    Without ``predictions`` and ``scores`` the report describes the label alone and
    recommends what to do about the data. With them it evaluates a model instead
    (:class:`ModelEvaluation`, held by ``report.model``; no data advice, and ``to_frame()``
    gives the per-class model numbers):

    * ``predictions``: accuracy next to the majority baseline, balanced accuracy, macro-F1,
      specificity, G-mean, MCC, Cohen's kappa, the share of the baseline's errors removed
      and the ``accuracy_paradox`` flag; per class precision, recall, specificity, F1,
      geometric mean, IBA and support (imbalanced-learn's imbalanced classification report).
    * ``scores``: average precision next to the prevalence (its no-skill value) and ROC AUC
      (multi-class: macro, one class against the rest); for probabilities also the Brier
      score, log loss, expected calibration error and mean score against prevalence
      (calibration-in-the-large). Scores that are not probabilities get the ranking numbers
      and a ``calibration_note`` instead.

    The numbers equal scikit-learn's and imbalanced-learn's (``precision_recall_fscore_support``
    with ``zero_division=0``, ``balanced_accuracy_score``, ``matthews_corrcoef``,
    ``cohen_kappa_score``, ``average_precision_score``, ``roc_auc_score``,
    ``brier_score_loss``, ``log_loss``, ``specificity_score``, ``geometric_mean_score``).
    The feature columns are checked too (missing values, dates or numbers written as text,
    identifiers, integer codes, constant columns, on a fixed sample of rows): what was found
    is in ``findings`` and shapes the recommendations. This function does not mutate the
    original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        The data (for ``predictions`` / ``scores``: usually held-out rows).
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    predictions : str, array or Series, optional
        Predicted labels, with the target's values and types: a column name, or one value
        per row (an array in row order, or a Series aligned by index).
    scores : str, array, Series or DataFrame, optional
        Finite numeric scores: a column name or values aligned with the rows. Binary
        labels: scores for ``pos_label`` (e.g. ``model.predict_proba(X)[:, 1]``), or the
        2-column ``predict_proba(X)`` output (the ``pos_label`` column is taken).
        Multi-class labels: one column per class, a 2-D array in class order (the order of
        ``model.classes_``) or a DataFrame whose columns are the class labels.
    pos_label : object, optional
        With ``scores``: the class the scores are for. Default: 1 (True) when the labels are
        0/1 (False/True), else the minority class; two equally frequent classes that are not
        0/1 need it explicitly. :func:`tune_threshold` uses the same rule.
    k_neighbors : int, default=5
        The SMOTE neighbourhood size used to say which classes SMOTE can oversample.
    max_classes : "auto", int or None, default="auto"
        The guard against an ID column passed as the target by mistake. ``"auto"`` refuses
        more than 1,000 classes only when most of them have a single row; an int refuses
        more classes than that; None accepts any number of classes.
    evaluation : Evaluation, optional
        The result of :func:`evaluate` on this target: its measured verdict and each
        technique's gain and calibration cost come first among the recommendations.
        Without it, the advice is by rule and says how to measure it.
    trained_on : pandas.DataFrame, optional
        With probability ``scores`` of a model trained on resampled data: the training frame
        a pd_imbalance resampler returned (its ``attrs["pd_imbalance"]`` holds
        ``counts_before`` / ``counts_after``). The model evaluation then also holds the
        calibration of the scores after :func:`correct_prior` (``corrected_brier_score``,
        ...), corrected exactly as ``correct_prior(scores, trained_on=trained_on)`` does:
        from the training shares after resampling to those before (the population the model
        is meant for; not the evaluated rows' labels, so no test label leaks into the
        correction). The ranking numbers are those of the raw scores (binary: a prior
        correction is monotone and leaves them unchanged).
    prior_from : dict, Series or array, optional
        Instead of ``trained_on``: the class shares the model was trained on; the scores are
        then corrected to the evaluated rows' class shares. Scores that are not
        probabilities are not corrected (``model.prior_note`` says why). Without either,
        scores whose mean is far from the prevalence get a hint to correct them.

    Returns
    -------
    ImbalanceReport
        Per-class table, headline numbers (``imbalance_ratio``,
        ``majority_baseline_accuracy``, ...), recommendations, and ``model``: the
        :class:`ModelEvaluation` (None without ``predictions`` / ``scores``; its main
        numbers also as ``model_accuracy``, ``accuracy_paradox``, ``average_precision``,
        ...).

    Raises
    ------
    TargetNotFoundError
        The target, or the ``predictions`` / ``scores`` column, is missing.
    InvalidTargetError
        Invalid labels, or predictions that are missing or not classes of the target.
    InvalidFeaturesError
        ``scores`` not numeric, or with missing or infinite values.
    ValueError
        1-D ``scores`` or ``pos_label`` with a multi-class target, ``pos_label`` not a
        class or given without ``scores``, values of the wrong length (or a Series whose
        index is not the frame's), score columns that are not the classes,
        ``k_neighbors`` below 1, ``trained_on`` / ``prior_from`` without ``scores``, both
        given, ``trained_on`` without class counts in its attrs or with other classes than
        the target's, shares that are not a prior over the target's classes.
    TypeError
        ``predictions`` / ``scores`` neither a column name nor values.

    See Also
    --------
    tune_threshold : Choose the decision threshold of a score column.
    evaluate : Measure which technique helps a model on this data.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"amount": range(100), "fraud": [False] * 95 + [True] * 5})
    >>> rep = pdi.report(df, "fraud")
    >>> rep.imbalance_ratio, rep.majority_baseline_accuracy
    (19.0, 0.95)
    >>> rep.recommendations[0].technique
    'class_weights'

    A model that always says "no fraud" is 95 % accurate and useless:

    >>> df["pred"] = False
    >>> df["score"] = df["amount"] / 100
    >>> rep = pdi.report(df, "fraud", predictions="pred", scores="score")
    >>> rep.model_accuracy, rep.balanced_accuracy, rep.accuracy_paradox
    (0.95, 0.5, True)
    >>> rep.to_frame()["recall"].to_dict()
    {False: 1.0, True: 0.0}
    >>> rep.pos_label, rep.prevalence, rep.average_precision, rep.roc_auc
    (True, 0.05, 1.0, 1.0)
    >>> rep.model.mcc, rep.model.g_mean, round(rep.model.brier_score, 4), rep.recommendations
    (0.0, 0.0, 0.2813, ())

    Model outputs may also be arrays aligned with the rows, e.g. ``predict_proba``:

    >>> proba = np.column_stack([1 - df["score"], df["score"]])
    >>> pdi.report(df, "fraud", scores=proba).model.roc_auc
    1.0

    Scores of a model trained on a 50/50 undersample, with their calibration after prior
    correction back to the 95/5 shares:

    >>> m = pdi.report(df, "fraud", scores="score", prior_from={False: 0.5, True: 0.5}).model
    >>> round(m.brier_score, 4), round(m.corrected_brier_score, 4)
    (0.2813, 0.0229)
    """
    k = check_positive_int("k_neighbors", k_neighbors)
    if (trained_on is not None or prior_from is not None) and scores is None:
        raise ValueError(
            "trained_on= / prior_from= correct the prior of probability scores; pass "
            "scores= (e.g. model.predict_proba(X)) too, or drop them."
        )
    check_pos_label_use(pos_label, scores)
    if predictions is None and scores is None:
        column, table = checked_labels(df, target, "report", max_classes=max_classes)
        model: dict[str, Any] = {}
    else:
        column, table, codes = checked_codes(df, target, "report", max_classes=max_classes)
        ratios = _correction(table, trained_on, prior_from)
        model = model_numbers(df, table, codes, predictions, scores, pos_label, ratios)
        if ratios is not None:
            model["prior_correction"] = _describe(table, ratios, trained_on)
    # the feature checks shape the data advice, which a report about a model does not give
    findings = inspect_features(df, exclude={column}) if not model else []
    return build_report(column, table, df.dtypes, k, model, findings, evaluation)


def _correction(
    table: LabelTable, trained_on: pd.DataFrame | None, prior_from: Prior | None
) -> np.ndarray | None:
    """Return ``prior_to / prior_from`` in class-code order, or None when not asked."""
    if trained_on is None and prior_from is None:
        return None
    labels = table.labels
    here = {
        label: int(n) / int(table.counts.sum())
        for label, n in zip(labels, table.counts, strict=True)
    }
    source_from, source_to = prior_sources(
        trained_on, prior_from, here if trained_on is None else None
    )
    if trained_on is not None:
        trained = list(source_from)
        lacking = [c for c in labels if not any(same_class(c, t) for t in trained)]
        extra = [t for t in trained if not any(same_class(c, t) for c in labels)]
        if lacking or extra:
            raise ValueError(
                f"trained_on's classes ({sample_text(trained)}) are not those of target "
                f"{table.column!r} ({sample_text(labels)}), so its shares cannot correct these "
                "scores. Pass the training frame of the model that made the scores (same "
                "target, same label values and types), or prior_from= {class: share}."
            )
    what = f"classes of target {table.column!r}"
    return prior_ratios(
        aligned_shares(source_from, "prior_from", labels, what),
        aligned_shares(source_to, "prior_to", labels, what),
    )


def _describe(table: LabelTable, ratios: np.ndarray, trained_on: pd.DataFrame | None) -> str:
    """Return how the scores were corrected, for the model evaluation's text."""
    to = (
        "trained_on's shares before resampling"
        if trained_on is not None
        else "the evaluated rows' class shares"
    )
    shown = ", ".join(f"{label!r} x{r:.3g}" for label, r in zip(table.labels, ratios, strict=True))
    return f"to {to} (class weights {shown})"
