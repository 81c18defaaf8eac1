"""Benchmark: dask SMOTE of a large class on a local cluster, computed to parquet.

Data: ``--rows`` rows (default 20M) of 10 float64 features and an int64 label with 10 %
positives, each class a mixture of 10 Gaussian clusters, written to parquet (one file per
1M rows) before any timing, chunk by chunk (the client never holds the table).

Case CLUSTER: a ``distributed.LocalCluster`` of 2 worker processes (one thread each) runs
``pdd.smote(dd.read_parquet(...), "y", neighbors="approximate").to_parquet(...)``: the
default strategy grows the positives to the negatives' count. The neighbour search runs
on a worker (the client reads counts only), so the figures printed are the wall time
(target <= 5 minutes at 20M rows) and the client's peak resident memory above its
baseline just before the call, sampled every 50 ms (target <= 1 GB).

Case PANDAS (``--pandas-rows``, default 2M rows, the same layout): the same call on the
cluster against ``pdi.smote(pd.read_parquet(...), neighbors="approximate").to_parquet(...)``
in this process; the ratio is dask / pandas.

Run ``python benchmarks/bench_dask_scale.py [--rows N] [--pandas-rows N] [--cases
CLUSTER,PANDAS]``; smoke size ``--rows 20000 --pandas-rows 20000``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dask.dataframe as dd
import numpy as np
import pandas as pd
import psutil
from _common import LABEL, human_rows, parse_args

import pd_imbalance as pdi
import pd_imbalance.dask as pdd

FEATURES = 10
POSITIVE_SHARE = 0.10
ROWS_PER_FILE = 1_000_000
TARGET_SECONDS = 300.0
TARGET_CLIENT_BYTES = 1 << 30


def _chunk(start: int, rows: int, seed: int) -> pd.DataFrame:
    """Rows ``start`` to ``start + rows`` of the table (each chunk from its own seed)."""
    rng = np.random.default_rng([seed, start])
    labels = (rng.random(rows) < POSITIVE_SHARE).astype(np.int64)
    centres = np.random.default_rng(seed).normal(scale=4.0, size=(2, 10, FEATURES))
    values = rng.standard_normal((rows, FEATURES))
    values += centres[labels, rng.integers(10, size=rows)]
    df = pd.DataFrame(values, columns=[f"f{i}" for i in range(FEATURES)])
    df[LABEL] = labels
    return df


def write_table(rows: int, folder: Path, seed: int = 0) -> Path:
    """Write ``rows`` rows to ``folder`` as parquet, :data:`ROWS_PER_FILE` per file."""
    folder.mkdir(parents=True)
    per_file = min(ROWS_PER_FILE, max(1, rows // 2))
    for i, start in enumerate(range(0, rows, per_file)):
        size = min(per_file, rows - start)
        _chunk(start, size, seed).to_parquet(folder / f"part{i:03d}.parquet", index=False)
    return folder


@contextmanager
def peak_rss() -> Iterator[dict[str, int]]:
    """Sample this process's resident memory every 50 ms; yield ``{"base", "peak"}``."""
    process = psutil.Process()
    seen = {"base": process.memory_info().rss, "peak": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            seen["peak"] = max(seen["peak"], process.memory_info().rss)
            done.wait(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield seen
    finally:
        done.set()
        thread.join()
        seen["peak"] = max(seen["peak"], process.memory_info().rss)


def timed_once(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def dask_to_parquet(source: Path, out: Path) -> None:
    grown = pdd.smote(dd.read_parquet(source), LABEL, neighbors="approximate", random_state=0)
    grown.to_parquet(out, write_index=False)


def pandas_to_parquet(source: Path, out: Path) -> None:
    df = pd.read_parquet(source)
    pdi.smote(df, LABEL, neighbors="approximate", random_state=0).to_parquet(out, index=False)


def case_cluster(rows: int, folder: Path) -> bool:
    source = write_table(rows, folder / f"in{rows}")
    out = folder / f"out{rows}"
    with peak_rss() as rss:
        seconds = timed_once(lambda: dask_to_parquet(source, out))
    written = len(dd.read_parquet(out))
    above = rss["peak"] - rss["base"]
    ok = seconds <= TARGET_SECONDS and above <= TARGET_CLIENT_BYTES
    verdict = "PASS" if ok else "FAIL"
    if rows < 20_000_000:
        verdict = "(targets are for 20M rows)"
    print(
        f"dask cluster smote {human_rows(rows)}x{FEATURES} -> parquet ({written:_} rows): "
        f"{seconds:.1f} s (target {TARGET_SECONDS:.0f} s); client peak RSS "
        f"{above / 2**20:.0f} MB above baseline (target 1024 MB): {verdict}",
        flush=True,
    )
    shutil.rmtree(out)
    shutil.rmtree(source)
    return ok or rows < 20_000_000


def case_pandas(rows: int, folder: Path) -> None:
    source = write_table(rows, folder / f"in{rows}")
    t_pandas = timed_once(lambda: pandas_to_parquet(source, folder / "pandas.parquet"))
    t_dask = timed_once(lambda: dask_to_parquet(source, folder / "dask_out"))
    print(
        f"dask cluster / pandas, smote {human_rows(rows)}x{FEATURES} -> parquet: "
        f"{t_dask:.1f} s / {t_pandas:.1f} s = {t_dask / t_pandas:.2f}x",
        flush=True,
    )


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cases", default="CLUSTER,PANDAS", help="CLUSTER, PANDAS or both")
    parser.add_argument("--pandas-rows", type=int, default=2_000_000)


def main(argv: list[str] | None = None) -> int:
    import distributed

    args = parse_args(
        __doc__.splitlines()[0],
        argv,
        default_rows=20_000_000,
        min_rows=1_000,
        add_arguments=_options,
    )
    cases = {c.strip().upper() for c in args.cases.split(",")}
    ok = True
    with (
        tempfile.TemporaryDirectory() as tmp,
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        if "CLUSTER" in cases:
            ok = case_cluster(args.rows, Path(tmp))
        if "PANDAS" in cases:
            case_pandas(args.pandas_rows, Path(tmp))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
