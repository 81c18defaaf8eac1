"""One-sided selection (OSS), as imbalanced-learn 0.14 defines it.

For each targeted class: the kept set C is every minority row plus ``n_seeds`` random rows
of the class (the seeds); every other row of the class is classified by the vote of its
``k`` nearest rows of C (ties to the smallest class code, as scikit-learn's
``KNeighborsClassifier``). Rows classified as their own class are redundant and removed;
misclassified rows are kept. Then Tomek links among the rows kept so far remove the rows of
targeted classes in a link.
"""

from __future__ import annotations

import numpy as np

from pd_imbalance._core.clean.plan import CleanPlan, Reason, Removals, TooFewRows
from pd_imbalance._core.clean.tomek import check_not_emptied, nearest_other, tomek_links
from pd_imbalance._core.clean.vote import mode_label
from pd_imbalance._core.neighbor_rule import NeighborRule, Space, take_rows

__all__ = ["draw_oss_seeds", "plan_oss"]


def draw_oss_seeds(
    codes: np.ndarray, targeted: np.ndarray, n_seeds: int, rng: np.random.Generator
) -> np.ndarray:
    """Return the seed rows: ``n_seeds`` distinct random rows of each targeted class.

    Drawn without replacement (all rows of a class with ``n_seeds`` rows or fewer), class by
    class in code order; positions ascending.

    Examples
    --------
    >>> codes = np.array([0, 0, 0, 1, 1])
    >>> seeds = draw_oss_seeds(codes, np.array([True, False]), 2, np.random.default_rng(0))
    >>> len(seeds), bool((codes[seeds] == 0).all())
    (2, True)
    """
    picked = []
    for code in np.flatnonzero(targeted):
        rows = np.flatnonzero(codes == code)
        take = min(n_seeds, len(rows))
        picked.append(rows[rng.choice(len(rows), size=take, replace=False)])
    return np.sort(np.concatenate(picked)) if picked else np.empty(0, dtype=np.intp)


def plan_oss(
    space: Space,
    codes: np.ndarray,
    targeted: np.ndarray,
    rule: NeighborRule,
    seeds: np.ndarray,
) -> CleanPlan:
    """Remove OSS's redundant rows, then the targeted rows in Tomek links among the rest.

    Parameters
    ----------
    space : ndarray or MixedSpace
        Every row in one distance space.
    codes : ndarray of int
        Class code per row.
    targeted : ndarray of bool, shape (K,)
        The classes whose rows may be removed.
    rule : NeighborRule
        The classifier's neighbourhood: ``rule.k_across`` rows of C (a user's object: its
        own ``n_neighbors``); the Tomek step uses the nearest other row by the same search.
    seeds : ndarray of int
        The seed rows (see :func:`draw_oss_seeds`); never redundant.

    Returns
    -------
    CleanPlan
        ``Reason.OSS_REDUNDANT`` rows (``other``: the nearest row of C, ``count``: votes for
        its class), then ``Reason.OSS_TOMEK`` rows (``other``: the partner).

    Raises
    ------
    ClassEmptied
        Every row of a class would go.
    TooFewRows
        C has fewer rows than the classifier's neighbours (``among="C"``).

    Examples
    --------
    >>> x = np.array([[6.5], [0.4], [0.2], [8.4], [5.9], [2.2], [7.5], [2.6]])
    >>> codes = np.array([0, 0, 0, 0, 0, 1, 1, 1])
    >>> plan = plan_oss(x, codes, np.array([True, False]), NeighborRule("n", 1), np.array([0]))
    >>> plan.removed.tolist(), [r.name for r in map(Reason, plan.reason)], plan.other.tolist()
    ([3, 4], ['OSS_TOMEK', 'OSS_REDUNDANT'], [6, 0])
    """
    n_classes = len(targeted)
    counts = np.bincount(codes, minlength=n_classes)
    minority_rows = np.flatnonzero((counts == counts.min())[codes])
    is_seed = np.zeros(len(codes), dtype=bool)
    is_seed[seeds] = True
    removals = Removals()
    redundant = np.zeros(len(codes), dtype=bool)
    k = rule.k_across
    for code in np.flatnonzero(targeted):
        rows = np.flatnonzero(codes == code)
        rest = rows[~is_seed[rows]]
        if not len(rest):
            continue
        kept_set = np.union1d(minority_rows, rows[is_seed[rows]])
        if k is not None and len(kept_set) < k:
            raise TooFewRows(len(kept_set), k, "C", code=int(code))
        near = rule.across(space, rest, kept_set)
        votes = codes[kept_set][near]
        own = mode_label(votes) == code
        removals.add(
            rest[own],
            Reason.OSS_REDUNDANT,
            other=kept_set[near[own, 0]],
            count=(votes[own] == code).sum(axis=1),
            k=near.shape[1],
        )
        redundant[rest[own]] = True
    survivors = np.flatnonzero(~redundant)
    nearest = nearest_other(take_rows(space, survivors), rule, overwrite=True)
    links = tomek_links(codes[survivors], nearest) & targeted[codes[survivors]]
    removals.add(survivors[links], Reason.OSS_TOMEK, other=survivors[nearest[links]], k=1)
    plan = removals.plan()
    check_not_emptied(codes, plan.removed, n_classes)
    return plan
