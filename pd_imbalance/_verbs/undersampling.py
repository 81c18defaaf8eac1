"""The undersampling verb: random undersampling and NearMiss, one definition."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from pd_imbalance._core.nearmiss import minority_code, plan_nearmiss
from pd_imbalance._core.neighbor_rule import NeighborRule
from pd_imbalance._core.neighbors import NeighborsLike, SearchLike
from pd_imbalance._core.plan import ResamplePlan
from pd_imbalance._core.random import RandomStateLike, make_generator
from pd_imbalance._core.strategy import SamplingStrategy, resolve_sampling_strategy
from pd_imbalance._core.undersample import plan_undersample
from pd_imbalance._pandas.checks import checked_codes
from pd_imbalance._pandas.features import distance_rows, encode_features
from pd_imbalance._pandas.labels import LabelTable
from pd_imbalance._pandas.materialize import materialize_rows
from pd_imbalance._pandas.passthrough import check_passthrough, feature_frame
from pd_imbalance._pandas.records import count_record
from pd_imbalance._params import MaxClasses, check_bool, check_neighbors, check_search
from pd_imbalance.errors import InsufficientSamplesError, InvalidFeaturesError, warn

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
    neighbors: SearchLike = "exact",
    max_classes: MaxClasses = "auto",
    passthrough: Sequence[Hashable] | None = None,
) -> pd.DataFrame:
    """Drop rows of the larger classes until they reach their target counts.

    With ``method="random"`` each targeted class keeps a uniform random subset of exactly
    the resolved number of rows; NearMiss keeps the rows nearest the minority class (below).
    Every other class (the minority, with ``"auto"``) is kept whole. Rows keep their index
    labels, column order, dtypes and original relative order. This function does not mutate
    the original DataFrame.

    NearMiss measures distances to the rows of the minority class (the smallest; among
    equally small classes, the one whose first row comes first), in one distance space over
    the minority and the reduced classes: continuous columns as they are (Euclidean, as in
    imbalanced-learn, whose ``NearMiss`` keeps the same rows on data without distance
    ties), categorical columns one-hot with the SMOTE-NC penalty. Equal scores keep the row
    that comes first. It draws nothing: ``random_state`` does not change its result.
    ``"nearmiss-3"`` may keep fewer rows than asked (only rows that are among some minority
    row's ``n_neighbors_ver3`` nearest are candidates; a warning says so).

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
    neighbors : "exact", "approximate" or NearestNeighbors-like, default="exact"
        The search behind the int neighbourhoods: the exact one, an approximate one for
        large classes (about linear time, recall >= 0.95 measured on the data; needs
        ``pip install "pd-imbalance[ann]"``), or an object asked for exactly that many
        neighbours. ``method="random"`` searches nothing and ignores it (the value is
        still checked; faiss is not needed).
    max_classes : "auto", int or None, default="auto"
        The guard against an ID column passed as the target by mistake. ``"auto"`` refuses
        more than 1,000 classes only when most of them have a single row; an int refuses
        more classes than that; None accepts any number of classes.
    passthrough : list of str, optional
        Columns kept out of the distance (IDs, sample weights, group or time columns):
        NearMiss never reads them; kept rows keep their values. Checked for every method.

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
    InsufficientSamplesError
        NearMiss: fewer minority rows than ``n_neighbors``, or (``"nearmiss-3"``) a reduced
        class with fewer rows than ``n_neighbors_ver3``.
    InvalidFeaturesError
        NearMiss: missing or infinite values among the rows compared, or a column type
        that has no distance.
    ValueError, TypeError
        An invalid ``method``, ``sampling_strategy``, ``random_state``, ``replacement`` (or
        ``replacement=True`` with NearMiss) or neighbourhood.

    Warns
    -----
    ImbalanceWarning
        ``"nearmiss-3"`` found fewer candidate rows of a class than its wanted count.

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
    >>> near = pdi.undersample(df, "y", method="nearmiss-1", n_neighbors=2)
    >>> near.index.tolist()  # the two "ok" rows nearest the fraud rows (x = 8, 9)
    [6, 7, 8, 9]
    """
    replacement = check_bool("replacement", replacement)
    if not isinstance(method, str) or method not in UNDERSAMPLE_METHODS:
        raise ValueError(
            f"method must be one of {', '.join(map(repr, UNDERSAMPLE_METHODS))}; got {method!r}."
        )
    if method == "random":  # no search: a wrong value is still named, faiss not needed
        check_search(neighbors)
        neighbors = "exact"
    rule = check_neighbors("n_neighbors", n_neighbors, within=False, neighbors=neighbors)
    rule_ver3 = check_neighbors(
        "n_neighbors_ver3", n_neighbors_ver3, within=False, neighbors=neighbors
    )
    if method != "random" and replacement:
        raise ValueError(
            f"replacement=True draws random rows; method={method!r} chooses rows by distance "
            "and never repeats one. Use method='random' with replacement=True, or drop "
            "replacement."
        )
    rng = make_generator(random_state)
    column, table, codes = checked_codes(df, target, "undersample", max_classes=max_classes)
    carried = check_passthrough(passthrough, df, column, verb="undersample")
    final_counts = resolve_sampling_strategy(
        sampling_strategy, table.counts, table.labels, kind="under", y=df[column]
    )
    if method == "random":
        plan = plan_undersample(codes, table.counts, final_counts, rng, replacement=replacement)
    else:
        plan = _nearmiss(df, column, table, codes, final_counts, method, rule, rule_ver3, carried)
        final_counts = plan.final_counts
    counts = (count_record(table.labels, table.counts), count_record(table.labels, final_counts))
    return materialize_rows(df, plan, column, counts)


def _nearmiss(
    df: pd.DataFrame,
    column: Hashable,
    table: LabelTable,
    codes: np.ndarray,
    final_counts: np.ndarray,
    method: str,
    rule: NeighborRule,
    rule_ver3: NeighborRule,
    passthrough: list[Hashable],
) -> ResamplePlan:
    """Return the NearMiss plan of ``df``: checks, one distance space, the core's choice."""
    version = int(method[-1])
    if len(df.columns) < 2:
        raise InvalidFeaturesError(
            f"method={method!r} compares rows by their feature columns, and this frame has "
            f"none besides the label {column!r}. Use method='random' instead."
        )
    minority = minority_code(codes, table.counts)
    n_min = int(table.counts[minority])
    reduced = np.flatnonzero(final_counts < table.counts)
    k = rule.k_across
    if version == 2 and k is None:
        raise ValueError(
            f"method={method!r} sums the distances to the n_neighbors farthest minority "
            f"rows, so the {type(rule.search).__name__} given as n_neighbors needs an int "
            "n_neighbors attribute; pass an int instead."
        )
    if k is not None and k > n_min and len(reduced):
        raise InsufficientSamplesError(
            f"method={method!r} with n_neighbors={k} needs at least {k} rows of the minority "
            f"class {table.labels[minority]!r} of {column!r}; it has {n_min}. Use "
            f"n_neighbors={n_min} or fewer."
        )
    k3 = rule_ver3.k_across
    if version == 3 and k3 is not None:
        for c in reduced:
            if table.counts[c] < k3:
                raise InsufficientSamplesError(
                    f"method='nearmiss-3' with n_neighbors_ver3={k3} needs at least {k3} rows "
                    f"in each reduced class of {column!r}; class {table.labels[c]!r} has "
                    f"{int(table.counts[c])}. Use n_neighbors_ver3={int(table.counts[c])} or "
                    "fewer."
                )
    involved = final_counts < table.counts
    involved[minority] = True
    used = np.flatnonzero(involved[codes])
    operation = f'undersample(method="nearmiss-{version}")'
    # every row searched (the usual case): no "in the rows of classes ..." in the messages
    searched = None if len(used) == len(df) else used
    features = encode_features(
        feature_frame(df, passthrough), column, "auto", float_rows=searched, verb=operation
    )
    space = distance_rows(features, verb=operation)(used)
    plan = plan_nearmiss(
        codes[used], table.counts, final_counts, space, version, rule, rule_ver3, minority=minority
    )
    short = np.flatnonzero(plan.final_counts < np.minimum(final_counts, table.counts))
    for c in short:
        warn(
            f"nearmiss-3 found only {int(plan.final_counts[c])} candidate rows of class "
            f"{table.labels[c]!r} (the n_neighbors_ver3={k3} nearest rows of each minority "
            f"row), fewer than the {int(final_counts[c])} wanted; all of them are kept. "
            "Raise n_neighbors_ver3 to reach the wanted count."
        )
    kept = np.concatenate([used[plan.kept], np.flatnonzero(~involved[codes])])
    kept.sort()
    return ResamplePlan(kept, plan.final_counts)
