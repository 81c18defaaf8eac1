"""Resolve every form of ``sampling_strategy`` into final per-class counts.

Same vocabulary as imbalanced-learn, with three deliberate differences:

* ties are symmetric: ``"minority"`` means *every* class with the smallest count and
  ``"majority"`` every class with the largest count, never the first one in label order;
* a float ratio is rounded to the nearest count (half up), not truncated;
* a float ratio that the data already meet is a no-op, not an error.

Final counts are bounded: no class may be asked to grow beyond :data:`MAX_GROWTH` times the
largest class's current count, nor beyond :data:`MAX_CLASS_ROWS` rows. A larger count is
almost always a typo (``10**12`` for ``10**2``) and would otherwise fail much later, with a
``MemoryError`` of several terabytes.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import numpy as np

Direction = Literal["under", "over"]
SamplingStrategy = str | float | Mapping[Any, int] | Callable[[Any], Mapping[Any, int]]

#: A final count may be at most this many times the largest class's current count.
MAX_GROWTH = 1_000
#: A final count may never exceed this many rows (the int32 maximum), whatever the data.
MAX_CLASS_ROWS = 2**31 - 1

STRATEGY_NAMES = ("auto", "minority", "majority", "not minority", "not majority", "all")
_FORBIDDEN = {"under": "minority", "over": "majority"}
_VALID = (
    'one of "auto", "minority", "majority", "not minority", "not majority", "all", '
    "a float in (0, 1] (binary labels only), a dict {class: final count} or a callable(y) -> dict"
)


def round_half_up(x: float) -> int:
    """Round to the nearest integer, halves up (``2.5 -> 3``), unlike Python's ``round``."""
    return math.floor(x + 0.5)


#: Each named strategy but "all": (about the smallest class?, the extreme classes or the rest?).
_TARGETED = {
    "minority": (True, True),
    "majority": (False, True),
    "not minority": (True, False),
    "not majority": (False, False),
}


def targeted_classes(name: str, counts: np.ndarray, kind: Direction) -> np.ndarray:
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
    if name == "all":
        return np.ones(len(counts), dtype=bool)
    if name not in _TARGETED:
        raise KeyError(name)
    ends_with_min, wanted = _TARGETED[name]
    extreme = counts.min() if ends_with_min else counts.max()
    mask: np.ndarray = (counts == extreme) if wanted else (counts != extreme)
    return mask


