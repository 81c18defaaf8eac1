"""Random under-sampling: an exact-size uniform subset of each targeted class."""

from __future__ import annotations

import numpy as np

from pd_imbalance._core.labels import chunks
from pd_imbalance._core.plan import ResamplePlan


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
    class is kept whole. Memory stays near one boolean per row: class positions are walked in
    blocks instead of being materialised for the whole column.

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
    reduced = np.flatnonzero(final_counts < counts)
    draws = {
        int(c): np.sort(rng.choice(int(counts[c]), size=int(final_counts[c]), replace=replacement))
        for c in reduced
    }
    kept_whole = np.zeros(len(counts) + 1, dtype=bool)  # last slot: code -1
    kept_whole[: len(counts)] = final_counts >= counts

    mask = np.zeros(len(codes), dtype=bool)
    repeated: list[np.ndarray] = []
    seen = dict.fromkeys(draws, 0)  # rows of each reduced class met in earlier blocks
    for start, stop in chunks(len(codes)):
        block = codes[start:stop]
        mask[start:stop] = kept_whole[block]
        for c, ranks in draws.items():
            positions = np.flatnonzero(block == c)
            lo, hi = np.searchsorted(ranks, [seen[c], seen[c] + len(positions)])
            picked = positions[ranks[lo:hi] - seen[c]] + start
            if replacement:
                repeated.append(picked)
            else:
                mask[picked] = True
            seen[c] += len(positions)

    kept = np.flatnonzero(mask)
    if replacement and repeated:
        kept = np.sort(np.concatenate([kept, *repeated]), kind="stable")
    return ResamplePlan(kept=kept, final_counts=final_counts)
