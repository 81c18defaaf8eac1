"""Chunked operations on label codes, so that 10M-row labels never need extra full copies."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

CHUNK_ROWS = 1 << 20


def code_dtype(n_classes: int) -> np.dtype:
    """Return the smallest signed integer dtype able to hold codes ``-1..n_classes-1``."""
    for dtype in (np.int8, np.int16, np.int32):
        if n_classes <= np.iinfo(dtype).max:
            return np.dtype(dtype)
    return np.dtype(np.int64)


def chunks(n: int, size: int = CHUNK_ROWS) -> Iterator[tuple[int, int]]:
    """Yield ``(start, stop)`` bounds covering ``range(n)`` in blocks of ``size`` rows."""
    for start in range(0, n, size):
        yield start, min(start + size, n)


def count_small_range_ints(
    values: np.ndarray, max_span: int = 1 << 20
) -> tuple[np.ndarray, np.ndarray] | None:
    """Return the sorted distinct integers of ``values`` and their counts, or None.

    Counts ``value - min`` with ``bincount`` block by block (no hash table, memory O(span));
    gives up (None) when the values span ``max_span`` or more.

    Examples
    --------
    >>> classes, counts = count_small_range_ints(np.array([7, 5, 7, 7]))
    >>> classes.tolist(), counts.tolist()
    ([5, 7], [1, 3])
    """
    low, high = int(values.min()), int(values.max())
    if high - low >= max_span or high > np.iinfo(np.int64).max:
        return None
    tally = np.zeros(high - low + 1, dtype=np.int64)
    for start, stop in chunks(len(values)):
        tally += np.bincount(values[start:stop].astype(np.int64) - low, minlength=len(tally))
    present = np.flatnonzero(tally)
    return (present + low).astype(values.dtype), tally[present]


def codes_from_sorted_ints(values: np.ndarray, classes: np.ndarray) -> np.ndarray | None:
    """Return compact codes of integer ``values`` given their sorted distinct ``classes``.

    A lookup table indexed by ``value - min`` replaces hashing; returns None when the values
    span too wide a range for a small table (the caller then factorizes).
    """
    low, high = int(classes[0]), int(classes[-1])
    if high - low >= 1 << 20:
        return None
    lookup = np.full(high - low + 1, -1, dtype=code_dtype(len(classes)))
    lookup[classes.astype(np.int64) - low] = np.arange(len(classes))
    out = np.empty(len(values), dtype=lookup.dtype)
    for start, stop in chunks(len(values)):
        out[start:stop] = lookup[values[start:stop].astype(np.int64) - low]
    return out


def remap_codes(codes: np.ndarray, new_code_of: np.ndarray) -> np.ndarray:
    """Return ``new_code_of[codes]`` in the smallest code dtype; ``-1`` (missing) stays ``-1``.

    Works block by block so the only full-size allocation is the compact result.
    """
    lookup = np.append(np.asarray(new_code_of), -1).astype(code_dtype(len(new_code_of)))
    out = np.empty(len(codes), dtype=lookup.dtype)
    for start, stop in chunks(len(codes)):
        out[start:stop] = lookup[codes[start:stop]]  # index -1 picks the trailing -1
    return out


#: Up to this many classes, one vectorised comparison per class beats ``bincount`` (which
#: would first widen the compact codes to intp).
FEW_CLASSES = 16


def count_codes(codes: np.ndarray, n_classes: int) -> np.ndarray:
    """Return the number of rows of each class ``0..n_classes-1`` (codes ``-1`` are ignored)."""
    if n_classes <= FEW_CLASSES:
        return np.array([np.count_nonzero(codes == c) for c in range(n_classes)], dtype=np.int64)
    counts = np.zeros(n_classes + 1, dtype=np.int64)
    for start, stop in chunks(len(codes)):
        counts += np.bincount(codes[start:stop].astype(np.intp) + 1, minlength=n_classes + 1)
    return counts[1:]
