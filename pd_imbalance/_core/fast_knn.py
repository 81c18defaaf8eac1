"""Exact k nearest neighbours of a point set among itself: float32 GEMM, float64 answers.

``exact_self_neighbors(points, k)`` returns an (m, k) array, nearest first, self excluded.
Pure numpy (plus threadpoolctl, a scikit-learn dependency, to keep BLAS single-threaded
while our own two threads share the tiles).

Algorithm (all heavy work is float32 GEMM + one cheap comparison per entry):

0. Centre the data (float64), scale it by a power of two (exact) so that the
   largest row norm is ~1, and build *augmented* float32 matrices so that one
   matrix product directly yields squared distances (minus thresholds):
       A_p = [x_p, 1, a*|x_p|^2]          B_q = [-2 x_q, b*|x_q|^2 - t_q, 1]
       (A B^T)_pq = |x_p|^2 + |x_q|^2 - 2 x_p.x_q (+ folded constants).
1. Cheap upper bounds ``tau_i`` on every row's k-th neighbour distance:
   a few Lloyd iterations of k-means on a sample partition the points into
   spatially coherent groups of ~``group_size`` points; inside each group a
   float32 GEMM gives all distances, the row is folded (elementwise minimum of
   halves) down to <= 32 disjoint column-group minima and the k-th smallest of
   those is an upper bound of the k-th smallest distance.  The float32 rounding
   error is bounded rigorously and added (``_err_coef``), so tau_i is a
   guaranteed upper bound of the true k-th neighbour distance.
2. Sort the points by tau (ascending).  For a pair p < q (sorted positions) we
   have tau_p <= tau_q, so "D_pq <= tau_p or D_pq <= tau_q" == "D_pq <= tau_q":
   a single column threshold decides whether a pair may matter for *either*
   endpoint.  Hence only the upper triangle (p < q) is computed (symmetry
   halves the GEMM work) and the threshold and a rigorous float32 error margin
   are folded into B, so the per-entry work is: GEMM -> ``E < 0`` ->
   ``flatnonzero``.  Tiles are processed by 2 Python threads (numpy releases
   the GIL), each with a single-threaded BLAS, so the comparison/nonzero
   passes also run in parallel and on cache-hot tiles.
3. Surviving pairs (typically 10-25 per row) become directed entries of
   both endpoints (of p only if it can matter for p).  Their float32 values
   give rigorous lower/upper bounds [lo, up] of the true distance; k rounds of
   a scatter-min (``np.minimum.at``) give the k-th smallest ``up`` per row, a
   much tighter threshold, and only entries with ``lo`` below it (~k+0.01 per
   row) get an exact float64 distance, computed from the original values as
   ``sum((x_p - x_q)**2)``.  A final scatter-min selection yields the k
   nearest in ascending order (no sorting, no Python loop over rows).

Correctness does not depend on the clustering quality (that only affects how
many pairs survive), only on tau being a true upper bound and on the folded
error margin dominating the float32 rounding error, both of which are
guaranteed by standard floating-point error bounds (gamma_n, see _err_coef).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import numpy as np
from threadpoolctl import ThreadpoolController

__all__ = ["exact_self_neighbors"]

_T = TypeVar("_T")
_R = TypeVar("_R")


#: A threshold entry no squared distance of the scaled data (at most 4) can pass.
_NEVER = 1e30


def _err_coef(ncols: int) -> float:
    """Relative error coefficient c of a float32 dot product of length ncols.

    For float32 inputs rounded from float64 (relative error u each) and any
    summation order (blocked / FMA GEMM kernels included) the error of
    sum_k a_k b_k is <= gamma_{ncols+2} * sum_k |a_k b_k| with
    gamma_n = n u / (1 - n u), u = 2^-24.  We use twice that (safety factor 2
    also covers the constants folded into the matrices and the float64
    rounding of norms/thresholds).
    """
    u = 2.0**-24
    n = ncols + 4
    return 2.0 * n * u / (1.0 - n * u)


def _run(fn: Callable[[_T], _R], items: Iterable[_T], n_threads: int) -> list[_R]:
    """Map ``fn`` over ``items`` with n_threads Python threads (dynamic scheduling)."""
    items = list(items)
    if n_threads <= 1 or len(items) <= 1:
        return [fn(it) for it in items]
    with ThreadPoolExecutor(n_threads) as ex:
        return list(ex.map(fn, items))


def _kmeans_groups(
    xs: np.ndarray, n_groups: int, k: int, rng: np.random.Generator, n_iter: int = 4
) -> list[np.ndarray]:
    """Partition rows of xs (float32, scaled/centred) into spatially coherent groups.

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
    step = 65536
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
    A: np.ndarray, B: np.ndarray, idx: np.ndarray, k: int, n_fold: int = 32, tile_rows: int = 256
) -> np.ndarray:
    """Return an upper bound of each row's k-th smallest entry of A[idx] @ B[idx].T.

    The diagonal (self) is excluded; the bound is a float32 value.

    The product is computed transposed, ET[j, i] = (A_i . B_j), so that the
    folding below works on contiguous memory: ET is folded by elementwise
    minimum of its top and bottom halves down to <= n_fold rows of disjoint
    column-group minima; the k-th smallest group minimum is >= the k-th
    smallest entry (it is attained by k distinct columns), hence a valid
    upper bound.
    """
    n = idx.size
    Ag = A[idx]
    Bg = B[idx]
    out = np.empty(n, np.float32)
    nr_max = min(tile_rows, n)
    buf = np.empty(n * nr_max, np.float32)
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


