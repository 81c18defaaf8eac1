"""The report verb: the label's imbalance, what it means, and a model's numbers on it."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import pandas as pd

from pd_imbalance._pandas.checks import checked_codes, checked_labels
from pd_imbalance._pandas.inspect import inspect_features
from pd_imbalance._pandas.model_output import model_numbers
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
        ``k_neighbors`` below 1.
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
    """
    k = check_positive_int("k_neighbors", k_neighbors)
    check_pos_label_use(pos_label, scores)
    if predictions is None and scores is None:
        column, table = checked_labels(df, target, "report", max_classes=max_classes)
        model: dict[str, Any] = {}
    else:
        column, table, codes = checked_codes(df, target, "report", max_classes=max_classes)
        model = model_numbers(df, table, codes, predictions, scores, pos_label)
    # the feature checks shape the data advice, which a report about a model does not give
    findings = inspect_features(df, exclude={column}) if not model else []
    return build_report(column, table, df.dtypes, k, model, findings, evaluation)
