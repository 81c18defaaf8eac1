"""Run every pd_imbalance benchmark (SPEC §9), each in its own process, with the same options.

Run ``python benchmarks/run_all.py [--rows N] [--repeats R]``; smoke size:
``--rows 20000 --repeats 1``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from _common import parse_args

HERE = Path(__file__).resolve().parent
SCRIPTS = ("bench_undersample.py", "bench_weights.py", "bench_report.py")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__.splitlines()[0], argv)
    options = ["--rows", str(args.rows), "--repeats", str(args.repeats)]
    for script in SCRIPTS:
        print(f"== {script} {' '.join(options)}", flush=True)
        done = subprocess.run([sys.executable, str(HERE / script), *options], check=False)
        if done.returncode != 0:
            print(f"== {script} exited with code {done.returncode}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
