"""The cleaning verb: Tomek links, the edited-nearest-neighbours family, NCR and OSS.

One definition: check the parameters, resolve and encode the labels, resolve which classes
may be cleaned, put every row in one distance space, ask the core
(:mod:`pd_imbalance._core.clean`) which rows go and why, and materialize the kept rows.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from pd_imbalance._core.clean import (
    ClassEmptied,
    CleanPlan,
    Reason,
    TooFewRows,
    draw_oss_seeds,
    plan_allknn,
    plan_enn,
    plan_ncr,
    plan_oss,
    plan_renn,
    plan_tomek,
)
from pd_imbalance._core.neighbor_rule import NeighborRule, Space
from pd_imbalance._core.neighbors import NeighborsLike, SearchLike
from pd_imbalance._core.plan import ResamplePlan
from pd_imbalance._core.random import RandomStateLike, seed_sequence, spawn
from pd_imbalance._core.strategy import CleanStrategy, cleaned_classes
from pd_imbalance._pandas.checks import checked_codes
from pd_imbalance._pandas.features import FeatureColumn, distance_rows, encode_features
from pd_imbalance._pandas.labels import LabelTable
from pd_imbalance._pandas.materialize import materialize_rows
from pd_imbalance._pandas.passthrough import check_passthrough, feature_frame
from pd_imbalance._pandas.records import count_record
from pd_imbalance._params import (
    MaxClasses,
    check_bool,
    check_neighbors,
    check_positive_int,
    check_real,
)
from pd_imbalance.errors import InsufficientSamplesError, InvalidFeaturesError
from pd_imbalance.results import CleanResult

__all__ = ["CLEAN_METHODS", "CleanMethod", "clean"]

CleanMethod = Literal["tomek", "enn", "renn", "allknn", "ncr", "oss"]
#: The values of ``clean(method=...)``.
CLEAN_METHODS: tuple[str, ...] = ("tomek", "enn", "renn", "allknn", "ncr", "oss")
#: ``n_neighbors=None``: each method's usual neighbourhood.
DEFAULT_NEIGHBORS = {"tomek": 1, "enn": 3, "renn": 3, "allknn": 3, "ncr": 3, "oss": 1}
#: The methods that edit in rounds (their ``removed`` frame has a ``round`` column).
ROUND_METHODS = ("renn", "allknn")


def clean(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    method: CleanMethod = "tomek",
    sampling_strategy: CleanStrategy = "auto",
    n_neighbors: NeighborsLike | None = None,
    neighbors: SearchLike = "exact",
    kind_sel: Literal["all", "mode"] = "all",
    max_iter: int = 100,
    allow_minority: bool = False,
    threshold_cleaning: float = 0.5,
    n_seeds: int = 1,
    random_state: RandomStateLike = None,
    categorical: str | list[Hashable] = "auto",
    return_plan: bool = False,
    max_classes: MaxClasses = "auto",
    passthrough: Sequence[Hashable] | None = None,
) -> Any:
    """Remove noisy or borderline rows of the targeted classes; keep everything else as is.

    Cleaning removes the rows a neighbourhood rule finds, not a number of rows: the classes
    usually stay imbalanced, with the class boundaries cleared. Only rows of the targeted
    classes (``sampling_strategy``; by default every class but the minority) are removed.
    The kept rows keep their index labels, original order, column order and dtypes; the
    input is never mutated. Distances: every row in one space, Euclidean on the continuous
    columns (float, int, datetime and timedelta in days, their pyarrow versions), bool,
    category, str and object columns one-hot with the SMOTE-NC penalty (the median standard
    deviation of the continuous columns, over all rows) per differing value. On purely
    numeric data this is the raw Euclidean distance of imbalanced-learn.

    Methods (``k`` = ``n_neighbors``):

    * ``"tomek"``: Tomek links, pairs of rows of different classes that are each other's
      nearest neighbour; the row of a targeted class in each link goes (both rows, when
      both classes are targeted). ``k`` is 1.
    * ``"enn"``: edited nearest neighbours; a targeted row goes when its ``k`` (default 3)
      nearest other rows disagree with its class: any of them of another class
      (``kind_sel="all"``) or its class not their most common one (``"mode"``; a tie goes
      to the class that sorts first, as in imbalanced-learn).
    * ``"renn"``: ENN again on the remaining rows, until a round removes nothing, after
      ``max_iter`` rounds, or after a round that leaves a class that was not the minority
      with fewer rows than the minority had. Named strategies follow the current counts.
    * ``"allknn"``: ENN with ``k = 1, 2, ..., n_neighbors`` (default 3) in turn, each on the
      remaining rows; it stops early like RENN unless ``allow_minority=True``.
    * ``"ncr"``: the neighbourhood cleaning rule (imbalanced-learn 0.14): ENN with
      ``kind_sel="mode"`` (``kind_sel`` is not used), plus the ``k`` (default 3) nearest
      other rows of every minority row that its ``k`` nearest rows (itself included)
      misclassify, when they belong to a targeted class with more than
      ``threshold_cleaning`` times the minority's rows.
    * ``"oss"``: one-sided selection; for each targeted class, C is every minority row plus
      ``n_seeds`` random rows of the class (distinct, drawn with ``random_state``); its
      other rows are classified by their ``k`` (default 1) nearest rows of C and go when
      classified as their own class (redundant). Then Tomek links among the rows kept so
      far remove the targeted rows in a link.

    The minority is every class with the smallest count (ties included).

    Parameters
    ----------
    df : pandas.DataFrame
        The data (usually the *training* part only: split first).
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    method : {"tomek", "enn", "renn", "allknn", "ncr", "oss"}, default="tomek"
        The cleaning rule (see above).
    sampling_strategy : str or list, default="auto"
        The classes rows may be removed from: ``"auto"`` (= ``"not minority"``),
        ``"majority"``, ``"not majority"``, ``"all"``, or a list/tuple of class labels
        (the only way to clean the minority alone). A dict is refused: cleaning cannot
        reach counts (use :func:`undersample`).
    n_neighbors : int or NearestNeighbors-like, optional
        Neighbourhood size; None is the method's usual value: 1 for ``"tomek"`` (the only
        value it accepts as an int) and ``"oss"`` (its classifier), 3 for the others. An
        object with ``fit`` and ``kneighbors`` (a scikit-learn ``NearestNeighbors``, a faiss
        or cuML wrapper) does the searches instead, on numeric distances; as in
        imbalanced-learn its ``n_neighbors`` counts the row itself (``NearestNeighbors(
        n_neighbors=4)`` gives 3 neighbours), except for ``"oss"``, where it is the number
        of rows of C that classify a row. Tomek links use its nearest other row.
    neighbors : "exact", "approximate" or NearestNeighbors-like, default="exact"
        The search behind the int neighbourhoods: the exact one, an approximate one for
        large classes (about linear time, recall >= 0.95 measured on the data; needs
        ``pip install "pd-imbalance[ann]"``), or an object asked for exactly that many
        neighbours.
    kind_sel : {"all", "mode"}, default="all"
        ENN, RENN and AllKNN: remove a row unless all its neighbours share its class
        (``"all"``), or unless its class is their most common one (``"mode"``).
    max_iter : int, default=100
        RENN: the most editing rounds.
    allow_minority : bool, default=False
        AllKNN: keep going when a class that was not the minority falls below the
        minority's size.
    threshold_cleaning : float, default=0.5
        NCR: rows around misclassified minority rows are removed only from targeted classes
        with more than ``threshold_cleaning`` times the minority's rows (any value >= 0).
    n_seeds : int, default=1
        OSS: rows of each targeted class that seed C (all its rows if it has fewer).
    random_state : int, numpy Generator or None, default=None
        Seed for OSS's seed rows (the other methods are deterministic).
    categorical : "auto" or list of str, default="auto"
        Extra columns to treat as categorical in distances (e.g. integer codes), besides
        the automatic bool/category/str/object columns.
    return_plan : bool, default=False
        Also return which rows were removed and why (a :class:`CleanResult`).
    max_classes : "auto", int or None, default="auto"
        The guard against an ID column passed as the target by mistake (see
        :func:`smote`).
    passthrough : list of str, optional
        Columns kept out of the distance (IDs, sample weights, group or time columns): no
        neighbourhood reads them; kept rows keep their values.

    Returns
    -------
    pandas.DataFrame or CleanResult
        The kept rows in their original order, with the target and the class counts
        before and after in ``attrs["pd_imbalance"]``; with ``return_plan=True``,
        ``(frame, removed)``: ``removed`` has one row per removed row, indexed by its label
        in ``df``, with columns ``position`` (its row position in ``df``), the target
        column (its class, in the target's dtype), ``reason`` (str) and, for ``"renn"`` and
        ``"allknn"``, ``round`` (the 1-based editing round; AllKNN's round ``r`` uses
        ``r`` neighbours). The reasons, ``<row>`` being another row's index label:

        * ``"tomek link with row <row>"``;
        * ``"enn: 2 of 3 neighbours of other classes"`` (ENN, RENN, AllKNN);
        * ``"ncr: edited, 2 of 3 neighbours of other classes"``;
        * ``"ncr: neighbour of misclassified minority row <row>"`` (the first by position
          if several; a row both edited and a neighbour is reported as edited);
        * ``"oss: redundant, its nearest row of C (<row>) is of its class"`` (``k`` = 1) or
          ``"oss: redundant, 2 of its 3 nearest rows of C are of its class"``;
        * ``"oss: tomek link with row <row>"``.

    Raises
    ------
    InsufficientSamplesError
        Fewer rows than ``n_neighbors`` + 1 (every row needs ``n_neighbors`` others); OSS's
        C smaller than ``n_neighbors``; or a cleaning that would remove every row of a
        class (imbalanced-learn would drop the class; here the message names the class and
        the fixes: ``kind_sel="mode"``, fewer neighbours, a larger ``n_seeds``, or leaving
        the class out of ``sampling_strategy``).
    InvalidFeaturesError
        Missing or infinite values in any feature (every row is in the distances), or a
        column type without a distance.
    InvalidTargetError, TargetNotFoundError
        As for :func:`undersample`.
    ValueError, TypeError
        An unknown ``method`` (the valid ones are listed), ``kind_sel`` or
        ``sampling_strategy``; a dict ``sampling_strategy``; ``n_neighbors`` not a positive
        int or search object (or not 1 for Tomek links); ``max_iter`` or ``n_seeds`` below
        1; a negative ``threshold_cleaning``; a non-bool flag.

    See Also
    --------
    undersample : Reach class counts by dropping rows (random or NearMiss).

    Notes
    -----
    On data without distance ties, every method keeps exactly the rows
    imbalanced-learn 0.14 keeps (``TomekLinks``, ``EditedNearestNeighbours``,
    ``RepeatedEditedNearestNeighbours``, ``AllKNN``, ``NeighbourhoodCleaningRule``,
    ``OneSidedSelection``), checked in the tests on many seeds, binary and 3-class. OSS draws
    its seeds with numpy's ``Generator`` (distinct rows), not imbalanced-learn's
    ``RandomState.randint`` (with replacement): with the same seed rows, the same rows are
    kept. Differences where imbalanced-learn's result is arbitrary: ties between class
    counts (every smallest class is the minority, every largest the majority), and a
    cleaning that would empty a class is an error.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"x": [0.0, 1.0, 2.0, 3.0, 6.6, 7.0, 8.0, 9.0],
    ...                    "y": ["a"] * 5 + ["b"] * 3}, index=list("pqrstuvw"))
    >>> out, removed = pdi.clean(df, "y", method="tomek", return_plan=True)
    >>> out.index.tolist()
    ['p', 'q', 'r', 's', 'u', 'v', 'w']
    >>> removed["reason"].tolist(), out.attrs["pd_imbalance"]["counts_after"]
    (['tomek link with row u'], {'a': 4, 'b': 3})
    >>> pdi.clean(df, "y", method="enn", n_neighbors=2, return_plan=True).removed
       position  y                                   reason
    t         4  a  enn: 2 of 2 neighbours of other classes
    """
    method_name = _check_method(method)
    rule = _neighbor_rule(method_name, n_neighbors, neighbors)
    kind = _check_kind_sel(kind_sel)
    max_iter = check_positive_int("max_iter", max_iter)
    allow_minority = check_bool("allow_minority", allow_minority)
    threshold = _check_threshold(threshold_cleaning)
    n_seeds = check_positive_int("n_seeds", n_seeds)
    return_plan = check_bool("return_plan", return_plan)
    (seed,) = spawn(seed_sequence(random_state), 1)
    column, table, codes = checked_codes(df, target, "clean", max_classes=max_classes)
    carried = check_passthrough(
        passthrough, df, column, verb=f'clean(method="{method_name}")', categorical=categorical
    )
    targeted = cleaned_classes(sampling_strategy, table.counts, table.labels)
    n = len(df)
    features_of = distance_rows(
        _features(feature_frame(df, carried), column, categorical),
        verb=f'clean(method="{method_name}")',
    )
    space: Space = features_of(np.arange(n))  # a temporary: single-pass rules may overwrite it
    try:
        if method_name == "tomek":
            plan = plan_tomek(space, codes, targeted, rule, overwrite=True)
        elif method_name == "enn":
            plan = plan_enn(space, codes, targeted, rule, kind, overwrite=True)
        elif method_name in ROUND_METHODS:

            def targets(counts: np.ndarray) -> np.ndarray:
                return cleaned_classes(sampling_strategy, counts, table.labels)

            if method_name == "renn":
                plan = plan_renn(space, codes, targets, rule, kind, max_iter)
            else:
                plan = plan_allknn(space, codes, targets, rule, kind, allow_minority)
        elif method_name == "ncr":
            plan = plan_ncr(space, codes, targeted, rule, threshold, overwrite=True)
        else:
            seeds = draw_oss_seeds(codes, targeted, n_seeds, np.random.default_rng(seed))
            plan = plan_oss(space, codes, targeted, rule, seeds)
    except ClassEmptied as refusal:
        raise _emptied_error(refusal, method_name, table, rule, kind) from None
    except TooFewRows as refusal:
        raise _too_few_error(refusal, method_name, table, rule) from None
    after = table.counts - np.bincount(codes[plan.removed], minlength=len(table.counts))
    counts = (count_record(table.labels, table.counts), count_record(table.labels, after))
    out = materialize_rows(df, ResamplePlan(plan.kept(n), after), column, counts)
    if return_plan:
        return CleanResult(out, removed_frame(df, column, plan, method_name))
    return out


def _check_method(method: object) -> str:
    if not isinstance(method, str) or method not in CLEAN_METHODS:
        valid = ", ".join(repr(m) for m in CLEAN_METHODS)
        raise ValueError(f"clean(method=...) must be one of {valid}; got {method!r}.")
    return method


def _check_kind_sel(kind_sel: object) -> Literal["all", "mode"]:
    if kind_sel == "all" or kind_sel == "mode":
        return kind_sel
    raise ValueError(
        f"kind_sel must be 'all' (remove a row unless all its neighbours share its class) or "
        f"'mode' (unless its class is their most common one); got {kind_sel!r}."
    )


def _check_threshold(value: object) -> float:
    threshold = check_real("threshold_cleaning", value)
    if threshold < 0:
        raise ValueError(
            f"threshold_cleaning must be >= 0 (a share of the minority's rows); got {threshold}."
        )
    return threshold


def _neighbor_rule(method: str, n_neighbors: object, neighbors: object) -> NeighborRule:
    """Return the neighbourhood of ``method``: its default for None, else the user's."""
    if n_neighbors is None:
        n_neighbors = DEFAULT_NEIGHBORS[method]
    rule = check_neighbors("n_neighbors", n_neighbors, within=method != "oss", neighbors=neighbors)
    if method == "tomek" and rule.search is None and rule.k != 1:
        raise ValueError(
            f"method='tomek' links rows that are each other's nearest neighbour: n_neighbors "
            f"must be None or 1 (or a search object); got {n_neighbors!r}. For larger "
            "neighbourhoods use method='enn'."
        )
    return rule


