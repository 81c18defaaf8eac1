"""Shared steps of every exact neighbour search: preparation, duplicates, small searches.

Every search (:func:`pd_imbalance._core.neighbors.nearest_neighbors` and
:func:`pd_imbalance._core.fast_knn.exact_self_neighbors`) first calls :func:`prepare`:

* the points are centred on the per-column **median** of an evenly spaced sample of rows
  (:func:`column_centre`: one sentinel such as 999_999_999 does not move the other points
  away from the origin, as a mean would) and multiplied by a
  power of two (exact) so that every row norm is below 1: no square overflows (values
  >= ~1e154) or underflows (subnormal-only data), and float error bounds are scale-free;
* rows that have more than ``k`` exact copies are answered directly (``k`` other copies,
  at distance 0) and only ``k`` copies of each such group take part in the search, so a
  heavily duplicated value can never make a search quadratic.

"Exact" means: the returned rows are the ``k`` nearest by the float64 distance
``sum((a_p - a_q) ** 2)`` of the prepared rows ``a`` (centred and scaled as above; the
scaling is exact and the centring is exact whenever a column's values are within a factor
two of its centre, e.g. timestamps, otherwise it rounds each coordinate once, relative
error 2**-53). Among rows at exactly equal distances any may be returned.

The cross search (:mod:`pd_imbalance._core.cross_knn`) prepares its two sets together
with :func:`prepare_cross`: both centred on the *reference* medians and scaled by one power
of two; reference rows beyond the ``k`` lowest-indexed copies of a duplicated row are
dropped (ties go to the lower index there, so they can never be returned).

This module also holds the searches that need no tuning: :func:`sorted_1d` (one feature:
sorting), :func:`exact_brute` (float64 matrix products with rigorous error bounds and
exact re-ranking of the few candidates) and :func:`kd_tree_search` (two to four
features), plus a record of the work done by the last search (:func:`search_stats`), used
by the tests to bound it.
"""

from __future__ import annotations

import math
import threading
from contextlib import nullcontext
from dataclasses import dataclass

import numpy as np

from pd_imbalance._core.threads import blas_single_thread

__all__ = [
    "CrossPrepared",
    "Prepared",
    "exact_brute",
    "kd_tree_search",
    "kth_upper",
    "kth_upper_columns",
    "prepare",
    "prepare_cross",
    "search_stats",
    "sorted_1d",
]

#: Work counters of the last search (see :func:`search_stats`).
_STATS: dict[str, float | str] = {}

#: Up to this many query x reference pairs, :func:`exact_brute` runs BLAS on one thread.
BRUTE_SINGLE_THREAD_PAIRS = 1 << 24

#: Rows (at least, evenly spaced) whose column medians are the centre.
_CENTRE_SAMPLE = 2048

#: Values above 2**this are pre-scaled (exactly) before centring, so that no difference
#: of two values can overflow.
_MAX_EXPONENT = 1000


def search_stats() -> dict[str, float | str]:
    """Return the work counters of the last neighbour search in this process.

    Returns
    -------
    dict
        ``"path"``: the search that produced the answer (``"sorted_1d"``, ``"brute"``,
        ``"gemm32"``, ``"gemm64"``, with ``"+"``-joined attempts that were abandoned
        before it); ``"rows"``: rows searched; ``"pairs_per_row"``: pairs that passed the
        float filter of the matrix-product searches, per row (all attempts);
        ``"exact_per_row"``: exact float64 distances computed, per row.
    """
    return dict(_STATS)


def record_stats(path: str, rows: int, pairs: float, exact: float) -> None:
    """Store the counters of the search that just finished (see :func:`search_stats`)."""
    _STATS.clear()
    rows = max(rows, 1)
    _STATS.update(
        path=path, rows=float(rows), pairs_per_row=pairs / rows, exact_per_row=exact / rows
    )


