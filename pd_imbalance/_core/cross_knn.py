"""Exact k nearest reference rows of every query row (the cross case), in linear memory.

:func:`cross_search` answers :func:`pd_imbalance._core.neighbors.cross_neighbors`. Like the
self search it first prepares the data (:func:`~pd_imbalance._core.knn_prep.prepare_cross`:
both sets centred on the *reference* column medians and scaled by one power of two, so no
square overflows and error bounds are scale-free; reference rows beyond the ``k``
lowest-indexed copies of an exact duplicate are dropped, as they can never be returned),
then takes one of four paths (all exact, all with the same tie rule):

* ``"direct"`` (few pairs): every distance, by differences, in blocks of query rows;
* ``"sorted_1d"`` (one feature): sorting; the answer lies in a window of ``4k`` sorted
  reference values around each query value;
* ``"kd_tree"`` (low dimension, :data:`KD_TREE_MAX_DIM`): scikit-learn's ``KDTree`` on the
  prepared reference rows returns ``k + 1`` candidates per query row; they are re-ranked by
  the exact distance, and a row is accepted only if its last candidate is farther (by a
  relative margin of 1e-10, far above the tree's rounding) than its k-th, so no reference
  row left out can tie or beat it; the few rows that fail are searched again with more
  candidates and, should that fail too, by blocked differences;
* ``"gemm32"`` otherwise: per block of query rows, float32 matrix products over tiles of
  (randomly ordered) reference rows give every squared distance up to a rigorous per-pair
  bound ``c(|a_p|^2 + |a_q|^2)``; only pairs whose lower bound is at most the row's running
  threshold (the k-th smallest upper bound of the first tile, then the k-th smallest
  exact distance so far) get an exact distance. A block whose surviving pairs exceed a
  budget linear in its rows (float32 cannot separate its neighbours: a sentinel value, a
  dominant column) is redone with float64 matrices (``"gemm64"``), which never gives up
  (at most one exact distance per pair).

Distance and ties (every path): the squared distance of a pair is
``sum_j (a_pj - a_qj) ** 2`` of the prepared rows, summed column by column in float64
(:func:`pair_distances`); among reference rows at exactly equal distance the lower
reference index comes first. Returned distances are the square roots of these, scaled
back to the input's units (exactly, by the power of two).
"""

from __future__ import annotations

import math
import threading
from typing import Any

import numpy as np

from pd_imbalance._core.fast_knn import _blas_single_thread, _run
from pd_imbalance._core.knn_prep import (
    CrossPrepared,
    float_error_coefficient,
    kth_upper,
    kth_upper_columns,
    prepare_cross,
    record_stats,
)
from pd_imbalance._core.threads import available_cpus

__all__ = [
    "DIRECT_MAX_PAIRS",
    "KD_TREE_MAX_DIM",
    "cross_search",
    "farthest_sums",
    "pair_distances",
]

#: Up to this many query x reference pairs, every distance is computed directly.
DIRECT_MAX_PAIRS = 1 << 14
#: Reference rows gathered at once while the tiles are built (the float64 gather is a
#: temporary: 4096 rows keep it under a MiB at d = 20, where 65536 rows took 10 MiB).
BUILD_ROWS = 1 << 12
#: The kd-tree is used up to this many features (with more than :data:`DIRECT_MAX_PAIRS`
#: pairs); beyond, the float32 matrix products win (measured, see the benchmark notes in
#: :func:`pd_imbalance._core.neighbors.cross_neighbors`).
KD_TREE_MAX_DIM = 5
#: Query rows per block and reference rows per tile of the matrix-product search.
GEMM_BLOCK_ROWS = 256
GEMM_TILE_COLS = 4096
GEMM_TILE_ENTRIES = 1 << 20
GEMM_MIN_BLOCK_ROWS = 128
GEMM_SINGLE_TILE = 2
#: Surviving pairs allowed per query row (plus per neighbour, plus per neighbour and
#: log-tile) before a float32 block is redone in float64.
PAIR_BUDGET_PER_ROW = 64
PAIR_BUDGET_PER_NEIGHBOR = 4
#: Row groups the first tile's k-th distance bound is taken over (at least 4k).
FOLD_GROUPS = 32

