"""Exact k-nearest neighbours within one class (Euclidean), the point itself excluded."""

from __future__ import annotations

import numpy as np


def exclude_self(neighbors: np.ndarray) -> np.ndarray:
    """Drop each row's own index from its ``k + 1`` neighbours, leaving ``k``.

    With duplicate points the row itself may not be first (another copy is at distance 0
    too) or may be missing entirely (more than ``k + 1`` copies); then the farthest candidate
    is dropped instead, so every row keeps exactly ``k`` other rows.

    Examples
    --------
    >>> exclude_self(np.array([[0, 1, 2], [0, 1, 2], [1, 0, 3]])).tolist()
    [[1, 2], [0, 2], [1, 0]]
    """
    m, width = neighbors.shape
    is_self = neighbors == np.arange(m)[:, None]
    keep = ~is_self
    keep[~is_self.any(axis=1), width - 1] = False
    kept: np.ndarray = neighbors[keep].reshape(m, width - 1)
    return kept


#: From this many rows on, the float32-GEMM search (:mod:`.fast_knn`) is used; below it,
#: scikit-learn's brute force, which is as fast there and needs no tuning.
FAST_MIN_ROWS = 2048
#: The fast search selects the k nearest in k vectorised rounds: beyond this many
#: neighbours scikit-learn's heap is the better tool.
FAST_MAX_K = 64


def nearest_neighbors(points: np.ndarray, k: int) -> np.ndarray:
    """Return the indices of the ``k`` nearest other rows of every row of ``points``.

    Exact (Euclidean, on the float64 values), with O(m) memory per block, never an
    m-by-m matrix. Small inputs use scikit-learn's chunked ``algorithm="brute"``; from
    :data:`FAST_MIN_ROWS` rows on (and up to :data:`FAST_MAX_K` neighbours),
    :func:`~pd_imbalance._core.fast_knn.exact_self_neighbors`
    (float32 matrix products with rigorous error bounds, symmetric tiles and per-row
    thresholds, then exact float64 distances for the few candidates left), which is 3 to 7
    times faster on two cores. Neither uses the kd-tree that ``"auto"`` picks below 16
    features, which is very slow on real-valued data. Among neighbours at exactly equal
    distances, which ones are returned may differ between the two.

    Parameters
    ----------
    points : ndarray of shape (m, d)
        The rows of one class, ``m > k``, finite.
    k : int
        Neighbours per row.

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
    if len(points) >= FAST_MIN_ROWS and k <= FAST_MAX_K:
        from pd_imbalance._core.fast_knn import exact_self_neighbors

        return exact_self_neighbors(points, k)
    return brute_neighbors(points, k)


def brute_neighbors(points: np.ndarray, k: int) -> np.ndarray:
    """Return the ``k`` nearest other rows of every row by scikit-learn's brute force."""
    from sklearn.neighbors import NearestNeighbors

    search = NearestNeighbors(n_neighbors=k + 1, algorithm="brute").fit(points)
    found = search.kneighbors(points, return_distance=False)
    return exclude_self(np.asarray(found, dtype=np.intp))
