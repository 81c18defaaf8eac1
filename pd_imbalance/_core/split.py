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


def group_table(
    codes: np.ndarray, group_codes: np.ndarray, n_classes: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the (group, class, rows) triples of the groups' class counts, sorted by group.

    Sparse: one triple per class present in a group, so many groups and many classes cost
    no more than the rows.

    Examples
    --------
    >>> group_table(np.array([0, 1, 1, 0]), np.array([0, 0, 1, 1]), 2)
    (array([0, 0, 1, 1]), array([0, 1, 0, 1]), array([1, 1, 1, 1]))
    """
    keys = group_codes.astype(np.int64) * n_classes + codes
    unique, rows = np.unique(keys, return_counts=True)
    return unique // n_classes, unique % n_classes, rows.astype(np.int64)


def grouped_parts(
    codes: np.ndarray,
    group_codes: np.ndarray,
    fractions: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Assign every group to one part so each class spreads over the parts as ``fractions``.

    A deterministic greedy rule, vectorised within a class: each group is filed under its
    *primary* class (the class it holds the largest share of, relative to the class's size).
    Classes are handled from the rarest to the most common. For a class, its groups are
    put in a seeded random order and laid end to end on a line, each as long as its rows
    of that class; the line is cut into the parts in proportion to how far each part still
    is below its target for the class (targets: ``fractions`` of the class's rows, minus
    what the groups of rarer primary classes already brought), and each group goes to the
    part holding its midpoint. The common classes, handled last, so correct the shares the
    mixed groups of the rarer classes disturbed. A part's share of a class is off by at
    most about one group's rows of that class, for the class the group is filed under.

    Parameters
    ----------
    codes : ndarray of int
        Class code of each row, ``0..K-1``.
    group_codes : ndarray of int
        Group code of each row, ``0..G-1`` (every code used).
    fractions : ndarray of float
        Target share of each part (sums to 1).
    rng : numpy.random.Generator
        The seeded stream (the group order and the order of the parts on the line).

    Returns
    -------
    ndarray of int64
        The part of each group (length ``G``).

    Examples
    --------
    >>> codes = np.array([0] * 8 + [1] * 4)
    >>> groups = np.repeat(np.arange(6), 2)
    >>> parts = grouped_parts(codes, groups, np.array([0.5, 0.5]), np.random.default_rng(0))
    >>> np.bincount(parts[groups] * 2 + codes, minlength=4).reshape(2, 2).tolist()
    [[4, 2], [4, 2]]
    """
    n_parts = len(fractions)
    n_classes = int(codes.max()) + 1 if len(codes) else 1
    n_groups = int(group_codes.max()) + 1 if len(group_codes) else 0
    pair_group, pair_class, pair_rows = group_table(codes, group_codes, n_classes)
    class_rows = np.bincount(codes, minlength=n_classes).astype(np.float64)
    relative = pair_rows / class_rows[pair_class]
    # the primary pair of each group: the largest relative share (pairs are sorted by group)
    best = np.lexsort((-relative, pair_group))
    first = np.r_[True, pair_group[best][1:] != pair_group[best][:-1]]
    primary_pair = best[first]  # one per group, in group order
    primary = pair_class[primary_pair]
    weight = pair_rows[primary_pair].astype(np.float64)
    target = np.asarray(fractions, dtype=np.float64)[:, None] * class_rows[None, :]
    assigned = np.zeros((n_parts, n_classes))
    part_of_group = np.empty(n_groups, dtype=np.int64)
    # groups by primary class, in random order within a class
    group_order = np.lexsort((rng.random(n_groups), primary))
    class_starts = np.searchsorted(primary[group_order], np.arange(n_classes + 1))
    pair_starts = np.searchsorted(pair_group, np.arange(n_groups + 1))
    for c in np.argsort(class_rows, kind="stable"):  # the rarest class first
        chosen = group_order[class_starts[c] : class_starts[c + 1]]
        if not len(chosen):
            continue
        deficit = np.clip(target[:, c] - assigned[:, c], 0.0, None)
        if deficit.sum() <= 0:
            deficit = np.asarray(fractions, dtype=np.float64).copy()
        line = rng.permutation(n_parts)
        cuts = np.cumsum(deficit[line])
        w = weight[chosen]
        middle = (np.cumsum(w) - w / 2) * (cuts[-1] / w.sum())
        slot = np.minimum(np.searchsorted(cuts, middle, side="right"), n_parts - 1)
        part_of_group[chosen] = line[slot]
        # every class of the chosen groups counts towards its part
        lengths = pair_starts[chosen + 1] - pair_starts[chosen]
        pairs = np.repeat(pair_starts[chosen], lengths) + _ranks(lengths)
        np.add.at(
            assigned,
            (part_of_group[pair_group[pairs]], pair_class[pairs]),
            pair_rows[pairs],
        )
    return _improve(part_of_group, pair_group, pair_class, pair_rows, class_rows, fractions)


#: At most this many single-group moves polish a grouped assignment.
MAX_MOVES = 200


def _improve(
    part_of_group: np.ndarray,
    pair_group: np.ndarray,
    pair_class: np.ndarray,
    pair_rows: np.ndarray,
    class_rows: np.ndarray,
    fractions: np.ndarray,
) -> np.ndarray:
    """Move single groups between parts while a move lowers the squared share error.

    The error of part ``f`` for class ``c`` is its share of the class's rows minus the
    target share; a move of group ``g`` from ``a`` to ``b`` changes the sum of squared
    errors by ``2 (e_b - e_a) . v_g + 2 |v_g|^2`` (``v_g``: the group's share of each
    class), computed for every group and part at once. The best move is made, up to
    :data:`MAX_MOVES` times; a move that would empty a part is never made.
    """
    part_of_group = part_of_group.copy()
    n_parts, n_classes = len(fractions), len(class_rows)
    n_groups = len(part_of_group)
    v = pair_rows / class_rows[pair_class]
    norm = np.bincount(pair_group, weights=v * v, minlength=n_groups)
    share = np.zeros((n_parts, n_classes))
    np.add.at(share, (part_of_group[pair_group], pair_class), v)
    error = share - np.asarray(fractions, dtype=np.float64)[:, None]
    sizes = np.bincount(part_of_group, minlength=n_parts)
    groups = np.arange(n_groups)
    for _ in range(MAX_MOVES):
        # gain[g, b] = sum_c e[b, c] v_gc
        gain = np.stack(
            [np.bincount(pair_group, weights=error[b, pair_class] * v, minlength=n_groups)
             for b in range(n_parts)],
            axis=1,
        )
        own = gain[groups, part_of_group]
        delta = gain - own[:, None] + norm[:, None]
        delta[groups, part_of_group] = np.inf
        delta[sizes[part_of_group] <= 1] = np.inf  # never empty a part
        best = int(np.argmin(delta))
        g, b = divmod(best, n_parts)
        if not delta[g, b] < -1e-12:
            break
        a = int(part_of_group[g])
        pairs = slice(*np.searchsorted(pair_group, [g, g + 1]))
        error[a, pair_class[pairs]] -= v[pairs]
        error[b, pair_class[pairs]] += v[pairs]
        part_of_group[g] = b
        sizes[a] -= 1
        sizes[b] += 1
    return part_of_group


def _ranks(lengths: np.ndarray) -> np.ndarray:
    """``0..n-1`` for each run length ``n``, concatenated."""
    total = int(lengths.sum())
    starts = np.cumsum(lengths) - lengths
    out: np.ndarray = np.arange(total) - np.repeat(starts, lengths)
    return out


def time_boundaries(sorted_times: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Move each cut position back to the first row of its timestamp (ties go to the later part).

    ``sorted_times`` are the rows' times in ascending order; a cut at position ``p`` puts rows
    ``< p`` in the earlier part. Rows that share the timestamp at the cut all go to the later
    part, so every row of the later part is at least as late as every row of the earlier.

    Examples
    --------
    >>> time_boundaries(np.array([1, 2, 2, 2, 3]), np.array([2, 4])).tolist()
    [1, 4]
    """
    positions = np.asarray(positions, dtype=np.int64)
    inside = positions < len(sorted_times)
    out = positions.copy()
    out[inside] = np.searchsorted(sorted_times, sorted_times[positions[inside]], side="left")
    return out
