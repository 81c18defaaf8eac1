"""Run every pd_imbalance benchmark, each in its own process, with the same options.

Run ``python benchmarks/run_all.py [--rows N] [--repeats R]``; smoke size:
``--rows 20000 --repeats 1``. ``bench_smote.py`` gets ``--rows N/10``, ``bench_samplers.py``
``--rows N/100`` (see ``SCRIPTS``); below ``SMOKE_BELOW`` rows, ``bench_samplers.py`` also gets
``--smoke`` (few calls, slowest references skipped), so that a smoke run stays short.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from _common import parse_args

HERE = Path(__file__).resolve().parent
#: Each script, the divisor of ``--rows`` it gets and its smallest ``--rows``. SMOTE's cases
#: are smaller (``bench_smote.py``'s ``--rows`` is its case A, 1M rows at full size), so it
#: gets a tenth: the default run gives every script its full reference size.
SCRIPTS = (
    ("bench_undersample.py", 1, 100),
    ("bench_weights.py", 1, 100),
    ("bench_report.py", 1, 100),
    ("bench_split.py", 1, 100),
    ("bench_smote.py", 10, 1_000),
    ("bench_neighbors.py", 80, 1_000),
    ("bench_dask.py", 1, 1_000),
    # 100k x 20 at full size (the size); its case S is 5,000 rows (at most --rows).
    ("bench_samplers.py", 100, 1_000),
    # evaluate: the bundled wine data, plus a synthetic frame of --rows/50 rows (200k by hand)
    ("bench_evaluate.py", 50, 1_000),
)
#: With ``--rows`` below this, the scripts listed here get ``--smoke``.
SMOKE_BELOW = 1_000_000
SMOKE_SCRIPTS = frozenset({"bench_samplers.py", "bench_evaluate.py"})


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__.splitlines()[0], argv)
    for script, divisor, min_rows in SCRIPTS:
        rows = max(args.rows // divisor, min_rows)
        options = ["--rows", str(rows), "--repeats", str(args.repeats)]
        if script in SMOKE_SCRIPTS and args.rows < SMOKE_BELOW:
            options.append("--smoke")
        print(f"== {script} {' '.join(options)}", flush=True)
        done = subprocess.run([sys.executable, str(HERE / script), *options], check=False)
        if done.returncode != 0:
            print(f"== {script} exited with code {done.returncode}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
