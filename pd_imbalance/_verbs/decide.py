"""Cost-sensitive decisions from class probabilities: the Bayes rule with a cost matrix.

With two classes a threshold is enough (:func:`pd_imbalance.tune_threshold`); with more,
"predict the most probable class" ignores that some mistakes cost more than others, and no
single threshold fixes that. The Bayes decision picks, for each row, the class with the lowest
expected cost (scikit-learn has no such rule yet: scikit-learn #30970).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from pd_imbalance._core.decide import bayes_decide, check_cost_matrix
from pd_imbalance._core.metrics import confusion_matrix
from pd_imbalance._pandas.checks import sample_text
from pd_imbalance._pandas.prior_inputs import numeric_probabilities
from pd_imbalance._verbs.prior import probability_matrix
from pd_imbalance.results import DecisionResult

__all__ = ["align_cost_matrix", "decide"]


def decide(
    proba: Any,
    cost_matrix: Any,
    *,
    labels: Any = None,
    classes: Sequence[Any] | None = None,
) -> DecisionResult:
    """Decide each row's class by lowest expected cost (the Bayes decision).

    ``cost_matrix[i, j]`` is the cost of predicting class ``j`` when the truth is class
    ``i``. A row with probabilities ``p`` gets the class ``j`` that minimises
    ``sum_i p[i] * cost_matrix[i, j]`` (ties go to the first class). With the 0/1 cost
    matrix (1 off the diagonal) this is the most probable class; raising the cost of
    missing a class makes the rule predict it more often. The probabilities should be
    calibrated (see :func:`correct_prior` after resampling). This function does not mutate
    its inputs.

    Parameters
    ----------
    proba : pandas.DataFrame or array-like
        Class probabilities, one row per case: a DataFrame whose columns are the class
        labels, a 2-D array (``predict_proba``; its column order is ``classes``), or a 1-D
        array of positive-class probabilities for two classes ``[0, 1]``.
    cost_matrix : pandas.DataFrame or array-like
        ``K x K`` costs, rows = true class, columns = predicted class: an array in the order
        of the probability columns, or a DataFrame whose index and columns are the class
        labels (in any order). A right prediction may not cost more than a wrong one for the
        same truth (``C[i, i] <= C[i, j]``); negative costs (gains) are fine.
    labels : array-like or pandas.Series, optional
        The true classes of the rows: adds the realised cost and the confusion matrix.
    classes : sequence, optional
        The class labels of an array's columns (e.g. ``model.classes_``); default
        ``0..K-1``. Not allowed with a DataFrame (its columns are the classes).

    Returns
    -------
    DecisionResult
        ``decisions``, ``expected_cost`` (per row), ``mean_expected_cost``, ``classes``,
        ``cost_matrix``; with ``labels`` also ``realised_cost`` and ``confusion``.

    Raises
    ------
    ValueError
        A cost matrix of the wrong shape, with values that are not finite, or that rewards a
        mistake (``C[i, i] > C[i, j]``, naming ``i`` and ``j``); cost-matrix classes that do
        not match the probability columns; probabilities outside [0, 1] or rows that do not
        add up to 1; labels of another length or that are not classes.
    TypeError
        Inputs of an unsupported type.

    See Also
    --------
    tune_threshold : For two classes: the threshold that minimises a cost on labelled rows.
    correct_prior : Calibrate the probabilities of a model trained on resampled rows.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> proba = pd.DataFrame({"ok": [0.7, 0.95, 0.2], "fraud": [0.3, 0.05, 0.8]})
    >>> costs = pd.DataFrame([[0, 1], [10, 0]], index=["ok", "fraud"], columns=["ok", "fraud"])
    >>> res = pdi.decide(proba, costs, labels=["ok", "ok", "fraud"])
    >>> res.decisions.tolist(), res.expected_cost.round(2).tolist()
    (['fraud', 'ok', 'fraud'], [0.7, 0.5, 0.2])
    >>> res.realised_cost
    0.3333333333333333
    """
    values, order, index = _probabilities(proba, classes)
    costs = check_cost_matrix(align_cost_matrix(cost_matrix, order), order)
    decision = bayes_decide(values, costs)
    chosen = pd.Index(order).take(decision.choice)
    if index is not None:
        decisions: pd.Series | np.ndarray = pd.Series(
            chosen.to_numpy(), index=index, name="decision", dtype=chosen.dtype
        )
        expected: pd.Series | np.ndarray = pd.Series(
            decision.expected_cost, index=index, name="expected_cost"
        )
    else:
        decisions = chosen.to_numpy()
        expected = decision.expected_cost
    frame = pd.DataFrame(
        costs, index=pd.Index(order, name="truth"), columns=pd.Index(order, name="decision")
    )
    realised: float | None = None
    confusion: pd.DataFrame | None = None
    if labels is not None:
        true = _label_codes(labels, order, len(values))
        realised = float(costs[true, decision.choice].mean())
        confusion = pd.DataFrame(
            confusion_matrix(true, decision.choice, len(order)),
            index=pd.Index(order, name="truth"),
            columns=pd.Index(order, name="decision"),
        )
    return DecisionResult(
        decisions=decisions,
        expected_cost=expected,
        mean_expected_cost=float(decision.expected_cost.mean()),
        classes=tuple(order),
        cost_matrix=frame,
        realised_cost=realised,
        confusion=confusion,
    )


def _probabilities(
    proba: Any, classes: Sequence[Any] | None
) -> tuple[np.ndarray, list[Any], pd.Index | None]:
    """Return the checked probability matrix, its classes, and the frame's index (or None)."""
    if isinstance(proba, pd.DataFrame):
        if classes is not None:
            raise ValueError(
                "classes= is for an array of probabilities; a DataFrame's columns are its "
                "classes (rename them instead)."
            )
        return probability_matrix(proba, "proba"), proba.columns.tolist(), proba.index
    if isinstance(proba, str | bytes | dict) or not hasattr(proba, "__len__"):
        raise TypeError(
            f"proba must be a DataFrame or an array of class probabilities; got "
            f"{type(proba).__name__}."
        )
    values = numeric_probabilities(np.asarray(proba), "proba")
    if values.ndim == 1:
        values = np.column_stack([1.0 - values, values])
    if values.ndim != 2 or values.shape[1] < 2:
        raise ValueError(
            "proba must be 2-D with one column per class (predict_proba), or 1-D "
            f"positive-class probabilities; got shape {values.shape}."
        )
    frame = pd.DataFrame(values)
    checked = probability_matrix(frame, "proba")
    if classes is None:
        return checked, list(range(values.shape[1])), None
    order = list(classes)
    if len(order) != values.shape[1] or len(set(map(repr, order))) != len(order):
        raise ValueError(
            f"classes= must name each of the {values.shape[1]} probability columns once; got "
            f"{sample_text(order)}."
        )
    return checked, order, None