_UNIT = {np.dtype(np.float32): 2.0**-24, np.dtype(np.float64): 2.0**-53}
#: Absolute error terms covering underflow (subnormal products) in each precision.
_TINY = {np.dtype(np.float32): 2.0**-100, np.dtype(np.float64): 1e-300}


def pair_distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return ``sum_j (a[..., j] - b[..., j]) ** 2``, summed column by column in float64.

    The one definition of the exact squared distance of the cross search: the same
    sequential order for any shape of ``a`` and ``b`` (they broadcast), so that exactly
    equal distances compare equal whichever path computed them.

    Examples
    --------
    >>> pair_distances(np.array([[0.0, 0.0]]), np.array([[3.0, 4.0]])).tolist()
    [25.0]
    """
    if a.ndim == 2 and a.shape == b.shape:  # row-aligned pairs: one contiguous difference
        gap = np.subtract(a, b)
        np.multiply(gap, gap, out=gap)
        total: np.ndarray = gap[:, 0].copy()
        for j in range(1, gap.shape[1]):
            total += gap[:, j]
        return total
    d = a.shape[-1]
    g = a[..., 0] - b[..., 0]
    total = g * g
    for j in range(1, d):
        g = np.subtract(a[..., j], b[..., j], out=g)
        g *= g
        total += g
    return total


def cross_search(
    query: np.ndarray,
    reference: np.ndarray,
    k: int,
    *,
    path: str | None = None,
    n_threads: int | None = None,
    overwrite: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Return the exact ``k`` nearest reference rows of every query row and their distances.

    Parameters
    ----------
    query : array_like of shape (q, d)
    reference : array_like of shape (r, d)
        Finite values, ``0 < k <= r``.
    k : int
        Neighbours per query row.
    path : str, optional
        Force a path (``"direct"``, ``"sorted_1d"``, ``"kd_tree"``, ``"gemm32"``,
        ``"gemm64"``); by default the dispatch of the module docstring.
    n_threads : int, optional
        Worker threads (default: the CPUs available to the process).
    overwrite : bool, default=False
        Whether float64 C-contiguous inputs may be prepared in place (see
        :func:`~pd_imbalance._core.knn_prep.prepare_cross`).

    Returns
    -------
    indices : ndarray of intp, shape (q, k)
        Reference row indices, nearest first, ties by reference index.
    distances : ndarray of float64, shape (q, k)
        Euclidean distances in the input's units.
    """
    prep = prepare_cross(query, reference, k, overwrite=overwrite)
    q, d = prep.query.shape
    n = prep.reference.shape[0]
    if q == 0:
        record_stats("none", 0, 0.0, 0.0)
        return np.empty((0, k), np.intp), np.empty((0, k))
    if path is None:
        path = _choose(q, n, d, k)
    qv, rv = prep.query, prep.reference
    if path == "direct":
        local, d2 = _direct(qv, rv, k)
    elif path == "sorted_1d":
        local, d2 = _sorted_1d(qv, rv, k)
    elif path == "kd_tree":
        local, d2 = _kd_tree(qv, rv, k, _threads(n_threads))
    elif path in ("gemm32", "gemm64"):
        dtype = np.float32 if path == "gemm32" else np.float64
        local, d2 = _gemm(qv, rv, k, np.dtype(dtype), _threads(n_threads))
    else:
        raise ValueError(f"unknown path {path!r}")
    return _finish(prep, local, d2)


