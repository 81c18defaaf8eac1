"""Choose the decision threshold of a score column: :func:`tune_threshold`, ThresholdResult.

A classifier trained on imbalanced data often ranks well but thresholds badly: the default
0.5 on ``predict_proba`` rarely gives the precision/recall trade-off you need. Tune the
threshold on *validation* data (never on the training rows), then apply it to new scores.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pd_imbalance._core.metrics import (
    OBJECTIVES,
    BinaryCurve,
    Counts,
    Objective,
    UnreachableConstraintError,
    binary_curve,
    choose_threshold,
    counts_at,
)
from pd_imbalance._evaluation import model_column, positive_code, require_binary, score_values
from pd_imbalance._frame import label_codes
from pd_imbalance._target import resolve_target
from pd_imbalance._validation import check_labels
from pd_imbalance.report import json_safe

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["ThresholdMetrics", "ThresholdResult", "tune_threshold"]

#: The threshold reported next to the tuned one, the usual default on probabilities.
DEFAULT_THRESHOLD = 0.5

CURVE_COLUMNS = ["threshold", "precision", "recall", "f1", "tp", "fp", "fn", "tn"]


@dataclass(frozen=True)
class ThresholdMetrics:
    """Confusion counts, precision, recall and F1 when predicting ``score >= threshold``.

    Attributes
    ----------
    threshold : float
        The threshold.
    tp, fp, fn, tn : int
        True positives, false positives, false negatives, true negatives.
    precision, recall, f1 : float
        Of the positive class; 0 when undefined (nothing predicted positive).
    """

    threshold: float
    tp: int
    fp: int
    fn: int
    tn: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, threshold: float, counts: Counts) -> ThresholdMetrics:
        """Build from the core's confusion counts."""
        return cls(
            threshold=float(threshold),
            tp=counts.tp,
            fp=counts.fp,
            fn=counts.fn,
            tn=counts.tn,
            precision=counts.precision,
            recall=counts.recall,
            f1=counts.f1,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the numbers as a JSON-safe dict."""
        return {
            "threshold": json_safe(self.threshold),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": json_safe(self.precision),
            "recall": json_safe(self.recall),
            "f1": json_safe(self.f1),
        }


def _value_name(objective: str, beta: float) -> str:
    return {
        "f1": "F1",
        "fbeta": f"F{beta:g}",
        "min_recall": "precision",
        "min_precision": "recall",
        "cost": "cost",
    }[objective]


@dataclass(frozen=True)
class ThresholdResult:
    """The tuned threshold of a score column, with the metrics at it and at 0.5.

    Build it with :func:`tune_threshold` or ``df.imbalance.tune_threshold(...)``. Predict
    the positive class for rows whose ``score >= threshold``.

    Attributes
    ----------
    threshold : float
        The chosen threshold, one of the distinct score values.
    objective : str
        ``"f1"``, ``"fbeta"``, ``"min_recall"``, ``"min_precision"`` or ``"cost"``.
    value : float
        The objective at ``threshold``: F1, F-beta, precision (``"min_recall"``), recall
        (``"min_precision"``) or ``fn_cost * FN + fp_cost * FP`` (``"cost"``).
    at_threshold, at_default : ThresholdMetrics
        Counts, precision, recall and F1 at ``threshold`` and at 0.5.
    target, scores : str
        The label column and the score column.
    pos_label : object
        The positive class.
    n_rows, n_positive : int
        Rows, and rows of the positive class.
    beta, min_recall, min_precision, fn_cost, fp_cost
        The parameters of the objective.
    curve : pandas.DataFrame
        One row per candidate threshold, increasing: ``threshold``, ``precision``,
        ``recall``, ``f1``, ``tp``, ``fp``, ``fn``, ``tn`` (a new copy on each access).
    """

    threshold: float
    objective: str
    value: float
    at_threshold: ThresholdMetrics
    at_default: ThresholdMetrics
    target: Hashable
    scores: Hashable
    pos_label: Any
    n_rows: int
    n_positive: int
    beta: float
    min_recall: float | None
    min_precision: float | None
    fn_cost: float
    fp_cost: float
    _curve: pd.DataFrame = field(repr=False, compare=False)

    @property
    def curve(self) -> pd.DataFrame:
        """Precision, recall, F1 and counts at every candidate threshold (a new DataFrame)."""
        return self._curve.copy()

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-safe Python objects (the curve is in :attr:`curve`).

        Examples
        --------
        >>> import json, pandas as pd, pd_imbalance as pdi
        >>> df = pd.DataFrame({"y": [0, 0, 0, 1, 1], "p": [0.1, 0.2, 0.6, 0.4, 0.9]})
        >>> d = json.loads(json.dumps(pdi.tune_threshold(df, "y", scores="p").to_dict()))
        >>> d["threshold"], d["at_threshold"]["tp"], d["at_default"]["tp"]
        (0.4, 2, 1)
        """
        return {
            "target": json_safe(self.target),
            "scores": json_safe(self.scores),
            "pos_label": json_safe(self.pos_label),
            "objective": self.objective,
            "threshold": json_safe(self.threshold),
            "value": json_safe(self.value),
            "n_rows": self.n_rows,
            "n_positive": self.n_positive,
            "beta": json_safe(self.beta),
            "min_recall": json_safe(self.min_recall),
            "min_precision": json_safe(self.min_precision),
            "fn_cost": json_safe(self.fn_cost),
            "fp_cost": json_safe(self.fp_cost),
            "at_threshold": self.at_threshold.to_dict(),
            "at_default": self.at_default.to_dict(),
        }

    def _comparison(self) -> pd.DataFrame:
        rows = {
            "tuned": self.at_threshold,
            f"default {DEFAULT_THRESHOLD:g}": self.at_default,
        }
        return pd.DataFrame(
            {
                "threshold": [f"{m.threshold:.6g}" for m in rows.values()],
                "precision": [f"{m.precision:.3f}" for m in rows.values()],
                "recall": [f"{m.recall:.3f}" for m in rows.values()],
                "f1": [f"{m.f1:.3f}" for m in rows.values()],
                "tp": [m.tp for m in rows.values()],
                "fp": [m.fp for m in rows.values()],
                "fn": [m.fn for m in rows.values()],
                "tn": [m.tn for m in rows.values()],
            },
            index=list(rows),
        )

    def _objective_text(self) -> str:
        if self.objective == "min_recall":
            return f"best precision with recall >= {self.min_recall:g}"
        if self.objective == "min_precision":
            return f"best recall with precision >= {self.min_precision:g}"
        if self.objective == "cost":
            return f"lowest cost {self.fn_cost:g} * FN + {self.fp_cost:g} * FP"
        return f"best {_value_name(self.objective, self.beta)}"

    def __repr__(self) -> str:
        name = _value_name(self.objective, self.beta)
        table = self._comparison().to_string()
        return "\n".join(
            [
                f"ThresholdResult: threshold {self.threshold:.6g} ({self._objective_text()}; "
                f"{name} = {self.value:.6g})",
                f"  target {self.target!r}, positive class {self.pos_label!r} "
                f"({self.n_positive:,} of {self.n_rows:,} rows), scores {self.scores!r}; "
                f"predict positive when score >= threshold",
                "",
                *("  " + line for line in table.splitlines()),
                "",
                f"  {len(self._curve):,} candidate thresholds in .curve; .plot() draws "
                "precision and recall against them.",
            ]
        )

    def plot(self, ax: Axes | None = None) -> Axes:
        """Draw precision, recall and F1 against the threshold, marking the chosen one.

        Needs matplotlib: ``pip install "pd-imbalance[plot]"``.

        Returns
        -------
        matplotlib.axes.Axes
            ``ax``, or a new Axes when None.
        """
        try:
            import matplotlib.pyplot as plt
        except ImportError as exc:
            raise ImportError(
                "ThresholdResult.plot() needs matplotlib; install it with "
                'pip install "pd-imbalance[plot]".'
            ) from exc
        if ax is None:
            _, ax = plt.subplots()
        x = self._curve["threshold"].to_numpy()
        # A value at threshold t holds for every threshold in (previous t, t].
        for column in ("precision", "recall", "f1"):
            style = "--" if column == "f1" else "-"
            ax.plot(x, self._curve[column].to_numpy(), style, label=column, drawstyle="steps-pre")
        ax.axvline(
            self.threshold, color="black", linestyle=":", label=f"chosen {self.threshold:.4g}"
        )
        ax.set_xlabel(f"threshold on {self.scores}")
        ax.set_ylabel(f"metric for class {self.pos_label!r}")
        ax.set_ylim(-0.02, 1.02)
        ax.set_title(f"{self._objective_text()}: threshold {self.threshold:.4g}")
        ax.legend(loc="best")
        return ax


# -- parameters ------------------------------------------------------------------------------


def _real(name: str, value: object) -> float:
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number; got {type(value).__name__} {value!r}.")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite; got {number}.")
    return number


