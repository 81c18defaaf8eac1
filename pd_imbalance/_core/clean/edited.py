"""The edited-nearest-neighbours family: ENN, repeated ENN (RENN) and AllKNN.

ENN removes each row of a targeted class whose ``k`` nearest other rows (among *all* rows)
disagree with its class: with ``kind_sel="all"`` when any of them is of another class, with
``"mode"`` when its class is not their most common one (ties to the smallest class code, as
imbalanced-learn's ``scipy.stats.mode``). RENN repeats ENN on the remaining rows, AllKNN runs
it with ``k = 1, 2, ..., n_neighbors``; both stop as imbalanced-learn 0.14 does (see
:func:`plan_renn`, :func:`plan_allknn`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from typing import Literal

import numpy as np

from pd_imbalance._core.clean.plan import CleanPlan, Reason, Removals, TooFewRows
from pd_imbalance._core.clean.tomek import check_not_emptied
from pd_imbalance._core.clean.vote import mode_label
from pd_imbalance._core.neighbor_rule import NeighborRule, Space, quiet_cost, take_rows

__all__ = ["KindSel", "edit", "neighbors_of", "plan_allknn", "plan_enn", "plan_renn"]

KindSel = Literal["all", "mode"]
#: Which classes a round may clean, from the current rows per class.
Targets = Callable[[np.ndarray], np.ndarray]


def neighbors_of(
    space: Space,
    rule: NeighborRule,
    k: int | None = None,
    round: int = 1,
    *,
    overwrite: bool = False,
) -> np.ndarray:
    """Return each row's nearest other rows of ``space`` (positions), nearest first.

    The built-in search finds ``k`` (default ``rule.k``); a user's search object is asked
    for its own neighbourhood, of which the caller may keep the first ``k``. With
    ``overwrite`` the built-in search may prepare ``space`` in place.
    """
    n = len(space)
    wanted = rule.k if k is None else k
    if wanted is not None and n <= wanted:
        raise TooFewRows(n, wanted, "all", round=round)
    if rule.search is None:
        assert wanted is not None
        near = NeighborRule(rule.name, wanted).within(space, overwrite=overwrite)
    else:
        near = rule.within(space)
    return near


def neighbor_labels(
    space: Space,
    codes: np.ndarray,
    rule: NeighborRule,
    k: int | None = None,
    round: int = 1,
    *,
    overwrite: bool = False,
) -> np.ndarray:
    """Return the class codes of each row's nearest other rows (see :func:`neighbors_of`)."""
    labels: np.ndarray = codes[neighbors_of(space, rule, k, round, overwrite=overwrite)]
    return labels


def edit(
    labels: np.ndarray, codes: np.ndarray, targeted: np.ndarray, kind_sel: KindSel
) -> tuple[np.ndarray, np.ndarray]:
    """Return the rows ENN removes (positions) and each row's neighbours of other classes.

    Examples
    --------
    >>> labels = np.array([[0, 0], [0, 1], [0, 0]])
    >>> removed, others = edit(labels, np.array([0, 0, 1]), np.array([True, True]), "all")
    >>> removed.tolist(), others.tolist()
    ([1, 2], [0, 1, 2])
    """
    others = labels.shape[1] - (labels == codes[:, None]).sum(axis=1)
    disagree = others > 0 if kind_sel == "all" else mode_label(labels) != codes
    return np.flatnonzero(disagree & targeted[codes]), others


def plan_enn(
    space: Space,
    codes: np.ndarray,
    targeted: np.ndarray,
    rule: NeighborRule,
    kind_sel: KindSel = "all",
    *,
    overwrite: bool = False,
) -> CleanPlan:
    """Edited nearest neighbours: one editing pass over every row.

    Parameters
    ----------
    space : ndarray or MixedSpace
        Every row in one distance space.
    codes : ndarray of int
        Class code per row.
    targeted : ndarray of bool, shape (K,)
        The classes whose rows may be removed.
    rule : NeighborRule
        The neighbourhood (``rule.k`` other rows, or the user's object).
    kind_sel : {"all", "mode"}
        Remove a row unless all its neighbours share its class, or unless its class is
        their most common one.
    overwrite : bool, default=False
        Whether the search may prepare ``space`` in place (the caller's temporary).

    Returns
    -------
    CleanPlan
        ``Reason.ENN`` rows; ``count`` of ``k`` neighbours are of other classes.

    Raises
    ------
    ClassEmptied, TooFewRows

    Examples
    --------
    >>> x = np.array([[0.0], [1.0], [2.0], [3.0], [10.5], [10.0], [11.0], [12.0]])
    >>> codes = np.array([0, 0, 0, 0, 0, 1, 1, 1])
    >>> plan = plan_enn(x, codes, np.array([True, False]), NeighborRule("n", 2))
    >>> plan.removed.tolist(), plan.count.tolist()  # row 4: 2 of its 2 neighbours are 1s
    ([4], [2])
    """
    labels = neighbor_labels(space, codes, rule, overwrite=overwrite)
    removed, others = edit(labels, codes, targeted, kind_sel)
    check_not_emptied(codes, removed, len(targeted))
    k = labels.shape[1]
    return Removals().add(removed, Reason.ENN, count=others[removed], k=k).plan()


