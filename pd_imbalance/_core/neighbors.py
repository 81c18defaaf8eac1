"""Exact k-nearest neighbours (Euclidean): within one set (itself excluded) and across two sets.

:func:`nearest_neighbors` answers the self case (each row's nearest *other* rows),
:func:`cross_neighbors` the cross case (each query row's nearest reference rows). Both accept
a user's search object instead (anything with ``fit`` and ``kneighbors``, like
scikit-learn's ``NearestNeighbors``): see :data:`NeighborsLike`.
"""

from __future__ import annotations

from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np

from pd_imbalance._core.knn_prep import exact_brute, kd_tree_search, prepare, sorted_1d


@runtime_checkable
class NeighborSearch(Protocol):
    """A search object with ``fit`` and ``kneighbors``, like ``NearestNeighbors``."""

    def fit(self, X: Any) -> Any: ...

    def kneighbors(self, X: Any, n_neighbors: Any = ..., return_distance: bool = ...) -> Any: ...


#: A neighbourhood size, or a search object whose own ``n_neighbors`` sets it.
NeighborsLike = int | NeighborSearch
#: Which search finds an int's neighbours: the exact one, the approximate one, or an object.
SearchLike = Literal["exact", "approximate"] | NeighborSearch


def cross_neighbors(
    query: np.ndarray,
    reference: np.ndarray,
    k: int,
    *,
    return_distance: bool = False,
    overwrite: bool = False,
) -> Any:
    """Return the ``k`` nearest rows of ``reference`` for every row of ``query``.

    Exact, Euclidean, with memory linear in ``q + r`` (never a q-by-r matrix), on any
    finite data: both sets are centred on the reference's column medians and scaled by a
    power of two (:func:`~pd_imbalance._core.knn_prep.prepare_cross`), then

    * few pairs (``q * r <= 131072``): every distance directly, by differences;
    * one feature: sorting;
    * two to five features: scikit-learn's kd-tree on the prepared rows, its candidates
      re-ranked exactly (rows whose candidates cannot prove the k-th are searched again);
    * otherwise float32 matrix products over tiles with rigorous per-pair error bounds and
      exact float64 distances for the few pairs left, float64 products for blocks of query
      rows that float32 cannot separate (:mod:`~pd_imbalance._core.cross_knn`).

    The distance is ``sum((a_p - a_q) ** 2)`` of the prepared rows, in float64, summed
    column by column; rows at exactly equal distances are ordered by reference index, on
    every path. Returned distances are its square root in the input's units.

    Parameters
    ----------
    query : ndarray of shape (q, d)
    reference : ndarray of shape (r, d)
        ``r >= k``; both finite.
    k : int
        Neighbours per query row.
    return_distance : bool, default=False
        Also return the distances (``(q, k)`` float64, Euclidean, in the input's units).
    overwrite : bool, default=False
        Whether the search may work in place on float64 C-contiguous inputs (temporary
        copies of the caller's, e.g. ``space[rows]``): saves a copy of each set.

    Returns
    -------
    ndarray of intp, shape (q, k), or (indices, distances)
        Row indices into ``reference``, nearest first.

    Examples
    --------
    >>> ref = np.array([[0.0], [1.0], [3.0]])
    >>> cross_neighbors(np.array([[2.9], [0.2]]), ref, 2).tolist()
    [[2, 1], [0, 1]]
    """
    from pd_imbalance._core.cross_knn import cross_search

    index, dist = cross_search(query, reference, k, overwrite=overwrite)
    return (index, dist) if return_distance else index


def exclude_self(neighbors: np.ndarray, own: np.ndarray | None = None) -> np.ndarray:
    """Drop each row's own index from its ``k + 1`` neighbours, leaving ``k``.

    With duplicate points the row itself may not be first (another copy is at distance 0
    too) or may be missing entirely (more than ``k + 1`` copies); then the farthest candidate
    is dropped instead, so every row keeps exactly ``k`` other rows.

    Parameters
    ----------
    neighbors : ndarray of int, shape (m, k + 1)
        Each row's ``k + 1`` nearest rows, itself usually among them.
    own : ndarray of int, shape (m,), optional
        Each row's own index (default: ``0 .. m - 1``).

    Returns
    -------
    ndarray of int, shape (m, k)
        The same rows without the row itself.

    Examples
    --------
    >>> exclude_self(np.array([[0, 1, 2], [0, 1, 2], [1, 0, 3]])).tolist()
    [[1, 2], [0, 2], [1, 0]]
    """
    m, width = neighbors.shape
    own = np.arange(m) if own is None else own
    is_self = neighbors == own[:, None]
    keep = ~is_self
    keep[~is_self.any(axis=1), width - 1] = False
    kept: np.ndarray = neighbors[keep].reshape(m, width - 1)
    return kept


