"""The ``df.imbalance`` accessor: resolve, delegate, nothing else.

pandas builds a new accessor object on every attribute access, so it stores only the frame.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any

import pandas as pd

from pd_imbalance import api
from pd_imbalance._core.metrics import Objective
from pd_imbalance._core.random import RandomStateLike
from pd_imbalance._core.strategy import SamplingStrategy
from pd_imbalance._target import get_target, set_target
from pd_imbalance.report import ImbalanceReport
from pd_imbalance.split import Method, TrainTest, cv_splits, split_then_resample
from pd_imbalance.threshold import ThresholdResult, tune_threshold

__all__ = ["ImbalanceAccessor"]


@pd.api.extensions.register_dataframe_accessor("imbalance")
class ImbalanceAccessor:
    """Class-imbalance tools on every DataFrame: ``df.imbalance.report()`` and friends.

    Every method has a functional twin in :mod:`pd_imbalance` with the same parameters, and
    none mutates the DataFrame.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance  # registers the accessor
    >>> df = pd.DataFrame({"x": range(6), "y": [0, 0, 0, 0, 1, 1]}).imbalance.set_target("y")
    >>> df.imbalance.target
    'y'
    >>> df.imbalance.weights().to_dict()
    {0: 0.75, 1: 1.5}
    """

    def __init__(self, df: pd.DataFrame) -> None:
        self._df = df

    @property
    def target(self) -> Hashable | None:
        """The target column set with :meth:`set_target`, or None."""
        return get_target(self._df)

    def set_target(self, target: str) -> pd.DataFrame:
        """Return a shallow copy whose default target column is ``target``."""
        return set_target(self._df, target)

    def report(
        self,
        target: Hashable | None = None,
        *,
        predictions: Hashable | None = None,
        scores: Hashable | None = None,
        pos_label: Any = None,
        k_neighbors: int = 5,
    ) -> ImbalanceReport:
        """See :func:`pd_imbalance.report`."""
        return api.report(
            self._df,
            target,
            predictions=predictions,
            scores=scores,
            pos_label=pos_label,
            k_neighbors=k_neighbors,
        )

    def tune_threshold(
        self,
        target: Hashable | None = None,
        *,
        scores: Hashable,
        objective: Objective = "f1",
        pos_label: Any = None,
        beta: float = 1.0,
        min_recall: float | None = None,
        min_precision: float | None = None,
        fn_cost: float = 1.0,
        fp_cost: float = 1.0,
    ) -> ThresholdResult:
        """See :func:`pd_imbalance.tune_threshold`."""
        return tune_threshold(
            self._df,
            target,
            scores=scores,
            objective=objective,
            pos_label=pos_label,
            beta=beta,
            min_recall=min_recall,
            min_precision=min_precision,
            fn_cost=fn_cost,
            fp_cost=fp_cost,
        )

    def undersample(
        self,
        target: Hashable | None = None,
        *,
        sampling_strategy: SamplingStrategy = "auto",
        random_state: RandomStateLike = None,
        replacement: bool = False,
    ) -> pd.DataFrame:
        """See :func:`pd_imbalance.undersample`."""
        return api.undersample(
            self._df,
            target,
            sampling_strategy=sampling_strategy,
            random_state=random_state,
            replacement=replacement,
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
    ) -> pd.DataFrame:
        """See :func:`pd_imbalance.smote`."""
        out: pd.DataFrame = api.smote(
            self._df,
            target,
            k_neighbors=k_neighbors,
            sampling_strategy=sampling_strategy,
            random_state=random_state,
            categorical=categorical,
            synthetic_flag=synthetic_flag,
        )
        return out

    def split_then_resample(
        self,
        target: Hashable | None = None,
        *,
        method: Method = "smote",
        test_size: float = 0.25,
        random_state: RandomStateLike = None,
        stratify: bool = True,
        **method_kwargs: Any,
    ) -> TrainTest:
        """See :func:`pd_imbalance.split_then_resample`."""
        return split_then_resample(
            self._df,
            target,
            method=method,
            test_size=test_size,
            random_state=random_state,
            stratify=stratify,
            **method_kwargs,
        )

    def cv_splits(
        self,
        target: Hashable | None = None,
        n_splits: int = 5,
        *,
        method: Method = "smote",
        random_state: RandomStateLike = None,
        **method_kwargs: Any,
    ) -> Iterator[TrainTest]:
        """See :func:`pd_imbalance.cv_splits`."""
        return cv_splits(
            self._df, target, n_splits, method=method, random_state=random_state, **method_kwargs
        )

    def weights(
        self,
        target: Hashable | None = None,
        *,
        method: api.WeightMethod = "balanced",
        beta: float = 0.999,
    ) -> pd.Series:
        """See :func:`pd_imbalance.weights`."""
        return api.weights(self._df, target, method=method, beta=beta)

    def sample_weights(
        self,
        target: Hashable | None = None,
        *,
        method: api.WeightMethod = "balanced",
        beta: float = 0.999,
    ) -> pd.Series:
        """See :func:`pd_imbalance.sample_weights`."""
        return api.sample_weights(self._df, target, method=method, beta=beta)
