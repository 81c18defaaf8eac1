"""Label checks as pandera schemas built per operation, turned into our errors.

The schemas run on the *class table* (one row per class, with its count), which holds every
fact the checks need; this keeps validation O(K) after one counting pass instead of several
passes over a 10M-row column. Row-level failure cases (which rows have a missing label) are
computed by a column schema only when there is something to report. Each check is a plain
function of the table, called directly first: a table that passes them all (the usual case)
never builds a schema, so a verb called hundreds of times in cross-validation stays cheap;
pandera runs the same functions to report a failure. pandera is imported only then.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from pd_imbalance._pandas.labels import LabelTable, count_classes, encode_labels
from pd_imbalance._pandas.target import resolve_target
from pd_imbalance._params import MaxClasses, check_max_classes
from pd_imbalance.errors import InsufficientSamplesError, InvalidTargetError, warn

#: With ``max_classes="auto"``: more classes than this are refused when most of them have a
#: single row (an ID column passed as the target by mistake).
MAX_CLASSES = 1000


def pandera() -> Any:
    """Return ``pandera.pandas``, imported on first use (``import pd_imbalance`` stays fast)."""
    import pandera.pandas as pa

    return pa


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """Return ``"1 row"``, ``"2 rows"``, ``"no rows"``: a count with its noun, for messages.

    Examples
    --------
    >>> plural(1, "row"), plural(2, "class", "classes"), plural(0, "class", "classes")
    ('1 row', '2 classes', 'no classes')
    """
    word = noun if n == 1 else (nouns or noun + "s")
    return f"{n:,} {word}" if n else f"no {word}"


def _table_frame(table: LabelTable) -> pd.DataFrame:
    return pd.DataFrame({"label": table.classes.to_numpy(), "count": table.counts})


def _is_integral(classes: pd.Index) -> bool:
    values = classes.to_numpy(dtype=np.float64, na_value=np.nan)
    return bool(np.all(np.isfinite(values) & (values == np.floor(values))))


def _looks_like_ids(counts: np.ndarray) -> bool:
    """More than :data:`MAX_CLASSES` classes, most of them a single row: an ID column."""
    return len(counts) > MAX_CLASSES and int((counts == 1).sum()) * 2 > len(counts)


def _table_checks(table: LabelTable, max_classes: MaxClasses) -> dict[str, Callable[[], bool]]:
    """Return the checks on the class table, by name: each says if the table passes it.

    Defined once: pandera runs them as the checks of the label schema, and
    :func:`check_labels` calls them directly first, so a table that passes every check
    (the usual case: cross-validation calls a verb hundreds of times) costs no schema run.
    """
    checks: dict[str, Callable[[], bool]] = {"at_least_two_classes": lambda: len(table.counts) >= 2}
    if max_classes == "auto":
        checks["not_ids"] = lambda: not _looks_like_ids(table.counts)
    elif max_classes is not None:
        checks["at_most_max_classes"] = lambda: len(table.counts) <= max_classes
    if pd.api.types.is_float_dtype(table.classes.dtype):
        checks["discrete_values"] = lambda: _is_integral(table.classes)
    return checks


def _label_schema(checks: dict[str, Callable[[], bool]]) -> Any:
    pa = pandera()
    schema = pa.DataFrameSchema(
        columns={"count": pa.Column("int64")},
        checks=[
            pa.Check(lambda _d, passes=passes: passes(), name=n) for n, passes in checks.items()
        ],
        name="label classes",
    )
    return schema


def missing_failure_cases(series: pd.Series) -> pd.DataFrame:
    """Return pandera's failure cases for the missing values of ``series`` (the rows)."""
    pa = pandera()
    schema = pa.DataFrameSchema({series.name: pa.Column(nullable=False)}, name="label rows")
    try:
        schema.validate(series.to_frame(), lazy=True)
    except pa.errors.SchemaErrors as err:
        cases: pd.DataFrame = err.failure_cases
        return cases
    return pd.DataFrame()


#: How many classes or rows a message lists before it says how many there are in all.
SHOWN = 5


def sample_text(values: list[object], limit: int = SHOWN) -> str:
    """Return the first ``limit`` values as text, with how many there are in all."""
    shown = ", ".join(repr(v) for v in values[:limit])
    return shown + (f", ... ({len(values)} in all)" if len(values) > limit else "")


