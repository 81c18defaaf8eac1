"""Benchmark: every resampling method of pd_imbalance vs its imbalanced-learn sampler.

Each method pair (see ``METHODS``): ours is the functional verb on a DataFrame
(``pdi.oversample(df, "y", method=...)``, ``pdi.undersample``, ``pdi.clean``,
``pdi.resample(df, "y", steps=[...])``), the reference is imblearn's ``fit_resample``, called
twice: on ``(X ndarray, y ndarray)`` and on ``(X DataFrame, y Series)``. Both use
``random_state=0`` and the same neighbourhood sizes (imblearn's defaults). Standard normal
float64 features, int64 labels ``0..K-1``:

* B: ``--rows`` (100k) x 20, binary 95/5 %: time <= 0.3x imblearn, peak memory <= imblearn's;
* M: ``--rows`` x 20, 3-class 80/15/5 %: the same targets;
* S: ``--small-rows`` (5,000) x 10, binary 95/5 %: the median per-call time over ``--calls``
  (50) calls <= 1.0x imblearn's (cross-validation and grid searches make many small calls).

The verdict compares ours with the *faster* of imblearn's two calls (for memory, the
smaller peak), so it is the strict one; both ratios are printed. Memory is the tracemalloc
peak of one call (B and M only). A method whose verb is not implemented yet
(``NotImplementedError``) is reported as "not available" and its reference is skipped; any
other error of either side is reported on its line and the run goes on. A reference call
slower than 10 s is timed once (the line says so). ``WARNING`` lines mean that ours and
imblearn kept different numbers of rows per class.

``--smoke`` (what ``run_all.py`` passes at smoke size): 3 calls in case S, no DataFrame
reference, and the slowest references (``SLOW``) skipped; its ratios mean nothing.

Run ``python benchmarks/bench_samplers.py [--rows N] [--repeats R] [--cases B,M,S]
[--methods smote,tomek] [--calls C] [--small-rows N] [--smoke]``.
"""

from __future__ import annotations

import argparse
import gc
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from _common import (
    LABEL,
    Target,
    add_case_option,
    human_rows,
    make_frame,
    mb,
    median_time,
    parse_args,
    seconds,
    summary,
    timed_runs,
    traced_peak,
)
from imblearn import combine, over_sampling, under_sampling

import pd_imbalance as pdi

DEFAULT_ROWS = 100_000
MIN_ROWS = 1_000
SMALL_ROWS = 5_000
CALLS = 50
SMOKE_CALLS = 3
#: A reference call slower than this (seconds) is timed once.
ONCE_ABOVE = 10.0
LARGE_TIME = Target(0.3)
SMALL_TIME = Target(1.0)
MEMORY = Target(1.0)


@dataclass(frozen=True)
class Method:
    """One method pair: our call on a frame, imblearn's sampler (built afresh per call)."""

    name: str
    ours: Callable[[pd.DataFrame], Any]
    reference: str
    make_reference: Callable[[], Any]
    slow: bool = False  # reference skipped with --smoke


def _over(method: str, **options: Any) -> Callable[[pd.DataFrame], Any]:
    return lambda df: pdi.oversample(df, LABEL, method=method, random_state=0, **options)


def _under(method: str) -> Callable[[pd.DataFrame], Any]:
    return lambda df: pdi.undersample(df, LABEL, method=method, random_state=0)


def _clean(method: str) -> Callable[[pd.DataFrame], Any]:
    return lambda df: pdi.clean(df, LABEL, method=method, random_state=0)


def _chain(*steps: Any) -> Callable[[pd.DataFrame], Any]:
    return lambda df: pdi.resample(df, LABEL, steps=list(steps), random_state=0)


def _ref(factory: Callable[..., Any], **options: Any) -> Callable[[], Any]:
    return lambda: factory(**options)


