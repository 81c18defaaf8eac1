"""ImbalanceReport: what the imbalance is and what to do about it, as text, HTML and data."""

from __future__ import annotations

import html
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pd_imbalance._core.recommend import Recommendation, recommend
from pd_imbalance._core.summary import ImbalanceStats, class_weights_table, imbalance_stats
from pd_imbalance._pandas.labels import LabelTable
from pd_imbalance.results._model import ModelEvaluation, build_evaluation

if TYPE_CHECKING:
    from matplotlib.axes import Axes

from pd_imbalance._pandas.records import json_safe

__all__ = ["ImbalanceReport", "Recommendation", "build_report", "json_safe"]


@dataclass(frozen=True)
class ImbalanceReport:
    """A read-only summary of a label's class distribution with recommendations.

    Build it with ``df.imbalance.report()`` or :func:`pd_imbalance.report`.

    Attributes
    ----------
    target : str
        The label column.
    n_rows, n_classes : int
        Rows and distinct classes.
    majority_label, minority_label : object
        The largest and smallest class (the first in class order when tied).
    imbalance_ratio : float
        Rows of the largest class over rows of the smallest.
    minority_share : float
        Share of all rows that the smallest class holds.
    majority_baseline_accuracy : float
        Accuracy of always predicting the majority class: any model must beat this.
    entropy_balance : float
        ``-sum(p ln p) / ln K``; 1 means perfectly balanced.
    severity : str
        "none", "mild", "moderate" or "extreme", from the pairwise minority share
        ``n_min / (n_min + n_max)`` (>= 40 %, 20-40 %, 1-20 %, < 1 %).
    is_imbalanced : bool
        True unless the severity is "none".
    recommendations : tuple of Recommendation
        Techniques to try, most useful first, each with a reason and a starting call.
        Empty when the report evaluates a model (``predictions=`` / ``scores=``): advice
        about resampling the data does not belong next to a scored test set.
    k_neighbors : int
        The SMOTE neighbourhood size used for the ``smote_possible`` column.
    model : ModelEvaluation or None
        The evaluation of ``predictions=`` / ``scores=`` (its own ``to_frame()``,
        ``to_dict()`` and text), else None. The attributes below are shortcuts to it.
    predictions : str or None
        The predicted-label column scored (``"<array>"`` for values), else None.
    model_accuracy : float or None
        Accuracy of ``predictions`` (``model.accuracy``); compare it with
        ``majority_baseline_accuracy``.
    accuracy_paradox : bool or None
        True when the model removes less than 10 % of the majority baseline's errors or
        some class has recall 0: accuracy then hides that the model misses a class.
    macro_f1 : float or None
        Unweighted mean of the per-class F1 scores.
    balanced_accuracy : float or None
        Mean per-class recall (0.5 for always-majority on binary labels).
    scores : str or None
        The scores evaluated (``"<array>"`` for values), else None.
    pos_label : object or None
        The class the scores are for (binary labels), else None.
    average_precision : float or None
        Area under the precision-recall curve (scikit-learn's step-wise definition; macro
        one-vs-rest for multi-class probabilities).
    prevalence : float or None
        Share of ``pos_label`` rows: the average precision of a model without skill.
    roc_auc : float or None
        Area under the ROC curve (0.5 without skill, whatever the imbalance).
    """

    target: Hashable
    n_rows: int
    n_classes: int
    majority_label: Any
    minority_label: Any
    imbalance_ratio: float
    minority_share: float
    majority_baseline_accuracy: float
    entropy_balance: float
    severity: str
    is_imbalanced: bool
    recommendations: tuple[Recommendation, ...]
    k_neighbors: int
    _classes: pd.DataFrame = field(repr=False, compare=False)
    model: ModelEvaluation | None = None

    # -- shortcuts to the model evaluation (names kept from earlier versions) ---------------
    @property
    def predictions(self) -> Hashable | None:
        """The predicted labels evaluated (see ``model``), else None."""
        return None if self.model is None else self.model.predictions

    @property
    def model_accuracy(self) -> float | None:
        """``model.accuracy``: the accuracy of ``predictions``, else None."""
        return None if self.model is None else self.model.accuracy

    @property
    def accuracy_paradox(self) -> bool | None:
        """``model.accuracy_paradox``, else None."""
        return None if self.model is None else self.model.accuracy_paradox

    @property
    def macro_f1(self) -> float | None:
        """``model.macro_f1``, else None."""
        return None if self.model is None else self.model.macro_f1

    @property
    def balanced_accuracy(self) -> float | None:
        """``model.balanced_accuracy``, else None."""
        return None if self.model is None else self.model.balanced_accuracy

    @property
    def scores(self) -> Hashable | None:
        """The scores evaluated (see ``model``), else None."""
        return None if self.model is None else self.model.scores

    @property
    def pos_label(self) -> Any:
        """The class the scores are for (binary labels with ``scores=``), else None."""
        return None if self.scores is None or self.model is None else self.model.pos_label

    @property
    def average_precision(self) -> float | None:
        """``model.average_precision``, else None."""
        return None if self.model is None else self.model.average_precision

    @property
    def prevalence(self) -> float | None:
        """``model.prevalence``, else None."""
        return None if self.model is None else self.model.prevalence

    @property
    def roc_auc(self) -> float | None:
        """``model.roc_auc``, else None."""
        return None if self.model is None else self.model.roc_auc

    @classmethod
    def build(
        cls,
        *,
        target: Hashable,
        classes: pd.Index,
        stats: ImbalanceStats,
        per_class: Mapping[str, np.ndarray],
        recommendations: Sequence[Recommendation],
        k_neighbors: int,
        model: ModelEvaluation | None = None,
    ) -> ImbalanceReport:
        """Assemble a report from the core's numbers (used by :func:`pd_imbalance.report`)."""
        table = pd.DataFrame(dict(per_class), index=classes.copy())
        table.index.name = "class"
        labels = classes.tolist()
        return cls(
            target=target,
            n_rows=stats.n_rows,
            n_classes=stats.n_classes,
            majority_label=labels[stats.majority],
            minority_label=labels[stats.minority],
            imbalance_ratio=stats.imbalance_ratio,
            minority_share=stats.minority_share,
            majority_baseline_accuracy=stats.majority_baseline_accuracy,
            entropy_balance=stats.entropy_balance,
            severity=stats.severity,
            is_imbalanced=stats.is_imbalanced,
            recommendations=tuple(recommendations),
            k_neighbors=k_neighbors,
            _classes=table,
            model=model,
        )

    # -- data -------------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """Return the per-class table (a new DataFrame indexed by class label).

        Without a model: ``count``, ``share``, ``ratio_to_majority``, ``balanced_weight``,
        ``smote_possible``. With ``predictions=`` / ``scores=``: the model's per-class
        numbers only, ``model.to_frame()`` (``precision``, ``recall``, ``specificity``,
        ``f1``, ``geometric_mean``, ``iba``, ``support``, ...); ask a report without them
        for the data columns.
        """
        if self.model is not None:
            return self.model.to_frame()
        return self._classes.copy()

    def headline(self) -> dict[str, Any]:
        """Return the headline numbers as a JSON-safe dict.

        The model's numbers (``predictions``, ``model_accuracy``, ``accuracy_paradox``,
        ``macro_f1``, ``balanced_accuracy``; ``scores``, ``pos_label``,
        ``average_precision``, ``prevalence``, ``roc_auc``) are included only when the report
        was given ``predictions=`` / ``scores=``.
        """
        return {
            "target": json_safe(self.target),
            "n_rows": self.n_rows,
            "n_classes": self.n_classes,
            "majority_label": json_safe(self.majority_label),
            "minority_label": json_safe(self.minority_label),
            "imbalance_ratio": self.imbalance_ratio,
            "minority_share": self.minority_share,
            "majority_baseline_accuracy": self.majority_baseline_accuracy,
            "entropy_balance": self.entropy_balance,
            "severity": self.severity,
            "is_imbalanced": self.is_imbalanced,
            "k_neighbors": self.k_neighbors,
            **self._model_headline(),
        }

    def _model_headline(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.predictions is not None:
            out.update(
                predictions=json_safe(self.predictions),
                model_accuracy=self.model_accuracy,
                accuracy_paradox=self.accuracy_paradox,
                macro_f1=self.macro_f1,
                balanced_accuracy=self.balanced_accuracy,
            )
        if self.scores is not None:
            out.update(
                scores=json_safe(self.scores),
                pos_label=json_safe(self.pos_label),
                average_precision=self.average_precision,
                prevalence=self.prevalence,
                roc_auc=self.roc_auc,
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        """Return everything in the report as JSON-safe Python objects.

        ``classes`` holds the rows of :meth:`to_frame`; with a model, ``model`` holds
        ``model.to_dict()`` (every metric, per class too).

        Examples
        --------
        >>> import json, pandas as pd, pd_imbalance as pdi
        >>> rep = pdi.report(pd.DataFrame({"y": [0, 0, 0, 1]}), "y")
        >>> json.loads(json.dumps(rep.to_dict()))["classes"][1]["count"]
        1
        """
        frame = self.to_frame()
        classes = [
            {"label": json_safe(label), **{k: json_safe(v) for k, v in row.items()}}
            for label, row in zip(frame.index, frame.to_dict("records"), strict=True)
        ]
        recs = [
            {"technique": r.technique, "reason": r.reason, "how": r.how}
            for r in self.recommendations
        ]
        out = {**self.headline(), "classes": classes, "recommendations": recs}
        if self.model is not None:
            out["model"] = self.model.to_dict()
        return out

    # -- display ----------------------------------------------------------------------------
    def _paradox_line(self) -> str:
        return (
            f"Accuracy paradox: always predicting {self.majority_label!r} scores "
            f"{self.majority_baseline_accuracy:.2%} accuracy while finding no "
            f"{self.minority_label!r} at all - judge models by per-class recall and F1."
        )

    def _headline_line(self) -> str:
        return (
            f"imbalance ratio {self.imbalance_ratio:,.1f}:1 | minority share "
            f"{self.minority_share:.2%} | majority-baseline accuracy "
            f"{self.majority_baseline_accuracy:.2%} | entropy balance {self.entropy_balance:.2f}"
            f" | severity: {self.severity}"
        )

    def _display_table(self) -> pd.DataFrame:
        if self.model is not None:
            return self.model.display_table()
        table = self._classes.copy()
        table["share"] = table["share"].map("{:.2%}".format)
        table["ratio_to_majority"] = table["ratio_to_majority"].map("{:.4f}".format)
        table["balanced_weight"] = table["balanced_weight"].map("{:.4f}".format)
        return table

    def _model_lines(self) -> list[str]:
        return [] if self.model is None else self.model.lines()

    def __repr__(self) -> str:
        lines = [
            f"ImbalanceReport for target {self.target!r}: {self.n_rows:,} rows, "
            f"{self.n_classes} classes",
            "  " + self._headline_line(),
            "",
            self._display_table().to_string(),
            "",
        ]
        model = self._model_lines()
        if model:
            lines += [*model, ""]
        elif self.is_imbalanced:
            lines += [self._paradox_line(), ""]
        if not self.recommendations:
            return "\n".join(lines).rstrip("\n")
        lines.append("Recommendations:")
        for i, rec in enumerate(self.recommendations, 1):
            lines.append(f"  {i}. {rec.technique}: {rec.reason}")
            lines.append(f"     try: {rec.how}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        items = "".join(
            f"<li><b>{esc(r.technique)}</b>: {esc(r.reason)}<br><code>{esc(r.how)}</code></li>"
            for r in self.recommendations
        )
        paradox = f"<p><i>{esc(self._paradox_line())}</i></p>" if self.is_imbalanced else ""
        model = "".join(f"<p>{esc(line)}</p>" for line in self._model_lines())
        return (
            f"<div class='pd-imbalance-report'><p><b>ImbalanceReport</b> for target "
            f"<code>{esc(repr(self.target))}</code>: {self.n_rows:,} rows, {self.n_classes} "
            f"classes<br>{esc(self._headline_line())}</p>"
            f"{self._display_table().to_html()}{paradox}{model}<p><b>Recommendations</b></p>"
            f"<ol>{items}</ol></div>"
        )

    def plot(self, ax: Axes | None = None) -> Axes:
        """Draw the class counts as a bar chart and return the matplotlib Axes.

        Needs matplotlib: ``pip install "pd-imbalance[plot]"``.
        """
        try:
            import matplotlib.pyplot as plt
        except ImportError as exc:
            raise ImportError(
                'report.plot() needs matplotlib; install it with pip install "pd-imbalance[plot]".'
            ) from exc
        if ax is None:
            _, ax = plt.subplots()
        labels = [str(v) for v in self._classes.index]
        ax.bar(labels, self._classes["count"].to_numpy())
        ax.set_xlabel(str(self.target))
        ax.set_ylabel("rows")
        ax.set_title(f"{self.target}: imbalance ratio {self.imbalance_ratio:,.1f}:1")
        return ax

    def compare(self, other: ImbalanceReport) -> pd.DataFrame:
        """Put this report (before) next to ``other`` (after), e.g. around a resampling.

        Rows: the headline numbers, then the row count of every class of either report (0
        when a class is absent); columns ``before``, ``after`` and ``change`` (after - before,
        for numbers).

        Examples
        --------
        >>> import pandas as pd, pd_imbalance as pdi
        >>> df = pd.DataFrame({"x": range(100), "y": [0] * 90 + [1] * 10})
        >>> before = df.imbalance.report("y")
        >>> after = df.imbalance.undersample("y", random_state=0).imbalance.report()
        >>> before.compare(after).loc[["n_rows", "imbalance_ratio", "count[0]"], "after"].tolist()
        [20, 1.0, 10]
        """
        if not isinstance(other, ImbalanceReport):
            raise TypeError(f"compare() takes another ImbalanceReport; got {type(other).__name__}.")
        keys = (
            "n_rows",
            "n_classes",
            "imbalance_ratio",
            "minority_share",
            "majority_baseline_accuracy",
            "entropy_balance",
            "severity",
        )
        rows: dict[str, tuple[Any, Any]] = {k: (getattr(self, k), getattr(other, k)) for k in keys}
        mine, theirs = self._classes["count"], other._classes["count"]
        for label in list(mine.index) + [v for v in theirs.index if v not in mine.index]:
            rows[f"count[{label}]"] = (
                int(mine.get(label, 0)),
                int(theirs.get(label, 0)),
            )
        table = pd.DataFrame.from_dict(rows, orient="index", columns=["before", "after"])
        numeric = [
            isinstance(a, int | float) and isinstance(b, int | float) for a, b in rows.values()
        ]
        table["change"] = [
            b - a if is_number else None
            for (a, b), is_number in zip(rows.values(), numeric, strict=True)
        ]
        return table


def _is_numeric_feature(dtype: Any) -> bool:
    return bool(pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype))


def build_report(
    column: Hashable,
    table: LabelTable,
    dtypes: pd.Series,
    k_neighbors: int,
    model: dict[str, Any],
) -> ImbalanceReport:
    """Assemble the report from the class table, the frame's dtypes and the model numbers."""
    stats = imbalance_stats(table.counts)
    evaluation = (
        build_evaluation(target=column, classes=table.classes, counts=table.counts, **model)
        if model
        else None
    )
    recs: Sequence[Recommendation] = ()
    if evaluation is None:  # data advice, only when the report is about the data
        features = [dtype for name, dtype in dtypes.items() if name != column]
        numeric = sum(_is_numeric_feature(dtype) for dtype in features)
        recs = recommend(
            stats,
            table.counts,
            k_neighbors=k_neighbors,
            n_features=len(features),
            n_numeric_features=numeric,
        )
    return ImbalanceReport.build(
        target=column,
        classes=table.classes,
        stats=stats,
        per_class=class_weights_table(table.counts, k_neighbors),
        recommendations=recs,
        k_neighbors=k_neighbors,
        model=evaluation,
    )
