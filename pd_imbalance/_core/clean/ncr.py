"""The neighbourhood cleaning rule (NCR), as imbalanced-learn 0.14 defines it.

Two sets of rows of the targeted classes go:

* A1, edited: ENN with ``kind_sel="mode"`` (a row whose class is not the most common among
  its ``k`` nearest other rows);
* A2, around the minority: every minority row is classified by the vote of its ``k``
  nearest rows *including itself* (a ``k``-NN classifier fitted on all rows); the ``k``
  nearest other rows of each misclassified one are removed, if their class is targeted and
  has more than ``threshold_cleaning`` times the minority's rows.
"""

from __future__ import annotations

import numpy as np

from pd_imbalance._core.clean.edited import edit, neighbors_of
from pd_imbalance._core.clean.plan import CleanPlan, Reason, Removals
from pd_imbalance._core.clean.tomek import check_not_emptied
from pd_imbalance._core.clean.vote import mode_label
from pd_imbalance._core.neighbor_rule import NeighborRule, Space

__all__ = ["plan_ncr"]


def plan_ncr(
    space: Space,
    codes: np.ndarray,
    targeted: np.ndarray,
    rule: NeighborRule,
    threshold_cleaning: float = 0.5,
    *,
    overwrite: bool = False,
) -> CleanPlan:
    """Remove NCR's rows A1 (edited) and A2 (around misclassified minority rows).

    The minority is every class with the smallest count. A row in both sets is reported
    once, as edited.

    Parameters
    ----------
    space : ndarray or MixedSpace
        Every row in one distance space.
    codes : ndarray of int
        Class code per row.
    targeted : ndarray of bool, shape (K,)
        The classes whose rows may be removed.
    rule : NeighborRule
        The neighbourhood (``k`` other rows), used by both steps.
    threshold_cleaning : float
        A2 only removes rows of classes with more than this times the minority's rows.
    overwrite : bool, default=False
        Whether the search may prepare ``space`` in place (the caller's temporary).

    Returns
    -------
    CleanPlan
        ``Reason.NCR_EDITED`` rows (``count`` of ``k`` neighbours of other classes) and
        ``Reason.NCR_NEIGHBOR`` rows (``other``: the misclassified minority row, the first
        by position if several).

    Raises
    ------
    ClassEmptied, TooFewRows

    Examples
    --------
    >>> x = np.array([[7.8], [3.4], [0.9], [2.3], [3.2], [8.6], [6.2], [4.4]])
    >>> codes = np.array([0, 0, 0, 0, 0, 1, 1, 1])
    >>> plan = plan_ncr(x, codes, np.array([True, False]), NeighborRule("n", 3))
    >>> plan.removed.tolist(), [r.name for r in map(Reason, plan.reason)], plan.other.tolist()
    ([0, 1, 4], ['NCR_EDITED', 'NCR_NEIGHBOR', 'NCR_NEIGHBOR'], [-1, 7, 7])
    """
    n_classes = len(targeted)
    counts = np.bincount(codes, minlength=n_classes)
    near = neighbors_of(space, rule, overwrite=overwrite)
    k = near.shape[1]
    edited, others = edit(codes[near], codes, targeted, "mode")
    removals = Removals().add(edited, Reason.NCR_EDITED, count=others[edited], k=k)

    smallest = counts.min()
    minority_rows = np.flatnonzero((counts == smallest)[codes])
    own = codes[minority_rows]
    votes = np.concatenate([own[:, None], codes[near[minority_rows, : k - 1]]], axis=1)
    wrong = minority_rows[mode_label(votes) != own]
    cleanable = targeted & (counts > threshold_cleaning * smallest)
    candidates = near[wrong].ravel()
    sources = np.repeat(wrong, k)
    usable = cleanable[codes[candidates]]
    candidates, sources = candidates[usable], sources[usable]
    order = np.lexsort((sources, candidates))
    candidates, sources = candidates[order], sources[order]
    first = np.ones(len(candidates), dtype=bool)
    first[1:] = candidates[1:] != candidates[:-1]
    removals.add(candidates[first], Reason.NCR_NEIGHBOR, other=sources[first], k=k)
    plan = removals.plan()
    check_not_emptied(codes, plan.removed, n_classes)
    return plan
