"""ImbalanceReport: what the imbalance is and what to do about it, as text, HTML and data."""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pd_imbalance._core.recommend import Recommendation
from pd_imbalance._core.summary import ImbalanceStats

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["ImbalanceReport", "Recommendation"]


def json_safe(value: Any) -> Any:
    """Return ``value`` as a JSON-serialisable Python object (labels, numbers)."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value) if math.isfinite(value) else None
    return str(value)


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
    k_neighbors : int
        The SMOTE neighbourhood size used for the ``smote_possible`` column.
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
        )

    # -- data -------------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """Return the per-class table (a new DataFrame indexed by class label).

        Columns: ``count``, ``share``, ``ratio_to_majority``, ``balanced_weight``,
        ``smote_possible``.
        """
        return self._classes.copy()

    def headline(self) -> dict[str, Any]:
        """Return the headline numbers as a JSON-safe dict."""
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
        }

    def to_dict(self) -> dict[str, Any]:
        """Return everything in the report as JSON-safe Python objects.

        Examples
        --------
        >>> import json, pandas as pd, pd_imbalance as pdi
        >>> rep = pdi.report(pd.DataFrame({"y": [0, 0, 0, 1]}), "y")
        >>> json.loads(json.dumps(rep.to_dict()))["classes"][1]["count"]
        1
        """
        classes = [
            {"label": json_safe(label), **{k: json_safe(v) for k, v in row.items()}}
            for label, row in zip(
                self._classes.index, self._classes.to_dict("records"), strict=True
            )
        ]
        recs = [
            {"technique": r.technique, "reason": r.reason, "how": r.how}
            for r in self.recommendations
        ]
        return {**self.headline(), "classes": classes, "recommendations": recs}

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
        table = self._classes.copy()
        table["share"] = table["share"].map("{:.2%}".format)
        table["ratio_to_majority"] = table["ratio_to_majority"].map("{:.4f}".format)
        table["balanced_weight"] = table["balanced_weight"].map("{:.4f}".format)
        return table

    def __repr__(self) -> str:
        lines = [
            f"ImbalanceReport for target {self.target!r}: {self.n_rows:,} rows, "
            f"{self.n_classes} classes",
            "  " + self._headline_line(),
            "",
            self._display_table().to_string(),
            "",
        ]
        if self.is_imbalanced:
            lines += [self._paradox_line(), ""]
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
        return (
            f"<div class='pd-imbalance-report'><p><b>ImbalanceReport</b> for target "
            f"<code>{esc(repr(self.target))}</code>: {self.n_rows:,} rows, {self.n_classes} "
            f"classes<br>{esc(self._headline_line())}</p>"
            f"{self._display_table().to_html()}{paradox}<p><b>Recommendations</b></p>"
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
