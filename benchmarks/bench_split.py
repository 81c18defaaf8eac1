"""Benchmark: pd_imbalance.split_then_resample(method="none") vs train_test_split.

Time target: ours <= 0.1x scikit-learn's ``train_test_split(df, test_size=0.25,
stratify=y, random_state=0)`` on the same frame (the label column alone, 10M rows).

Run ``python benchmarks/bench_split.py [--rows N] [--repeats R]``.
"""

from __future__ import annotations

import sys

import pandas as pd
from _common import (
    LABEL,
    SHARES,
    Target,
    best_time,
    human_rows,
    make_labels,
    run_layouts,
    time_line,
)
from sklearn.model_selection import train_test_split

import pd_imbalance as pdi

TIME_TARGET = Target(0.1)


def run_case(layout: str, rows: int, repeats: int) -> list[bool]:
    df = pd.DataFrame({LABEL: make_labels(rows, SHARES[layout])})
    case = f"split_then_resample(method='none') {layout} {human_rows(rows)} labels"

    def ours():
        return pdi.split_then_resample(df, LABEL, method="none", random_state=0)

    def ref():
        return train_test_split(df, test_size=0.25, stratify=df[LABEL], random_state=0)

    # Sanity: same test size and per-class test counts within one row.
    ours_test, ref_test = ours().test, ref()[1]
    diff = ours_test[LABEL].value_counts() - ref_test[LABEL].value_counts()
    if len(ours_test) != len(ref_test) or (diff.abs() > 1).any():
        print(f"{case}: WARNING test parts differ: {diff.to_dict()}")

    t_ours = best_time(ours, repeats)
    t_ref = best_time(ref, repeats)
    line, ok = time_line(case, t_ours, "train_test_split", t_ref, TIME_TARGET)
    print(line, flush=True)
    return [ok]


def main(argv: list[str] | None = None) -> int:
    return run_layouts(__doc__, "split", run_case, argv)


if __name__ == "__main__":
    sys.exit(main())
