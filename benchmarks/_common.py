"""Shared helpers of the pd_imbalance benchmarks: data, timing, peak memory.

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


def parse_args(
    description: str,
    argv: Sequence[str] | None = None,
    *,
    default_rows: int = DEFAULT_ROWS,
    min_rows: int = 100,
    rows_help: str = "rows of data",
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None,
) -> argparse.Namespace:
    """Parse ``--rows`` and ``--repeats`` (and a script's own options, via ``add_arguments``)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--rows", type=int, default=default_rows, help=f"{rows_help} (default {default_rows:_})"
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=DEFAULT_REPEATS,
        help=f"timed repeats after one warm-up; the best is kept (default {DEFAULT_REPEATS})",
    )
    if add_arguments is not None:
        add_arguments(parser)
    args = parser.parse_args(argv)
    if args.rows < min_rows:
        parser.error(f"--rows must be at least {min_rows}")
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
    n: int,
    shares: Sequence[float],
    n_features: int = N_FEATURES,
    seed: int = 0,
    dtype: type[np.floating[Any]] = np.float64,
) -> pd.DataFrame:
    """Return ``n`` rows of ``n_features`` float columns ``f0..`` plus the int64 label ``y``.

    Features are standard normal draws of ``numpy.random.default_rng(seed)`` (float64, then
    cast to ``dtype``: the float32 frame holds the float64 frame's values, rounded); the
    labels are :func:`make_labels`. The features form one float block, the label an int64
    block (the layout of a frame read from a file and consolidated).
    """
    rng = np.random.default_rng(seed)
    columns = [f"f{i}" for i in range(n_features)]
    # Drawn as (features, rows) so that each column is contiguous, as after a file read.
    values = rng.standard_normal((n_features, n)).astype(dtype, copy=False)
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


def timed_runs(
    fn: Callable[[], Any], repeats: int, once_above: float | None = None
) -> tuple[float, int]:
    """Return the best wall time of up to ``repeats`` calls of ``fn`` and the calls timed.

    No warm-up: call ``fn`` once beforehand. With ``once_above`` (seconds), stop after the
    first call if it took longer than that (a slow reference is then timed once).
    """
    best, runs = float("inf"), 0
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        del result
        best, runs = min(best, elapsed), runs + 1
        if once_above is not None and elapsed > once_above:
            break
    gc.collect()
    return best, runs


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
    case: str, ours: float, ref_name: str, ref: float, target: Target, ref_note: str = ""
) -> tuple[str, bool]:
    """Format one timing result line; also return whether the target passed.

    ``ref_note`` (e.g. ``"timed once"``) is printed in parentheses after the reference's time.
    """
    ratio = ours / ref
    verdict = target.verdict(ratio)
    note = f" ({ref_note})" if ref_note else ""
    line = (
        f"{case}: ours {ours:.3f} s, {ref_name} {ref:.3f} s{note}, ratio {ratio:.3f}x "
        f"(target <= {target.limit:g}x) {verdict}"
    )
    return line, verdict == "PASS"


def mb(nbytes: float) -> str:
    return f"{nbytes / 2**20:.1f} MiB"


def memory_line(
    case: str,
    input_nbytes: int,
    ours: int,
    ref_name: str,
    ref: int,
    target: Target,
    base: str = "input",
) -> tuple[str, bool]:
    """Format one peak-memory line (peaks relative to a size); return whether it passed.

    ``input_nbytes`` is the size the peaks are divided by, named ``base`` in the line (the
    input frame by default; e.g. ``"output"`` for a call whose result outgrows its input).
    """
    ours_ratio, ref_ratio = ours / input_nbytes, ref / input_nbytes
    verdict = target.verdict(ours_ratio)
    line = (
        f"{case} memory: ours peak {ours_ratio:.3f}x {base} ({mb(ours)}), "
        f"{ref_name} peak {ref_ratio:.3f}x {base} ({mb(ref)}), {base} {mb(input_nbytes)} "
        f"(target ours <= {target.limit:g}x {base}) {verdict}"
    )
    return line, verdict == "PASS"


def summary(results: Sequence[bool]) -> str:
    passed = sum(results)
    return f"{passed}/{len(results)} targets passed"


def run_layouts(
    doc: str, name: str, run_case: Callable[[str, int, int], list[bool]], argv: list[str] | None
) -> int:
    """Parse the options, run ``run_case`` for every label layout, print the summary."""
    args = parse_args(doc.splitlines()[0], argv)
    results: list[bool] = []
    for layout in SHARES:
        results += run_case(layout, args.rows, args.repeats)
        gc.collect()  # free the case's frames before building the next
    print(f"{name}: {summary(results)}", flush=True)
    return 0


def add_case_option(cases: Sequence[str]) -> Callable[[argparse.ArgumentParser], None]:
    """Return an ``add_arguments`` for :func:`parse_args` that adds ``--cases A,B,...``."""

    def case_list(text: str) -> list[str]:
        names = [name.strip().upper() for name in text.split(",") if name.strip()]
        unknown = [name for name in names if name not in cases]
        if unknown or not names:
            raise argparse.ArgumentTypeError(
                f"unknown case(s) {unknown or text!r}; choose from {','.join(cases)}"
            )
        return names

    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--cases",
            type=case_list,
            default=list(cases),
            help=f"comma-separated cases to run (default {','.join(cases)})",
        )

    return add_arguments


def median_time(fn: Callable[[], Any], calls: int) -> float:
    """Return the median wall time of ``calls`` calls of ``fn`` (no warm-up: call it first).

    For small inputs, where one call takes milliseconds and the best of a few would mostly
    measure luck; no ``gc.collect()`` between calls (as in a cross-validation loop).
    """
    times = np.empty(calls, dtype=np.float64)
    for i in range(calls):
        start = time.perf_counter()
        result = fn()
        times[i] = time.perf_counter() - start
        del result
    gc.collect()
    return float(np.median(times))


def seconds(t: float) -> str:
    """Return a time as ``0.123 s`` or, below 0.1 s, ``12.3 ms``."""
    return f"{t:.3f} s" if t >= 0.1 else f"{t * 1e3:.2f} ms"
