"""The plan: what the core decided, before any DataFrame is built."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ResamplePlan:
    """The outcome of a resampling decision, in row positions of the encoded input.

    Attributes
    ----------
    kept : ndarray of intp
        Positions of input rows that appear in the output, in output order (ascending, so
        rows keep their original relative order; repeated when drawn with replacement).
    final_counts : ndarray of int64
        Rows of each class (in class-code order) in the output.
    """

    kept: np.ndarray
    final_counts: np.ndarray
