"""The undersampling verb: random undersampling and NearMiss, one definition."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Literal

import pandas as pd

from pd_imbalance._core.neighbors import NeighborsLike
from pd_imbalance._core.random import RandomStateLike, make_generator
from pd_imbalance._core.strategy import SamplingStrategy, resolve_sampling_strategy
from pd_imbalance._core.undersample import plan_undersample
from pd_imbalance._pandas.checks import checked_codes
from pd_imbalance._pandas.materialize import materialize_rows
from pd_imbalance._pandas.records import count_record
from pd_imbalance._params import MaxClasses, check_bool

__all__ = ["UNDERSAMPLE_METHODS", "UndersampleMethod", "undersample"]

UndersampleMethod = Literal["random", "nearmiss-1", "nearmiss-2", "nearmiss-3"]
#: The values of ``undersample(method=...)``.
UNDERSAMPLE_METHODS: tuple[str, ...] = ("random", "nearmiss-1", "nearmiss-2", "nearmiss-3")


def undersample(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    method: UndersampleMethod = "random",
    sampling_strategy: SamplingStrategy = "auto",
    random_state: RandomStateLike = None,
    replacement: bool = False,
    n_neighbors: NeighborsLike = 3,
    n_neighbors_ver3: NeighborsLike = 3,
    max_classes: MaxClasses = "auto",
) -> pd.DataFrame:
    """Drop rows of the larger classes until they reach their target counts.

    Each targeted class keeps a uniform random subset of exactly the resolved number of rows;
    every other class (the minority, with ``"auto"``) is kept whole. Rows keep their index
    labels, column order, dtypes and original relative order. This function does not mutate
    the original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        The data, one row per example.
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    sampling_strategy : str, float, dict or callable, default="auto"
        Which classes to reduce and to how many rows. ``"auto"`` (= ``"not minority"``)
        brings every class down to the size of the smallest; also ``"majority"``,
        ``"not majority"``, ``"all"``; a float ``r`` in (0, 1] (binary labels) asks for
        minority/majority = ``r`` (rounded to the nearest row; a ratio already met changes
        nothing); a dict ``{class: final count}``; a callable ``f(y) -> dict``.
    method : {"random", "nearmiss-1", "nearmiss-2", "nearmiss-3"}, default="random"
        Which rows of a reduced class stay. ``"random"``: a uniform random subset.
        NearMiss keeps the rows closest to the other classes: ``"nearmiss-1"`` the rows
        whose ``n_neighbors`` nearest rows of the other classes are nearest on average,
        ``"nearmiss-2"`` those whose ``n_neighbors`` farthest rows of the other classes
        are nearest on average, ``"nearmiss-3"`` first the ``n_neighbors_ver3`` nearest
        rows of the reduced class around each row of the other classes, then among them
        the ones farthest on average from their ``n_neighbors`` nearest other-class rows.
    random_state : int, numpy Generator or None, default=None
        Seed for a reproducible result.
    replacement : bool, default=False
        Draw the kept rows of reduced classes with replacement (rows may repeat); only
        with ``method="random"``.
    n_neighbors, n_neighbors_ver3 : int or NearestNeighbors-like, default=3
        The neighbourhood sizes of NearMiss (ignored by ``"random"``); an object with
        ``fit`` and ``kneighbors`` (a scikit-learn ``NearestNeighbors``, a faiss or cuML
        wrapper) is used for the search instead of the built-in exact one.
    max_classes : "auto", int or None, default="auto"
        The guard against an ID column passed as the target by mistake. ``"auto"`` refuses
        more than 1,000 classes only when most of them have a single row; an int refuses
        more classes than that; None accepts any number of classes.

    Returns
    -------
    pandas.DataFrame
        The kept rows, with ``attrs["pd_imbalance"]["target"]`` set.

    Raises
    ------
    TargetNotFoundError
        No target given or set, or the column is missing.
    InvalidTargetError
        Missing labels, a single class, continuous or too many distinct labels.
    ValueError, TypeError
        An invalid ``sampling_strategy``, ``random_state`` or ``replacement``.

    See Also
    --------
    weights : Class weights, the no-resampling alternative.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"x": range(10), "y": ["ok"] * 8 + ["fraud"] * 2})
    >>> out = pdi.undersample(df, "y", random_state=0)
    >>> out["y"].value_counts().to_dict()
    {'ok': 2, 'fraud': 2}
    >>> out.index.is_monotonic_increasing  # original order kept
    True
    """
    replacement = check_bool("replacement", replacement)
    if method != "random":
        raise NotImplementedError("NearMiss: issue 13, in progress")
    rng = make_generator(random_state)
    column, table, codes = checked_codes(df, target, "undersample", max_classes=max_classes)
    final_counts = resolve_sampling_strategy(
        sampling_strategy, table.counts, table.labels, kind="under", y=df[column]
    )
    plan = plan_undersample(codes, table.counts, final_counts, rng, replacement=replacement)
    counts = (count_record(table.labels, table.counts), count_record(table.labels, final_counts))
    return materialize_rows(df, plan, column, counts)
