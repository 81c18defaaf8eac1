"""Stratified train/test splits and stratified folds on label codes (numpy only)."""

from __future__ import annotations

import numpy as np


def allocate_test_counts(counts: np.ndarray, n_test: int, rng: np.random.Generator) -> np.ndarray:
    """Split ``n_test`` test rows across classes in proportion to ``counts``.

    Each class gets the floor of its exact share; the rows left over go to the classes with
    the largest remainders (ties broken at random, not by label order). So every class's
    test count is within 1 of ``counts * n_test / n``, and the total is exactly ``n_test``.
    A class never gives all of its rows to the test part when ``n_test < n``; when that
    forces it (a test part so large that some class has no room left), the other classes
    take the rest, and may then be more than one row off their share.

    Examples
    --------
    >>> allocate_test_counts(np.array([91, 9]), 25, np.random.default_rng(0)).tolist()
    [23, 2]
    """
    counts = np.asarray(counts, dtype=np.int64)
    n = int(counts.sum())
    exact = counts * (n_test / n)
    keep_one = int(n_test < n)  # keep at least one training row per class
    out: np.ndarray = np.minimum(np.floor(exact).astype(np.int64), counts - keep_one)
    tie_break = rng.random(len(counts)) * 1e-9
    left = n_test - int(out.sum())
    while left > 0:  # one pass suffices unless classes run out of room (tiny train parts)
        room = out < counts - keep_one
        if not room.any():
            break
        remainder = np.where(room, exact - out + tie_break, -np.inf)
        order = np.argsort(-remainder, kind="stable")[: min(left, int(room.sum()))]
        out[order] += 1
        left -= len(order)
    return out


def stratified_folds(codes: np.ndarray, n_splits: int, rng: np.random.Generator) -> np.ndarray:
    """Assign each row a fold ``0..n_splits-1`` so every class spreads evenly over the folds.

    Rows of each class are shuffled, then dealt round-robin starting where the previous class
    stopped, so per-class fold counts differ by at most 1 and fold sizes by at most 1.

    Examples
    --------
    >>> folds = stratified_folds(np.array([0] * 6 + [1] * 3), 3, np.random.default_rng(0))
    >>> np.bincount(folds[:6]).tolist(), np.bincount(folds[6:]).tolist()
    ([2, 2, 2], [1, 1, 1])
    """
    n = len(codes)
    order = np.lexsort((rng.random(n), codes))  # grouped by class, random within a class
    sorted_codes = codes[order]
    counts = np.bincount(sorted_codes)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    rank = np.arange(n) - starts[sorted_codes]
    offset = starts % n_splits  # continue the deal where the previous class stopped
    folds = np.empty(n, dtype=np.int64)
    folds[order] = (rank + offset[sorted_codes]) % n_splits
    return folds
