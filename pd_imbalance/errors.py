"""Exceptions and warnings raised by pd_imbalance.

The hierarchy::

    Exception
    └── ImbalanceError
        ├── TargetNotFoundError        (also a KeyError)
        ├── InvalidTargetError         (also a ValueError)
        │   └── InsufficientSamplesError
        └── InvalidFeaturesError       (also a ValueError)

    UserWarning
    └── ImbalanceWarning

Every message says what is wrong (column, class, count) and how to fix it.
"""

from __future__ import annotations

import os
import sys
import warnings
from typing import Any

__all__ = [
    "ImbalanceError",
    "ImbalanceWarning",
    "InsufficientSamplesError",
    "InvalidFeaturesError",
    "InvalidTargetError",
    "TargetNotFoundError",
]


class ImbalanceError(Exception):
    """Base class of every error raised by pd_imbalance."""


class TargetNotFoundError(ImbalanceError, KeyError):
    """No target column was given or set, or the named column does not exist."""

    def __str__(self) -> str:  # KeyError would wrap the message in quotes
        return str(self.args[0]) if self.args else ""


class InvalidTargetError(ImbalanceError, ValueError):
    """The label column failed a check (nulls, a single class, continuous values, ...).

    Attributes
    ----------
    failure_cases : pandas.DataFrame or None
        The failure cases reported by the pandera schema that ran the check.
    """

    def __init__(self, message: str, failure_cases: Any = None) -> None:
        super().__init__(message)
        self.failure_cases = failure_cases


class InsufficientSamplesError(InvalidTargetError):
    """A class has too few rows for the requested operation."""


class InvalidFeaturesError(ImbalanceError, ValueError):
    """Feature columns hold values or types an operation cannot use."""


class ImbalanceWarning(UserWarning):
    """Something will work, but probably not the way you want (e.g. tiny test splits)."""


def warn(message: str) -> None:
    """Issue an :class:`ImbalanceWarning` attributed to the user's line, not ours.

    The stack level is the first frame outside the ``pd_imbalance`` package, however deep
    the call (a verb, a split calling a verb, a dask task, a scikit-learn sampler).
    """
    package = os.path.dirname(os.path.abspath(__file__))
    frame = sys._getframe(1)
    level = 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(package):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    warnings.warn(message, ImbalanceWarning, stacklevel=level + 1)
