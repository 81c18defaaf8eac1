"""The threshold verb: choose the decision threshold of a score column.

A classifier trained on imbalanced data often ranks well but thresholds badly: the default
0.5 on ``predict_proba`` rarely gives the precision/recall trade-off you need. Tune the
threshold on *validation* data (never on the training rows), then apply it to new scores.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, cast

import numpy as np
import pandas as pd

from pd_imbalance._core.decide import binary_costs, check_cost_matrix
from pd_imbalance._core.metrics import (
    DEFAULT_THRESHOLD,
    OBJECTIVES,
    BinaryCurve,
    Counts,
    Objective,
    UnreachableConstraintError,
    binary_curve,
    choose_threshold,
    counts_at,
)
from pd_imbalance._pandas.checks import checked_codes
from pd_imbalance._pandas.labels import LabelTable
from pd_imbalance._pandas.model_output import positive_code, require_binary, score_matrix
from pd_imbalance._params import MaxClasses, check_costs, check_objective, check_real, check_share
from pd_imbalance._verbs.decide import align_cost_matrix
from pd_imbalance.results import ThresholdMetrics, ThresholdResult

__all__ = ["tune_threshold"]


def tune_threshold(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    scores: Any,
    objective: Objective = "f1",
    pos_label: Any = None,
    beta: float = 1.0,
    min_recall: float | None = None,
    min_precision: float | None = None,
    fn_cost: float = 1.0,
    fp_cost: float = 1.0,
    cost_matrix: Any = None,
    max_classes: MaxClasses = "auto",
) -> ThresholdResult:
    """Choose the threshold on a score column that best serves an objective.

    For a binary label, or one class against the rest of a multi-class label
    (``pos_label=k`` with that class's probability column as ``scores``).

    A row is predicted positive when its ``score >= threshold``. The candidate thresholds are
    the distinct score values, as in scikit-learn's ``precision_recall_curve``: the lowest
    predicts every row positive, the highest only the top-scored rows. Use validation data,
    not training rows. This function does not mutate the original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        Labelled rows with the model's scores.
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    scores : str, array, Series or DataFrame
        Finite numeric scores for ``pos_label`` (higher = more likely positive): a column
        name, or values aligned with the rows (a Series by its index), e.g.
        ``model.predict_proba(X)[:, 1]``; a 2-column ``predict_proba`` output gives the
        ``pos_label`` column (by position in class order, or by label for a DataFrame).
    objective : {"f1", "fbeta", "min_recall", "min_precision", "cost"}, default="f1"
        ``"f1"``: maximise F1. ``"fbeta"``: maximise F-beta (``beta`` > 1 favours recall).
        ``"min_recall"``: the best precision among thresholds with ``recall >= min_recall``.
        ``"min_precision"``: the best recall among thresholds with
        ``precision >= min_precision``. ``"cost"``: minimise ``fn_cost * FN + fp_cost * FP``.
        Ties on the objective go to the higher recall (``"min_precision"``: the higher
        precision), then to the higher threshold.
    pos_label : object, optional
        The positive class. Default: 1 (True) when the labels are 0/1 (False/True), else the
        minority class; two equally frequent classes that are not 0/1 need it explicitly
        (the same rule as :func:`report`). With more than two classes it is required: the
        threshold is tuned for that class against all the others (one-vs-rest), on its
        probability column, e.g. ``model.predict_proba(X)[:, k]``.
    beta : float, default=1.0
        For ``"fbeta"``: the weight of recall relative to precision, > 0.
    min_recall, min_precision : float, optional
        The constraint of ``"min_recall"`` / ``"min_precision"``, in (0, 1]; only allowed
        with that objective.
    fn_cost, fp_cost : float, default=1.0
        For ``"cost"``: the cost of a missed positive and of a false alarm (>= 0, not both
        0).
    cost_matrix : 2 x 2 array-like or pandas.DataFrame, optional
        For ``"cost"``, instead of ``fn_cost`` / ``fp_cost``: ``cost_matrix[i, j]`` is the cost
        of predicting class ``j`` when the truth is ``i`` (a DataFrame labelled with the
        classes, or an array in the sorted class order). It becomes ``fn_cost = C[pos, neg]
        - C[pos, pos]`` and ``fp_cost = C[neg, pos] - C[neg, neg]``, which rank thresholds
        exactly as the matrix does (``value`` is then the cost above that of a perfect
        model). Binary labels only: for more classes use :func:`decide`.
    max_classes : "auto", int or None, default="auto"
        The guard against an ID column passed as the target by mistake. ``"auto"`` refuses
        more than 1,000 classes only when most of them have a single row; an int refuses
        more classes than that; None accepts any number of classes.

    Returns
    -------
    ThresholdResult
        ``threshold``, ``value``, metrics ``at_threshold`` and ``at_default`` (0.5), the
        ``curve`` DataFrame, ``to_dict()``, ``plot()``.

    Raises
    ------
    TargetNotFoundError
        The target or the scores column is missing.
    InvalidTargetError
        Invalid labels (missing values, a single class, ...).
    InvalidFeaturesError
        The scores column is not numeric, or holds missing or infinite values.
    ValueError
        A multi-class target without ``pos_label`` (or with ``cost_matrix``), a cost matrix
        of the wrong shape, that rewards mistakes or whose classes are not the target's, a
        constant score column, ``pos_label`` not a class, a
        ``min_recall`` / ``min_precision`` that no threshold reaches (the message gives the
        best achievable), or invalid parameters.
    TypeError
        A parameter of the wrong type.

    See Also
    --------
    report : Average precision and ROC AUC of the same scores.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"y": [0, 0, 0, 0, 0, 0, 1, 0, 1, 1],
    ...                    "p": [.05, .1, .15, .2, .25, .3, .35, .4, .45, .6]})
    >>> res = pdi.tune_threshold(df, "y", scores="p")
    >>> res.threshold, round(res.value, 4), res.at_default.recall
    (0.35, 0.8571, 0.3333333333333333)
    >>> pdi.tune_threshold(df, "y", scores="p", objective="min_precision",
    ...                    min_precision=1.0).threshold
    0.45
    >>> pdi.tune_threshold(df, "y", scores="p", objective="cost", fn_cost=10).threshold
    0.35
    >>> pdi.tune_threshold(df, "y", scores="p", objective="cost",
    ...                    cost_matrix=[[0, 1], [10, 0]]).threshold
    0.35

    One class of a multi-class label against the rest, on its probability column:

    >>> three = pd.DataFrame({"y": ["a", "b", "c", "c"] * 3,
    ...                       "p_c": [.1, .2, .7, .9, .3, .1, .6, .8, .2, .4, .5, .95]})
    >>> pdi.tune_threshold(three, "y", scores="p_c", pos_label="c").threshold
    0.5
    """
    objective = cast(Objective, check_objective(objective, OBJECTIVES))
    beta = check_real("beta", beta)
    if beta <= 0:
        raise ValueError(f"beta must be > 0; got {beta}.")
    min_recall = check_share("min_recall", min_recall, objective, "min_recall")
    min_precision = check_share("min_precision", min_precision, objective, "min_precision")
    fn_cost, fp_cost = check_costs(fn_cost, fp_cost)
    if cost_matrix is not None and objective != "cost":
        raise ValueError(
            f"cost_matrix is only allowed with objective='cost'; got objective={objective!r}."
        )
    if cost_matrix is not None and (fn_cost, fp_cost) != (1.0, 1.0):
        raise ValueError(
            "Pass cost_matrix= or fn_cost= / fp_cost=, not both: the matrix sets both costs."
        )

    column, table, codes = checked_codes(df, target, "tune_threshold", max_classes=max_classes)
    _require_two_sides(table, pos_label, cost_matrix)
    pos = positive_code(table, pos_label)
    score_column, values = score_matrix(df, scores, table, pos, "tune_threshold")
    if cost_matrix is not None:
        fn_cost, fp_cost = _matrix_costs(cost_matrix, table, pos)
    positive = codes == pos
    curve = _separating_curve(positive, values, score_column)
    try:
        best, value = choose_threshold(
            curve,
            objective,
            beta=beta,
            min_recall=min_recall,
            min_precision=min_precision,
            fn_cost=fn_cost,
            fp_cost=fp_cost,
        )
    except UnreachableConstraintError as exc:
        raise _unreachable(exc, curve, score_column, table.labels[pos]) from None
    threshold = float(curve.thresholds[best])
    return ThresholdResult(
        threshold=threshold,
        objective=objective,
        value=value,
        at_threshold=ThresholdMetrics.from_counts(threshold, _counts_at_point(curve, best)),
        at_default=ThresholdMetrics.from_counts(
            DEFAULT_THRESHOLD, counts_at(positive, values, DEFAULT_THRESHOLD)
        ),
        target=column,
        scores=score_column,
        pos_label=table.labels[pos],
        n_rows=len(values),
        n_positive=curve.n_pos,
        beta=beta,
        min_recall=min_recall,
        min_precision=min_precision,
        fn_cost=fn_cost,
        fp_cost=fp_cost,
        _curve=curve_frame(curve),
    )


def _require_two_sides(table: LabelTable, pos_label: object, cost_matrix: object) -> None:
    """Refuse a multi-class label unless ``pos_label`` picks one class against the rest."""
    if len(table.classes) == 2:
        return
    if cost_matrix is not None:
        raise ValueError(
            f"cost_matrix in tune_threshold is for a binary label, but target "
            f"{table.column!r} has {len(table.classes)} classes. For several classes no "
            "threshold is the Bayes decision: use pd_imbalance.decide(proba_frame, "
            "cost_matrix, labels=df[target]) on the model's class probabilities."
        )
    if pos_label is None:
        require_binary(table, "tune_threshold")


def _matrix_costs(cost_matrix: object, table: LabelTable, pos: int) -> tuple[float, float]:
    """Return ``(fn_cost, fp_cost)`` of a checked 2 x 2 cost matrix in the target's classes."""
    order = list(table.labels)
    costs = check_cost_matrix(align_cost_matrix(cost_matrix, order), order)
    fn_cost, fp_cost = binary_costs(costs, pos)
    if max(fn_cost, fp_cost) == 0:
        raise ValueError(
            "cost_matrix costs a mistake no more than a right prediction for either class, so "
            "every threshold costs the same; give a mistake a cost above the diagonal."
        )
    return fn_cost, fp_cost


