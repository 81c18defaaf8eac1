"""SMOTE and SMOTE-NC planning and generation on arrays (no pandas).

For a class to oversample, each synthetic row picks a base row ``x`` uniformly (with
replacement), a neighbour ``z`` uniformly among the base row's ``k`` nearest rows of the same
class, and ``lam ~ U[0, 1)``; continuous features become ``x + lam * (z - x)`` and categorical
features the value most common among the base row's ``k`` neighbours (ties broken at random).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from pd_imbalance._core.codes import chunks
from pd_imbalance._core.grouped_neighbors import own_neighbors
from pd_imbalance._core.nan_knn import NanSpace
from pd_imbalance._core.neighbor_rule import NeighborRule
from pd_imbalance._core.random import spawn
from pd_imbalance._core.smote_nc import MixedSpace
from pd_imbalance._core.threads import run_threads

#: Rows of synthetic data generated per block (bounds temporaries).
GENERATION_ROWS = 1 << 16


@dataclass(frozen=True)
class SmotePlan:
    """A plan that keeps every input row and adds synthetic rows.

    Everything is stored relative to ``sources``, the input rows of the classes that grow
    (class by class), so that generation only ever reads a small, cache-friendly block.

    Attributes
    ----------
    sources : ndarray of intp, shape (r,)
        Input row positions of every row of the classes that grow.
    base_local, neighbor_local : ndarray of int32, shape (s,)
        Each synthetic row's base row and chosen neighbour, as indices into ``sources``.
    lam : ndarray of float64, shape (s,)
        Interpolation factors in [0, 1).
    class_code : ndarray of int32, shape (s,)
        Class of each synthetic row.
    neighbors_local : ndarray of int32, shape (r, k)
        The ``k`` nearest same-class rows of every source row, as indices into ``sources``
        (what SMOTE-NC votes on).
    """

    sources: np.ndarray
    base_local: np.ndarray
    neighbor_local: np.ndarray
    lam: np.ndarray
    class_code: np.ndarray
    neighbors_local: np.ndarray

    @property
    def n_synthetic(self) -> int:
        """Number of synthetic rows."""
        return len(self.base_local)

    @property
    def base(self) -> np.ndarray:
        """Input row position of each synthetic row's base row."""
        out: np.ndarray = self.sources[self.base_local]
        return out

    @property
    def neighbor(self) -> np.ndarray:
        """Input row position of each synthetic row's chosen neighbour."""
        out: np.ndarray = self.sources[self.neighbor_local]
        return out


def plan_smote(
    codes: np.ndarray,
    counts: np.ndarray,
    final_counts: np.ndarray,
    features_of: Callable[[np.ndarray], np.ndarray | MixedSpace | NanSpace],
    k: int | NeighborRule,
    seed: np.random.SeedSequence,
    groups: np.ndarray | None = None,
) -> SmotePlan:
    """Plan the synthetic rows of every class whose final count exceeds its count.

    Parameters
    ----------
    codes : ndarray of int, shape (n,)
        Class code of each input row.
    counts, final_counts : ndarray of int, shape (K,)
        Current and wanted rows per class (``final >= count``; classes to grow need
        ``count > k``).
    features_of : callable
        ``features_of(positions)``: the distance-space rows of the given input positions
        (see :func:`~pd_imbalance._core.smote_nc.distance_space`).
    k : int or NeighborRule
        Neighbours per row: the exact search's ``k``, or a rule (a user's search object).
    seed : numpy.random.SeedSequence
        Each class draws from its own child stream, so a class's synthetic rows depend only
        on the seed and that class. ``seed`` itself is not changed (nothing is spawned from
        it), so the same seed plans the same rows every time.
    groups : ndarray of int, shape (n,), optional
        Each input row's group code: neighbours are then searched within the row's class
        *and* group (:func:`~pd_imbalance._core.grouped_neighbors.own_neighbors`).

    Returns
    -------
    SmotePlan
        The synthetic rows, in class order (every input row is kept).
    """
    rule = k if isinstance(k, NeighborRule) else NeighborRule("k_neighbors", k)
    n = len(codes)
    local = np.int32 if n < np.iinfo(np.int32).max else np.int64  # compact local indices
    children = spawn(seed, len(counts))
    sources: list[np.ndarray] = []
    neighbors: list[np.ndarray] = []
    draws: list[tuple[np.ndarray, ...]] = []
    offset = 0
    for c in np.flatnonzero(final_counts > counts):
        positions = np.flatnonzero(codes == c)
        near = own_neighbors(rule, features_of, positions, groups).astype(local) + offset
        n_new = int(final_counts[c] - counts[c])
        base, neighbor, lam = draw_synthetic(near, n_new, np.random.default_rng(children[c]))
        draws.append((base + offset, neighbor, lam, np.full(n_new, c, dtype=local)))
        sources.append(positions)
        neighbors.append(near)
        offset += len(positions)
    if draws:
        base, neighbor, lam, class_code = (np.concatenate(p) for p in zip(*draws, strict=True))
    else:
        base, neighbor, class_code = (np.empty(0, dtype=np.int32) for _ in range(3))
        lam = np.empty(0)
    return SmotePlan(
        sources=np.concatenate(sources) if sources else np.empty(0, dtype=np.intp),
        base_local=base,
        neighbor_local=neighbor,
        lam=lam,
        class_code=class_code,
        neighbors_local=(
            np.concatenate(neighbors) if neighbors else np.empty((0, rule.k or 0), dtype=np.int32)
        ),
    )


