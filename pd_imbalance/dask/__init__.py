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
* ``oversample``: ``method="random"``: exact counts, a counting pass at call time, then
  each partition copies its own drawn rows lazily; ``method="smote"`` is ``smote``.
* ``smote``: the rows of the classes that grow are gathered by one task on a worker, which
  searches their neighbours there (never on the client); the synthetic rows are appended
  as lazy partitions that the workers build.
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

# dask.dataframe is imported before any of this package's modules: when pd_imbalance is
# imported, that import registers the accessor (this module) while none of them is
# half-initialized yet.
import dask.dataframe as dd  # isort: skip
from collections.abc import Hashable

from dask.dataframe.extensions import register_dataframe_accessor

from pd_imbalance._doors import VerbMethod
from pd_imbalance._pandas.target import get_target
from pd_imbalance.dask._labels import set_target
from pd_imbalance.dask._oversample import oversample
from pd_imbalance.dask._smote import smote
from pd_imbalance.dask._split import split_then_resample
from pd_imbalance.dask._summary import report, sample_weights, weights
from pd_imbalance.dask._undersample import undersample

__all__ = [
    "DASK_VERBS",
    "DaskImbalanceAccessor",
    "oversample",
    "report",
    "sample_weights",
    "set_target",
    "smote",
    "split_then_resample",
    "undersample",
    "weights",
]

#: The verbs of the dask door, by name: the pandas verbs of the same names, with ``ddf``
#: first and the dask-only options ``exact`` and ``block_rows`` (tested against the pandas
#: definitions). ``tune_threshold``, ``cv_splits``, ``clean`` and ``resample`` are
#: pandas-only.
DASK_VERBS = {
    "set_target": set_target,
    "report": report,
    "undersample": undersample,
    "oversample": oversample,
    "smote": smote,
    "weights": weights,
    "sample_weights": sample_weights,
    "split_then_resample": split_then_resample,
}


@register_dataframe_accessor("imbalance")
class DaskImbalanceAccessor:
    """The ``imbalance`` accessor of dask DataFrames: ``ddf.imbalance.report()`` and friends.

    Each method is the function of the same name in :mod:`pd_imbalance.dask` applied to this
    frame. ``tune_threshold``, ``cv_splits``, ``clean`` and ``resample`` are pandas-only:
    compute the rows first.
    """

    def __init__(self, ddf: dd.DataFrame) -> None:
        self.frame = ddf

    @property
    def target(self) -> Hashable | None:
        """The target column set with :meth:`set_target`, or None."""
        return get_target(self.frame._meta)

    set_target = VerbMethod(set_target)
    report = VerbMethod(report)
    undersample = VerbMethod(undersample)
    oversample = VerbMethod(oversample)
    smote = VerbMethod(smote)
    weights = VerbMethod(weights)
    sample_weights = VerbMethod(sample_weights)
    split_then_resample = VerbMethod(split_then_resample)
