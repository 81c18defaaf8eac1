"""What the resampling and split verbs return besides plain DataFrames."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

__all__ = ["CleanResult", "SmoteResult", "TrainTest"]


class SmoteResult(NamedTuple):
    """What ``smote(..., return_plan=True)`` returns.

    Attributes
    ----------
    frame : pandas.DataFrame
        The oversampled data (originals first, then synthetic rows).
    provenance : pandas.DataFrame
        One row per synthetic row, indexed like it in ``frame``: ``base`` and ``neighbor``
        (index labels of the two input rows it was interpolated between), ``lam`` (the
        interpolation factor: continuous values are ``base + lam * (neighbor - base)``), and
        ``base_position`` / ``neighbor_position`` (their row positions in the input).
    """

    frame: pd.DataFrame
    provenance: pd.DataFrame


class TrainTest(NamedTuple):
    """A training frame (resampled) and a test frame (untouched)."""

    train: pd.DataFrame
    test: pd.DataFrame


class CleanResult(NamedTuple):
    """What ``clean(..., return_plan=True)`` returns.

    Attributes
    ----------
    frame : pandas.DataFrame
        The kept rows, in their original order with their index labels.
    removed : pandas.DataFrame
        One row per removed row, indexed by its label in the input: its ``position`` in the
        input, its class, and ``reason`` (why the method removed it).
    """

    frame: pd.DataFrame
    removed: pd.DataFrame
