"""Numbers that describe an imbalance, computed from per-class counts alone."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pd_imbalance._core.weights import balanced_weights

#: Pairwise minority share thresholds of the severity grades (after Google's ML crash course:
#: mild 20-40 %, moderate 1-20 %, extreme below 1 %).
SEVERITY_BOUNDS = ((0.40, "none"), (0.20, "mild"), (0.01, "moderate"), (0.0, "extreme"))


@dataclass(frozen=True)
class ImbalanceStats:
    """Headline numbers of a label's class distribution (see :func:`imbalance_stats`)."""

    n_rows: int
    n_classes: int
    majority: int
    minority: int
    imbalance_ratio: float
    minority_share: float
    pairwise_minority_share: float
    majority_baseline_accuracy: float
    entropy_balance: float
    severity: str

    @property
    def is_imbalanced(self) -> bool:
        """True unless the smallest class has at least 40 % of the rows of it plus the largest."""
        return self.severity != "none"


def entropy_balance(counts: np.ndarray) -> float:
    """Return ``-sum(p ln p) / ln K``: 1 when balanced, towards 0 when one class dominates.

    Examples
    --------
    >>> entropy_balance(np.array([50, 50]))
    1.0
    """
    counts = np.asarray(counts, dtype=np.float64)
    p = counts / counts.sum()
    p = p[p > 0]
    if len(counts) < 2:
        return 1.0
    return float(-(p * np.log(p)).sum() / np.log(len(counts)))


def severity_grade(pairwise_minority_share: float) -> str:
    """Grade ``n_min / (n_min + n_max)``: "none", "mild", "moderate" or "extreme"."""
    for bound, grade in SEVERITY_BOUNDS:
        if pairwise_minority_share >= bound:
            return grade
    return "extreme"


def imbalance_stats(counts: np.ndarray) -> ImbalanceStats:
    """Return the headline numbers for per-class ``counts``.

    The severity grade uses the *pairwise* minority share ``n_min / (n_min + n_max)``: for a
    binary label it is the minority share, and for many classes it does not call ten balanced
    classes "imbalanced" just because each holds 10 % of the rows. Ties: the majority and
    minority reported are the first of the tied classes in class order; every number is the
    same whichever of them is named.

    Examples
    --------
    >>> stats = imbalance_stats(np.array([990, 10]))
    >>> stats.imbalance_ratio, stats.majority_baseline_accuracy, stats.severity
    (99.0, 0.99, 'moderate')
    """
    counts = np.asarray(counts, dtype=np.int64)
    n = int(counts.sum())
    n_max, n_min = int(counts.max()), int(counts.min())
    pairwise = n_min / (n_min + n_max)
    return ImbalanceStats(
        n_rows=n,
        n_classes=len(counts),
        majority=int(np.argmax(counts)),
        minority=int(np.argmin(counts)),
        imbalance_ratio=n_max / n_min,
        minority_share=n_min / n,
        pairwise_minority_share=pairwise,
        majority_baseline_accuracy=n_max / n,
        entropy_balance=entropy_balance(counts),
        severity=severity_grade(pairwise),
    )


def class_weights_table(counts: np.ndarray, k_neighbors: int) -> dict[str, np.ndarray]:
    """Per-class columns of the report: count, share, ratio to majority, weight, SMOTE-able.

    ``smote_possible``: the class would grow under ``smote()``'s default strategy (it is
    smaller than the largest class) and has more than ``k_neighbors`` rows.
    """
    counts = np.asarray(counts, dtype=np.int64)
    return {
        "count": counts,
        "share": counts / counts.sum(),
        "ratio_to_majority": counts / counts.max(),
        "balanced_weight": balanced_weights(counts),
        "smote_possible": (counts > k_neighbors) & (counts < counts.max()),
    }
