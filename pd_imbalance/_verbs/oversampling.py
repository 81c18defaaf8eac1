"""The oversampling verb (random, SMOTE, Borderline-SMOTE, ADASYN) and its ``smote`` shortcut.

Each method checks its parameters, then runs the shared path: resolve and validate the
labels, encode the frame into arrays, ask the core for a plan, materialize it.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from pd_imbalance._core.adasyn import plan_adasyn
from pd_imbalance._core.borderline import BorderlineKind, DangerCounts, plan_borderline
from pd_imbalance._core.neighbor_rule import NeighborRule
from pd_imbalance._core.neighbors import NeighborsLike, SearchLike
from pd_imbalance._core.oversample import (
    class_positions,
    plan_random_oversample,
    resolve_shrinkage,
)
from pd_imbalance._core.random import RandomStateLike, seed_sequence, spawn
from pd_imbalance._core.smote import SmotePlan, plan_smote
from pd_imbalance._core.strategy import SamplingStrategy, resolve_sampling_strategy
from pd_imbalance._pandas.bootstrap import noisy_columns
from pd_imbalance._pandas.checks import (
    check_class_sizes,
    check_smote_class_sizes,
    checked_codes,
    plural,
)
from pd_imbalance._pandas.features import distance_rows, encode_features, warn_text_columns
from pd_imbalance._pandas.index_rule import SyntheticIndex
from pd_imbalance._pandas.labels import LabelTable
from pd_imbalance._pandas.materialize import materialize_smote, provenance_frame
from pd_imbalance._pandas.passthrough import check_passthrough, feature_frame, group_codes
from pd_imbalance._pandas.records import count_record
from pd_imbalance._pandas.target import stamp_target
from pd_imbalance._params import (
    MaxClasses,
    check_bool,
    check_neighbors,
    check_new_column,
    check_positive_int,
    check_search,
)
from pd_imbalance.errors import InsufficientSamplesError, warn
from pd_imbalance.results import SmoteResult

__all__ = ["OVERSAMPLE_METHODS", "OversampleMethod", "oversample", "smote"]

#: The values of ``missing=`` (SMOTE and the interpolating methods).
MissingPolicy = Literal["error", "ignore"]
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
    neighbors: SearchLike = "exact",
    categorical: str | list[Hashable] = "auto",
    synthetic_flag: str | None = None,
    return_plan: bool = False,
    max_classes: MaxClasses = "auto",
    missing: MissingPolicy = "error",
    passthrough: Sequence[Hashable] | None = None,
    groups: Hashable | None = None,
    within_groups: bool = False,
) -> Any:
    """Grow the smaller classes: copies, SMOTE, Borderline-SMOTE or ADASYN.

    The methods (``method=``):

    * ``"random"``: copies of the class's rows, drawn uniformly with replacement (any
      column type, missing values included; nothing is computed). With ``shrinkage``, a
      smoothed bootstrap: Gaussian noise on the copies' continuous columns.
    * ``"smote"``: new rows on segments between a row and one of its ``k_neighbors``
      nearest rows of the same class (as :func:`smote`).
    * ``"borderline-1"``: SMOTE from the rows *in danger* only: rows with at least half,
      but not all, of their ``m_neighbors`` nearest rows in other classes (Han et al. 2005).
    * ``"borderline-2"``: as borderline-1, but the neighbour is one of the base row's
      ``k_neighbors`` nearest rows of *any* class; toward another class the new row goes
      less than half way (``lam ~ U[0, 0.5)``).
    * ``"adasyn"``: SMOTE with more new rows from the rows whose ``k_neighbors`` nearest
      rows hold more rows of other classes (He et al. 2008).

    Every method keeps every input row first, unchanged (values, NaN and nulls, index,
    order), then adds the new rows grouped by class, in the input's dtypes (pyarrow-backed
    columns too). New index labels never collide with the input's: an integer index
    continues from its maximum + 1, any other index gets ``"synthetic_0"``, ... The
    target and the class counts before and after are recorded in
    ``attrs["pd_imbalance"]``. The same ``random_state`` gives the same rows. This
    function does not mutate the original DataFrame.

    **Random copies.** Exact counts per class, every dtype kept. The smoothed bootstrap
    (imbalanced-learn's ``RandomOverSampler(shrinkage=...)``) adds to each copy's
    continuous columns (float, int, datetime, timedelta, decimal) Gaussian noise of
    standard deviation ``shrinkage * h * std``: ``std`` is the class's standard deviation
    of the column (ddof 0, over its finite values), ``h = (4 / ((d + 2) n)) ** (1 / (d + 4))``
    with ``n`` the number of rows and ``d`` the number of continuous columns (on numeric
    data exactly imbalanced-learn's constant). Integer columns get the noise rounded to
    the nearest integer, kept within the dtype's range; datetimes move by whole ticks
    (pyarrow dates by whole days); categorical, bool and text columns, and the columns
    named in ``categorical``, are copied. Missing values stay missing, infinities stay
    infinite. ``k_neighbors`` and ``m_neighbors`` are not used.

    **Interpolating methods.** Continuous columns are interpolated
    ``x + lam * (z - x)`` (ints rounded to the nearest integer, datetimes to the nearest
    tick), categorical columns take the value most common among the base row's
    ``k_neighbors`` nearest rows of its own class (SMOTE-NC; for borderline-2 too, whatever
    class the neighbour has). Distances are Euclidean, plus the SMOTE-NC penalty per
    differing categorical value: within a class for the own-class neighbours (as
    :func:`smote`), and over all rows in one space for the searches across classes
    (Borderline's DANGER test and borderline-2's neighbours, ADASYN's ratios), so on
    numeric data they are imbalanced-learn's. Those searches read every row, so every
    feature column must be complete and finite for borderline and ADASYN (for SMOTE only in
    the classes that grow).

    * Borderline: bases are drawn uniformly with replacement from the DANGER rows. A class
      with no row in danger (all safe or noise) cannot grow: a warning names it and its
      counts, and it is left unchanged.
    * ADASYN: with ``r_i`` the share of other-class rows among row ``i``'s ``k_neighbors``
      nearest rows (over all rows), row ``i`` is the base of ``g_i`` new rows,
      proportional to ``r_i`` and summing *exactly* to the class's target (largest
      remainders; imbalanced-learn rounds each share, so its total may differ by a few
      rows). A class whose rows have no other-class neighbour is left unchanged with a
      warning (imbalanced-learn raises).

    Parameters
    ----------
    df : pandas.DataFrame
        The data (usually the *training* part only: split first).
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    method : {"random", "smote", "borderline-1", "borderline-2", "adasyn"}, default="random"
        How new rows are made (see above).
    sampling_strategy : str, float, dict or callable, default="auto"
        Which classes to grow and to how many rows; ``"auto"`` (= ``"not majority"``) grows
        every class to the size of the largest. See :func:`smote`.
    random_state : int, numpy Generator or None, default=None
        Seed for a reproducible result.
    shrinkage : float or dict, optional
        ``method="random"`` only: the smoothed bootstrap's factor (``>= 0``; 0 copies
        unchanged), for every class that grows or per class (``{class: factor}``; a
        class that grows but is missing from the dict is copied without noise).
    k_neighbors : int or NearestNeighbors-like, default=5
        Neighbours of the interpolating methods (and ADASYN's ratios): an int, or an object
        with ``fit`` and ``kneighbors`` (its ``n_neighbors`` counts the row itself, as in
        imbalanced-learn). Each class to grow needs more rows than this.
    m_neighbors : int or NearestNeighbors-like, default=10
        Borderline-SMOTE only: the neighbourhood among all rows of the DANGER test.
    neighbors : "exact", "approximate" or NearestNeighbors-like, default="exact"
        The search that finds the int neighbourhoods: the exact search; an approximate
        one for large classes (about linear time, recall >= 0.95 measured on the data,
        needs ``pip install "pd-imbalance[ann]"``; see the scaling page); or an object with
        ``fit`` and ``kneighbors``, asked for exactly ``k_neighbors`` neighbours.
    categorical : "auto" or list of str, default="auto"
        Extra columns to treat as categorical (see :func:`smote`); with ``"random"``,
        columns copied without noise.
    synthetic_flag : str, optional
        Name of a bool column to add, True for new rows.
    return_plan : bool, default=False
        Also return the provenance of every new row (:class:`SmoteResult`). For
        ``"random"`` its ``base`` is the copied row, ``neighbor`` the same row and
        ``lam`` 0.0 (with ``shrinkage`` the copy is that row plus the noise, which is not
        recorded); for borderline-2 ``neighbor`` may be a row of another class.
    max_classes : "auto", int or None, default="auto"
        The guard against an ID column passed as the target (see :func:`smote`).
    missing : {"error", "ignore"}, default="error"
        Missing feature values of the interpolating methods: an error, or ``"ignore"``:
        nan-euclidean distances and the present end's value (see :func:`smote`); for
        borderline and ADASYN every row is searched, so every row needs a present value
        and every class a present value per column. ``"random"`` copies rows with their
        missing values either way (the option is checked, then has no effect).
    passthrough : list of str, optional
        Columns kept out of the distance (IDs, sample weights, time stamps): the neighbour
        search never reads them and nothing is interpolated or noised in them; input rows
        keep their values and each new row copies its base row's (for ``"random"``: the
        copied row's; missing values too), in the column's own dtype. Not the target; each
        column once.
    groups : str, optional
        The group column (a patient, a customer): passed through, so every synthetic row
        takes its base row's group and grouped cross-validation (``GroupKFold``) keeps it
        with the rows it was made from.
    within_groups : bool, default=False
        Interpolating methods except borderline-2, with ``groups``: each row's interpolation
        neighbours are searched among the rows of its own class *and* group only (the DANGER
        test and ADASYN's ratios still read every row). Every group of a class that grows
        then needs more than ``k_neighbors`` rows of that class (else an error names it).

    Returns
    -------
    pandas.DataFrame or SmoteResult
        The oversampled frame, or ``(frame, provenance)``.

    Raises
    ------
    InsufficientSamplesError
        A class to grow has ``k_neighbors`` rows or fewer (interpolating methods; for
        borderline-2 only with categorical columns), or the frame has ``m_neighbors`` rows
        or fewer (borderline).
    InvalidFeaturesError
        Missing or infinite feature values where rows are interpolated or searched, or a
        column type that cannot be interpolated (not for ``"random"``).
    ValueError
        An unknown ``method``; a ``shrinkage`` that is negative, not finite or names an
        unknown class; and as for :func:`smote`.
    TypeError
        ``shrinkage`` with a method other than ``"random"``, or an argument of the wrong
        type.

    Warns
    -----
    ImbalanceWarning
        Borderline with no row of a class in danger, ADASYN with no row of a class next to
        another class: that class is left unchanged.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"x": [0.0, 1, 2, 3, 4, 5, 6, 7, 8.4, 11, 12, 13],
    ...                    "y": [0] * 8 + [1] * 4})
    >>> out = pdi.oversample(df, "y", random_state=0, synthetic_flag="new")
    >>> out["y"].value_counts().to_dict()
    {0: 8, 1: 8}
    >>> bool(out.loc[out["new"], "x"].isin([8.4, 11, 12, 13]).all())  # copies of class 1
    True

    ADASYN grows a class where it meets the others: only row 8 (x = 8.4) has rows of
    class 0 among its 2 nearest rows, so it is the base of every new row.

    >>> res = pdi.oversample(df, "y", method="adasyn", k_neighbors=2, random_state=0,
    ...                      return_plan=True)
    >>> res.frame["y"].value_counts().to_dict()
    {0: 8, 1: 8}
    >>> res.provenance["base"].value_counts().to_dict()
    {8: 4}
    """
    return _oversample(
        df,
        target,
        method=method,
        sampling_strategy=sampling_strategy,
        random_state=random_state,
        shrinkage=shrinkage,
        k_neighbors=k_neighbors,
        m_neighbors=m_neighbors,
        neighbors=neighbors,
        categorical=categorical,
        synthetic_flag=synthetic_flag,
        return_plan=return_plan,
        max_classes=max_classes,
        passthrough=passthrough,
        groups=groups,
        within_groups=within_groups,
        index_avoids=df.index,
        missing=missing,
    )


def check_missing(missing: object) -> str:
    """Check a ``missing=`` value: ``"error"`` or ``"ignore"``.

    Examples
    --------
    >>> check_missing("ignore")
    'ignore'
    """
    if not isinstance(missing, str) or missing not in ("error", "ignore"):
        raise ValueError(
            f"missing must be 'error' (missing feature values are an error) or 'ignore' "
            f"(nan-euclidean distances, the present end's value); got {missing!r}."
        )
    return missing


def _oversample(
    df: pd.DataFrame,
    target: Hashable | None,
    *,
    method: object,
    sampling_strategy: SamplingStrategy,
    random_state: RandomStateLike,
    shrinkage: object,
    k_neighbors: object,
    m_neighbors: object,
    categorical: str | list[Hashable],
    synthetic_flag: object,
    return_plan: object,
    max_classes: object,
    index_avoids: pd.Index,
    neighbors: object = "exact",
    missing: object = "error",
    passthrough: object = None,
    groups: Hashable | None = None,
    within_groups: object = False,
) -> Any:
    """:func:`oversample`, with new index labels that also avoid ``index_avoids``."""
    missing = check_missing(missing)
    if not isinstance(method, str) or method not in OVERSAMPLE_METHODS:
        names = ", ".join(repr(m) for m in OVERSAMPLE_METHODS)
        raise ValueError(f"method must be one of {names}; got {method!r}.")
    if shrinkage is not None and method != "random":
        raise TypeError(
            f"shrinkage applies to method='random' only (the smoothed bootstrap of copied "
            f"rows); method={method!r} makes new rows by interpolation. Drop shrinkage or use "
            "method='random'."
        )
    common: dict[str, Any] = {
        "sampling_strategy": sampling_strategy,
        "random_state": random_state,
        "categorical": categorical,
        "synthetic_flag": synthetic_flag,
        "return_plan": return_plan,
        "max_classes": max_classes,
        "index_avoids": index_avoids,
        "passthrough": passthrough,
        "groups": groups,
    }
    within_groups = check_bool("within_groups", within_groups)
    if method == "random":
        if within_groups:
            raise TypeError(
                "within_groups=True searches neighbours within each group; "
                "method='random' copies rows and has no neighbours (each copy keeps its "
                "row's group anyway). Drop within_groups or use an interpolating method."
            )
        check_search(neighbors)  # not used, but a wrong value is still named
        return _random(df, target, shrinkage=shrinkage, **common)
    common["within_groups"] = within_groups
    common["neighbors"] = neighbors
    if method == "smote":
        check_neighbors("k_neighbors", k_neighbors, neighbors=neighbors)  # int or object
        return _smote(df, target, k_neighbors=k_neighbors, missing=missing, **common)
    return _variant(
        df,
        target,
        method=method,
        k_neighbors=k_neighbors,
        m_neighbors=m_neighbors,
        missing=missing,
        **common,
    )


def smote(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    k_neighbors: int = 5,
    neighbors: SearchLike = "exact",
    sampling_strategy: SamplingStrategy = "auto",
    random_state: RandomStateLike = None,
    categorical: str | list[Hashable] = "auto",
    synthetic_flag: str | None = None,
    return_plan: bool = False,
    max_classes: MaxClasses = "auto",
    missing: MissingPolicy = "error",
    passthrough: Sequence[Hashable] | None = None,
    groups: Hashable | None = None,
    within_groups: bool = False,
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
    neighbors : "exact", "approximate" or NearestNeighbors-like, default="exact"
        How the neighbours are found: the exact search (its cost grows with the square
        of the class size; a warning names the alternative when a class would take a
        minute or more), an approximate search (about linear time, recall >= 0.95
        measured on the data; needs ``pip install "pd-imbalance[ann]"``), or an object
        with ``fit`` and ``kneighbors`` asked for exactly ``k_neighbors`` neighbours.
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
    missing : {"error", "ignore"}, default="error"
        Missing feature values (NaN, None, ``pd.NA``, NaT, pyarrow nulls) in the classes
        that grow: an error, or ``"ignore"``: distances are scikit-learn's nan-euclidean
        ones (over the continuous columns present in both rows, scaled up by
        ``d / present``; no column in common: infinitely far), a missing category counts as
        a level of its own (two missing values match, missing vs present costs the
        SMOTE-NC penalty), and a synthetic value is interpolated where both ends are
        present, the present end's value where one is missing, missing where both are
        (categoricals: the most common *present* value among the neighbours, missing if
        they are all missing). Original rows are kept as they are. Infinite values, a row
        with every feature missing and a class with every value of a column missing are
        errors.
    passthrough : list of str, optional
        Columns kept out of the distance (IDs, sample weights, time stamps): the neighbour
        search never reads them and nothing is interpolated in them; input rows keep their
        values and each synthetic row copies its base row's (missing values too), in the
        column's own dtype. Not the target; each column once.
    groups : str, optional
        The group column (a patient, a customer): passed through, so every synthetic row
        takes its base row's group and grouped cross-validation (``GroupKFold``) keeps it
        with the rows it was made from.
    within_groups : bool, default=False
        With ``groups``: each row's neighbours are searched among the rows of its own class
        *and* group only. Every group of a class that grows then needs more than
        ``k_neighbors`` rows of that class (else an error names the group).

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

    With ``groups``, every synthetic row takes its base row's group (here a patient), and
    ``within_groups=True`` keeps its neighbour in that group too:

    >>> df["patient"] = ["a"] * 4 + ["b"] * 4 + ["c", "c", "d", "d"]
    >>> res = pdi.smote(df, "y", k_neighbors=1, groups="patient", within_groups=True,
    ...                 random_state=0, return_plan=True)
    >>> plan = res.provenance
    >>> bool((res.frame.loc[plan.index, "patient"].to_numpy()
    ...       == df["patient"].to_numpy()[plan["base_position"]]).all())
    True
    >>> bool((df["patient"].to_numpy()[plan["neighbor_position"]]
    ...       == df["patient"].to_numpy()[plan["base_position"]]).all())
    True
    """
    return _smote(
        df,
        target,
        k_neighbors=k_neighbors,
        neighbors=neighbors,
        sampling_strategy=sampling_strategy,
        random_state=random_state,
        categorical=categorical,
        synthetic_flag=synthetic_flag,
        return_plan=return_plan,
        max_classes=max_classes,
        index_avoids=df.index,
        missing=missing,
        passthrough=passthrough,
        groups=groups,
        within_groups=within_groups,
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
    neighbors: object = "exact",
    missing: object = "error",
    passthrough: object = None,
    groups: Hashable | None = None,
    within_groups: object = False,
) -> Any:
    """:func:`smote`, with synthetic index labels that also avoid ``index_avoids``.

    ``k_neighbors`` may also be a search object (``oversample(method="smote")``).
    """
    if callable(getattr(k_neighbors, "kneighbors", None)):
        rule = check_neighbors("k_neighbors", k_neighbors, neighbors=neighbors)
    else:  # smote()'s own int check (and message), shared with the dask door
        k = check_positive_int("k_neighbors", k_neighbors)
        rule = check_neighbors("k_neighbors", k, neighbors=neighbors)
    flag = check_new_column("synthetic_flag", synthetic_flag, df.columns)
    return_plan = check_bool("return_plan", return_plan)
    within_groups = check_bool("within_groups", within_groups)
    plan_seed, tie_seed = spawn(seed_sequence(random_state), 2)
    column, table, codes = checked_codes(df, target, "smote", max_classes=max_classes)
    carried = check_passthrough(
        passthrough, df, column, verb="smote", groups=groups, categorical=categorical
    )
    final_counts = resolve_sampling_strategy(
        sampling_strategy, table.counts, table.labels, kind="over", y=df[column]
    )
    if rule.k is not None:  # a search object without n_neighbors reports for itself
        check_smote_class_sizes(table, final_counts, rule.k)
    grown = final_counts > table.counts
    in_groups = group_codes(
        df, groups, within_groups, codes, grown, rule.k, verb="smote", class_labels=table.labels
    )
    features = encode_features(
        feature_frame(df, carried),
        column,
        categorical,
        float_rows=np.flatnonzero(grown[codes]),
        missing=check_missing(missing),
    )
    if grown.any():
        warn_text_columns(features)
    plan = plan_smote(
        codes, table.counts, final_counts, distance_rows(features), rule, plan_seed, in_groups
    )
    return _finish(
        df,
        column,
        table,
        features,
        plan,
        final_counts,
        tie_seed,
        flag,
        return_plan,
        index_avoids,
        carried,
    )


def _finish(
    df: pd.DataFrame,
    column: Hashable,
    table: LabelTable,
    features: list[Any],
    plan: SmotePlan,
    final_counts: np.ndarray,
    tie_seed: np.random.SeedSequence,
    flag: str | None,
    return_plan: bool,
    index_avoids: pd.Index,
    passthrough: list[Hashable],
) -> Any:
    """Materialize an interpolation plan (the last step of every interpolating method)."""
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
        passthrough=passthrough,
    )
    if return_plan:
        return SmoteResult(out, provenance_frame(df, out, plan))
    return out


