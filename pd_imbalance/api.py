"""The typed verbs of pd_imbalance: plain functions that also work with ``DataFrame.pipe``.

Each verb follows one path (SPEC §8): resolve the target and parameters, validate the
labels, encode the frame into arrays, ask the core for a plan or numbers, materialize.
None of them mutates its input.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Literal, NamedTuple

import numpy as np
import pandas as pd

from pd_imbalance._core.metrics import (
    average_precision,
    binary_curve,
    confusion_matrix,
    prediction_metrics,
    roc_auc,
)
from pd_imbalance._core.random import RandomStateLike, make_generator, seed_sequence
from pd_imbalance._core.recommend import recommend
from pd_imbalance._core.smote import distance_space, plan_smote
from pd_imbalance._core.strategy import SamplingStrategy, resolve_sampling_strategy
from pd_imbalance._core.summary import class_weights_table, imbalance_stats
from pd_imbalance._core.undersample import plan_undersample
from pd_imbalance._core.weights import balanced_weights, effective_number_weights
from pd_imbalance._evaluation import (
    model_column,
    positive_code,
    prediction_codes,
    require_binary,
    score_values,
)
from pd_imbalance._features import FeatureColumn, encode_features
from pd_imbalance._frame import LabelTable, label_codes, label_table, materialize_rows
from pd_imbalance._synthetic import materialize_smote, provenance_frame
from pd_imbalance._target import resolve_target, set_target
from pd_imbalance._validation import check_class_sizes, check_flag, check_labels
from pd_imbalance.report import ImbalanceReport

__all__ = [
    "SmoteResult",
    "report",
    "sample_weights",
    "set_target",
    "smote",
    "undersample",
    "weights",
]

WeightMethod = Literal["balanced", "effective"]


def _labels(
    df: pd.DataFrame, target: Hashable | None, operation: str, *, codes: bool
) -> tuple[Hashable, LabelTable, np.ndarray | None]:
    column = resolve_target(df, target)
    series = df[column]
    if codes:
        table, label_code_array = label_codes(series)
    else:
        table, label_code_array = label_table(series), None
    check_labels(table, series, operation)
    return column, table, label_code_array


def labels_with_codes(
    df: pd.DataFrame, target: Hashable | None, operation: str
) -> tuple[Hashable, LabelTable, np.ndarray]:
    """Resolve, encode and validate the label column, with per-row class codes."""
    column, table, codes = _labels(df, target, operation, codes=True)
    assert codes is not None
    return column, table, codes


def check_k_neighbors(k_neighbors: object) -> int:
    if isinstance(k_neighbors, bool | np.bool_) or not isinstance(k_neighbors, int | np.integer):
        raise TypeError(
            f"k_neighbors must be a positive int; got {type(k_neighbors).__name__} {k_neighbors!r}."
        )
    if k_neighbors < 1:
        raise ValueError(f"k_neighbors must be a positive int; got {k_neighbors}.")
    return int(k_neighbors)


def undersample(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    sampling_strategy: SamplingStrategy = "auto",
    random_state: RandomStateLike = None,
    replacement: bool = False,
) -> pd.DataFrame:
    """Randomly drop rows of the larger classes until they reach their target counts.

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
    random_state : int, numpy Generator or None, default=None
        Seed for a reproducible result.
    replacement : bool, default=False
        Draw the kept rows of reduced classes with replacement (rows may repeat).

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
    replacement = check_flag("replacement", replacement)
    rng = make_generator(random_state)
    column, table, codes = labels_with_codes(df, target, "undersample")
    final_counts = resolve_sampling_strategy(
        sampling_strategy, table.counts, table.labels, kind="under", y=df[column]
    )
    plan = plan_undersample(codes, table.counts, final_counts, rng, replacement=replacement)
    return materialize_rows(df, plan, column)


