"""Chunked operations on label codes, so that 10M-row labels never need extra full copies."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

CHUNK_ROWS = 1 << 20
_INT64_MAX = int(np.iinfo(np.int64).max)


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


def _offsets(block: np.ndarray, low: int) -> np.ndarray:
    """Return ``block - low`` as intp (what ``bincount`` and indexing take), in one pass.

    No copy at all when ``low`` is 0 and ``block`` is already intp (labels ``0..K-1``).
    """
    if low == 0 and block.dtype == np.intp:
        return block
    shifted: np.ndarray = np.subtract(block, low, dtype=np.intp, casting="unsafe")
    return shifted


def _int_range(values: np.ndarray, max_span: int) -> tuple[int, int] | None:
    """Return ``(min, max)`` of integer ``values`` if they span fewer than ``max_span``."""
    low, high = int(values.min()), int(values.max())
    if high - low >= max_span or high > _INT64_MAX:
        return None
    return low, high


#: Up to this many distinct values in the range, counting compares with each value:
#: ``bincount`` slows down when most rows fall into one bin (every increment waits for the
#: previous one), which is the imbalanced case: 38 ms against 12 ms on 10M binary labels.
FEW_VALUES = 4


def _tally(values: np.ndarray, low: int, span: int) -> np.ndarray:
    """Return how many of ``values`` equal ``low``, ``low + 1``, ..., ``low + span - 1``.

    ``values`` all lie in that range.
    """
    if span <= FEW_VALUES:
        found = [np.count_nonzero(values == low + i) for i in range(span - 1)]
        return np.array([*found, len(values) - sum(found)], dtype=np.int64)
    tally = np.zeros(span, dtype=np.int64)
    for start, stop in chunks(len(values)):
        tally += np.bincount(_offsets(values[start:stop], low), minlength=span)
    return tally


def count_small_range_ints(
    values: np.ndarray, max_span: int = 1 << 20
) -> tuple[np.ndarray, np.ndarray] | None:
    """Return the sorted distinct integers of ``values`` and their counts, or None.

    Counts ``value - min`` with ``bincount`` block by block, or by comparisons when the
    range holds at most :data:`FEW_VALUES` values (no hash table, memory O(span)); gives up
    (None) when the values span ``max_span`` or more.

    Examples
    --------
    >>> classes, counts = count_small_range_ints(np.array([7, 5, 7, 7]))
    >>> classes.tolist(), counts.tolist()
    ([5, 7], [1, 3])
    """
    bounds = _int_range(values, max_span)
    if bounds is None:
        return None
    low, high = bounds
    tally = _tally(values, low, high - low + 1)
    present = np.flatnonzero(tally)
    return (present + low).astype(values.dtype), tally[present]


def small_range_codes(
    values: np.ndarray, max_span: int = 1 << 20
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Return the sorted distinct integers of ``values``, their counts and compact codes.

    :func:`count_small_range_ints` and :func:`codes_from_sorted_ints` in one call: a
    lookup table indexed by ``value - min`` replaces hashing. When the values fit in one
    block (a small call) their offsets are computed once and serve both passes. None when
    the values span ``max_span`` or more (the caller then factorizes).

    Examples
    --------
    >>> classes, counts, codes = small_range_codes(np.array([7, 5, 7, 7]))
    >>> classes.tolist(), counts.tolist(), codes.tolist(), codes.dtype.name
    ([5, 7], [1, 3], [1, 0, 1, 1], 'int8')
    """
    bounds = _int_range(values, max_span)
    if bounds is None:
        return None
    low, high = bounds
    span = high - low + 1
    one_block = len(values) <= CHUNK_ROWS
    offsets = _offsets(values, low) if one_block else None
    if offsets is not None and span > FEW_VALUES:
        tally = np.bincount(offsets, minlength=span)
    else:
        tally = _tally(values, low, span)
    present = np.flatnonzero(tally)
    lookup = np.full(span, -1, dtype=code_dtype(len(present)))
    lookup[present] = np.arange(len(present))
    if offsets is not None:
        codes = lookup[offsets]
    else:
        codes = np.empty(len(values), dtype=lookup.dtype)
        for start, stop in chunks(len(values)):
            codes[start:stop] = lookup[_offsets(values[start:stop], low)]
    classes = (present + low).astype(values.dtype)
    return classes, tally[present].astype(np.int64, copy=False), codes


def codes_from_sorted_ints(values: np.ndarray, classes: np.ndarray) -> np.ndarray | None:
    """Return compact codes of integer ``values`` given their sorted distinct ``classes``.

    A lookup table indexed by ``value - min`` replaces hashing; returns None when the values
    span too wide a range for a small table (the caller then factorizes).
    """
    low, high = int(classes[0]), int(classes[-1])
    if high - low >= 1 << 20:
        return None
    lookup = np.full(high - low + 1, -1, dtype=code_dtype(len(classes)))
    lookup[_offsets(classes, low)] = np.arange(len(classes))
    out = np.empty(len(values), dtype=lookup.dtype)
    for start, stop in chunks(len(values)):
        out[start:stop] = lookup[_offsets(values[start:stop], low)]
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