OS, US, CB = over_sampling, under_sampling, combine
#: imblearn's SMOTETomek / SMOTEENN clean every class (their sampling_strategy="all").
_ALL = {"sampling_strategy": "all"}
METHODS = (
    Method(
        "random", _over("random"), "RandomOverSampler", _ref(OS.RandomOverSampler, random_state=0)
    ),
    Method(
        "random-shrinkage",
        _over("random", shrinkage=1.0),
        "RandomOverSampler(shrinkage=1.0)",
        _ref(OS.RandomOverSampler, shrinkage=1.0, random_state=0),
    ),
    Method("smote", _over("smote"), "SMOTE", _ref(OS.SMOTE, random_state=0)),
    Method(
        "borderline-1",
        _over("borderline-1"),
        "BorderlineSMOTE(kind='borderline-1')",
        _ref(OS.BorderlineSMOTE, kind="borderline-1", random_state=0),
    ),
    Method(
        "borderline-2",
        _over("borderline-2"),
        "BorderlineSMOTE(kind='borderline-2')",
        _ref(OS.BorderlineSMOTE, kind="borderline-2", random_state=0),
    ),
    Method("adasyn", _over("adasyn"), "ADASYN", _ref(OS.ADASYN, random_state=0)),
    Method(
        "undersample",
        _under("random"),
        "RandomUnderSampler",
        _ref(US.RandomUnderSampler, random_state=0),
    ),
    Method("nearmiss-1", _under("nearmiss-1"), "NearMiss(version=1)", _ref(US.NearMiss, version=1)),
    # imblearn's version 2 asks for *every* minority row as a neighbour of each majority row:
    # (n_majority x n_minority) arrays, about 7.6 GB at 100k rows, 5 %.
    Method(
        "nearmiss-2",
        _under("nearmiss-2"),
        "NearMiss(version=2)",
        _ref(US.NearMiss, version=2),
        slow=True,
    ),
    Method("nearmiss-3", _under("nearmiss-3"), "NearMiss(version=3)", _ref(US.NearMiss, version=3)),
    Method("tomek", _clean("tomek"), "TomekLinks", _ref(US.TomekLinks)),
    Method("enn", _clean("enn"), "EditedNearestNeighbours", _ref(US.EditedNearestNeighbours)),
    Method(
        "renn",
        _clean("renn"),
        "RepeatedEditedNearestNeighbours",
        _ref(US.RepeatedEditedNearestNeighbours),
        slow=True,
    ),
    Method("allknn", _clean("allknn"), "AllKNN", _ref(US.AllKNN), slow=True),
    Method("ncr", _clean("ncr"), "NeighbourhoodCleaningRule", _ref(US.NeighbourhoodCleaningRule)),
    Method(
        "oss",
        _clean("oss"),
        "OneSidedSelection",
        _ref(US.OneSidedSelection, random_state=0),
    ),
    Method(
        "smote+tomek",
        _chain("smote", ("tomek", _ALL)),
        "SMOTETomek",
        _ref(CB.SMOTETomek, random_state=0),
    ),
    Method(
        "smote+enn",
        _chain("smote", ("enn", _ALL)),
        "SMOTEENN",
        _ref(CB.SMOTEENN, random_state=0),
    ),
)
METHOD_NAMES = {m.name: m for m in METHODS}


@dataclass(frozen=True)
class Case:
    name: str
    shares: tuple[float, ...]
    n_features: int
    small: bool  # median per-call time over --calls, no memory

    def title(self, rows: int) -> str:
        layout = "binary" if len(self.shares) == 2 else f"{len(self.shares)}-class"
        shares = "/".join(f"{s:.0%}".rstrip("%") for s in self.shares)
        return f"samplers {self.name} {human_rows(rows)} x {self.n_features} {layout} {shares} %"


