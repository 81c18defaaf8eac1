"""Report and weights of a dask DataFrame, from the label column's distributed counts."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import dask.dataframe as dd
import numpy as np
import pandas as pd

from pd_imbalance._core.weights import WeightMethod, class_weights
from pd_imbalance._pandas.model_output import model_column, model_numbers
from pd_imbalance._params import MaxClasses, check_pos_label_use, check_positive_int
from pd_imbalance.dask._labels import (
    class_codes,
    count_dask_classes,
    require_dask_frame,
    resolve_dask_target,
)
from pd_imbalance.results import ImbalanceReport, build_report


def report(
    ddf: dd.DataFrame,
    target: Hashable | None = None,
    *,
    predictions: Any = None,
    scores: Any = None,
    pos_label: Any = None,
    k_neighbors: int = 5,
    max_classes: MaxClasses = "auto",
) -> ImbalanceReport:
    """Describe a dask DataFrame's label imbalance, like :func:`pd_imbalance.report`.

    The class counts are computed on the cluster; the report equals the pandas report of
    the same data. With ``predictions`` / ``scores``, only the label and those columns are
    collected to score the model (exact average precision and ROC AUC need every score).

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The data.
    target, predictions, scores, pos_label, k_neighbors
        As in :func:`pd_imbalance.report`.
    max_classes : "auto", int or None, default="auto"
        As in :func:`pd_imbalance.report`: the guard against an ID column as the target.

    Returns
    -------
    ImbalanceReport
        The same object as on pandas.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> import pd_imbalance.dask as pdd
    >>> df = pd.DataFrame({"amount": range(100), "fraud": [False] * 95 + [True] * 5})
    >>> rep = pdd.report(dd.from_pandas(df, npartitions=3), "fraud")
    >>> rep.imbalance_ratio, rep.majority_baseline_accuracy
    (19.0, 0.95)
    """
    ddf = require_dask_frame(ddf)
    k = check_positive_int("k_neighbors", k_neighbors)
    check_pos_label_use(pos_label, scores)
    column = resolve_dask_target(ddf, target)
    table = count_dask_classes(ddf, column, "report", max_classes=max_classes)
    model: dict[str, Any] = {}
    if predictions is not None or scores is not None:
        # names checked on the meta (the pandas errors), then only the label and model
        # columns are collected: a model is scored on held-out rows, usually few
        named = [
            model_column(ddf._meta, c, what)
            for c, what in ((predictions, "predictions"), (scores, "scores"))
            if c is not None
        ]
        rows = ddf[list(dict.fromkeys([column, *named]))].compute()
        codes = class_codes(rows[column], table.classes)
        model = model_numbers(rows, table, codes, predictions, scores, pos_label)
    return build_report(column, table, ddf.dtypes, k, model)


def weights(
    ddf: dd.DataFrame,
    target: Hashable | None = None,
    *,
    method: WeightMethod = "balanced",
    beta: float = 0.999,
    max_classes: MaxClasses = "auto",
) -> pd.Series:
    """Return one weight per class (a small pandas Series), like :func:`pd_imbalance.weights`.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The data; only the label column's class counts are computed.
    target, method, beta
        As in :func:`pd_imbalance.weights`.
    max_classes : "auto", int or None, default="auto"
        As in :func:`pd_imbalance.report`: the guard against an ID column as the target.

    Returns
    -------
    pandas.Series
        Float weights named ``"weight"``, indexed by class label.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> import pd_imbalance.dask as pdd
    >>> ddf = dd.from_pandas(pd.DataFrame({"y": [0] * 90 + [1] * 10}), npartitions=2)
    >>> pdd.weights(ddf, "y").round(3).to_dict()
    {0: 0.556, 1: 5.0}
    """
    ddf = require_dask_frame(ddf)
    column = resolve_dask_target(ddf, target)
    table = count_dask_classes(ddf, column, "weights", max_classes=max_classes)
    values = class_weights(table.counts, method, beta)
    return pd.Series(values, index=table.classes, name="weight", dtype=np.float64)


def _row_weights(labels: pd.Series, classes: pd.Index, values: np.ndarray) -> pd.Series:
    return pd.Series(values[class_codes(labels, classes)], index=labels.index, name="sample_weight")


def sample_weights(
    ddf: dd.DataFrame,
    target: Hashable | None = None,
    *,
    method: WeightMethod = "balanced",
    beta: float = 0.999,
    max_classes: MaxClasses = "auto",
) -> dd.Series:
    """Return each row's class weight as a lazy dask Series aligned with ``ddf``.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The data.
    target, method, beta
        As in :func:`pd_imbalance.weights`.
    max_classes : "auto", int or None, default="auto"
        As in :func:`pd_imbalance.report`: the guard against an ID column as the target.

    Returns
    -------
    dask.dataframe.Series
        Float weights named ``"sample_weight"``, partitioned like ``ddf``.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> import pd_imbalance.dask as pdd
    >>> ddf = dd.from_pandas(pd.DataFrame({"y": ["a", "a", "a", "b"]}), npartitions=2)
    >>> pdd.sample_weights(ddf, "y").compute().round(3).tolist()
    [0.667, 0.667, 0.667, 2.0]
    """
    ddf = require_dask_frame(ddf)
    column = resolve_dask_target(ddf, target)
    table = count_dask_classes(ddf, column, "sample_weights", max_classes=max_classes)
    values = class_weights(table.counts, method, beta)
    meta = pd.Series(dtype=np.float64, name="sample_weight", index=ddf._meta.index)
    return ddf[column].map_partitions(_row_weights, table.classes, values, meta=meta)
