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
from pd_imbalance._dask.labels import require_dask_frame, resolve_dask_target, stamp_dask_target
from pd_imbalance._dask.smote import smote
from pd_imbalance._dask.split import split_then_resample
from pd_imbalance._dask.summary import report, sample_weights, weights
from pd_imbalance._dask.undersample import undersample
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
