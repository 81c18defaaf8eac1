"""Benchmark: pd_imbalance.smote vs imblearn's SMOTE.

Time: ``smote(df, "y", random_state=0)`` against
``SMOTE(random_state=0).fit_resample(X_df, y)`` (both k_neighbors=5, the minority grown to the
majority's size), standard normal features, int64 0/1 labels:

* A: 1M rows x 20 float64, 1% minority: ours <= 0.15x;
* A2, A5: A with 2 and 5 features (low dimension: the kd-tree / GEMM boundary): <= 0.5x;
* B: 200k rows x 100 float64, 5% minority: ours <= 0.35x;
* C: 2M rows x 20 float64, 5% minority (100k minority rows): ours <= 0.3x;
* A32, B32: A and B with float32 features (imblearn gets the same float32 frame): <= 0.35x.

Memory: our tracemalloc peak above the input <= 1.25x the output frame's size (imblearn's
peak is printed for comparison, over the same size).

``--rows`` is case A's row count; B gets a fifth of it and C twice as many. imblearn is timed
once (after its warm-up call) when a call takes more than 10 s; the line then says so.
``--phases`` adds, per case, the time of the minority's neighbour search
(``pd_imbalance._core.neighbors.nearest_neighbors``) against the rest of our call, and
scikit-learn's ``NearestNeighbors(n_neighbors=6)`` search as imblearn runs it.

Run ``python benchmarks/bench_smote.py [--rows N] [--repeats R] [--cases A,C] [--phases]``.
"""

from __future__ import annotations

import argparse
import gc
import sys
from dataclasses import dataclass
from typing import Any
from unittest import mock

import numpy as np
import pandas as pd
from _common import (
    LABEL,
    Target,
    add_case_option,
    frame_nbytes,
    human_rows,
    make_frame,
    memory_line,
    parse_args,
    summary,
    time_line,
    timed_runs,
    traced_peak,
)
from imblearn.over_sampling import SMOTE
from sklearn.neighbors import NearestNeighbors

import pd_imbalance as pdi
from pd_imbalance._core import smote_nc
from pd_imbalance._core.neighbors import nearest_neighbors

#: Rows of case A at full size; ``--rows`` defaults to it.
DEFAULT_ROWS = 1_000_000
#: Smallest ``--rows``: case B's minority (``rows / 100``) needs more than k_neighbors rows.
MIN_ROWS = 1_000
K_NEIGHBORS = 5
#: A reference call slower than this (seconds) is timed once.
ONCE_ABOVE = 10.0
MEMORY_TARGET = Target(1.25)


@dataclass(frozen=True)
class Case:
    name: str
    scale: float  # rows, relative to --rows (case A)
    minority: float  # share of class 1
    n_features: int
    dtype: type[np.floating[Any]]
    target: Target

    def rows(self, rows_a: int) -> int:
        return round(rows_a * self.scale)


