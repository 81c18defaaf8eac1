"""The pandas boundary for model outputs: predicted labels and scores, the positive class.

Shared by :func:`pd_imbalance.report` (``predictions=``, ``scores=``) and
:func:`pd_imbalance.tune_threshold`, so both read model outputs, check them and pick the
positive class the same way.

A model output is a column name of the frame, or values aligned with its rows: a numpy
array, a pandas Series (aligned by index: the same labels, in any order) or, for scores, a
2-D array / DataFrame of class probabilities (``predict_proba``; columns in class order, or a
DataFrame whose columns are the class labels). Values that are not a column are named
``"<array>"`` in results and messages.
"""


from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd

from pd_imbalance._core.metrics import (
    ScoreMetrics,
    binary_curve,
    confusion_matrix,
    prediction_metrics,
    score_metrics,
)
from pd_imbalance._core.prior import correct_binary, correct_columns
from pd_imbalance._pandas.checks import missing_failure_cases, pandera, plural, sample_text
from pd_imbalance._pandas.labels import LabelTable, count_classes
from pd_imbalance._pandas.target import resolve_column
from pd_imbalance.errors import InvalidFeaturesError, InvalidTargetError

#: How results and messages name model outputs that were passed as values, not columns.
ARRAY_NAME = "<array>"


def model_column(df: pd.DataFrame, name: object, role: str) -> Hashable:
    """Return the model-output column ``name`` (``role``: "predictions" or "scores")."""
    return resolve_column(df, name, role)


_ARRAY_TYPES = (np.ndarray, pd.Series, pd.Index, pd.DataFrame, pd.api.extensions.ExtensionArray)


def is_values(value: object) -> bool:
    """Return True when a model output is values (an array, Series, ...), not a column."""
    return isinstance(value, _ARRAY_TYPES)


def _shape_text(value: Any) -> str:
    return f"{type(value).__name__} of shape {tuple(np.shape(value))}"


def _aligned(df: pd.DataFrame, value: Any, role: str) -> Any:
    """Return ``value`` with one entry per row of ``df`` (a Series realigned by its index)."""
    n_rows = len(df)
    if len(value) != n_rows:
        raise ValueError(
            f"{role} has {len(value):,} values but the DataFrame has {n_rows:,} rows; pass "
            f"one {role[:-1] if role == 'predictions' else 'score'} per row, in row order "
            f"(e.g. model.predict(X) on the same rows)."
        )
    if isinstance(value, pd.Series | pd.DataFrame) and not value.index.equals(df.index):
        same = value.index.is_unique and df.index.is_unique and value.index.sort_values(
        ).equals(df.index.sort_values())
        if not same:
            raise ValueError(
                f"{role} is a {type(value).__name__} whose index does not match the "
                "DataFrame's index (different row labels), so its values cannot be aligned "
                f"with the rows. Pass {role}=values.to_numpy() if it is in row order, or build "
                "it with index=df.index."
            )
        value = value.reindex(df.index)
    return value


def prediction_series(df: pd.DataFrame, predictions: object) -> tuple[Hashable, pd.Series]:
    """Return the name and the values (a Series on ``df``'s index) of ``predictions``."""
    if not is_values(predictions):
        try:
            column = model_column(df, predictions, "predictions")
        except TypeError as exc:
            raise TypeError(
                f"{exc} Or pass an array or Series with one predicted label per row."
            ) from None
        return column, df[column]
    value: Any = predictions
    if isinstance(value, pd.DataFrame) or np.ndim(value) != 1:
        raise TypeError(
            f"predictions must be one column name or one predicted label per row (1-D); got "
            f"{_shape_text(value)}."
        )
    value = _aligned(df, value, "predictions")
    if isinstance(value, pd.Series):
        return ARRAY_NAME, pd.Series(value.array, index=df.index, name=ARRAY_NAME)
    return ARRAY_NAME, pd.Series(value, index=df.index, name=ARRAY_NAME, copy=True)


def require_binary(table: LabelTable, what: str) -> None:
    """Raise a ValueError unless the label has exactly two classes."""
    if len(table.classes) != 2:
        raise ValueError(
            f"{what} needs a binary label, but target {table.column!r} has "
            f"{len(table.classes)} classes ({sample_text(table.labels)}). For a multi-class "
            "label, score one class against the rest: make a binary column first, e.g. "
            f"df['is_x'] = df[{table.column!r}] == 'x'."
        )


