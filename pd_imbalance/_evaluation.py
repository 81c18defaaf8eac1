"""The pandas boundary for model outputs: predicted-label and score columns, the positive class.

Shared by :func:`pd_imbalance.report` (``predictions=``, ``scores=``) and
:func:`pd_imbalance.tune_threshold`, so both read columns, check them and pick the positive
class the same way.
"""

from __future__ import annotations

import difflib
import numbers
from collections.abc import Hashable

import numpy as np
import pandas as pd

from pd_imbalance._frame import LabelTable, label_table
from pd_imbalance._target import _columns_hint
from pd_imbalance._validation import _missing_failure_cases, _pandera, _sample
from pd_imbalance.errors import InvalidFeaturesError, InvalidTargetError, TargetNotFoundError


def model_column(df: pd.DataFrame, name: object, role: str) -> Hashable:
    """Return ``name`` if it is one existing, unique column of ``df``.

    ``role`` names the parameter in messages (``"predictions"``, ``"scores"``).

    Raises
    ------
    TargetNotFoundError
        The column does not exist (the message lists the columns and close matches).
    TypeError
        ``name`` is not a single column name.
    ValueError
        The name appears more than once among the columns.
    """
    if isinstance(name, bool) or not isinstance(name, str | numbers.Integral):
        raise TypeError(
            f"{role} must be one column name (a str, or an int for integer-named columns); "
            f"got {type(name).__name__} {name!r}."
        )
    column: Hashable = int(name) if isinstance(name, numbers.Integral) else name
    if column not in df.columns:
        close = difflib.get_close_matches(str(column), [str(c) for c in df.columns], n=3)
        hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
        raise TargetNotFoundError(
            f"{role.capitalize()} column {column!r} (given as {role}=) is not in the "
            f"DataFrame.{hint} Columns: {_columns_hint(df)}. Add the model's output as a "
            f"column first, e.g. df[{column!r}] = model.predict(X)."
            if role == "predictions"
            else f"{role.capitalize()} column {column!r} (given as {role}=) is not in the "
            f"DataFrame.{hint} Columns: {_columns_hint(df)}. Add the model's scores as a "
            f"column first, e.g. df[{column!r}] = model.predict_proba(X)[:, 1]."
        )
    n_same = int((df.columns == column).sum())
    if n_same > 1:
        raise ValueError(
            f"{role.capitalize()} column {column!r} appears {n_same} times; column names must "
            "be unique. Rename the duplicates first."
        )
    return column


def require_binary(table: LabelTable, what: str) -> None:
    """Raise a ValueError unless the label has exactly two classes."""
    if len(table.classes) != 2:
        raise ValueError(
            f"{what} needs a binary label, but target {table.column!r} has "
            f"{len(table.classes)} classes ({_sample(table.labels)}). For a multi-class "
            "label, score one class against the rest: make a binary column first, e.g. "
            f"df['is_x'] = df[{table.column!r}] == 'x'."
        )


def _same(label: object, value: object) -> bool:
    try:
        return bool(label == value)
    except (TypeError, ValueError):
        return False


def positive_code(table: LabelTable, pos_label: object) -> int:
    """Return the class code of the positive class of a binary label.

    Rule: an explicit ``pos_label`` must be one of the classes. Otherwise, labels 0/1 (also
    False/True, 0.0/1.0) take 1 (True); any other pair takes the minority class. Two equally
    frequent classes that are not 0/1 need an explicit ``pos_label``.

    Raises
    ------
    ValueError
        ``pos_label`` is not a class, or no default exists (a tie of non-0/1 classes).
    """
    labels = table.labels
    if pos_label is not None:
        matches = [i for i, label in enumerate(labels) if _same(label, pos_label)]
        if not matches:
            raise ValueError(
                f"pos_label={pos_label!r} is not a class of target {table.column!r}; its "
                f"classes are {_sample(labels)}. Pass one of them (same value and type)."
            )
        return matches[0]
    ones = [i for i, label in enumerate(labels) if _same(label, 1)]
    zeros = [i for i, label in enumerate(labels) if _same(label, 0)]
    if len(ones) == 1 and len(zeros) == 1:
        return ones[0]
    if table.counts[0] == table.counts[1]:
        raise ValueError(
            f"Target {table.column!r} has two equally frequent classes ({_sample(labels)}, "
            f"{int(table.counts[0])} rows each) and they are not 0/1 or False/True, so there "
            "is no default positive class. Pass pos_label= naming the class the scores are "
            "for."
        )
    return int(np.argmin(table.counts))


