"""Exact k nearest neighbours of a point set among itself: float GEMM, float64 answers.

``exact_self_neighbors(points, k)`` returns an (m, k) array, nearest first, self excluded.
Pure numpy (plus threadpoolctl, a scikit-learn dependency, to keep BLAS single-threaded
while our own two threads share the tiles).

Algorithm (all heavy work is GEMM + one cheap comparison per entry):

0. Prepare the data (:func:`~pd_imbalance._core.knn_prep.prepare`): centre it on the
   column medians, scale it by a power of two (exact) so that every row norm is below 1,
   and set aside rows with more than k exact copies. Build *augmented* matrices so that
   one matrix product directly yields squared distances (minus thresholds):
       A_p = [x_p, 1, a*|x_p|^2]          B_q = [-2 x_q, b*|x_q|^2 - t_q, 1]
       (A B^T)_pq = |x_p|^2 + |x_q|^2 - 2 x_p.x_q (+ folded constants).
   The rounding error of (A B^T)_pq is bounded *per pair* by c(|x_p|^2 + |x_q|^2 + |t_q|)
   (see :func:`~pd_imbalance._core.knn_prep.float_error_coefficient`); the margin is
   folded into the matrices like the threshold, so a far-away row (a sentinel value) only
   loosens the pairs it belongs to.
1. Cheap upper bounds ``tau_i`` on every row's k-th neighbour distance:
   a few Lloyd iterations of k-means on a sample partition the points into
   spatially coherent groups of ~``group_size`` points; inside each group a
   GEMM gives all distances, the row is folded (elementwise minimum of
   halves) down to <= 32 disjoint column-group minima and the k-th smallest of
   those is an upper bound of the k-th smallest distance.  The rounding
   error is bounded rigorously and added, so tau_i is a guaranteed upper bound of
   the true k-th neighbour distance.
2. Sort the points by tau (ascending).  For a pair p < q (sorted positions) we
   have tau_p <= tau_q, so "D_pq <= tau_p or D_pq <= tau_q" == "D_pq <= tau_q":
   a single column threshold decides whether a pair may matter for *either*
   endpoint.  Hence only the upper triangle (p < q) is computed (symmetry
   halves the GEMM work) and the threshold and the error margin
   are folded into B, so the per-entry work is: GEMM -> ``E <= 0`` ->
   ``flatnonzero``.  Tiles are processed by 2 Python threads (numpy releases
   the GIL), each with a single-threaded BLAS, so the comparison/nonzero
   passes also run in parallel and on cache-hot tiles.
3. Surviving pairs (typically 10-25 per row) become directed entries of
   both endpoints (of p only if it can matter for p).  Their float values
   give rigorous lower/upper bounds [lo, up] of the true distance; k rounds of
   a scatter-min (``np.minimum.at``) give the k-th smallest ``up`` per row, a
   much tighter threshold, and only entries with ``lo`` below it (~k+0.01 per
   row) get an exact float64 distance, computed from the prepared values as
   ``sum((x_p - x_q)**2)``.  A final scatter-min selection yields the k
   nearest in ascending order (no sorting, no Python loop over rows).

Where float32 cannot separate neighbours (the spread of the data along some direction
is huge next to neighbour distances: one dominant unscaled column, 1-D-like or collinear
data, a few million rows in 2-D), the float32 margins let most pairs through. The main
pass therefore counts surviving pairs and gives up beyond a budget linear in m
(:data:`PAIR_BUDGET_PER_ROW`); the search is then repeated with float64 matrices (2**29
times smaller margins) and, should those fail too, finished by
:func:`~pd_imbalance._core.knn_prep.exact_brute` (float64 tiles with exact re-ranking;
linear memory, at most a constant times a brute-force search). Time and memory stay
linear in the number of surviving pairs, which the budget bounds.

Correctness does not depend on the clustering quality (that only affects how
many pairs survive), only on tau being a true upper bound and on the folded
error margin dominating the rounding error, both of which are
guaranteed by standard floating-point error bounds (gamma_n).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

from pd_imbalance._core.knn_prep import (
    exact_brute,
    float_error_coefficient,
    prepare,
    record_stats,
    search_stats,
)
from pd_imbalance._core.threads import blas_single_thread, run_threads

__all__ = ["exact_self_neighbors", "search_prepared"]

_T = TypeVar("_T")
_R = TypeVar("_R")

#: Surviving pairs allowed per row (plus :data:`PAIR_BUDGET_PER_NEIGHBOR` per neighbour)
#: before a float32 / float64 attempt is abandoned. Ordinary data needs 10 to 25 a row.
PAIR_BUDGET_PER_ROW = 48
#: See :data:`PAIR_BUDGET_PER_ROW`.
PAIR_BUDGET_PER_NEIGHBOR = 4

#: Unit roundoff of the two matrix precisions.
_UNIT = {np.dtype(np.float32): 2.0**-24, np.dtype(np.float64): 2.0**-53}


def _run(fn: Callable[[_T], _R], items: Iterable[_T], n_threads: int) -> list[_R]:
    """Map ``fn`` over ``items`` with n_threads threads (the shared pool, in order)."""
    return run_threads(fn, items, n_threads)


def _kmeans_groups(
    xs: np.ndarray, n_groups: int, k: int, rng: np.random.Generator, n_iter: int = 4
) -> list[np.ndarray]:
    """Partition rows of xs (float32, prepared) into spatially coherent groups.

    Groups have > k members; groups much larger than the target size are cut into
    pieces (keeps the per-group cost bounded, e.g. for heavily duplicated data).
    """
    m = xs.shape[0]
    target = max(k + 1, m // max(n_groups, 1))
    if n_groups <= 1:
        return [np.arange(m)]
    # Lloyd iterations on a sample (float32 GEMM; precision irrelevant here).
    ns = min(m, max(20_000, 40 * n_groups))
    sample = xs[rng.choice(m, ns, replace=False)] if ns < m else xs
    cent = sample[rng.choice(sample.shape[0], n_groups, replace=False)].copy()
    for _ in range(n_iter):
        lab = np.argmin(np.dot(sample, cent.T) * -2.0 + np.einsum("ij,ij->i", cent, cent), axis=1)
        cnt = np.bincount(lab, minlength=n_groups).astype(np.float32)
        onehot = np.zeros((n_groups, sample.shape[0]), np.float32)
        onehot[lab, np.arange(sample.shape[0])] = 1.0
        sums = onehot @ sample
        nz = cnt > 0
        cent[nz] = sums[nz] / cnt[nz, None]
    # Assign every point (chunked to bound memory).
    cn = np.einsum("ij,ij->i", cent, cent)
    lab = np.empty(m, np.intp)
    step = 16384
    for s in range(0, m, step):
        lab[s : s + step] = np.argmin(np.dot(xs[s : s + step], cent.T) * -2.0 + cn, axis=1)
    order = np.argsort(lab, kind="stable")
    counts = np.bincount(lab, minlength=n_groups)
    groups: list[np.ndarray] = []
    small: list[np.ndarray] = []
    cap = 2 * target
    start = 0
    for c in counts:
        g = order[start : start + c]
        start += c
        if c == 0:
            continue
        if c <= k:
            small.append(g)
        elif c > cap:
            npieces = -(-c // target)
            groups.extend(np.array_split(g, npieces))
        else:
            groups.append(g)
    if small:
        left = np.concatenate(small)
        if left.size > k:
            groups.append(left)
        elif groups:  # merge the few leftovers into the smallest group
            j = int(np.argmin([g.size for g in groups]))
            groups[j] = np.concatenate([groups[j], left])
        else:
            groups.append(left)
    return groups


def _group_kth_upper(
    A: np.ndarray, idx: np.ndarray, k: int, n_fold: int = 32, tile_rows: int = 256
) -> np.ndarray:
    """Return an upper bound of each row's k-th smallest entry of A[idx] @ B[idx].T.

    ``A`` holds the phase-1 rows ``[x_p, 1, a*|x_p|^2]``; the matching rows of ``B``,
    ``[-2 x_q, a*|x_q|^2, 1]``, are built here for the group only (exactly the values a
    whole ``B`` would hold: doubling is exact). The diagonal (self) is excluded; the bound
    has the dtype of ``A``.

    The product is computed transposed, ET[j, i] = (A_i . B_j), so that the
    folding below works on contiguous memory: ET is folded by elementwise
    minimum of its top and bottom halves down to <= n_fold rows of disjoint
    column-group minima; the k-th smallest group minimum is >= the k-th
    smallest entry (it is attained by k distinct columns), hence a valid
    upper bound.
    """
    n = idx.size
    d = A.shape[1] - 2
    Ag = A[idx]
    Bg = np.empty_like(Ag)
    np.multiply(Ag[:, :d], -2.0, out=Bg[:, :d])
    Bg[:, d] = Ag[:, d + 1]
    Bg[:, d + 1] = 1.0
    out = np.empty(n, A.dtype)
    nr_max = min(tile_rows, n)
    buf = np.empty(n * nr_max, A.dtype)
    for r0 in range(0, n, tile_rows):
        r1 = min(n, r0 + tile_rows)
        nr = r1 - r0
        ET = buf[: n * nr].reshape(n, nr)
        np.matmul(Bg, Ag[r0:r1].T, out=ET)
        ET.ravel()[r0 * nr :: nr + 1][:nr] = np.inf  # self entries ET[r0+i, i]
        w = n
        while w > n_fold:
            h = w // 2
            np.fmin(ET[:h], ET[w - h : w], out=ET[:h])
            w -= h
        out[r0:r1] = np.partition(ET[:w].T, k - 1, axis=1)[:, k - 1]
    return out


def _select_k(rows: np.ndarray, vals: np.ndarray, m: int, k: int) -> np.ndarray:
    """Return, for each row r in [0, m), the positions of its k smallest entries.

    Positions index ``rows``/``vals``, in ascending order of value. Every row must own
    >= k entries. k rounds of a scatter-min (np.minimum.at), no sorting. Exact ties: an
    arbitrary one wins.
    """
    v = vals.astype(np.float64, copy=True)
    sel = np.zeros((m, k), np.intp)  # rows without entries keep 0 (ignored by callers)
    present = np.zeros(m, np.bool_)
    present[rows] = True
    best = np.empty(m, np.float64)
    for r in range(k):
        best.fill(np.inf)
        np.minimum.at(best, rows, v)
        cand = np.flatnonzero(v == best[rows])
        win = sel[:, r]
        win[rows[cand]] = cand
        v[win[present]] = np.inf
    return sel


@dataclass
class _Budget:
    """A shared count of surviving pairs, with the limit beyond which a pass gives up."""

    limit: int
    used: int = 0
    exceeded: bool = False

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def add(self, n: int) -> bool:
        """Count ``n`` more pairs, or return False (and stop every pass) if they do not fit."""
        with self._lock:
            if self.used + n > self.limit:
                self.exceeded = True
            if not self.exceeded:
                self.used += n
        return not self.exceeded


@dataclass(frozen=True)
class _Entries:
    """Directed candidate entries: row, other row, lower and upper distance bounds."""

    rows: np.ndarray
    others: np.ndarray
    lower: np.ndarray
    upper: np.ndarray


def exact_self_neighbors(
    points: np.ndarray,
    k: int,
    *,
    n_threads: int | None = None,
    group_size: int | None = None,
    tile_rows: int = 512,
    tile_cols: int = 2048,
    seed: int = 0,
    overwrite: bool = False,
) -> np.ndarray:
    """Exact k nearest neighbours of every row of ``points`` among the other rows.

    Parameters
    ----------
    points : ndarray of shape (m, d)
        Finite float values, ``m > k``.
    k : int
        Number of neighbours.
    n_threads : int, optional
        Worker threads (default: number of CPUs available to the process).
    group_size : int, optional
        Target size of the k-means groups used for the thresholds.
    tile_rows, tile_cols : int
        Tile shape of the main (upper-triangular) pass.
    seed : int
        Seed of the k-means sampling (affects speed only, never the result
        beyond the choice among exactly tied neighbours).
    overwrite : bool, default=False
        Whether ``points`` may be prepared in place (a temporary of the caller's).

    Returns
    -------
    ndarray of intp, shape (m, k)
        Row i holds the indices of the k nearest other rows in ascending order of float64
        Euclidean distance (on the prepared values, see
        :mod:`~pd_imbalance._core.knn_prep`).
    """
    prep = prepare(points, k, overwrite=overwrite)
    found = search_prepared(
        prep.values,
        k,
        n_threads=n_threads,
        group_size=group_size,
        tile_rows=tile_rows,
        tile_cols=tile_cols,
        seed=seed,
    )
    return prep.finish(found, np.shape(points)[0])


def search_prepared(
    values: np.ndarray,
    k: int,
    *,
    n_threads: int | None = None,
    group_size: int | None = None,
    tile_rows: int = 512,
    tile_cols: int = 2048,
    seed: int = 0,
) -> np.ndarray:
    """Exact k nearest neighbours of prepared rows: float32, then float64, then brute force.

    Parameters
    ----------
    values : ndarray of float64, shape (m, d)
        Rows from :func:`~pd_imbalance._core.knn_prep.prepare` (norms below 1).
    k : int
        Number of neighbours.
    n_threads, group_size, tile_rows, tile_cols, seed
        See :func:`exact_self_neighbors`.

    Returns
    -------
    ndarray of intp, shape (m, k)
        Row indices into ``values``, nearest first (rows of ``values`` beyond the first
        ``k`` are needed for an answer: with ``m <= k`` every row must have been answered
        directly by the preparation, and zeros are returned).
    """
    m = values.shape[0]
    if m <= k:
        record_stats("none", m, 0.0, 0.0)
        return np.zeros((m, k), np.intp)
    if n_threads is None:
        try:
            n_threads = len(os.sched_getaffinity(0))
        except AttributeError:  # not available on all platforms
            n_threads = os.cpu_count() or 1
    budget = m * (PAIR_BUDGET_PER_ROW + PAIR_BUDGET_PER_NEIGHBOR * k)
    tried: list[str] = []
    pairs = 0
    # All BLAS calls are made single-threaded; parallelism comes from our own
    # worker threads (avoids oversubscription and OpenBLAS spin-waiting).
    with _blas_single_thread():
        if group_size is None:
            group_size = int(min(4096, max(1024, m // 25)))
        groups: list[np.ndarray] | None = None
        for name, dtype in (("gemm32", np.float32), ("gemm64", np.float64)):
            tried.append(name)
            result, groups = _gemm_search(
                values,
                np.dtype(dtype),
                k,
                groups,
                _GroupPlan(group_size, seed),
                _Budget(budget),
                n_threads,
                tile_rows,
                tile_cols,
            )
            pairs += result[1]
            if result[0] is not None:
                record_stats("+".join(tried), m, float(pairs), float(result[2]))
                return result[0]
            del result
    tried.append("brute")
    found = exact_brute(values, k)
    exact = float(search_stats()["exact_per_row"]) * m
    record_stats("+".join(tried), m, float(pairs), exact)
    return found


def _blas_single_thread() -> Any:
    return blas_single_thread()


@dataclass(frozen=True)
class _GroupPlan:
    """How phase 1 groups the rows: the target group size and the k-means seed."""

    size: int
    seed: int


def _gemm_search(
    values: np.ndarray,
    dtype: np.dtype[Any],
    k: int,
    groups: list[np.ndarray] | None,
    plan: _GroupPlan,
    budget: _Budget,
    n_threads: int,
    tile_rows: int,
    tile_cols: int,
) -> tuple[tuple[np.ndarray | None, int, int], list[np.ndarray]]:
    """Run phases 1-3 with matrices of ``dtype``.

    Returns the (m, k) answer (None if the pair budget was exceeded), the surviving pairs
    and the exact distances computed, and the phase-1 groups (made here from the first
    attempt's rows when ``groups`` is None, then reused by a retry).

    Memory: one (m, d + 2) matrix of ``dtype`` at a time (phase 1's ``A1``, then phase
    2's ``A2``, each built from the one before); the matching ``B`` rows are built per
    group and per column tile, and the exact distances read ``values`` through the
    permutation instead of a permuted copy.
    """
    m, d = values.shape
    c = float_error_coefficient(d + 2, _UNIT[dtype])
    sq = np.einsum("ij,ij->i", values, values)
    A1 = _phase1_rows(values, sq, c, dtype)
    if groups is None:
        groups = _kmeans_groups(
            A1[:, :d], max(1, round(m / plan.size)), k, np.random.default_rng(plan.seed)
        )
    tau = _upper_bounds(A1, k, groups, n_threads)
    order = np.argsort(tau, kind="stable")
    tau_s = tau[order]
    sq_s = sq[order]
    A2, b_last = _threshold_matrices(A1, order, sq_s, tau_s, c)
    del A1
    entries = _main_pass(A2, b_last, tau_s, sq_s, c, tile_rows, tile_cols, n_threads, budget)
    del A2
    if entries is None:
        return (None, budget.used, 0), groups
    rows, others = _refine_candidates(entries, m, k)
    del entries
    found_s = _exact_selection(values, order, rows, others, m, k, n_threads)
    found = np.empty((m, k), np.intp)
    found[order] = order[found_s]
    return (found, budget.used, rows.size), groups


def _phase1_rows(values: np.ndarray, sq: np.ndarray, c: float, dtype: np.dtype[Any]) -> np.ndarray:
    """Phase 1's rows ``A1_p = [x_p, 1, (1 + 2c)|x_p|^2]`` in ``dtype``.

    With ``B1_q = [-2 x_q, (1 + 2c)|x_q|^2, 1]`` (built per group from these rows):
    ``(A1 B1^T)_pq = D_pq + 2c(|x_p|^2 + |x_q|^2)`` and the rounding error of that product
    is below ``2c(|x_p|^2 + |x_q|^2)``, so every computed value is >= the true ``D_pq``.
    """
    m, d = values.shape
    A1 = np.empty((m, d + 2), dtype)
    A1[:, :d] = values
    A1[:, d] = 1.0
    A1[:, d + 1] = (1.0 + 2.0 * c) * sq
    return A1


def _upper_bounds(A1: np.ndarray, k: int, groups: list[np.ndarray], n_threads: int) -> np.ndarray:
    """Phase 1: a guaranteed upper bound of every row's k-th neighbour distance."""
    m = A1.shape[0]
    tau = np.empty(m, np.float64)
    n_fold = max(32, 4 * k)  # folding stops at > n_fold/2 >= k column groups
    res = _run(lambda g: _group_kth_upper(A1, g, k, n_fold), groups, n_threads)
    for g, v in zip(groups, res, strict=True):
        tau[g] = v
    # float32 -> float64 is exact; the 1e-9 relative factor is extra safety against
    # the float64 effects (norms, final distances: relative O(d eps) errors).
    return np.maximum(tau, 0.0) * (1.0 + 1e-9)


#: Rows copied at a time when phase 2's matrix is gathered in tau order.
_GATHER_ROWS = 16384


def _threshold_matrices(
    A1: np.ndarray, order: np.ndarray, sq_s: np.ndarray, tau_s: np.ndarray, c: float
) -> tuple[np.ndarray, np.ndarray]:
    """Phase 2's rows in tau order, ``A2_p = [x_p, 1, (1 - 2c)|x_p|^2]``, and B2's column d.

    ``B2_q = [-2 x_q, (1 - 2c)|x_q|^2 - (1 + c) tau_q, 1]`` is built per column tile from
    ``A2`` and the returned column; ``(A2 B2^T)_pq = D_pq - tau_q - margin_pq``, where
    ``margin_pq = 2c(|x_p|^2 + |x_q|^2) + c tau_q`` exceeds the rounding error of the
    product, hence every pair with true ``D_pq <= tau_q`` has a computed value ``<= 0``.
    The rows of ``x`` are taken from ``A1``'s first ``d`` columns (the same values).
    """
    m, d2 = A1.shape
    d = d2 - 2
    A2 = np.empty((m, d2), A1.dtype)
    for s in range(0, m, _GATHER_ROWS):
        A2[s : s + _GATHER_ROWS, :d] = A1[order[s : s + _GATHER_ROWS], :d]
    A2[:, d] = 1.0
    A2[:, d + 1] = (1.0 - 2.0 * c) * sq_s
    b_last = ((1.0 - 2.0 * c) * sq_s - (1.0 + c) * tau_s).astype(A1.dtype)
    return A2, b_last


def _main_pass(
    A2: np.ndarray,
    b_last: np.ndarray,
    tau_s: np.ndarray,
    sq_s: np.ndarray,
    c: float,
    tile_rows: int,
    tile_cols: int,
    n_threads: int,
    budget: _Budget,
) -> list[_Entries] | None:
    """Phase 2: every pair p < q (tau order) with computed ``(A2 B2^T)_pq <= 0``.

    Returns the directed entries of the survivors (phase 3a bounds included), one block per
    row block (never concatenated: that would hold them twice), or None as soon as more
    than ``budget.limit`` pairs survive.
    """
    m = A2.shape[0]

    def row_block(i0: int) -> _Entries | None:
        found = _row_block_pairs(A2, b_last, i0, tile_rows, tile_cols, budget)
        if found is None:
            return None
        return _directed_entries(found[0], found[1], found[2], tau_s, sq_s, c)

    blocks = _run(row_block, range(0, m, tile_rows), n_threads)
    if budget.exceeded or any(b is None for b in blocks):
        return None
    return [b for b in blocks if b is not None]


def _row_block_pairs(
    A2: np.ndarray, b_last: np.ndarray, i0: int, br: int, bc: int, budget: _Budget
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Return the surviving pairs (p, q, E) of rows ``[i0, i0 + br)`` against later columns.

    Each column tile of ``B2`` is built from ``A2`` and ``b_last`` (see
    :func:`_threshold_matrices`). None if the shared budget is (or becomes) exceeded.
    """
    m, d2 = A2.shape
    d = d2 - 2
    i1 = min(m, i0 + br)
    ni = i1 - i0
    AiT = A2[i0:i1].T
    buf = np.empty(ni * bc, A2.dtype)
    mbuf = np.empty(ni * bc, np.bool_)
    bbuf = np.empty((bc, d2), A2.dtype)
    bbuf[:, d + 1] = 1.0
    ps: list[np.ndarray] = []
    qs: list[np.ndarray] = []
    es: list[np.ndarray] = []
    for j0 in range(i0, m, bc):
        if budget.exceeded:
            return None
        j1 = min(m, j0 + bc)
        nj = j1 - j0
        flat = buf[: ni * nj]
        Bj = bbuf[:nj]
        np.multiply(A2[j0:j1, :d], -2.0, out=Bj[:, :d])
        Bj[:, d] = b_last[j0:j1]
        # laid out (column tile x row block): BLAS runs this operand order markedly
        # faster at these shapes (0.6 against 0.9 ns per entry at 2048 x 512 x 22)
        np.matmul(Bj, AiT, out=flat.reshape(nj, ni))
        mask = mbuf[: ni * nj]
        np.less_equal(flat, 0.0, out=mask)
        hit = np.flatnonzero(mask)
        if hit.size:
            if not budget.add(hit.size):  # (diagonal tiles: lower triangle counted too)
                return None
            q, p = np.divmod(hit, ni)
            e = flat[hit]
            p += i0
            q += j0
            if j0 < i1:  # tile touches the diagonal: keep the strict upper triangle
                keep = p < q
                p, q, e = p[keep], q[keep], e[keep]
            ps.append(p.astype(np.int32))
            qs.append(q.astype(np.int32))
            es.append(e)
    if not ps:
        z = np.empty(0, np.int32)
        return z, z, np.empty(0, A2.dtype)
    return np.concatenate(ps), np.concatenate(qs), np.concatenate(es)


def _directed_entries(
    P: np.ndarray, Q: np.ndarray, E: np.ndarray, tau_s: np.ndarray, sq_s: np.ndarray, c: float
) -> _Entries:
    """Phase 3a (per block): bounds of the surviving pairs, as entries of their endpoints.

    From E: ``D_pq = E + 2c(|x_p|^2+|x_q|^2) + (1+c) tau_q +/- err_pq`` with
    ``err_pq = 2c(|x_p|^2+|x_q|^2) + c tau_q`` (the folded margin bounds the error), so
    ``lo = E + tau_q <= D_pq <= lo + 2 err_pq = up``. An entry for q always (``lo <= tau_q``
    as ``E <= 0``), for p only if ``lo <= tau_p``.
    """
    tq = tau_s[Q]
    lo = E.astype(np.float64)
    lo += tq
    up = (sq_s[P] + sq_s[Q]) * (4.0 * c)
    up += (2.0 * c) * tq
    up += lo
    kp = lo <= tau_s[P]
    lo32, up32 = _down32(lo), _up32(up)
    return _Entries(
        np.concatenate([Q, P[kp]]),
        np.concatenate([P, Q[kp]]),
        np.concatenate([lo32, lo32[kp]]),
        np.concatenate([up32, up32[kp]]),
    )


def _down32(x: np.ndarray) -> np.ndarray:
    """``x`` in float32, each value rounded down (a bound stays a lower bound)."""
    y = x.astype(np.float32)
    over = y > x
    y[over] = np.nextafter(y[over], np.float32(-np.inf))
    return y


def _up32(x: np.ndarray) -> np.ndarray:
    """``x`` in float32, each value rounded up (a bound stays an upper bound)."""
    y = x.astype(np.float32)
    under = y < x
    y[under] = np.nextafter(y[under], np.float32(np.inf))
    return y


def _kth_smallest(blocks: list[_Entries], m: int, k: int) -> np.ndarray:
    """Return each row's k-th smallest upper bound over the entries of every block.

    k rounds of a scatter-min (``np.minimum.at``); after each but the last, one entry
    reaching its row's minimum is removed per row (set to infinity, in place: the blocks'
    upper bounds are not needed afterwards). Every row must own >= k entries.

    The minima are taken in the bounds' own dtype (a minimum is one of its inputs, so it is
    exact in any precision; a scatter that casts is about 40 times slower), then widened.
    """
    dtype = np.result_type(*(b.upper.dtype for b in blocks)) if blocks else np.float64
    best = np.empty(m, dtype)
    for r in range(k):
        best.fill(np.inf)
        for b in blocks:
            np.minimum.at(best, b.rows, b.upper)
        if r == k - 1:
            break
        taken = np.zeros(m, np.bool_)
        slot = np.full(m, -1, np.intp)
        for b in blocks:
            cand = np.flatnonzero(b.upper == best[b.rows])
            owners = b.rows[cand]
            keep = ~taken[owners]
            cand, owners = cand[keep], owners[keep]
            slot[owners] = cand  # one entry per owner survives the scatter (no sort)
            first = cand[slot[owners] == cand]
            b.upper[first] = np.inf
            taken[owners] = True
            slot[owners] = -1
    return best.astype(np.float64, copy=False)


def _refine_candidates(blocks: list[_Entries], m: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Phase 3a: keep the entries that can be among their row's k nearest.

    Every row owns >= k entries (its k first-stage witnesses survive). ``tau2_r`` = the
    k-th smallest upper bound among row r's entries is a valid bound on r's k-th distance;
    only entries with a lower bound <= ``tau2_r`` can be among the k nearest.
    """
    tau2 = _kth_smallest(blocks, m, k) * (1.0 + 1e-9)
    rows: list[np.ndarray] = []
    others: list[np.ndarray] = []
    while blocks:
        b = blocks.pop()
        keep = b.lower <= tau2[b.rows]
        rows.append(b.rows[keep])
        others.append(b.others[keep])
        del b
    return np.concatenate(rows[::-1]), np.concatenate(others[::-1])


def _exact_selection(
    values: np.ndarray,
    order: np.ndarray,
    rows: np.ndarray,
    others: np.ndarray,
    m: int,
    k: int,
    n_threads: int,
) -> np.ndarray:
    """Phase 3b: exact float64 distances of the candidates, then the k nearest of each row.

    ``rows`` and ``others`` are positions in tau order; ``order`` maps them to rows of
    ``values`` (the prepared rows, read through the permutation chunk by chunk rather than
    copied in tau order). Returns (m, k) positions in tau order, nearest first.
    """
    d = values.shape[1]
    n_ent = rows.size
    dist = np.empty(n_ent, np.float64)
    step = max(256, min(16384, (1 << 18) // d))

    def exact(s: int) -> None:
        a = np.take(values, order[rows[s : s + step]], axis=0)
        b = np.take(values, order[others[s : s + step]], axis=0)
        np.subtract(a, b, out=a)
        dist[s : s + step] = np.einsum("ij,ij->i", a, a)

    _run(exact, range(0, n_ent, step), n_threads)
    sel = _select_k(rows, dist, m, k)
    found: np.ndarray = others[sel]
    return found