@dataclass(frozen=True)
class Prepared:
    """Points ready for a search, and the rows answered without one.

    Attributes
    ----------
    values : ndarray of float64, shape (n, d)
        The rows taking part in the search (see ``searched``), centred and scaled.
    searched : ndarray of intp, shape (n,)
        Their indices in the input, ascending.
    direct_rows : ndarray of intp, shape (r,)
        Input rows with more than ``k`` exact copies.
    direct_neighbors : ndarray of intp, shape (r, k)
        ``k`` other copies of each of them (input indices).
    """

    values: np.ndarray
    searched: np.ndarray
    direct_rows: np.ndarray
    direct_neighbors: np.ndarray

    def finish(self, found: np.ndarray, m: int) -> np.ndarray:
        """Return the (m, k) answer from the search's answer on :attr:`values`.

        Parameters
        ----------
        found : ndarray of intp, shape (n, k)
            Neighbours of every searched row, as indices into :attr:`values`.
        m : int
            Rows of the input.

        Returns
        -------
        ndarray of intp, shape (m, k)
            Input indices, nearest first.
        """
        k = found.shape[1]
        out = np.empty((m, k), np.intp)
        out[self.searched] = self.searched[found]
        out[self.direct_rows] = self.direct_neighbors
        return out


def centre_and_scale(points: np.ndarray, *, overwrite: bool = False) -> np.ndarray:
    """Return float64 rows centred on the column medians, scaled so that norms are < 1.

    Parameters
    ----------
    points : array_like of shape (m, d)
        Finite values.

    overwrite : bool, default=False
        Whether ``points`` (float64, C-contiguous: else a copy is made anyway) may be
        prepared in place, when the caller no longer needs it (a temporary of its own).

    Returns
    -------
    ndarray of float64, shape (m, d)
        A new C-contiguous array (``points`` itself with ``overwrite`` when it could be
        used); the scaling is a power of two, hence exact.

    Raises
    ------
    ValueError
        If ``points`` is not 2-D or not finite.
    """
    x = _float_copy(points, "points", copy=not overwrite)
    _centre_and_scale_together(x)
    return x


def _float_copy(points: np.ndarray, name: str, *, copy: bool = True) -> np.ndarray:
    x = np.array(points, dtype=np.float64, order="C", copy=True if copy else None)
    if x.ndim != 2:
        raise ValueError(f"{name} must be 2-D")
    return x


def _top(x: np.ndarray) -> float:
    return max(float(x.max()), -float(x.min())) if x.size else 0.0


def _centre_and_scale_together(x: np.ndarray, *others: np.ndarray) -> int:
    """Centre ``x`` and ``others`` (in place) on ``x``'s column medians and scale them all.

    One power of two for all of them, chosen so that every row norm is below 1; returns
    the exponent ``e`` such that input distances are prepared distances times ``2**e``.
    """
    arrays = [a for a in (x, *others) if a.size]
    if not arrays:
        return 0
    top = max(_top(a) for a in arrays)
    if not math.isfinite(top):
        raise ValueError("points must be finite")
    shift = 0
    if top > 2.0**_MAX_EXPONENT:  # differences of such values could overflow
        pre = _MAX_EXPONENT - math.frexp(top)[1]
        for a in arrays:
            np.ldexp(a, pre, out=a)
        shift -= pre
    if x.size:
        centre = column_centre(x)
        for a in arrays:
            a -= centre
    amax = max(_top(a) for a in arrays) * math.sqrt(x.shape[1])
    if amax > 0:
        scale = -math.frexp(amax)[1]
        for a in arrays:
            np.ldexp(a, scale, out=a)  # exact, also from/to subnormals
        shift -= scale
    return shift