def _share(name: str, value: object, objective: str, wanted: str) -> float | None:
    if value is None:
        if objective == wanted:
            raise ValueError(
                f"objective={wanted!r} needs {name}=, a share in (0, 1], e.g. {name}=0.8."
            )
        return None
    if objective != wanted:
        raise ValueError(
            f"{name} is used only with objective={wanted!r}; got objective={objective!r}. "
            f"Pass objective={wanted!r}, or drop {name}."
        )
    share = _real(name, value)
    if not 0 < share <= 1:
        raise ValueError(f"{name} must be in (0, 1]; got {share}.")
    return share


def _check_objective(objective: object) -> Objective:
    if not isinstance(objective, str) or objective not in OBJECTIVES:
        raise ValueError(
            f"objective must be one of {', '.join(map(repr, OBJECTIVES))}; got {objective!r}."
        )
    return objective


def _check_costs(fn_cost: object, fp_cost: object) -> tuple[float, float]:
    costs = _real("fn_cost", fn_cost), _real("fp_cost", fp_cost)
    if min(costs) < 0 or max(costs) == 0:
        raise ValueError(
            f"fn_cost and fp_cost must be >= 0 and not both 0; got fn_cost={costs[0]}, "
            f"fp_cost={costs[1]}."
        )
    return costs


