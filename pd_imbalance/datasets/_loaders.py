"""Loaders for the bundled datasets."""

from __future__ import annotations

from importlib import resources

import pandas as pd

from pd_imbalance._pandas.target import stamp_target

_WINE_FILE = "wine_quality_white.csv.gz"


def load_wine_quality() -> pd.DataFrame:
    """Load the UCI white Wine Quality data: 4,898 wines, 11 features, a 7-class label.

    ``quality`` (int64, observed 3 to 9) is a multi-class label with classes of 2,198 down to
    5 rows. The frame's target is set to ``"quality"``. Data: Cortez et al. (2009), UCI
    Machine Learning Repository, CC BY 4.0 (see ``datasets/data/SOURCE.md``).

    Returns
    -------
    pandas.DataFrame
        Float64 feature columns and the int64 ``quality`` column.

    Examples
    --------
    >>> from pd_imbalance.datasets import load_wine_quality
    >>> df = load_wine_quality()
    >>> df.shape, df.imbalance.target
    ((4898, 12), 'quality')
    """
    with resources.files(__package__).joinpath("data", _WINE_FILE).open("rb") as fh:
        df = pd.read_csv(fh, compression="gzip", dtype={"quality": "int64"})
    feature_columns = [c for c in df.columns if c != "quality"]
    df[feature_columns] = df[feature_columns].astype("float64")
    return stamp_target(df, "quality")


def load_excellent_wine() -> pd.DataFrame:
    """Load the white Wine Quality data with a binary label: is the wine excellent.

    ``excellent`` (bool) is True for a quality score of 8 or 9: 180 of 4,898 rows (3.7 %),
    the kind of rare positive class pd_imbalance is for. The ``quality`` score is dropped
    (it would leak the label). The frame's target is set to ``"excellent"``.

    Returns
    -------
    pandas.DataFrame
        11 float64 feature columns and the bool ``excellent`` column.

    Examples
    --------
    >>> from pd_imbalance.datasets import load_excellent_wine
    >>> df = load_excellent_wine()
    >>> int(df["excellent"].sum()), len(df)
    (180, 4898)
    """
    df = load_wine_quality()
    out = df.drop(columns="quality").assign(excellent=df["quality"] >= 8)
    return stamp_target(out, "excellent")