def _same(label: object, value: object) -> bool:
    try:
        return bool(label == value)
    except (TypeError, ValueError):
        return False


def positive_code(table: LabelTable, pos_label: object) -> int:
    """Return the class code of the positive class of a binary label.

    Rule: an explicit ``pos_label`` must be one of the classes. Otherwise, labels 0/1 (also
    False/True, 0.0/1.0) take 1 (True); any other pair takes the minority class. Two equally
    frequent classes that are not 0/1 need an explicit ``pos_label``.

    Raises
    ------
    ValueError
        ``pos_label`` is not a class, or no default exists (a tie of non-0/1 classes).
    """
    labels = table.labels
    if pos_label is not None:
        matches = [i for i, label in enumerate(labels) if _same(label, pos_label)]
        if not matches:
            raise ValueError(
                f"pos_label={pos_label!r} is not a class of target {table.column!r}; its "
                f"classes are {sample_text(labels)}. Pass one of them (same value and type)."
            )
        return matches[0]
    ones = [i for i, label in enumerate(labels) if _same(label, 1)]
    zeros = [i for i, label in enumerate(labels) if _same(label, 0)]
    if len(ones) == 1 and len(zeros) == 1:
        return ones[0]
    if table.counts[0] == table.counts[1]:
        raise ValueError(
            f"Target {table.column!r} has two equally frequent classes ({sample_text(labels)}, "
            f"{plural(int(table.counts[0]), 'row')} each) and they are not 0/1 or False/True, so "
            "there is no default positive class. Pass pos_label= naming the class the scores "
            "are for."
        )
    return int(np.argmin(table.counts))


def score_values(df: pd.DataFrame, column: Hashable, operation: str) -> np.ndarray:
    """Return a score column as finite float64 values (see :func:`finite_scores`)."""
    return finite_scores(df[column], f"scores column {column!r}", operation)


def finite_scores(series: pd.Series, what: str, operation: str) -> np.ndarray:
    """Return scores as finite float64 values; ``what`` names them in messages.

    Raises
    ------
    InvalidFeaturesError
        The values are not numeric (bool counts as not numeric), or hold NaN/NA or
        infinite values.
    """
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
        raise InvalidFeaturesError(
            f"{operation} needs numeric scores, but {what} has dtype {dtype}. Pass scores "
            "for the positive class, e.g. model.predict_proba(X)[:, 1]; predicted labels go "
            "to predictions= in report()."
        )
    values = np.asarray(series.to_numpy(dtype=np.float64, na_value=np.nan))
    missing = np.isnan(values)
    infinite = np.isinf(values)
    if missing.any() or infinite.any():
        parts = [f"{int(missing.sum())} missing"] if missing.any() else []
        parts += [f"{int(infinite.sum())} infinite"] if infinite.any() else []
        rows = series.index[missing | infinite].tolist()
        values_word = "value" if len(rows) == 1 else "values"
        raise InvalidFeaturesError(
            f"{operation} needs a finite score on every row; {what} has "
            f"{', '.join(parts)} {values_word}, at rows {sample_text(rows)}. Drop those rows "
            "or fix the model output first."
        )
    return values


def _class_columns(df: pd.DataFrame, proba: pd.DataFrame, table: LabelTable) -> pd.DataFrame:
    """Return the columns of a probability DataFrame in class order (matched by label)."""
    position = pd.Index(proba.columns).get_indexer(table.classes)
    if (position < 0).any() or len(proba.columns) != len(table.classes):
        raise ValueError(
            f"scores is a DataFrame with columns {sample_text(list(proba.columns))}, which "
            f"are not the classes of target {table.column!r} ({sample_text(table.labels)}). "
            "Name its columns by class, e.g. pd.DataFrame(model.predict_proba(X), "
            "columns=model.classes_, index=df.index), or pass the 2-D array with columns in "
            "class order."
        )
    return proba.iloc[:, position]


