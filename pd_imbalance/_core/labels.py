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


def remap_codes(codes: np.ndarray, new_code_of: np.ndarray) -> np.ndarray:
    """Return ``new_code_of[codes]`` in the smallest code dtype; ``-1`` (missing) stays ``-1``.

    Works block by block so the only full-size allocation is the compact result.
    """
    lookup = np.append(np.asarray(new_code_of), -1).astype(code_dtype(len(new_code_of)))
    out = np.empty(len(codes), dtype=lookup.dtype)
    for start, stop in chunks(len(codes)):
        out[start:stop] = lookup[codes[start:stop]]  # index -1 picks the trailing -1
    return out


def count_codes(codes: np.ndarray, n_classes: int) -> np.ndarray:
    """Return the number of rows of each class ``0..n_classes-1`` (codes ``-1`` are ignored)."""
    counts = np.zeros(n_classes + 1, dtype=np.int64)
    for start, stop in chunks(len(codes)):
        counts += np.bincount(codes[start:stop].astype(np.intp) + 1, minlength=n_classes + 1)
    return counts[1:]