def _copied_columns(categorical: object, df: pd.DataFrame, column: Hashable) -> list[Hashable]:
    """Return the columns ``categorical`` names (copied without noise), checked as SMOTE does."""
    if isinstance(categorical, str):
        if categorical != "auto":
            raise ValueError(
                f"categorical must be 'auto' or a list of column names; got {categorical!r}."
            )
        return []
    if not isinstance(categorical, list | tuple | set | pd.Index):
        raise TypeError(
            "categorical must be 'auto' or a list of column names; got "
            f"{type(categorical).__name__}."
        )
    features = [c for c in df.columns if c != column]
    unknown = [c for c in categorical if c not in features]
    if unknown:
        raise ValueError(
            f"categorical names {unknown!r}, which are not feature columns; features: {features!r}."
        )
    return list(categorical)


def _random(
    df: pd.DataFrame,
    target: Hashable | None,
    *,
    shrinkage: object,
    sampling_strategy: SamplingStrategy,
    random_state: RandomStateLike,
    categorical: str | list[Hashable],
    synthetic_flag: object,
    return_plan: object,
    max_classes: object,
    index_avoids: pd.Index,
    passthrough: object,
    groups: Hashable | None,
) -> Any:
    """``oversample(method="random")``: copies by ``df.take``, noise with ``shrinkage``.

    Streams (what a partitioned door must reproduce): the call's root sequence spawns
    ``(copies, noise)``; class ``c``'s copies come from child ``c`` of ``copies``
    (:func:`~pd_imbalance._core.oversample.plan_random_oversample`), its noise from child
    ``c`` of ``noise``: one float32 ``standard_normal((copies of c, d))`` matrix, a column per
    continuous column in frame order.
    """
    flag = check_new_column("synthetic_flag", synthetic_flag, df.columns)
    return_plan = check_bool("return_plan", return_plan)
    copy_seed, noise_seed = spawn(seed_sequence(random_state), 2)
    column, table, codes = checked_codes(
        df, target, 'oversample(method="random")', max_classes=max_classes
    )
    final_counts = resolve_sampling_strategy(
        sampling_strategy, table.counts, table.labels, kind="over", y=df[column]
    )
    grown = final_counts > table.counts
    factors = resolve_shrinkage(shrinkage, table.labels, grown)
    copied = _copied_columns(categorical, df, column)
    carried = check_passthrough(
        passthrough,
        df,
        column,
        verb='oversample(method="random")',
        groups=groups,
        categorical=categorical,
    )
    copied += carried  # passed through: copied without noise
    positions = plan_random_oversample(codes, table.counts, final_counts, copy_seed)
    n, s = len(df), len(positions)
    taken = np.concatenate([np.arange(n, dtype=np.intp), positions])
    labels = SyntheticIndex.avoiding(index_avoids, s).labels(s)
    index = df.index.append(labels).set_names(df.index.names)
    noisy: dict[int, Any] = {}
    if factors is not None and s:
        rows_of = class_positions(codes, np.flatnonzero(grown))
        copies = final_counts - table.counts
        noisy = noisy_columns(df, column, copied, positions, copies, rows_of, factors, noise_seed)
    if noisy:  # the noisy columns as computed, every other column taken
        data = {j: noisy.get(j) for j in range(df.shape[1])}
        for j in (j for j, values in data.items() if values is None):
            data[j] = _take(df.iloc[:, j], taken)
        out = pd.DataFrame(data, index=index, copy=False)
        out.columns = df.columns
        out.attrs = df.attrs  # the user's own attrs travel (copied by stamp_target)
    else:  # plain copies: one take of every column, whatever its dtype
        out = df.take(taken)
        out.index = index
    if flag is not None:
        out[flag] = np.arange(n + s) >= n
    counts = (count_record(table.labels, table.counts), count_record(table.labels, final_counts))
    out = stamp_target(out, column, counts)
    if not return_plan:
        return out
    # a copy is its base row, "interpolated" with itself: lam 0
    local = np.arange(s, dtype=np.intp)
    plan = SmotePlan(
        sources=positions,
        base_local=local,
        neighbor_local=local,
        lam=np.zeros(s),
        class_code=codes[positions].astype(np.int32),
        neighbors_local=np.empty((s, 0), dtype=np.intp),
    )
    return SmoteResult(out, provenance_frame(df, out, plan))


