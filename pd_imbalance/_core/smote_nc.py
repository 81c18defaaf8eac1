"""SMOTE-NC distances without a rows-by-levels matrix: exact neighbours for wide categoricals.

SMOTE-NC adds ``penalty**2`` to the squared Euclidean distance for every categorical column on
which two rows differ. A column with few levels is simply one-hot encoded (scaled so that a
difference costs exactly ``penalty**2``). A column with many levels (an ID-like string) would
make that matrix rows x levels, so it is kept as codes, and the exact k nearest neighbours are
found from candidates:

* ``B``: the k nearest rows by the *dense* part alone (continuous and one-hot columns), from
  the exact search of :mod:`pd_imbalance._core.neighbors`;
* every pair of rows that share a level of some wide column (few, for a wide column).

Why that is exact: a row ``q`` that shares no wide level with ``p`` pays the full penalty,
``d2 = dense2 + P * n_wide``; if ``q`` is not in ``B`` there are k rows in ``B`` with no larger
dense distance, and they pay at most that penalty, so ``q`` is not needed (up to ties). Rows
that share a level are all candidates. Exact distances of all candidates are then computed
from the original values (differences, no cancellation) and the k smallest kept.

Memory is linear: ``m * k`` candidates plus the sharing pairs, which a wide column is only
treated this way for when they are at most :data:`MAX_PAIRS_PER_ROW` per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from pd_imbalance._core.nan_knn import NanSpace, nan_nearest_neighbors
from pd_imbalance._core.neighbors import cross_neighbors, nearest_neighbors
from pd_imbalance.errors import InvalidFeaturesError

__all__ = [
    "MAX_PAIRS_PER_ROW",
    "WIDE_LEVELS",
    "MixedSpace",
    "class_neighbors",
    "cross_space_neighbors",
    "distance_space",
]

#: A categorical column with more levels than this (within a class) is not one-hot encoded.
WIDE_LEVELS = 64
#: ... provided its rows sharing a level give at most this many pairs per row.
MAX_PAIRS_PER_ROW = 256
#: With missing values, categoricals are one-hot encoded up to this many entries per column.
MAX_NAN_ONEHOT = 1 << 25
#: Candidate pairs whose exact distances are computed at once (bounds temporaries).
PAIR_BLOCK = 1 << 18


@dataclass(frozen=True)
class MixedSpace:
    """The SMOTE-NC distance space of one class, wide categoricals kept as codes.

    Attributes
    ----------
    dense : ndarray of float64, shape (m, d)
        Continuous columns, then the scaled one-hot blocks of the narrow categoricals.
    wide : list of ndarray of intp, shape (m,)
        Codes of each wide categorical column.
    penalty2 : float
        Added to the squared distance for each wide column on which two rows differ.
    """

    dense: np.ndarray
    wide: list[np.ndarray]
    penalty2: float

    def __len__(self) -> int:
        return len(self.dense)


def smote_nc_penalty(continuous: np.ndarray) -> float:
    """Return the SMOTE-NC distance added per differing categorical value.

    The median of the continuous columns' standard deviations (within the class); 1 when
    there are no continuous columns or they are all constant, so categories still count.
    """
    if continuous.shape[1] == 0:
        return 1.0
    if np.isnan(continuous).any():  # missing values (missing="ignore"): over the present ones
        median = float(np.median(np.nanstd(continuous, axis=0)))
        return median if median > 0 else 1.0
    median = float(np.median(continuous.std(axis=0)))
    return median if median > 0 else 1.0


def _sharing_pairs(codes: np.ndarray) -> int:
    """Return the number of ordered pairs of distinct rows that share a code."""
    sizes = np.bincount(codes).astype(np.int64)
    return int((sizes * (sizes - 1)).sum())


def distance_space(
    continuous: np.ndarray, categorical: list[np.ndarray]
) -> np.ndarray | MixedSpace | NanSpace:
    """Return the rows in a space where Euclidean distance is the SMOTE-NC distance.

    With missing values (NaN in ``continuous``, code -1 in ``categorical``) the space is a
    :class:`~pd_imbalance._core.nan_knn.NanSpace` (:func:`nan_distance_space`).

    A differing categorical value adds ``penalty**2`` to the squared distance: a one-hot
    difference has two entries of ``penalty / sqrt(2)``. Columns with more than
    :data:`WIDE_LEVELS` levels (and few rows sharing a level) stay codes in a
    :class:`MixedSpace`; otherwise the result is a plain matrix.

    Examples
    --------
    >>> space = distance_space(np.array([[0.0], [2.0]]), [np.array([3, 7])])
    >>> float(((space[0] - space[1]) ** 2).sum())  # 2**2 + penalty (1)**2
    5.0
    """
    if np.isnan(continuous).any():
        return nan_distance_space(continuous, categorical)
    if not categorical:
        return continuous
    penalty = smote_nc_penalty(continuous)
    scale = penalty / np.sqrt(2.0)
    blocks = [continuous]
    wide: list[np.ndarray] = []
    m = len(continuous)
    for codes in categorical:
        _, local = np.unique(codes, return_inverse=True)
        n_levels = int(local.max()) + 1 if m else 0
        if n_levels > WIDE_LEVELS and _sharing_pairs(local) <= MAX_PAIRS_PER_ROW * m:
            wide.append(local.astype(np.intp, copy=False))
            continue
        onehot = np.zeros((m, n_levels), dtype=np.float64)
        onehot[np.arange(m), local] = scale
        blocks.append(onehot)
    dense = np.hstack(blocks)
    return MixedSpace(dense, wide, penalty * penalty) if wide else dense


def nan_distance_space(continuous: np.ndarray, categorical: list[np.ndarray]) -> NanSpace:
    """Return the rows in a :class:`~pd_imbalance._core.nan_knn.NanSpace` (missing values).

    The continuous columns keep their NaN (nan-euclidean: the squared distance over the
    columns present in both rows, scaled by ``d / present``); every categorical column is
    one-hot encoded with a missing value (code -1) as one more level, so two missing values
    match and a missing and a present value differ by the full SMOTE-NC penalty (the
    median of the continuous columns' standard deviations over their present values).

    Examples
    --------
    >>> space = nan_distance_space(np.array([[0.0, np.nan], [2.0, 1.0]]), [np.array([-1, 7])])
    >>> space.values.shape, space.other.shape
    ((2, 2), (2, 2))
    """
    penalty = smote_nc_penalty(continuous)
    scale = penalty / np.sqrt(2.0)
    m = len(continuous)
    blocks = [np.empty((m, 0))]
    for codes in categorical:
        _, local = np.unique(codes, return_inverse=True)
        n_levels = int(local.max()) + 1 if m else 0
        if n_levels > WIDE_LEVELS and m * n_levels > MAX_NAN_ONEHOT:
            raise InvalidFeaturesError(
                f"missing='ignore' one-hot encodes categorical columns, and one has {n_levels:,} "
                f"levels in {m:,} rows (an identifier?): too large. Drop that column, or impute "
                "the missing values and use missing='error'."
            )
        onehot = np.zeros((m, n_levels), dtype=np.float64)
        onehot[np.arange(m), local] = scale
        blocks.append(onehot)
    return NanSpace(continuous, np.hstack(blocks))


def class_neighbors(
    space: np.ndarray | MixedSpace | NanSpace, k: int, *, overwrite: bool = False
) -> np.ndarray:
    """Return the exact ``k`` nearest other rows of every row, nearest first.

    ``space`` is what :func:`distance_space` returns; a plain matrix goes to
    :func:`~pd_imbalance._core.neighbors.nearest_neighbors` unchanged (prepared in place
    with ``overwrite``, when the caller no longer needs it).

    Examples
    --------
    >>> dense = np.array([[0.0], [0.1], [5.0], [5.1]])
    >>> ids = np.array([0, 1, 2, 0])  # rows 0 and 3 share a level; a difference costs 100
    >>> class_neighbors(MixedSpace(dense, [ids], 100.0), 1).ravel().tolist()
    [3, 0, 3, 0]
    """
    if isinstance(space, np.ndarray):
        return nearest_neighbors(space, k, overwrite=overwrite)
    if isinstance(space, NanSpace):
        return nan_nearest_neighbors(space, k)
    rows, cols = _candidates(space, k)
    d2 = _exact_distances(space, rows, cols)
    return _k_smallest(rows, cols, d2, len(space), k)


def _by_dense(dense: np.ndarray, k: int) -> np.ndarray:
    """Return the k nearest rows by the dense part (any k others when it has no columns)."""
    m = len(dense)
    if dense.shape[1] == 0:  # every dense distance is 0: any k other rows will do
        return (np.arange(m)[:, None] + np.arange(1, k + 1)) % m
    return nearest_neighbors(dense, k)


def _pairs_sharing(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every ordered pair of distinct rows with the same code (vectorised)."""
    order = np.argsort(codes, kind="stable")
    sizes = np.bincount(codes)
    size_of = np.repeat(sizes, sizes)  # group size of each row, in sorted order
    start_of = np.repeat(np.cumsum(sizes) - sizes, sizes)
    first = np.repeat(np.arange(len(codes)), size_of)  # sorted positions
    within = np.arange(len(first)) - np.repeat(np.cumsum(size_of) - size_of, size_of)
    second = np.repeat(start_of, size_of) + within
    distinct = first != second
    return order[first[distinct]], order[second[distinct]]


def _candidates(space: MixedSpace, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Candidate (row, neighbour) pairs, unique, sorted by row then neighbour."""
    m = len(space)
    near = _by_dense(space.dense, k)
    rows = [np.repeat(np.arange(m), k)]
    cols = [near.ravel().astype(np.intp)]
    for codes in space.wide:
        first, second = _pairs_sharing(codes)
        rows.append(first)
        cols.append(second)
    keys = np.unique(np.concatenate(rows).astype(np.int64) * m + np.concatenate(cols))
    return keys // m, keys % m


def _exact_distances(space: MixedSpace, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Squared SMOTE-NC distances of the pairs, from the values (differences, float64)."""
    out = np.empty(len(rows), dtype=np.float64)
    for start in range(0, len(rows), PAIR_BLOCK):
        r, c = rows[start : start + PAIR_BLOCK], cols[start : start + PAIR_BLOCK]
        diff = space.dense[r] - space.dense[c]
        d2 = np.einsum("ij,ij->i", diff, diff)
        for codes in space.wide:
            d2 += space.penalty2 * (codes[r] != codes[c])
        out[start : start + PAIR_BLOCK] = d2
    return out


def _k_smallest(rows: np.ndarray, cols: np.ndarray, d2: np.ndarray, m: int, k: int) -> np.ndarray:
    """Return the ``k`` nearest candidates of each row (every row has at least ``k``)."""
    kept, _ = _k_smallest_pairs(rows, cols, d2, m, k)
    return kept


def _k_smallest_pairs(
    rows: np.ndarray, cols: np.ndarray, d2: np.ndarray, m: int, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_k_smallest`, also returning the squared distances, ties by column index."""
    order = np.lexsort((cols, d2, rows))  # by row, then distance, then index (ties)
    rows, cols, d2 = rows[order], cols[order], d2[order]
    starts = np.searchsorted(rows, np.arange(m))
    rank = np.arange(len(rows)) - starts[rows]
    first = rank < k
    kept: np.ndarray = cols[first].reshape(m, k)
    return kept.astype(np.intp, copy=False), d2[first].reshape(m, k)


def _cross_sharing(query_codes: np.ndarray, ref_codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (query row, reference row) pair with the same code, vectorised.

    Returns positions into the query and reference arrays; their number is the sum over
    query rows of the reference rows sharing the row's code.
    """
    n_codes = int(max(query_codes.max(initial=-1), ref_codes.max(initial=-1))) + 1
    order = np.argsort(ref_codes, kind="stable")
    sizes = np.bincount(ref_codes, minlength=n_codes)
    starts = np.cumsum(sizes) - sizes
    count = sizes[query_codes]
    rows = np.repeat(np.arange(len(query_codes)), count)
    within = np.arange(len(rows)) - np.repeat(np.cumsum(count) - count, count)
    return rows, order[starts[query_codes][rows] + within]


def cross_space_neighbors(
    space: MixedSpace,
    query: np.ndarray,
    reference: np.ndarray,
    k: int,
    return_distance: bool = False,
) -> Any:
    """Return each query row's ``k`` nearest reference rows under the SMOTE-NC distance.

    ``query`` and ``reference`` are row positions in ``space``; the answer indexes
    ``reference``. The candidates of a query row are its ``k`` nearest reference rows by
    the dense part alone (:func:`~pd_imbalance._core.neighbors.cross_neighbors`) and every
    reference row sharing one of its wide levels: a reference row outside both pays the
    full penalty on every wide column and is no nearer than the ``k`` dense ones, which pay
    at most that (the argument of :func:`class_neighbors`). Exact distances of the
    candidates (differences of the values), the ``k`` smallest kept, ties by reference
    index. Time and memory are linear: ``q * k`` candidates plus the sharing pairs, which
    :func:`distance_space` bounds by keeping a column wide only when they are few.

    Examples
    --------
    >>> dense = np.array([[0.0], [0.1], [5.0], [5.1]])
    >>> ids = np.array([0, 1, 2, 0])  # rows 0 and 3 share a level; a difference costs 100
    >>> space = MixedSpace(dense, [ids], 100.0)
    >>> cross_space_neighbors(space, np.array([0, 2]), np.array([1, 3]), 1).ravel().tolist()
    [1, 1]
    """
    q, r = len(query), len(reference)
    if not 0 < k <= r:
        raise ValueError(f"k must be in [1, {r}] (the reference rows); got {k}")
    dense = space.dense
    if dense.shape[1] == 0:  # every dense distance is 0: the first k rows, by index
        near = np.broadcast_to(np.arange(k), (q, k))
    else:
        near = cross_neighbors(dense[query], dense[reference], k)
    rows = [np.repeat(np.arange(q), k)]
    cols = [np.asarray(near).ravel().astype(np.intp)]
    for codes in space.wide:
        first, second = _cross_sharing(codes[query], codes[reference])
        rows.append(first)
        cols.append(second)
    keys = np.unique(np.concatenate(rows).astype(np.int64) * r + np.concatenate(cols))
    pair_rows, pair_cols = keys // r, keys % r
    d2 = _exact_distances(space, query[pair_rows], reference[pair_cols])
    index, best = _k_smallest_pairs(pair_rows, pair_cols, d2, q, k)
    return (index, np.sqrt(best)) if return_distance else index
