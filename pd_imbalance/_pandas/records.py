"""What the verbs write into ``attrs["pd_imbalance"]``, JSON-safe: labels and class counts."""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["count_record", "json_safe"]


def json_safe(value: Any) -> Any:
    """Return ``value`` as a JSON-serialisable Python object (labels, numbers).

    Examples
    --------
    >>> json_safe(np.int64(3)), json_safe(float("nan")), json_safe("a")
    (3, None, 'a')
    """
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value) if math.isfinite(value) else None
    return str(value)


def count_record(labels: Sequence[object], counts: Any) -> dict[Any, int]:
    """Return ``{label: count}`` with JSON-safe labels and Python int counts.

    Examples
    --------
    >>> count_record(["a", "b"], np.array([3, 1]))
    {'a': 3, 'b': 1}
    """
    return {
        json_safe(label): int(n)
        for label, n in zip(labels, np.asarray(counts).tolist(), strict=True)
    }
