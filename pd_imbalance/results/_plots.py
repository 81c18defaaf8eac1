"""The pictures of the results: what a report keeps for them, and the matplotlib drawing.

matplotlib is imported only when a picture is drawn (:func:`pyplot`), so the package imports
without it; the error names the ``plot`` extra.

:class:`ModelPictures` holds the few numbers a report needs to draw a model: the confusion
matrix, the precision-recall curve (at most :data:`MAX_CURVE_POINTS` points) and the
reliability curve (equal-width bins, as ``sklearn.calibration.calibration_curve`` with
``strategy="uniform"``). They are computed once from the confusion counts and the score
curve, so a report does not hold the scores themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np

from pd_imbalance._core.metrics import BinaryCurve

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "MAX_CURVE_POINTS",
    "RELIABILITY_BINS",
    "ModelPictures",
    "draw_confusion",
    "draw_counts",
    "draw_precision_recall",
    "draw_reliability",
    "model_pictures",
    "outside_legend",
    "pyplot",
    "reliability_curve",
]

#: The precision-recall curve kept for drawing is thinned to at most this many points.
MAX_CURVE_POINTS = 2000
#: Equal-width bins of the reliability curve.
RELIABILITY_BINS = 10


def pyplot(what: str) -> ModuleType:
    """Return ``matplotlib.pyplot``, or raise an ImportError naming the ``plot`` extra."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError(
            f'{what} needs matplotlib; install it with pip install "pd-imbalance[plot]".'
        ) from exc
    return plt


@dataclass(frozen=True)
class ModelPictures:
    """What a report keeps to draw a model's output (see :func:`model_pictures`).

    Attributes
    ----------
    confusion : ndarray or None
        ``K x K`` counts, rows true classes, columns predictions (with ``predictions=``).
    recall, precision : ndarray or None
        The precision-recall curve from the highest threshold down, starting at
        (recall 0, precision 1) as scikit-learn's ``precision_recall_curve`` (with ``scores=``).
    prevalence : float or None
        The no-skill precision.
    mean_score, observed, bin_counts : ndarray or None
        The reliability curve: mean score, share of positives and rows in each non-empty
        bin; None unless every score lies in [0, 1].
    """

    confusion: np.ndarray | None = None
    recall: np.ndarray | None = None
    precision: np.ndarray | None = None
    prevalence: float | None = None
    mean_score: np.ndarray | None = None
    observed: np.ndarray | None = None
    bin_counts: np.ndarray | None = None

    @property
    def has_scores(self) -> bool:
        """True when a precision-recall curve was kept."""
        return self.recall is not None

    @property
    def has_reliability(self) -> bool:
        """True when a reliability curve was kept (scores in [0, 1])."""
        return self.mean_score is not None