def _minority_flipped(counts: np.ndarray, minority: np.ndarray, smallest: int) -> bool:
    """Say whether a class that was not the minority has fewer rows than the minority had."""
    return bool((counts[~minority] < smallest).any())


def plan_renn(
    space: Space,
    codes: np.ndarray,
    targets: Targets,
    rule: NeighborRule,
    kind_sel: KindSel = "all",
    max_iter: int = 100,
) -> CleanPlan:
    """Repeated ENN: edit the remaining rows again until a round removes nothing.

    Each round searches the neighbours among the rows still kept and cleans the classes
    ``targets(current counts)`` names (a named strategy follows the current counts). It
    stops after ``max_iter`` rounds, after a round that removes nothing, or after a round
    that leaves a class that was not the minority with fewer rows than the minority had
    (imbalanced-learn 0.14's rules; the round that stops is applied).

    Raises
    ------
    ClassEmptied
        A round would remove every row of a class (imbalanced-learn stops and drops it).
    TooFewRows
        Fewer remaining rows than neighbours.

    Examples
    --------
    >>> x = np.array([[4.7], [8.2], [0.4], [3.2], [2.2], [9.9], [0.8], [0.1], [0.9]])
    >>> codes = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1])
    >>> plan = plan_renn(x, codes, lambda c: c > c.min(), NeighborRule("n", 2))
    >>> plan.removed.tolist(), plan.round.tolist(), plan.rounds  # round 3 removed nothing
    ([2, 3, 4], [1, 2, 1], 3)
    """
    return _editing_rounds(space, codes, targets, rule, kind_sel, max_iter, until_stable=True)


def plan_allknn(
    space: Space,
    codes: np.ndarray,
    targets: Targets,
    rule: NeighborRule,
    kind_sel: KindSel = "all",
    allow_minority: bool = False,
) -> CleanPlan:
    """AllKNN: ENN with ``k = 1, 2, ..., rule.k`` in turn, each on the rows still kept.

    Round ``r`` uses the ``r`` nearest other rows (of a user's object: the ``r`` nearest
    of its own neighbourhood). It stops early, unless ``allow_minority``, after a round
    that leaves a class that was not the minority with fewer rows than the minority had.

    Raises
    ------
    ClassEmptied, TooFewRows
        As :func:`plan_renn`.
    """
    return _editing_rounds(
        space, codes, targets, rule, kind_sel, rule.k, until_stable=False, guard=not allow_minority
    )


def _editing_rounds(
    space: Space,
    codes: np.ndarray,
    targets: Targets,
    rule: NeighborRule,
    kind_sel: KindSel,
    max_rounds: int | None,
    *,
    until_stable: bool,
    guard: bool = True,
) -> CleanPlan:
    n_classes = int(codes.max()) + 1 if len(codes) else 0
    start = np.bincount(codes, minlength=n_classes)
    smallest = int(start.min())
    minority = start == smallest
    alive = np.arange(len(codes))
    removals = Removals()
    current = space
    round = 0
    while max_rounds is None or round < max_rounds:
        round += 1
        here = codes[alive]
        counts = np.bincount(here, minlength=n_classes)
        k = None if until_stable else round
        # the cost warning once: later rounds search fewer rows
        with nullcontext() if round == 1 else quiet_cost():
            labels = neighbor_labels(current, here, rule, k, round)
        if max_rounds is None:  # an object without an int n_neighbors: its width is the end
            max_rounds = labels.shape[1]
        if k is not None:
            labels = labels[:, :k]
        local, others = edit(labels, here, targets(counts), kind_sel)
        if until_stable and not len(local):
            break
        check_not_emptied(here, local, n_classes, round)
        if len(local):
            removals.add(
                alive[local], Reason.ENN, count=others[local], k=labels.shape[1], round=round
            )
            keep = np.ones(len(alive), dtype=bool)
            keep[local] = False
            alive = alive[keep]
            current = take_rows(space, alive)
            counts = counts - np.bincount(here[local], minlength=n_classes)
        if guard and _minority_flipped(counts, minority, smallest):
            break
    removals.rounds = round
    return removals.plan()