def score_values(df: pd.DataFrame, column: Hashable, operation: str) -> np.ndarray:
    """Return a score column as finite float64 values.

    Raises
    ------
    InvalidFeaturesError
        The column is not numeric (bool counts as not numeric), or holds NaN/NA or infinite
        values.
    """
    series = df[column]
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
        raise InvalidFeaturesError(
            f"{operation} needs numeric scores, but scores column {column!r} has dtype "
            f"{dtype}. Pass a column of scores for the positive class, e.g. "
            f"df[{column!r}] = model.predict_proba(X)[:, 1]; predicted labels go to "
            "predictions= in report()."
        )
    values = np.asarray(series.to_numpy(dtype=np.float64, na_value=np.nan))
    missing = np.isnan(values)
    infinite = np.isinf(values)
    if missing.any() or infinite.any():
        parts = [f"{int(missing.sum())} missing"] if missing.any() else []
        parts += [f"{int(infinite.sum())} infinite"] if infinite.any() else []
        rows = series.index[missing | infinite].tolist()
        raise InvalidFeaturesError(
            f"{operation} needs a finite score on every row; scores column {column!r} has "
            f"{', '.join(parts)} value(s), at rows {_sample(rows)}. Drop those rows "
            f"(df[df[{column!r}].notna()]) or fix the model output first."
        )
    return values


def _listing(items: list[str], limit: int = 5) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f", ... ({len(items)} in all)" if len(items) > limit else "")


def _unknown_failure_cases(predicted: LabelTable, known: np.ndarray) -> pd.DataFrame:
    pa = _pandera()
    frame = pd.DataFrame({"label": predicted.classes.to_numpy(), "count": predicted.counts})
    mask = pd.Series(known, index=frame.index)
    schema = pa.DataFrameSchema(
        {"label": pa.Column(checks=pa.Check(lambda s: mask.loc[s.index], name="known_label"))},
        name="predicted labels",
    )
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases: pd.DataFrame = err.failure_cases
        return cases
    return pd.DataFrame()  # pragma: no cover - only called when some label is unknown


def prediction_codes(df: pd.DataFrame, column: Hashable, table: LabelTable) -> np.ndarray:
    """Return the class codes (as in ``table``) of the predicted labels in ``column``.

    Raises
    ------
    InvalidTargetError
        Missing predictions, or predicted labels that are not classes of the target (named
        with their row counts), with pandera's failure cases.
    """
    series = df[column]
    predicted = label_table(series)
    if predicted.n_missing:
        cases = _missing_failure_cases(series)
        rows = cases["index"].tolist() if "index" in cases else []
        raise InvalidTargetError(
            f"Predictions column {column!r} has {predicted.n_missing} missing value(s), at "
            f"rows {_sample(rows)}. Every row needs a predicted class; drop those rows or "
            "fill them first.",
            failure_cases=cases,
        )
    known = table.classes.get_indexer(predicted.classes) >= 0
    if not known.all():
        unknown = [
            f"{label!r} ({int(count)} row{'s' if count != 1 else ''})"
            for label, count, ok in zip(predicted.labels, predicted.counts, known, strict=True)
            if not ok
        ]
        raise InvalidTargetError(
            f"Predictions column {column!r} holds label(s) that are not classes of target "
            f"{table.column!r}: {_listing(unknown)}. Classes of {table.column!r}: "
            f"{_sample(table.labels)}. Predictions must use the target's values and types "
            f"(1 is neither '1' nor True): map them first, e.g. "
            f"df[{column!r}].map({{...}}).",
            failure_cases=_unknown_failure_cases(predicted, known),
        )
    codes = table.classes.get_indexer(pd.Index(series, copy=False))
    return np.asarray(codes, dtype=np.intp)