def column_centre(x: np.ndarray) -> np.ndarray:
    """Return the column medians of an evenly spaced sample of 2,048 to 4,095 rows (or all).

    Any centre gives the same distances; a median lies inside the bulk of the data (one
    sentinel row cannot move it), and that of a sample costs next to nothing.

    Parameters
    ----------
    x : ndarray of float64, shape (m, d)
        Finite values.

    Returns
    -------
    ndarray of float64, shape (d,)
        The centre.
    """
    stride = max(1, x.shape[0] // _CENTRE_SAMPLE)
    centre: np.ndarray = np.median(x[::stride], axis=0)
    return centre


def _row_hash(x: np.ndarray) -> np.ndarray:
    """Return a 64-bit hash of every row, equal for rows of equal values.

    Integer arithmetic on the bit patterns (``+ 0.0`` first turns -0.0 into 0.0): products
    and sums wrap modulo 2**64, exactly and in any order, so equal rows always get equal
    hashes. Chunks of rows keep the work arrays small.
    """
    m, d = x.shape
    weights = np.random.default_rng(12345).integers(1, 2**63, size=d, dtype=np.uint64)
    weights |= np.uint64(1)
    h = np.empty(m, np.uint64)
    step = max(1, (1 << 16) // d)
    for r0 in range(0, m, step):
        bits = (x[r0 : r0 + step] + 0.0).view(np.uint64)
        bits *= weights
        h[r0 : r0 + step] = bits.sum(axis=1, dtype=np.uint64)
    return h


def prepare(points: np.ndarray, k: int, *, overwrite: bool = False) -> Prepared:
    """Centre and scale ``points`` and set aside rows with more than ``k`` exact copies.

    Parameters
    ----------
    points : array_like of shape (m, d)
        Finite values, ``m > k``.
    k : int
        Neighbours per row, ``0 < k < m``.

    overwrite : bool, default=False
        Whether ``points`` may be prepared in place (see :func:`centre_and_scale`).

    Returns
    -------
    Prepared
        The rows to search and the rows answered directly.

    Raises
    ------
    ValueError
        If ``points`` is not 2-D, not finite, or ``k`` is out of range.
    """
    x = centre_and_scale(points, overwrite=overwrite)
    m = x.shape[0]
    if not 0 < k < m:
        raise ValueError("need 0 < k < m")
    everything = np.arange(m)
    none = np.empty(0, np.intp)
    if x.shape[1] == 0:
        x = np.zeros((m, 1))
    h = _row_hash(x)
    order = np.argsort(h, kind="stable")
    h = h[order]
    tie = np.flatnonzero(h[1:] == h[:-1])
    tie = tie[(x[order[tie]] == x[order[tie + 1]]).all(axis=1)]
    if tie.size < k:  # no group of more than k copies
        return Prepared(x, everything, none, np.empty((0, k), np.intp))
    # Runs of equal rows in hash order (a hash collision may split a group in two: harmless,
    # the pieces are then only handled less efficiently).
    same_as_previous = np.zeros(m, np.bool_)
    same_as_previous[tie + 1] = True
    group = np.cumsum(~same_as_previous) - 1
    start = np.flatnonzero(~same_as_previous)
    size = np.diff(np.append(start, m))
    big = size[group] > k
    if not big.any():
        return Prepared(x, everything, none, np.empty((0, k), np.intp))
    pos = np.arange(m) - start[group]  # position of each sorted row within its group
    members = np.flatnonzero(big)
    g = group[members]
    # k other copies: positions pos+1 .. pos+k (mod size) of the same group.
    nb = start[g][:, None] + (pos[members][:, None] + 1 + np.arange(k)) % size[g][:, None]
    direct_rows = order[members]
    direct_neighbors = order[nb]
    keep = np.ones(m, np.bool_)
    keep[order[members[pos[members] >= k]]] = False  # surplus copies: never needed
    searched = np.flatnonzero(keep)
    return Prepared(x[searched], searched, direct_rows, direct_neighbors)


@dataclass(frozen=True)
class CrossPrepared:
    """Query and reference rows ready for a cross search.

    Attributes
    ----------
    query : ndarray of float64, shape (q, d)
        Every query row, centred on the reference's column medians and scaled.
    reference : ndarray of float64, shape (n, d)
        The reference rows that can be returned (see ``kept``), prepared alike.
    kept : ndarray of intp, shape (n,)
        Their indices in the input, ascending: all rows but the copies of an exactly
        duplicated row beyond its ``k`` lowest-indexed ones (with ties broken by index
        those are never returned).
    shift : int
        Input distances are prepared distances times ``2**shift``.
    """

    query: np.ndarray
    reference: np.ndarray
    kept: np.ndarray
    shift: int


def prepare_cross(
    query: np.ndarray, reference: np.ndarray, k: int, *, overwrite: bool = False
) -> CrossPrepared:
    """Centre both sets on the reference medians, scale them alike, drop surplus copies.

    Parameters
    ----------
    query : array_like of shape (q, d)
    reference : array_like of shape (r, d)
        Finite values, the same ``d``.
    k : int
        Neighbours per query row, ``0 < k <= r``.
    overwrite : bool, default=False
        Whether float64 C-contiguous inputs may be prepared in place (the caller's own
        temporary copies, distinct arrays): saves a copy of each.

    Returns
    -------
    CrossPrepared

    Raises
    ------
    ValueError
        If the arrays are not 2-D with the same columns, not finite, or ``k`` is out of
        range.
    """
    qa = _float_copy(query, "query", copy=not overwrite)
    ra = _float_copy(reference, "reference", copy=not overwrite)
    if np.shares_memory(qa, ra):
        qa = qa.copy()
    if qa.shape[1] != ra.shape[1]:
        raise ValueError(
            f"query has {qa.shape[1]} columns and reference {ra.shape[1]}; they must match"
        )
    r = ra.shape[0]
    if not 0 < k <= r:
        raise ValueError(f"k must be in [1, {r}] (the reference rows); got {k}")
    if ra.shape[1] == 0:  # no features: every distance is 0
        qa, ra = np.zeros((qa.shape[0], 1)), np.zeros((r, 1))
    shift = _centre_and_scale_together(ra, qa)
    kept = _first_copies(ra, k)
    if kept.size < r:
        ra = ra[kept]
    return CrossPrepared(qa, ra, kept, shift)


def _first_copies(x: np.ndarray, k: int) -> np.ndarray:
    """Return the indices of the rows among the ``k`` lowest-indexed copies of their value."""
    m = x.shape[0]
    everything = np.arange(m)
    if m <= k:
        return everything
    h = _row_hash(x)
    order = np.argsort(h, kind="stable")  # equal rows: ascending index
    h = h[order]
    tie = np.flatnonzero(h[1:] == h[:-1])
    if tie.size < k:
        return everything
    tie = tie[(x[order[tie]] == x[order[tie + 1]]).all(axis=1)]
    if tie.size < k:
        return everything
    same_as_previous = np.zeros(m, np.bool_)
    same_as_previous[tie + 1] = True
    start = np.flatnonzero(~same_as_previous)
    group = np.cumsum(~same_as_previous) - 1
    rank = np.arange(m) - start[group]  # a hash collision can only split a run: safe
    keep = np.zeros(m, np.bool_)
    keep[order[rank < k]] = True
    kept: np.ndarray = np.flatnonzero(keep)
    return kept


def kth_upper(prod: np.ndarray, k: int, n_fold: int, fold: np.ndarray | None = None) -> np.ndarray:
    """Return, per row, a value >= the row's k-th smallest entry (``k <= columns``).

    The row is folded (elementwise minimum of its column halves) down to at most
    ``n_fold`` disjoint column groups; the k-th smallest group minimum is attained by k
    distinct columns, so it bounds the k-th smallest entry from above. ``fold`` is an
    optional work array of at least ``rows * ceil(columns / 2)`` entries of the dtype.
    """
    nr, w = prod.shape
    if w <= n_fold:
        out: np.ndarray = np.partition(prod, k - 1, axis=1)[:, k - 1]
        return out
    h = w // 2
    if fold is None:
        fold = np.empty(nr * (w - h), prod.dtype)
    work = fold[: nr * (w - h)].reshape(nr, w - h)
    np.fmin(prod[:, :h], prod[:, w - h :], out=work[:, :h])
    if w - h > h:  # odd width: the middle column stays a group of its own
        work[:, h] = prod[:, h]
    w -= h
    while w > n_fold:
        h = w // 2
        np.fmin(work[:, :h], work[:, w - h : w], out=work[:, :h])
        w -= h
    out = np.partition(work[:, :w], k - 1, axis=1)[:, k - 1]
    return out


def kth_upper_columns(
    dist: np.ndarray, k: int, groups: int, work: np.ndarray | None = None
) -> np.ndarray:
    """Return, per column, a value >= the column's k-th smallest entry (``k <= rows``).

    :func:`kth_upper` along the other axis, for products laid out (reference rows x query
    rows). The rows are folded into an accumulator of ``8 * max(groups, k)`` rows (row
    ``i`` into accumulator row ``i mod 8g``, by elementwise minima), which is then halved
    down to fewer than ``2 * max(groups, k)`` rows; each row is the minimum of a disjoint
    group of ``dist``'s rows, so the k-th smallest is attained by k distinct rows. ``work``
    is an optional work array of at least ``min(rows // 2, 8 * max(groups, k)) * columns``
    entries of the dtype (the accumulator keeps memory small next to ``dist``).

    Examples
    --------
    >>> d = np.array([[5.0, 1.0], [2.0, 7.0], [4.0, 3.0], [9.0, 0.0]])
    >>> kth_upper_columns(d, 2, 1).tolist()  # the 2nd smallest, or above it
    [4.0, 1.0]
    """
    w, nq = dist.shape
    groups = max(groups, k)
    if w < 2 * groups:
        direct: np.ndarray = np.partition(dist, k - 1, axis=0)[k - 1]
        return direct
    h = min(w // 2, 8 * groups)
    if work is None:
        work = np.empty(h * nq, dist.dtype)
    acc = work[: h * nq].reshape(h, nq)
    np.fmin(dist[:h], dist[h : 2 * h], out=acc)
    for s in range(2 * h, w, h):  # the rest, a chunk of h rows at a time
        chunk = dist[s : s + h]
        np.fmin(acc[: len(chunk)], chunk, out=acc[: len(chunk)])
    while h >= 2 * groups:
        half = h // 2
        np.fmin(acc[:half], acc[half : 2 * half], out=acc[:half])
        if h % 2:
            np.fmin(acc[0], acc[2 * half], out=acc[0])
        h = half
    bound: np.ndarray = np.partition(acc[:h], k - 1, axis=0)[k - 1]
    return bound


def sorted_1d(values: np.ndarray, k: int) -> np.ndarray:
    """Return the exact ``k`` nearest other rows of one-feature data, by sorting.

    The ``k`` nearest of a value are among the ``k`` values on either side of it in sorted
    order, so a window of ``2k`` candidates per row suffices: O(m log m + m k) time and
    O(m k) memory whatever the data (the candidates are ranked in chunks of rows).

    Parameters
    ----------
    values : ndarray of float64, shape (m, 1)
        Prepared values (:func:`prepare`), ``m > k``.
    k : int
        Neighbours per row.

    Returns
    -------
    ndarray of intp, shape (m, k)
        Row indices, nearest first.
    """
    v = values[:, 0]
    m = v.size
    order = np.argsort(v, kind="stable")
    s = v[order]
    width = min(2 * k + 1, m)
    found_s = np.empty((m, k), np.intp)  # in sorted positions
    step = 4096  # rows per chunk: the (rows, 2k + 1) work arrays stay small
    for r0 in range(0, m, step):
        here = np.arange(r0, min(m, r0 + step))
        first = np.clip(here - k, 0, m - width)
        window = first[:, None] + np.arange(width)  # sorted positions, self included
        gap = s[window] - s[here, None]
        dist = gap * gap
        dist[window == here[:, None]] = np.inf
        pick = np.argsort(dist, axis=1, kind="stable")[:, :k]
        found_s[here] = np.take_along_axis(window, pick, axis=1)
    found = np.empty((m, k), np.intp)
    found[order] = order[found_s]
    record_stats("sorted_1d", m, 0.0, float(m * (width - 1)))
    return found


def float_error_coefficient(ncols: int, unit: float) -> float:
    """Return c such that a length-``ncols`` dot product errs by <= c * sum |a_i b_i|.

    For inputs rounded to the working precision (relative error ``unit`` each) and any
    summation order (blocked / FMA kernels included) the error is at most
    gamma_{ncols+2} * sum |a_i b_i|, gamma_n = n u / (1 - n u). Twice that is returned (a
    safety factor that also covers the constants folded into augmented matrices and the
    rounding of norms and thresholds).

    Parameters
    ----------
    ncols : int
        Length of the dot products.
    unit : float
        Unit roundoff (2**-24 for float32, 2**-53 for float64).

    Returns
    -------
    float
        The coefficient.
    """
    n = ncols + 4
    return 2.0 * n * unit / (1.0 - n * unit)


def exact_brute(
    values: np.ndarray,
    k: int,
    *,
    queries: np.ndarray | None = None,
    block_entries: int = 1 << 19,
    tile_cols: int = 4096,
    record: bool = True,
) -> np.ndarray:
    """Return the exact ``k`` nearest other rows by tiled float64 brute force.

    Per tile of rows and columns, one float64 matrix product gives every squared distance
    ``D`` up to a rigorous per-pair error bound ``e_pq = c(|a_p|^2 + |a_q|^2)`` (``c`` four
    times :func:`float_error_coefficient`). A row's threshold ``t`` is the smallest of its
    k-th smallest upper bound ``D + e`` in the tile and its k-th smallest exact distance so
    far; only pairs whose lower bound ``D - e`` is at most ``t`` get an exact distance
    ``sum((a_p - a_q) ** 2)``, merged into the row's running k best. Every one of the true
    k nearest passes (its lower bound is below any valid threshold), so the result is exact
    whatever the float bounds achieve. Memory is O(``block_entries`` + m); time is one
    brute-force pass plus at most one exact distance per pair, so never more than a small
    constant times a brute-force search, even when no bound helps.

    Parameters
    ----------
    values : ndarray of float64, shape (m, d)
        Prepared values (:func:`prepare`: row norms below 1), ``m > k``.
    k : int
        Neighbours per row.
    queries : ndarray of intp, optional
        The rows to answer (default: all).
    block_entries : int
        Distances held at once (rows per block times columns per tile).
    tile_cols : int
        Columns per tile (at least ``k + 1`` are used).
    record : bool
        Whether to store the work counters (:func:`search_stats`).

    Returns
    -------
    ndarray of intp, shape (len(queries), k)
        Row indices, nearest first.
    """
    m, d = values.shape
    if queries is None:
        queries = np.arange(m)
    sq = np.einsum("ij,ij->i", values, values)
    c = 4.0 * float_error_coefficient(d + 1, 2.0**-53)
    # Augmented rows: (A B^T)_pq = -2 a_p.a_q + (1 + c)|a_q|^2 = D_pq + e_pq - (1 + c)|a_p|^2
    # up to the row constant; the product errs by less than e_pq / 2.
    A = np.empty((m, d + 1))
    A[:, :d] = values
    A[:, d] = 1.0
    B = np.empty((m, d + 1))
    np.multiply(values, -2.0, out=B[:, :d])
    B[:, d] = (1.0 + c) * sq
    width = min(m, max(tile_cols, k + 1))
    step = max(1, min(queries.size, block_entries // width))
    found = np.empty((queries.size, k), np.intp)
    buffers = _brute_buffers(step, width)
    n_exact = 0
    # small products: one BLAS thread (waking a pool costs more than it saves, and on a
    # busy machine waiting for its second thread can take milliseconds)
    with blas_single_thread() if queries.size * m <= BRUTE_SINGLE_THREAD_PAIRS else nullcontext():
        for r0 in range(0, queries.size, step):
            r1 = min(queries.size, r0 + step)
            best, n = _brute_block(values, A, B, sq, queries[r0:r1], k, c, buffers)
            found[r0:r1] = best
            n_exact += n
    if record:
        record_stats("brute", m, 0.0, float(n_exact))
    return found


class _BruteBuffers:
    """Work arrays of :func:`exact_brute` for tiles of ``rows`` x ``cols`` entries.

    Kept per thread between calls (:func:`_brute_buffers`): first touching fresh pages
    costs more than the whole search of a few hundred rows.
    """

    def __init__(self, rows: int, cols: int) -> None:
        self.cols = cols
        self.capacity = rows * cols
        self.prod = np.empty(rows * cols)
        self.fold = np.empty(rows * ((cols + 1) // 2))
        self.mask = np.empty(rows * cols, np.bool_)

    def fits(self, rows: int, cols: int) -> bool:
        """Whether tiles of ``rows`` x ``cols`` fit in these arrays."""
        return rows * cols <= self.capacity and rows * ((cols + 1) // 2) <= self.fold.size


_LOCAL = threading.local()


def _brute_buffers(rows: int, cols: int) -> _BruteBuffers:
    """Return this thread's work arrays, grown if needed, set to tiles of ``cols`` columns."""
    buffers: _BruteBuffers | None = getattr(_LOCAL, "brute", None)
    if buffers is None or not buffers.fits(rows, cols):
        buffers = _BruteBuffers(rows, cols)
        _LOCAL.brute = buffers
    buffers.cols = cols
    return buffers


def _brute_block(
    values: np.ndarray,
    A: np.ndarray,
    B: np.ndarray,
    sq: np.ndarray,
    q: np.ndarray,
    k: int,
    c: float,
    buffers: _BruteBuffers,
) -> tuple[np.ndarray, int]:
    """Return the k nearest of rows ``q`` (see :func:`exact_brute`) and the exact count.

    The k-th smallest upper bound of a tile is bounded from above by folding the tile
    (elementwise minimum of its column halves) down to at most ``max(32, 4k)`` disjoint
    column groups: the k-th smallest group minimum is attained by k distinct columns.
    """
    m = values.shape[0]
    nr = q.size
    own = np.arange(nr)
    block = values[q]
    Aq = A[q]
    tiny = 1e-300  # covers the absolute error of underflowing products
    upper_shift = (1.0 + c) * sq[q] + tiny  # D + e = product + upper_shift
    lower_shift = (1.0 - c) * sq[q] - tiny  # D - e = product - 2c|a_q|^2 + lower_shift
    limit = np.full(nr, np.inf)
    best_val = best_idx = None
    n_exact = 0
    n_fold = max(32, 4 * k)
    width = buffers.cols
    for c0 in range(0, m, width):
        c1 = min(m, c0 + width)
        nc = c1 - c0
        prod = buffers.prod[: nr * nc].reshape(nr, nc)
        np.matmul(Aq, B[c0:c1].T, out=prod)
        mine = (q >= c0) & (q < c1)
        prod[own[mine], q[mine] - c0] = np.inf  # a row is not its own neighbour
        if nc > k:
            np.minimum(limit, _kth_upper(prod, k, n_fold, buffers) + upper_shift, out=limit)
        prod -= (2.0 * c) * sq[c0:c1]
        mask = buffers.mask[: nr * nc].reshape(nr, nc)
        np.less_equal(prod, (limit - lower_shift)[:, None], out=mask)
        rows, cols = np.divmod(np.flatnonzero(mask), nc)
        cols += c0
        gap = block[rows] - values[cols]
        exact = np.einsum("ij,ij->i", gap, gap)
        n_exact += exact.size
        if best_val is not None and best_idx is not None:  # merge with the running k best
            rows = np.concatenate([np.repeat(own, k), rows])
            exact = np.concatenate([best_val.ravel(), exact])
            cols = np.concatenate([best_idx.ravel(), cols])
        order = np.lexsort((exact, rows))
        first = np.searchsorted(rows[order], own)
        take = order[first[:, None] + np.arange(k)]
        best_val = exact[take]
        best_idx = cols[take]
        np.minimum(limit, best_val[:, k - 1], out=limit)
    assert best_idx is not None
    return best_idx, n_exact


def _kth_upper(prod: np.ndarray, k: int, n_fold: int, buffers: _BruteBuffers) -> np.ndarray:
    """:func:`kth_upper` with this thread's work array (k < columns)."""
    return kth_upper(prod, k, n_fold, buffers.fold)


def kd_tree_search(values: np.ndarray, k: int, n_threads: int = 2) -> np.ndarray:
    """Return the ``k`` nearest other rows by scikit-learn's kd-tree, re-ranked exactly.

    For two to four features the tree prunes almost everything and beats any brute force
    (O(m log m) instead of O(m^2)). It computes ``sum((x - y) ** 2)`` directly in float64
    and prunes a node only when its box's distance, computed the same way (monotone
    rounding), exceeds the current k-th: no cancellation, exact up to the summation order
    of the last bit. Rows with more than ``k`` exact copies were set aside by
    :func:`prepare`, so ties at distance zero cannot make a query visit a huge group. The
    ``k + 1`` rows found (the row itself among them) are re-ranked by the exact distance
    used everywhere else.

    Parameters
    ----------
    values : ndarray of float64, shape (m, d)
        Prepared values (:func:`prepare`), ``m > k``.
    k : int
        Neighbours per row.
    n_threads : int
        Threads sharing the queries (the tree releases the GIL while querying).

    Returns
    -------
    ndarray of intp, shape (m, k)
        Row indices, nearest first.
    """
    from sklearn.neighbors import KDTree

    from pd_imbalance._core.threads import run_threads

    m = values.shape[0]
    tree = KDTree(values, leaf_size=20 if values.shape[1] <= 3 else 40)  # measured
    step = max(1024, -(-m // max(1, 4 * n_threads)))
    starts = range(0, m, step)

    def query(s: int) -> np.ndarray:
        found: np.ndarray = tree.query(values[s : s + step], k=k + 1, return_distance=False)
        return found

    parts = run_threads(query, starts, n_threads)
    cand = np.concatenate(parts).astype(np.intp, copy=False)
    gap = values[cand] - values[:, None, :]
    exact = np.einsum("ijk,ijk->ij", gap, gap)
    exact[cand == np.arange(m)[:, None]] = np.inf  # the row itself
    pick = np.argsort(exact, axis=1, kind="stable")[:, :k]
    record_stats("kd_tree", m, 0.0, float(cand.size))
    out: np.ndarray = np.take_along_axis(cand, pick, axis=1)
    return out