def check_labels(
    table: LabelTable, series: pd.Series, operation: str, *, max_classes: MaxClasses
) -> None:
    """Check that a label column can be used as classes at all.

    Checks, in this order: no missing labels, at least 2 classes, not too many classes
    (``max_classes``: ``"auto"`` refuses more than :data:`MAX_CLASSES` classes only when most
    of them have a single row, an ID column; an int is a hard cap; None, no limit), and
    integral values when the dtype is float. Labels where a bool and an equal number meet
    are refused earlier, when the classes are counted
    (:func:`~pd_imbalance._pandas.labels.check_merged_bools`).

    Raises
    ------
    InvalidTargetError
        With a message naming the check, the classes or rows, their counts and the fix, and
        ``failure_cases`` holding pandera's failure cases.
    """
    column = table.column
    if table.n_missing:
        cases = missing_failure_cases(series)
        rows = cases["index"].tolist() if "index" in cases else []
        raise InvalidTargetError(
            f"Label column {column!r} has {plural(table.n_missing, 'missing value')} "
            f"(NaN/None/NA), at rows {sample_text(rows)}. Every row needs a class for "
            f"{operation}: drop them with df.dropna(subset=[{column!r}]) or give them a class "
            "of their own.",
            failure_cases=cases,
        )
    checks = _table_checks(table, max_classes)
    if all(passes() for passes in checks.values()):
        return  # the schema would pass: no need to build and run it
    pa = pandera()
    try:
        _label_schema(checks).validate(_table_frame(table), lazy=True)
    except pa.errors.SchemaErrors as err:
        failed = set(err.failure_cases["check"])
        raise InvalidTargetError(
            " ".join(
                _label_message(check, table, operation, max_classes) for check in sorted(failed)
            ),
            failure_cases=err.failure_cases,
        ) from None


#: How to lift the class-count guard, in the messages.
_LIFT = "pass max_classes=None if these really are the classes (or an int, a hard cap)"


def _label_message(check: str, table: LabelTable, operation: str, max_classes: object) -> str:
    column, labels = table.column, table.labels
    if check == "at_least_two_classes":
        only = f" ({labels[0]!r}: {plural(int(table.counts[0]), 'row')})" if labels else ""
        return (
            f"Label column {column!r} has {plural(len(labels), 'class', 'classes')}{only}; "
            f"{operation} needs at least 2. Check that this is the label column and that no "
            "filter removed a class."
        )
    if check == "not_ids":
        single = int((table.counts == 1).sum())
        return (
            f"Label column {column!r} has {len(labels)} distinct values, more than "
            f"{MAX_CLASSES}, and {single} of them occur in a single row: that looks like an ID "
            f"column, not classes. Pick the label column, bin or group the values first "
            f"(pd.cut, or merge rare ones), or {_LIFT}."
        )
    if check == "at_most_max_classes":
        return (
            f"Label column {column!r} has {len(labels)} distinct values, more than "
            f"max_classes={max_classes}. Pick the label column, bin or group the values first "
            "(pd.cut, or merge rare ones), or pass a larger max_classes (None: no limit)."
        )
    if check == "discrete_values":
        continuous = [v for v in labels if not float(v).is_integer()]  # type: ignore[arg-type]
        return (
            f"Label column {column!r} holds continuous values ({sample_text(continuous)}; "
            f"{len(continuous)} non-integral of {len(labels)} distinct): class labels must be "
            "discrete. Integral floats such as 0.0/1.0 are accepted; bin or threshold a score "
            "first (e.g. pd.cut)."
        )
    return f"Label column {column!r} failed the check {check!r}."


def check_class_sizes(
    table: LabelTable,
    *,
    min_count: int,
    which: np.ndarray | None = None,
    operation: str,
    reason: str,
    fix: str,
) -> None:
    """Check that every class in ``which`` (all classes by default) has ``>= min_count`` rows.

    Raises
    ------
    InsufficientSamplesError
        Naming each class that is too small, its count, why the operation needs more, and
        ``fix``.
    """
    used = table.counts if which is None else table.counts[np.asarray(which, dtype=bool)]
    if bool(np.all(used >= min_count)):
        return  # every class is large enough: the schema would pass
    pa = pandera()
    frame = _table_frame(table)
    if which is not None:
        frame = frame[np.asarray(which, dtype=bool)]
    schema = pa.DataFrameSchema(
        columns={
            "count": pa.Column("int64", pa.Check(lambda s: s >= min_count, name="class_size"))
        },
        name=f"{operation} class sizes",
    )
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        small = frame.loc[err.failure_cases["index"].astype(int).to_list()]
        listed = ", ".join(
            f"{lab!r} ({plural(int(c), 'row')})"
            for lab, c in zip(small["label"], small["count"], strict=True)
        )
        raise InsufficientSamplesError(
            f"{operation} needs at least {min_count} rows in each class it uses ({reason}); "
            f"in label column {table.column!r} too small: {listed}. Fix: {fix}",
            failure_cases=err.failure_cases,
        ) from None


