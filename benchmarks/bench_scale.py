"""Benchmark: SMOTE on large classes, ``neighbors="approximate"`` against the exact search.

Two cases, each timed in this process (ratios are approximate / exact on the same frame):

* AUTO: ``smote(df, "y", sampling_strategy="auto")`` on ``--rows`` (default 1M) x 20 float64
  with five classes (60/25/10/4/1 %): every class but the largest grows, so the search runs
  on classes of 25, 10, 4 and 1 % of the rows. Targets: approximate <= 0.2x exact; the
  recall@5 of the approximate search on the largest grown class (against the exact search,
  on 2,000 sampled rows) >= 0.95.
* GROWTH: ``smote(neighbors="approximate")`` of one class of m rows (m = 5, 10, 20, 50 and
  100 % of ``--rows``; a majority of 2m rows), d = 20: the exponent of time against m
  (least squares on the log-log points) <= 1.2, and the 1M-row class <= 60 s; the exact
  search is timed too for classes of at most 500k rows (a ratio per size).

Features come in two kinds (``--data``): ``normal``, independent standard normal columns
(the hardest input for any approximate search: in 20 dimensions a row's nearest neighbours
are barely nearer than the rest), and ``mixture``, each class a mixture of 10 Gaussian
clusters (closer to real data, where neighbours are clustered). Exact SMOTE calls that take
long are timed once (``--repeats`` applies below 10 s).

Run ``python benchmarks/bench_scale.py [--rows N] [--repeats R] [--cases AUTO,GROWTH]
[--data normal,mixture]``; smoke size ``--rows 20000``.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from _common import LABEL, human_rows, parse_args

import pd_imbalance as pdi
from pd_imbalance._core.approx_knn import ApproximateNeighbors
from pd_imbalance._core.neighbors import cross_neighbors

FEATURES = 20
AUTO_SHARES = (0.60, 0.25, 0.10, 0.04, 0.01)
GROWTH_SHARES = (0.05, 0.10, 0.20, 0.50, 1.00)
#: GROWTH times the exact search too for classes of at most this many rows.
EXACT_GROWTH_ROWS = 500_000
#: The exact AUTO time at 1M rows when the large-class work began (this machine, 2 cores).
REFERENCE_AUTO_SECONDS = 77.0
#: Calls slower than this are timed once.
SLOW_SECONDS = 10.0


def features(n: int, kind: str, seed: int) -> np.ndarray:
    """``n`` rows of :data:`FEATURES` columns: standard normal, or a 10-cluster mixture."""
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal((n, FEATURES))
    if kind == "normal":
        return noise
    centres = rng.normal(scale=4.0, size=(10, FEATURES))
    noise += centres[rng.integers(10, size=n)]
    return noise


def class_frame(counts: list[int], kind: str) -> pd.DataFrame:
    """A frame with ``counts[c]`` rows of class ``c``, each class's features drawn apart."""
    labels = np.repeat(np.arange(len(counts)), counts)
    values = np.concatenate([features(m, kind, seed=c) for c, m in enumerate(counts)])
    order = np.random.default_rng(99).permutation(len(labels))
    df = pd.DataFrame(values[order], columns=[f"f{i}" for i in range(FEATURES)])
    df[LABEL] = labels[order]
    return df


def timed(fn: Callable[[], Any], repeats: int) -> float:
    """Best time of ``repeats`` calls (one call when it is slower than :data:`SLOW_SECONDS`)."""
    best = float("inf")
    for i in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
        if i == 0 and best > SLOW_SECONDS:
            break
    return best


def recall_at_5(x: np.ndarray) -> tuple[float, int, int]:
    """recall@5 of the approximate search among ``x`` (2,000 sampled rows), probes, cells.

    The recall counts each row's 5 nearest other rows (the row itself, always found, is not
    counted)."""
    search = ApproximateNeighbors(n_neighbors=6).fit(x)
    found = search.kneighbors(x, return_distance=False)
    rows = np.random.default_rng(1).choice(len(x), min(2000, len(x)), replace=False)
    exact = cross_neighbors(x[rows], x, 6)
    others = exact != rows[:, None]  # each row's 5 other neighbours (the row itself not counted)
    hits = (exact[:, :, None] == found[rows][:, None, :]).any(axis=2) & others
    return float(hits.sum() / others.sum()), int(search.n_probe_), int(search.n_cells_)


