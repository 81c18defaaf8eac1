"""The ``pd-imbalance`` command: report on a file, and a demo on bundled real data."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from pd_imbalance import api
from pd_imbalance.errors import ImbalanceError

__all__ = ["main"]

READERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    ".csv": pd.read_csv,
    ".parquet": pd.read_parquet,
    ".pq": pd.read_parquet,
}


class CliError(Exception):
    """A problem to report on one line, without a traceback."""


def read_table(path: str) -> pd.DataFrame:
    """Read a CSV or Parquet file, chosen by its extension."""
    file = Path(path)
    last = file.suffix.lower()
    suffixes = "".join(file.suffixes[-2:]).lower() if last == ".gz" else last
    reader = READERS.get(suffixes.removesuffix(".gz"))
    if reader is None:
        raise CliError(f"{path}: unknown file type {file.suffix!r}; use .csv or .parquet.")
    if not file.is_file():
        raise CliError(f"{path}: no such file.")
    try:
        frame: pd.DataFrame = reader(file)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise CliError(f"{path}: cannot be read as {suffixes} ({exc}).") from exc
    return frame


def _cmd_report(args: argparse.Namespace) -> None:
    df = read_table(args.file)
    rep = api.report(df, args.target, k_neighbors=args.k_neighbors)
    print(json.dumps(rep.to_dict(), indent=2) if args.json else rep)


def _cmd_demo(args: argparse.Namespace) -> None:
    from pd_imbalance._demo import run_demo

    run_demo(seed=args.seed)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``pd-imbalance``."""
    parser = argparse.ArgumentParser(
        prog="pd-imbalance",
        description="See and fix class imbalance in tabular data.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    rep = sub.add_parser("report", help="describe the imbalance of a label column in a file")
    rep.add_argument("file", help="a .csv or .parquet file")
    rep.add_argument("--target", required=True, help="the label column")
    rep.add_argument("--json", action="store_true", help="print the report as JSON")
    rep.add_argument("--k-neighbors", type=int, default=5, help="SMOTE k (default 5)")
    rep.set_defaults(run=_cmd_report)

    demo = sub.add_parser("demo", help="the accuracy paradox and its fixes on bundled real data")
    demo.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    demo.set_defaults(run=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad input)."""
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except (CliError, ImbalanceError, ValueError, TypeError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"pd-imbalance: error: {message}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `pd-imbalance report ... | head -1`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes at exit
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
