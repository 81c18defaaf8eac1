"""Resolve the target column and carry it in ``DataFrame.attrs`` (SPEC §3)."""

from __future__ import annotations

import copy
import difflib
import numbers
from collections.abc import Hashable

import pandas as pd

from pd_imbalance.errors import InvalidTargetError, TargetNotFoundError

ATTRS_KEY = "pd_imbalance"


def _columns_hint(df: pd.DataFrame) -> str:
    names = [repr(c) for c in df.columns[:20]]
    more = f" and {len(df.columns) - 20} more" if len(df.columns) > 20 else ""
    return f"[{', '.join(names)}{more}]"


def _check_name_type(target: object) -> Hashable:
    if isinstance(target, bool) or not isinstance(target, str | numbers.Integral):
        raise TypeError(
            f"target must be one column name (a str, or an int for integer-named columns); "
            f"got {type(target).__name__} {target!r}."
        )
    return int(target) if isinstance(target, numbers.Integral) else target


def resolve_target(df: pd.DataFrame, target: object = None) -> Hashable:
    """Return the label column's name: ``target`` if given, else the one set on ``df``.

    Raises
    ------
    TargetNotFoundError
        No target given and none set, or the column does not exist.
    TypeError
        ``target`` is not a single column name.
    """
    if target is None:
        stored = df.attrs.get(ATTRS_KEY, {})
        target = stored.get("target") if isinstance(stored, dict) else None
        if target is None:
            raise TargetNotFoundError(
                "No target column was given and none is set on this DataFrame. Pass "
                "target='your_label', or set it once with df = df.imbalance.set_target("
                f"'your_label'). Columns: {_columns_hint(df)}."
            )
    target = _check_name_type(target)
    if isinstance(df.columns, pd.MultiIndex) and target in df.columns:
        raise TypeError(
            f"Cannot use target {target!r}: DataFrames with MultiIndex columns are not "
            "supported. Flatten them first, e.g. df.columns = ['_'.join(map(str, c)) for c in "
            "df.columns]."
        )
    if target not in df.columns:
        close = difflib.get_close_matches(str(target), [str(c) for c in df.columns], n=3)
        hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
        if isinstance(df.columns, pd.MultiIndex):
            hint += " MultiIndex columns are not supported: flatten them first."
        raise TargetNotFoundError(
            f"Target column {target!r} is not in the DataFrame.{hint} Columns: {_columns_hint(df)}."
        )
    if int((df.columns == target).sum()) > 1:
        raise InvalidTargetError(
            f"Target column {target!r} appears {int((df.columns == target).sum())} times; "
            "column names must be unique. Rename the duplicates first."
        )
    return target


def stamp_target(out: pd.DataFrame, target: Hashable) -> pd.DataFrame:
    """Record ``target`` in ``out.attrs`` (in place on a frame we created) and return it."""
    attrs = copy.deepcopy(dict(out.attrs))
    attrs[ATTRS_KEY] = {"target": target}
    out.attrs = attrs
    return out


def set_target(df: pd.DataFrame, target: str) -> pd.DataFrame:
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