class SmoteResult(NamedTuple):
    """What ``smote(..., return_plan=True)`` returns.

    Attributes
    ----------
    frame : pandas.DataFrame
        The oversampled data (originals first, then synthetic rows).
    provenance : pandas.DataFrame
        One row per synthetic row, indexed like it in ``frame``: ``base`` and ``neighbor``
        (index labels of the two input rows it was interpolated between), ``lam`` (the
        interpolation factor: continuous values are ``base + lam * (neighbor - base)``), and
        ``base_position`` / ``neighbor_position`` (their row positions in the input).
    """

    frame: pd.DataFrame
    provenance: pd.DataFrame


def check_flag_name(df: pd.DataFrame, synthetic_flag: object) -> str | None:
    if synthetic_flag is None:
        return None
    if not isinstance(synthetic_flag, str):
        raise TypeError(
            f"synthetic_flag must be None or a new column name (str); got "
            f"{type(synthetic_flag).__name__}."
        )
    if synthetic_flag in df.columns:
        raise ValueError(
            f"synthetic_flag={synthetic_flag!r} is already a column; choose another name."
        )
    return synthetic_flag


def distance_rows(features: list[FeatureColumn]) -> Any:
    continuous = [f for f in features if f.kind != "categorical"]
    categorical = [f for f in features if f.kind == "categorical"]

    def features_of(positions: np.ndarray) -> np.ndarray:
        block = np.empty((len(positions), len(continuous)), dtype=np.float64)
        for j, feature in enumerate(continuous):
            block[:, j] = feature.distance_values(positions)
        return distance_space(block, [f.values[positions] for f in categorical])

    return features_of


def check_smote_class_sizes(table: LabelTable, final_counts: np.ndarray, k_neighbors: int) -> None:
    """Every class that grows needs more than ``k_neighbors`` rows."""
    check_class_sizes(
        table,
        min_count=k_neighbors + 1,
        which=final_counts > table.counts,  # only the classes that grow
        operation="smote",
        reason=f"each row needs k_neighbors={k_neighbors} other rows of its class",
        fix=(
            "use a smaller k_neighbors, leave the class out with a dict sampling_strategy, "
            "oversample it at random (undersample the others instead), or use class weights "
            "(df.imbalance.weights())."
        ),
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
    k_neighbors = check_k_neighbors(k_neighbors)
    synthetic_flag = check_flag_name(df, synthetic_flag)
    return_plan = check_flag("return_plan", return_plan)
    seed = seed_sequence(random_state)
    column, table, codes = labels_with_codes(df, target, "smote")
    final_counts = resolve_sampling_strategy(
        sampling_strategy, table.counts, table.labels, kind="over", y=df[column]
    )
    check_smote_class_sizes(table, final_counts, k_neighbors)
    grown = final_counts > table.counts
    features = encode_features(df, column, categorical, float_rows=np.flatnonzero(grown[codes]))
    plan_seed, tie_seed = seed.spawn(2)
    plan = plan_smote(
        codes, table.counts, final_counts, distance_rows(features), k_neighbors, plan_seed
    )
    out = materialize_smote(
        df, column, table, features, plan, np.random.default_rng(tie_seed), synthetic_flag
    )
    if return_plan:
        return SmoteResult(out, provenance_frame(df, out, plan))
    return out


def class_weight_values(table: LabelTable, method: str, beta: float) -> np.ndarray:
    if method == "balanced":
        return balanced_weights(table.counts)
    if method == "effective":
        return effective_number_weights(table.counts, beta)
    raise ValueError(f"method must be 'balanced' or 'effective'; got {method!r}.")


def weights(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    method: WeightMethod = "balanced",
    beta: float = 0.999,
) -> pd.Series:
    """Return one weight per class, ready for scikit-learn's ``class_weight=``.

    This function does not mutate the original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        The data.
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    method : {"balanced", "effective"}, default="balanced"
        ``"balanced"``: ``n / (K * n_j)``, identical to scikit-learn's
        ``compute_class_weight("balanced", ...)``. ``"effective"``: the effective-number
        weights of Cui et al. (2019), ``(1 - beta) / (1 - beta**n_j)``, scaled to sum to K.
    beta : float, default=0.999
        For ``method="effective"``, in [0, 1): 0 gives equal weights, values near 1 approach
        inverse class frequency.

    Returns
    -------
    pandas.Series
        Float weights named ``"weight"``, indexed by class label (with the label dtype).

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"y": [0] * 90 + [1] * 10})
    >>> pdi.weights(df, "y").round(3).to_dict()
    {0: 0.556, 1: 5.0}
    """
    _column, table, _ = _labels(df, target, "weights", codes=False)
    values = class_weight_values(table, method, beta)
    return pd.Series(values, index=table.classes, name="weight", dtype=np.float64)


def sample_weights(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    method: WeightMethod = "balanced",
    beta: float = 0.999,
) -> pd.Series:
    """Return each row's class weight, aligned to ``df.index`` (for ``fit(sample_weight=)``).

    This function does not mutate the original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        The data.
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    method : {"balanced", "effective"}, default="balanced"
        As in :func:`weights`.
    beta : float, default=0.999
        As in :func:`weights`.

    Returns
    -------
    pandas.Series
        Float weights named ``"sample_weight"`` with the index of ``df``.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"y": ["a", "a", "a", "b"]})
    >>> pdi.sample_weights(df, "y").round(3).tolist()
    [0.667, 0.667, 0.667, 2.0]
    """
    _column, table, codes = labels_with_codes(df, target, "sample_weights")
    values = class_weight_values(table, method, beta)
    return pd.Series(values[codes], index=df.index, name="sample_weight", dtype=np.float64)


def _is_numeric_feature(dtype: Any) -> bool:
    return bool(pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype))


