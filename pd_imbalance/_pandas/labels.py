"""Label columns as arrays: the class table and compact per-row class codes.

Everything pandas-specific about labels lives here; the core only sees codes and counts.
Validation of the table is :mod:`pd_imbalance._pandas.checks`.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pd_imbalance._core.codes import (
    codes_from_sorted_ints,
    count_codes,
    count_small_range_ints,
    remap_codes,
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


def count_classes(series: pd.Series) -> LabelTable:
    """Count the classes of a label column (hash-based, one pass, no per-row codes).

    Examples
    --------
    >>> t = count_classes(pd.Series(["b", "a", "b", None], name="y"))
    >>> t.labels, t.counts.tolist(), t.n_missing
    (['a', 'b'], [1, 2], 1)
    """
    try:
        counts = hashable_values(series).value_counts(dropna=False, sort=False)
        return table_from_counts(counts, series.name)
    except TypeError as exc:
        raise unusable_labels(series.name, series, exc) from None


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
    numpy_ints = isinstance(series.dtype, np.dtype) and series.dtype.kind in "iu"
    if numpy_ints and len(series):  # numpy integers cannot hold missing values
        found = count_small_range_ints(series.to_numpy())
        if found is not None:  # a narrow range: counted by bincount, no hash table at all
            classes, counts = found
            fast = codes_from_sorted_ints(series.to_numpy(), classes)
            if fast is not None:
                index = pd.Index(classes, dtype=series.dtype, name=series.name)
                return LabelTable(series.name, index, counts, 0), fast
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
    return table, codes
