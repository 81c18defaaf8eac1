"""The keys a split can follow besides the labels: a group per row, a time per row.

``groups=`` and ``time=`` of the split verbs take a column name or values aligned with the
frame (an array of its length, or a Series with its index). Both are checked here, once, for
the pandas verbs and the dask door.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd

from pd_imbalance.errors import InsufficientSamplesError

__all__ = [
    "Cutoff",
    "GroupCodes",
    "Key",
    "TestSize",
    "aligned",
    "check_cutoff",
    "check_groups_hold_classes",
    "check_time_dtype",
    "group_codes",
    "is_cutoff",
    "time_values",
]

#: A cut-off time: rows at or after it form the later part.
Cutoff = pd.Timestamp | datetime.datetime | datetime.date | np.datetime64 | str
#: A split key: a column name, or one value per row (an array, or a Series on the index).
Key = Hashable | np.ndarray | pd.Series | pd.Index | list[Any] | None
#: ``test_size``: a share of rows, a number of rows, or (with ``time=``) a cut-off time.
TestSize = float | Cutoff


def is_cutoff(value: object) -> bool:
    """Tell whether ``value`` names a point in time (a ``test_size=`` cut-off)."""
    return isinstance(value, pd.Timestamp | datetime.date | np.datetime64 | str)


def aligned(df: pd.DataFrame, key: object, argument: str, target: Hashable) -> pd.Series:
    """Return ``key`` (a column name, or values aligned with ``df``) as a Series on df's index."""
    if isinstance(key, pd.Series):
        if len(key) != len(df) or not key.index.equals(df.index):
            raise ValueError(
                f"{argument}= as a Series must have the frame's index ({len(df)} rows); got "
                f"{len(key)} rows{'' if len(key) != len(df) else ' with another index'}. "
                f"Pass a column name, or align it first ({argument}=s.reindex(df.index))."
            )
        return key
    if isinstance(key, np.ndarray | pd.Index | pd.api.extensions.ExtensionArray | list | tuple):
        if len(key) != len(df):
            raise _wrong_length(argument, len(key), len(df))
        return pd.Series(key if not isinstance(key, tuple) else list(key), index=df.index)
    if isinstance(key, Hashable) and key in df.columns:
        if key == target:
            raise ValueError(
                f"{argument}={key!r} is the target column; give the column that holds the "
                f"{'group' if argument == 'groups' else 'time'} of each row."
            )
        n_named = int((df.columns == key).sum())
        if n_named > 1:
            raise ValueError(f"{argument}={key!r} names {n_named} columns; rename them.")
        column: pd.Series = df[key]
        return column
    raise ValueError(
        f"{argument}={key!r} is not a column of the frame (columns: {list(df.columns)[:10]}); "
        f"give a column name or {len(df)} values aligned with the rows."
    )


def _wrong_length(argument: str, n_values: int, n_rows: int) -> ValueError:
    return ValueError(
        f"{argument}= has {n_values} values but the frame has {n_rows} rows; give one value "
        "per row (or a column name)."
    )


class GroupCodes:
    """The groups of the rows as codes ``0..G-1`` and the group values."""

    def __init__(self, codes: np.ndarray, uniques: pd.Index) -> None:
        self.codes = codes
        self.uniques = uniques

    @property
    def n_groups(self) -> int:
        """How many groups there are."""
        return len(self.uniques)


def group_codes(values: pd.Series, name: str) -> GroupCodes:
    """Factorize the group of each row; a missing group is an error.

    Examples
    --------
    >>> group_codes(pd.Series(["b", "a", "b"]), "groups").codes.tolist()
    [0, 1, 0]
    """
    try:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    except TypeError as exc:
        raise TypeError(
            f"the groups in {name} cannot be compared ({exc}); use one type (e.g. str)."
        ) from None
    missing = codes < 0
    if missing.any():
        first = values.index[int(np.argmax(missing))]
        raise ValueError(
            f"{name} has {int(missing.sum())} missing values (first at index {first!r}); "
            "every row needs a group. Fill them (e.g. each with its own id) or drop those rows."
        )
    return GroupCodes(np.asarray(codes, dtype=np.int64), pd.Index(uniques))


def check_time_dtype(dtype: Any, name: str) -> None:
    """Raise a TypeError unless ``dtype`` holds points in time."""
    if not pd.api.types.is_datetime64_any_dtype(dtype):
        raise TypeError(
            f"{name} must hold dates and times (datetime64 or a pyarrow timestamp); got dtype "
            f"{dtype}. Parse it first: df[col] = pd.to_datetime(df[col])."
        )


def time_values(values: pd.Series, name: str) -> np.ndarray:
    """Return each row's time as int64 nanoseconds (UTC for zoned times); NaT is an error.

    Examples
    --------
    >>> time_values(pd.Series(pd.to_datetime(["1970-01-01", "1970-01-02"])), "time").tolist()
    [0, 86400000000000]
    """
    check_time_dtype(values.dtype, name)
    missing = values.isna().to_numpy()
    if missing.any():
        first = values.index[int(np.argmax(missing))]
        raise ValueError(
            f"{name} has {int(missing.sum())} missing times (NaT; first at index {first!r}); "
            "a time-ordered split needs a time on every row. Drop or fill them."
        )
    if getattr(values.dt, "tz", None) is not None:
        values = values.dt.tz_convert(None)
    out: np.ndarray = values.astype("datetime64[ns]").to_numpy().view(np.int64)
    return out


def check_cutoff(cutoff: object, values: pd.Series, name: str) -> int:
    """Return a cut-off time as int64 nanoseconds comparable with :func:`time_values`."""
    try:
        stamp = pd.Timestamp(cutoff)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"test_size={cutoff!r} is not a point in time.") from None
    if pd.isna(stamp):
        raise ValueError(f"test_size={cutoff!r} is not a point in time (NaT).")
    zoned = getattr(values.dt, "tz", None) is not None
    if zoned != (stamp.tz is not None):
        raise ValueError(
            f"test_size={cutoff!r} is {'zoned' if stamp.tz is not None else 'naive'} but the "
            f"times in {name} are {'zoned' if zoned else 'naive'}; give a "
            f"{'zoned' if zoned else 'naive'} cut-off."
        )
    if stamp.tz is not None:
        stamp = stamp.tz_convert(None)
    return int(stamp.as_unit("ns").value)


def check_groups_hold_classes(
    pair_group: np.ndarray,
    pair_class: np.ndarray,
    labels: list[object],
    uniques: pd.Index,
    name: str,
) -> None:
    """Check that every class is in two groups at least (a stratified grouped split)."""
    groups_per_class = np.bincount(pair_class, minlength=len(labels))
    lonely = np.flatnonzero(groups_per_class == 1)
    if len(lonely):
        c = int(lonely[0])
        group = uniques[int(pair_group[np.flatnonzero(pair_class == c)[0]])]
        raise InsufficientSamplesError(
            f"class {labels[c]!r} lies entirely in group {group!r} of {name}: a grouped "
            "split cannot put it in both parts. Stratification is impossible; merge or drop "
            "the class, or pass stratify=False."
        )