def _curve_frame(curve: BinaryCurve) -> pd.DataFrame:
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


# -- the verb --------------------------------------------------------------------------------


def tune_threshold(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    scores: Hashable,
    objective: Objective = "f1",
    pos_label: Any = None,
    beta: float = 1.0,
    min_recall: float | None = None,
    min_precision: float | None = None,
    fn_cost: float = 1.0,
    fp_cost: float = 1.0,
) -> ThresholdResult:
    """Choose the threshold on a score column that best serves an objective (binary labels).

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
    scores : str
        Column of finite numeric scores for ``pos_label`` (higher = more likely positive),
        e.g. ``model.predict_proba(X)[:, 1]``.
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
        (the same rule as :func:`report`).
    beta : float, default=1.0
        For ``"fbeta"``: the weight of recall relative to precision, > 0.
    min_recall, min_precision : float, optional
        The constraint of ``"min_recall"`` / ``"min_precision"``, in (0, 1]; only allowed
        with that objective.
    fn_cost, fp_cost : float, default=1.0
        For ``"cost"``: the cost of a missed positive and of a false alarm (>= 0, not both
        0).

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
        A multi-class target, a constant score column, ``pos_label`` not a class, a
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
    """
    objective = _check_objective(objective)
    beta = _real("beta", beta)
    if beta <= 0:
        raise ValueError(f"beta must be > 0; got {beta}.")
    min_recall = _share("min_recall", min_recall, objective, "min_recall")
    min_precision = _share("min_precision", min_precision, objective, "min_precision")
    fn_cost, fp_cost = _check_costs(fn_cost, fp_cost)

    column = resolve_target(df, target)
    table, codes = label_codes(df[column])
    check_labels(table, df[column], "tune_threshold")
    require_binary(table, "tune_threshold")
    score_column = model_column(df, scores, "scores")
    values = score_values(df, score_column, "tune_threshold")
    pos = positive_code(table, pos_label)
    positive = codes == pos
    curve = binary_curve(positive, values)
    if len(curve.thresholds) < 2:
        raise ValueError(
            f"Scores column {score_column!r} holds the same value ({curve.thresholds[0]:g}) "
            "on every row, so no threshold separates the classes. Check that it is the "
            "model's score (e.g. predict_proba(X)[:, 1], not predict(X) on one class)."
        )
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
        reached = curve.recall if exc.metric == "recall" else curve.precision
        at = float(curve.thresholds[int(np.argmax(reached))])
        raise ValueError(
            f"No threshold on scores {score_column!r} reaches {exc.metric} >= {exc.required:g} "
            f"for class {table.labels[pos]!r}: the best achievable {exc.metric} is "
            f"{exc.best:.4g} (at threshold {at:.6g}). Lower min_{exc.metric} or improve the "
            "model."
        ) from None
    threshold = float(curve.thresholds[best])
    return ThresholdResult(
        threshold=threshold,
        objective=objective,
        value=value,
        at_threshold=ThresholdMetrics.from_counts(
            threshold,
            Counts(
                tp=int(curve.tps[best]),
                fp=int(curve.fps[best]),
                fn=int(curve.fns[best]),
                tn=int(curve.tns[best]),
            ),
        ),
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
        _curve=_curve_frame(curve),
    )
