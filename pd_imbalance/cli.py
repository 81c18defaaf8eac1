"""The ``pd-imbalance`` command: report, resample and split files; a demo on bundled data.

Files are CSV (optionally gzipped) or Parquet, chosen by extension. Outputs are written
atomically (a temporary file in the same folder, then renamed), and an existing file is only
replaced with ``--force``.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from pd_imbalance import _verbs as verbs
from pd_imbalance._verbs.cleaning import CLEAN_METHODS
from pd_imbalance._verbs.oversampling import OVERSAMPLE_METHODS
from pd_imbalance._verbs.steps import RESAMPLERS
from pd_imbalance._verbs.undersampling import UNDERSAMPLE_METHODS
from pd_imbalance._version import __version__
from pd_imbalance.errors import ImbalanceError

__all__ = ["main"]

READERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    ".csv": pd.read_csv,
    ".parquet": pd.read_parquet,
    ".pq": pd.read_parquet,
}


class CliError(Exception):
    """A problem to report on one line, without a traceback."""


def _kind(path: Path) -> str:
    """Return the file type of ``path`` by its extension (``.gz`` looked through), or ""."""
    last = path.suffix.lower()
    suffixes = "".join(path.suffixes[-2:]).lower() if last == ".gz" else last
    kind = suffixes.removesuffix(".gz")
    return kind if kind in READERS else ""


def read_table(path: str) -> pd.DataFrame:
    """Read a CSV or Parquet file, chosen by its extension."""
    file = Path(path)
    kind = _kind(file)
    if not kind:
        raise CliError(f"{path}: unknown file type {file.suffix!r}; use .csv or .parquet.")
    if not file.is_file():
        raise CliError(f"{path}: no such file.")
    try:
        frame: pd.DataFrame = READERS[kind](file)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise CliError(f"{path}: cannot be read as {kind} ({exc}).") from exc
    return frame


def _format(path: Path) -> str:
    kind = _kind(path)
    if not kind:
        raise CliError(f"{path}: unknown output type {path.suffix!r}; use .csv or .parquet.")
    return "csv" if kind == ".csv" else "parquet"


def check_output(path: str, force: bool) -> Path:
    """Validate an output path before any work is done: known type, folder exists, no clash."""
    out = Path(path)
    _format(out)
    if not out.parent.is_dir():
        raise CliError(f"{path}: the folder {str(out.parent)!r} does not exist.")
    if out.exists() and not force:
        raise CliError(f"{path}: already exists; pass --force to replace it.")
    return out


def write_table(df: pd.DataFrame, out: Path) -> None:
    """Write ``df`` to ``out`` atomically: a temporary file beside it, then a rename."""
    kind = _format(out)
    handle, temp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(handle)
    try:
        if kind == "csv":
            gzipped = out.suffix.lower() == ".gz"
            df.to_csv(temp, index=False, compression="gzip" if gzipped else None)
        else:
            df.to_parquet(temp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp makes it private; give it normal permissions
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _write_result(args: argparse.Namespace, out: Path, result: pd.DataFrame) -> None:
    write_table(result, out)
    print(f"{args.output}: {len(result):,} rows ({_counts(result, args.target)})")


def _neighbors(args: argparse.Namespace, name: str | None) -> dict[str, Any]:
    if name is None:
        return {}
    value = getattr(args, name, None)
    return {} if value is None else {name: value}


def _method_command(
    verb: Callable[..., pd.DataFrame], neighbors: str | None, command: str
) -> Callable[[argparse.Namespace], None]:
    """Return the command that runs ``verb`` with ``--method`` (and its neighbourhood option)."""

    def run(args: argparse.Namespace) -> None:
        out = check_output(args.output, args.force)
        name = command if args.method == "random" else args.method
        given = _resampling_flags(args)
        _check_flags([name], given, where=f"{command} --method {args.method}")
        df = read_table(args.file)
        result = verb(
            df,
            args.target,
            method=args.method,
            random_state=args.seed,
            **_neighbors(args, neighbors),
            **_with_labels(given, df, args.target),
        )
        _write_result(args, out, result)

    return run


#: The resampling options every resampling command takes as flags (each mapped to the
#: verb's option of the same name, where the method has it).
FLAG_NAMES = (
    "passthrough",
    "categorical",
    "sampling_strategy",
    "k_neighbors",
    "neighbors",
    "synthetic_flag",
)


def _flag(option: str) -> str:
    return "--" + option.replace("_", "-")


def _resampling_flags(args: argparse.Namespace) -> dict[str, Any]:
    """Return the resampling options given as flags (only those given)."""
    names = FLAG_NAMES
    return {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}


def _check_flags(names: Sequence[str], given: dict[str, Any], *, where: str) -> None:
    """Refuse a flag that none of the method names ``names`` takes (one clear line)."""
    for option in given:
        if not any(option in RESAMPLERS[name].options for name in names):
            takers = [name for name, r in RESAMPLERS.items() if option in r.options]
            verbs_of = {RESAMPLERS[n].verb for n in names}
            neighbours = any("n_neighbors" in inspect.signature(v).parameters for v in verbs_of)
            hint = " (use --n-neighbors)" if option == "k_neighbors" and neighbours else ""
            raise CliError(
                f"{where}: {_flag(option)} does not apply{hint}; it is an option of "
                f"{', '.join(takers)}."
            )


def _with_labels(given: dict[str, Any], df: pd.DataFrame, target: str) -> dict[str, Any]:
    """Turn a ``class=count`` sampling strategy's class names into the column's labels."""
    strategy = given.get("sampling_strategy")
    if not isinstance(strategy, dict):
        return given
    if target not in df.columns:
        return given  # the verb names the missing target
    labels = {str(label): label for label in pd.unique(df[target].dropna())}
    unknown = [name for name in strategy if name not in labels]
    if unknown:
        raise CliError(
            f"--sampling-strategy names class(es) {unknown!r}, which {target!r} does not "
            f"have; its classes: {sorted(labels)!r}."
        )
    return {**given, "sampling_strategy": {labels[k]: v for k, v in strategy.items()}}


def parse_names(text: str) -> list[str]:
    """Parse ``--passthrough`` / ``--categorical``: column names joined by commas.

    Examples
    --------
    >>> parse_names("id, weight")
    ['id', 'weight']
    """
    names = [part.strip() for part in text.split(",")]
    if not all(names):
        raise argparse.ArgumentTypeError(f"{text!r}: column names joined by commas, e.g. id,weight")
    return names


def parse_sampling_strategy(text: str) -> str | float | dict[str, int]:
    """Parse ``--sampling-strategy``: a name, a float, or ``class=count`` pairs.

    Examples
    --------
    >>> parse_sampling_strategy("auto"), parse_sampling_strategy("0.5")
    ('auto', 0.5)
    >>> parse_sampling_strategy("fraud=50, ok=100")
    {'fraud': 50, 'ok': 100}
    """
    value = text.strip()
    if "=" not in value:
        try:
            return float(value)
        except ValueError:
            return value  # a name; the verb checks it
    counts: dict[str, int] = {}
    for pair in value.split(","):
        label, _, count = pair.partition("=")
        try:
            counts[label.strip()] = int(count.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r}: give class=count pairs joined by commas, e.g. fraud=50,ok=100"
            ) from None
        if not label.strip():
            raise argparse.ArgumentTypeError(f"{text!r}: a class name is empty")
    return counts


def _add_resampling_flags(cmd: argparse.ArgumentParser, *, synthetic_flag: bool = True) -> None:
    """Add the resampling flags (each refused where the method has no such option)."""
    cmd.add_argument(
        "--passthrough",
        type=parse_names,
        metavar="COLUMNS",
        help="columns kept out of the distance, copied from the base row (e.g. id,weight)",
    )
    cmd.add_argument(
        "--categorical", type=parse_names, metavar="COLUMNS", help="extra categorical columns"
    )
    cmd.add_argument(
        "--sampling-strategy",
        type=parse_sampling_strategy,
        metavar="STRATEGY",
        help="a name (auto, minority, ...), a float ratio, or class=count pairs (a=50,b=80)",
    )
    cmd.add_argument(
        "--neighbors",
        choices=("exact", "approximate"),
        default=None,
        help="the neighbour search: exact (default) or approximate (large classes; needs "
        'pip install "pd-imbalance[ann]")',
    )
    if synthetic_flag:
        cmd.add_argument(
            "--synthetic-flag", metavar="NAME", help="add a bool column NAME, True for new rows"
        )


_cmd_undersample = _method_command(verbs.undersample, "n_neighbors", "undersample")
_cmd_oversample = _method_command(verbs.oversample, None, "oversample")  # k: a flag
_cmd_clean = _method_command(verbs.clean, "n_neighbors", "clean")


def _cmd_smote(args: argparse.Namespace) -> None:
    out = check_output(args.output, args.force)
    given = _resampling_flags(args)
    df = read_table(args.file)
    result = verbs.smote(
        df, args.target, random_state=args.seed, **_with_labels(given, df, args.target)
    )
    _write_result(args, out, result)


def _chain_options(names: Sequence[str], given: dict[str, Any]) -> list[tuple[str, Any]]:
    """Give each step of a chain the flags it takes (each flag checked by some step)."""
    taken = {name: set(RESAMPLERS[name].options) for name in names}
    return [(name, {k: v for k, v in given.items() if k in taken[name]}) for name in names]


def _cmd_resample(args: argparse.Namespace) -> None:
    out = check_output(args.output, args.force)
    given = _resampling_flags(args)
    _check_flags(args.steps, given, where=f"resample --steps {','.join(args.steps)}")
    df = read_table(args.file)
    steps = _chain_options(args.steps, _with_labels(given, df, args.target))
    result = verbs.resample(df, args.target, steps=steps, random_state=args.seed)
    _write_result(args, out, result)


def parse_chain(text: str, *, allow_none: bool = True) -> str | list[str]:
    """Parse ``--method`` / ``--steps``: one method name, or a comma-separated chain.

    Examples
    --------
    >>> parse_chain("smote"), parse_chain("smote, tomek")
    ('smote', ['smote', 'tomek'])
    """
    names = [part.strip() for part in text.split(",")]
    valid = [*RESAMPLERS, "none"] if allow_none else list(RESAMPLERS)
    unknown = [name for name in names if name not in valid]
    if unknown or not all(names):
        raise argparse.ArgumentTypeError(
            f"{text!r}: unknown method {(unknown or [''])[0]!r}; use one of "
            f"{', '.join(valid)}, or several joined by commas (e.g. smote,tomek)"
        )
    if len(names) > 1 and "none" in names:
        raise argparse.ArgumentTypeError(f"{text!r}: 'none' stands alone, not in a chain")
    return names[0] if len(names) == 1 else names


def _parse_steps(text: str) -> list[str]:
    chain = parse_chain(text, allow_none=False)
    return [chain] if isinstance(chain, str) else chain


def parse_test_size(text: str) -> float | int:
    """Parse ``--test-size``: a whole number is a count of rows, anything else a share.

    ``"200"`` gives the int 200 (rows); ``"0.2"`` the float 0.2 (a share in (0, 1)), as
    ``split_then_resample(test_size=...)`` takes them; the range is checked there.

    Examples
    --------
    >>> parse_test_size("200"), parse_test_size("0.2")
    (200, 0.2)
    """
    value = text.strip()
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is neither a share of rows in (0, 1) like 0.2 nor a number of rows like 200"
        ) from None


def _cmd_split(args: argparse.Namespace) -> None:

    train_out = check_output(args.train_out, args.force)
    test_out = check_output(args.test_out, args.force)
    if train_out.resolve() == test_out.resolve():
        raise CliError("--train-out and --test-out must be different files.")
    given = _resampling_flags(args)
    names = [args.method] if isinstance(args.method, str) else list(args.method)
    if given and names == ["none"]:
        raise CliError(f"split --method none resamples nothing: drop {_flag(next(iter(given)))}.")
    if given:
        _check_flags(names, given, where=f"split --method {','.join(names)}")
    df = read_table(args.file)
    given = _with_labels(given, df, args.target)
    method: Any = args.method
    options: dict[str, Any] = {}
    if isinstance(args.method, str):
        options = given
    elif given:
        method = _chain_options(names, given)
    train, test = verbs.split_then_resample(
        df,
        args.target,
        method=method,
        test_size=args.test_size,
        random_state=args.seed,
        **options,
    )
    write_table(train, train_out)
    write_table(test, test_out)
    print(f"{args.train_out}: {len(train):,} rows ({_counts(train, args.target)})")
    print(f"{args.test_out}: {len(test):,} rows ({_counts(test, args.target)})")


def _counts(df: pd.DataFrame, target: str) -> str:
    return ", ".join(f"{label!r}: {n:,}" for label, n in df[target].value_counts().items())


def _cmd_report(args: argparse.Namespace) -> None:
    df = read_table(args.file)
    rep = verbs.report(df, args.target, k_neighbors=args.k_neighbors)
    print(json.dumps(rep.to_dict(), indent=2) if args.json else rep)


def _parse_candidates(text: str) -> str | list[str]:
    """Parse ``--methods``: ``auto`` or candidate names joined by commas.

    Examples
    --------
    >>> _parse_candidates("auto"), _parse_candidates("none, smote")
    ('auto', ['none', 'smote'])
    """
    names = [part.strip() for part in text.split(",")]
    if names == ["auto"]:
        return "auto"
    valid = ["none", "class_weight", "anomaly", *RESAMPLERS]
    unknown = [name for name in names if name not in valid]
    if unknown or not all(names):
        raise argparse.ArgumentTypeError(
            f"{text!r}: unknown candidate {(unknown or [''])[0]!r}; use auto, or names of "
            f"{', '.join(valid)} joined by commas (e.g. none,class_weight,smote)"
        )
    return names


def _cmd_evaluate(args: argparse.Namespace) -> None:
    df = read_table(args.file)
    ev = verbs.evaluate(
        df,
        args.target,
        estimator=args.model,
        methods=args.methods,
        cv=args.cv,
        random_state=args.seed,
    )
    print(json.dumps(ev.to_dict(), indent=2) if args.json else ev)


def _cmd_demo(args: argparse.Namespace) -> None:
    from pd_imbalance._demo import run_demo

    run_demo(seed=args.seed)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``pd-imbalance``."""
    parser = argparse.ArgumentParser(
        prog="pd-imbalance",
        description="See and fix class imbalance in tabular data.",
    )
    parser.add_argument("--version", action="version", version=f"pd-imbalance {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    rep = sub.add_parser("report", help="describe the imbalance of a label column in a file")
    rep.add_argument("file", help="a .csv or .parquet file")
    rep.add_argument("--target", required=True, help="the label column")
    rep.add_argument("--json", action="store_true", help="print the report as JSON")
    rep.add_argument("--k-neighbors", type=int, default=5, help="SMOTE k (default 5)")
    rep.set_defaults(run=_cmd_report)

    ev = sub.add_parser("evaluate", help="measure which imbalance technique helps a model")
    ev.add_argument("file", help="a .csv or .parquet file")
    ev.add_argument("--target", required=True, help="the label column")
    ev.add_argument(
        "--model", choices=("hgb", "logistic"), default="hgb", help="the model (default hgb)"
    )
    ev.add_argument(
        "--methods",
        type=_parse_candidates,
        default="auto",
        metavar="NAMES",
        help="auto (default) or candidates joined by commas (e.g. none,class_weight,smote)",
    )
    ev.add_argument("--cv", type=int, default=5, help="folds (default 5)")
    ev.add_argument("--seed", type=int, default=None, help="random seed")
    ev.add_argument("--json", action="store_true", help="print the evaluation as JSON")
    ev.set_defaults(run=_cmd_evaluate)

    def file_command(name: str, helptext: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=helptext)
        cmd.add_argument("file", help="a .csv or .parquet file")
        cmd.add_argument("--target", required=True, help="the label column")
        cmd.add_argument("-o", "--output", required=True, help="output .csv or .parquet file")
        cmd.add_argument("--seed", type=int, default=None, help="random seed")
        cmd.add_argument("--force", action="store_true", help="replace an existing output")
        return cmd

    under = file_command("undersample", "drop rows of the larger classes, write the result")
    under.add_argument(
        "--method",
        choices=UNDERSAMPLE_METHODS,
        default="random",
        help="random (default) or a NearMiss version",
    )
    under.add_argument("--n-neighbors", type=int, default=None, help="NearMiss k (default 3)")
    under.add_argument("--k-neighbors", type=int, default=None, help=argparse.SUPPRESS)
    _add_resampling_flags(under)
    under.set_defaults(run=_cmd_undersample)

    over = file_command("oversample", "add rows to the smaller classes, write the result")
    over.add_argument(
        "--method",
        choices=OVERSAMPLE_METHODS,
        default="random",
        help="random copies (default), smote, borderline-1/2 or adasyn",
    )
    over.add_argument("--k-neighbors", type=int, default=None, help="neighbours (default 5)")
    _add_resampling_flags(over)
    over.set_defaults(run=_cmd_oversample)

    smote = file_command("smote", "add synthetic rows to the smaller classes (SMOTE)")
    smote.add_argument("--k-neighbors", type=int, default=None, help="SMOTE k (default 5)")
    _add_resampling_flags(smote)
    smote.set_defaults(run=_cmd_smote)

    clean = file_command("clean", "remove noisy or borderline rows of the larger classes")
    clean.add_argument(
        "--method", choices=CLEAN_METHODS, default="tomek", help="the cleaning rule (default tomek)"
    )
    clean.add_argument("--n-neighbors", type=int, default=None, help="neighbourhood size")
    clean.add_argument("--k-neighbors", type=int, default=None, help=argparse.SUPPRESS)
    _add_resampling_flags(clean)
    clean.set_defaults(run=_cmd_clean)

    chain = file_command("resample", "apply resampling steps in order, write the result")
    chain.add_argument(
        "--steps",
        type=_parse_steps,
        required=True,
        metavar="NAMES",
        help="method names joined by commas, applied in order (e.g. smote,tomek)",
    )
    chain.add_argument(
        "--k-neighbors", type=int, default=None, help="k of the steps that take it (smote, ...)"
    )
    _add_resampling_flags(chain)
    chain.set_defaults(run=_cmd_resample)

    split = sub.add_parser("split", help="stratified split, then resample the training part")
    split.add_argument("file", help="a .csv or .parquet file")
    split.add_argument("--target", required=True, help="the label column")
    split.add_argument("--train-out", required=True, help="training output file")
    split.add_argument("--test-out", required=True, help="test output file")
    split.add_argument(
        "--method",
        type=parse_chain,
        default="smote",
        metavar="NAMES",
        help="what to do to the training part: a method name (default smote; "
        f"{', '.join(RESAMPLERS)}), none, or names joined by commas applied in order "
        "(e.g. smote,tomek)",
    )
    split.add_argument(
        "--test-size",
        type=parse_test_size,
        default=0.25,
        metavar="SIZE",
        help="test share in (0, 1) like 0.2, or a number of test rows like 200 (default 0.25)",
    )
    split.add_argument("--seed", type=int, default=None, help="random seed")
    split.add_argument("--force", action="store_true", help="replace existing outputs")
    split.add_argument(
        "--k-neighbors", type=int, default=None, help="k of the methods that take it"
    )
    _add_resampling_flags(split)
    split.set_defaults(run=_cmd_split)

    demo = sub.add_parser("demo", help="the accuracy paradox and its fixes on bundled real data")
    demo.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    demo.set_defaults(run=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad input)."""
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except (CliError, ImbalanceError, ValueError, TypeError, OSError) as exc:
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