def align_cost_matrix(cost_matrix: Any, order: list[Any]) -> np.ndarray:
    """Return the cost matrix as an array in ``order`` (a DataFrame's labels are matched).

    Raises
    ------
    ValueError
        A labelled matrix whose index or columns are not exactly the classes in ``order``.
    TypeError
        A cost matrix that is not numeric.
    """
    if isinstance(cost_matrix, pd.DataFrame):
        for axis, labels in (
            ("index (true classes)", cost_matrix.index),
            ("columns (predicted classes)", cost_matrix.columns),
        ):
            where = pd.Index(order, dtype=object).get_indexer(pd.Index(labels, dtype=object))
            missing = [c for c in order if c not in set(labels.tolist())]
            extra = [lab for lab, w in zip(labels.tolist(), where, strict=True) if w < 0]
            if missing or extra or len(labels) != len(order):
                raise ValueError(
                    f"cost_matrix {axis} must be the classes of the probabilities "
                    f"({sample_text(order)}); missing: {sample_text(missing)}, not a class: "
                    f"{sample_text(extra)}."
                )
        try:
            return np.asarray(
                cost_matrix.loc[order, order].to_numpy(dtype=np.float64), dtype=np.float64
            )
        except (TypeError, ValueError):
            raise TypeError("cost_matrix must hold numbers.") from None
    if isinstance(cost_matrix, str | bytes | dict) or not hasattr(cost_matrix, "__len__"):
        raise TypeError(
            f"cost_matrix must be a 2-D array or a DataFrame; got {type(cost_matrix).__name__}."
        )
    try:
        return np.asarray(cost_matrix, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            "cost_matrix must be a 2-D array of numbers (rows: true class, columns: "
            "predicted class)."
        ) from None


def _label_codes(labels: Any, order: list[Any], n_rows: int) -> np.ndarray:
    if isinstance(labels, pd.Series):
        series = labels
    else:
        series = pd.Series(np.asarray(labels, dtype=object))
    if series.ndim != 1 or len(series) != n_rows:
        raise ValueError(
            f"labels must give one true class per row of the probabilities ({n_rows:,}); got "
            f"{len(series):,}."
        )
    codes = pd.Index(order, dtype=object).get_indexer(pd.Index(series.astype(object), dtype=object))
    if (codes < 0).any():
        unknown = pd.unique(series[codes < 0].astype(object)).tolist()
        raise ValueError(
            f"labels hold value(s) that are not classes of the probabilities: "
            f"{sample_text(unknown)} (classes: {sample_text(order)}). Map them first, or check "
            "that the probability columns are labelled with the same values and types."
        )
    return np.asarray(codes, dtype=np.intp)
