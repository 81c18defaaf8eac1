"""The dask backend: the same ``imbalance`` accessor and verbs for dask DataFrames.

Importing this module registers ``ddf.imbalance`` on every dask DataFrame. ``import
pd_imbalance`` does it too when dask is installed: right away if ``dask.dataframe`` is
already imported, else at the moment it is (so plain ``import pd_imbalance`` never pays for
importing dask). Install with ``pip install "pd-imbalance[dask]"``.

What runs where
---------------
* ``report``, ``weights``: the label column's value counts are computed on the cluster;
  only the class table reaches the client, where it is validated exactly as in pandas.
* ``sample_weights``: a lazy Series (one ``map_partitions``).
* ``undersample``: lazy; ``exact=False`` keeps each row with its class's probability in
  one pass (counts right on average), ``exact=True`` gives the exact counts of the pandas
  path (a counting pass at call time, then the lazy selection).
* ``smote``: the rows of the classes that grow (small by definition) are collected and
  searched for neighbours on the client; the synthetic rows are appended as lazy partitions
  that the workers build.
* ``split_then_resample``: a lazy per-row random split (``exact=True``: exact stratified
  counts), then the training part is resampled.

Each call computes its class counts right away (that is how bad labels raise at the call, as
in pandas); the frames it returns stay lazy. Results are reproducible for a given
``random_state`` *and partitioning*: every partition and block of synthetic rows draws from
its own child of the call's seed.

Examples
--------
>>> import dask.dataframe as dd
>>> import pandas as pd
>>> import pd_imbalance.dask  # registers ddf.imbalance
>>> df = pd.DataFrame({"x": range(100), "y": [0] * 90 + [1] * 10})
>>> ddf = dd.from_pandas(df, npartitions=4).imbalance.set_target("y")
>>> ddf.imbalance.weights().to_dict()
{0: 0.5555555555555556, 1: 5.0}
>>> small = ddf.imbalance.undersample(exact=True, random_state=0)  # lazy
>>> small["y"].value_counts().compute().sort_index().to_dict()
{0: 10, 1: 10}
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import dask.dataframe as dd
import pandas as pd
from dask.dataframe.extensions import register_dataframe_accessor

from pd_imbalance._core.random import RandomStateLike
from pd_imbalance._core.strategy import SamplingStrategy
from pd_imbalance._dask import smote as _smote
from pd_imbalance._dask import split as _split
from pd_imbalance._dask import summary as _summary
from pd_imbalance._dask import undersample as _undersample
from pd_imbalance._dask.labels import require_dask_frame, resolve_dask_target, stamp_dask_target
from pd_imbalance._target import get_target
from pd_imbalance.api import WeightMethod
from pd_imbalance.report import ImbalanceReport
from pd_imbalance.split import TrainTest

__all__ = [
    "DaskImbalanceAccessor",
    "report",
    "sample_weights",
    "set_target",
    "smote",
    "split_then_resample",
    "undersample",
    "weights",
]


def set_target(ddf: dd.DataFrame, target: Hashable) -> dd.DataFrame:
    """Return ``ddf`` with its default target column set (lazily; ``ddf`` is unchanged).

    The target is kept in the frame's metadata, and in ``attrs`` of every computed
    partition.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> import pd_imbalance.dask as pdd
    >>> ddf = pdd.set_target(dd.from_pandas(pd.DataFrame({"y": [0, 1]}), npartitions=1), "y")
    >>> ddf.imbalance.target
    'y'
    """
    ddf = require_dask_frame(ddf)
    return stamp_dask_target(ddf, resolve_dask_target(ddf, target))


def report(
    ddf: dd.DataFrame,
    target: Hashable | None = None,
    *,
    predictions: Hashable | None = None,
    scores: Hashable | None = None,
    pos_label: Any = None,
    k_neighbors: int = 5,
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
    return _summary.report(
        ddf,
        target,
        predictions=predictions,
        scores=scores,
        pos_label=pos_label,
        k_neighbors=k_neighbors,
    )


def weights(
    ddf: dd.DataFrame,
    target: Hashable | None = None,
    *,
    method: WeightMethod = "balanced",
    beta: float = 0.999,
) -> pd.Series:
    """Return one weight per class (a small pandas Series), like :func:`pd_imbalance.weights`.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> import pd_imbalance.dask as pdd
    >>> ddf = dd.from_pandas(pd.DataFrame({"y": [0] * 90 + [1] * 10}), npartitions=2)
    >>> pdd.weights(ddf, "y").round(3).to_dict()
    {0: 0.556, 1: 5.0}
    """
    return _summary.weights(ddf, target, method=method, beta=beta)


def sample_weights(
    ddf: dd.DataFrame,
    target: Hashable | None = None,
    *,
    method: WeightMethod = "balanced",
    beta: float = 0.999,
) -> dd.Series:
    """Return each row's class weight as a lazy dask Series aligned with ``ddf``.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> import pd_imbalance.dask as pdd
    >>> ddf = dd.from_pandas(pd.DataFrame({"y": ["a", "a", "a", "b"]}), npartitions=2)
    >>> pdd.sample_weights(ddf, "y").compute().round(3).tolist()
    [0.667, 0.667, 0.667, 2.0]
    """
    return _summary.sample_weights(ddf, target, method=method, beta=beta)


def undersample(
    ddf: dd.DataFrame,
    target: Hashable | None = None,
    *,
    sampling_strategy: SamplingStrategy = "auto",
    random_state: RandomStateLike = None,
    replacement: bool = False,
    exact: bool = False,
) -> dd.DataFrame:
    """Randomly drop rows of the larger classes of a dask DataFrame (lazy result).

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The data.
    target, sampling_strategy, random_state, replacement
        As in :func:`pd_imbalance.undersample`.
    exact : bool, default=False
        False: one pass, each row of class ``j`` kept with probability
        ``final_j / n_j`` (with ``replacement``: repeated Poisson(``final_j / n_j``) times),
        so counts are right on average (standard deviation about ``sqrt(final_j)``).
        True: exactly the resolved counts and a uniform sample of each class, as on
        pandas: a pass at call time counts each class per partition, each class's count is
        split over the partitions by a multivariate hypergeometric draw, and each partition
        keeps a uniform subset of its quota when computed.

    Returns
    -------
    dask.dataframe.DataFrame
        The kept rows, lazily; partitions and their order are those of ``ddf``.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> import pd_imbalance.dask as pdd
    >>> df = pd.DataFrame({"x": range(1000), "y": [0] * 900 + [1] * 100})
    >>> out = pdd.undersample(dd.from_pandas(df, npartitions=4), "y", exact=True,
    ...                       random_state=0)
    >>> out["y"].value_counts().compute().sort_index().to_dict()
    {0: 100, 1: 100}
    """
    return _undersample.undersample(
        ddf,
        target,
        sampling_strategy=sampling_strategy,
        random_state=random_state,
        replacement=replacement,
        exact=exact,
    )


def smote(
    ddf: dd.DataFrame,
    target: Hashable | None = None,
    *,
    k_neighbors: int = 5,
    sampling_strategy: SamplingStrategy = "auto",
    random_state: RandomStateLike = None,
    categorical: str | list[Hashable] = "auto",
    synthetic_flag: str | None = None,
    block_rows: int | None = None,
) -> dd.DataFrame:
    """Oversample the smaller classes of a dask DataFrame with SMOTE (lazy result).

    The geometry, column types and index rule are those of :func:`pd_imbalance.smote`. The
    rows of the classes that grow are collected to the client (they are the small ones)
    and searched for their exact neighbours there; the synthetic rows are built by the
    workers, ``block_rows`` per task, and appended after the input's partitions.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The data (usually the training part only).
    target, k_neighbors, sampling_strategy, random_state, categorical, synthetic_flag
        As in :func:`pd_imbalance.smote`.
    block_rows : int, optional
        Synthetic rows per partition; by default the input's average partition length
        (at least 50,000).

    Returns
    -------
    dask.dataframe.DataFrame
        The input's partitions (unchanged), then the synthetic rows' partitions.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> import pd_imbalance.dask as pdd
    >>> df = pd.DataFrame({"x": [float(i) for i in range(40)], "y": [0] * 30 + [1] * 10})
    >>> out = pdd.smote(dd.from_pandas(df, npartitions=2), "y", random_state=0)
    >>> res = out.compute()
    >>> res["y"].value_counts().to_dict(), bool(res["x"].iloc[40:].between(30, 39).all())
    ({0: 30, 1: 30}, True)
    """
    return _smote.smote(
        ddf,
        target,
        k_neighbors=k_neighbors,
        sampling_strategy=sampling_strategy,
        random_state=random_state,
        categorical=categorical,
        synthetic_flag=synthetic_flag,
        block_rows=block_rows,
    )


def split_then_resample(
    ddf: dd.DataFrame,
    target: Hashable | None = None,
    *,
    method: str = "smote",
    test_size: float = 0.25,
    random_state: RandomStateLike = None,
    stratify: bool = True,
    exact: bool = False,
    **method_kwargs: Any,
) -> TrainTest:
    """Split a dask DataFrame into train and test, then resample the train part only.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The data.
    target, method, test_size, random_state, stratify, **method_kwargs
        As in :func:`pd_imbalance.split_then_resample`.
    exact : bool, default=False
        False: each row goes to the test part with probability ``test_size`` (as a share
        of rows), drawn per partition: one lazy pass, each class's test share right on
        average. True: the exact stratified counts of the pandas split (a counting pass at
        call time).

    Returns
    -------
    TrainTest
        ``(train, test)`` as lazy dask DataFrames; the test part is never resampled.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> import pd_imbalance.dask as pdd
    >>> df = pd.DataFrame({"x": range(400), "y": [0] * 320 + [1] * 80})
    >>> train, test = pdd.split_then_resample(dd.from_pandas(df, npartitions=4), "y",
    ...     method="undersample", exact=True, random_state=0)
    >>> test["y"].value_counts().compute().sort_index().to_dict()
    {0: 80, 1: 20}
    >>> train["y"].value_counts().compute().sort_index().to_dict()
    {0: 60, 1: 60}
    """
    return _split.split_then_resample(
        ddf,
        target,
        method=method,
        test_size=test_size,
        random_state=random_state,
        stratify=stratify,
        exact=exact,
        **method_kwargs,
    )


@register_dataframe_accessor("imbalance")
class DaskImbalanceAccessor:
    """``ddf.imbalance``: the pandas accessor's verbs on a dask DataFrame.

    Each method is the function of the same name in :mod:`pd_imbalance.dask`.
    ``tune_threshold`` and ``cv_splits`` are pandas-only: compute the (held-out) rows first.
    """

    def __init__(self, ddf: dd.DataFrame) -> None:
        self._ddf = ddf

    @property
    def target(self) -> Hashable | None:
        """The target column set with :meth:`set_target`, or None."""
        return get_target(self._ddf._meta)

    def set_target(self, target: Hashable) -> dd.DataFrame:
        """See :func:`pd_imbalance.dask.set_target`."""
        return set_target(self._ddf, target)

    def report(
        self,
        target: Hashable | None = None,
        *,
        predictions: Hashable | None = None,
        scores: Hashable | None = None,
        pos_label: Any = None,
        k_neighbors: int = 5,
    ) -> ImbalanceReport:
        """See :func:`pd_imbalance.dask.report`."""
        return report(
            self._ddf,
            target,
            predictions=predictions,
            scores=scores,
            pos_label=pos_label,
            k_neighbors=k_neighbors,
        )

    def weights(
        self,
        target: Hashable | None = None,
        *,
        method: WeightMethod = "balanced",
        beta: float = 0.999,
    ) -> pd.Series:
        """See :func:`pd_imbalance.dask.weights`."""
        return weights(self._ddf, target, method=method, beta=beta)

    def sample_weights(
        self,
        target: Hashable | None = None,
        *,
        method: WeightMethod = "balanced",
        beta: float = 0.999,
    ) -> dd.Series:
        """See :func:`pd_imbalance.dask.sample_weights`."""
        return sample_weights(self._ddf, target, method=method, beta=beta)

    def undersample(
        self,
        target: Hashable | None = None,
        *,
        sampling_strategy: SamplingStrategy = "auto",
        random_state: RandomStateLike = None,
        replacement: bool = False,
        exact: bool = False,
    ) -> dd.DataFrame:
        """See :func:`pd_imbalance.dask.undersample`."""
        return undersample(
            self._ddf,
            target,
            sampling_strategy=sampling_strategy,
            random_state=random_state,
            replacement=replacement,
            exact=exact,
        )

    def smote(
        self,
        target: Hashable | None = None,
        *,
        k_neighbors: int = 5,
        sampling_strategy: SamplingStrategy = "auto",
        random_state: RandomStateLike = None,
        categorical: str | list[Hashable] = "auto",
        synthetic_flag: str | None = None,
        block_rows: int | None = None,
    ) -> dd.DataFrame:
        """See :func:`pd_imbalance.dask.smote`."""
        return smote(
            self._ddf,
            target,
            k_neighbors=k_neighbors,
            sampling_strategy=sampling_strategy,
            random_state=random_state,
            categorical=categorical,
            synthetic_flag=synthetic_flag,
            block_rows=block_rows,
        )

    def split_then_resample(
        self,
        target: Hashable | None = None,
        *,
        method: str = "smote",
        test_size: float = 0.25,
        random_state: RandomStateLike = None,
        stratify: bool = True,
        exact: bool = False,
        **method_kwargs: Any,
    ) -> TrainTest:
        """See :func:`pd_imbalance.dask.split_then_resample`."""
        return split_then_resample(
            self._ddf,
            target,
            method=method,
            test_size=test_size,
            random_state=random_state,
            stratify=stratify,
            exact=exact,
            **method_kwargs,
        )
