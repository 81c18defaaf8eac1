"""The weights verbs: class weights and per-row sample weights, the no-resampling fix."""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pandas as pd

from pd_imbalance._core.weights import WeightMethod, class_weights
from pd_imbalance._pandas.checks import checked_codes, checked_labels
from pd_imbalance._params import MaxClasses

__all__ = ["sample_weights", "weights"]


def weights(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    method: WeightMethod = "balanced",
    beta: float = 0.999,
    max_classes: MaxClasses = "auto",
) -> pd.Series:
    """Return one weight per class, ready for scikit-learn's ``class_weight=``.

    This function does not mutate the original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        The data.
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    method : {"balanced", "effective"}, default="balanced"
        ``"balanced"``: ``n / (K * n_j)``, identical to scikit-learn's
        ``compute_class_weight("balanced", ...)``. ``"effective"``: the effective-number
        weights of Cui et al. (2019), ``(1 - beta) / (1 - beta**n_j)``, scaled to sum to K.
    beta : float, default=0.999
        For ``method="effective"``, in [0, 1): 0 gives equal weights, values near 1 approach
        inverse class frequency.
    max_classes : "auto", int or None, default="auto"
        The guard against an ID column passed as the target by mistake. ``"auto"`` refuses
        more than 1,000 classes only when most of them have a single row; an int refuses
        more classes than that; None accepts any number of classes.

    Returns
    -------
    pandas.Series
        Float weights named ``"weight"``, indexed by class label (with the label dtype).

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"y": [0] * 90 + [1] * 10})
    >>> pdi.weights(df, "y").round(3).to_dict()
    {0: 0.556, 1: 5.0}
    """
    _column, table = checked_labels(df, target, "weights", max_classes=max_classes)
    values = class_weights(table.counts, method, beta)
    return pd.Series(values, index=table.classes, name="weight", dtype=np.float64)


def sample_weights(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    method: WeightMethod = "balanced",
    beta: float = 0.999,
    max_classes: MaxClasses = "auto",
) -> pd.Series:
    """Return each row's class weight, aligned to ``df.index`` (for ``fit(sample_weight=)``).

    This function does not mutate the original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        The data.
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    method : {"balanced", "effective"}, default="balanced"
        As in :func:`weights`.
    beta : float, default=0.999
        As in :func:`weights`.
    max_classes : "auto", int or None, default="auto"
        The guard against an ID column passed as the target by mistake. ``"auto"`` refuses
        more than 1,000 classes only when most of them have a single row; an int refuses
        more classes than that; None accepts any number of classes.

    Returns
    -------
    pandas.Series
        Float weights named ``"sample_weight"`` with the index of ``df``.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"y": ["a", "a", "a", "b"]})
    >>> pdi.sample_weights(df, "y").round(3).tolist()
    [0.667, 0.667, 0.667, 2.0]
    """
    _column, table, codes = checked_codes(df, target, "sample_weights", max_classes=max_classes)
    values = class_weights(table.counts, method, beta)
    return pd.Series(values[codes], index=df.index, name="sample_weight", dtype=np.float64)
