"""Benchmark: SMOTE and the neighbour search on adversarial data, vs imblearn / scikit-learn.

Each case builds one frame (standard normal features, int64 0/1 labels, 10% minority) with
a geometry that used to make our float32-GEMM search quadratic, and times:

* ``smote(df, "y", random_state=0)`` against imblearn's
  ``SMOTE(random_state=0).fit_resample(X_df, y)`` (target: ours <= 1.0x);
* the neighbour search alone on the minority rows,
  ``pd_imbalance._core.neighbors.nearest_neighbors(x, 5)``, against scikit-learn's
  ``NearestNeighbors(n_neighbors=6, algorithm="brute")`` (target: ours <= 1.0x), with the
  search path taken and its work counters (``knn_prep.search_stats``);
* the tracemalloc peak of our SMOTE call over the output frame (imblearn's for comparison;
  target: ours <= 1.25x, as in ``bench_smote.py``).

Cases (``--rows`` is case S's row count; D and 1D get 2.5 times as many):

* S: 120k x 20 float64, one sentinel 999_999_999 in column ``f3`` of one minority row;
* D: 300k x 20 float64, column ``f0`` multiplied by 1e6 (one dominant unscaled column);
* 1D: 300k x 1 float64 (a single feature).

A reference slower than 10 s is timed once (the line then says so).

Run ``python benchmarks/bench_neighbors.py [--rows N] [--repeats R] [--cases S,D,1D]``.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from dataclasses import dataclass

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
from pd_imbalance._core.neighbors import nearest_neighbors

try:
    from pd_imbalance._core.knn_prep import search_stats
except ImportError:  # an older checkout (for before/after comparisons): no counters

    def search_stats() -> dict[str, float | str]:
        return {"path": "?", "pairs_per_row": float("nan"), "exact_per_row": float("nan")}


#: Rows of case S at full size; ``--rows`` defaults to it.
DEFAULT_ROWS = 120_000
#: Smallest ``--rows``: the minority (10%) needs more than k_neighbors rows.
MIN_ROWS = 1_000
K_NEIGHBORS = 5
MINORITY = 0.10
ONCE_ABOVE = 10.0
TIME_TARGET = Target(1.0)
MEMORY_TARGET = Target(1.25)


def _sentinel(df: pd.DataFrame) -> None:
    first_minority = int(np.flatnonzero(df[LABEL].to_numpy() == 1)[0])
    df.loc[first_minority, "f3"] = 999_999_999.0


def _dominant(df: pd.DataFrame) -> None:
    df["f0"] *= 1e6


def _nothing(df: pd.DataFrame) -> None:
    return None


@dataclass(frozen=True)
class Case:
    name: str
    title: str
    scale: float  # rows, relative to --rows (case S)
    n_features: int
    alter: Callable[[pd.DataFrame], None]

    def rows(self, rows_s: int) -> int:
        return round(rows_s * self.scale)


CASES = {
    case.name: case
    for case in (
        Case("S", "sentinel 999_999_999", 1.0, 20, _sentinel),
        Case("D", "dominant column x1e6", 2.5, 20, _dominant),
        Case("1D", "one feature", 2.5, 1, _nothing),
    )
}


add_arguments = add_case_option(list(CASES))


def run_case(case: Case, rows_s: int, repeats: int) -> list[bool]:
    rows = case.rows(rows_s)
    df = make_frame(rows, (1 - MINORITY, MINORITY), n_features=case.n_features)
    case.alter(df)
    features = [c for c in df.columns if c != LABEL]
    x_df, y = df[features], df[LABEL]
    title = (
        f"neighbors {case.name} {human_rows(rows)} x {case.n_features} float64, "
        f"{MINORITY:.0%} minority, {case.title}"
    )

    def ours() -> pd.DataFrame:
        return pdi.smote(df, LABEL, random_state=0)

    def ref() -> object:
        return SMOTE(random_state=0).fit_resample(x_df, y)

    out = ours()  # warm-ups, and the output size for the memory ratio
    output_nbytes = frame_nbytes(out)
    del out
    ref()
    gc.collect()
    t_ours, _ = timed_runs(ours, repeats)
    t_ref, ref_runs = timed_runs(ref, repeats, once_above=ONCE_ABOVE)
    note = f"timed once, > {ONCE_ABOVE:g} s" if ref_runs < repeats else ""
    line, smote_ok = time_line(f"{title}: smote", t_ours, "imblearn", t_ref, TIME_TARGET, note)
    print(line, flush=True)

    x_min = np.ascontiguousarray(df.loc[df[LABEL] == 1, features].to_numpy(), dtype=np.float64)

    def ours_search() -> np.ndarray:
        return nearest_neighbors(x_min, K_NEIGHBORS)

    def ref_search() -> object:
        search = NearestNeighbors(n_neighbors=K_NEIGHBORS + 1, algorithm="brute").fit(x_min)
        return search.kneighbors(x_min)

    ours_search()
    stats = search_stats()
    t_search, _ = timed_runs(ours_search, repeats)
    ref_search()
    t_brute, brute_runs = timed_runs(ref_search, repeats, once_above=ONCE_ABOVE)
    note = f"timed once, > {ONCE_ABOVE:g} s" if brute_runs < repeats else ""
    line, search_ok = time_line(
        f"{title}: search {x_min.shape[0]} x {x_min.shape[1]}",
        t_search,
        "sklearn brute",
        t_brute,
        TIME_TARGET,
        note,
    )
    print(
        f"{line}; path {stats['path']}, pairs/row {float(stats['pairs_per_row']):.1f}, "
        f"exact distances/row {float(stats['exact_per_row']):.1f}",
        flush=True,
    )

    peak_ours = traced_peak(ours)
    peak_ref = traced_peak(ref)
    line, memory_ok = memory_line(
        f"{title}: smote",
        output_nbytes,
        peak_ours,
        "imblearn",
        peak_ref,
        MEMORY_TARGET,
        base="output",
    )
    print(line, flush=True)
    return [smote_ok, search_ok, memory_ok]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(
        __doc__.splitlines()[0],
        argv,
        default_rows=DEFAULT_ROWS,
        min_rows=MIN_ROWS,
        rows_help="rows of case S; D and 1D get 2.5 times as many",
        add_arguments=add_arguments,
    )
    results: list[bool] = []
    for name in args.cases:
        results += run_case(CASES[name], args.rows, args.repeats)
        gc.collect()  # free the case's frames before building the next
    print(f"neighbors: {summary(results)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
