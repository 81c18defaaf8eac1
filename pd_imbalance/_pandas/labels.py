"""Label columns as arrays: the class table and compact per-row class codes.

Everything pandas-specific about labels lives here; the core only sees codes and counts.
Validation of the table is :mod:`pd_imbalance._pandas.checks`.
"""

from __future__ import annotations

import numbers
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pd_imbalance._core.codes import (
    count_codes,
    count_small_range_ints,
    remap_codes,
    small_range_codes,
)
from pd_imbalance._pandas.features import hashable_values
from pd_imbalance.errors import InvalidTargetError


@dataclass(frozen=True)
class LabelTable:
    """The classes of a label column and how many rows each has.

    Attributes
    ----------
    column : hashable
        Name of the label column.
    classes : pandas.Index
        Observed classes, sorted, with the label column's dtype (float32 for float16 labels,
        the dense values for pyarrow dictionary labels).
    counts : ndarray of int64
        Rows per class, aligned with ``classes``.
    n_missing : int
        Rows whose label is missing (NaN, None, NA).
    """

    column: Hashable
    classes: pd.Index
    counts: np.ndarray
    n_missing: int

    @property
    def labels(self) -> list[object]:
        """The classes as plain Python objects (for messages and dict lookups)."""
        return list(self.classes.tolist())


def unusable_labels(column: Hashable, series: pd.Series, exc: TypeError) -> InvalidTargetError:
    """Return the error for a label column whose values cannot serve as classes."""
    kinds = sorted({type(v).__name__ for v in series.dropna().head(10_000)})
    if not all(isinstance(v, str | int | float | bool) for v in series.dropna().head(100)):
        detail = f"it holds values that are not usable as classes ({', '.join(kinds)})"
    else:
        detail = (
            f"it mixes value types ({', '.join(kinds)}), so e.g. 1 and '1' would be "
            "different classes"
        )
    return InvalidTargetError(
        f"Label column {column!r} cannot be used: {detail}. Convert it to one type first, "
        f"e.g. df[{column!r}] = df[{column!r}].astype(str). ({exc})"
    )


#: What :func:`pandas.api.types.infer_dtype` says about labels equal to 0 (or 1), as the kinds of
#: value it found among them.
_KINDS_OF_INFERRED = {
    "boolean": frozenset({"bool"}),
    "integer": frozenset({"int"}),
    "floating": frozenset({"float"}),
    "decimal": frozenset({"float"}),
    "mixed-integer-float": frozenset({"int", "float"}),
    "mixed-integer": frozenset({"bool", "int"}),
    "mixed": frozenset({"bool", "float"}),
}
#: The numbers a bool equals.
_ZERO_ONE: tuple[object, ...] = (0, 1)
#: Every object a bool label can be, for False and for True: Python's and numpy's (singletons).
_BOOL_OBJECTS = ((False, np.False_), (True, np.True_))


def _is_bool(value: object) -> bool:
    return isinstance(value, bool | np.bool_)


def may_merge_bools(dtype: object, classes: Iterable[object]) -> bool:
    """Whether an ``object`` column with these classes may hold a bool and an equal number.

    ``False == 0`` and ``True == 1`` hash alike, so counting merges them into one class; only
    then is a look at the rows needed. O(number of classes).
    """
    if dtype != np.dtype(object):
        return False
    return any(_is_bool(v) or (isinstance(v, numbers.Number) and v in _ZERO_ONE) for v in classes)


def _number_class_size(table: LabelTable, number: int) -> int:
    """Rows of the class that equals ``number`` (0 or 1), bools included; O(classes)."""
    return sum(
        int(count)
        for label, count in zip(table.labels, table.counts, strict=True)
        if (_is_bool(label) or isinstance(label, numbers.Number)) and label == number
    )