def reliability_curve(
    curve: BinaryCurve, n_bins: int = RELIABILITY_BINS
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (mean score, share of positives, rows) per non-empty equal-width bin of [0, 1].

    Bin edges and their ties follow ``sklearn.calibration.calibration_curve`` with
    ``strategy="uniform"``: a score equal to an inner edge falls in the lower bin.

    Examples
    --------
    >>> from pd_imbalance._core.metrics import binary_curve
    >>> c = binary_curve(np.array([0, 0, 1, 1], dtype=bool), np.array([0.25, 0.25, 0.75, 0.75]))
    >>> [a.tolist() for a in reliability_curve(c, 2)]
    [[0.25, 0.75], [0.0, 1.0], [2, 2]]
    """
    positives = np.diff(curve.tps, prepend=0)
    rows = positives + np.diff(curve.fps, prepend=0)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    bins = np.searchsorted(edges[1:-1], curve.thresholds, side="left")
    total = np.bincount(bins, weights=rows, minlength=n_bins)
    pos = np.bincount(bins, weights=positives, minlength=n_bins)
    score_sum = np.bincount(bins, weights=rows * curve.thresholds, minlength=n_bins)
    kept = total > 0
    return (
        score_sum[kept] / total[kept],
        pos[kept] / total[kept],
        total[kept].astype(np.int64),
    )


def model_pictures(confusion: np.ndarray | None, curve: BinaryCurve | None) -> ModelPictures:
    """Keep what the model panels of a report's plot need, from the counts and score curve."""
    if curve is None:
        return ModelPictures(confusion=confusion)
    recall = np.r_[0.0, curve.recall]
    precision = np.r_[1.0, curve.precision]
    if len(recall) > MAX_CURVE_POINTS:
        keep = np.unique(np.linspace(0, len(recall) - 1, MAX_CURVE_POINTS).round().astype(int))
        recall, precision = recall[keep], precision[keep]
    reliability: dict[str, Any] = {}
    if curve.thresholds.min() >= 0.0 and curve.thresholds.max() <= 1.0:
        mean_score, observed, counts = reliability_curve(curve)
        reliability = {"mean_score": mean_score, "observed": observed, "bin_counts": counts}
    return ModelPictures(
        confusion=confusion,
        recall=recall,
        precision=precision,
        prevalence=curve.n_pos / (curve.n_pos + curve.n_neg),
        **reliability,
    )


# -- drawing ---------------------------------------------------------------------------------


def draw_counts(ax: Axes, labels: Sequence[str], counts: np.ndarray, target: str) -> None:
    """Draw bars of the class counts, each labelled with its count and share."""
    total = float(np.sum(counts))
    bars = ax.bar(list(labels), counts, color="#4f8fd6")
    texts = [f"{int(c):,}\n{c / total:.1%}" if total else f"{int(c):,}" for c in counts]
    ax.bar_label(bars, labels=texts, padding=2, fontsize=9)
    ax.set_ylim(0, max(float(np.max(counts)), 1.0) * 1.22)  # room for the labels
    ax.set_xlabel(target)
    ax.set_ylabel("rows")


def draw_confusion(ax: Axes, confusion: np.ndarray, labels: Sequence[str]) -> None:
    """Draw the confusion matrix, shaded by each true class's share, annotated with counts."""
    counts = np.asarray(confusion)
    totals = counts.sum(axis=1, keepdims=True).astype(np.float64)
    shares = np.divide(counts, totals, out=np.zeros(counts.shape), where=totals > 0)
    ax.imshow(shares, cmap="Blues", vmin=0.0, vmax=1.0)
    # Past 12 classes the shades speak alone: numbers would not fit in the cells.
    for i in range(counts.shape[0] if counts.shape[0] <= 12 else 0):
        for j in range(counts.shape[1]):
            ax.text(
                j,
                i,
                f"{int(counts[i, j]):,}\n{shares[i, j]:.0%}",
                ha="center",
                va="center",
                fontsize=9,
                color="white" if shares[i, j] > 0.6 else "black",
            )
    ticks = list(range(len(labels)))
    ax.set_xticks(ticks, list(labels))
    ax.set_yticks(ticks, list(labels))
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title("confusion matrix (share of each true class)")


def draw_precision_recall(
    ax: Axes,
    recall: np.ndarray,
    precision: np.ndarray,
    prevalence: float,
    average_precision: float | None,
    pos_label: object,
) -> None:
    """Draw the precision-recall curve (step-wise) with the no-skill line at the prevalence."""
    name = "model" if average_precision is None else f"model (AP {average_precision:.3f})"
    ax.plot(recall, precision, drawstyle="steps-post", label=name, color="#1f6fc5")
    ax.axhline(
        prevalence, color="gray", linestyle="--", label=f"no skill (prevalence {prevalence:.3f})"
    )
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(f"recall of {pos_label!r}")
    ax.set_ylabel("precision")
    ax.set_title("precision-recall curve")
    outside_legend(ax, below=True)


def draw_reliability(
    ax: Axes, mean_score: np.ndarray, observed: np.ndarray, pos_label: object
) -> None:
    """Draw the observed share of positives against the mean score per bin (reliability)."""
    ax.plot([0, 1], [0, 1], color="gray", linestyle="--", label="perfectly calibrated")
    ax.plot(mean_score, observed, marker="o", color="#c2410c", label="model")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(f"mean score (bins of {1 / RELIABILITY_BINS:g})")
    ax.set_ylabel(f"observed share of {pos_label!r}")
    ax.set_title("reliability (calibration) curve")
    outside_legend(ax, below=True)


def outside_legend(ax: Axes, *, below: bool = False, extra: Sequence[Any] = ()) -> None:
    """Put the legend outside the plotting area (right, or below the x label), never on it.

    ``extra`` are more axes (e.g. a twin) whose lines join the legend.
    """
    handles, labels = ax.get_legend_handles_labels()
    for other in extra:
        more_handles, more_labels = other.get_legend_handles_labels()
        handles, labels = handles + more_handles, labels + more_labels
    if below:
        ax.legend(
            handles,
            labels,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.18),
            ncol=2,
            fontsize=8,
            frameon=False,
        )
    else:
        ax.legend(
            handles, labels, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8,
            borderaxespad=0.0,
        )