#: From this many rows on, the GEMM search with float32 thresholds (:mod:`.fast_knn`) is
#: used; below it, one blocked float64 brute-force pass with exact re-ranking.
FAST_MIN_ROWS = 2048
#: The fast search selects the k nearest in k vectorised rounds: beyond this many
#: neighbours the blocked brute force (a sort per row) is the better tool.
FAST_MAX_K = 64
#: With this many features (key) and at least this many rows (value), a kd-tree
#: (:func:`~pd_imbalance._core.knn_prep.kd_tree_search`) beats the matrix products: it
#: prunes almost every pair, O(m log m) instead of O(m^2). Measured on 2 shared cores
#: (k = 5, standard normal rows; kd-tree vs float32 GEMM search): 20k rows, 2 features
#: 0.12 s vs 0.63 s, 4 features 0.43 s vs 0.73 s; 5 features: 10k rows 0.17 s vs 0.08 s,
#: 20k 0.69 s vs 1.39 s, 40k 1.57 s vs 2.65 s, 100k 5.0 s vs 12.2 s; 6 features: 20k
#: 1.10 s vs 0.81 s, 40k 2.97 s vs 2.71 s; 7 features: 40k 3.77 s vs 1.34 s (no kd-tree).
KD_TREE_MIN_ROWS = {2: 2048, 3: 4096, 4: 16384, 5: 16384, 6: 49152}


def nearest_neighbors(points: np.ndarray, k: int, *, overwrite: bool = False) -> np.ndarray:
    """Return the indices of the ``k`` nearest other rows of every row of ``points``.

    Exact, Euclidean, with memory linear in m, never an m-by-m matrix, on any finite data
    (sentinel values, one dominant column, huge or subnormal magnitudes). Every path first
    centres the rows on the column medians and scales them by a power of two
    (:func:`~pd_imbalance._core.knn_prep.prepare`; rows with more than ``k`` exact copies
    are answered directly), then:

    * one feature: sorting (:func:`~pd_imbalance._core.knn_prep.sorted_1d`);
    * two to six features and many rows (:data:`KD_TREE_MIN_ROWS`): a kd-tree
      (:func:`~pd_imbalance._core.knn_prep.kd_tree_search`), re-ranked exactly;
    * fewer than :data:`FAST_MIN_ROWS` rows, or more than :data:`FAST_MAX_K` neighbours:
      blocked float64 brute force with rigorous error bounds and exact re-ranking
      (:func:`~pd_imbalance._core.knn_prep.exact_brute`);
    * otherwise :func:`~pd_imbalance._core.fast_knn.exact_self_neighbors` (float32 matrix
      products with rigorous per-pair error bounds, symmetric tiles and per-row
      thresholds, then exact float64 distances for the few candidates left; float64
      matrices, then the brute force, where float32 cannot separate the neighbours).

    The answer is the ``k`` nearest by the float64 distance ``sum((a_p - a_q) ** 2)`` of
    the prepared rows ``a``; among rows at exactly equal distances, which ones are returned
    may differ between the paths. The kd-tree is used only where it wins (up to six
    features, with more rows the more features), not below 16 features as scikit-learn's
    ``"auto"`` does: from about seven features on it is much slower than the matrix
    products on real-valued data.

    Parameters
    ----------
    points : ndarray of shape (m, d)
        The rows of one class, ``m > k``, finite.
    k : int
        Neighbours per row.
    overwrite : bool, default=False
        Whether the search may prepare ``points`` in place (float64, C-contiguous: a
        temporary of the caller's that it does not use afterwards): saves a copy.

    Returns
    -------
    ndarray of intp, shape (m, k)
        Row indices into ``points``, nearest first.

    Examples
    --------
    >>> pts = np.array([[0.0], [1.0], [3.0], [10.0]])
    >>> nearest_neighbors(pts, 2).tolist()
    [[1, 2], [0, 2], [1, 0], [2, 1]]
    """
    shape = np.shape(points)
    if len(shape) != 2:
        raise ValueError("points must be 2-D")
    m, d = shape
    if d == 1 or m >= KD_TREE_MIN_ROWS.get(d, m + 1):
        prep = prepare(points, k, overwrite=overwrite)
        n = prep.values.shape[0]
        if n <= k:  # every row has more than k copies: all answered directly
            return prep.finish(np.zeros((n, k), np.intp), m)
        if d == 1:
            return prep.finish(sorted_1d(prep.values, k), m)
        return prep.finish(kd_tree_search(prep.values, k), m)
    if m >= FAST_MIN_ROWS and k <= FAST_MAX_K:
        from pd_imbalance._core import fast_knn

        return fast_knn.exact_self_neighbors(points, k, overwrite=overwrite)
    return brute_neighbors(points, k, overwrite=overwrite)


def brute_neighbors(points: np.ndarray, k: int, *, overwrite: bool = False) -> np.ndarray:
    """Return the ``k`` nearest other rows of every row by exact blocked brute force.

    Parameters
    ----------
    points : ndarray of shape (m, d)
        Finite values, ``m > k``.
    k : int
        Neighbours per row.
    overwrite : bool, default=False
        See :func:`nearest_neighbors`.

    Returns
    -------
    ndarray of intp, shape (m, k)
        Row indices, nearest first (see :func:`nearest_neighbors` for the distance used).
    """
    m = np.shape(points)[0]
    prep = prepare(points, k, overwrite=overwrite)
    n = prep.values.shape[0]
    if n <= k:
        return prep.finish(np.zeros((n, k), np.intp), m)
    return prep.finish(exact_brute(prep.values, k), m)
