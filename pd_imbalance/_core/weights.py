"""Class weights from per-class counts."""

from __future__ import annotations

import math
import numbers
from typing import Literal

import numpy as np


def balanced_weights(counts: np.ndarray) -> np.ndarray:
    """Return ``n / (K * n_j)`` for each class (scikit-learn's ``"balanced"``).

    Examples
    --------
    >>> balanced_weights(np.array([90, 10])).tolist()
    [0.5555555555555556, 5.0]
    """
    counts = np.asarray(counts, dtype=np.float64)
    weights: np.ndarray = float(counts.sum()) / (len(counts) * counts)
    return weights


def effective_number_weights(counts: np.ndarray, beta: object) -> np.ndarray:
    """Return Cui et al. (2019) weights ``(1 - beta) / (1 - beta**n_j)``, scaled to sum to K.

    ``beta = 0`` gives equal weights; ``beta -> 1`` approaches inverse frequency.

    Examples
    --------
    >>> effective_number_weights(np.array([90, 10]), 0.0).tolist()
    [1.0, 1.0]
    """
    value = float(beta) if isinstance(beta, numbers.Real) else math.nan
    if isinstance(beta, bool | np.bool_) or math.isnan(value) or not 0.0 <= value < 1.0:
        raise ValueError(f"beta must be a float in [0, 1) for method='effective'; got {beta!r}.")
    counts = np.asarray(counts, dtype=np.float64)
    raw = (1.0 - value) / (1.0 - np.power(value, counts))
    weights: np.ndarray = raw * (len(counts) / float(raw.sum()))
    return weights


WeightMethod = Literal["balanced", "effective"]


def class_weights(counts: np.ndarray, method: object, beta: object) -> np.ndarray:
    """Return the weight of each class by ``method`` ("balanced" or "effective").

    Examples
    --------
    >>> class_weights(np.array([3, 1]), "balanced", 0.999).tolist()
    [0.6666666666666666, 2.0]
    """
    if method == "balanced":
        return balanced_weights(counts)
    if method == "effective":
        return effective_number_weights(counts, beta)
    raise ValueError(f"method must be 'balanced' or 'effective'; got {method!r}.")
