"""Random under-sampling: an exact-size uniform subset of each targeted class."""

from __future__ import annotations

import math

import numpy as np

from pd_imbalance._core.codes import chunks
from pd_imbalance._core.plan import ResamplePlan

#: Rejection sampling is used for a class when it needs at most this many random draws per
#: row of the whole column; otherwise the class's positions are walked block by block.
REJECTION_MAX_DRAWS_PER_ROW = 0.25


def _expected_draws(n: int, count: int, keep: int, replacement: bool) -> float:
    if replacement:
        return keep * n / count
    return n * math.log(count / (count - keep)) if keep < count else math.inf


def _draw_by_rejection(
    codes: np.ndarray,
    c: int,
    count: int,
    keep: int,
    rng: np.random.Generator,
    taken: np.ndarray,
    replacement: bool,
) -> np.ndarray:
    """Draw ``keep`` rows of class ``c`` by drawing rows of the whole column uniformly.

    With replacement every accepted draw is uniform over the class's rows. Without, the
    distinct rows a batch hits are, by symmetry, a uniform subset of the class's rows not yet
    taken; keeping a uniform random part of them when the batch hit more than needed keeps
    the subset uniform. Costs O(draws), not O(n): ideal for keeping a small part of a large
    class.
    """
    n = len(codes)
    picked: list[np.ndarray] = []
    need = keep
    while need:
        batch = int(need * n / count * 1.1) + 64
        candidates = rng.integers(0, n, size=batch)
        candidates = candidates[codes[candidates] == c]
        if replacement:
            candidates = candidates[:need]  # i.i.d. draws: any `need` of them will do
        else:
            candidates = np.sort(candidates[~taken[candidates]])
            if len(candidates):
                candidates = candidates[np.r_[True, candidates[1:] != candidates[:-1]]]
            if len(candidates) > need:
                candidates = rng.choice(candidates, size=need, replace=False, shuffle=False)
        if not replacement:
            taken[candidates] = True
        picked.append(candidates)
        need -= len(candidates)
    return np.concatenate(picked) if picked else np.empty(0, dtype=np.intp)


def _draw_by_walking(
    codes: np.ndarray,
    c: int,
    count: int,
    keep: int,
    rng: np.random.Generator,
    taken: np.ndarray,
    replacement: bool,
) -> np.ndarray:
    """Draw ``keep`` ranks among the class's rows, then find their positions block by block."""
    ranks = np.sort(rng.choice(count, size=keep, replace=replacement, shuffle=False))
    picked: list[np.ndarray] = []
    seen = 0
    for start, stop in chunks(len(codes)):
        positions = np.flatnonzero(codes[start:stop] == c)
        lo, hi = np.searchsorted(ranks, [seen, seen + len(positions)])
        picked.append(positions[ranks[lo:hi] - seen] + start)
        seen += len(positions)
    out = np.concatenate(picked)
    if not replacement:
        taken[out] = True
    return out


def _draw_by_thinning(
    codes: np.ndarray,
    wanted: dict[int, tuple[int, int]],
    rng: np.random.Generator,
    taken: np.ndarray,
) -> list[int]:
    """Draw exact uniform subsets of several classes in one pass, without replacement.

    Every row of class ``c`` becomes a candidate independently with a probability a little
    above ``keep / count``; given their number, the candidates are a uniform subset, and
    dropping a uniform random few of them leaves a uniform subset of exactly ``keep`` rows.
    One random number per row serves all classes. Returns the classes that (very rarely)
    got too few candidates, for another sampler to handle.
    """
    threshold = np.zeros(int(codes.max()) + 2 if len(codes) else 1, dtype=np.float32)
    for c, (count, keep) in wanted.items():
        share = keep / count
        spare = 5.0 * math.sqrt(count * share * (1.0 - share)) + 16.0
        threshold[c] = min(1.0, (keep + spare) / count)
    hits: list[np.ndarray] = []
    for start, stop in chunks(len(codes)):
        block = codes[start:stop]
        draws = rng.random(stop - start, dtype=np.float32)
        hits.append(np.flatnonzero(draws < threshold[block]) + start)
    candidates = np.concatenate(hits) if hits else np.empty(0, dtype=np.intp)
    candidate_codes = codes[candidates]
    short = []
    for c, (_, keep) in wanted.items():
        mine = candidates[candidate_codes == c]
        if len(mine) < keep:
            short.append(c)
            continue
        drop = rng.choice(len(mine), size=len(mine) - keep, replace=False)
        keep_mask = np.ones(len(mine), dtype=bool)
        keep_mask[drop] = False
        taken[mine[keep_mask]] = True
    return short


def plan_undersample(
    codes: np.ndarray,
    counts: np.ndarray,
    final_counts: np.ndarray,
    rng: np.random.Generator,
    *,
    replacement: bool = False,
) -> ResamplePlan:
    """Choose which rows to keep so that class ``c`` ends with ``final_counts[c]`` rows.

    A class whose final count is below its current count gets a uniform random subset of
    exactly that size (without replacement by default, or drawn with replacement); every other
    class is kept whole. Exact uniform samplers share the work: rejection sampling over the
    whole column when only a small part of a class is kept (cost proportional to the rows
    drawn); otherwise one thinning pass for all such classes (independent candidates, then a
    uniform trim to the exact count), or, with replacement, a walk over the class's positions
    in blocks. Memory stays near one byte per row.

    Parameters
    ----------
    codes : ndarray of int, shape (n,)
        Class code of each row, ``0..K-1``.
    counts : ndarray of int, shape (K,)
        Rows per class (``bincount`` of ``codes``).
    final_counts : ndarray of int, shape (K,)
        Wanted rows per class, each ``<= counts``.
    rng : numpy.random.Generator
        The call's only random stream.
    replacement : bool, default=False
        Draw the subset of reduced classes with replacement.

    Returns
    -------
    ResamplePlan
        ``kept`` holds the chosen positions in ascending order.

    Examples
    --------
    >>> codes = np.array([0, 0, 1, 0, 1, 0])
    >>> plan = plan_undersample(codes, np.array([4, 2]), np.array([2, 2]),
    ...                         np.random.default_rng(0))
    >>> np.bincount(codes[plan.kept]).tolist()
    [2, 2]
    """
    counts = np.asarray(counts, dtype=np.int64)
    final_counts = np.asarray(final_counts, dtype=np.int64)
    n = len(codes)
    taken = np.zeros(n, dtype=bool)
    for c in np.flatnonzero(final_counts >= counts):  # kept whole
        taken |= codes == c
    drawn: list[np.ndarray] = []
    thin: dict[int, tuple[int, int]] = {}
    for c in np.flatnonzero(final_counts < counts):
        count, keep = int(counts[c]), int(final_counts[c])
        if _expected_draws(n, count, keep, replacement) <= REJECTION_MAX_DRAWS_PER_ROW * n:
            drawn.append(_draw_by_rejection(codes, int(c), count, keep, rng, taken, replacement))
        elif replacement:
            drawn.append(_draw_by_walking(codes, int(c), count, keep, rng, taken, replacement))
        else:
            thin[int(c)] = (count, keep)
    if thin:
        for short in _draw_by_thinning(codes, thin, rng, taken):
            count, keep = thin[short]
            drawn.append(_draw_by_walking(codes, short, count, keep, rng, taken, replacement))

    kept = np.flatnonzero(taken)
    if replacement and drawn:
        kept = np.sort(np.concatenate([kept, *drawn]), kind="stable")
    return ResamplePlan(kept=kept, final_counts=final_counts)
