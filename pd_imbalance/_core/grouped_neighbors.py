"""Neighbour searches restricted to groups: each row's ``k`` nearest rows of its own group.

SMOTE with ``within_groups=True`` interpolates a row only towards rows of the same class
*and* the same group (a patient, a customer). The class's distance space is built once (so
the SMOTE-NC penalty is the class's, whatever the group) and searched group by group:

* groups of at most :data:`SMALL_GROUP` rows are searched together, all groups of the same
  size in one batched brute force (a ``(groups, s, s)`` block of exact squared distances,
  the groups taken in blocks of bounded memory), so many tiny groups cost a few numpy calls
  per distinct group size, not a Python step per group or per row;
* larger groups (at most ``m / SMALL_GROUP`` of them) are searched one by one with the
  rule's own exact search (:meth:`~pd_imbalance._core.neighbor_rule.NeighborRule.within`);
* spaces with wide categorical columns (kept as codes) or missing values, and a user's
  search object, are searched group by group, whatever the size (a Python step per group).

Every group must hold more than ``k`` rows (the caller checks and names the group). Ties
are broken towards the row that comes first in the input, as the exact search does.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from pd_imbalance._core.neighbor_rule import NeighborRule, Space, take_rows

__all__ = ["SMALL_GROUP", "grouped_within", "own_neighbors"]

#: Groups of at most this many rows are searched in batches (all groups of one size at once).
SMALL_GROUP = 64
#: Distance entries (groups x s x s x d) per batch of the brute force (bounds temporaries).
BATCH_ENTRIES = 1 << 22


def own_neighbors(
    rule: NeighborRule,
    features_of: Callable[[np.ndarray], Space],
    positions: np.ndarray,
    groups: np.ndarray | None,
) -> np.ndarray:
    """Return the own-class neighbours of a class's rows, within their groups when given.

    ``positions`` are the class's input rows, ``groups`` the group code of every *input* row
    (None: no groups, the plain within-class search). Indices are into ``positions``.
    """
    space = features_of(positions)
    if groups is None:
        return rule.within(space)
    return grouped_within(rule, space, groups[positions])


def grouped_within(rule: NeighborRule, space: Space, groups: np.ndarray) -> np.ndarray:
    """Return each row's nearest other rows of ``space`` among the rows of its group.

    Parameters
    ----------
    rule : NeighborRule
        The neighbourhood (``k`` of the built-in search, or a user's object).
    space : ndarray or MixedSpace
        The rows' distance space (one class).
    groups : ndarray of int, shape (m,)
        Each row's group code (any integers).

    Returns
    -------
    ndarray of intp, shape (m, k)
        Indices into ``space``, nearest first, each in the row's own group.

    Examples
    --------
    >>> space = np.array([[0.0], [10.0], [1.0], [11.0], [3.0], [12.5]])
    >>> groups = np.array([0, 1, 0, 1, 0, 1])  # rows 1 and 2 are closer, but not grouped
    >>> grouped_within(NeighborRule("k", 1), space, groups).ravel().tolist()
    [2, 3, 0, 1, 2, 3]
    """
    m = len(groups)
    _, inverse, sizes = np.unique(groups, return_inverse=True, return_counts=True)
    order = np.argsort(inverse, kind="stable")  # rows by group, input order within a group
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    batched = rule.search is None and isinstance(space, np.ndarray)
    k = rule.k
    if k is not None and len(sizes) and sizes.min() <= k:
        raise ValueError(
            f"a group has {int(sizes.min())} rows; each row needs {rule.name}={k} other rows "
            "of its group."
        )
    out: np.ndarray | None = np.empty((m, k), dtype=np.intp) if k is not None else None
    small = sizes <= SMALL_GROUP if batched else np.zeros(len(sizes), dtype=bool)
    if batched and small.any():
        assert out is not None and k is not None and isinstance(space, np.ndarray)
        for s in np.unique(sizes[small]):
            chosen = np.flatnonzero(small & (sizes == s))
            rows = order[starts[chosen][:, None] + np.arange(s)]  # (groups, s), input order
            _batched_brute_force(space, rows, k, out)
    for g in np.flatnonzero(~small):  # few large groups, or any group of a mixed space
        rows = order[starts[g] : starts[g] + sizes[g]]
        near = rule.within(take_rows(space, rows))
        if out is None:  # a search object without n_neighbors: its width, once known
            out = np.empty((m, near.shape[1]), dtype=np.intp)
        if near.shape[1] != out.shape[1]:
            raise ValueError(
                f"the neighbour search given as {rule.name} returned {near.shape[1]} "
                f"neighbours in one group and {out.shape[1]} in another; give it a fixed "
                "n_neighbors."
            )
        out[rows] = rows[near]
    assert out is not None
    return out


def _batched_brute_force(space: np.ndarray, rows: np.ndarray, k: int, out: np.ndarray) -> None:
    """Write the ``k`` nearest same-group rows of every row of equally sized groups.

    ``rows`` is ``(groups, s)``: each group's input rows. Exact squared differences (no
    ``|a|^2 - 2ab + |b|^2`` cancellation), the row itself excluded, a stable sort so equal
    distances keep the earlier row first.
    """
    n_groups, s = rows.shape
    d = space.shape[1]
    per_group = max(1, s * s * max(d, 1))
    step = max(1, BATCH_ENTRIES // per_group)
    diagonal = np.arange(s)
    for start in range(0, n_groups, step):
        block = rows[start : start + step]  # (b, s)
        x = space[block]  # (b, s, d)
        diff = x[:, :, None, :] - x[:, None, :, :]
        d2 = np.einsum("bijd,bijd->bij", diff, diff)
        d2[:, diagonal, diagonal] = np.inf
        nearest = np.argsort(d2, axis=2, kind="stable")[:, :, :k]  # (b, s, k), in-group
        found = block[np.arange(len(block))[:, None, None], nearest]  # (b, s, k): rows
        out[block.ravel()] = found.reshape(-1, k)
