"""The oversampling verb (random, SMOTE, Borderline-SMOTE, ADASYN) and its ``smote`` shortcut.

Each method checks its parameters, then runs the shared path: resolve and validate the
labels, encode the frame into arrays, ask the core for a plan, materialize it.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Literal

import numpy as np
import pandas as pd

from pd_imbalance._core.neighbors import NeighborsLike
from pd_imbalance._core.random import RandomStateLike, seed_sequence, spawn
from pd_imbalance._core.smote import plan_smote
from pd_imbalance._core.strategy import SamplingStrategy, resolve_sampling_strategy
from pd_imbalance._pandas.checks import check_smote_class_sizes, checked_codes
from pd_imbalance._pandas.features import distance_rows, encode_features
from pd_imbalance._pandas.index_rule import SyntheticIndex
from pd_imbalance._pandas.materialize import materialize_smote, provenance_frame
from pd_imbalance._pandas.records import count_record
from pd_imbalance._params import MaxClasses, check_bool, check_new_column, check_positive_int
from pd_imbalance.results import SmoteResult

__all__ = ["OVERSAMPLE_METHODS", "OversampleMethod", "oversample", "smote"]

OversampleMethod = Literal["random", "smote", "borderline-1", "borderline-2", "adasyn"]
#: The values of ``oversample(method=...)``.
OVERSAMPLE_METHODS: tuple[str, ...] = ("random", "smote", "borderline-1", "borderline-2", "adasyn")


def oversample(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    method: OversampleMethod = "random",
    sampling_strategy: SamplingStrategy = "auto",
    random_state: RandomStateLike = None,
    shrinkage: float | dict[Any, float] | None = None,
    k_neighbors: NeighborsLike = 5,
    m_neighbors: NeighborsLike = 10,
    categorical: str | list[Hashable] = "auto",
    synthetic_flag: str | None = None,
    return_plan: bool = False,
    max_classes: MaxClasses = "auto",
) -> Any:
    """Grow the smaller classes: random copies, SMOTE, Borderline-SMOTE or ADASYN.

    (Issue 13 in progress: the full description of every method goes here.)

    Parameters
    ----------
    df : pandas.DataFrame
        The data (usually the *training* part only: split first).
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    method : {"random", "smote", "borderline-1", "borderline-2", "adasyn"}, default="random"
        How new rows are made.
    sampling_strategy : str, float, dict or callable, default="auto"
        Which classes to grow and to how many rows (see :func:`smote`).
    random_state : int, numpy Generator or None, default=None
        Seed for a reproducible result.
    shrinkage : float or dict, optional
        ``method="random"`` only: a smoothed bootstrap.
    k_neighbors : int or NearestNeighbors-like, default=5
        Neighbours of the interpolating methods.
    m_neighbors : int or NearestNeighbors-like, default=10
        Borderline-SMOTE's neighbourhood among all classes.
    categorical : "auto" or list of str, default="auto"
        Extra columns to treat as categorical (see :func:`smote`).
    synthetic_flag : str, optional
        Name of a bool column to add, True for new rows.
    return_plan : bool, default=False
        Also return the provenance of every new row.
    max_classes : "auto", int or None, default="auto"
        The guard against an ID column passed as the target (see :func:`smote`).

    Returns
    -------
    pandas.DataFrame or SmoteResult
        The oversampled frame, or ``(frame, provenance)``.
    """
    if method != "smote":
        raise NotImplementedError("issue 13, in progress")
    return _smote(
        df,
        target,
        k_neighbors=k_neighbors,
        sampling_strategy=sampling_strategy,
        random_state=random_state,
        categorical=categorical,
        synthetic_flag=synthetic_flag,
        return_plan=return_plan,
        max_classes=max_classes,
        index_avoids=df.index,
    )


def smote(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    k_neighbors: int = 5,
    sampling_strategy: SamplingStrategy = "auto",
    random_state: RandomStateLike = None,
    categorical: str | list[Hashable] = "auto",
    synthetic_flag: str | None = None,
    return_plan: bool = False,
    max_classes: MaxClasses = "auto",
) -> Any:
    """Oversample smaller classes with synthetic rows (SMOTE, SMOTE-NC for mixed types).

    For each synthetic row of a class: a base row ``x`` drawn uniformly with replacement, a
    neighbour ``z`` drawn uniformly among the ``k_neighbors`` nearest rows of the same class
    (Euclidean; the SMOTE-NC penalty, the median standard deviation of the continuous
    columns, is added per differing categorical value), and ``lam ~ U[0, 1)``:

    * float columns: ``x + lam * (z - x)``, in the column's own width (float32 stays
      float32);
    * int columns (also nullable Int64): interpolated and rounded to the nearest integer, so
      always between ``x`` and ``z`` and within the class's observed range;
    * datetime / timedelta columns: interpolated to the nearest tick (time zones kept);
    * bool, boolean, category, str and object columns: the value most common among ``x``'s
      ``k_neighbors`` neighbours, ties broken at random (SMOTE-NC).

    With only categorical features, distance counts mismatching values (penalty 1). The
    output holds every input row first, unchanged (values, index, order), then the
    synthetic rows grouped by class. Synthetic index labels never collide with the input's:
    an integer index continues from its maximum + 1, any other index gets ``"synthetic_0"``,
    ``"synthetic_1"``, ... This function does not mutate the original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        The data (usually the *training* part only: split first).
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    k_neighbors : int, default=5
        Neighbours considered per row; each class to grow needs more rows than this.
    sampling_strategy : str, float, dict or callable, default="auto"
        Which classes to grow and to how many rows; ``"auto"`` (= ``"not majority"``) grows
        every class to the size of the largest. See :func:`undersample`; a dict gives final
        counts, which may not be below the current ones.
    random_state : int, numpy Generator or None, default=None
        Seed for a reproducible result.
    categorical : "auto" or list of str, default="auto"
        Extra columns to treat as categorical (e.g. integer codes), besides the automatic
        bool/category/str/object columns.
    synthetic_flag : str, optional
        Name of a bool column to add, True for synthetic rows.
    return_plan : bool, default=False
        Also return the provenance of every synthetic row (see :class:`SmoteResult`).
    max_classes : "auto", int or None, default="auto"
        The guard against an ID column passed as the target by mistake. ``"auto"`` refuses
        more than 1,000 classes only when most of them have a single row; an int refuses
        more classes than that; None accepts any number of classes.

    Returns
    -------
    pandas.DataFrame or SmoteResult
        The oversampled frame (with the target in ``attrs``), or ``(frame, provenance)``.

    Raises
    ------
    InsufficientSamplesError
        A class to grow has ``k_neighbors`` rows or fewer.
    InvalidFeaturesError
        Missing or infinite values in a float column among the rows of a class that grows
        (rows of other classes are only copied), missing values in any other feature column,
        or a column type SMOTE cannot generate.
    InvalidTargetError, TargetNotFoundError, ValueError, TypeError
        As for :func:`undersample`; also for ``k_neighbors`` below 1 or not an int.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"x": [0.0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13],
    ...                    "y": [0] * 8 + [1] * 4})
    >>> out = pdi.smote(df, "y", k_neighbors=2, random_state=0, synthetic_flag="synthetic")
    >>> out["y"].value_counts().to_dict()
    {0: 8, 1: 8}
    >>> out.index[-4:].tolist(), bool(out["x"][out["synthetic"]].between(10, 13).all())
    ([12, 13, 14, 15], True)
    """
    return _smote(
        df,
        target,
        k_neighbors=k_neighbors,
        sampling_strategy=sampling_strategy,
        random_state=random_state,
        categorical=categorical,
        synthetic_flag=synthetic_flag,
        return_plan=return_plan,
        max_classes=max_classes,
        index_avoids=df.index,
    )


def _smote(
    df: pd.DataFrame,
    target: Hashable | None,
    *,
    k_neighbors: object,
    sampling_strategy: SamplingStrategy,
    random_state: RandomStateLike,
    categorical: str | list[Hashable],
    synthetic_flag: object,
    return_plan: object,
    max_classes: object,
    index_avoids: pd.Index,
) -> Any:
    """:func:`smote`, with synthetic index labels that also avoid ``index_avoids``."""
    k = check_positive_int("k_neighbors", k_neighbors)
    flag = check_new_column("synthetic_flag", synthetic_flag, df.columns)
    return_plan = check_bool("return_plan", return_plan)
    plan_seed, tie_seed = spawn(seed_sequence(random_state), 2)
    column, table, codes = checked_codes(df, target, "smote", max_classes=max_classes)
    final_counts = resolve_sampling_strategy(
        sampling_strategy, table.counts, table.labels, kind="over", y=df[column]
    )
    check_smote_class_sizes(table, final_counts, k)
    grown = final_counts > table.counts
    features = encode_features(df, column, categorical, float_rows=np.flatnonzero(grown[codes]))
    plan = plan_smote(codes, table.counts, final_counts, distance_rows(features), k, plan_seed)
    labels = SyntheticIndex.avoiding(index_avoids, plan.n_synthetic).labels(plan.n_synthetic)
    counts = (count_record(table.labels, table.counts), count_record(table.labels, final_counts))
    out = materialize_smote(
        df,
        column,
        table,
        features,
        plan,
        np.random.default_rng(tie_seed),
        flag,
        labels,
        counts=counts,
    )
    if return_plan:
        return SmoteResult(out, provenance_frame(df, out, plan))
    return out
