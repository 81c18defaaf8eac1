"""ImbalanceReport: what the imbalance is and what to do about it, as text, HTML and data."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from pd_imbalance._core.metrics import BinaryCurve
from pd_imbalance._core.recommend import FeatureFinding, Recommendation, recommend
from pd_imbalance._core.summary import ImbalanceStats, class_weights_table, imbalance_stats
from pd_imbalance._pandas.labels import LabelTable
from pd_imbalance.results import _html as h
from pd_imbalance.results import _plots
from pd_imbalance.results._evaluation import Evaluation, advise
from pd_imbalance.results._model import ModelEvaluation, build_evaluation
from pd_imbalance.results._plots import ModelPictures, model_pictures

if TYPE_CHECKING:
    from matplotlib.axes import Axes

from pd_imbalance._pandas.records import json_safe

__all__ = [
    "FeatureFinding",
    "ImbalanceReport",
    "Recommendation",
    "ReportComparison",
    "build_report",
    "json_safe",
]


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
    findings : tuple of FeatureFinding
        What the feature checks found (missing values, dates or numbers written as text,
        identifiers, integer codes, constant columns), each with the column, what was found
        and the fix; empty when nothing was found.
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
    findings: tuple[FeatureFinding, ...] = ()
    model: ModelEvaluation | None = None
    _pictures: ModelPictures | None = field(default=None, repr=False, compare=False)

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
        findings: Sequence[FeatureFinding] = (),
        model: ModelEvaluation | None = None,
        pictures: ModelPictures | None = None,
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
            findings=tuple(findings),
            model=model,
            _pictures=pictures,
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
        findings = [
            {"kind": f.kind, "column": json_safe(f.column), "detail": f.detail, "fix": f.fix}
            for f in self.findings
        ]
        out = {
            **self.headline(),
            "classes": classes,
            "recommendations": recs,
            "findings": findings,
        }
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

    def _findings_lines(self) -> list[str]:
        if not self.findings:
            return []
        lines = ["Feature checks:"]
        for f in self.findings:
            lines.append(f"  - {f.column!r} ({f.kind}): {f.detail}")
            lines.append(f"    fix: {f.fix}")
        return [*lines, ""]

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
        if self.model is None:
            lines += self._findings_lines()
        if not self.recommendations:
            return "\n".join(lines).rstrip("\n")
        lines.append("Recommendations:")
        for i, rec in enumerate(self.recommendations, 1):
            lines.append(f"  {i}. {rec.technique}: {rec.reason}")
            lines.append(f"     try: {rec.how}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        tiles = [
            h.tile("imbalance ratio", f"{self.imbalance_ratio:,.1f}:1", note="largest / smallest"),
            h.tile(
                "minority share",
                f"{self.minority_share:.2%}",
                note=f"class {self.minority_label!r}",
            ),
            h.tile(
                "majority baseline",
                f"{self.majority_baseline_accuracy:.2%}",
                note=f"accuracy of always {self.majority_label!r}",
            ),
            h.tile("entropy balance", f"{self.entropy_balance:.2f}", note="1 = balanced"),
            h.tile("severity", self.severity, flag=self.severity == "extreme"),
        ]
        body = [self._html_class_table()]
        if self.model is None and self.is_imbalanced:
            body.append(h.paragraph(self._paradox_line()))
        if self.model is None and self.findings:
            found = [
                f"<b>{h.esc(repr(f.column))}</b> ({h.esc(f.kind)}): {h.esc(f.detail)}"
                f"<br>fix {h.code(f.fix)}"
                for f in self.findings
            ]
            body.append(h.section("Feature checks", h.html_list(found)))
        model = self._html_model()
        if model:
            body.append(h.section("Model", *model))
        items = [
            f"<b>{h.esc(r.technique)}</b>: {h.esc(r.reason)}<br>try {h.code(r.how)}"
            for r in self.recommendations
        ]
        if items:
            body.append(h.section("Recommendations", h.html_list(items)))
        return h.html_card(
            "ImbalanceReport",
            tiles,
            body,
            subtitle=f"target {self.target!r}: {self.n_rows:,} rows, {self.n_classes} classes",
        )

    def _html_class_table(self) -> str:
        table = self._classes if self.model is None else self.model.to_frame()
        formats: dict[Hashable, h.Format] = {
            "share": "{:.2%}",
            "ratio_to_majority": "{:.4f}",
            "balanced_weight": "{:.4f}",
        }
        for column in table.columns:
            if column not in formats and pd.api.types.is_float_dtype(table[column].dtype):
                formats[column] = "{:.3f}"
        flagged = []
        if "recall" in table:
            flagged = [(label, "recall") for label, r in table["recall"].items() if r == 0]
        return h.html_table(
            table,
            formats=formats,
            bars={"share": 1.0} if self.model is None else {"recall": 1.0},
            highlight_rows=[self.minority_label],
            flag_cells=flagged,
        )

    def _html_model(self) -> list[str]:
        parts: list[str] = []
        tiles: list[str] = []
        if self.predictions is not None:
            assert self.model_accuracy is not None and self.balanced_accuracy is not None
            tiles += [
                h.tile(
                    "accuracy",
                    f"{self.model_accuracy:.2%}",
                    note=f"baseline {self.majority_baseline_accuracy:.2%}",
                ),
                h.tile("balanced accuracy", f"{self.balanced_accuracy:.2%}"),
                h.tile("macro-F1", f"{self.macro_f1:.3f}"),
                h.tile(
                    "accuracy paradox",
                    "YES" if self.accuracy_paradox else "no",
                    flag=bool(self.accuracy_paradox),
                ),
            ]
        if self.scores is not None:
            assert self.average_precision is not None and self.prevalence is not None
            assert self.roc_auc is not None
            tiles += [
                h.tile(
                    "average precision",
                    f"{self.average_precision:.3f}",
                    note=f"no skill {self.prevalence:.3f}",
                ),
                h.tile("ROC AUC", f"{self.roc_auc:.3f}", note="no skill 0.5"),
            ]
        if tiles:
            parts.append(f"<div class='pdi-tiles'>{''.join(tiles)}</div>")
        for line in self._model_lines():
            flag = line.startswith("Model accuracy paradox: YES")
            parts.append(h.paragraph(line, flag=flag))
        pictures = self._pictures
        if pictures is not None and pictures.confusion is not None and self.n_classes <= 12:
            labels = list(self._classes.index)
            parts.append(
                h.html_matrix(pictures.confusion, labels, labels, corner="true \\ predicted")
            )
        return parts

    def plot(self, ax: Axes | None = None, *, kind: PlotKind = "auto") -> Axes:
        """Draw the class counts (and, with a model, its pictures); return the matplotlib Axes.

        Needs matplotlib: ``pip install "pd-imbalance[plot]"``.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw one panel; default a new figure.
        kind : {"auto", "counts", "confusion", "precision_recall", "reliability"}
            ``"counts"``: bars of the class counts, each labelled with its count and share.
            ``"confusion"`` (with ``predictions=``): the confusion matrix.
            ``"precision_recall"`` (with ``scores=``): the precision-recall curve with the
            no-skill line at the prevalence. ``"reliability"`` (with ``scores=`` in [0, 1]):
            the observed share of positives against the mean score in 10 equal-width bins,
            next to the diagonal of perfect calibration. ``"auto"``: the counts alone, or,
            when the report has a model and no ``ax`` is given, a figure with every panel
            that applies.

        Returns
        -------
        matplotlib.axes.Axes
            The Axes drawn on (for ``"auto"`` with a model, the counts panel; the others are
            in ``ax.figure.axes``).

        Raises
        ------
        ValueError
            ``kind`` unknown, or a model panel the report has no data for.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import pandas as pd, pd_imbalance as pdi
        >>> df = pd.DataFrame({"y": [0] * 8 + [1] * 2, "p": [0.1] * 7 + [0.6, 0.7, 0.4]})
        >>> ax = pdi.report(df, "y", predictions=None, scores="p").plot()
        >>> [a.get_title() for a in ax.figure.axes][1:]
        ['precision-recall curve', 'reliability (calibration) curve']
        """
        plt = _plots.pyplot("report.plot()")
        panels = self._panels()
        if kind not in ("auto", *_PANELS):
            raise ValueError(
                f"kind={kind!r} is not a picture of the report; use one of "
                f"{', '.join(repr(k) for k in ('auto', *_PANELS))}."
            )
        if kind == "auto":
            if ax is not None or len(panels) == 1:
                kind = "counts"
            else:
                # Four panels in a 2 x 2 grid, two or three in a row.
                ncols = 2 if len(panels) == 4 else len(panels)
                nrows = len(panels) // ncols
                fig, grid = plt.subplots(
                    nrows, ncols, figsize=(4.6 * ncols, 4.4 * nrows), layout="constrained"
                )
                axes = list(np.ravel(grid))
                for panel, one in zip(panels, axes, strict=True):
                    self._draw(panel, one)
                fig.suptitle(self._plot_title())
                first: Axes = axes[0]
                return first
        if kind not in panels:
            raise ValueError(f"report.plot(kind={kind!r}) {_NEEDS[kind]}.")
        if ax is None:
            _, ax = plt.subplots(layout="constrained")
        self._draw(kind, ax)
        if kind == "counts":
            ax.set_title(self._plot_title())
        return ax

    def _plot_title(self) -> str:
        return f"{self.target}: imbalance ratio {self.imbalance_ratio:,.1f}:1"

    def _panels(self) -> list[str]:
        panels = ["counts"]
        pictures = self._pictures
        if pictures is not None:
            if pictures.confusion is not None:
                panels.append("confusion")
            if pictures.has_scores:
                panels.append("precision_recall")
            if pictures.has_reliability:
                panels.append("reliability")
        return panels

    def _draw(self, panel: str, ax: Axes) -> None:
        labels = [str(v) for v in self._classes.index]
        pictures = self._pictures
        if panel == "counts":
            _plots.draw_counts(ax, labels, self._classes["count"].to_numpy(), str(self.target))
            return
        assert pictures is not None
        if panel == "confusion":
            assert pictures.confusion is not None
            _plots.draw_confusion(ax, pictures.confusion, labels)
        elif panel == "precision_recall":
            assert pictures.recall is not None and pictures.precision is not None
            assert pictures.prevalence is not None
            _plots.draw_precision_recall(
                ax,
                pictures.recall,
                pictures.precision,
                pictures.prevalence,
                self.average_precision,
                self.pos_label,
            )
        else:
            assert pictures.mean_score is not None and pictures.observed is not None
            _plots.draw_reliability(ax, pictures.mean_score, pictures.observed, self.pos_label)

    def compare(self, other: ImbalanceReport) -> ReportComparison:
        """Put this report (before) next to ``other`` (after), e.g. around a resampling.

        Returns a :class:`ReportComparison`: its ``to_frame()`` has the headline numbers,
        then the row count of every class of either report (0 when a class is absent), as
        rows; columns ``before``, ``after`` and ``change`` (after - before, for numbers). It
        prints the changes as signed counts and, for shares, percentage points.

        Examples
        --------
        >>> import pandas as pd, pd_imbalance as pdi
        >>> df = pd.DataFrame({"x": range(100), "y": [0] * 90 + [1] * 10})
        >>> before = df.imbalance.report("y")
        >>> after = df.imbalance.undersample("y", random_state=0).imbalance.report()
        >>> table = before.compare(after).to_frame()
        >>> table.loc[["n_rows", "imbalance_ratio", "count[0]"], "after"].tolist()
        [20, 1.0, 10]
        >>> print(before.compare(after))  # doctest: +NORMALIZE_WHITESPACE
        ReportComparison of target 'y' (before -> after)
                                      before   after    change
        n_rows                           100      20       -80
        n_classes                          2       2         0
        imbalance_ratio                9.0:1   1.0:1      -8.0
        minority_share                10.00%  50.00%  +40.0 pp
        majority_baseline_accuracy    90.00%  50.00%  -40.0 pp
        entropy_balance                0.469   1.000    +0.531
        severity                    moderate    none   changed
        count[0]                          90      10       -80
        count[1]                          10      10         0
        """
        if not isinstance(other, ImbalanceReport):
            raise TypeError(f"compare() takes another ImbalanceReport; got {type(other).__name__}.")
        return ReportComparison(before=self, after=other)


PlotKind = Literal["auto", "counts", "confusion", "precision_recall", "reliability"]
_PANELS = ("counts", "confusion", "precision_recall", "reliability")
_NEEDS = {
    "confusion": "needs a report built with predictions=",
    "precision_recall": "needs a report built with scores=",
    "reliability": "needs a report built with scores= that are probabilities (all in [0, 1])",
}

#: How compare() shows each headline row: (before/after format, change format).
_COMPARE_FORMATS: dict[str, tuple[str, str]] = {
    "n_rows": ("{:,}", "{:+,}"),
    "n_classes": ("{:,}", "{:+,}"),
    "imbalance_ratio": ("{:,.1f}:1", "{:+,.1f}"),
    "minority_share": ("{:.2%}", "points"),
    "majority_baseline_accuracy": ("{:.2%}", "points"),
    "entropy_balance": ("{:.3f}", "{:+.3f}"),
}


def _change_text(key: str, change: Any) -> str:
    if change is None:
        return ""
    if change == 0:
        return "0"
    spec = _COMPARE_FORMATS.get(key, ("{:,}", "{:+,}"))[1]
    if spec == "points":
        return f"{change * 100:+.1f} pp"
    return spec.format(change)


@dataclass(frozen=True)
class ReportComparison:
    """Two reports side by side, from :meth:`ImbalanceReport.compare` (before -> after).

    Attributes
    ----------
    before, after : ImbalanceReport
        The two reports.
    """

    before: ImbalanceReport
    after: ImbalanceReport

    def _rows(self) -> dict[str, tuple[Any, Any]]:
        rows: dict[str, tuple[Any, Any]] = {
            k: (getattr(self.before, k), getattr(self.after, k))
            for k in (*_COMPARE_FORMATS, "severity")
        }
        mine, theirs = self.before._classes["count"], self.after._classes["count"]
        for label in list(mine.index) + [v for v in theirs.index if v not in mine.index]:
            rows[f"count[{label}]"] = (int(mine.get(label, 0)), int(theirs.get(label, 0)))
        return rows

    def to_frame(self) -> pd.DataFrame:
        """Return the numbers as a new DataFrame.

        Rows ``n_rows`` ... ``severity``, then ``count[<class>]``; columns ``before``,
        ``after`` and ``change`` (after - before; None for the severity).
        """
        rows = self._rows()
        table = pd.DataFrame.from_dict(rows, orient="index", columns=["before", "after"])
        table["change"] = pd.Series(
            [b - a if not isinstance(a, str) else None for a, b in rows.values()],
            index=table.index,
            dtype=object,
        )
        return table

    def to_dict(self) -> dict[str, Any]:
        """Return ``{row: {"before", "after", "change"}}`` as JSON-safe Python objects."""
        return {
            str(key): {"before": json_safe(a), "after": json_safe(b), "change": json_safe(c)}
            for key, (a, b, c) in self.to_frame().iterrows()
        }

    def _display(self) -> pd.DataFrame:
        out = {}
        for key, (a, b) in self._rows().items():
            if isinstance(a, str):
                out[key] = (a, b, "" if a == b else "changed")
                continue
            spec = _COMPARE_FORMATS.get(key, ("{:,}", ""))[0]
            out[key] = (spec.format(a), spec.format(b), _change_text(key, b - a))
        return pd.DataFrame.from_dict(out, orient="index", columns=["before", "after", "change"])

    def __repr__(self) -> str:
        return "\n".join(
            [
                f"ReportComparison of target {self.before.target!r} (before -> after)",
                self._display().to_string(),
            ]
        )

    def _repr_html_(self) -> str:
        shown = self._display()
        changed = [key for key, text in shown["change"].items() if text not in ("", "0")]
        return h.html_card(
            "ReportComparison",
            [
                h.tile("rows", f"{self.before.n_rows:,} → {self.after.n_rows:,}"),
                h.tile(
                    "imbalance ratio",
                    f"{self.before.imbalance_ratio:,.1f} → {self.after.imbalance_ratio:,.1f}",
                ),
            ],
            [h.html_table(shown, highlight_rows=changed)],
            subtitle=f"target {self.before.target!r}: before → after",
        )


def _is_numeric_feature(dtype: Any) -> bool:
    return bool(pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype))


def build_report(
    column: Hashable,
    table: LabelTable,
    dtypes: pd.Series,
    k_neighbors: int,
    model: dict[str, Any],
    findings: Sequence[FeatureFinding] = (),
    evaluation: Evaluation | None = None,
) -> ImbalanceReport:
    """Assemble the report from the class table, dtypes, model numbers and feature findings.

    The findings come from :func:`~pd_imbalance._pandas.inspect.inspect_features`.

    For the "mostly numeric" test of the SMOTE advice, identifier and constant columns do
    not count as features, and dates or numbers written as text count as numeric (they are,
    once parsed).
    """
    stats = imbalance_stats(table.counts)
    score_curve: BinaryCurve | None = model.pop("score_curve", None)
    model_evaluation = (
        build_evaluation(target=column, classes=table.classes, counts=table.counts, **model)
        if model
        else None
    )
    recs: Sequence[Recommendation] = ()
    if model_evaluation is None:  # data advice, only when the report is about the data
        ignored = {f.column for f in findings if f.kind in ("identifier", "constant")}
        parsed = {f.column for f in findings if f.kind in ("dates_as_text", "numbers_as_text")}
        features = [
            (name, dtype)
            for name, dtype in dtypes.items()
            if name != column and name not in ignored
        ]
        numeric = sum(_is_numeric_feature(dtype) or name in parsed for name, dtype in features)
        recs = recommend(
            stats,
            table.counts,
            k_neighbors=k_neighbors,
            n_features=len(features),
            n_numeric_features=numeric,
            findings=tuple(findings),
        )
    metrics = model.get("prediction_metrics")
    confusion = None if metrics is None else metrics.confusion
    pictures = (
        model_pictures(confusion, score_curve)
        if confusion is not None or score_curve is not None
        else None
    )
    return ImbalanceReport.build(
        target=column,
        classes=table.classes,
        stats=stats,
        per_class=class_weights_table(table.counts, k_neighbors),
        recommendations=advise(recs, evaluation, column),
        k_neighbors=k_neighbors,
        findings=findings,
        model=model_evaluation,
        pictures=pictures,
    )