def report(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    predictions: Hashable | None = None,
    scores: Hashable | None = None,
    pos_label: Any = None,
    k_neighbors: int = 5,
) -> ImbalanceReport:
    """Describe a label's imbalance, recommend what to do, and score a model's output on it.

    Without ``predictions`` and ``scores`` the report describes the label alone. With
    ``predictions`` (a column of predicted labels) it adds the model's accuracy next to the
    majority baseline, per-class precision, recall, F1 and support (``to_frame()``),
    macro-F1, balanced accuracy and the ``accuracy_paradox`` flag. With ``scores`` (a column
    of scores for the positive class, binary labels only; higher means more likely positive)
    it adds the average precision next to the prevalence (its no-skill value) and the ROC
    AUC. The numbers equal scikit-learn's (``precision_recall_fscore_support`` with
    ``zero_division=0``, ``balanced_accuracy_score``, ``average_precision_score``,
    ``roc_auc_score``). This function does not mutate the original DataFrame.

    Parameters
    ----------
    df : pandas.DataFrame
        The data (for ``predictions`` / ``scores``: usually held-out rows).
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    predictions : str, optional
        Column of predicted labels, with the target's values and types.
    scores : str, optional
        Column of finite numeric scores for ``pos_label`` (e.g.
        ``model.predict_proba(X)[:, 1]``).
    pos_label : object, optional
        With ``scores``: the class the scores are for. Default: 1 (True) when the labels are
        0/1 (False/True), else the minority class; two equally frequent classes that are not
        0/1 need it explicitly. :func:`tune_threshold` uses the same rule.
    k_neighbors : int, default=5
        The SMOTE neighbourhood size used to say which classes SMOTE can oversample.

    Returns
    -------
    ImbalanceReport
        Per-class table, headline numbers (``imbalance_ratio``,
        ``majority_baseline_accuracy``, ...), recommendations, and the model's numbers
        (``model_accuracy``, ``accuracy_paradox``, ``average_precision``, ...; None when not
        computed).

    Raises
    ------
    TargetNotFoundError
        The target, or the ``predictions`` / ``scores`` column, is missing.
    InvalidTargetError
        Invalid labels, or predictions that are missing or not classes of the target.
    InvalidFeaturesError
        ``scores`` not numeric, or with missing or infinite values.
    ValueError
        ``scores`` or ``pos_label`` with a multi-class target, ``pos_label`` not a class or
        given without ``scores``, ``k_neighbors`` below 1.

    See Also
    --------
    tune_threshold : Choose the decision threshold of a score column.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> df = pd.DataFrame({"amount": range(100), "fraud": [False] * 95 + [True] * 5})
    >>> rep = pdi.report(df, "fraud")
    >>> rep.imbalance_ratio, rep.majority_baseline_accuracy
    (19.0, 0.95)
    >>> rep.recommendations[0].technique
    'class_weights'

    A model that always says "no fraud" is 95 % accurate and useless:

    >>> df["pred"] = False
    >>> df["score"] = df["amount"] / 100
    >>> rep = pdi.report(df, "fraud", predictions="pred", scores="score")
    >>> rep.model_accuracy, rep.balanced_accuracy, rep.accuracy_paradox
    (0.95, 0.5, True)
    >>> rep.to_frame()["recall"].to_dict()
    {False: 1.0, True: 0.0}
    >>> rep.pos_label, rep.prevalence, rep.average_precision, rep.roc_auc
    (True, 0.05, 1.0, 1.0)
    """
    k_neighbors = check_k_neighbors(k_neighbors)
    check_pos_label_use(pos_label, scores)
    evaluated = predictions is not None or scores is not None
    column, table, codes = _labels(df, target, "report", codes=evaluated)
    model = model_numbers(df, table, codes, predictions, scores, pos_label)
    return build_report(column, table, df.dtypes, k_neighbors, model)


