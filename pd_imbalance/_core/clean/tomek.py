"""Tomek links: pairs of rows of different classes that are each other's nearest neighbour."""

from __future__ import annotations

import numpy as np

from pd_imbalance._core.clean.plan import ClassEmptied, CleanPlan, Reason, Removals, TooFewRows
from pd_imbalance._core.neighbor_rule import NeighborRule, Space
from pd_imbalance._core.neighbors import exclude_self

__all__ = ["nearest_other", "plan_tomek", "tomek_links"]


def nearest_other(space: Space, rule: NeighborRule, *, overwrite: bool = False) -> np.ndarray:
    """Return each row's nearest other row of ``space`` (by ``rule``'s search).

    The built-in search is asked for one neighbour; a user's search object for two rows
    among the same rows, the row itself then dropped (whatever its own ``n_neighbors``).
    With ``overwrite`` the built-in search may prepare ``space`` in place.

    Examples
    --------
    >>> nearest_other(np.array([[0.0], [1.0], [5.0]]), NeighborRule("n", 1)).tolist()
    [1, 0, 1]
    """
    n = len(space)
    if n < 2:
        raise TooFewRows(n, 1, "all")
    if rule.search is None:
        found: np.ndarray = NeighborRule(rule.name, 1).within(space, overwrite=overwrite)[:, 0]
        return found
    every = np.arange(n)
    nearest: np.ndarray = exclude_self(rule.across(space, every, every, k=2))[:, 0]
    return nearest


def tomek_links(codes: np.ndarray, nearest: np.ndarray) -> np.ndarray:
    """Return a mask of the rows in a Tomek link, given each row's nearest other row.

    Examples
    --------
    >>> tomek_links(np.array([0, 0, 1]), np.array([1, 2, 1])).tolist()
    [False, True, True]
    """
    mutual = nearest[nearest] == np.arange(len(nearest))
    linked: np.ndarray = mutual & (codes[nearest] != codes)
    return linked


def plan_tomek(
    space: Space,
    codes: np.ndarray,
    targeted: np.ndarray,
    rule: NeighborRule,
    *,
    overwrite: bool = False,
) -> CleanPlan:
    """Remove the rows of targeted classes that are in a Tomek link.

    Parameters
    ----------
    space : ndarray or MixedSpace
        Every row in one distance space.
    codes : ndarray of int
        Class code per row.
    targeted : ndarray of bool, shape (K,)
        The classes whose rows may be removed.
    rule : NeighborRule
        The search (only the nearest other row is used).
    overwrite : bool, default=False
        Whether the search may prepare ``space`` in place (the caller's temporary).

    Returns
    -------
    CleanPlan
        ``Reason.TOMEK`` rows, ``other`` the partner in the link.

    Raises
    ------
    ClassEmptied
        Every row of a class is in a link.

    Examples
    --------
    >>> x = np.array([[0.0], [1.0], [1.5], [9.0]])
    >>> plan = plan_tomek(x, np.array([0, 0, 1, 0]), np.array([True, False]), NeighborRule("n", 1))
    >>> plan.removed.tolist(), plan.other.tolist()
    ([1], [2])
    """
    nearest = nearest_other(space, rule, overwrite=overwrite)
    removed = np.flatnonzero(tomek_links(codes, nearest) & targeted[codes])
    check_not_emptied(codes, removed, len(targeted))
    return Removals().add(removed, Reason.TOMEK, other=nearest[removed], k=1).plan()


def check_not_emptied(
    codes: np.ndarray, removed: np.ndarray, n_classes: int, round: int = 1
) -> None:
    """Raise :class:`ClassEmptied` if ``removed`` holds every row of a class of ``codes``."""
    before = np.bincount(codes, minlength=n_classes)
    gone = np.bincount(codes[removed], minlength=n_classes)
    emptied = np.flatnonzero((before > 0) & (gone == before))
    if len(emptied):
        code = int(emptied[0])
        raise ClassEmptied(code, int(before[code]), round)
