"""The one rule for the index labels of synthetic rows: they never collide with the input's.

* An integer index continues from its maximum + 1 (a RangeIndex simply continues), in the
  index's own dtype, as long as those labels fit in it.
* Any other index (and an integer index too close to its dtype's maximum, e.g. hashed IDs
  near 2**63) gets the text labels ``synthetic_0``, ``synthetic_1``, ..., with more leading
  underscores in the unlikely case that one of the input's labels already starts that way.
  For a MultiIndex that is the first level; the other levels repeat their first label.

A :class:`SyntheticIndex` is decided once per call, from the labels to avoid (the whole
input's, for a split's training part), and then hands out labels: the pandas verbs take all
of them at once, the dask door one block at a time (``offset``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["SYNTHETIC_PREFIX", "SyntheticIndex", "free_prefix"]

SYNTHETIC_PREFIX = "synthetic_"


def free_prefix(is_used: Callable[[str], bool]) -> str:
    """Return ``synthetic_``, with leading underscores added until ``is_used`` says no.

    Examples
    --------
    >>> free_prefix(lambda prefix: prefix == "synthetic_")
    '_synthetic_'
    """
    prefix = SYNTHETIC_PREFIX
    while is_used(prefix):
        prefix = "_" + prefix
    return prefix


def _may_hold_text(dtype: Any) -> bool:
    return bool(pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype))


def text_dtype(dtype: Any) -> Any:
    """Return the dtype of text labels added to an index of ``dtype`` (its str dtype or object)."""
    return dtype if pd.api.types.is_string_dtype(dtype) else object


def integer_start(dtype: Any, largest: object, n_new: int) -> int | None:
    """First integer label after ``largest`` (None: empty), or None if ``n_new`` do not fit."""
    start = 0 if largest is None or pd.isna(largest) else int(largest) + 1  # type: ignore[call-overload]
    top = int(np.iinfo(np.dtype(getattr(dtype, "numpy_dtype", dtype))).max)
    return start if start + n_new - 1 <= top else None


@dataclass(frozen=True)
class SyntheticIndex:
    """How the synthetic rows of one call are labelled.

    Attributes
    ----------
    start : int or None
        Integer labels ``start, start + 1, ...`` in ``dtype``; None for text labels.
    prefix : str
        Text labels are ``prefix + number``.
    dtype : dtype
        The dtype of the new labels.
    names : sequence of hashable
        The index's name(s).
    other_levels : tuple of pandas.Index
        For a MultiIndex: the first label of each level after the first (repeated).
    """

    start: int | None
    prefix: str
    dtype: Any
    names: Sequence[Hashable] = (None,)
    other_levels: tuple[pd.Index, ...] = field(default=())

    @classmethod
    def decide(
        cls,
        dtype: Any,
        n_new: int,
        *,
        largest: Callable[[], object],
        is_used: Callable[[str], bool],
        names: Sequence[Hashable] = (None,),
        other_levels: tuple[pd.Index, ...] = (),
    ) -> SyntheticIndex:
        """Decide the rule from facts about the labels to avoid (asked for only when needed).

        ``dtype`` is the index's (first level's) dtype; ``largest()`` returns its largest
        label (None when empty), ``is_used(prefix)`` whether a label starts with
        ``prefix``. The pandas verbs answer from a ``pd.Index``, the dask door on the
        cluster.
        """
        if not other_levels and pd.api.types.is_integer_dtype(dtype):
            start = integer_start(dtype, largest(), n_new)
            if start is not None:
                return cls(start, SYNTHETIC_PREFIX, dtype, names)
        prefix = free_prefix(is_used) if _may_hold_text(dtype) else SYNTHETIC_PREFIX
        return cls(None, prefix, text_dtype(dtype), names, other_levels)

    @classmethod
    def avoiding(cls, index: pd.Index, n_new: int) -> SyntheticIndex:
        """Return the rule for ``n_new`` synthetic rows next to the labels of ``index``.

        Examples
        --------
        >>> SyntheticIndex.avoiding(pd.RangeIndex(3), 2).labels(2).tolist()
        [3, 4]
        >>> SyntheticIndex.avoiding(pd.Index(["a", "b"]), 2).labels(2).tolist()
        ['synthetic_0', 'synthetic_1']
        >>> SyntheticIndex.avoiding(pd.Index([2**63 - 1]), 1).labels(1).tolist()
        ['synthetic_0']
        """
        first = index.get_level_values(0) if isinstance(index, pd.MultiIndex) else index
        others: tuple[pd.Index, ...] = ()
        if isinstance(index, pd.MultiIndex):
            others = tuple(index.get_level_values(i)[:1] for i in range(1, index.nlevels))

        def is_used(prefix: str) -> bool:
            # vectorised; non-str labels turned into text only make the check more cautious
            return bool(first.astype(str).str.startswith(prefix).any())

        return cls.decide(
            first.dtype,
            n_new,
            largest=lambda: index.max() if len(index) else None,
            is_used=is_used,
            names=tuple(index.names),
            other_levels=others,
        )

    def labels(self, n: int, offset: int = 0) -> pd.Index:
        """Return the labels of synthetic rows ``offset`` to ``offset + n - 1``."""
        if self.start is not None:
            first = self.start + offset
            numpy_dtype = np.dtype(getattr(self.dtype, "numpy_dtype", self.dtype))
            if numpy_dtype == np.int64 and isinstance(self.dtype, np.dtype):
                return pd.RangeIndex(first, first + n, name=self.names[0])
            values = np.arange(n, dtype=numpy_dtype) + np.array(first, dtype=numpy_dtype)
            integers: pd.Index = pd.Index(values, dtype=self.dtype, name=self.names[0])
            return integers
        numbers = np.arange(offset, offset + n).astype(str)
        new = pd.Index(np.char.add(self.prefix, numbers), dtype=self.dtype)
        if not self.other_levels:
            named: pd.Index = new.rename(self.names[0])
            return named
        # other levels repeat their first label, so their dtypes (and the originals) stay
        others = [level.repeat(n) for level in self.other_levels]
        return pd.MultiIndex.from_arrays([new, *others], names=list(self.names))

    def after(self, index: pd.Index, n: int) -> pd.Index:
        """Return ``index`` followed by ``n`` synthetic labels."""
        return index.append(self.labels(n)).set_names(index.names)
