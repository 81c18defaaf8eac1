"""Resolve every form of ``sampling_strategy`` into final per-class counts.

Same vocabulary as imbalanced-learn, with three deliberate differences:

* ties are symmetric: ``"minority"`` means *every* class with the smallest count and
  ``"majority"`` every class with the largest count, never the first one in label order;
* a float ratio is rounded to the nearest count (half up), not truncated;
* a float ratio that the data already meet is a no-op, not an error.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import numpy as np

Kind = Literal["under", "over"]
SamplingStrategy = str | float | Mapping[Any, int] | Callable[[Any], Mapping[Any, int]]

STRATEGY_NAMES = ("auto", "minority", "majority", "not minority", "not majority", "all")
_FORBIDDEN = {"under": "minority", "over": "majority"}
_VALID = (
    'one of "auto", "minority", "majority", "not minority", "not majority", "all", '
    "a float in (0, 1] (binary labels only), a dict {class: final count} or a callable(y) -> dict"
)


def round_half_up(x: float) -> int:
    """Round to the nearest integer, halves up (``2.5 -> 3``), unlike Python's ``round``."""
    return math.floor(x + 0.5)


def targeted_classes(name: str, counts: np.ndarray, kind: Kind) -> np.ndarray:
    """Return a boolean mask of the classes that a named strategy resamples.

    Parameters
    ----------
    name : str
        One of :data:`STRATEGY_NAMES`.
    counts : ndarray of int
        Rows per class.
    kind : {"under", "over"}
        ``"auto"`` means ``"not minority"`` when under-sampling, ``"not majority"`` when
        over-sampling.

    Examples
    --------
    >>> targeted_classes("not minority", np.array([5, 9, 9]), "under").tolist()
    [False, True, True]
    """
    if name == "auto":
        name = "not minority" if kind == "under" else "not majority"
    is_min = counts == counts.min()
    is_max = counts == counts.max()
    masks: dict[str, np.ndarray] = {
        "minority": is_min,
        "majority": is_max,
        "not minority": ~is_min,
        "not majority": ~is_max,
        "all": np.ones(len(counts), dtype=bool),
    }
    return masks[name]


def resolve_sampling_strategy(
    sampling_strategy: Any,
    counts: np.ndarray,
    classes: Sequence[Any],
    *,
    kind: Kind,
    y: Any = None,
) -> np.ndarray:
    """Return the final number of rows of each class after resampling.

    Parameters
    ----------
    sampling_strategy : str, float, dict or callable
        See `docs/sampling_strategy.md` and the module docstring.
    counts : ndarray of int, shape (K,)
        Current rows per class, in class-code order.
    classes : sequence, length K
        The class labels in the same order (used to match dict keys and in messages).
    kind : {"under", "over"}
        Under-sampling may only lower counts, over-sampling only raise them.
    y : object, optional
        What a callable strategy is called with (the label column).

    Returns
    -------
    ndarray of int64, shape (K,)
        The final count of every class; untouched classes keep their current count.

    Raises
    ------
    ValueError
        Unknown name, a ratio outside (0, 1] or on multi-class labels, a dict naming an
        unknown class or asking for a count the method cannot reach.
    TypeError
        A value of an unsupported type.

    Examples
    --------
    >>> counts = np.array([900, 100])
    >>> resolve_sampling_strategy("auto", counts, ["ok", "fraud"], kind="under").tolist()
    [100, 100]
    >>> resolve_sampling_strategy(0.5, counts, ["ok", "fraud"], kind="over").tolist()
    [900, 450]
    """
    counts = np.asarray(counts, dtype=np.int64)
    if isinstance(sampling_strategy, str):
        return _resolve_name(sampling_strategy, counts, kind)
    if isinstance(sampling_strategy, bool | np.bool_):
        raise TypeError(f"sampling_strategy must be {_VALID}; got the bool {sampling_strategy}.")
    if isinstance(sampling_strategy, numbers.Real):
        return _resolve_ratio(float(sampling_strategy), counts, kind)
    if isinstance(sampling_strategy, Mapping):
        return _resolve_mapping(sampling_strategy, counts, classes, kind)
    if callable(sampling_strategy):
        produced = sampling_strategy(y)
        if not isinstance(produced, Mapping):
            raise TypeError(
                "sampling_strategy: a callable must return a dict {class: final count}; "
                f"it returned {type(produced).__name__}."
            )
        return _resolve_mapping(produced, counts, classes, kind)
    raise TypeError(f"sampling_strategy must be {_VALID}; got {type(sampling_strategy).__name__}.")


def _resolve_name(name: str, counts: np.ndarray, kind: Kind) -> np.ndarray:
    if name not in STRATEGY_NAMES:
        raise ValueError(f"sampling_strategy={name!r} is not known; use {_VALID}.")
    if name == _FORBIDDEN[kind]:
        verb = "under-sampling" if kind == "under" else "over-sampling"
        raise ValueError(
            f"sampling_strategy={name!r} cannot be used for {verb}: it would leave the data "
            f"unchanged. Use 'auto' or {_VALID.split(', a float')[0]}."
        )
    goal = counts.min() if kind == "under" else counts.max()
    return np.where(targeted_classes(name, counts, kind), goal, counts).astype(np.int64)


def _resolve_ratio(ratio: float, counts: np.ndarray, kind: Kind) -> np.ndarray:
    if len(counts) != 2:
        raise ValueError(
            f"sampling_strategy={ratio!r}: a float ratio is only defined for binary labels, "
            f"and this label has {len(counts)} classes. Use a dict {{class: final count}} "
            "or a named strategy such as 'auto'."
        )
    if not 0.0 < ratio <= 1.0 or math.isnan(ratio):
        raise ValueError(
            f"sampling_strategy={ratio!r}: a float ratio is the minority/majority ratio "
            "wanted after resampling and must be in (0, 1]."
        )
    out = counts.copy()
    small, large = int(np.argmin(counts)), int(np.argmax(counts))
    if small == large or counts[small] == counts[large]:
        return out
    if kind == "under":
        out[large] = min(counts[large], round_half_up(counts[small] / ratio))
    else:
        out[small] = max(counts[small], round_half_up(counts[large] * ratio))
    return out


def _resolve_mapping(
    mapping: Mapping[Any, Any], counts: np.ndarray, classes: Sequence[Any], kind: Kind
) -> np.ndarray:
    position = {label: i for i, label in enumerate(classes)}
    out = counts.copy()
    for label, wanted in mapping.items():
        try:
            i = position[label]
        except (KeyError, TypeError):
            raise ValueError(
                f"sampling_strategy names the class {label!r}, which is not in the label "
                f"column; its classes are {list(classes)!r}."
            ) from None
        if isinstance(wanted, bool | np.bool_) or not isinstance(wanted, numbers.Integral):
            raise TypeError(
                f"sampling_strategy[{label!r}] must be an int (the final number of rows); "
                f"got {type(wanted).__name__} {wanted!r}."
            )
        wanted = int(wanted)
        have = int(counts[i])
        if kind == "under" and not 1 <= wanted <= have:
            raise ValueError(
                f"sampling_strategy[{label!r}]={wanted}: under-sampling can keep between 1 "
                f"and the {have} rows class {label!r} has. To add rows use smote(); to drop "
                "a class entirely, filter it out of the frame first."
            )
        if kind == "over" and wanted < have:
            raise ValueError(
                f"sampling_strategy[{label!r}]={wanted}: over-sampling cannot remove rows and "
                f"class {label!r} already has {have}. Ask for at least {have}, or use "
                "undersample() to reduce a class."
            )
        out[i] = wanted
    return out
