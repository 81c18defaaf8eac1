"""Exact k nearest neighbours under the nan-euclidean distance (missing values allowed).

The distance is scikit-learn's ``nan_euclidean_distances``, squared: for rows ``a`` and
``b`` of ``d`` continuous columns, with ``n`` the number of columns present (not NaN) in
both,

    ``d2(a, b) = S / n * d``, ``S = sum((a_j - b_j) ** 2 for the shared columns j)``,

summed column by column in float64; a pair with no column present in both is infinitely
far apart. A :class:`NanSpace` may also hold columns that are never missing (SMOTE-NC's
scaled one-hot blocks): their squared differences are added unweighted.

The search is exact. Each block of query rows is compared with every reference row by
matrix products (masked values, so every sum runs over the shared columns only): one GEMM
gives ``S`` (``[x**2, m, x] @ [m, x**2, -2 x].T`` for values ``x`` centred on the
reference's column medians and zeroed where missing, ``m`` the presence masks), one more
the counts ``n``. A rigorous bound on the rounding of those products (and of the centring)
gives each pair an interval; the pairs whose lower bound is at most the ``k``-th smallest
upper bound of their row are the only candidates, and their distances are computed
exactly from the original values (differences, column by column), the ``k`` smallest kept,
ties by reference index. Memory is linear: a block holds at most :data:`BLOCK_ENTRIES`
pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "BLOCK_ENTRIES",
    "NanSpace",
    "nan_cross_neighbors",
    "nan_nearest_neighbors",
    "nan_squared_distances",
]

#: Query-by-reference pairs compared at once (bounds the block's temporaries).
BLOCK_ENTRIES = 1 << 19
_EPS = float(np.finfo(np.float64).eps)


@dataclass(frozen=True)
class NanSpace:
    """Rows in a space with missing values: nan-euclidean columns plus complete columns.

    Attributes
    ----------
    values : ndarray of float64, shape (m, d)
        The continuous columns, NaN where missing (the nan-euclidean part).
    other : ndarray of float64, shape (m, e)
        Columns never missing (SMOTE-NC's scaled one-hot blocks), added unweighted.
    """

    values: np.ndarray
    other: np.ndarray

    def __len__(self) -> int:
        return len(self.values)

    def take(self, rows: np.ndarray) -> NanSpace:
        """Return the space of the given rows."""
        return NanSpace(self.values[rows], self.other[rows])


def nan_squared_distances(
    a: NanSpace, b: NanSpace, rows: np.ndarray, cols: np.ndarray
) -> np.ndarray:
    """Return the exact squared distances of the pairs ``(a[rows[i]], b[cols[i]])``.

    Column by column in float64: ``S / n * d`` over the nan-euclidean columns (``inf``
    where no column is present in both), plus the squared differences of ``other``.

    Examples
    --------
    >>> a = NanSpace(np.array([[0.0, np.nan], [1.0, 2.0]]), np.empty((2, 0)))
    >>> nan_squared_distances(a, a, np.array([0, 1]), np.array([1, 0])).tolist()
    [2.0, 2.0]
    """
    d = a.values.shape[1]
    total = np.zeros(len(rows), dtype=np.float64)
    if d:
        shared = np.zeros(len(rows), dtype=np.float64)
        for j in range(d):
            diff = a.values[rows, j] - b.values[cols, j]
            present = ~np.isnan(diff)
            total += np.where(present, diff * diff, 0.0)
            shared += present
        with np.errstate(divide="ignore", invalid="ignore"):
            total = np.where(shared > 0, total / shared * d, np.inf)
    for j in range(a.other.shape[1]):
        diff = a.other[rows, j] - b.other[cols, j]
        total += diff * diff
    return total


@dataclass(frozen=True)
class _Prepared:
    """One side of the products: stacked operands, squared norms, presence masks."""

    left: np.ndarray  # [x**2, m, x]: query side
    right: np.ndarray  # [m, x**2, -2 x]: reference side
    mask: np.ndarray  # m (float64)
    norm2: np.ndarray  # sum of x**2 over the present columns
    other: np.ndarray
    other_norm2: np.ndarray


def _prepare(space: NanSpace, center: np.ndarray) -> _Prepared:
    present = ~np.isnan(space.values)
    x = np.where(present, space.values - center, 0.0)
    x2 = x * x
    mask = present.astype(np.float64)
    other = np.ascontiguousarray(space.other, dtype=np.float64)
    return _Prepared(
        left=np.hstack([x2, mask, x]),
        right=np.hstack([mask, x2, -2.0 * x]),
        mask=mask,
        norm2=x2.sum(axis=1),
        other=other,
        other_norm2=np.einsum("ij,ij->i", other, other),
    )


def _bounds(
    q: _Prepared, r: _Prepared, start: int, stop: int, d: int
) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds of the exact squared distances of a block of query rows.

    ``S`` from one GEMM has error at most ``3 d eps sum|terms| <= 6 d eps (|x_q|^2 +
    |x_r|^2)``; centring moves ``sqrt(S)`` by at most ``eps (|x_q| + |x_r|)``; the exact
    evaluation and the weight add a relative ``(d + e + 16) eps``. Each bound is widened
    beyond those (a wider interval only adds candidates).
    """
    e = q.other.shape[1]
    grow = 4.0 * (d + e + 16) * _EPS
    lo = np.zeros((stop - start, r.mask.shape[0]), dtype=np.float64)
    hi = np.zeros_like(lo)
    if d:
        s = q.left[start:stop] @ r.right.T
        n = q.mask[start:stop] @ r.mask.T
        slack = q.norm2[start:stop, None] + r.norm2[None, :]
        slack *= (8.0 * d + 32.0) * _EPS
        with np.errstate(divide="ignore"):
            weight = d / n  # inf where no column is shared
        np.subtract(s, slack, out=lo)
        np.maximum(lo, 0.0, out=lo)
        np.add(s, slack, out=hi)
        del s, slack
        none = n == 0
        weight[none] = 0.0  # then set: 0 * inf would be NaN
        lo *= weight
        hi *= weight
        lo[none] = np.inf
        hi[none] = np.inf
    if e:
        so = q.other[start:stop] @ r.other.T
        so *= -2.0
        norms = q.other_norm2[start:stop, None] + r.other_norm2[None, :]
        so += norms
        norms *= (8.0 * e + 32.0) * _EPS
        lo += np.maximum(so - norms, 0.0)
        hi += so + norms
    lo *= 1.0 - grow
    hi *= 1.0 + grow
    return lo, hi


def nan_cross_neighbors(
    query: NanSpace,
    reference: NanSpace,
    k: int,
    *,
    exclude_self: bool = False,
    return_distance: bool = False,
) -> Any:
    """Return each query row's ``k`` nearest reference rows under the nan-euclidean distance.

    Exact (see the module docstring), ties by reference index; a pair with no column
    present in both is at an infinite distance (such rows come last, by index).

    Parameters
    ----------
    query : NanSpace of shape (q, d)
    reference : NanSpace of shape (r, d)
        ``r >= k`` (``r > k`` with ``exclude_self``).
    k : int
        Neighbours per query row.
    exclude_self : bool, default=False
        ``query`` *is* ``reference``: row ``i`` is never its own neighbour.
    return_distance : bool, default=False
        Also return the distances (``(q, k)`` float64, the square roots).

    Returns
    -------
    ndarray of intp, shape (q, k), or (indices, distances)
        Row indices into ``reference``, nearest first.

    Examples
    --------
    >>> ref = NanSpace(np.array([[0.0, 0.0], [np.nan, 3.0], [1.0, np.nan]]), np.empty((3, 0)))
    >>> qry = NanSpace(np.array([[1.0, 2.9]]), np.empty((1, 0)))
    >>> nan_cross_neighbors(qry, ref, 2).tolist()  # d2: 19.64, 0.02, 0.0
    [[2, 1]]
    """
    n_query, n_ref = len(query), len(reference)
    if not 0 < k <= n_ref - int(exclude_self):
        raise ValueError(f"k must be in [1, {n_ref - int(exclude_self)}]; got {k}")
    d = reference.values.shape[1]
    with np.errstate(all="ignore"):
        center = np.zeros(d) if n_ref == 0 else np.nanmedian(reference.values, axis=0)
    center = np.where(np.isnan(center), 0.0, center)
    q_prep = _prepare(query, center)
    r_prep = q_prep if exclude_self else _prepare(reference, center)
    index = np.empty((n_query, k), dtype=np.intp)
    dist2 = np.empty((n_query, k), dtype=np.float64)
    step = max(1, BLOCK_ENTRIES // max(n_ref, 1))
    for start in range(0, n_query, step):
        stop = min(n_query, start + step)
        lo, hi = _bounds(q_prep, r_prep, start, stop, d)
        own = np.arange(stop - start)
        if exclude_self:
            hi[own, start + own] = np.inf
        tau = np.partition(hi, k - 1, axis=1)[:, k - 1]
        candidate = lo <= tau[:, None]
        del lo, hi
        if exclude_self:
            candidate[own, start + own] = False
        rows, cols = np.nonzero(candidate)
        del candidate
        exact = nan_squared_distances(query, reference, rows + start, cols)
        order = np.lexsort((cols, exact, rows))  # by row, then distance, then index
        rows, cols, exact = rows[order], cols[order], exact[order]
        first = np.arange(len(rows)) - np.searchsorted(rows, rows) < k
        index[start:stop] = cols[first].reshape(-1, k)
        dist2[start:stop] = exact[first].reshape(-1, k)
    return (index, np.sqrt(dist2)) if return_distance else index


def nan_nearest_neighbors(space: NanSpace, k: int) -> np.ndarray:
    """Return the ``k`` nearest *other* rows of every row, nearest first, ties by index.

    Examples
    --------
    >>> space = NanSpace(np.array([[0.0], [np.nan], [1.0], [5.0]]), np.empty((4, 0)))
    >>> nan_nearest_neighbors(space, 2).tolist()  # row 1 shares no column: infinitely far
    [[2, 3], [0, 2], [0, 3], [2, 0]]
    """
    found: np.ndarray = nan_cross_neighbors(space, space, k, exclude_self=True)
    return found