def case_auto(rows: int, kind: str, repeats: int) -> None:
    counts = [int(rows * share) for share in AUTO_SHARES]
    counts[0] += rows - sum(counts)
    df = class_frame(counts, kind)

    def run(neighbors: str) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pdi.ImbalanceWarning)  # the guard rail, on purpose
            return pdi.smote(df, LABEL, neighbors=neighbors, random_state=0)  # type: ignore[arg-type]

    approx = timed(lambda: run("approximate"), repeats)
    exact = timed(lambda: run("exact"), repeats)
    grown = df[LABEL].to_numpy() == 1  # the largest class that grows (25 %)
    recall, probes, cells = recall_at_5(df.loc[grown].drop(columns=LABEL).to_numpy())
    verdict = "ok" if approx / exact <= 0.2 else "MISSED"
    line = (
        f"AUTO {kind:7s} {human_rows(rows)} x {FEATURES}, classes {counts}: exact {exact:.2f} s, "
        f"approximate {approx:.2f} s, ratio {approx / exact:.3f}x (target <= 0.2x: {verdict}); "
        f"recall@5 on the {counts[1]:,}-row class {recall:.3f} ({probes} of {cells} cells probed)"
    )
    if rows == 1_000_000:  # the size the reference was timed at
        line += (
            f"; vs the {REFERENCE_AUTO_SECONDS:.0f} s exact reference: approximate "
            f"{approx / REFERENCE_AUTO_SECONDS:.3f}x (target <= 0.2x), exact "
            f"{exact / REFERENCE_AUTO_SECONDS:.3f}x (target <= 0.7x)"
        )
    print(line, flush=True)


def _approximate(df: pd.DataFrame) -> pd.DataFrame:
    return pdi.smote(df, LABEL, neighbors="approximate", random_state=0)  # type: ignore[no-any-return]


def _exact(df: pd.DataFrame) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pdi.ImbalanceWarning)  # the guard rail, on purpose
        return pdi.smote(df, LABEL, random_state=0)  # type: ignore[no-any-return]


def case_growth(rows: int, kind: str, repeats: int) -> None:
    sizes, seconds = [], []
    for share in GROWTH_SHARES:
        m = max(int(rows * share), 1_000)
        df = class_frame([2 * m, m], kind)
        seconds.append(timed(lambda df=df: _approximate(df), repeats))
        sizes.append(m)
        line = f"GROWTH {kind:7s} class of {human_rows(m)} rows: approximate {seconds[-1]:.2f} s"
        if m <= EXACT_GROWTH_ROWS:  # the exact search of a 1M-row class takes minutes
            exact = timed(lambda df=df: _exact(df), repeats)
            line += f", exact {exact:.2f} s, ratio {seconds[-1] / exact:.2f}x"
        print(line, flush=True)
    slope = float(np.polyfit(np.log(sizes), np.log(seconds), 1)[0])
    verdict = "ok" if slope <= 1.2 else "MISSED"
    last = f"{human_rows(sizes[-1])}-row class {seconds[-1]:.1f} s"
    target = " (target <= 60 s)" if sizes[-1] >= 1_000_000 else ""
    print(
        f"GROWTH {kind:7s} exponent {slope:.2f} (target <= 1.2: {verdict}); {last}{target}",
        flush=True,
    )


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cases", default="AUTO,GROWTH", help="AUTO, GROWTH or both")
    parser.add_argument("--data", default="mixture,normal", help="mixture, normal or both")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(
        __doc__.splitlines()[0], argv, default_rows=1_000_000, min_rows=10_000,
        add_arguments=_options,
    )  # fmt: skip
    try:
        import faiss  # noqa: F401
    except ImportError:
        print('bench_scale: skipped, the approximate search needs pip install "pd-imbalance[ann]"')
        return 0
    # warm-up: faiss's first index pays its imports and thread start-up
    ApproximateNeighbors(exact_below=0).fit(features(5_000, "normal", 0)).kneighbors()
    _exact(class_frame([2_000, 1_000], "normal"))  # and the first verb call its lazy imports
    _approximate(class_frame([2_000, 1_000], "normal"))  # (the search object: sklearn.base)
    cases = {c.strip().upper() for c in args.cases.split(",")}
    for kind in [k.strip() for k in args.data.split(",")]:
        if "AUTO" in cases:
            case_auto(args.rows, kind, args.repeats)
        if "GROWTH" in cases:
            case_growth(args.rows, kind, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
