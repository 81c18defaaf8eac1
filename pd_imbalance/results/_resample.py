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
        One row per removed row, indexed by its label in the input, in input order:
        ``position`` (int64, its row position in the input), the target column (its class,
        in the target's dtype; named ``"class"`` if the target is called ``position``,
        ``reason`` or ``round``), ``reason`` (str, why the method removed it; the
        vocabulary is in :func:`~pd_imbalance.clean`) and, for ``"renn"`` and ``"allknn"``,
        ``round`` (int64, the 1-based editing round that removed it).
    """

    frame: pd.DataFrame
    removed: pd.DataFrame
