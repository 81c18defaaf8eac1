"""Resolve the target column and carry it in ``DataFrame.attrs``."""

from __future__ import annotations

import copy
import difflib
import numbers
from collections.abc import Hashable
from typing import Any

import pandas as pd

from pd_imbalance.errors import InvalidTargetError, TargetNotFoundError

ATTRS_KEY = "pd_imbalance"


def columns_hint(df: pd.DataFrame) -> str:
    """Return the first 20 column names, for messages."""
    names = [repr(c) for c in df.columns[:20]]
    more = f" and {len(df.columns) - 20} more" if len(df.columns) > 20 else ""
    return f"[{', '.join(names)}{more}]"


#: How to add each kind of column we read, for the message when it is missing.
_ADD_HINTS = {
    "predictions": "Add the model's output as a column first, e.g. df[{c!r}] = model.predict(X).",
    "scores": "Add the model's scores as a column first, e.g. "
    "df[{c!r}] = model.predict_proba(X)[:, 1].",
}


def resolve_column(df: pd.DataFrame, name: object, role: str = "target") -> Hashable:
    """Return ``name`` if it names exactly one column of ``df``; ``role`` names the parameter.

    The one column-resolution rule of every verb, for the target and for model-output
    columns (``role="predictions"`` / ``"scores"``).

    Raises
    ------
    TargetNotFoundError
        The column does not exist (the message lists the columns and close matches).
    InvalidTargetError
        The name appears more than once among the columns.
    TypeError
        ``name`` is not a single column name, or the columns are a MultiIndex.

    Examples
    --------
    >>> resolve_column(pd.DataFrame({"y": [0, 1]}), "y")
    'y'
    """
    if isinstance(name, bool) or not isinstance(name, str | numbers.Integral):
        raise TypeError(
            f"{role} must be one column name (a str, or an int for integer-named columns); "
            f"got {type(name).__name__} {name!r}."
        )
    column: Hashable = int(name) if isinstance(name, numbers.Integral) else name
    if isinstance(df.columns, pd.MultiIndex) and column in df.columns:
        raise TypeError(
            f"Cannot use {role} {column!r}: DataFrames with MultiIndex columns are not "
            "supported. Flatten them first, e.g. df.columns = ['_'.join(map(str, c)) for c in "
            "df.columns]."
        )
    if column not in df.columns:
        close = difflib.get_close_matches(str(column), [str(c) for c in df.columns], n=3)
        hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
        if isinstance(df.columns, pd.MultiIndex):
            hint += " MultiIndex columns are not supported: flatten them first."
        given = "" if role == "target" else f" (given as {role}=)"
        add = _ADD_HINTS.get(role, "").format(c=column)
        raise TargetNotFoundError(
            f"{role.capitalize()} column {column!r}{given} is not in the DataFrame.{hint} "
            f"Columns: {columns_hint(df)}.{' ' + add if add else ''}"
        )
    if df.columns.is_unique:  # cached on the Index: the usual case costs no comparison
        return column
    n_same = int((df.columns == column).sum())
    if n_same > 1:
        raise InvalidTargetError(
            f"{role.capitalize()} column {column!r} appears {n_same} times; column names must "
            "be unique. Rename the duplicates first."
        )
    return column


def resolve_target(df: pd.DataFrame, target: object = None) -> Hashable:
    """Return the label column's name: ``target`` if given, else the one set on ``df``.

    Raises
    ------
    TargetNotFoundError
        No target given and none set, or the column does not exist.
    TypeError
        ``target`` is not a single column name.
    """
    if target is not None:
        return resolve_column(df, target, "target")
    stored = get_target(df)
    if stored is None:
        raise TargetNotFoundError(
            "No target column was given and none is set on this DataFrame. Pass "
            "target='your_label', or set it once with df = df.imbalance.set_target("
            f"'your_label'). Columns: {columns_hint(df)}."
        )
    try:
        return resolve_column(df, stored, "target")
    except TargetNotFoundError:
        raise stale_target_error(df, stored) from None


def stale_target_error(df: pd.DataFrame, stored: object) -> TargetNotFoundError:
    """Return the error for a target set on ``df`` whose column is gone (renamed or dropped).

    Examples
    --------
    >>> df = set_target(pd.DataFrame({"y": [0, 1]}), "y").rename(columns={"y": "label"})
    >>> print(stale_target_error(df, "y"))  # doctest: +NORMALIZE_WHITESPACE
    Target column 'y' was set on this DataFrame (by set_target, kept in
    df.attrs['pd_imbalance']['target']) but is no longer one of its columns: was it renamed
    or dropped? Set the target again, e.g. df = df.imbalance.set_target('your_label'), or
    pass target='your_label'. Columns: ['label'].
    """
    close = difflib.get_close_matches(str(stored), [str(c) for c in df.columns], n=1)
    new = close[0] if close else "your_label"  # a close match may be the renamed column
    return TargetNotFoundError(
        f"Target column {stored!r} was set on this DataFrame (by set_target, kept in "
        f"df.attrs[{ATTRS_KEY!r}]['target']) but is no longer one of its columns: was it "
        "renamed or dropped? Set the target again, e.g. df = df.imbalance.set_target("
        f"{new!r}), or pass target={new!r}. Columns: {columns_hint(df)}."
    )


def stamp_target(
    out: pd.DataFrame,
    target: Hashable,
    counts: tuple[dict[Any, int], dict[Any, int]] | None = None,
) -> pd.DataFrame:
    """Record ``target`` in ``out.attrs`` (in place on a frame we created) and return it.

    ``counts``, from a resampling verb, is ``(before, after)``: ``{class: rows}`` of the
    input and of ``out`` (JSON-safe, see :func:`~pd_imbalance._pandas.records.count_record`),
    stored as ``"counts_before"`` and ``"counts_after"``.
    """
    attrs = copy.deepcopy(dict(out.attrs))
    entry: dict[str, Any] = {"target": target}
    if counts is not None:
        entry["counts_before"], entry["counts_after"] = counts
    attrs[ATTRS_KEY] = entry
    out.attrs = attrs
    return out


def set_target(df: pd.DataFrame, target: Hashable) -> pd.DataFrame:
    """Return a shallow copy of ``df`` whose target column is ``target``.

    This function does not mutate the original DataFrame.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": [1, 2, 3], "y": ["a", "a", "b"]})
    >>> set_target(df, "y").attrs["pd_imbalance"]
    {'target': 'y'}
    >>> df.attrs
    {}
    """
    column = resolve_target(df, target)
    return stamp_target(df.copy(deep=False), column)


def get_target(df: pd.DataFrame) -> Hashable | None:
    """Return the target column set on ``df``, or None."""
    stored = df.attrs.get(ATTRS_KEY, {})
    return stored.get("target") if isinstance(stored, dict) else None