def _features(df: pd.DataFrame, column: Hashable, categorical: Any) -> list[FeatureColumn]:
    """Encode every feature column, every row checked (all of them are in the distances)."""
    try:
        return encode_features(df, column, categorical, float_rows=np.arange(len(df)))
    except InvalidFeaturesError as error:  # the boundary words its messages for smote
        text = str(error).replace("smote cannot generate values for", "clean cannot measure")
        text = text.replace("smote needs", "clean needs").replace(
            " to interpolate", " to measure distances"
        )
        text = text.replace("Use undersample() or class weights instead.", "Add features first.")
        text = re.sub(r" in the rows of class(es)? [^)]*", "", text)  # every row is checked
        raise InvalidFeaturesError(text.strip()) from None


def _emptied_error(
    refusal: ClassEmptied, method: str, table: LabelTable, rule: NeighborRule, kind_sel: str
) -> InsufficientSamplesError:
    label = table.labels[refusal.code]
    when = f" in round {refusal.round}" if method in ROUND_METHODS else ""
    why = ""
    if method in ("enn", "renn") and kind_sel == "all" and rule.k is not None:
        if refusal.rows <= rule.k:
            why = (
                f" (it has {refusal.rows} rows, not more than n_neighbors={rule.k}: with "
                "kind_sel='all' each of them has a neighbour of another class)"
            )
    fixes = {
        "tomek": "leave the class out of sampling_strategy (a list of the classes to clean)",
        "oss": (
            "use a larger n_seeds, or leave the class out of sampling_strategy (a list of "
            "the classes to clean)"
        ),
        "ncr": (
            "use fewer n_neighbors, or leave the class out of sampling_strategy (a list of "
            "the classes to clean)"
        ),
    }
    fix = fixes.get(
        method,
        "use kind_sel='mode' (remove a row only when most of its neighbours disagree), "
        "fewer n_neighbors, or leave the class out of sampling_strategy (a list of the "
        "classes to clean)",
    )
    return InsufficientSamplesError(
        f"clean(method={method!r}) would remove all {refusal.rows} remaining rows of class "
        f"{label!r}{when}{why}; label column {table.column!r}. A cleaning never drops a "
        f"class. Fix: {fix}."
    )


