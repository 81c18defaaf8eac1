"""Shared helpers of the pd_imbalance benchmarks (SPEC §9): data, timing, peak memory.

Every ratio is measured in one process, ours against a reference, on the same data:

* time: one warm-up call (which also pays lazy imports such as pandera's), then the best of
  ``repeats`` calls timed with :func:`time.perf_counter`;
* memory: the tracemalloc peak of one call, i.e. the largest amount allocated *above* what
  existed before the call (the input frame). numpy data buffers and pandas hash tables report
  to tracemalloc, so this covers the arrays and frames that a call builds. Memory is measured
  in separate calls after the timing, because tracing slows allocation down.
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

DEFAULT_ROWS = 10_000_000
DEFAULT_REPEATS = 3
N_FEATURES = 10
LABEL = "y"

#: Class shares of the two label layouts used by the benchmarks.
SHARES = {
    "binary": (0.99, 0.01),
    "5-class": (0.40, 0.30, 0.20, 0.09, 0.01),
}


def parse_args(description: str, argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--rows", type=int, default=DEFAULT_ROWS, help=f"rows of data (default {DEFAULT_ROWS:_})"
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=DEFAULT_REPEATS,
        help=f"timed repeats after one warm-up; the best is kept (default {DEFAULT_REPEATS})",
    )
    args = parser.parse_args(argv)
    if args.rows < 100:
        parser.error("--rows must be at least 100")
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    return args


def human_rows(n: int) -> str:
    """Return ``10M``, ``20k`` or ``1234``: the row count as printed in result lines."""
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if n >= size and n % size == 0:
            return f"{n // size}{suffix}"
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f}M"
    return str(n)


def make_labels(n: int, shares: Sequence[float], seed: int = 0) -> np.ndarray:
    """Return ``n`` int64 labels ``0..K-1`` with exactly the given class shares, shuffled.

    Class ``k`` gets ``floor(shares[k] * n)`` rows; the rounding remainder goes to class 0
    (the largest). ``numpy.random.default_rng(seed)`` does the shuffle.
    """
    counts = np.floor(np.asarray(shares, dtype=np.float64) * n).astype(np.int64)
    counts[0] += n - counts.sum()
    if (counts < 1).any():
        raise ValueError(f"{n} rows are too few for class shares {tuple(shares)}")
    rng = np.random.default_rng(seed)
    return rng.permutation(np.repeat(np.arange(len(counts), dtype=np.int64), counts))


def make_frame(
    n: int, shares: Sequence[float], n_features: int = N_FEATURES, seed: int = 0
) -> pd.DataFrame:
    """Return ``n`` rows of ``n_features`` float64 columns ``f0..`` plus the int64 label ``y``.

    Features are standard normal draws of ``numpy.random.default_rng(seed)``; the labels are
    :func:`make_labels`. The features form one float64 block, the label an int64 block (the
    layout of a frame read from a file and consolidated).
    """
    rng = np.random.default_rng(seed)
    columns = [f"f{i}" for i in range(n_features)]
    # Drawn as (features, rows) so that each column is contiguous, as after a file read.
    values = rng.standard_normal((n_features, n))
    df = pd.DataFrame(values.T, columns=columns, copy=False)
    df[LABEL] = make_labels(n, shares, seed)
    return df


def frame_nbytes(*objects: pd.DataFrame | pd.Series | np.ndarray) -> int:
    """Return the bytes held by frames, series (with their index) and arrays."""
    total = 0
    for obj in objects:
        if isinstance(obj, pd.DataFrame):
            total += int(obj.memory_usage(index=True, deep=True).sum())
        elif isinstance(obj, pd.Series):
            total += int(obj.memory_usage(index=True, deep=True))
        else:
            total += int(obj.nbytes)
    return total


def best_time(fn: Callable[[], Any], repeats: int) -> float:
    """Call ``fn`` once to warm up, then return the best wall time of ``repeats`` calls."""
    fn()
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        del result
        best = min(best, elapsed)
    gc.collect()
    return best


def traced_peak(fn: Callable[[], Any]) -> int:
    """Return the tracemalloc peak (bytes) of one call of ``fn``, its result included.

    Only allocations made during the call count, so memory that already existed (the input)
    is excluded; call ``fn`` once beforehand so that lazy imports are not counted.
    """
    gc.collect()
    if tracemalloc.is_tracing():
        tracemalloc.stop()
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
        del result
    finally:
        tracemalloc.stop()
    gc.collect()
    return int(peak)


@dataclass(frozen=True)
class Target:
    """A ratio target: ``ratio <= limit`` passes."""

    limit: float

    def verdict(self, ratio: float) -> str:
        return "PASS" if ratio <= self.limit else "FAIL"


def time_line(
    case: str, ours: float, ref_name: str, ref: float, target: Target
) -> tuple[str, bool]:
    """Format one timing result line; also return whether the target passed."""
    ratio = ours / ref
    verdict = target.verdict(ratio)
    line = (
        f"{case}: ours {ours:.3f} s, {ref_name} {ref:.3f} s, ratio {ratio:.3f}x "
        f"(target <= {target.limit:g}x) {verdict}"
    )
    return line, verdict == "PASS"


def mb(nbytes: float) -> str:
    return f"{nbytes / 2**20:.1f} MiB"


def memory_line(
    case: str, input_nbytes: int, ours: int, ref_name: str, ref: int, target: Target
) -> tuple[str, bool]:
    """Format one peak-memory line (peaks relative to the input); return whether it passed."""
    ours_ratio, ref_ratio = ours / input_nbytes, ref / input_nbytes
    verdict = target.verdict(ours_ratio)
    line = (
        f"{case} memory: ours peak {ours_ratio:.3f}x input ({mb(ours)}), "
        f"{ref_name} peak {ref_ratio:.3f}x input ({mb(ref)}), input {mb(input_nbytes)} "
        f"(target ours <= {target.limit:g}x input) {verdict}"
    )
    return line, verdict == "PASS"


def summary(results: Sequence[bool]) -> str:
    passed = sum(results)
    return f"{passed}/{len(results)} targets passed"
