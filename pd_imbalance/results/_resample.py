"""What the resampling and split verbs return besides plain DataFrames."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

__all__ = ["CleanResult", "SmoteResult", "TrainTest", "TrainValidationTest"]


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


def _shares(train: pd.DataFrame) -> pd.DataFrame:
    entry = train.attrs.get("pd_imbalance", {}).get("split")
    if not isinstance(entry, dict):
        raise ValueError(
            "this training part carries no split record (attrs['pd_imbalance']['split']); it "
            "was changed after the split or not made by split_then_resample/cv_splits."
        )
    shares = pd.DataFrame(entry["shares"])
    shares.index.name = "class"
    return shares


class TrainTest(NamedTuple):
    """A training frame (resampled) and a test frame (untouched).

    ``shares`` tells how each class was split: one row per class, one column per part
    (``train``, ``test``), the share of the class's input rows that went there (before
    resampling). A stratified split keeps every row close to ``test_size``; with
    ``groups=`` it is as close as the groups allow, with ``time=`` it is what the cut gave.
    The record lives in ``train.attrs["pd_imbalance"]["split"]`` (the test part's attrs
    hold only the target, so test folds concatenate with their target kept).
    """

    train: pd.DataFrame
    test: pd.DataFrame

    @property
    def shares(self) -> pd.DataFrame:
        """Each class's share of rows in each part (rows: classes; columns: parts)."""
        return _shares(self.train)


class TrainValidationTest(NamedTuple):
    """``split_then_resample(..., validation_size=...)``: train (resampled), validation, test.

    Unpacks to three: ``train, validation, test = ...``. Only the training part is
    resampled; the validation part (for tuning a threshold or early stopping) and the test
    part are untouched input rows. ``shares`` as in :class:`TrainTest`, with a
    ``validation`` column.
    """

    train: pd.DataFrame
    validation: pd.DataFrame
    test: pd.DataFrame

    @property
    def shares(self) -> pd.DataFrame:
        """Each class's share of rows in each part (rows: classes; columns: parts)."""
        return _shares(self.train)


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
