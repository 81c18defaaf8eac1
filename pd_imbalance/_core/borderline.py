"""Borderline-SMOTE 1 and 2 (Han, Wang & Mao 2005) on arrays: the DANGER set and the draw.

For each row of a class to grow, its ``m`` nearest other rows among *all* rows are
counted by class: with ``m'`` of them from other classes, the row is

* *safe* when ``m' < m / 2`` (mostly its own class around it),
* in *danger* when ``m / 2 <= m' < m`` (on the border),
* *noise* when ``m' = m`` (only other classes around it).

Only rows in danger are bases, drawn uniformly with replacement. Borderline-1 then
interpolates as SMOTE does, toward one of the base's ``k`` nearest rows of its own class
(``lam ~ U[0, 1)``). Borderline-2 picks the neighbour among the base's ``k`` nearest rows
of *any* class; toward a row of its own class ``lam ~ U[0, 1)``, toward a row of another
class ``lam ~ U[0, 0.5)``, so the new row stays nearer the base's class. Categorical
columns take the most common value among the base's ``k`` nearest rows of its own class
(SMOTE-NC), whichever neighbour the continuous columns move toward.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from pd_imbalance._core.grouped_neighbors import own_neighbors
from pd_imbalance._core.neighbor_rule import NeighborRule, Space
from pd_imbalance._core.neighborhood import drop_self, nearest_among_all, nearest_with_self
from pd_imbalance._core.random import spawn
from pd_imbalance._core.smote import SmotePlan, draw_synthetic
from pd_imbalance._core.smote_nc import MixedSpace
from pd_imbalance._core.synthetic_blocks import ClassBlock, assemble_plan

__all__ = ["BorderlineKind", "DangerCounts", "danger_mask", "plan_borderline"]

BorderlineKind = Literal["borderline-1", "borderline-2"]


def danger_mask(n_other: np.ndarray, m: int) -> np.ndarray:
    """Return which rows are in danger: ``m / 2 <= n_other < m``.

    Examples
    --------
    >>> danger_mask(np.array([0, 4, 5, 9, 10]), 10).tolist()
    [False, False, True, True, False]
    """
    mask: np.ndarray = (2 * n_other >= m) & (n_other < m)
    return mask


@dataclass(frozen=True)
class DangerCounts:
    """How the rows of one class to grow split into safe, danger and noise.

    Attributes
    ----------
    safe, danger, noise : int
        Rows of each kind.
    m : int
        Neighbours looked at per row.
    """

    safe: int
    danger: int
    noise: int
    m: int


def plan_borderline(
    codes: np.ndarray,
    counts: np.ndarray,
    final_counts: np.ndarray,
    features_of: Callable[[np.ndarray], Space],
    space: Space,
    k_rule: NeighborRule,
    m_rule: NeighborRule,
    *,
    kind: BorderlineKind,
    seed: np.random.SeedSequence,
    votes: bool = True,
    groups: np.ndarray | None = None,
) -> tuple[SmotePlan, dict[int, DangerCounts]]:
    """Plan the synthetic rows of Borderline-SMOTE for every class that grows.

    Parameters
    ----------
    codes : ndarray of int, shape (n,)
        Class code of each input row.
    counts, final_counts : ndarray of int, shape (K,)
        Current and wanted rows per class.
    features_of : callable
        ``features_of(positions)``: a class's own distance space (its SMOTE-NC penalty),
        searched for its own-class neighbours.
    space : ndarray or MixedSpace
        Every input row in one distance space: the DANGER search and Borderline-2's
        neighbours of any class.
    k_rule, m_rule : NeighborRule
        ``k_neighbors`` (interpolation) and ``m_neighbors`` (the DANGER test).
    kind : {"borderline-1", "borderline-2"}
    seed : numpy.random.SeedSequence
        Class ``c`` draws from child ``c`` (``seed`` itself is not changed): bases, then
        neighbours, then ``lam``, as :func:`~pd_imbalance._core.smote.draw_synthetic`.
    votes : bool, default=True
        Borderline-2 only: find each class's own-class neighbours (needed when there are
        categorical columns to vote on). Borderline-1 always needs them.
    groups : ndarray of int, shape (n,), optional
        Each input row's group code: the own-class neighbours (borderline-1's interpolation,
        the SMOTE-NC votes) are then searched within the row's group too. The DANGER test
        still reads every row.

    Returns
    -------
    plan : SmotePlan
        Bases are rows in danger; for Borderline-2 ``sources`` also holds the rows of
        other classes chosen as neighbours.
    danger : dict
        For every class that grows, its :class:`DangerCounts`. A class without a row in
        danger gets no synthetic rows.
    """
    children = spawn(seed, len(counts))
    blocks: list[ClassBlock] = []
    found: dict[int, DangerCounts] = {}
    for c in (int(c) for c in np.flatnonzero(final_counts > counts)):
        positions = np.flatnonzero(codes == c)
        raw = nearest_with_self(m_rule, space, positions)
        near_m = drop_self(raw, positions, m_rule.name)
        n_other, m = (codes[near_m] != c).sum(axis=1), near_m.shape[1]
        danger = np.flatnonzero(danger_mask(n_other, m))
        n_noise = int((n_other == m).sum())
        found[c] = DangerCounts(len(positions) - len(danger) - n_noise, len(danger), n_noise, m)
        if not len(danger):
            continue
        rng = np.random.default_rng(children[c])
        n_new = int(final_counts[c] - counts[c])
        own = None
        if kind == "borderline-1" or votes:
            own = own_neighbors(k_rule, features_of, positions, groups)
        if kind == "borderline-1":
            assert own is not None
            pick, neighbor, lam = draw_synthetic(own[danger], n_new, rng)
            blocks.append(ClassBlock(c, positions, own, danger[pick], neighbor, lam))
            continue
        if _prefix_serves(k_rule, m_rule, space, raw.shape[1]):
            # the DANGER search's first k + 1 columns are the k_neighbors search's answer
            width = int(k_rule.k or 0) + 1
            near = drop_self(raw[danger][:, :width], positions[danger], k_rule.name)
        else:
            near = nearest_among_all(k_rule, space, positions[danger])  # input positions
        blocks.append(_borderline_2(c, codes, positions, danger, near, own, n_new, rng))
    width = k_rule.k if k_rule.k is not None else 1
    return assemble_plan(blocks, len(codes), width), found


def _prefix_serves(k_rule: NeighborRule, m_rule: NeighborRule, space: Space, width: int) -> bool:
    """Whether the first ``k + 1`` columns of the DANGER search answer the k search.

    True for the built-in exact search (ties by row index) on a numeric space with
    ``k + 1 <= m + 1``: the k + 1 nearest are the first k + 1 of the m + 1 nearest.
    """
    return (
        k_rule.search is None
        and m_rule.search is None
        and k_rule.k is not None
        and not isinstance(space, MixedSpace)
        and k_rule.k + 1 <= width
    )


def _borderline_2(
    c: int,
    codes: np.ndarray,
    positions: np.ndarray,
    danger: np.ndarray,
    near: np.ndarray,
    own: np.ndarray | None,
    n_new: int,
    rng: np.random.Generator,
) -> ClassBlock:
    """One class of Borderline-2: neighbours of any class, ``lam < 0.5`` toward others.

    ``near``: each danger row's ``k`` nearest other rows among all rows (input positions).
    """
    other = codes[near] != c
    extras = np.unique(near[other])  # rows of other classes used as neighbours, sorted
    m = len(positions)
    block_index = np.where(
        other,
        m + np.searchsorted(extras, near),
        np.searchsorted(positions, near),  # positions is sorted (flatnonzero)
    )
    pick, neighbor, lam = draw_synthetic(block_index, n_new, rng)
    lam = np.where(neighbor >= m, 0.5 * lam, lam)  # toward another class: U[0, 0.5)
    r = m + len(extras)
    if own is None:
        neighbors = np.arange(r)[:, None]
    else:  # rows of other classes are never bases: they vote for nobody
        neighbors = np.vstack([own, np.repeat(np.arange(m, r)[:, None], own.shape[1], axis=1)])
    sources = np.concatenate([positions, extras])
    return ClassBlock(c, sources, neighbors, danger[pick], neighbor, lam)
