"""ADASYN (He, Bai, Garcia & Li 2008) on arrays: more synthetic rows where the class is harder.

For each row ``i`` of a class to grow, ``r_i`` is the share of its ``k`` nearest other rows
among *all* rows that belong to other classes. The class's ``G`` new rows are shared out
in proportion to ``r_i``: row ``i`` is the base of ``g_i`` of them, with ``sum(g_i) = G``
exactly (largest-remainder apportionment). Each new row is then interpolated as SMOTE
does, toward one of its base's ``k`` nearest rows of its own class, ``lam ~ U[0, 1)``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from pd_imbalance._core.grouped_neighbors import own_neighbors
from pd_imbalance._core.neighbor_rule import NeighborRule, Space
from pd_imbalance._core.neighborhood import other_class_counts
from pd_imbalance._core.random import spawn
from pd_imbalance._core.smote import SmotePlan
from pd_imbalance._core.synthetic_blocks import ClassBlock, assemble_plan

__all__ = ["apportion", "plan_adasyn"]


def apportion(weights: np.ndarray, total: int) -> np.ndarray:
    """Share ``total`` out in proportion to non-negative integer ``weights``, summing exactly.

    Each share is the floor of its quota ``weights * total / sum(weights)`` plus one for the
    rows with the largest remainders (Hamilton's largest-remainder method; equal remainders
    go to the earlier row). Computed in integers, so it is exact. A zero weight gets 0.

    Examples
    --------
    >>> apportion(np.array([1, 1, 1]), 4).tolist()
    [2, 1, 1]
    >>> apportion(np.array([0, 3, 1]), 10).tolist()
    [0, 8, 2]
    """
    weights = np.asarray(weights, dtype=np.int64)
    scaled = weights * np.int64(total)
    whole = int(weights.sum())
    shares = scaled // whole
    remainders = scaled % whole
    missing = total - int(shares.sum())
    if missing:
        order = np.argsort(-remainders, kind="stable")
        shares[order[:missing]] += 1
    out: np.ndarray = shares
    return out


def plan_adasyn(
    codes: np.ndarray,
    counts: np.ndarray,
    final_counts: np.ndarray,
    features_of: Callable[[np.ndarray], Space],
    space: Space,
    k_rule: NeighborRule,
    seed: np.random.SeedSequence,
    groups: np.ndarray | None = None,
) -> tuple[SmotePlan, dict[int, np.ndarray]]:
    """Plan the synthetic rows of ADASYN for every class that grows.

    Parameters
    ----------
    codes : ndarray of int, shape (n,)
        Class code of each input row.
    counts, final_counts : ndarray of int, shape (K,)
        Current and wanted rows per class.
    features_of : callable
        ``features_of(positions)``: a class's own distance space, searched for its
        own-class neighbours.
    space : ndarray or MixedSpace
        Every input row in one distance space (the ratios' search).
    k_rule : NeighborRule
        ``k_neighbors``: the neighbourhood of the ratios and of the interpolation.
    seed : numpy.random.SeedSequence
        Class ``c`` draws from child ``c`` (``seed`` itself is not changed): neighbours,
        then ``lam``.
    groups : ndarray of int, shape (n,), optional
        Each input row's group code: the interpolation's own-class neighbours are then
        searched within the row's group too (the ratios still read every row).

    Returns
    -------
    plan : SmotePlan
        The synthetic rows; those of one class are ordered by base row.
    per_row : dict
        For every class that grows: each of its rows' number of other-class rows among its
        ``k`` nearest (``r_i * k``). A class where all of them are 0 gets no synthetic rows.
    """
    children = spawn(seed, len(counts))
    blocks: list[ClassBlock] = []
    found: dict[int, np.ndarray] = {}
    for c in (int(c) for c in np.flatnonzero(final_counts > counts)):
        positions = np.flatnonzero(codes == c)
        n_other, _ = other_class_counts(k_rule, space, codes, positions, c)
        found[c] = n_other
        if not n_other.any():
            continue
        n_new = int(final_counts[c] - counts[c])
        shares = apportion(n_other, n_new)
        base = np.repeat(np.arange(len(positions)), shares)
        own = own_neighbors(k_rule, features_of, positions, groups)
        rng = np.random.default_rng(children[c])
        pick = rng.integers(0, own.shape[1], size=n_new)
        lam = rng.random(n_new)
        blocks.append(ClassBlock(c, positions, own, base, own[base, pick], lam))
    width = k_rule.k if k_rule.k is not None else 1
    return assemble_plan(blocks, len(codes), width), found