def _too_few_error(
    refusal: TooFewRows, method: str, table: LabelTable, rule: NeighborRule
) -> InsufficientSamplesError:
    if refusal.among == "C":
        label = table.labels[refusal.code]
        return InsufficientSamplesError(
            f"clean(method='oss') classifies the rows of class {label!r} by their "
            f"n_neighbors={refusal.k} nearest rows of C (every minority row and the seeds), "
            f"but C has only {refusal.rows} rows. Fix: use a smaller n_neighbors or a larger "
            "n_seeds."
        )
    where = "the frame has" if refusal.round == 1 else f"before round {refusal.round}, only"
    return InsufficientSamplesError(
        f"clean(method={method!r}) looks for the {refusal.k} nearest other rows of every "
        f"row, but {where} {refusal.rows} rows remain in label column {table.column!r} "
        f"(classes {table.labels!r}). Fix: use n_neighbors of at most {refusal.rows - 1}, or "
        "more data."
    )


def _texts(index: pd.Index, positions: np.ndarray) -> np.ndarray:
    """Index labels of ``positions`` as text, for the reasons."""
    return np.asarray([str(label) for label in index.take(positions).tolist()], dtype=str)


def reason_texts(index: pd.Index, plan: CleanPlan) -> list[str]:
    """Return the ``reason`` text of every removed row of ``plan`` (``index``: the input's)."""
    out = np.empty(len(plan.removed), dtype=object)
    count, k = plan.count.astype(str), plan.k.astype(str)
    add = np.char.add
    for reason in np.unique(plan.reason):
        sel = np.flatnonzero(plan.reason == reason)
        if reason in (Reason.TOMEK, Reason.OSS_TOMEK):
            prefix = "tomek" if reason == Reason.TOMEK else "oss: tomek"
            text = add(f"{prefix} link with row ", _texts(index, plan.other[sel]))
        elif reason in (Reason.ENN, Reason.NCR_EDITED):
            prefix = "enn: " if reason == Reason.ENN else "ncr: edited, "
            text = add(add(add(prefix, count[sel]), " of "), k[sel])
            text = add(text, " neighbours of other classes")
        elif reason == Reason.NCR_NEIGHBOR:
            row = _texts(index, plan.other[sel])
            text = add("ncr: neighbour of misclassified minority row ", row)
        else:  # OSS_REDUNDANT
            row = _texts(index, plan.other[sel])
            single = add(add("oss: redundant, its nearest row of C (", row), ") is of its class")
            several = add(add(add("oss: redundant, ", count[sel]), " of its "), k[sel])
            several = add(several, " nearest rows of C are of its class")
            text = np.where(plan.k[sel] == 1, single, several)
        out[sel] = text
    return [str(text) for text in out]


def removed_frame(df: pd.DataFrame, column: Hashable, plan: CleanPlan, method: str) -> pd.DataFrame:
    """One row per removed row, indexed by its label: position, class, reason (and round)."""
    positions = plan.removed
    index = df.index.take(positions)
    name = "class" if column in ("position", "reason", "round") else column
    data: dict[Hashable, Any] = {
        "position": pd.Series(positions.astype(np.int64), index=index),
        name: pd.Series(df[column].take(positions).array, index=index),
        "reason": pd.Series(reason_texts(df.index, plan), index=index, dtype="str"),
    }
    if method in ROUND_METHODS:
        data["round"] = pd.Series(plan.round.astype(np.int64), index=index)
    return pd.DataFrame(data, index=index)
