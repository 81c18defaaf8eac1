"""Benchmark: pd_imbalance.undersample vs imblearn's RandomUnderSampler.

Time target: ours <= 0.1x ``RandomUnderSampler(random_state=0).fit_resample(X_df, y)``.
Memory target: our tracemalloc peak <= 0.15x the input frame's size.

Run ``python benchmarks/bench_undersample.py [--rows N] [--repeats R]``.
"""

from __future__ import annotations

import sys

from _common import (
    LABEL,
    SHARES,
    Target,
    best_time,
    frame_nbytes,
    human_rows,
    make_frame,
    memory_line,
    run_layouts,
    time_line,
    traced_peak,
)
from imblearn.under_sampling import RandomUnderSampler

import pd_imbalance as pdi

TIME_TARGET = Target(0.1)
MEMORY_TARGET = Target(0.15)


def run_case(layout: str, rows: int, repeats: int) -> list[bool]:
    df = make_frame(rows, SHARES[layout])
    features = [c for c in df.columns if c != LABEL]
    x_df, y = df[features], df[LABEL]
    case = f"undersample {layout} {human_rows(rows)} x {len(features)}"

    def ours():
        return pdi.undersample(df, LABEL, random_state=0)

    def ref():
        return RandomUnderSampler(random_state=0).fit_resample(x_df, y)

    # Sanity: both keep the same number of rows per class.
    ours_counts = ours()[LABEL].value_counts().sort_index()
    ref_counts = ref()[1].value_counts().sort_index()
    if not ours_counts.equals(ref_counts):
        print(
            f"{case}: WARNING class counts differ: ours {ours_counts.to_dict()}, "
            f"imblearn {ref_counts.to_dict()}"
        )

    t_ours = best_time(ours, repeats)
    t_ref = best_time(ref, repeats)
    line, time_ok = time_line(case, t_ours, "imblearn", t_ref, TIME_TARGET)
    print(line, flush=True)

    input_nbytes = frame_nbytes(df)
    peak_ours = traced_peak(ours)
    peak_ref = traced_peak(ref)
    line, memory_ok = memory_line(
        case, input_nbytes, peak_ours, "imblearn", peak_ref, MEMORY_TARGET
    )
    print(line, flush=True)
    return [time_ok, memory_ok]


def main(argv: list[str] | None = None) -> int:
    return run_layouts(__doc__, "undersample", run_case, argv)


if __name__ == "__main__":
    sys.exit(main())