def score_matrix(
    df: pd.DataFrame, scores: object, table: LabelTable, pos: int | None, operation: str
) -> tuple[Hashable, np.ndarray]:
    """Return the name and the values of ``scores``: 1-D for ``pos``, or rows x classes.

    ``pos`` is the positive class code of a binary label (a 2-column probability output
    gives that column) or None for a multi-class label, which needs one column per class.

    Raises
    ------
    ValueError
        Wrong length, index or number of columns, or columns that are not the classes.
    InvalidFeaturesError
        Not numeric, or missing or infinite values.
    """
    if not is_values(scores):
        column = model_column(df, scores, "scores")
        if pos is None:
            require_binary(table, f"{operation}(scores={column!r})")
        return column, score_values(df, column, operation)
    value: Any = _aligned(df, scores, "scores")
    n_classes = len(table.classes)
    if isinstance(value, pd.DataFrame):
        if value.shape[1] == 1:
            value = value.iloc[:, 0]
        else:
            value = _class_columns(df, value, table)
    elif np.ndim(value) == 2:
        width = np.shape(value)[1]
        if width == 1:
            value = np.asarray(value)[:, 0]
        elif width != n_classes:
            raise ValueError(
                f"scores has {width} columns but target {table.column!r} has {n_classes} "
                f"classes ({sample_text(table.labels)}); pass one column per class in class "
                "order (model.predict_proba(X) with model.classes_ in that order)."
            )
        else:
            value = pd.DataFrame(np.asarray(value), index=df.index)
    elif np.ndim(value) != 1:
        raise TypeError(f"scores must be 1-D or rows x classes; got {_shape_text(value)}.")
    if isinstance(value, pd.DataFrame):
        columns = [
            finite_scores(
                pd.Series(value.iloc[:, k].array, index=df.index), f"scores column {k}", operation
            )
            for k in range(n_classes)
        ]
        matrix = np.column_stack(columns)
        if pos is not None:
            return ARRAY_NAME, np.ascontiguousarray(matrix[:, pos])
        return ARRAY_NAME, matrix
    if pos is None:
        require_binary(table, f"{operation} with 1-D scores")
    series = pd.Series(value.array if isinstance(value, pd.Series) else value, index=df.index)
    return ARRAY_NAME, finite_scores(series, "scores", operation)


def _listing(items: list[str], limit: int = 5) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f", ... ({len(items)} in all)" if len(items) > limit else "")


def _unknown_failure_cases(predicted: LabelTable, known: np.ndarray) -> pd.DataFrame:
    pa = pandera()
    frame = pd.DataFrame({"label": predicted.classes.to_numpy(), "count": predicted.counts})
    mask = pd.Series(known, index=frame.index)
    schema = pa.DataFrameSchema(
        {"label": pa.Column(checks=pa.Check(lambda s: mask.loc[s.index], name="known_label"))},
        name="predicted labels",
    )
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases: pd.DataFrame = err.failure_cases
        return cases
    return pd.DataFrame()  # pragma: no cover - only called when some label is unknown


def prediction_codes(series: pd.Series, column: Hashable, table: LabelTable) -> np.ndarray:
    """Return the class codes (as in ``table``) of the predicted labels ``series``.

    ``column`` names them in messages (a column name, or :data:`ARRAY_NAME`).

    Raises
    ------
    InvalidTargetError
        Missing predictions, or predicted labels that are not classes of the target (named
        with their row counts), with pandera's failure cases.
    """
    what = "Predictions array" if column == ARRAY_NAME else f"Predictions column {column!r}"
    fix = "predictions.map({...})" if column == ARRAY_NAME else f"df[{column!r}].map({{...}})"
    try:
        predicted = count_classes(series)
    except TypeError as exc:
        raise InvalidTargetError(
            f"{what} holds values that cannot be compared with the classes of target "
            f"{table.column!r} ({exc}). Predictions must use the target's values and types."
        ) from None
    if predicted.n_missing:
        cases = missing_failure_cases(series)
        rows = cases["index"].tolist() if "index" in cases else []
        raise InvalidTargetError(
            f"{what} has {plural(predicted.n_missing, 'missing value')}"
            f", at rows {sample_text(rows)}. Every row needs a predicted class; drop those rows or "
            "fill them first.",
            failure_cases=cases,
        )
    known = table.classes.get_indexer(predicted.classes) >= 0
    if not known.all():
        unknown = [
            f"{label!r} ({plural(int(count), 'row')})"
            for label, count, ok in zip(predicted.labels, predicted.counts, known, strict=True)
            if not ok
        ]
        kind = "a label that is not a class" if len(unknown) == 1 else "labels that are not classes"
        raise InvalidTargetError(
            f"{what} holds {kind} of target "
            f"{table.column!r}: {_listing(unknown)}. Classes of {table.column!r}: "
            f"{sample_text(table.labels)}. Predictions must use the target's values and types "
            f"(1 is neither '1' nor True): map them first, e.g. {fix}.",
            failure_cases=_unknown_failure_cases(predicted, known),
        )
    codes = table.classes.get_indexer(pd.Index(series, copy=False))
    return np.asarray(codes, dtype=np.intp)