def checked_labels(
    df: pd.DataFrame, target: object, operation: str, *, max_classes: object
) -> tuple[Hashable, LabelTable]:
    """Resolve the label column of ``df``, count its classes and validate them.

    The first two steps of every verb: resolve, validate (``operation`` names the verb in
    messages; ``max_classes`` is the verb's argument, checked here).
    """
    column = resolve_target(df, target)
    limit = check_max_classes(max_classes)
    series = df[column]
    table = count_classes(series)
    check_labels(table, series, operation, max_classes=limit)
    return column, table


def checked_codes(
    df: pd.DataFrame, target: object, operation: str, *, max_classes: object
) -> tuple[Hashable, LabelTable, np.ndarray]:
    """As :func:`checked_labels`, with each row's class code (the encode step) too."""
    column = resolve_target(df, target)
    limit = check_max_classes(max_classes)
    series = df[column]
    table, codes = encode_labels(series)
    check_labels(table, series, operation, max_classes=limit)
    return column, table, codes


def check_smote_class_sizes(table: LabelTable, final_counts: np.ndarray, k_neighbors: int) -> None:
    """Every class that grows needs more than ``k_neighbors`` rows."""
    check_class_sizes(
        table,
        min_count=k_neighbors + 1,
        which=final_counts > table.counts,  # only the classes that grow
        operation="smote",
        reason=f"each row needs k_neighbors={k_neighbors} other rows of its class",
        fix=(
            "use a smaller k_neighbors, copy rows instead with oversample(method='random') "
            "(no neighbours needed), leave the class out with a dict sampling_strategy, "
            "undersample the larger classes instead, or use class weights "
            "(df.imbalance.weights())."
        ),
    )


#: scikit-learn's split options and what the split verbs take instead.
SKLEARN_HABITS = {
    "train_size": (
        "give test_size= (and validation_size=): the training part is the rest of the rows"
    ),
    "shuffle": (
        "rows are always shuffled, seeded by random_state=; for a split in time order "
        "(never shuffled) pass time='<time column>'"
    ),
    "stratify": (
        "the split is stratified by the target column; to stratify on another column pass "
        "it as target=, to keep groups together pass groups='<group column>'"
    ),
}


def check_sklearn_habits(operation: str, options: Mapping[str, object]) -> None:
    """Raise a TypeError that says what to use instead of a scikit-learn split option.

    Examples
    --------
    >>> try:
    ...     check_sklearn_habits("split_then_resample", {"train_size": 0.8})
    ... except TypeError as error:
    ...     print(str(error).split(" (")[0])
    split_then_resample does not take train_size=
    """
    for name, instead in SKLEARN_HABITS.items():
        if name in options:
            raise TypeError(f"{operation} does not take {name}= (a scikit-learn habit): {instead}.")


def check_stratify(stratify: object) -> bool:
    """``stratify`` is True or False; an array of labels gets the scikit-learn hint."""
    if not isinstance(stratify, bool | np.bool_):
        raise TypeError(
            f"stratify= takes True or False here; got {type(stratify).__name__}: "
            f"{SKLEARN_HABITS['stratify']}."
        )
    return bool(stratify)


def check_split(table: LabelTable, n_test: int, test_size: object, *, stratify: bool) -> None:
    """Check that a split of ``table``'s rows with ``n_test`` test rows can be made.

    A stratified split needs two rows of each class and room for one row of each class on
    both sides. Shared by the pandas split and the dask door.
    """
    if not stratify:
        return
    check_class_sizes(
        table,
        min_count=2,
        operation="split_then_resample",
        reason="a stratified split puts each class in both parts",
        fix="drop or merge the class, or pass stratify=False.",
    )
    k = len(table.counts)
    n = int(table.counts.sum())
    if not k <= n_test <= n - k:
        raise ValueError(
            f"test_size={test_size!r} gives {plural(n_test, 'test row')} of {n}; a stratified "
            f"split of {k} classes needs between {k} and {n - k}."
        )


def warn_small_test_classes(
    table: LabelTable, test_counts: np.ndarray, part: str = "The test part"
) -> None:
    """Warn when a class will have fewer than 2 rows in the test part (or ``part``)."""
    small = test_counts < 2
    if small.any():
        entries = [
            f"{label!r} ({plural(int(c), 'test row')})"
            for label, c in zip(
                np.asarray(table.labels, dtype=object)[small][:SHOWN],
                test_counts[small][:SHOWN],
                strict=True,
            )
        ]
        n_small = int(small.sum())
        listed = ", ".join(entries) + (f", ... ({n_small} in all)" if n_small > SHOWN else "")
        warn(
            f"{part} will hold fewer than 2 rows of "
            f"{'class' if n_small == 1 else 'classes'} {listed} of "
            f"{table.column!r}: their test metrics will be meaningless. "
            + (
                "Use a larger test_size or cv_splits()."
                if part == "The test part"
                else "Use fewer folds."
            )
        )
