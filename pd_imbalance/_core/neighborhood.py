"""Neighbours among *all* rows: how many of a row's nearest rows belong to other classes.

Borderline-SMOTE (its DANGER set) and ADASYN (its ratios) ask, for each row of a class to
grow, which of its nearest other rows of the whole data belong to another class. The
distance space holds every row (one space, so distances between classes are comparable);
the search is the :class:`~pd_imbalance._core.neighbor_rule.NeighborRule`'s cross case with
the query rows themselves among the references, then each row itself is dropped.
"""

from __future__ import annotations

import numpy as np

from pd_imbalance._core.neighbor_rule import NeighborRule, Space

__all__ = ["drop_self", "nearest_among_all", "nearest_with_self", "other_class_counts"]


def nearest_among_all(rule: NeighborRule, space: Space, query: np.ndarray) -> np.ndarray:
    """Return each query row's nearest *other* rows among all rows of ``space``.

    Parameters
    ----------
    rule : NeighborRule
        ``rule.k`` neighbours per row (for a search object: its ``n_neighbors`` minus the
        row itself, as imbalanced-learn counts it).
    space : ndarray or MixedSpace
        Every input row, in input order.
    query : ndarray of int
        Positions (in ``space``) of the rows whose neighbours are wanted.

    Returns
    -------
    ndarray of intp, shape (len(query), k)
        Input positions, nearest first. A query row is dropped from its own neighbours; if
        duplicates push it out of the list, the farthest candidate is dropped instead.

    Examples
    --------
    >>> space = np.array([[0.0], [1.0], [5.0], [5.5]])
    >>> nearest_among_all(NeighborRule("m", 2), space, np.array([2, 0])).tolist()
    [[3, 1], [1, 2]]
    """
    return drop_self(nearest_with_self(rule, space, query), query, rule.name)


def nearest_with_self(rule: NeighborRule, space: Space, query: np.ndarray) -> np.ndarray:
    """Return each query row's ``rule.k + 1`` nearest rows among all rows, itself included.

    The raw search of :func:`nearest_among_all` (which then applies :func:`drop_self`).
    With the built-in search on a numeric space the first ``j`` columns are the answer for
    ``j`` neighbours (exact, ties by row index), so one search serves smaller sizes too.

    Examples
    --------
    >>> space = np.array([[0.0], [1.0], [5.0], [5.5]])
    >>> nearest_with_self(NeighborRule("m", 2), space, np.array([2])).tolist()
    [[2, 3, 1]]
    """
    with_self = None if rule.k is None else rule.k + 1
    found = rule.across(space, query, np.arange(len(space)), k=with_self)
    return np.asarray(found, dtype=np.intp)


def drop_self(found: np.ndarray, query: np.ndarray, name: str) -> np.ndarray:
    """Drop each query row from its neighbours (see :func:`nearest_among_all`).

    ``found`` is (q, width) input positions, nearest first; ``name`` names the
    neighbourhood parameter in the error raised when ``width < 2``.

    Examples
    --------
    >>> drop_self(np.array([[2, 3, 1], [0, 1, 2]]), np.array([2, 3]), "m").tolist()
    [[3, 1], [0, 1]]
    """
    q, width = found.shape
    if width < 2:
        raise ValueError(
            f"{name} must give at least one neighbour besides the row itself; the search "
            f"returned {width} per row."
        )
    is_self = found == np.asarray(query, dtype=np.intp)[:, None]
    # drop the row itself (its first occurrence); when duplicates push it out of the list,
    # drop the farthest candidate instead
    drop = np.where(is_self.any(axis=1), is_self.argmax(axis=1), width - 1)
    keep = np.ones_like(is_self)
    keep[np.arange(q), drop] = False
    kept: np.ndarray = found[keep].reshape(q, width - 1)
    return kept


def other_class_counts(
    rule: NeighborRule, space: Space, codes: np.ndarray, query: np.ndarray, c: int
) -> tuple[np.ndarray, int]:
    """Return how many of each query row's nearest other rows are not of class ``c``, and m.

    ``m`` is the number of neighbours looked at per row (``rule.k``, or what a search object
    returned).

    Examples
    --------
    >>> space = np.array([[0.0], [1.0], [5.0], [5.5]])
    >>> codes = np.array([0, 0, 1, 1])
    >>> n_other, m = other_class_counts(NeighborRule("m", 2), space, codes, np.array([0, 1]), 0)
    >>> n_other.tolist(), m
    ([1, 1], 2)
    """
    near = nearest_among_all(rule, space, query)
    n_other: np.ndarray = (codes[near] != c).sum(axis=1)
    return n_other, near.shape[1]
