"""The pandas boundary for model outputs: predicted-label and score columns, the positive class.

Shared by :func:`pd_imbalance.report` (``predictions=``, ``scores=``) and
:func:`pd_imbalance.tune_threshold`, so both read columns, check them and pick the positive
class the same way.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd

from pd_imbalance._core.metrics import (
    average_precision,
    binary_curve,
    confusion_matrix,
    prediction_metrics,
    roc_auc,
)
from pd_imbalance._pandas.checks import missing_failure_cases, pandera, plural, sample_text
from pd_imbalance._pandas.labels import LabelTable, count_classes
from pd_imbalance._pandas.target import resolve_column
from pd_imbalance.errors import InvalidFeaturesError, InvalidTargetError


def model_column(df: pd.DataFrame, name: object, role: str) -> Hashable:
    """Return the model-output column ``name`` (``role``: "predictions" or "scores")."""
    return resolve_column(df, name, role)


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
    """Return a score column as finite float64 values.

    Raises
    ------
    InvalidFeaturesError
        The column is not numeric (bool counts as not numeric), or holds NaN/NA or infinite
        values.
    """
    series = df[column]
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
        raise InvalidFeaturesError(
            f"{operation} needs numeric scores, but scores column {column!r} has dtype "
            f"{dtype}. Pass a column of scores for the positive class, e.g. "
            f"df[{column!r}] = model.predict_proba(X)[:, 1]; predicted labels go to "
            "predictions= in report()."
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
            f"{operation} needs a finite score on every row; scores column {column!r} has "
            f"{', '.join(parts)} {values_word}, at rows {sample_text(rows)}. Drop those rows "
            f"(df[df[{column!r}].notna()]) or fix the model output first."
        )
    return values


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


def prediction_codes(df: pd.DataFrame, column: Hashable, table: LabelTable) -> np.ndarray:
    """Return the class codes (as in ``table``) of the predicted labels in ``column``.

    Raises
    ------
    InvalidTargetError
        Missing predictions, or predicted labels that are not classes of the target (named
        with their row counts), with pandera's failure cases.
    """
    series = df[column]
    predicted = count_classes(series)
    if predicted.n_missing:
        cases = missing_failure_cases(series)
        rows = cases["index"].tolist() if "index" in cases else []
        raise InvalidTargetError(
            f"Predictions column {column!r} has {plural(predicted.n_missing, 'missing value')}"
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
        what = "a label that is not a class" if len(unknown) == 1 else "labels that are not classes"
        raise InvalidTargetError(
            f"Predictions column {column!r} holds {what} of target "
            f"{table.column!r}: {_listing(unknown)}. Classes of {table.column!r}: "
            f"{sample_text(table.labels)}. Predictions must use the target's values and types "
            f"(1 is neither '1' nor True): map them first, e.g. "
            f"df[{column!r}].map({{...}}).",
            failure_cases=_unknown_failure_cases(predicted, known),
        )
    codes = table.classes.get_indexer(pd.Index(series, copy=False))
    return np.asarray(codes, dtype=np.intp)


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
            score_curve=curve,  # for the report's pictures
        )
    return model
