"""Benchmark: pd_imbalance.report vs ``df["y"].value_counts()``.

Time target: ours <= 2x ``df["y"].value_counts()`` on the same 10-feature frame.

Run ``python benchmarks/bench_report.py [--rows N] [--repeats R]``.
"""

from __future__ import annotations

import sys

from _common import (
    LABEL,
    N_FEATURES,
    SHARES,
    Target,
    best_time,
    human_rows,
    make_frame,
    run_layouts,
    time_line,
)

import pd_imbalance as pdi

TIME_TARGET = Target(2.0)


def run_case(layout: str, rows: int, repeats: int) -> list[bool]:
    df = make_frame(rows, SHARES[layout])
    case = f"report {layout} {human_rows(rows)} x {N_FEATURES}"

    def ours():
        return pdi.report(df, LABEL)

    def ref():
        return df[LABEL].value_counts()

    # Sanity: the report counts what value_counts counts.
    if ours().n_rows != int(ref().sum()) or ours().n_classes != len(ref()):
        print(f"{case}: WARNING report and value_counts disagree")

    t_ours = best_time(ours, repeats)
    t_ref = best_time(ref, repeats)
    line, ok = time_line(case, t_ours, "value_counts", t_ref, TIME_TARGET)
    print(line, flush=True)
    return [ok]


def main(argv: list[str] | None = None) -> int:
    return run_layouts(__doc__, "report", run_case, argv)


if __name__ == "__main__":
    sys.exit(main())