def bool_rows(series: pd.Series) -> tuple[int, int] | None:
    """Return how many rows hold ``False`` and how many ``True`` (bool objects, not 0 / 1).

    Bools are singletons (Python's two, numpy's two cached scalars), so the object array's
    pointers are compared with theirs: a numpy pass, no Python call per row. None when the
    array cannot be read that way (callers then take the exact path). The dask door calls
    this per partition and sums.

    Examples
    --------
    >>> bool_rows(pd.Series([0, False, 1, True, np.True_, 1.0], dtype=object))
    (1, 2)
    """
    values = np.ascontiguousarray(series.to_numpy(dtype=object))
    if not len(values):
        return 0, 0
    try:
        pointers = np.frombuffer(values, dtype=np.uintp)
    except (TypeError, ValueError, BufferError):  # pragma: no cover - any CPython array reads
        return None
    n_false, n_true = (
        sum(int(np.count_nonzero(pointers == id(obj))) for obj in objects)
        for objects in _BOOL_OBJECTS
    )
    return n_false, n_true


def suspect_merged_bools(table: LabelTable, bools: tuple[int, int] | None) -> bool:
    """Whether the class equal to 0 or to 1 holds some bools, but not only bools.

    ``bools`` is :func:`bool_rows`'s answer (None: unknown, so suspect). O(classes).
    """
    if bools is None:
        return True
    return any(
        0 < n_bool < _number_class_size(table, number) for number, n_bool in enumerate(bools)
    )


def bool_number_kinds(series: pd.Series) -> dict[int, frozenset[str]]:
    """Return the kinds of value (``"bool"``, ``"int"``, ``"float"``) among labels equal to 0 / 1.

    The exact look, taken only when :func:`suspect_merged_bools` says so: two C-level
    comparisons (with 0 and with 1) and ``infer_dtype`` on the matching values, no Python
    loop over the rows. The dask door calls this per partition and unites the answers.
    ``series`` holds no missing values.

    Examples
    --------
    >>> kinds = bool_number_kinds(pd.Series([0, False, 1, "a"], dtype=object))
    >>> {number: sorted(found) for number, found in kinds.items()}
    {0: ['bool', 'int'], 1: ['int']}
    """
    values = series.to_numpy(dtype=object)
    kinds: dict[int, frozenset[str]] = {}
    for number in (0, 1):
        hits = values[np.asarray(values == number, dtype=bool)]
        if len(hits):
            inferred = pd.api.types.infer_dtype(hits, skipna=True)
            kinds[number] = _KINDS_OF_INFERRED.get(inferred, frozenset())
    return kinds


def merged_bools_error(
    column: Hashable, kinds: Mapping[int, frozenset[str]]
) -> InvalidTargetError | None:
    """Return the error for labels where a bool and an equal number would be one class.

    ``kinds`` is :func:`bool_number_kinds`'s answer. Numbers of different types that are
    equal (``1`` and ``1.0``) are one class, as pandas counts them; a bool and a number are
    not the same kind of label, so ``0`` and ``False`` are refused, like ``1`` and ``'1'``.
    """
    pairs = []
    for number, found in sorted(kinds.items()):
        if "bool" in found and found - {"bool"}:
            shown = number if "int" in found else float(number)
            pairs.append(f"{shown!r} and {bool(number)!r}")
    if not pairs:
        return None
    return InvalidTargetError(
        f"Label column {column!r} cannot be used: it mixes bools and numbers, so "
        f"{' and '.join(pairs)} would be the same class (pandas counts False as 0 and True as "
        "1). Convert it to one type first, e.g. "
        f"df[{column!r}] = df[{column!r}].astype(int), or .astype(str) to keep them apart."
    )


def check_merged_bools(series: pd.Series, table: LabelTable) -> None:
    """Raise :func:`merged_bools_error` if ``series`` mixes a bool and an equal number.

    Costs nothing unless the column is ``object`` and a class is a bool, 0 or 1; then one
    numpy pass (:func:`bool_rows`) settles the usual case, bools only or numbers only, and
    only a suspect column gets the exact look (:func:`bool_number_kinds`). Missing labels
    are reported first, by the label checks.
    """
    if table.n_missing or not may_merge_bools(series.dtype, table.classes):
        return
    if not suspect_merged_bools(table, bool_rows(series)):
        return
    error = merged_bools_error(table.column, bool_number_kinds(series))
    if error is not None:
        raise error


