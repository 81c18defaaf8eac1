"""Row subsets of a distance space, and the neighbour labels the cleaning rules vote with."""

from __future__ import annotations

import numpy as np

from pd_imbalance._core.nan_knn import NanSpace
from pd_imbalance._core.neighbor_rule import Space
from pd_imbalance._core.smote_nc import MixedSpace

__all__ = ["mode_label", "take_rows"]


def take_rows(space: Space, rows: np.ndarray) -> Space:
    """Return the rows ``rows`` of ``space`` (the same distances between them).

    Examples
    --------
    >>> take_rows(np.array([[0.0], [1.0], [2.0]]), np.array([0, 2])).ravel().tolist()
    [0.0, 2.0]
    """
    if isinstance(space, MixedSpace):
        return MixedSpace(space.dense[rows], [codes[rows] for codes in space.wide], space.penalty2)
    if isinstance(space, NanSpace):
        return space.take(rows)
    taken: np.ndarray = space[rows]
    return taken


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
