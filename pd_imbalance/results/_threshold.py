"""The result of :func:`pd_imbalance.tune_threshold`: the threshold and the metrics at it."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from pd_imbalance._core.metrics import DEFAULT_THRESHOLD, Counts
from pd_imbalance.results import _html as h
from pd_imbalance.results import _plots
from pd_imbalance.results._report import json_safe

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from sklearn.model_selection import FixedThresholdClassifier

__all__ = ["ThresholdMetrics", "ThresholdResult"]


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


def _same_class(a: object, b: object) -> bool:
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


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

    def to_estimator(
        self, fitted_model: Any, *, response_method: str = "predict_proba"
    ) -> FixedThresholdClassifier:
        """Return a scikit-learn classifier that predicts with this threshold.

        The result is ``FixedThresholdClassifier(FrozenEstimator(fitted_model),
        threshold=self.threshold, pos_label=self.pos_label, response_method=...)``: it
        predicts ``pos_label`` where the model's score for it is ``>= threshold``, exactly
        the rule the threshold was tuned with, so its decisions on the tuning rows are those
        of :attr:`at_threshold`. The model is frozen: calling ``fit`` on the result (in a
        pipeline, say) does not refit it. It can be pickled and deployed like any
        estimator. Tune on the same model's scores, i.e.
        ``fitted_model.predict_proba(X)[:, k]`` with ``k`` the column of ``pos_label``.

        Parameters
        ----------
        fitted_model : scikit-learn classifier
            The fitted binary classifier whose scores were tuned.
        response_method : {"predict_proba", "decision_function"}, default="predict_proba"
            The method that gave the scores.

        Returns
        -------
        sklearn.model_selection.FixedThresholdClassifier

        Raises
        ------
        ValueError
            The model is not fitted, is not binary (a one-vs-rest threshold of a multi-class
            label has no scikit-learn estimator), or ``pos_label`` is not one of its classes.

        Examples
        --------
        >>> import numpy as np, pandas as pd, pd_imbalance as pdi
        >>> from sklearn.linear_model import LogisticRegression
        >>> X = np.arange(20.0).reshape(-1, 1)
        >>> y = np.array([0] * 14 + [1, 0, 1, 1, 0, 1])
        >>> model = LogisticRegression().fit(X, y)
        >>> df = pd.DataFrame({"y": y, "p": model.predict_proba(X)[:, 1]})
        >>> res = pdi.tune_threshold(df, "y", scores="p")
        >>> clf = res.to_estimator(model)
        >>> bool(((df["p"] >= res.threshold).astype(int) == clf.predict(X)).all())
        True
        """
        try:
            from sklearn.exceptions import NotFittedError
            from sklearn.frozen import FrozenEstimator
            from sklearn.model_selection import FixedThresholdClassifier
            from sklearn.utils.validation import check_is_fitted
        except ImportError as exc:  # pragma: no cover - scikit-learn is a dependency
            raise ImportError("ThresholdResult.to_estimator() needs scikit-learn.") from exc
        if response_method not in ("predict_proba", "decision_function"):
            raise ValueError(
                "response_method must be 'predict_proba' or 'decision_function'; got "
                f"{response_method!r}."
            )
        try:
            check_is_fitted(fitted_model)
        except (NotFittedError, TypeError) as exc:
            raise ValueError(
                f"to_estimator needs the fitted model whose scores were tuned; "
                f"{type(fitted_model).__name__} is not fitted ({exc}). Fit it first."
            ) from None
        classes = list(getattr(fitted_model, "classes_", []))
        if len(classes) != 2:
            raise ValueError(
                f"to_estimator needs a binary classifier (scikit-learn's "
                f"FixedThresholdClassifier is binary); the model has {len(classes)} classes. "
                "For several classes use pd_imbalance.decide with a cost matrix."
            )
        if not any(_same_class(c, self.pos_label) for c in classes):
            raise ValueError(
                f"pos_label {self.pos_label!r} is not a class of the model (classes "
                f"{classes!r}); tune on labels of the same values and types as the model's."
            )
        return FixedThresholdClassifier(
            FrozenEstimator(fitted_model),
            threshold=self.threshold,
            pos_label=self.pos_label,
            response_method=response_method,
        )

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

    def _repr_html_(self) -> str:
        name = _value_name(self.objective, self.beta)
        tiles = [
            h.tile("threshold", f"{self.threshold:.4g}", note="predict positive when score >= it"),
            h.tile(name, f"{self.value:.4g}", note=self._objective_text()),
            h.tile(
                "positive class",
                repr(self.pos_label),
                note=f"{self.n_positive:,} of {self.n_rows:,} rows",
            ),
        ]
        numbers = pd.DataFrame(
            {
                "threshold": [m.threshold for m in (self.at_threshold, self.at_default)],
                "precision": [m.precision for m in (self.at_threshold, self.at_default)],
                "recall": [m.recall for m in (self.at_threshold, self.at_default)],
                "f1": [m.f1 for m in (self.at_threshold, self.at_default)],
                "tp": [m.tp for m in (self.at_threshold, self.at_default)],
                "fp": [m.fp for m in (self.at_threshold, self.at_default)],
                "fn": [m.fn for m in (self.at_threshold, self.at_default)],
                "tn": [m.tn for m in (self.at_threshold, self.at_default)],
            },
            index=pd.Index(["tuned", f"default {DEFAULT_THRESHOLD:g}"], name="at"),
        )
        rate = "{:.3f}"
        flagged = [
            (row, column)
            for row, values in numbers.iterrows()
            for column in ("precision", "recall")
            if values[column] == 0
        ]
        table = h.html_table(
            numbers,
            formats={"threshold": "{:.6g}", "precision": rate, "recall": rate, "f1": rate},
            bars={"precision": 1.0, "recall": 1.0, "f1": 1.0},
            highlight_rows=["tuned"],
            flag_cells=flagged,
        )
        note = (
            f"Scores {self.scores!r} for target {self.target!r}; {len(self._curve):,} candidate "
            "thresholds in .curve; .plot() draws the metrics against them."
        )
        return h.html_card(
            "ThresholdResult",
            tiles,
            [table, h.paragraph(note)],
            subtitle=f"{self._objective_text()}: threshold {self.threshold:.6g}",
        )

    def plot(self, ax: Axes | None = None) -> Axes:
        """Draw precision, recall and F1 against the threshold, marking the chosen one.

        Also drawn: the default 0.5 (when it lies within the scores), the constraint line
        of ``"min_recall"`` / ``"min_precision"``, and for ``"cost"`` the cost curve (on a
        second y axis, on the right). The legend sits outside the plotting area, so it never
        covers a curve. Needs matplotlib: ``pip install "pd-imbalance[plot]"``.

        Returns
        -------
        matplotlib.axes.Axes
            ``ax``, or a new Axes when None.
        """
        plt = _plots.pyplot("ThresholdResult.plot()")
        if ax is None:
            _, ax = plt.subplots(figsize=(7.5, 4.2), layout="constrained")
        x = self._curve["threshold"].to_numpy()
        # A value at threshold t holds for every threshold in (previous t, t].
        for column in ("precision", "recall", "f1"):
            style = "--" if column == "f1" else "-"
            ax.plot(x, self._curve[column].to_numpy(), style, label=column, drawstyle="steps-pre")
        ax.axvline(
            self.threshold, color="black", linestyle=":", label=f"chosen {self.threshold:.4g}"
        )
        if x.min() <= DEFAULT_THRESHOLD <= x.max():
            ax.axvline(
                DEFAULT_THRESHOLD,
                color="gray",
                linestyle="-.",
                linewidth=1,
                label=f"default {DEFAULT_THRESHOLD:g}",
            )
        if self.objective in ("min_recall", "min_precision"):
            metric = "recall" if self.objective == "min_recall" else "precision"
            floor = self.min_recall if self.objective == "min_recall" else self.min_precision
            assert floor is not None
            ax.axhline(floor, color="#b91c1c", linewidth=1, label=f"{metric} >= {floor:g}")
        twins = []
        if self.objective == "cost":
            cost = self.fn_cost * self._curve["fn"].to_numpy(
                dtype=float
            ) + self.fp_cost * self._curve["fp"].to_numpy(dtype=float)
            twin = ax.twinx()
            twin.plot(x, cost, color="#7c3aed", drawstyle="steps-pre", label="cost")
            twin.set_ylabel(f"cost {self.fn_cost:g} * FN + {self.fp_cost:g} * FP")
            twins.append(twin)
        ax.set_xlabel(f"threshold on {self.scores}")
        ax.set_ylabel(f"metric for class {self.pos_label!r}")
        ax.set_ylim(-0.02, 1.02)
        ax.set_title(f"{self._objective_text()}: threshold {self.threshold:.4g}")
        _plots.outside_legend(ax, below=bool(twins), extra=twins)
        return ax