def _take(series: pd.Series, positions: np.ndarray) -> Any:
    """Return the values of ``series`` at ``positions`` (any dtype, kept)."""
    if isinstance(series.dtype, np.dtype):
        return series.to_numpy().take(positions)
    return series.array.take(positions)


def _variant(
    df: pd.DataFrame,
    target: Hashable | None,
    *,
    method: str,
    k_neighbors: object,
    m_neighbors: object,
    sampling_strategy: SamplingStrategy,
    random_state: RandomStateLike,
    categorical: str | list[Hashable],
    synthetic_flag: object,
    return_plan: object,
    max_classes: object,
    index_avoids: pd.Index,
    missing: str = "error",
    passthrough: object,
    groups: Hashable | None,
    within_groups: bool,
    neighbors: object = "exact",
) -> Any:
    """Borderline-SMOTE 1/2 and ADASYN: SMOTE from bases chosen by their neighbourhoods."""
    borderline = method.startswith("borderline")
    k_rule = check_neighbors("k_neighbors", k_neighbors, neighbors=neighbors)
    m_rule = (
        check_neighbors("m_neighbors", m_neighbors, neighbors=neighbors) if borderline else None
    )
    flag = check_new_column("synthetic_flag", synthetic_flag, df.columns)
    return_plan = check_bool("return_plan", return_plan)
    plan_seed, tie_seed = spawn(seed_sequence(random_state), 2)
    operation = f'oversample(method="{method}")'
    if within_groups and method == "borderline-2":
        raise ValueError(
            "within_groups=True keeps neighbours within the base row's class and group; "
            "borderline-2 draws neighbours from every class. Use method='borderline-1', "
            "'smote' or 'adasyn' with within_groups, or within_groups=False (every new row "
            "still takes its base row's group)."
        )
    column, table, codes = checked_codes(df, target, operation, max_classes=max_classes)
    carried = check_passthrough(
        passthrough, df, column, verb=operation, groups=groups, categorical=categorical
    )
    final_counts = resolve_sampling_strategy(
        sampling_strategy, table.counts, table.labels, kind="over", y=df[column]
    )
    grown = final_counts > table.counts
    # every row is searched: all float columns must be finite (unless nothing grows)
    float_rows = None if grown.any() else np.empty(0, dtype=np.intp)
    features = encode_features(
        feature_frame(df, carried),
        column,
        categorical,
        float_rows=float_rows,
        verb=operation,
        missing=missing,
    )
    if grown.any():
        warn_text_columns(features, operation)
    has_categorical = any(f.kind == "categorical" for f in features)
    _check_variant_sizes(table, grown, method, operation, k_rule, m_rule, has_categorical)
    in_groups = group_codes(
        df, groups, within_groups, codes, grown, k_rule.k, verb=operation, class_labels=table.labels
    )
    # one identifier warning, about the search over all rows (not again per class)
    features_of = distance_rows(features, warn_id=False)
    all_rows = distance_rows(features, verb=operation)
    space = all_rows(np.arange(len(df))) if grown.any() else np.empty((0, 0))
    if m_rule is not None:
        kind: BorderlineKind = "borderline-1" if method == "borderline-1" else "borderline-2"
        plan, danger = plan_borderline(
            codes,
            table.counts,
            final_counts,
            features_of,
            space,
            k_rule,
            m_rule,
            kind=kind,
            seed=plan_seed,
            votes=has_categorical,
            groups=in_groups,
        )
        unchanged = [c for c, found in danger.items() if not found.danger]
        for c in unchanged:
            _warn_no_danger(operation, table, final_counts, c, danger[c])
    else:
        plan, ratios = plan_adasyn(
            codes, table.counts, final_counts, features_of, space, k_rule, plan_seed, in_groups
        )
        unchanged = [c for c, n_other in ratios.items() if not n_other.any()]
        for c in unchanged:
            _warn_no_other_class(operation, table, final_counts, c, k_rule)
    after = final_counts.copy()
    after[unchanged] = table.counts[unchanged]
    return _finish(
        df, column, table, features, plan, after, tie_seed, flag, return_plan, index_avoids, carried
    )


