"""The neighbour labels the cleaning rules vote with."""

from __future__ import annotations

import numpy as np

__all__ = ["mode_label"]


def mode_label(labels: np.ndarray) -> np.ndarray:
    """Return the most common code of each row of ``labels``; ties go to the smallest code.

    That is the vote of scikit-learn's ``KNeighborsClassifier`` and of ``scipy.stats.mode``
    (imbalanced-learn's ENN), classes in sorted label order. ``O(m k^2)``, one pass per
    column, no ``m x K`` table.

    Examples
    --------
    >>> mode_label(np.array([[1, 0, 1], [2, 0, 1], [0, 0, 1]])).tolist()
    [1, 0, 0]
    """
    m, k = labels.shape
    best_count = np.zeros(m, dtype=np.int64)
    best = np.full(m, np.iinfo(np.int64).max, dtype=np.int64)
    for j in range(k):
        candidate = labels[:, j].astype(np.int64)
        count = (labels == labels[:, j : j + 1]).sum(axis=1)
        better = (count > best_count) | ((count == best_count) & (candidate < best))
        best_count = np.where(better, count, best_count)
        best = np.where(better, candidate, best)
    return best
