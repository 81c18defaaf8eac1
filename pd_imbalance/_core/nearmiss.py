"""NearMiss under-sampling: keep the rows of a reduced class that lie closest to the minority.

All three versions measure distances from rows of a reduced class to rows of the *minority*
class (the smallest; among equally small classes, the one whose first row comes first), in
one distance space over every row involved:

* version 1: a row's score is the sum of its distances to its ``k`` nearest minority rows;
  the rows with the smallest scores stay;
* version 2: the score is the sum of the distances to its ``k`` *farthest* minority rows;
  the smallest scores stay;
* version 3: first each minority row picks its ``k3`` nearest rows of the class (the
  candidates are the union of those picks); then among the candidates the rows with the
  *largest* version-1 scores stay. There may be fewer candidates than the wanted count.

Equal scores keep the row that comes first. The result lists kept positions in ascending
order (rows keep their original order).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pd_imbalance._core.neighbor_rule import NeighborRule, Space, quiet_cost

__all__ = ["NearMissPlan", "minority_code", "plan_nearmiss"]

#: Distances held at once by version 2's search (query rows x minority rows), in entries.
BLOCK_ENTRIES = 1 << 22
#: Query rows per call of the built-in search in versions 1 and 3 (bounds the copies).
QUERY_CHUNK_ROWS = 1 << 14


@dataclass(frozen=True)
class NearMissPlan:
    """Kept rows of a NearMiss plan.

    Attributes
    ----------
    kept : ndarray of intp
        Kept positions (into the rows of the space), ascending.
    final_counts : ndarray of int64
        Kept rows of each class; below the wanted count where version 3 found fewer
        candidates.
    """

    kept: np.ndarray
    final_counts: np.ndarray


def minority_code(codes: np.ndarray, counts: np.ndarray) -> int:
    """Return the code of the smallest class; among equals, the class whose first row is first.

    Examples
    --------
    >>> minority_code(np.array([1, 0, 0, 1, 2, 2, 2]), np.array([2, 2, 3]))
    1
    """
    smallest = np.flatnonzero(counts == counts.min())
    if len(smallest) == 1:
        return int(smallest[0])
    first = [int(np.argmax(codes == c)) for c in smallest]
    return int(smallest[int(np.argmin(first))])


def _score_nearest(
    rule: NeighborRule, space: Space, query: np.ndarray, minority: np.ndarray, k: int | None
) -> np.ndarray:
    """Sum of each query row's distances to its ``k`` nearest minority rows.

    The built-in search takes the query rows in chunks of :data:`QUERY_CHUNK_ROWS` (the
    same distances: each chunk is prepared on the same reference), so that the rows of a
    large class are never copied all at once.
    """
    step = QUERY_CHUNK_ROWS if rule.search is None else max(1, len(query))
    scores = np.empty(len(query), dtype=np.float64)
    rule.warn_cost(space, len(query), len(minority))  # once, for the whole search
    with quiet_cost():
        for start in range(0, len(query), step):
            block = query[start : start + step]
            _, dist = rule.across(space, block, minority, k=k, return_distance=True)
            scores[start : start + len(block)] = dist.sum(axis=1)
    return scores


def _score_farthest(
    rule: NeighborRule, space: Space, query: np.ndarray, minority: np.ndarray, k: int
) -> np.ndarray:
    """Sum of each query row's distances to its ``k`` farthest minority rows (blocked).

    The built-in search on numeric rows finds the farthest rows directly
    (:func:`~pd_imbalance._core.cross_knn.farthest_sums`, the same sums); a search object
    or a mixed space ranks every minority row. The approximate search has nothing to gain
    here (every minority row is ranked), so it takes the exact path too.
    """
    if (rule.search is None or rule.approximate) and isinstance(space, np.ndarray):
        from pd_imbalance._core.cross_knn import farthest_sums

        return farthest_sums(space[query], space[minority], k)
    step = max(1, BLOCK_ENTRIES // max(1, len(minority)))
    scores = np.empty(len(query), dtype=np.float64)
    for start in range(0, len(query), step):
        block = query[start : start + step]
        _, dist = rule.across(space, block, minority, k=len(minority), return_distance=True)
        scores[start : start + len(block)] = dist[:, -k:].sum(axis=1)
    return scores


def _ranked(scores: np.ndarray, keep: int, *, largest: bool) -> np.ndarray:
    """Return the indices of the ``keep`` best scores; equal scores in index order."""
    order = np.argsort(-scores if largest else scores, kind="stable")
    return order[:keep]


def plan_nearmiss(
    codes: np.ndarray,
    counts: np.ndarray,
    final_counts: np.ndarray,
    space: Space,
    version: int,
    rule: NeighborRule,
    rule_ver3: NeighborRule | None = None,
    *,
    minority: int | None = None,
) -> NearMissPlan:
    """Choose the kept rows of every reduced class with NearMiss ``version`` (1, 2 or 3).

    Parameters
    ----------
    codes : ndarray of int
        Class code of every row of ``space``.
    counts, final_counts : ndarray of int64
        Rows of each class in ``codes`` and the wanted rows; classes with
        ``final_counts >= counts`` are kept whole.
    space : ndarray or MixedSpace
        The distance space of the rows (one space over all of them).
    version : {1, 2, 3}
        The NearMiss version.
    rule : NeighborRule
        ``n_neighbors``: its :attr:`~NeighborRule.k_across` minority rows per score (an
        object without an int ``n_neighbors`` is asked for its own default, versions 1 and 3).
    rule_ver3 : NeighborRule, optional
        ``n_neighbors_ver3`` (version 3): candidates picked by each minority row.
    minority : int, optional
        The minority class's code; by default :func:`minority_code` of ``codes``.

    Returns
    -------
    NearMissPlan

    Examples
    --------
    >>> space = np.array([[0.0], [1.0], [5.0], [9.0], [0.5]])
    >>> codes = np.array([0, 0, 0, 0, 1])
    >>> plan = plan_nearmiss(codes, np.array([4, 1]), np.array([1, 1]), space, 1,
    ...                      NeighborRule("n_neighbors", 1))
    >>> plan.kept.tolist(), plan.final_counts.tolist()
    ([0, 4], [1, 1])
    """
    if minority is None:
        minority = minority_code(codes, counts)
    minority_rows = np.flatnonzero(codes == minority)
    k = rule.k_across
    final = np.minimum(final_counts, counts).astype(np.int64)
    keep = np.ones(len(codes), dtype=bool)
    for c in np.flatnonzero(final < counts):
        rows = np.flatnonzero(codes == c)
        keep[rows] = False
        wanted = int(final[c])
        if version == 1:
            chosen = rows[
                _ranked(_score_nearest(rule, space, rows, minority_rows, k), wanted, largest=False)
            ]
        elif version == 2:
            assert k is not None
            chosen = rows[
                _ranked(_score_farthest(rule, space, rows, minority_rows, k), wanted, largest=False)
            ]
        else:
            assert rule_ver3 is not None
            picks = rule_ver3.across(space, minority_rows, rows)
            candidates = rows[np.unique(np.asarray(picks).ravel())]
            scores = _score_nearest(rule, space, candidates, minority_rows, k)
            chosen = candidates[_ranked(scores, wanted, largest=True)]
            final[c] = len(chosen)
        keep[chosen] = True
    return NearMissPlan(np.flatnonzero(keep), final)