def _choose(q: int, n: int, d: int, k: int) -> str:
    if q * n <= DIRECT_MAX_PAIRS:
        return "direct"
    if d == 1:
        return "sorted_1d"
    if d <= KD_TREE_MAX_DIM:
        return "kd_tree"
    if 4 * k > GEMM_TILE_COLS:  # the tiles keep k candidates each: a full sort is as cheap
        return "direct"
    return "gemm32"


def _threads(n_threads: int | None) -> int:
    return available_cpus() if n_threads is None else max(1, n_threads)


def _finish(
    prep: CrossPrepared, local: np.ndarray, d2: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Map kept-reference positions to input indices; distances back to input units."""
    index: np.ndarray = prep.kept[local]
    dist = np.sqrt(d2)
    if prep.shift:
        dist = np.ldexp(dist, prep.shift)
    return index, dist


def _rank(cand: np.ndarray, d2: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the k best of (rows, candidates) arrays: by distance, then reference index.

    ``cand`` holds kept-reference positions, ascending in reference index, so ordering by
    position is ordering by index.
    """
    order = np.lexsort((cand, d2), axis=1)[:, :k]
    return np.take_along_axis(cand, order, axis=1), np.take_along_axis(d2, order, axis=1)


def _direct(qv: np.ndarray, rv: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Every distance by differences, in blocks of query rows (memory O(block x r)).

    Per row, the k-th smallest distance (a partition) selects the entries at or below it
    (ties included), and only those are sorted by (distance, index).
    """
    q = qv.shape[0]
    n = rv.shape[0]
    index = np.empty((q, k), np.intp)
    dist = np.empty((q, k))
    block = max(1, (1 << 18) // max(1, n))
    for s in range(0, q, block):
        d2 = pair_distances(qv[s : s + block, None, :], rv[None, :, :])
        nb = d2.shape[0]
        if k < n:
            kth = np.partition(d2, k - 1, axis=1)[:, k - 1]
            rows, cols = np.nonzero(d2 <= kth[:, None])  # row-major: cols ascending
        else:
            rows, cols = np.divmod(np.arange(nb * n), n)
        vals = d2[rows, cols]
        order = np.lexsort((cols, vals, rows))
        first = np.searchsorted(rows[order], np.arange(nb))
        take = order[first[:, None] + np.arange(k)]
        index[s : s + nb], dist[s : s + nb] = cols[take], vals[take]
    record_stats("direct", q, 0.0, float(q * n))
    return index, dist


def _sorted_1d(qv: np.ndarray, rv: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """One feature: the answer lies within ``2k`` sorted positions on either side.

    The k nearest values form a run of sorted positions around the query's insertion
    point; a run of copies tied at its ends has at most ``k`` members (the preparation
    keeps no more), so ``2k`` positions a side cover it.
    """
    v = rv[:, 0]
    n = v.size
    order = np.argsort(v, kind="stable")
    s = v[order]
    width = min(n, 4 * k)
    q = qv.shape[0]
    index = np.empty((q, k), np.intp)
    dist = np.empty((q, k))
    step = 8192
    for r0 in range(0, q, step):
        x = qv[r0 : r0 + step, 0]
        first = np.clip(np.searchsorted(s, x) - 2 * k, 0, n - width)
        window = first[:, None] + np.arange(width)
        gap = s[window] - x[:, None]
        index[r0 : r0 + step], dist[r0 : r0 + step] = _rank(order[window], gap * gap, k)
    record_stats("sorted_1d", q, 0.0, float(q * width))
    return index, dist


#: Relative gap between a row's last kd-tree candidate and its k-th neighbour that proves
#: no left-out reference row ties or beats the k-th (the tree's own rounding is ~1e-15).
_KD_MARGIN = 1e-10


def _kd_tree(
    qv: np.ndarray, rv: np.ndarray, k: int, n_threads: int
) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's KDTree on the prepared reference, candidates re-ranked exactly."""
    from sklearn.neighbors import KDTree

    q = qv.shape[0]
    n = rv.shape[0]
    tree = KDTree(rv, leaf_size=20 if rv.shape[1] <= 3 else 40)
    index = np.empty((q, k), np.intp)
    dist = np.empty((q, k))
    todo = np.arange(q)
    n_exact = 0
    for extra in (1, 4 * k + 16):
        width = min(n, k + extra)
        cand = _kd_candidates(tree, qv[todo], width, n_threads)
        best = np.empty((todo.size, k), np.intp)
        best_d2 = np.empty((todo.size, k))
        done = np.ones(todo.size, np.bool_)
        for s in range(0, todo.size, 8192):  # chunks: small temporaries
            part = cand[s : s + 8192]
            d2 = pair_distances(qv[todo[s : s + 8192], None, :], rv[part])
            best[s : s + 8192], best_d2[s : s + 8192] = _rank(part, d2, k)
            if width < n:
                kth = best_d2[s : s + 8192, k - 1]
                done[s : s + 8192] = d2.max(axis=1) > kth * (1.0 + _KD_MARGIN)
        n_exact += cand.size
        index[todo[done]] = best[done]
        dist[todo[done]] = best_d2[done]
        todo = todo[~done]
        if todo.size == 0:
            break
    if todo.size:  # ties beyond every candidate list: settle those rows directly
        index[todo], dist[todo] = _direct(qv[todo], rv, k)
        n_exact += todo.size * n
    record_stats("kd_tree", q, 0.0, float(n_exact))
    return index, dist


def _kd_candidates(tree: Any, points: np.ndarray, width: int, n_threads: int) -> np.ndarray:
    """Return the tree's ``width`` nearest of every row of ``points``, query chunks in threads."""
    step = max(1024, -(-len(points) // max(1, 4 * n_threads)))

    def query(s: int) -> np.ndarray:
        found: np.ndarray = tree.query(points[s : s + step], k=width, return_distance=False)
        return found

    parts = _run(query, range(0, len(points), step), n_threads)
    return np.concatenate(parts).astype(np.intp, copy=False)


class _Budget:
    """Surviving pairs of one block, and the limit beyond which float32 gives up."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.used = 0


def _gemm(
    qv: np.ndarray, rv: np.ndarray, k: int, dtype: np.dtype[Any], n_threads: int
) -> tuple[np.ndarray, np.ndarray]:
    """Blocks of query rows against tiles of reference rows (see the module docstring)."""
    q, d = qv.shape
    n = rv.shape[0]
    # A random order of the reference rows: every tile is a fair sample, so the running
    # thresholds are tight after the first tile whatever the input order.
    perm = np.random.default_rng(0).permutation(n)
    sq = pair_distances(rv, np.zeros(d))[perm]  # the permuted rows are never copied
    # one tile when the reference is at most twice a tile (its only merge is the last)
    width = n if n <= GEMM_SINGLE_TILE * GEMM_TILE_COLS else GEMM_TILE_COLS
    n_tiles = -(-n // width)
    per_row = PAIR_BUDGET_PER_ROW + k * (PAIR_BUDGET_PER_NEIGHBOR + 2 * math.log1p(n_tiles))
    # a few hundred query rows per block, more against a small reference (tiles of ~1M
    # entries: the per-block overhead stays small next to the block's work)
    block_rows = max(GEMM_MIN_BLOCK_ROWS, min(1 << 16, GEMM_TILE_ENTRIES // width))
    index = np.empty((q, k), np.intp)
    dist = np.empty((q, k))
    stats = {"gemm32": 0, "gemm64": 0, "pairs": 0, "exact": 0}
    lock = threading.Lock()
    kernels: dict[np.dtype[Any], _Kernel] = {}

    def kernel(dt: np.dtype[Any]) -> _Kernel:
        # built on first use: the float64 tiles are needed only when float32 gives up
        with lock:
            if dt not in kernels:
                kernels[dt] = _Kernel(rv, sq, perm, k, dt)
            return kernels[dt]

    def block(s: int) -> None:
        rows = qv[s : s + block_rows]
        limit = per_row * len(rows) if dtype == np.float32 else math.inf
        found = kernel(dtype).search(rows, width, _Budget(limit))
        used = dtype.name
        if found is None:  # float32 cannot separate these rows' neighbours
            found = kernel(np.dtype(np.float64)).search(rows, width, _Budget(math.inf))
            used = "gemm64"
            assert found is not None
        best, best_d2, pairs = found
        index[s : s + len(rows)] = perm[best]
        dist[s : s + len(rows)] = best_d2
        with lock:
            stats["gemm32" if used == "float32" else "gemm64"] += len(rows)
            stats["pairs"] += pairs
            stats["exact"] += pairs

    with _blas_single_thread():
        _run(block, range(0, q, block_rows), n_threads)
    name = (
        "gemm32"
        if stats["gemm64"] == 0
        else ("gemm64" if stats["gemm32"] == 0 else "gemm32+gemm64")
    )
    if dtype == np.float64:
        name = "gemm64"
    record_stats(name, q, float(stats["pairs"]), float(stats["exact"]))
    return index, dist


class _Kernel:
    """The tiles of one precision: ``B = [-2 a_q, (1 - c)|a_q|^2]`` over the reference.

    For a query row ``p`` with ``A_p = [a_p, 1]`` the product ``P = A_p . B_q`` errs by at
    most ``(c / 4)(|a_p|^2 + |a_q|^2)`` (:func:`float_error_coefficient`, inputs rounded to
    the precision included) plus an absolute underflow term, so the true squared distance
    ``D = P + |a_p|^2 + c|a_q|^2 +/- err`` satisfies

    * ``D >= P + (1 - c)|a_p|^2 - tiny`` (the lower bound compared with the threshold);
    * ``D <= P + (1 + c)|a_p|^2 + 2c|a_q|^2 + tiny`` (the upper bound of the first tile).
    """

    def __init__(
        self, rv: np.ndarray, sq: np.ndarray, key: np.ndarray, k: int, dtype: np.dtype[Any]
    ) -> None:
        n, d = rv.shape
        self.rv, self.sq, self.key, self.k, self.dtype = rv, sq, key, k, dtype
        self.c = 4.0 * float_error_coefficient(d + 1, _UNIT[dtype])
        self.tiny = _TINY[dtype] * (d + 4)
        self.B = np.empty((n, d + 1), dtype)
        for s in range(0, n, BUILD_ROWS):  # tile order: row i of B is reference row key[i]
            np.multiply(
                rv[key[s : s + BUILD_ROWS]],
                -2.0,
                out=self.B[s : s + BUILD_ROWS, :d],
                casting="unsafe",
            )
        self.B[:, d] = (1.0 - self.c) * sq
        self._local = threading.local()

    def _buffers(self, cols: int, rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return this thread's work arrays: products, their comparison mask, the fold."""
        size = cols * rows
        fold = 8 * max(FOLD_GROUPS, 4 * self.k) * rows
        bufs: tuple[np.ndarray, np.ndarray, np.ndarray] | None = getattr(self._local, "bufs", None)
        if bufs is None or bufs[0].size < size or bufs[2].size < fold:
            bufs = (
                np.empty(size, self.dtype),
                np.empty(size, np.bool_),
                np.empty(fold, self.dtype),
            )
            self._local.bufs = bufs
        return bufs

    def search(
        self, rows: np.ndarray, width: int, budget: _Budget
    ) -> tuple[np.ndarray, np.ndarray, int] | None:
        """Return the k best (positions in the tiles' order), their distances, the pairs.

        None once more than ``budget.limit`` pairs survive. Each product is laid out
        (tile rows x query rows): the reference tile is the left operand, which BLAS
        runs markedly faster than the other layout at these shapes (measured: 0.5 against
        0.9 ns per entry at 4096 x 256 x 21).
        """
        k, c, dtype = self.k, self.c, self.dtype
        nr, d = rows.shape
        n = self.B.shape[0]
        At = np.empty((d + 1, nr), dtype)
        At[:d] = rows.T
        At[d] = 1.0
        sq_q = pair_distances(rows, np.zeros(d))
        lower_shift = (1.0 - c) * sq_q - self.tiny
        limit = np.full(nr, np.inf)
        own = np.arange(nr)
        best_val = np.empty((nr, 0))
        best_idx = np.empty((nr, 0), np.intp)
        pend_r: list[np.ndarray] = []
        pend_c: list[np.ndarray] = []
        pend_v: list[np.ndarray] = []
        n_pending = 0
        n_pairs = 0
        prod_buf, mask_buf, fold = self._buffers(min(n, width), nr)
        for c0 in range(0, n, width):
            c1 = min(n, c0 + width)
            nc = c1 - c0
            prod = prod_buf[: nc * nr].reshape(nc, nr)
            np.matmul(self.B[c0:c1], At, out=prod)
            if c0 == 0:  # the first tile's k-th smallest upper bound starts the thresholds
                top = float(self.sq[c0:c1].max())
                groups = max(FOLD_GROUPS, 4 * k)
                kth = kth_upper_columns(prod, k, groups, fold).astype(np.float64)
                upper = kth + (1.0 + c) * sq_q + (2.0 * c * top + self.tiny)
                np.minimum(limit, upper * (1.0 + 1e-12), out=limit)
            thr = (limit * (1.0 + 1e-12) - lower_shift).astype(dtype)
            thr = np.nextafter(thr, np.inf, dtype=dtype)  # rounded up: never too tight
            mask = mask_buf[: nc * nr].reshape(nc, nr)
            np.less_equal(prod, thr, out=mask)
            hits = np.flatnonzero(mask)
            if not hits.size:
                continue
            n_pairs += hits.size
            if n_pairs > budget.limit:
                return None
            cc, r = np.divmod(hits, nr)
            cc += c0
            pend_r.append(r)
            pend_c.append(cc)
            pend_v.append(pair_distances(rows[r], self.rv[self.key[cc]]))
            n_pending += hits.size
            if n_pending >= nr * k or c1 == n or c0 == 0:
                best_idx, best_val = _merge(
                    own, best_idx, best_val, pend_r, pend_c, pend_v, k, self.key
                )
                pend_r, pend_c, pend_v, n_pending = [], [], [], 0
                np.minimum(limit, best_val[:, k - 1], out=limit)
        if n_pending:
            best_idx, best_val = _merge(
                own, best_idx, best_val, pend_r, pend_c, pend_v, k, self.key
            )
        return best_idx, best_val, n_pairs


def _merge(
    own: np.ndarray,
    best_idx: np.ndarray,
    best_val: np.ndarray,
    pend_r: list[np.ndarray],
    pend_c: list[np.ndarray],
    pend_v: list[np.ndarray],
    k: int,
    key: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Merge pending (row, position, distance) entries into each row's running k best.

    Positions are in the tiles' (permuted) order; ``key`` maps them to reference
    positions, so that ties go to the lower reference index.
    """
    width = best_idx.shape[1]
    rows = np.concatenate([np.repeat(own, width), *pend_r])
    cols = np.concatenate([best_idx.ravel(), *pend_c])
    vals = np.concatenate([best_val.ravel(), *pend_v])
    order = np.lexsort((key[cols], vals, rows))
    first = np.searchsorted(rows[order], own)
    take = order[first[:, None] + np.arange(k)]
    return cols[take], vals[take]


#: Query x reference distances held at once by :func:`farthest_sums`.
FARTHEST_BLOCK_ENTRIES = 1 << 20


def farthest_sums(
    query: np.ndarray, reference: np.ndarray, k: int, *, n_threads: int | None = None
) -> np.ndarray:
    """Return each query row's sum of distances to its ``k`` farthest reference rows.

    The same value as summing the last ``k`` distances of :func:`cross_search` with
    ``k = len(reference)`` (ascending), without ranking every reference row: per block of
    query rows one float64 matrix product gives every squared distance up to a rigorous
    bound ``E``; folding a row (:func:`~pd_imbalance._core.knn_prep.kth_upper` on the
    negated distances) gives a value ``T`` that at least ``k`` approximate distances
    reach, so the ``k`` farthest rows all have approximate distances of at least
    ``T - 2E``. Only those candidates (about ``k`` a row on ordinary data) get the exact
    distance of :func:`pair_distances`; the ``k`` largest of them are summed in ascending
    order. Memory O(:data:`FARTHEST_BLOCK_ENTRIES` + q + r).

    Parameters
    ----------
    query : array_like of shape (q, d)
    reference : array_like of shape (r, d)
        Finite values, ``r >= 1``.
    k : int
        Farthest rows per query row (at most ``r`` are used).
    n_threads : int, optional
        Worker threads (default: the CPUs available to the process).

    Returns
    -------
    ndarray of float64, shape (q,)
        The sums, in the input's units.

    Examples
    --------
    >>> farthest_sums(np.array([[0.0], [2.0]]), np.array([[1.0], [3.0], [-4.0]]), 2).tolist()
    [7.0, 7.0]
    """
    n_ref = np.shape(reference)[0]
    k = min(k, n_ref)
    prep = prepare_cross(query, reference, n_ref)
    qv, rv = prep.query, prep.reference
    q, d = qv.shape
    n = rv.shape[0]
    out = np.empty(q)
    if q == 0:
        return out
    sq_r = pair_distances(rv, np.zeros(d))
    c = 4.0 * float_error_coefficient(d + 1, 2.0**-53)
    # N = A . B^T = 2 a_p . a_q - |a_q|^2 = |a_p|^2 - D_pq, up to err <= E_p (norms < 1)
    B = np.empty((n, d + 1))
    np.multiply(rv, 2.0, out=B[:, :d])
    B[:, d] = -sq_r
    top = float(sq_r.max())
    rows_per_block = max(1, min(q, FARTHEST_BLOCK_ENTRIES // max(1, n)))
    n_fold = max(32, 4 * k)
    local = threading.local()

    def block(s: int) -> None:
        rows = qv[s : s + rows_per_block]
        nr = rows.shape[0]
        A = np.empty((nr, d + 1))
        A[:, :d] = rows
        A[:, d] = 1.0
        sq_q = pair_distances(rows, np.zeros(d))
        err = c * (sq_q + 2.0 * top + 1.0) + 1e-300
        buf = getattr(local, "buf", None)
        if buf is None or buf.size < nr * n:
            buf = local.buf = np.empty(rows_per_block * n)
        neg = buf[: nr * n].reshape(nr, n)
        np.matmul(A, B.T, out=neg)  # |a_p|^2 - D_pq, up to err: small = far
        if n > k:
            # at least k entries are <= bound, so the k farthest rows are <= bound + 2 err
            bound = kth_upper(neg, k, n_fold)
            r, cc = np.divmod(np.flatnonzero(neg <= (bound + 2.0 * err)[:, None]), n)
        else:
            r, cc = np.divmod(np.arange(nr * n), n)
        d2 = pair_distances(rows[r], rv[cc])
        order = np.lexsort((-d2, r))  # per row, largest first
        first = np.searchsorted(r[order], np.arange(nr))
        take = order[first[:, None] + np.arange(k)[::-1]]  # the k largest, ascending
        dist = np.sqrt(d2[take])
        if prep.shift:
            dist = np.ldexp(dist, prep.shift)
        out[s : s + nr] = dist.sum(axis=1)

    with _blas_single_thread():
        _run(block, range(0, q, rows_per_block), _threads(n_threads))
    return out