def draw_synthetic(
    neighbors: np.ndarray, n_new: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Draw ``n_new`` synthetic rows of one class: base rows, chosen neighbours and lambdas.

    The one SMOTE draw, used by the pandas verbs and by each dask block: the base is uniform
    over the class's rows (with replacement), the neighbour uniform among the base's ``k``
    nearest, and ``lam ~ U[0, 1)``, in that order from ``rng``.

    Parameters
    ----------
    neighbors : ndarray of int, shape (m, k)
        Each row's ``k`` nearest same-class rows (indices into the class's rows).
    n_new : int
        Synthetic rows to draw.
    rng : numpy.random.Generator
        The class's (or block's) stream.

    Returns
    -------
    base, neighbor : ndarray of ``neighbors.dtype``, shape (n_new,)
        Indices into the class's rows.
    lam : ndarray of float64, shape (n_new,)

    Examples
    --------
    >>> near = np.array([[1], [0]], dtype=np.int32)
    >>> base, neighbor, lam = draw_synthetic(near, 3, np.random.default_rng(0))
    >>> bool(np.all(neighbor == 1 - base)), bool(np.all((0 <= lam) & (lam < 1)))
    (True, True)
    """
    m, k = neighbors.shape
    base = rng.integers(0, m, size=n_new).astype(neighbors.dtype)
    pick = rng.integers(0, k, size=n_new)
    lam = rng.random(n_new)
    return base, neighbors[base, pick], lam


def interpolate_into(
    values: np.ndarray,
    plan: SmotePlan,
    out: np.ndarray,
    *,
    kind: str,
    missing: np.ndarray | None = None,
) -> np.ndarray | None:
    """Write the synthetic values of one continuous column into ``out`` (length s).

    Missing values (``missing="ignore"``): a float column's NaN, or for any kind the
    ``missing`` mask over the input rows (then ``values`` hold any filler there). A value
    is interpolated where both ends are present, is the present end's value where one is
    missing (:func:`fill_missing_ends`), and is missing where both are. Returns the mask of
    the synthetic values that are missing (None without a ``missing`` mask; a float
    column's are NaN).

    ``kind`` is "float" (computed in the column's own float width), "int" (interpolated and
    rounded to the nearest integer, which stays between base and neighbour) or "time" (int64
    ticks of a datetime/timedelta, rounded to the nearest tick). Only the plan's source rows
    are read, in blocks of rows.

    Integer values are int64 or uint64 (``out`` has the same dtype). The distance
    ``|z - x|`` is taken exactly in uint64, so it never overflows (not even between the
    int64 minimum and maximum); the step ``rint(lam * |z - x|)`` is computed in float64 and
    capped at ``|z - x|``, then added to (or subtracted from) ``x`` in wrapping uint64
    arithmetic, which is exact because the result lies on the segment. So large values
    (datetimes in nanoseconds) do not lose precision beyond the float64 rounding of the
    step, and every value is between its base and neighbour.
    """
    source = values[plan.sources]
    if kind == "float":
        has_nan = bool(np.isnan(source).any())
        lam_all = plan.lam.astype(values.dtype, copy=False)
        for start, stop in chunks(plan.n_synthetic, GENERATION_ROWS):
            x = source.take(plan.base_local[start:stop])
            z = source.take(plan.neighbor_local[start:stop])
            np.subtract(z, x, out=z)
            np.multiply(z, lam_all[start:stop], out=z)
            np.add(x, z, out=out[start:stop])
            if has_nan:
                fill_missing_ends(source, plan, out, start, stop)
        return _missing_out(missing, plan)
    if source.dtype.itemsize != 8:  # narrower ints: widen, so the uint64 views below hold
        source = source.astype(np.int64)
    for start, stop in chunks(plan.n_synthetic, GENERATION_ROWS):
        x = source.take(plan.base_local[start:stop])
        z = source.take(plan.neighbor_local[start:stop])
        up = z >= x  # compared in the values' own (signed or unsigned) type
        xu, zu = x.view(np.uint64), z.view(np.uint64)
        gap = np.where(up, zu - xu, xu - zu)  # |z - x| exactly: it is < 2**64
        step = np.rint(plan.lam[start:stop] * gap.astype(np.float64))
        # lam < 1 keeps step < 2**64, so the cast is defined; float64 rounding of a huge
        # gap may overshoot it by a few units: stay on the segment [x, z]
        step_u = np.minimum(step.astype(np.uint64), gap)
        out[start:stop] = np.where(up, xu + step_u, xu - step_u).view(source.dtype)
    if missing is None:
        return None
    gone = missing[plan.sources]
    x_gone, z_gone = gone[plan.base_local], gone[plan.neighbor_local]
    out[x_gone] = source[plan.neighbor_local[x_gone]]  # the present end's value
    out[z_gone] = source[plan.base_local[z_gone]]
    both: np.ndarray = x_gone & z_gone
    return both


def _missing_out(missing: np.ndarray | None, plan: SmotePlan) -> np.ndarray | None:
    if missing is None:
        return None
    gone = missing[plan.sources]
    both: np.ndarray = gone[plan.base_local] & gone[plan.neighbor_local]
    return both


def fill_missing_ends(
    source: np.ndarray, plan: SmotePlan, out: np.ndarray, start: int, stop: int
) -> None:
    """Give the synthetic rows ``start:stop`` the present end's value where one end is NaN.

    ``source`` holds the plan's source rows (1-D, or 2-D with a column per feature) and
    ``out[start:stop]`` their interpolated values: NaN exactly where an end is NaN (inputs
    are finite or NaN). Where both ends are NaN the value stays NaN. Costs one ``isnan``
    pass when nothing is missing.

    Examples
    --------
    >>> plan = SmotePlan(np.arange(2), np.array([0]), np.array([1]), np.array([0.5]),
    ...                  np.zeros(1, np.int32), np.zeros((2, 1), np.int32))
    >>> out = np.array([np.nan])
    >>> fill_missing_ends(np.array([np.nan, 4.0]), plan, out, 0, 1)
    >>> out.tolist()
    [4.0]
    """
    block = out[start:stop]
    gone = np.isnan(block)
    if not gone.any():
        return
    rows, *cols = np.nonzero(gone)
    base = plan.base_local[start:stop][rows]
    neighbor = plan.neighbor_local[start:stop][rows]
    x, z = source[(base, *cols)], source[(neighbor, *cols)]
    block[gone] = np.where(np.isnan(x), z, x)


#: Synthetic rows per block of :func:`interpolate_rows_into` (a few hundred KiB per array).
ROW_BLOCK = 1024
#: Worker threads of the generation (numpy releases the GIL in gathers and arithmetic).
GENERATION_THREADS = 2
#: Synthetic values (rows x columns) below which generation stays on the calling thread:
#: handing a few blocks to the pool costs more than it saves (and, on a busy machine,
#: waiting for a woken thread can take milliseconds).
THREADED_MIN_ENTRIES = 1 << 18


def interpolate_rows_into(
    source: np.ndarray, plan: SmotePlan, out: np.ndarray, *, n_threads: int | None = None
) -> None:
    """Write the synthetic values of several float columns of one dtype at once.

    ``source`` holds the plan's source rows of every column, row-major (``(r, g)``, C
    order, the columns' dtype); ``out`` is the ``(s, g)`` destination (any layout, e.g. the
    tail of a column-major block). Each block of synthetic rows gathers whole base and
    neighbour rows (one contiguous copy per row instead of one gather per column), then
    computes ``x + lam * (z - x)`` exactly as :func:`interpolate_into` does (same
    operations, same precision: the same bits), in ``n_threads`` threads.

    Examples
    --------
    >>> plan = SmotePlan(np.arange(2), np.array([0, 1]), np.array([1, 0]),
    ...                  np.array([0.5, 0.25]), np.zeros(2, np.int32), np.zeros((2, 1), np.int32))
    >>> out = np.empty((2, 2))
    >>> interpolate_rows_into(np.array([[0.0, 10.0], [4.0, 20.0]]), plan, out)
    >>> out.tolist()
    [[2.0, 15.0], [3.0, 17.5]]
    """
    s = plan.n_synthetic
    if s == 0 or source.shape[1] == 0:
        return
    lam = plan.lam.astype(source.dtype, copy=False)
    base, neighbor = plan.base_local, plan.neighbor_local
    has_nan = bool(np.isnan(source).any())

    def block(start: int) -> None:
        stop = min(s, start + ROW_BLOCK)
        x = source.take(base[start:stop], axis=0)
        z = source.take(neighbor[start:stop], axis=0)
        np.subtract(z, x, out=z)
        np.multiply(z, lam[start:stop, None], out=z)
        np.add(x, z, out=x)
        if has_nan:  # missing="ignore": the present end where one end is NaN
            ends = SmotePlan(plan.sources, base[start:stop], neighbor[start:stop],
                             plan.lam, plan.class_code, plan.neighbors_local)
            fill_missing_ends(source, ends, x, 0, stop - start)
        out[start:stop] = x

    starts = range(0, s, ROW_BLOCK)
    threads = GENERATION_THREADS if n_threads is None else n_threads
    if threads <= 1 or len(starts) < 4 or s * source.shape[1] < THREADED_MIN_ENTRIES:
        for start in starts:
            block(start)
        return
    # contiguous stretches per task: each thread writes its own part of every column
    stretch = -(-len(starts) // (4 * threads)) * ROW_BLOCK

    def run(first: int) -> None:
        for start in range(first, min(s, first + stretch), ROW_BLOCK):
            block(start)

    run_threads(run, range(0, s, stretch), threads)


#: Up to this many levels, votes are tallied in a rows x levels table (fastest); above it,
#: votes are compared among the k neighbours (k x k per row, whatever the levels).
TALLY_MAX_LEVELS = 64


def most_common_into(
    categories: np.ndarray,
    plan: SmotePlan,
    out: np.ndarray,
    rng: np.random.Generator,
) -> None:
    """Write, for each synthetic row, the category most common among its base's neighbours.

    ``categories`` are integer codes ``0..L-1`` of one categorical column; ties are broken
    uniformly at random. A missing value (code -1, ``missing="ignore"``) casts no vote; a
    row whose neighbours are all missing gets -1 (missing). Without -1 codes the draws are
    those of a column without missing values. Work and memory are per synthetic row: ``L``
    with few levels, ``k**2`` with many (an ID-like column), never rows x levels.
    """
    n_levels = int(categories.max()) + 1 if len(categories) else 1
    n_levels = max(n_levels, 1)
    source = categories[plan.sources]
    has_missing = bool((source < 0).any())
    k = plan.neighbors_local.shape[1]
    width = n_levels if n_levels <= TALLY_MAX_LEVELS else k * k
    block = max(1, min(GENERATION_ROWS, (1 << 22) // width))
    for start, stop in chunks(plan.n_synthetic, block):
        votes = source[plan.neighbors_local[plan.base_local[start:stop]]]  # (rows, k)
        if n_levels <= TALLY_MAX_LEVELS:
            out[start:stop] = _mode_by_tally(votes, n_levels, rng)
        else:
            out[start:stop] = _mode_by_comparison(votes, rng)
        if has_missing:
            out[start:stop][(votes < 0).all(axis=1)] = -1


def _mode_by_tally(votes: np.ndarray, n_levels: int, rng: np.random.Generator) -> np.ndarray:
    rows, k = votes.shape
    width = n_levels + 1  # a last column for missing votes (-1), dropped
    flat = (np.arange(rows)[:, None] * width + np.where(votes < 0, n_levels, votes)).ravel()
    tally = np.bincount(flat, minlength=rows * width).reshape(rows, width)[:, :n_levels]
    jitter = rng.random((rows, n_levels)) * (0.5 / k)  # < 1 vote: only breaks ties
    mode: np.ndarray = np.argmax(tally + jitter, axis=1)
    return mode


def _mode_by_comparison(votes: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Return the most common vote of each row: each vote scored by how often it occurs.

    Tied values occur equally often, so each holds equally many of the jittered positions
    and wins with equal probability.
    """
    rows, k = votes.shape
    occurs = (votes[:, :, None] == votes[:, None, :]).sum(axis=2)  # (rows, k)
    occurs[votes < 0] = -1  # a missing value is no vote: any present vote wins
    jitter = rng.random((rows, k)) * 0.5  # < 1 occurrence: only breaks ties
    pick = np.argmax(occurs + jitter, axis=1)
    mode: np.ndarray = votes[np.arange(rows), pick]
    return mode
