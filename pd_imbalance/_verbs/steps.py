"""Resampling methods by name, and chains of them: what ``method=`` of the splits accepts.

:data:`RESAMPLERS` is the table of resampling methods that the splits accept as ``method=``;
:func:`resample` applies a sequence of steps outside a split.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Hashable, Sequence
from typing import Any

import pandas as pd

from pd_imbalance._core.random import RandomStateLike
from pd_imbalance._params import MaxClasses
from pd_imbalance._verbs.oversampling import _smote, smote
from pd_imbalance._verbs.undersampling import undersample

__all__ = ["RESAMPLERS", "resample", "resample_part"]

#: A step of :func:`resample`: a method name, ``(name, {option: value})`` or a callable
#: ``f(frame) -> frame``.
Step = str | tuple[str, dict[str, Any]] | Callable[[pd.DataFrame], pd.DataFrame]


def resample(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    steps: Sequence[Step],
    random_state: RandomStateLike = None,
    max_classes: MaxClasses = "auto",
) -> pd.DataFrame:
    """Apply resampling steps in order (issue 13, in progress).

    Parameters
    ----------
    df : pandas.DataFrame
        The data.
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    steps : sequence
        Method names, ``(name, options)`` pairs or callables ``f(frame) -> frame``.
    random_state : int, numpy Generator or None, default=None
        Seed; each step draws from its own stream.
    max_classes : "auto", int or None, default="auto"
        The guard against an ID column passed as the target.

    Returns
    -------
    pandas.DataFrame
        The resampled frame.
    """
    raise NotImplementedError("issue 13, in progress")


#: The resampling methods a split accepts as ``method=`` (besides "none").
RESAMPLERS: dict[str, Callable[..., Any]] = {"smote": smote, "undersample": undersample}


def resample_part(
    part: pd.DataFrame,
    column: Hashable,
    method: str,
    seed: RandomStateLike,
    options: dict[str, Any],
    index_avoids: pd.Index,
) -> pd.DataFrame:
    """Resample a split's training ``part`` with ``method`` (checked options).

    Synthetic index labels avoid ``index_avoids`` (the whole input's index, test rows
    included), chosen once by the index rule. The split checked ``max_classes`` on the whole
    frame, so the part is not checked again (a part may hold more single-row classes).
    """
    fixed: dict[str, Any] = {"random_state": seed, "max_classes": None}
    if method == "smote":  # the one verb that adds index labels
        bound = inspect.signature(smote).bind(part, column, **fixed, **options)
        bound.apply_defaults()
        out: pd.DataFrame = _smote(*bound.args, **bound.kwargs, index_avoids=index_avoids)
        return out
    return RESAMPLERS[method](part, column, **fixed, **options)  # type: ignore[no-any-return]