CASES = {
    case.name: case
    for case in (
        Case("B", (0.95, 0.05), 20, small=False),
        Case("M", (0.80, 0.15, 0.05), 20, small=False),
        Case("S", (0.95, 0.05), 10, small=True),
    )
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_case_option(list(CASES))(parser)

    def method_list(text: str) -> list[str]:
        names = [name.strip() for name in text.split(",") if name.strip()]
        unknown = [name for name in names if name not in METHOD_NAMES]
        if unknown or not names:
            raise argparse.ArgumentTypeError(
                f"unknown method(s) {unknown or text!r}; choose from {','.join(METHOD_NAMES)}"
            )
        return names

    parser.add_argument(
        "--methods",
        type=method_list,
        default=list(METHOD_NAMES),
        help="comma-separated methods to run (default: all)",
    )
    parser.add_argument(
        "--calls", type=int, default=CALLS, help=f"calls per median in case S (default {CALLS})"
    )
    parser.add_argument(
        "--small-rows",
        type=int,
        default=SMALL_ROWS,
        help=f"rows of case S (default {SMALL_ROWS:_}; at most --rows)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"{SMOKE_CALLS} calls in case S, no DataFrame reference, slow references skipped",
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:160]


def _labels_of(result: Any) -> np.ndarray:
    """The label column of a verb's or a sampler's result (frame, result object or tuple)."""
    if isinstance(result, tuple) and len(result) == 2 and not isinstance(result, pd.DataFrame):
        first, second = result
        if not isinstance(first, pd.DataFrame) or LABEL not in first:
            return np.asarray(second)  # imblearn's (X, y)
        result = first
    frame = getattr(result, "frame", result)
    return np.asarray(frame[LABEL])


def _counts(labels: np.ndarray) -> dict[int, int]:
    values, counts = np.unique(labels, return_counts=True)
    return {int(v): int(c) for v, c in zip(values, counts, strict=True)}


@dataclass
class Row:
    """The measured numbers of one method in one case (None: not measured)."""

    method: str
    reference: str
    ours: float | None = None
    ref_nd: float | None = None
    ref_df: float | None = None
    peak_ours: int | None = None
    peak_nd: int | None = None
    peak_df: int | None = None
    note: str = ""


def _time(fn: Callable[[], Any], case: Case, repeats: int, calls: int) -> tuple[float, str]:
    """Time an already warmed-up call: median of ``calls`` (case S) or best of ``repeats``."""
    if case.small:
        return median_time(fn, calls), ""
    best, runs = timed_runs(fn, repeats, once_above=ONCE_ABOVE)
    return best, ("timed once" if runs < repeats else "")


def run_method(
    method: Method, case: Case, df: pd.DataFrame, args: argparse.Namespace, calls: int
) -> Row:
    row = Row(method.name, method.reference)
    x_nd = df.drop(columns=LABEL).to_numpy()
    y_nd = df[LABEL].to_numpy()
    x_df, y_s = df.drop(columns=LABEL), df[LABEL]

    def ours() -> Any:
        return method.ours(df)

    def ref_nd() -> Any:
        return method.make_reference().fit_resample(x_nd, y_nd)

    def ref_df() -> Any:
        return method.make_reference().fit_resample(x_df, y_s)

    try:
        ours_counts = _counts(_labels_of(ours()))  # also the warm-up
    except NotImplementedError:
        row.note = "not available"
        return row
    except Exception as exc:  # report and go on
        row.note = f"ours failed: {_first_line(exc)}"
        return row
    row.ours, ours_note = _time(ours, case, args.repeats, calls)
    if not case.small:
        row.peak_ours = traced_peak(ours)
    if args.smoke and method.slow:
        row.note = "reference skipped (--smoke)"
        return row
    variants: list[tuple[str, Callable[[], Any]]] = [("nd", ref_nd)]
    if not args.smoke:
        variants.append(("df", ref_df))
    notes = [f"ours {ours_note}"] if ours_note else []
    for key, fn in variants:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ref_counts = _counts(_labels_of(fn()))
                t, note = _time(fn, case, args.repeats, calls)
                peak = None if case.small else traced_peak(fn)
        except Exception as exc:  # report and go on
            notes.append(f"imblearn ({key}) failed: {_first_line(exc)}")
            continue
        setattr(row, f"ref_{key}", t)
        setattr(row, f"peak_{key}", peak)
        if note:
            notes.append(f"imblearn ({key}) {note}")
        if key == "nd" and ref_counts != ours_counts:
            print(
                f"{case.name} {method.name}: WARNING class counts differ: ours {ours_counts}, "
                f"imblearn {ref_counts}",
                flush=True,
            )
    row.note = "; ".join(notes)
    return row


def _ratio(ours: float | None, ref: float | None) -> str:
    return f"{ours / ref:.3f}x" if ours is not None and ref else "-"


def report_row(title: str, case: Case, row: Row) -> list[bool]:
    """Print the time (and memory) line of one method; return the verdicts."""
    head = f"{title} {row.method}"
    if row.ours is None:
        print(f"{head}: {row.note}", flush=True)
        return []
    refs = [t for t in (row.ref_nd, row.ref_df) if t is not None]
    target = SMALL_TIME if case.small else LARGE_TIME
    kind = "median per call" if case.small else "best"
    parts = [f"ours {seconds(row.ours)}"]
    for label, t in (("ndarray", row.ref_nd), ("DataFrame", row.ref_df)):
        if t is not None:
            parts.append(f"{row.reference} ({label}) {seconds(t)}, {_ratio(row.ours, t)}")
    verdicts: list[bool] = []
    line = f"{head} ({kind}): " + "; ".join(parts)
    if refs:
        ok = row.ours / min(refs) <= target.limit
        verdicts.append(ok)
        line += f" (target <= {target.limit:g}x the faster) {'PASS' if ok else 'FAIL'}"
    if row.note:
        line += f" [{row.note}]"
    print(line, flush=True)
    if case.small or row.peak_ours is None:
        return verdicts
    peaks = [p for p in (row.peak_nd, row.peak_df) if p is not None]
    parts = [f"ours peak {mb(row.peak_ours)}"]
    for label, p in (("ndarray", row.peak_nd), ("DataFrame", row.peak_df)):
        if p is not None:
            parts.append(f"{row.reference} ({label}) {mb(p)}, {_ratio(row.peak_ours, p)}")
    line = f"{head} memory: " + "; ".join(parts)
    if peaks:
        ok = row.peak_ours / min(peaks) <= MEMORY.limit
        verdicts.append(ok)
        line += f" (target <= {MEMORY.limit:g}x the smaller) {'PASS' if ok else 'FAIL'}"
    print(line, flush=True)
    return verdicts


def markdown(case: Case, title: str, rows: list[Row]) -> None:
    """Print the case's rows in the table format of docs/benchmarks.md."""
    print(f"\n{title}\n")
    head = ["method", "imblearn", "ours", "imblearn (ndarray)", "ratio"]
    head += ["imblearn (DataFrame)", "ratio"]
    if not case.small:
        head += ["peak ours", "peak imblearn (ndarray / DataFrame)", "ratio"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:

        def t(value: float | None) -> str:
            return seconds(value) if value is not None else "-"

        cells = [
            row.method,
            f"`{row.reference}`",
            t(row.ours) if row.ours is not None else row.note or "-",
            t(row.ref_nd),
            _ratio(row.ours, row.ref_nd),
            t(row.ref_df),
            _ratio(row.ours, row.ref_df),
        ]
        if not case.small:
            nd = mb(row.peak_nd) if row.peak_nd is not None else "-"
            dfp = mb(row.peak_df) if row.peak_df is not None else "-"
            small_peak = min((p for p in (row.peak_nd, row.peak_df) if p is not None), default=None)
            cells += [
                mb(row.peak_ours) if row.peak_ours is not None else "-",
                f"{nd} / {dfp}",
                _ratio(row.peak_ours, small_peak),  # type: ignore[arg-type]
            ]
        print("| " + " | ".join(cells) + " |")
    print(flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(
        __doc__.splitlines()[0],
        argv,
        default_rows=DEFAULT_ROWS,
        min_rows=MIN_ROWS,
        rows_help="rows of cases B and M",
        add_arguments=add_arguments,
    )
    calls = SMOKE_CALLS if args.smoke else args.calls
    if calls < 1 or args.small_rows < 100:
        raise SystemExit("--calls must be at least 1 and --small-rows at least 100")
    # Move everything imported so far out of the collector's sight: the gc.collect() before
    # each timed call then costs microseconds instead of ~50 ms (pandas, sklearn, imblearn).
    gc.collect()
    gc.freeze()
    results: list[bool] = []
    tables: list[tuple[Case, str, list[Row]]] = []
    for name in args.cases:
        case = CASES[name]
        rows = min(args.small_rows, args.rows) if case.small else args.rows
        df = make_frame(rows, case.shares, n_features=case.n_features)
        title = case.title(rows)
        measured = []
        for method_name in args.methods:
            row = run_method(METHOD_NAMES[method_name], case, df, args, calls)
            results += report_row(title, case, row)
            measured.append(row)
            gc.collect()
        tables.append((case, title, measured))
        del df
        gc.collect()  # free the case's frames before building the next
    for case, title, measured in tables:
        markdown(case, title, measured)
    print(f"samplers: {summary(results)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