def _check_variant_sizes(
    table: LabelTable,
    grown: np.ndarray,
    method: str,
    operation: str,
    k_rule: NeighborRule,
    m_rule: NeighborRule | None,
    has_categorical: bool,
) -> None:
    """Each class to grow needs more than k rows; borderline needs more than m rows in all."""
    n = int(table.counts.sum())
    if not grown.any():
        return
    if m_rule is not None and m_rule.k is not None and n <= m_rule.k:
        # an object's own n_neighbors counts the row itself: name what the user gave
        needs = (
            f"m_neighbors={m_rule.k} rows in all ("
            if m_rule.search is None
            else f"{m_rule.k} rows in all (m_neighbors={m_rule.search!r}: "
        )
        raise InsufficientSamplesError(
            f"{operation} needs more than {needs}each row of a class to grow is compared with "
            f"its {m_rule.k} nearest other rows of every class); the frame has "
            f"{plural(n, 'row')}. Fix: use a smaller m_neighbors."
        )
    k = k_rule.k
    if k is None:
        return  # a search object without n_neighbors reports for itself
    own_class = method != "borderline-2" or has_categorical
    if own_class:
        check_class_sizes(
            table,
            min_count=k + 1,
            which=grown,
            operation=operation,
            reason=f"each row needs k_neighbors={k} other rows of its class"
            + (" to vote on the categorical columns" if method == "borderline-2" else ""),
            fix=(
                "use a smaller k_neighbors, leave the class out with a dict "
                'sampling_strategy, copy rows with oversample(method="random") (no '
                "neighbours needed), or use class weights (df.imbalance.weights())."
            ),
        )
    elif n <= k:
        raise InsufficientSamplesError(
            f"{operation} needs more than k_neighbors={k} rows in all (each base row's "
            f"neighbour is one of its {k} nearest rows); the frame has {plural(n, 'row')}. "
            "Fix: use a smaller k_neighbors."
        )