def check_pos_label_use(pos_label: Any, scores: Hashable | None) -> None:
    """``pos_label`` only makes sense together with ``scores``."""
    if pos_label is not None and scores is None:
        raise ValueError(
            "pos_label names the class that scores= are for; pass scores='column' too, or "
            "drop pos_label (per-class numbers of predictions= cover every class)."
        )


def model_numbers(
    df: pd.DataFrame,
    table: LabelTable,
    codes: np.ndarray | None,
    predictions: Hashable | None,
    scores: Hashable | None,
    pos_label: Any,
) -> dict[str, Any]:
    """Compute the report's numbers about a model's ``predictions`` / ``scores`` columns.

    ``codes`` are the class codes of ``df``'s label rows (needed when either is given).
    """
    pred_column = None if predictions is None else model_column(df, predictions, "predictions")
    score_column = None if scores is None else model_column(df, scores, "scores")
    model: dict[str, Any] = {}
    if pred_column is not None:
        assert codes is not None
        pred = prediction_codes(df, pred_column, table)
        confusion = confusion_matrix(codes, pred, len(table.classes))
        model.update(predictions=pred_column, prediction_metrics=prediction_metrics(confusion))
    if score_column is not None:
        assert codes is not None
        require_binary(table, "scores=")
        pos = positive_code(table, pos_label)
        curve = binary_curve(codes == pos, score_values(df, score_column, "report"))
        model.update(
            scores=score_column,
            pos_label=table.labels[pos],
            average_precision=average_precision(curve),
            prevalence=curve.n_pos / int(table.counts.sum()),
            roc_auc=roc_auc(curve),
        )
    return model


def build_report(
    column: Hashable,
    table: LabelTable,
    dtypes: pd.Series,
    k_neighbors: int,
    model: dict[str, Any],
) -> ImbalanceReport:
    """Assemble the report from the class table, the frame's dtypes and the model numbers."""
    stats = imbalance_stats(table.counts)
    model_columns = {model.get("predictions"), model.get("scores")} - {None}
    # The model's outputs are not features of the data.
    features = [
        dtype for name, dtype in dtypes.items() if name != column and name not in model_columns
    ]
    numeric = sum(_is_numeric_feature(dtype) for dtype in features)
    recs = recommend(
        stats,
        table.counts,
        k_neighbors=k_neighbors,
        n_features=len(features),
        n_numeric_features=numeric,
    )
    return ImbalanceReport.build(
        target=column,
        classes=table.classes,
        stats=stats,
        per_class=class_weights_table(table.counts, k_neighbors),
        recommendations=recs,
        k_neighbors=k_neighbors,
        **model,
    )
