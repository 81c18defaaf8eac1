"""Random oversampling on arrays: which rows are copied, and the smoothed bootstrap's noise.

Each class to grow draws its copies from its *own* child stream of the call's seed: the
``j``-th copy of class ``c`` is the ``r``-th row of that class (in input order), with ``r``
uniform over the class's rows, with replacement. A class's copies therefore depend only on
the seed, the class and its count, which is what lets a partitioned door (dask) draw the
same copies from the class counts alone and gather the rows partition by partition.

The smoothed bootstrap (``shrinkage``) adds Gaussian noise to the copies of continuous
columns: ``N(0, (shrinkage * h * std)^2)`` with ``std`` the class's (population) standard
deviation of the column and ``h = (4 / ((d + 2) n)) ** (1 / (d + 4))`` the smoothing
constant of a ``d``-dimensional Gaussian kernel for ``n`` rows (Silverman's rule of thumb;
the same constant as imbalanced-learn's ``RandomOverSampler``, which takes ``n`` = all rows
and ``d`` = all feature columns).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from pd_imbalance._core.random import spawn

__all__ = [
    "class_positions",
    "draw_copies",
    "plan_random_oversample",
    "population_std",
    "resolve_shrinkage",
    "shift_integers",
    "smoothing_constant",
]

#: Up to this many classes to grow, each class's rows are found by a scan of the codes;
#: beyond it one stable sort of the codes finds them all (same positions either way).
SCAN_MAX_CLASSES = 8


def draw_copies(count: int, n_new: int, rng: np.random.Generator) -> np.ndarray:
    """Return ``n_new`` ranks in ``[0, count)``: which rows of a class are copied.

    The one draw of random oversampling (uniform, with replacement), made from the class's
    own stream; rank ``r`` is the class's ``r``-th row in input order.

    Examples
    --------
    >>> ranks = draw_copies(3, 5, np.random.default_rng(0))
    >>> len(ranks), bool(((0 <= ranks) & (ranks < 3)).all())
    (5, True)
    """
    ranks: np.ndarray = rng.integers(0, count, size=n_new)
    return ranks


def class_positions(codes: np.ndarray, classes: np.ndarray) -> dict[int, np.ndarray]:
    """Return the input positions of the rows of each class in ``classes`` (input order)."""
    wanted = [int(c) for c in classes]
    if len(wanted) <= SCAN_MAX_CLASSES:
        return {c: np.flatnonzero(codes == c) for c in wanted}
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    starts = np.searchsorted(sorted_codes, wanted, side="left")
    stops = np.searchsorted(sorted_codes, wanted, side="right")
    return {c: order[start:stop] for c, start, stop in zip(wanted, starts, stops, strict=True)}


def plan_random_oversample(
    codes: np.ndarray,
    counts: np.ndarray,
    final_counts: np.ndarray,
    seed: np.random.SeedSequence,
) -> np.ndarray:
    """Return the input positions of the rows to copy, class by class (class code order).

    Parameters
    ----------
    codes : ndarray of int, shape (n,)
        Class code of each input row (``0..K-1``).
    counts, final_counts : ndarray of int, shape (K,)
        Current and wanted rows per class (``final >= count``).
    seed : numpy.random.SeedSequence
        Class ``c`` draws from child ``c`` of ``seed`` (:func:`~pd_imbalance._core.random.spawn`,
        which does not change ``seed``) with :func:`draw_copies`, so its copies depend only
        on the seed, the class and ``counts[c]``.

    Returns
    -------
    ndarray of intp, shape (sum(final_counts - counts),)
        Positions of the copied rows: first every copy of the first class that grows (in
        draw order), then the next class's, ...

    Examples
    --------
    >>> codes = np.array([0, 1, 0, 0, 1, 0])
    >>> picks = plan_random_oversample(codes, np.array([4, 2]), np.array([4, 4]),
    ...                                np.random.SeedSequence(0))
    >>> len(picks), sorted(set(codes[picks].tolist()))
    (2, [1])
    """
    children = spawn(seed, len(counts))
    grown = np.flatnonzero(final_counts > counts)
    where = class_positions(codes, grown)
    parts = []
    for c in grown:
        n_new = int(final_counts[c] - counts[c])
        ranks = draw_copies(int(counts[c]), n_new, np.random.default_rng(children[c]))
        parts.append(where[int(c)][ranks])
    return np.concatenate(parts).astype(np.intp) if parts else np.empty(0, dtype=np.intp)


def resolve_shrinkage(
    shrinkage: object, labels: Sequence[Any], grown: np.ndarray
) -> np.ndarray | None:
    """Return each class's shrinkage factor (0 = plain copies), or None without shrinkage.

    ``shrinkage`` is None, a real number >= 0 (every class that grows) or a dict
    ``{class: number >= 0}``; a class that grows but is not in the dict is copied without
    noise (factor 0); a class in the dict that does not grow is ignored.

    Raises
    ------
    TypeError
        A value that is not a real number (a bool, a str, ...), or ``shrinkage`` of
        another type.
    ValueError
        A negative, infinite or NaN value, or a dict naming a class not in the labels.

    Examples
    --------
    >>> resolve_shrinkage({"b": 0.5}, ["a", "b"], np.array([True, True])).tolist()
    [0.0, 0.5]
    """
    if shrinkage is None:
        return None
    factors = np.zeros(len(labels))
    if isinstance(shrinkage, Mapping):
        position = {label: i for i, label in enumerate(labels)}
        for label, value in shrinkage.items():
            try:
                i = position[label]
            except (KeyError, TypeError):
                raise ValueError(
                    f"shrinkage names the class {label!r}, which is not in the label column; "
                    f"its classes are {list(labels)!r}."
                ) from None
            factors[i] = _check_factor(value, f"shrinkage[{label!r}]")
        return np.where(grown, factors, 0.0)
    if isinstance(shrinkage, bool | np.bool_) or not isinstance(shrinkage, numbers.Real):
        raise TypeError(
            "shrinkage must be None, a number >= 0 or a dict {class: number >= 0}; got "
            f"{type(shrinkage).__name__} {shrinkage!r}."
        )
    factors[:] = _check_factor(shrinkage, "shrinkage")
    return np.where(grown, factors, 0.0)


def _check_factor(value: object, where: str) -> float:
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{where} must be a number >= 0; got {type(value).__name__} {value!r}.")
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise ValueError(
            f"{where}={number!r}: a shrinkage factor must be a finite number >= 0 (0 copies "
            "rows unchanged; 1 is the smoothing of a Gaussian kernel density estimate)."
        )
    return number


def smoothing_constant(n_rows: int, n_features: int) -> float:
    """Return ``(4 / ((d + 2) n)) ** (1 / (d + 4))``: the Gaussian kernel's bandwidth factor.

    Examples
    --------
    >>> round(smoothing_constant(100, 1), 4)
    0.4217
    """
    return float((4.0 / ((n_features + 2) * max(n_rows, 1))) ** (1.0 / (n_features + 4)))


def population_std(values: np.ndarray) -> float:
    """Return the standard deviation (ddof 0) of the finite values; 0 when there are none.

    Missing (NaN) and infinite values are left out, so they never spread to other copies.

    Examples
    --------
    >>> population_std(np.array([1.0, 3.0, np.nan, np.inf]))
    1.0
    """
    finite = values[np.isfinite(values)]
    return float(finite.std()) if len(finite) else 0.0


def shift_integers(values: np.ndarray, noise: np.ndarray, low: int, high: int) -> np.ndarray:
    """Return ``values + rint(noise)``, saturated to ``[low, high]``, in ``values``' dtype.

    ``values`` are int64 or uint64 (narrower integers widened by the caller; ``low`` and
    ``high`` are then the original dtype's bounds). The offset is added in integer
    arithmetic, so large values (nanosecond timestamps, IDs near 2**63) keep every digit;
    an offset that would leave the range stops at its bound.

    Examples
    --------
    >>> shift_integers(np.array([0, 250], dtype=np.int64), np.array([-1.4, 9.0]), 0, 255).tolist()
    [0, 255]
    """
    if values.dtype == np.uint64:
        return _shift_unsigned(values, noise, low, high)
    # int64 as uint64 in the same order (the sign bit flipped), shifted, flipped back
    sign = np.uint64(1 << 63)
    biased = values.astype(np.int64, copy=False).view(np.uint64) ^ sign
    moved = _shift_unsigned(biased, noise, low + (1 << 63), high + (1 << 63))
    out: np.ndarray = (moved ^ sign).view(np.int64)
    return out


#: The largest float64 below 2**64: a rounded step up to it fits in uint64.
_MAX_STEP = float(np.nextafter(2.0**64, 0))


def _shift_unsigned(values: np.ndarray, noise: np.ndarray, low: int, high: int) -> np.ndarray:
    """uint64 ``values`` moved by ``rint(noise)``, saturated to ``[low, high]`` (no wrap)."""
    size = np.abs(np.rint(noise))
    huge = size > _MAX_STEP  # a step of 2**64 or more leaves any range
    step = np.minimum(size, _MAX_STEP).astype(np.uint64)
    up = noise >= 0
    shifted = np.where(up, values + step, values - step)  # wraps: detected below
    shifted[up & ((shifted < values) | huge)] = np.uint64(high)
    shifted[~up & ((shifted > values) | huge)] = np.uint64(low)
    out: np.ndarray = np.clip(shifted, np.uint64(low), np.uint64(high))
    return out