def resolve_sampling_strategy(
    sampling_strategy: Any,
    counts: np.ndarray,
    classes: Sequence[Any],
    *,
    kind: Direction,
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
        unknown class or asking for a count the method cannot reach, or a final count above
        the cap (see :func:`count_limit`: ``MAX_GROWTH`` = 1,000 times the largest class's
        current count, and never more than ``MAX_CLASS_ROWS`` = 2**31 - 1 rows).
    TypeError
        A value of an unsupported type (a dict value that is not an int, a bool, ...).

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
        try:
            ratio = float(sampling_strategy)
        except OverflowError:  # an int too large for a float: certainly not in (0, 1]
            ratio = math.inf
        return _resolve_ratio(ratio, counts, kind)
    if isinstance(sampling_strategy, Mapping):
        return _resolve_mapping(sampling_strategy, counts, classes, kind, "sampling_strategy")
    if callable(sampling_strategy):
        produced = sampling_strategy(y)
        if not isinstance(produced, Mapping):
            raise TypeError(
                "sampling_strategy: a callable must return a dict {class: final count}; "
                f"it returned {type(produced).__name__}."
            )
        return _resolve_mapping(produced, counts, classes, kind, "sampling_strategy(y)")
    raise TypeError(f"sampling_strategy must be {_VALID}; got {type(sampling_strategy).__name__}.")


def _resolve_name(name: str, counts: np.ndarray, kind: Direction) -> np.ndarray:
    if name not in STRATEGY_NAMES:
        raise ValueError(f"sampling_strategy={name!r} is not known; use {_VALID}.")
    if name == _FORBIDDEN[kind]:
        verb = "under-sampling" if kind == "under" else "over-sampling"
        raise ValueError(
            f"sampling_strategy={name!r} cannot be used for {verb}: it would leave the data "
            f"unchanged. Use one of "
            f"{', '.join(repr(n) for n in STRATEGY_NAMES if n != name)}, a float, a dict or "
            "a callable."
        )
    goal = counts.min() if kind == "under" else counts.max()
    out = counts.copy()
    out[targeted_classes(name, counts, kind)] = goal
    return out


def _resolve_ratio(ratio: float, counts: np.ndarray, kind: Direction) -> np.ndarray:
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
        wanted = int(counts[small]) / ratio  # a tiny ratio gives inf: then nothing to drop
        out[large] = counts[large] if wanted >= counts[large] else round_half_up(wanted)
    else:
        out[small] = max(counts[small], round_half_up(counts[large] * ratio))
    return out


def count_limit(counts: np.ndarray) -> int:
    """Return the largest final count a class may be asked for.

    ``MAX_GROWTH`` (1,000) times the largest class's current count, capped at
    ``MAX_CLASS_ROWS`` (2**31 - 1): generous for any real oversampling (SMOTE normally grows
    a class to the majority's size), small enough to catch a mistyped count before memory
    runs out.

    Examples
    --------
    >>> count_limit(np.array([900, 100]))
    900000
    >>> count_limit(np.array([10**7, 10])) == MAX_CLASS_ROWS
    True
    """
    largest = int(counts.max()) if len(counts) else 0
    return min(MAX_CLASS_ROWS, MAX_GROWTH * largest)


def _check_count(wanted: object, label: Any, where: str) -> int:
    """Return a dict value as an int, or raise a message naming the class and the value."""
    if isinstance(wanted, bool | np.bool_) or not isinstance(wanted, numbers.Integral):
        hint = ""
        if isinstance(wanted, numbers.Real) and math.isnan(float(wanted)):
            hint = " (a missing value)"
        elif isinstance(wanted, numbers.Real) and float(wanted).is_integer():
            hint = f"; write {int(float(wanted))} instead"
        raise TypeError(
            f"{where} must be an int (the final number of rows of class {label!r}); "
            f"got {type(wanted).__name__} {wanted!r}{hint}."
        )
    count = int(wanted)
    if count < 0:
        raise ValueError(
            f"{where}={count}: a final number of rows cannot be negative. To drop a class "
            "entirely, filter it out of the frame first."
        )
    return count


def _resolve_mapping(
    mapping: Mapping[Any, Any],
    counts: np.ndarray,
    classes: Sequence[Any],
    kind: Direction,
    source: str,
) -> np.ndarray:
    """Resolve a dict ``{class: final count}``; ``source`` names it in messages."""
    position = {label: i for i, label in enumerate(classes)}
    out = counts.copy()
    limit = count_limit(counts)
    for label, value in mapping.items():
        try:
            i = position[label]
        except (KeyError, TypeError):
            raise ValueError(
                f"{source} names the class {label!r}, which is not in the "
                f"label column; its classes are {list(classes)!r}."
            ) from None
        where = f"{source}[{label!r}]"
        wanted = _check_count(value, label, where)
        have = int(counts[i])
        if kind == "under" and not 1 <= wanted <= have:
            raise ValueError(
                f"{where}={wanted}: under-sampling can keep between 1 and the {have} rows "
                f"class {label!r} has. To add rows use smote(); to drop a class entirely, "
                "filter it out of the frame first."
            )
        if kind == "over" and wanted < have:
            raise ValueError(
                f"{where}={wanted}: over-sampling cannot remove rows and class {label!r} "
                f"already has {have}. Ask for at least {have}, or use undersample() to "
                "reduce a class."
            )
        if wanted > limit:
            raise ValueError(
                f"{where}={wanted:,}: class {label!r} may be asked for at most {limit:,} rows "
                f"({MAX_GROWTH:,} times the largest class's {int(counts.max()):,} rows, and "
                f"never more than 2**31 - 1). Ask for fewer rows (a final count, not a "
                "number to add)."
            )
        out[i] = wanted
    return out


#: What cleaning methods accept as ``sampling_strategy``: a name or the classes to clean.
CleanStrategy = str | list[Any] | tuple[Any, ...]
#: The named values of ``sampling_strategy`` that cleaning methods accept.
CLEAN_STRATEGY_NAMES = ("auto", "not minority", "majority", "not majority", "all")
_CLEAN_VALID = (
    'one of "auto" (= "not minority"), "majority", "not majority", "all", or a list of the '
    "class labels whose rows may be removed"
)


def cleaned_classes(
    sampling_strategy: Any, counts: np.ndarray, classes: Sequence[Any]
) -> np.ndarray:
    """Return a boolean mask of the classes whose rows a cleaning method may remove.

    Cleaning removes the rows a rule finds, never a number of rows, so only the class
    *selection* of ``sampling_strategy`` applies: a name (``"auto"`` = ``"not minority"``,
    ``"majority"``, ``"not majority"``, ``"all"``; ties as in :func:`targeted_classes`: every
    class with the smallest count is the minority) or a list/tuple of class labels. The
    minority is never cleaned unless named in a list or with ``"all"``.

    Parameters
    ----------
    sampling_strategy : str or sequence of labels
        The classes to clean.
    counts : ndarray of int, shape (K,)
        Current rows per class, in class-code order.
    classes : sequence, length K
        The class labels in the same order.

    Returns
    -------
    ndarray of bool, shape (K,)

    Raises
    ------
    ValueError
        An unknown name, ``"minority"``, a dict (counts cannot be asked of a cleaning), a
        list naming an unknown class, or an empty list.
    TypeError
        Any other type (a float, a callable, ...).

    Examples
    --------
    >>> cleaned_classes("auto", np.array([90, 10]), ["ok", "fraud"]).tolist()
    [True, False]
    >>> cleaned_classes(["fraud"], np.array([90, 10]), ["ok", "fraud"]).tolist()
    [False, True]
    """
    counts = np.asarray(counts, dtype=np.int64)
    if isinstance(sampling_strategy, str):
        if sampling_strategy == "minority":
            raise ValueError(
                "sampling_strategy='minority' would clean only the minority class, which "
                "cleaning never does by name; to clean it, list it: "
                "sampling_strategy=[<its label>] (or 'all')."
            )
        if sampling_strategy not in CLEAN_STRATEGY_NAMES:
            raise ValueError(
                f"sampling_strategy={sampling_strategy!r} is not known; use {_CLEAN_VALID}."
            )
        return targeted_classes(sampling_strategy, counts, "under")
    if isinstance(sampling_strategy, Mapping):
        raise ValueError(
            "sampling_strategy as a dict {class: count} is not supported by cleaning methods: "
            "they remove the rows their rule finds and cannot reach a count. Pass a list of the "
            f"classes to clean instead, e.g. sampling_strategy={list(sampling_strategy)!r}, or use "
            "undersample() to reach counts."
        )
    if isinstance(sampling_strategy, list | tuple | np.ndarray):
        position = {label: i for i, label in enumerate(classes)}
        mask = np.zeros(len(counts), dtype=bool)
        unknown = []
        for label in list(sampling_strategy):
            try:
                mask[position[label]] = True
            except (KeyError, TypeError):
                unknown.append(label)
        if unknown:
            raise ValueError(
                f"sampling_strategy names {unknown!r}, not in the label column; its classes "
                f"are {list(classes)!r}."
            )
        if not mask.any():
            raise ValueError(
                "sampling_strategy is an empty list: no class to clean. Name at least one "
                f"class, or use {_CLEAN_VALID.split(', or')[0]}."
            )
        return mask
    raise TypeError(
        f"sampling_strategy must be {_CLEAN_VALID}; got {type(sampling_strategy).__name__}."
    )
