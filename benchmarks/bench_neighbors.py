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

Search-only cases (no SMOTE), each against scikit-learn's ``NearestNeighbors`` with
``algorithm="kd_tree"`` and ``"brute"`` (target: ours <= 1.25x the faster of the two):

* L2, L3, L5, L10, L20: the self search ``nearest_neighbors(x, 5)`` on ``--rows / 12``
  standard normal rows (10k at the default) of 2, 3, 5, 10, 20 features (scikit-learn
  asks for 6 and drops the row itself);
* NM5, NM20: the cross search ``cross_neighbors(query, reference, 3)`` in NearMiss's
  shape: ``0.8 * --rows`` query rows (96k) among ``--rows / 24`` reference rows (5k), 5
  and 20 features;
* AD5, AD20: ADASYN's / Borderline's shape, ``cross_neighbors(query, reference, 6)``:
  ``--rows / 24`` minority query rows among ``--rows`` reference rows (all rows), 5 and 20
  features.

A reference slower than 10 s is timed once (the line then says so).

Run ``python benchmarks/bench_neighbors.py [--rows N] [--repeats R] [--cases S,D,1D,L2,...]``.
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
from pd_imbalance._core.neighbors import cross_neighbors, nearest_neighbors

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


#: Search-only target: ours over the faster of scikit-learn's kd-tree and brute force.
SEARCH_TARGET = Target(1.25)


@dataclass(frozen=True)
class SearchCase:
    name: str
    n_features: int
    k: int
    query_scale: float  # query rows relative to --rows (0: the self search)
    reference_scale: float

    def title(self, rows_s: int) -> str:
        q, r = round(rows_s * self.query_scale), round(rows_s * self.reference_scale)
        if not self.query_scale:
            return f"self {human_rows(r)} x {self.n_features}, k={self.k}"
        return f"cross {human_rows(q)} among {human_rows(r)} x {self.n_features}, k={self.k}"


SEARCH_CASES = {
    case.name: case
    for case in (
        *(SearchCase(f"L{d}", d, K_NEIGHBORS, 0.0, 1 / 12) for d in (2, 3, 5, 10, 20)),
        *(SearchCase(f"NM{d}", d, 3, 0.8, 1 / 24) for d in (5, 20)),
        *(SearchCase(f"AD{d}", d, 6, 1 / 24, 1.0) for d in (5, 20)),
    )
}

add_arguments = add_case_option([*CASES, *SEARCH_CASES])


def run_search_case(case: SearchCase, rows_s: int, repeats: int) -> list[bool]:
    """Time one search-only case against scikit-learn's kd-tree and brute force."""
    rng = np.random.default_rng(0)
    n_ref = max(case.k + 1, round(rows_s * case.reference_scale))
    reference = rng.standard_normal((n_ref, case.n_features))
    if case.query_scale:
        query = rng.standard_normal((max(1, round(rows_s * case.query_scale)), case.n_features))
        k_ref = case.k

        def ours() -> object:
            return cross_neighbors(query, reference, case.k)

    else:
        query, k_ref = reference, case.k + 1

        def ours() -> object:
            return nearest_neighbors(reference, case.k)

    ours()
    stats = search_stats()
    t_ours, _ = timed_runs(ours, repeats)
    refs: dict[str, float] = {}
    notes: list[str] = []
    for algorithm in ("kd_tree", "brute"):
        search = NearestNeighbors(n_neighbors=k_ref, algorithm=algorithm)

        def ref(search: NearestNeighbors = search) -> object:
            return search.fit(reference).kneighbors(query)

        ref()
        refs[algorithm], runs = timed_runs(ref, repeats, once_above=ONCE_ABOVE)
        if runs < repeats:
            notes.append(f"{algorithm} timed once")
    fastest = min(refs, key=refs.__getitem__)
    line, ok = time_line(
        f"neighbors {case.name} {case.title(rows_s)}: search",
        t_ours,
        f"sklearn {fastest}",
        refs[fastest],
        SEARCH_TARGET,
        ", ".join(notes),
    )
    other = "brute" if fastest == "kd_tree" else "kd_tree"
    print(
        f"{line}; sklearn {other} {refs[other]:.3f} s (ratio {t_ours / refs[other]:.3f}x); "
        f"path {stats['path']}",
        flush=True,
    )
    return [ok]


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
        if name in SEARCH_CASES:
            results += run_search_case(SEARCH_CASES[name], args.rows, args.repeats)
        else:
            results += run_case(CASES[name], args.rows, args.repeats)
        gc.collect()  # free the case's frames before building the next
    print(f"neighbors: {summary(results)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
