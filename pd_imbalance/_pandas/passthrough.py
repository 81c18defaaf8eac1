"""Columns kept out of the distance (``passthrough=``) and SMOTE's ``groups=`` column.

A passthrough column (an ID, a sample weight, a group or time column) is never a feature:
no neighbour search reads it, no value of it is interpolated or voted on. Kept rows keep
their value; a new row copies its base row's value (for a random copy: the copied row's).
The verbs check the names once (:func:`check_passthrough`), encode the features of the
frame without them (:func:`feature_frame`) and materialize the full frame.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from pd_imbalance.errors import InsufficientSamplesError, InvalidFeaturesError

__all__ = ["check_passthrough", "feature_frame", "group_codes", "take_column"]

#: What ``passthrough=`` accepts.
Passthrough = Sequence[Hashable] | None


def check_passthrough(
    passthrough: object,
    df: pd.DataFrame,
    target: Hashable,
    *,
    verb: str,
    groups: Hashable | None = None,
    categorical: object = "auto",
) -> list[Hashable]:
    """Return the checked passthrough columns (``groups``, when given, among them).

    ``passthrough`` is None, one column name, or a list of names; every name must be a column
    of ``df`` other than the target, listed once, and not also named in ``categorical``.

    Examples
    --------
    >>> df = pd.DataFrame({"id": [1, 2], "x": [0.0, 1.0], "y": [0, 1]})
    >>> check_passthrough(["id"], df, "y", verb="smote")
    ['id']
    >>> try:
    ...     check_passthrough(["y"], df, "y", verb="smote")
    ... except ValueError as error:
    ...     print(str(error).split(";")[0])
    smote(passthrough=...) names the target column 'y'
    """
    if passthrough is None:
        names: list[Hashable] = []
    elif isinstance(passthrough, str) or not isinstance(
        passthrough, Sequence | set | pd.Index | np.ndarray
    ):
        if isinstance(passthrough, Hashable) and passthrough in df.columns:
            names = [passthrough]  # one column name
        elif isinstance(passthrough, str):
            names = [passthrough]  # reported as not a column below
        else:
            raise TypeError(
                f"{verb}(passthrough=...) must be a list of column names; got "
                f"{type(passthrough).__name__}."
            )
    else:
        names = list(passthrough)
    twice = sorted({repr(c) for c in names if names.count(c) > 1})
    if twice:
        raise ValueError(
            f"{verb}(passthrough=...) lists {', '.join(twice)} more than once; name each "
            "column once."
        )
    if target in names:
        raise ValueError(
            f"{verb}(passthrough=...) names the target column {target!r}; the label is never "
            "a feature, so it cannot be passed through. Drop it from passthrough."
        )
    unknown = [c for c in names if c not in df.columns]
    if unknown:
        raise ValueError(
            f"{verb}(passthrough=...) names {unknown!r}, which are not columns of the frame; "
            f"its columns: {list(df.columns)!r}."
        )
    if groups is not None:
        if groups == target:
            raise ValueError(
                f"{verb}(groups={groups!r}) names the target column; give the column that "
                "says which group (patient, customer, ...) each row belongs to."
            )
        if groups not in df.columns:
            raise ValueError(
                f"{verb}(groups={groups!r}): no such column; its columns: {list(df.columns)!r}."
            )
        if groups not in names:
            names.append(groups)
    if not isinstance(categorical, str) and isinstance(categorical, Sequence | set | pd.Index):
        both = [c for c in names if c in set(categorical)]
        if both:
            raise ValueError(
                f"{verb}: {both!r} named both in categorical (a feature, voted on) and in "
                "passthrough or groups (never a feature, copied from the base row); name "
                "each column in one of them."
            )
    if names and len(names) == len(df.columns) - 1:
        raise InvalidFeaturesError(
            f"{verb}: every column besides the label {target!r} is passed through "
            f"({names!r}), so there is no feature left to measure distances on. Keep at "
            "least one feature column out of passthrough."
        )
    return names


def feature_frame(df: pd.DataFrame, passthrough: list[Hashable]) -> pd.DataFrame:
    """Return ``df`` without the passthrough columns (``df`` itself when there are none)."""
    if not passthrough:
        return df
    return df.drop(columns=passthrough)  # copy-on-write: no data is copied


def take_column(series: pd.Series, positions: np.ndarray) -> Any:
    """Return the values of ``series`` at ``positions`` in its own dtype (NaN, nulls kept)."""
    return series.array.take(positions)


def group_codes(
    df: pd.DataFrame,
    groups: Hashable | None,
    within_groups: bool,
    codes: np.ndarray,
    grown: np.ndarray,
    k: int | None,
    *,
    verb: str,
    class_labels: list[Any],
) -> np.ndarray | None:
    """Return each row's group code for a search within groups, or None without one.

    With ``within_groups=True`` the group column must be complete in the classes that grow,
    and each of their groups needs more than ``k`` rows of the class (else an
    :class:`~pd_imbalance.errors.InsufficientSamplesError` naming the class, the group and
    its count).
    """
    if not within_groups:
        return None
    if groups is None:
        raise ValueError(
            f"{verb}(within_groups=True) searches neighbours within each group: name the "
            "group column with groups=... (e.g. groups='patient_id')."
        )
    values, uniques = pd.factorize(df[groups], use_na_sentinel=True)
    values = np.asarray(values, dtype=np.intp)
    in_grown = grown[codes]
    n_missing = int(np.count_nonzero(in_grown & (values < 0)))
    if n_missing:
        raise InvalidFeaturesError(
            f"{verb}(groups={groups!r}, within_groups=True): {n_missing:,} row(s) of the "
            "classes that grow have no group (missing values in the group column). Fill "
            "them (e.g. each with its own group) or drop those rows first."
        )
    if k is not None:
        for c in np.flatnonzero(grown):
            sizes = np.bincount(values[codes == c], minlength=len(uniques))
            small = np.flatnonzero((sizes > 0) & (sizes <= k))
            if len(small):
                g = small[np.argmin(sizes[small])]
                more = f" (and {len(small) - 1:,} more such groups)" if len(small) > 1 else ""
                raise InsufficientSamplesError(
                    f"{verb}(groups={groups!r}, within_groups=True) needs more than "
                    f"k_neighbors={k} rows of each group in every class that grows; group "
                    f"{uniques[g]!r} has {int(sizes[g])} row(s) of class {class_labels[c]!r}"
                    f"{more}. Fix: a smaller k_neighbors, within_groups=False (neighbours "
                    "from any group; every new row still takes its base row's group), or "
                    "merge or drop the small groups."
                )
    return values
