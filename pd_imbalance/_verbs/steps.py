"""Resampling methods by name, and chains of them: what ``method=`` of the splits accepts.

:data:`RESAMPLERS` is the table of every method name a split (and :func:`resample`) accepts,
each bound to its verb and the options the name fixes: ``"nearmiss-2"`` is
``undersample(method="nearmiss-2")``, ``"tomek"`` is ``clean(method="tomek")``. A *step* is
a name, a ``(name, {option: value})`` pair or a callable ``f(frame) -> frame``;
:func:`check_steps` checks a sequence of them once, before any work, and :func:`run_steps`
applies them in order, each with its own child seed.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from pd_imbalance._core.random import RandomStateLike, seed_sequence, spawn
from pd_imbalance._pandas.checks import checked_labels
from pd_imbalance._pandas.labels import LabelTable, count_classes
from pd_imbalance._pandas.records import count_record
from pd_imbalance._pandas.target import stamp_target
from pd_imbalance._params import MaxClasses, Resampler, check_method_options, unknown_method
from pd_imbalance._verbs.cleaning import clean
from pd_imbalance._verbs.oversampling import _oversample, _smote, oversample, smote
from pd_imbalance._verbs.undersampling import undersample
from pd_imbalance.errors import ImbalanceError

__all__ = [
    "RESAMPLERS",
    "Step",
    "carry_columns",
    "check_steps",
    "resample",
    "resample_part",
    "run_steps",
    "stamp_counts",
]

#: A step of :func:`resample`: a method name, ``(name, {option: value})`` or a callable
#: ``f(frame) -> frame``.
Step = str | tuple[str, dict[str, Any]] | Callable[[pd.DataFrame], pd.DataFrame]

_CLEAN_ONLY = {
    "tomek": {"kind_sel", "max_iter", "allow_minority", "threshold_cleaning", "n_seeds"},
    "enn": {"max_iter", "allow_minority", "threshold_cleaning", "n_seeds"},
    "renn": {"allow_minority", "threshold_cleaning", "n_seeds"},
    "allknn": {"max_iter", "threshold_cleaning", "n_seeds"},
    "ncr": {"max_iter", "allow_minority", "n_seeds"},
    "oss": {"kind_sel", "max_iter", "allow_minority", "threshold_cleaning"},
}

#: Every method name a split accepts as ``method=`` (besides ``"none"``): its verb, the
#: options the name sets itself, and the verb's options that belong to other methods.
RESAMPLERS: dict[str, Resampler] = {
    "undersample": Resampler(
        undersample,
        {"method": "random"},
        frozenset({"n_neighbors", "n_neighbors_ver3", "neighbors"}),
    ),
    "nearmiss-1": Resampler(
        undersample, {"method": "nearmiss-1"}, frozenset({"replacement", "n_neighbors_ver3"})
    ),
    "nearmiss-2": Resampler(
        undersample, {"method": "nearmiss-2"}, frozenset({"replacement", "n_neighbors_ver3"})
    ),
    "nearmiss-3": Resampler(undersample, {"method": "nearmiss-3"}, frozenset({"replacement"})),
    "oversample": Resampler(
        oversample, {"method": "random"}, frozenset({"k_neighbors", "m_neighbors", "neighbors"})
    ),
    "smote": Resampler(smote),
    "borderline-1": Resampler(oversample, {"method": "borderline-1"}, frozenset({"shrinkage"})),
    "borderline-2": Resampler(oversample, {"method": "borderline-2"}, frozenset({"shrinkage"})),
    "adasyn": Resampler(oversample, {"method": "adasyn"}, frozenset({"shrinkage", "m_neighbors"})),
    **{
        name: Resampler(clean, {"method": name}, frozenset(other))
        for name, other in _CLEAN_ONLY.items()
    },
}


@dataclass(frozen=True)
class CheckedStep:
    """One checked step: a method name with its options, or a callable.

    Attributes
    ----------
    number : int
        Its place in the sequence, from 1 (for messages).
    name : str or None
        The method name (a key of :data:`RESAMPLERS`), None for a callable.
    options : dict
        The user's options for the name.
    function : callable or None
        The callable step.
    """

    number: int
    name: str | None
    options: dict[str, Any] = field(default_factory=dict)
    function: Callable[[pd.DataFrame], Any] | None = None

    @property
    def title(self) -> str:
        """Return how messages name the step, e.g. ``step 2 ('tomek')``."""
        what = repr(self.name) if self.name is not None else _callable_name(self.function)
        return f"step {self.number} ({what})"


def _callable_name(function: object) -> str:
    return str(getattr(function, "__name__", None) or type(function).__name__)


def _check_name(name: str, options: Mapping[str, Any], where: str) -> None:
    if name not in RESAMPLERS:
        valid = ", ".join(map(repr, RESAMPLERS))
        raise ValueError(f"{where}: unknown method {name!r}; the method names are {valid}.")
    check_method_options(name, options, RESAMPLERS[name])


def _is_pair(step: object) -> bool:
    return (
        isinstance(step, tuple)
        and len(step) == 2
        and isinstance(step[0], str)
        and isinstance(step[1], Mapping)
    )


def carry_columns(
    steps: list[CheckedStep] | None, columns: Sequence[Hashable]
) -> list[CheckedStep] | None:
    """Add ``columns`` to the ``passthrough`` of every named step that takes one.

    A split's ``groups=`` / ``time=`` columns are not features: the resampler must not
    measure distances on them or interpolate them, and each new row takes its base row's
    value (so a synthetic row stays in its source's group). Callables are left alone; a
    step's own ``passthrough`` is kept and extended.

    Examples
    --------
    >>> [s.options for s in carry_columns(check_steps(["smote", "tomek"]), ["patient"])]
    [{'passthrough': ['patient']}, {'passthrough': ['patient']}]
    """
    if steps is None or not columns:
        return steps
    out = []
    for step in steps:
        if step.name is not None and "passthrough" in RESAMPLERS[step.name].options:
            given = step.options.get("passthrough")
            listed = [] if given is None else [given] if isinstance(given, str) else list(given)
            extra = [c for c in columns if c not in listed]
            if extra:
                step = CheckedStep(
                    step.number, step.name, {**step.options, "passthrough": listed + extra}
                )
        out.append(step)
    return out


def check_steps(
    steps: object, options: Mapping[str, Any] | None = None, *, argument: str = "steps"
) -> list[CheckedStep] | None:
    """Check ``steps`` (or a split's ``method=``) once, before any work; None for ``"none"``.

    ``steps`` is a method name, a ``(name, options)`` pair, a callable, or a sequence of
    those. ``options`` (a split's ``**method_kwargs``) go with a single name only.

    Examples
    --------
    >>> [s.title for s in check_steps(["smote", ("tomek", {})])]
    ["step 1 ('smote')", "step 2 ('tomek')"]
    >>> try:
    ...     check_steps("undersample", {"k_neighbors": 3})
    ... except TypeError as error:
    ...     print(str(error).split("; ")[1])
    its options are ['sampling_strategy', 'replacement', 'passthrough'].
    """
    options = dict(options or {})
    if isinstance(steps, str):
        if steps == "none":
            if options:
                raise TypeError(
                    f"method='none' takes no resampling options; got {sorted(options)}."
                )
            return None
        if steps not in RESAMPLERS:
            raise unknown_method(steps, argument)
        check_method_options(steps, options, RESAMPLERS[steps])
        return [CheckedStep(1, steps, options)]
    if callable(steps) or _is_pair(steps):
        sequence: Sequence[object] = [steps]
    elif isinstance(steps, Sequence) and not isinstance(steps, bytes):
        sequence = steps
    else:
        raise TypeError(
            f"{argument} must be a method name, a sequence of steps (names, (name, options) "
            f"pairs, callables) or a callable f(frame) -> frame; got {type(steps).__name__}."
        )
    if options:
        raise TypeError(
            f"options {sorted(options)} go with a single method name; with a sequence or a "
            f"callable, give each name its options as a (name, {{option: value}}) pair, e.g. "
            f"[('smote', {{'k_neighbors': 3}}), 'tomek']."
        )
    if not sequence:
        raise ValueError(f"{argument} holds no step; give at least one method name or callable.")
    checked: list[CheckedStep] = []
    for number, step in enumerate(sequence, start=1):
        where = f"step {number} of {argument}"
        if isinstance(step, str):
            if step == "none":
                raise ValueError(f"{where}: 'none' stands alone, not in a sequence of steps.")
            _check_name(step, {}, where)
            checked.append(CheckedStep(number, step))
        elif _is_pair(step):
            pair: tuple[str, Mapping[str, Any]] = step  # type: ignore[assignment]
            _check_name(pair[0], pair[1], where)
            checked.append(CheckedStep(number, pair[0], dict(pair[1])))
        elif callable(step):
            checked.append(CheckedStep(number, None, function=step))
        else:
            raise TypeError(
                f"{where} must be a method name, a (name, {{option: value}}) pair or a "
                f"callable f(frame) -> frame; got {type(step).__name__} {step!r}."
            )
    return checked


def resample(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    steps: Sequence[Step],
    random_state: RandomStateLike = None,
    max_classes: MaxClasses = "auto",
    passthrough: Sequence[Hashable] | None = None,
) -> pd.DataFrame:
    """Apply resampling steps in order: e.g. SMOTE, then Tomek links.

    Each step is a method name (any name a split accepts as ``method=``: ``"undersample"``,
    ``"nearmiss-1"`` ... ``"nearmiss-3"``, ``"oversample"``, ``"smote"``,
    ``"borderline-1"``, ``"borderline-2"``, ``"adasyn"``, ``"tomek"``, ``"enn"``,
    ``"renn"``, ``"allknn"``, ``"ncr"``, ``"oss"``), a ``(name, {option: value})`` pair, or
    a callable ``f(frame) -> frame`` (imbalanced-learn's ``FunctionSampler``). Step ``i``
    gets the ``i``-th child of ``random_state``'s seed (``SeedSequence.spawn``), so a chain
    equals applying its verbs by hand with those seeds; a single step gets the seed itself
    (``steps=["smote"]`` equals ``smote(random_state=...)``). A cleaning step after an
    oversampling step cleans every class unless its options say otherwise
    (``sampling_strategy="all"``, as imbalanced-learn's SMOTETomek and SMOTEENN do): after
    balancing, every class is the smallest, so the default "all but the minority" would
    clean nothing. All steps are checked before the
    first runs. A callable must return a DataFrame with exactly its input's columns (the
    target among them) and must not change its input; its new rows need index labels that
    are unique. Synthetic index labels of later steps avoid every label used before. This
    function does not mutate the original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        The data (usually the *training* part only: split first).
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    steps : sequence
        Method names, ``(name, options)`` pairs or callables ``f(frame) -> frame``.
    random_state : int, numpy Generator or None, default=None
        Seed; each step draws from its own child stream.
    max_classes : "auto", int or None, default="auto"
        The guard against an ID column passed as the target (checked once, on ``df``).
    passthrough : list of str, optional
        Columns kept out of the distance in every named step (each step's own
        ``passthrough`` option, where given, wins): never read by a neighbourhood, never
        interpolated; new rows copy their base row's values. Callables get them as they are.

    Returns
    -------
    pandas.DataFrame
        The resampled frame; ``attrs["pd_imbalance"]`` holds the target and the class
        counts before the first step and after the last.

    Raises
    ------
    ValueError, TypeError
        An unknown method name, an option the name does not take, a callable that returns
        something other than a frame with the input's columns, or that changes its input.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame({"x": rng.normal(size=60), "y": [0] * 50 + [1] * 10})
    >>> out = pdi.resample(df, "y", steps=[("smote", {"k_neighbors": 3}), "undersample"],
    ...                    random_state=0)
    >>> out["y"].value_counts().to_dict()
    {0: 50, 1: 50}
    >>> drop_first = lambda frame: frame.iloc[1:]
    >>> pdi.resample(df, "y", steps=[drop_first, "undersample"], random_state=0).shape
    (20, 2)
    """
    checked = check_steps(steps)
    if checked is None:
        raise ValueError("steps='none' does nothing; give at least one method name or callable.")
    column, table = checked_labels(df, target, "resample", max_classes=max_classes)
    if passthrough is not None:  # every named step gets them, unless it names its own
        checked = [
            replace(s, options={"passthrough": passthrough, **s.options})
            if s.name is not None
            else s
            for s in checked
        ]
    out = run_steps(df, column, checked, seed_sequence(random_state), df.index)
    return stamp_counts(out if out is not df else df.copy(deep=False), column, table)


def stamp_counts(out: pd.DataFrame, column: Hashable, table: LabelTable) -> pd.DataFrame:
    """Stamp ``out`` (a frame we made) with the target and its class counts before and after.

    ``table`` holds the classes and counts before the steps ran; the counts after are
    ``out``'s, 0 for a class the steps removed.

    Raises
    ------
    ValueError
        ``out`` holds a class that the input does not (a callable step relabelled rows).
    """
    # counted as the verbs count (a value_counts lookup fails on float16 pyarrow labels)
    after = count_classes(out[column])
    invented = after.classes.difference(table.classes)
    if len(invented):
        raise ValueError(
            f"the steps returned rows of class(es) {invented.tolist()!r} in {column!r}, which "
            f"the input does not have (its classes: {table.labels!r}); a step may drop and add "
            "rows, not relabel them. Change the labels before or after resampling."
        )
    where = after.classes.get_indexer(table.classes)
    found = np.zeros(len(table.classes), dtype=np.int64)
    found[where >= 0] = after.counts[where[where >= 0]]
    counts = (count_record(table.labels, table.counts), count_record(table.labels, found))
    return stamp_target(out, column, counts)


def run_steps(
    df: pd.DataFrame,
    column: Hashable,
    steps: Sequence[CheckedStep],
    seed: np.random.SeedSequence,
    index_avoids: pd.Index,
) -> pd.DataFrame:
    """Apply checked ``steps`` to ``df``, step ``i`` with the ``i``-th child of ``seed``.

    A single step gets ``seed`` itself (so it equals its verb called with that seed).

    Synthetic index labels avoid ``index_avoids`` (the whole input's index, for a split's
    training part) and every label of the frame the step gets.
    """
    seeds = spawn(seed, len(steps)) if len(steps) > 1 else [seed]
    frame = df
    grown = False  # an earlier step oversampled: the classes are (about) balanced now
    for step, child in zip(steps, seeds, strict=True):
        try:
            if step.function is not None:
                frame = _run_callable(step, frame, column, index_avoids)
                continue
            assert step.name is not None
            verb = RESAMPLERS[step.name].verb
            options = step.options
            if grown and verb is clean and "sampling_strategy" not in options:
                options = {**options, "sampling_strategy": "all"}  # as SMOTETomek / SMOTEENN
            frame = resample_part(frame, column, step.name, child, options, index_avoids)
            grown = grown or verb in (oversample, smote)
        except ImbalanceError as error:  # in a chain, say which step could not run
            if len(steps) > 1 and error.args and isinstance(error.args[0], str):
                what = step.name or getattr(step.function, "__name__", "callable")
                error.args = (
                    f"step {step.number} of {len(steps)} ({what}): {error.args[0]}",
                    *error.args[1:],
                )
            raise
    return frame


def resample_part(
    part: pd.DataFrame,
    column: Hashable,
    method: str,
    seed: RandomStateLike,
    options: dict[str, Any],
    index_avoids: pd.Index,
) -> pd.DataFrame:
    """Resample ``part`` with method name ``method`` (checked options).

    Synthetic index labels avoid ``index_avoids`` (the whole input's index, test rows
    included) and ``part``'s, chosen once by the index rule. The split checked
    ``max_classes`` on the whole frame, so the part is not checked again (a part may hold
    more single-row classes).
    """
    resampler = RESAMPLERS[method]
    fixed: dict[str, Any] = {"random_state": seed, "max_classes": None, **resampler.fixed}
    adding = _INDEX_AVOIDING.get(resampler.verb)
    if adding is None:  # keeps input rows only: no new labels
        out: pd.DataFrame = resampler.verb(part, column, **fixed, **options)
        return out
    # adds rows: their labels avoid the test rows' too, decided once by the index rule
    avoid = index_avoids if index_avoids is part.index else index_avoids.append(part.index)
    out = adding(
        part, column, **{**_defaults(resampler.verb), **fixed, **options}, index_avoids=avoid
    )
    return out


def _defaults(verb: Callable[..., Any]) -> dict[str, Any]:
    """Return the verb's keyword defaults (its index-avoiding twin takes every one)."""
    return {
        p.name: p.default
        for p in inspect.signature(verb).parameters.values()
        if p.default is not inspect.Parameter.empty and p.name != "target"
    }


#: The verbs that add rows, with their twins whose new index labels also avoid given ones.
_INDEX_AVOIDING: dict[Callable[..., Any], Callable[..., Any]] = {
    smote: _smote,
    oversample: _oversample,
}


def _run_callable(
    step: CheckedStep, frame: pd.DataFrame, column: Hashable, index_avoids: pd.Index
) -> pd.DataFrame:
    """Call a callable step on a copy of ``frame`` and check what it returns."""
    assert step.function is not None
    given = frame.copy(deep=True)
    out = step.function(given)
    if not given.equals(frame) or not given.index.equals(frame.index):
        raise ValueError(
            f"{step.title} changed the frame it was given (in place); a step must return a "
            "new frame and leave its input alone (e.g. start with frame = frame.copy())."
        )
    if not isinstance(out, pd.DataFrame):
        raise TypeError(f"{step.title} must return a pandas DataFrame; got {type(out).__name__}.")
    if column not in out.columns:
        raise ValueError(
            f"{step.title} returned a frame without the target column {column!r}; a step must "
            "keep every column of its input."
        )
    expected = list(frame.columns)
    new = [c for c in out.columns if c not in set(expected)]
    missing = [c for c in expected if c not in set(out.columns)]
    if new or missing or len(out.columns) != len(expected):
        raise ValueError(
            f"{step.title} must return exactly its input's columns; new columns: {new}, "
            f"missing columns: {missing}. Drop or add columns before or after resampling."
        )
    if not out.index.is_unique:
        raise ValueError(
            f"{step.title} returned duplicate index labels, e.g. "
            f"{out.index[out.index.duplicated()][:3].tolist()}; give new rows new labels."
        )
    added = out.index[~out.index.isin(frame.index)]
    clash = added[added.isin(index_avoids)]
    if len(clash):
        raise ValueError(
            f"{step.title} gave new rows index labels of other rows of the input (e.g. "
            f"{clash[:3].tolist()}, rows outside the training part); give new rows new labels."
        )
    if list(out.columns) != expected:
        out = out[expected]
    return stamp_target(out.copy(deep=False), column)
