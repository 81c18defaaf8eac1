"""Benchmark: pd_imbalance.weights vs scikit-learn's compute_class_weight.

Time target: ours <= 0.1x ``compute_class_weight("balanced", classes=np.unique(y), y=y)``,
``np.unique`` included (a user needs it to call scikit-learn).

Run ``python benchmarks/bench_weights.py [--rows N] [--repeats R]``.
"""

from __future__ import annotations

import sys

import numpy as np
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
from sklearn.utils.class_weight import compute_class_weight

import pd_imbalance as pdi

TIME_TARGET = Target(0.1)


def run_case(layout: str, rows: int, repeats: int) -> list[bool]:
    df = pd.DataFrame({LABEL: make_labels(rows, SHARES[layout])})
    y = df[LABEL]
    case = f"weights {layout} {human_rows(rows)} labels"

    def ours():
        return pdi.weights(df, LABEL)

    def ref():
        return compute_class_weight("balanced", classes=np.unique(y), y=y)

    # Sanity: the same weights for the same classes.
    if not np.allclose(ours().to_numpy(), ref(), rtol=1e-12, atol=0):
        print(f"{case}: WARNING weights differ: ours {ours().to_dict()}, sklearn {ref()}")

    t_ours = best_time(ours, repeats)
    t_ref = best_time(ref, repeats)
    line, ok = time_line(case, t_ours, "sklearn", t_ref, TIME_TARGET)
    print(line, flush=True)
    return [ok]


def main(argv: list[str] | None = None) -> int:
    return run_layouts(__doc__, "weights", run_case, argv)


if __name__ == "__main__":
    sys.exit(main())