def _separating_curve(positive: np.ndarray, values: np.ndarray, column: Hashable) -> BinaryCurve:
    """Return the precision/recall curve of the scores (they must take two values at least)."""
    curve = binary_curve(positive, values)
    if len(curve.thresholds) < 2:
        raise ValueError(
            f"Scores column {column!r} holds the same value ({curve.thresholds[0]:g}) "
            "on every row, so no threshold separates the classes. Check that it is the "
            "model's score (e.g. predict_proba(X)[:, 1], not predict(X) on one class)."
        )
    return curve


def _counts_at_point(curve: BinaryCurve, point: int) -> Counts:
    return Counts(
        tp=int(curve.tps[point]),
        fp=int(curve.fps[point]),
        fn=int(curve.fns[point]),
        tn=int(curve.tns[point]),
    )


def _unreachable(
    exc: UnreachableConstraintError, curve: BinaryCurve, column: Hashable, pos_label: object
) -> ValueError:
    """Return the error for a recall/precision floor that no threshold reaches."""
    reached = curve.recall if exc.metric == "recall" else curve.precision
    at = float(curve.thresholds[int(np.argmax(reached))])
    return ValueError(
        f"No threshold on scores {column!r} reaches {exc.metric} >= {exc.required:g} "
        f"for class {pos_label!r}: the best achievable {exc.metric} is "
        f"{exc.best:.4g} (at threshold {at:.6g}). Lower min_{exc.metric} or improve the "
        "model."
    )


def curve_frame(curve: BinaryCurve) -> pd.DataFrame:
    """Return the curve as a DataFrame, from the lowest threshold up."""
    flip = slice(None, None, -1)  # the core goes from the highest threshold down
    columns: dict[str, np.ndarray] = {
        "threshold": curve.thresholds[flip],
        "precision": curve.precision[flip],
        "recall": curve.recall[flip],
        "f1": curve.fbeta(1.0)[flip],
        "tp": curve.tps[flip],
        "fp": curve.fps[flip],
        "fn": curve.fns[flip],
        "tn": curve.tns[flip],
    }
    return pd.DataFrame({name: np.ascontiguousarray(v) for name, v in columns.items()})