def _exact_duplicate_groups(
    X64: np.ndarray, tau: np.ndarray, sq: np.ndarray, c: float, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Find rows having >= k exact (bitwise) copies; return (mask, rows, k copies each).

    Only rows whose first-stage bound is at the float32 noise floor
    (tau <= ~8c|x|^2, i.e. k witnesses at distance ~0) are examined, so this
    costs nothing on data without heavy duplication.
    """
    m, d = X64.shape
    resolved = np.zeros(m, np.bool_)
    empty = (resolved, np.empty(0, np.intp), np.empty((0, k), np.intp))
    susp = np.flatnonzero(tau <= 8.5 * c * sq + 1e-300)
    if susp.size <= k:
        return empty
    V = np.ascontiguousarray(X64[susp]).view(np.dtype((np.void, 8 * d))).ravel()
    _, inv, cnt = np.unique(V, return_inverse=True, return_counts=True)
    inv = inv.ravel()
    ok = cnt[inv] > k
    if not ok.any():
        return empty
    rows = susp[ok]
    g = inv[ok]
    o = np.argsort(g, kind="stable")
    rows, g = rows[o], g[o]
    start = np.searchsorted(g, g, side="left")
    size = cnt[g]  # == number of members in rows (all copies are suspects)
    pos = np.arange(g.size) - start
    # k other members of the same group: positions pos+1 .. pos+k (mod size).
    nbpos = start[:, None] + (pos[:, None] + 1 + np.arange(k)) % size[:, None]
    resolved[rows] = True
    return resolved, rows, rows[nbpos]


def exact_self_neighbors(
    points: np.ndarray,
    k: int,
    *,
    n_threads: int | None = None,
    group_size: int | None = None,
    tile_rows: int = 512,
    tile_cols: int = 2048,
    seed: int = 0,
) -> np.ndarray:
    """Exact k nearest neighbours of every row of ``points`` among the other rows.

    Parameters
    ----------
    points : (m, d) float64 or float32 array, m > k.
    k : number of neighbours.
    n_threads : worker threads (default: number of CPUs available to the process).
    group_size : target size of the k-means groups used for the thresholds.
    tile_rows, tile_cols : tile shape of the main (upper-triangular) pass.
    seed : seed of the k-means sampling (affects speed only, never the result
        beyond the choice among exactly tied neighbours).

    Returns
    -------
    (m, k) intp array; row i holds the indices of the k nearest other rows in
    ascending order of float64 Euclidean distance.
    """
    # All BLAS calls are made single-threaded; parallelism comes from our own
    # worker threads (avoids oversubscription and OpenBLAS spin-waiting).
    with _blas_single_thread():
        return _nearest_neighbors(points, k, n_threads, group_size, tile_rows, tile_cols, seed)


_CONTROLLER: ThreadpoolController | None = None


def _blas_single_thread() -> Any:
    global _CONTROLLER
    if _CONTROLLER is None:
        _CONTROLLER = ThreadpoolController()
    return _CONTROLLER.limit(limits=1, user_api="blas")


def _nearest_neighbors(
    points: np.ndarray,
    k: int,
    n_threads: int | None,
    group_size: int | None,
    tile_rows: int,
    tile_cols: int,
    seed: int,
) -> np.ndarray:
    X = np.asarray(points)
    if X.ndim != 2:
        raise ValueError("points must be 2-D")
    m, d = X.shape
    if not 0 < k < m:
        raise ValueError("need 0 < k < m")
    if n_threads is None:
        try:
            n_threads = len(os.sched_getaffinity(0))
        except AttributeError:  # not available on all platforms
            n_threads = os.cpu_count() or 1
    X64 = np.ascontiguousarray(X, dtype=np.float64)
    if not np.isfinite(X64).all():
        raise ValueError("points must be finite")
    rng = np.random.default_rng(seed)
    K = d + 2
    c = _err_coef(K)

    # ---- 0. centre, scale by a power of two, augmented float32 matrices -------
    xc = X64 - X64.mean(axis=0)
    # Scale by a power of two (exact) so that all row norms are <= 1: no float32
    # overflow/underflow issues and scale-free error margins.
    amax = float(np.abs(xc).max()) * math.sqrt(d)
    scale = math.ldexp(1.0, -math.frexp(amax)[1]) if amax > 0 else 1.0
    xc *= scale
    sq = np.einsum("ij,ij->i", xc, xc)
    # Note on float64 effects: centring (fl(x - mu) has relative error eps in
    # each coordinate), the norms and the final float64 distances are all
    # relative O(d eps) errors of quantities bounded by |x_p|^2 + |x_q|^2
    # (centred), far below the c(|x_p|^2+|x_q|^2) float32 margins used below
    # (c ~ 1e-6); the 1e-9 relative factor on tau is extra safety.
    xs = xc.astype(np.float32)
    del xc
    # Preliminary-pass matrices: (A1 B1^T)_pq = D_pq + 2c(|x_p|^2 + |x_q|^2), and the
    # float32 error of that product is < 2c(|x_p|^2 + |x_q|^2) (see _err_coef), so
    # the computed value is always >= the true D_pq.
    A1 = np.empty((m, K), np.float32)
    A1[:, :d] = xs
    A1[:, d] = 1.0
    A1[:, d + 1] = (1.0 + 2.0 * c) * sq
    B1 = np.empty((m, K), np.float32)
    np.multiply(xs, -2.0, out=B1[:, :d])
    B1[:, d] = (1.0 + 2.0 * c) * sq
    B1[:, d + 1] = 1.0

    # ---- 1. upper bounds tau on the k-th neighbour distance --------------------
    if group_size is None:
        group_size = int(min(4096, max(1024, m // 25)))
    n_groups = max(1, round(m / group_size))
    groups = _kmeans_groups(xs, n_groups, k, rng)
    tau = np.empty(m, np.float64)
    n_fold = max(32, 4 * k)  # folding stops at > n_fold/2 >= k column groups
    res = _run(lambda g: _group_kth_upper(A1, B1, g, k, n_fold), groups, n_threads)
    for g, v in zip(groups, res, strict=True):
        tau[g] = v
    # float32 -> float64 is exact; tau is a guaranteed upper bound.
    tau = np.maximum(tau, 0.0) * (1.0 + 1e-9)
    del res  # A1 and B1 are small (m x (d + 2) float32)

    # ---- 2. main pass: upper triangle in tau order, column thresholds -------
    # Rows with >= k exact copies are answered directly (k copies at distance 0);
    # without this a group of G identical rows would produce G^2/2 survivors.
    resolved, res_rows, res_nb = _exact_duplicate_groups(X64, tau, sq, c, k)
    # Resolved rows go first and get threshold -inf: a pair (p, q) is then only
    # ever tested against an unresolved q, and never yields entries for resolved p.
    tau_eff = np.where(resolved, -np.inf, tau)
    order = np.argsort(tau_eff, kind="stable")
    tau_s = tau_eff[order]
    sq_s = sq[order]
    xs_s = xs[order]
    # (A2 B2^T)_pq = D_pq - tau_q - margin_pq,  margin_pq = 2c(|x_p|^2+|x_q|^2) + c tau_q,
    # which exceeds the float32 error bound of the product; hence every pair with
    # true D_pq <= tau_q has computed E_pq <= 0 and survives the test "E <= 0".
    A2 = np.empty((m, K), np.float32)
    A2[:, :d] = xs_s
    A2[:, d] = 1.0
    A2[:, d + 1] = (1.0 - 2.0 * c) * sq_s
    B2 = np.empty((m, K), np.float32)
    np.multiply(xs_s, -2.0, out=B2[:, :d])
    # resolved rows (tau -inf) get a huge finite threshold instead of +inf: a column of inf
    # makes some BLAS kernels compute 0 * inf = NaN in their padding
    B2[:, d] = np.where(np.isfinite(tau_s), (1.0 - 2.0 * c) * sq_s - (1.0 + c) * tau_s, _NEVER)
    B2[:, d + 1] = 1.0
    del xs_s, xs

    br, bc = tile_rows, tile_cols

    def row_block(i0: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
        """Run the main pass for rows [i0, i0+br) against all later columns.

        Returns the directed candidate entries (row, other, lower, upper) of the
        surviving pairs p < q (see 3a) and the number of surviving pairs.
        """
        i1 = min(m, i0 + br)
        ni = i1 - i0
        Ai = A2[i0:i1]
        buf = np.empty(ni * bc, np.float32)
        mbuf = np.empty(ni * bc, np.bool_)
        ps: list[np.ndarray] = []
        qs: list[np.ndarray] = []
        es: list[np.ndarray] = []
        for j0 in range(i0, m, bc):
            j1 = min(m, j0 + bc)
            nj = j1 - j0
            flat = buf[: ni * nj]
            np.matmul(Ai, B2[j0:j1].T, out=flat.reshape(ni, nj))
            mask = mbuf[: ni * nj]
            np.less_equal(flat, 0.0, out=mask)
            hit = np.flatnonzero(mask)
            if hit.size:
                p, q = np.divmod(hit, nj)
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
            return z, z, np.empty(0), np.empty(0), 0
        P = np.concatenate(ps)
        Q = np.concatenate(qs)
        # ---- 3a (per block, in the worker thread). From E:
        #   D_pq = E + 2c(|x_p|^2+|x_q|^2) + (1+c) tau_q  +/- err_pq,
        #   err_pq = 2c(|x_p|^2+|x_q|^2) + c tau_q   (the folded margin bounds the error)
        # so  lo = E + tau_q <= D_pq <= lo + 2 err_pq = up.
        tq = tau_s[Q]
        lo = np.concatenate(es).astype(np.float64)
        lo += tq
        up = (sq_s[P] + sq_s[Q]) * (4.0 * c)
        up += (2.0 * c) * tq
        up += lo
        # Entry for q always (lo <= tau_q as E <= 0); for p only if lo <= tau_p.
        kp = lo <= tau_s[P]
        rows = np.concatenate([Q, P[kp]])
        oth = np.concatenate([P, Q[kp]])
        return rows, oth, np.concatenate([lo, lo[kp]]), np.concatenate([up, up[kp]]), P.size

    res2 = _run(row_block, range(0, m, br), n_threads)
    rows_e = np.concatenate([r[0] for r in res2])
    oth_e = np.concatenate([r[1] for r in res2])
    lo = np.concatenate([r[2] for r in res2])
    up = np.concatenate([r[3] for r in res2])
    del res2

    # ---- 3a. float32-level refinement of the per-row thresholds ---------------
    # Every row owns >= k entries (its k first-stage witnesses survive).
    # tau2_r = k-th smallest upper bound among row r's entries is a valid bound
    # on r's k-th distance; only entries with lower bound <= tau2_r can be among
    # the k nearest, so only those get an exact float64 distance.
    if up.size:  # (empty only if every row was resolved as an exact duplicate)
        kth = _select_k(rows_e, up, m, k)[:, k - 1]
        tau2 = up[kth]
    else:
        kth = tau2 = np.empty(0)
    keep = lo <= tau2[rows_e] * (1.0 + 1e-9)
    rows_e = rows_e[keep]
    oth_e = oth_e[keep]
    del up, lo, keep, kth

    # ---- 3b. exact float64 distances of the remaining entries, final selection ----
    Xs64 = np.take(X64, order, axis=0)  # tau-ordered copy: identical values, better locality
    n_ent = rows_e.size
    dist = np.empty(n_ent, np.float64)
    step = max(256, min(16384, (1 << 18) // d))

    def exact(s: int) -> None:
        a = np.take(Xs64, rows_e[s : s + step], axis=0)
        b = np.take(Xs64, oth_e[s : s + step], axis=0)
        np.subtract(a, b, out=a)
        dist[s : s + step] = np.einsum("ij,ij->i", a, a)

    _run(exact, range(0, n_ent, step), n_threads)
    out = np.empty((m, k), np.intp)
    if n_ent:
        sel = _select_k(rows_e, dist, m, k)
        out[order] = order[oth_e[sel]]
    out[res_rows] = res_nb
    return out