def _score_pos(table: LabelTable, pos_label: object) -> int | None:
    return positive_code(table, pos_label) if len(table.classes) == 2 else None


def model_numbers(
    df: pd.DataFrame,
    table: LabelTable,
    codes: np.ndarray | None,
    predictions: object,
    scores: object,
    pos_label: Any,
    prior_ratios: np.ndarray | None = None,
) -> dict[str, Any]:
    """Compute the report's numbers about a model's ``predictions`` / ``scores``.

    ``codes`` are the class codes of ``df``'s label rows (needed when either is given).
    Returns the keyword arguments of ``results.build_report``'s model part: the names
    ``predictions`` / ``scores``, the core's ``prediction_metrics`` / ``score_metrics``, and
    ``pos_label`` (binary labels: the positive class, by the rule of
    :func:`positive_code`; None when it has no default and is not needed).

    ``prior_ratios`` (``prior_to / prior_from`` per class code) asks for the scores'
    calibration after prior correction too: ``corrected_metrics`` (None, with a
    ``prior_note``, when the scores are not probabilities).
    """
    model: dict[str, Any] = {}
    pos: int | None = None
    if scores is not None:
        if pos_label is not None and len(table.classes) != 2:
            raise ValueError(
                f"pos_label names the positive class of a binary label, but target "
                f"{table.column!r} has {len(table.classes)} classes; drop pos_label (class "
                "probabilities give one column per class)."
            )
        pos = _score_pos(table, pos_label)
    elif len(table.classes) == 2:
        try:
            pos = positive_code(table, None)
        except ValueError:  # two equally frequent classes that are not 0/1
            pos = None
    if predictions is not None:
        assert codes is not None
        pred_name, series = prediction_series(df, predictions)
        pred = prediction_codes(series, pred_name, table)
        confusion = confusion_matrix(codes, pred, len(table.classes))
        model.update(predictions=pred_name, prediction_metrics=prediction_metrics(confusion))
    if scores is not None:
        assert codes is not None
        score_name, values = score_matrix(df, scores, table, pos, "report")
        metrics = score_metrics(codes, values, pos)
        model.update(scores=score_name, score_metrics=metrics)
        if prior_ratios is not None:
            model.update(corrected_score_metrics(codes, values, pos, metrics, prior_ratios))
        if pos is not None:  # binary: the precision-recall curve, for the report's pictures
            model["score_curve"] = binary_curve(codes == pos, values)
    if model:
        model["pos_label"] = None if pos is None else table.labels[pos]
    return model


def corrected_score_metrics(
    codes: np.ndarray,
    values: np.ndarray,
    pos: int | None,
    metrics: ScoreMetrics,
    ratios: np.ndarray,
) -> dict[str, Any]:
    """Return ``corrected_metrics`` of the prior-corrected scores, or a ``prior_note``.

    Scores that are not probabilities (``metrics.calibration`` None) are not corrected: the
    note says why, and the report is not refused.
    """
    if metrics.calibration is None:
        return {
            "corrected_metrics": None,
            "prior_note": f"prior correction skipped: {metrics.calibration_note}",
        }
    if pos is not None:  # 1-D scores of the positive class; ratios in code order
        corrected = correct_binary(values, np.array([ratios[1 - pos], ratios[pos]]))
    else:
        corrected = correct_columns(values, ratios)
    return {"corrected_metrics": score_metrics(codes, corrected, pos), "prior_note": None}