def _warn_no_danger(
    operation: str, table: LabelTable, final_counts: np.ndarray, c: int, found: DangerCounts
) -> None:
    label, count = table.labels[c], int(table.counts[c])
    warn(
        f"{operation}: no row of class {label!r} in {table.column!r} is in danger: of its "
        f"{plural(count, 'row')}, {found.safe:,} are safe (fewer than half of their "
        f"m_neighbors={found.m} nearest rows are of other classes) and {found.noise:,} are "
        f"noise (all of them are). Borderline-SMOTE has no base row, so the class is left at "
        f"{count:,} rows instead of {int(final_counts[c]):,}. Use method='smote' to grow it "
        "anyway, or another m_neighbors."
    )


def _warn_no_other_class(
    operation: str, table: LabelTable, final_counts: np.ndarray, c: int, k_rule: NeighborRule
) -> None:
    label, count = table.labels[c], int(table.counts[c])
    k = f"k_neighbors={k_rule.k}" if k_rule.k is not None else "k_neighbors"
    warn(
        f"{operation}: no row of class {label!r} in {table.column!r} has a row of another "
        f"class among its {k} nearest rows, so ADASYN has no weights to share the new rows "
        f"by; the class is left at {count:,} rows instead of {int(final_counts[c]):,}. Use "
        "method='smote' to grow it."
    )