CASES = {
    case.name: case
    for case in (
        Case("A", 1.0, 0.01, 20, np.float64, Target(0.15)),
        Case("A2", 1.0, 0.01, 2, np.float64, Target(0.5)),
        Case("A5", 1.0, 0.01, 5, np.float64, Target(0.5)),
        Case("B", 0.2, 0.05, 100, np.float64, Target(0.35)),
        Case("C", 2.0, 0.05, 20, np.float64, Target(0.3)),
        Case("A32", 1.0, 0.01, 20, np.float32, Target(0.35)),
        Case("B32", 0.2, 0.05, 100, np.float32, Target(0.35)),
    )
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_case_option(list(CASES))(parser)
    parser.add_argument(
        "--phases",
        action="store_true",
        help="also time the neighbour search against the rest of our call",
    )


def run_case(case: Case, rows_a: int, repeats: int, phases: bool) -> list[bool]:
    rows = case.rows(rows_a)
    df = make_frame(
        rows, (1 - case.minority, case.minority), n_features=case.n_features, dtype=case.dtype
    )
    features = [c for c in df.columns if c != LABEL]
    x_df, y = df[features], df[LABEL]
    title = (
        f"smote {case.name} {human_rows(rows)} x {case.n_features} "
        f"{np.dtype(case.dtype).name}, {case.minority:.0%} minority"
    )

    def ours():
        return pdi.smote(df, LABEL, random_state=0)

    def ref():
        return SMOTE(random_state=0).fit_resample(x_df, y)

    # Sanity: both grow to the same rows per class. These calls are also the warm-ups.
    out = ours()
    output_nbytes = frame_nbytes(out)
    ours_counts = out[LABEL].value_counts().sort_index()
    del out
    ref_counts = ref()[1].value_counts().sort_index()
    if not ours_counts.equals(ref_counts):
        print(
            f"{title}: WARNING class counts differ: ours {ours_counts.to_dict()}, "
            f"imblearn {ref_counts.to_dict()}"
        )
    gc.collect()

    t_ours, _ = timed_runs(ours, repeats)
    t_ref, ref_runs = timed_runs(ref, repeats, once_above=ONCE_ABOVE)
    note = f"timed once, > {ONCE_ABOVE:g} s" if ref_runs < repeats else ""
    line, time_ok = time_line(title, t_ours, "imblearn", t_ref, case.target, note)
    print(line, flush=True)

    peak_ours = traced_peak(ours)
    peak_ref = traced_peak(ref)
    line, memory_ok = memory_line(
        title, output_nbytes, peak_ours, "imblearn", peak_ref, MEMORY_TARGET, base="output"
    )
    print(line, flush=True)

    if phases:
        print_phases(title, df, features, t_ours, repeats)
    return [time_ok, memory_ok]


def print_phases(
    title: str, df: pd.DataFrame, features: list[str], t_ours: float, repeats: int
) -> None:
    """Print our neighbour search's time, the rest of our call, and imblearn's search.

    The rest is timed directly: our call with the search replaced by its precomputed result
    (``nearest_neighbors`` patched where ``pd_imbalance._core.smote_nc`` looks it up).
    """
    x_min = df.loc[df[LABEL] == 1, features].to_numpy()
    # Ours searches in float64 (its distance space); imblearn searches in the input's dtype.
    x_min64 = np.ascontiguousarray(x_min, dtype=np.float64)

    def ours_search():
        return nearest_neighbors(x_min64, K_NEIGHBORS)

    def ref_search():
        search = NearestNeighbors(n_neighbors=K_NEIGHBORS + 1).fit(x_min)
        return search.kneighbors(x_min)

    found = ours_search()
    t_search, search_runs = timed_runs(ours_search, repeats, once_above=ONCE_ABOVE)
    ref_search()
    t_ref_search, ref_runs = timed_runs(ref_search, repeats, once_above=ONCE_ABOVE)

    calls = []

    def cached_search(points: np.ndarray, k: int) -> np.ndarray:
        calls.append(points.shape)
        return found

    with mock.patch.object(smote_nc, "nearest_neighbors", cached_search):
        pdi.smote(df, LABEL, random_state=0)
        t_rest, _ = timed_runs(lambda: pdi.smote(df, LABEL, random_state=0), repeats)
    if calls and all(shape == x_min.shape for shape in calls):
        rest = f"rest {t_rest:.3f} s (search precomputed)"
    else:
        rest = f"rest ~{t_ours - t_search:.3f} s (total - search)"
    print(
        f"{title} phases: ours {t_ours:.3f} s: nearest_neighbors {t_search:.3f} s "
        f"({search_runs} run(s), {x_min.shape[0]} x {x_min.shape[1]}) + {rest}; "
        f"imblearn's NearestNeighbors(n_neighbors={K_NEIGHBORS + 1}) "
        f"{t_ref_search:.3f} s ({ref_runs} run(s))",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(
        __doc__.splitlines()[0],
        argv,
        default_rows=DEFAULT_ROWS,
        min_rows=MIN_ROWS,
        rows_help="rows of case A; B gets a fifth, C twice as many",
        add_arguments=add_arguments,
    )
    results: list[bool] = []
    for name in args.cases:
        results += run_case(CASES[name], args.rows, args.repeats, args.phases)
        gc.collect()  # free the case's frames before building the next
    print(f"smote: {summary(results)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