def table_from_counts(counts: pd.Series, column: Hashable) -> LabelTable:
    """Build the class table from value counts that include missing labels (``dropna=False``).

    Shared by the pandas path and the dask backend (which counts per partition and sums).

    Examples
    --------
    >>> counts = pd.Series([2, 1, 1], index=["b", "a", None])
    >>> t = table_from_counts(counts, "y")
    >>> t.labels, t.counts.tolist(), t.n_missing
    (['a', 'b'], [1, 2], 1)
    """
    missing = np.asarray(counts.index.isna())
    n_missing = int(counts.to_numpy()[missing].sum())
    counts = counts[~missing & (counts.to_numpy() > 0)].sort_index()
    classes = counts.index
    if classes.dtype == object and not all(pd.api.types.is_hashable(v) for v in classes):
        raise TypeError("unhashable labels")
    classes.name = column
    return LabelTable(column, classes, counts.to_numpy(dtype=np.int64), n_missing)


def _numpy_ints(series: pd.Series) -> bool:
    """Whether ``series`` is a non-empty numpy integer column (no missing values possible)."""
    dtype = series.dtype
    return isinstance(dtype, np.dtype) and dtype.kind in "iu" and len(series) > 0


def _class_index(classes: np.ndarray, series: pd.Series) -> pd.Index:
    """Return the classes as the table's index: the label column's dtype and name."""
    index: pd.Index
    if classes.dtype == series.dtype:  # the usual case: no dtype argument, no cast checks
        index = pd.Index(classes, name=series.name, copy=False)
    else:
        index = pd.Index(classes, dtype=series.dtype, name=series.name)
    return index


def count_classes(series: pd.Series) -> LabelTable:
    """Count the classes of a label column (one pass, no per-row codes).

    Integer labels in a narrow range are counted with ``bincount``; any other column by
    hashing (``value_counts``).

    Examples
    --------
    >>> t = count_classes(pd.Series(["b", "a", "b", None], name="y"))
    >>> t.labels, t.counts.tolist(), t.n_missing
    (['a', 'b'], [1, 2], 1)
    """
    if _numpy_ints(series):  # cannot hold missing values; a narrow range needs no hashing
        found = count_small_range_ints(series.to_numpy())
        if found is not None:
            classes, counts_found = found
            return LabelTable(series.name, _class_index(classes, series), counts_found, 0)
    try:
        counts = hashable_values(series).value_counts(dropna=False, sort=False)
        table = table_from_counts(counts, series.name)
    except TypeError as exc:
        raise unusable_labels(series.name, series, exc) from None
    check_merged_bools(series, table)
    return table


def encode_labels(series: pd.Series) -> tuple[LabelTable, np.ndarray]:
    """Encode a label column as compact class codes (``-1`` for missing) and count them.

    Codes follow the sorted class order of :func:`count_classes` and use the smallest integer
    dtype that fits, so a 10M-row label costs 10 MB, not 80 MB, once encoded.

    Examples
    --------
    >>> table, codes = encode_labels(pd.Series(["b", "a", "b"], name="y"))
    >>> table.labels, codes.tolist(), codes.dtype.name
    (['a', 'b'], [1, 0, 1], 'int8')
    """
    if _numpy_ints(series):  # numpy integers cannot hold missing values
        found = small_range_codes(series.to_numpy())
        if found is not None:  # a narrow range: counted by bincount, no hash table at all
            classes, counts, fast = found
            return LabelTable(series.name, _class_index(classes, series), counts, 0), fast
    try:
        # float16 and pyarrow dictionary labels are factorized as float32 / dense values
        raw_codes, uniques = pd.factorize(hashable_values(series), sort=False, use_na_sentinel=True)
        uniques = pd.Index(uniques, name=series.name)
        order = uniques.argsort()
    except TypeError as exc:
        raise unusable_labels(series.name, series, exc) from None
    new_code_of = np.empty(len(uniques), dtype=np.int64)
    new_code_of[order] = np.arange(len(uniques))
    codes = remap_codes(raw_codes, new_code_of)
    del raw_codes
    counts = count_codes(codes, len(uniques))
    table = LabelTable(series.name, uniques[order], counts, int(len(codes) - counts.sum()))
    check_merged_bools(series, table)
    return table, codes
