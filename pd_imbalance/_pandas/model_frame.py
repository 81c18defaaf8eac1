"""Feature columns as a model takes them, and the two built-in models of ``evaluate()``.

:class:`FeaturePlan` is decided once from the whole frame's dtypes (never from its values'
statistics, so nothing leaks between folds) and applied to each fold's rows, resampled or
not:

* numbers (numpy, nullable and pyarrow ints, floats, decimals) become float64, missing as
  NaN;
* bool, category, str and object-of-str columns are categorical (pandas ``category`` with
  the levels of the whole frame; missing stays missing);
* a datetime or date column ``c`` becomes its parts ``c__year``, ``c__month``, ``c__day``,
  ``c__day_of_week`` (Monday = 0) and, for timestamps, ``c__hour``; a timedelta / duration
  becomes its total seconds.

The default model is scikit-learn's ``HistGradientBoostingClassifier`` with
``categorical_features="from_dtype"``: it splits categorical columns natively and routes
missing values itself. ``"logistic"`` is a ``LogisticRegression`` behind median
imputation and standard scaling of the numbers and one-hot encoding of the categories.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from pd_imbalance._pandas.features import arrow_type, hashable_values, pyarrow
from pd_imbalance.errors import InvalidFeaturesError

__all__ = [
    "HGB_MAX_LEVELS",
    "EstimatorName",
    "FeaturePlan",
    "build_anomaly_model",
    "build_estimator",
    "feature_plan",
]

#: HistGradientBoostingClassifier bins a categorical column into at most 255 levels.
HGB_MAX_LEVELS = 255

ColumnKind = Literal["number", "category", "datetime", "duration"]
_DATE_PARTS = ("year", "month", "day", "day_of_week")


@dataclass(frozen=True)
class _Column:
    name: Hashable
    kind: ColumnKind
    levels: pd.Index | None = None
    hour: bool = False


def _kind(series: pd.Series) -> ColumnKind | None:
    dtype = series.dtype
    pa_type = arrow_type(dtype)
    if pa_type is not None:
        types = pyarrow().types
        if types.is_dictionary(pa_type):
            pa_type = pa_type.value_type
        if types.is_boolean(pa_type) or types.is_string(pa_type) or types.is_large_string(pa_type):
            return "category"
        if types.is_integer(pa_type) or types.is_floating(pa_type) or types.is_decimal(pa_type):
            return "number"
        if types.is_timestamp(pa_type) or types.is_date(pa_type):
            return "datetime"
        if types.is_duration(pa_type):
            return "duration"
        return None
    if isinstance(dtype, pd.SparseDtype):
        return None
    if pd.api.types.is_bool_dtype(dtype) or isinstance(dtype, pd.CategoricalDtype):
        return "category"
    if pd.api.types.is_string_dtype(dtype) and not pd.api.types.is_object_dtype(dtype):
        return "category"
    if pd.api.types.is_object_dtype(dtype):
        values = series.dropna()
        return "category" if values.map(type).isin([str, bool]).all() else None
    if pd.api.types.is_complex_dtype(dtype):
        return None
    if pd.api.types.is_numeric_dtype(dtype):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "datetime"
    if pd.api.types.is_timedelta64_dtype(dtype):
        return "duration"
    return None


def _floats(values: Any) -> np.ndarray:
    series = pd.Series(values, copy=False)
    if isinstance(series.dtype, pd.ArrowDtype) and pyarrow().types.is_decimal(
        series.dtype.pyarrow_dtype
    ):
        series = series.astype(pd.ArrowDtype(pyarrow().float64()))
    out: np.ndarray = series.to_numpy(dtype=np.float64, na_value=np.nan)
    return out


def _is_timestamp(series: pd.Series) -> bool:
    pa_type = arrow_type(series.dtype)
    if pa_type is not None:
        return bool(pyarrow().types.is_timestamp(pa_type))
    return True


def _as_datetime(series: pd.Series) -> pd.Series:
    if arrow_type(series.dtype) is not None and pyarrow().types.is_date(arrow_type(series.dtype)):
        return series.astype("datetime64[s]")
    return series


@dataclass(frozen=True)
class FeaturePlan:
    """How each feature column becomes model input (see the module docstring).

    Attributes
    ----------
    columns : tuple
        One entry per feature column, in the frame's order.
    names : tuple of str
        The output column names (strings, as scikit-learn wants them).
    """

    columns: tuple[_Column, ...]
    names: tuple[str, ...]

    @property
    def categorical(self) -> list[str]:
        """The names of the categorical output columns."""
        out: list[str] = []
        position = 0
        for column in self.columns:
            width = self._width(column)
            if column.kind == "category":
                out.append(self.names[position])
            position += width
        return out

    @staticmethod
    def _width(column: _Column) -> int:
        if column.kind == "datetime":
            return len(_DATE_PARTS) + int(column.hour)
        return 1

    def transform(self, frame: pd.DataFrame, *, codes: bool = False) -> pd.DataFrame:
        """Return the model input for ``frame``'s rows (same index).

        Categorical columns are pandas ``category`` columns, or with ``codes=True`` their
        int codes (-1 for missing or unseen values).
        """
        data: dict[str, Any] = {}
        names = iter(self.names)
        for column in self.columns:
            series = frame[column.name]
            if column.kind == "number":
                data[next(names)] = _floats(series)
            elif column.kind == "duration":
                seconds = pd.to_timedelta(series.astype("timedelta64[ns]")).dt.total_seconds()
                data[next(names)] = seconds.to_numpy(dtype=np.float64, na_value=np.nan)
            elif column.kind == "datetime":
                moments = _as_datetime(series).dt
                for part in (*_DATE_PARTS, *(("hour",) if column.hour else ())):
                    data[next(names)] = _floats(getattr(moments, part))
            else:
                assert column.levels is not None
                values = hashable_values(series)
                if isinstance(values.dtype, pd.CategoricalDtype):
                    values = values.astype(values.dtype.categories.dtype)
                found = column.levels.get_indexer(pd.Index(values))
                if codes:
                    data[next(names)] = found
                else:
                    data[next(names)] = pd.Categorical.from_codes(
                        found, categories=pd.RangeIndex(len(column.levels))
                    )
        return pd.DataFrame(data, index=frame.index)


def _levels(series: pd.Series) -> pd.Index:
    values = hashable_values(series)
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories: pd.Index = pd.Index(values.dtype.categories)
        return categories
    unique: pd.Index = pd.Index(values.dropna().unique())
    try:
        ordered: pd.Index = unique.sort_values()
    except TypeError:
        return unique
    return ordered


def feature_plan(
    frame: pd.DataFrame, features: list[Hashable], *, max_levels: int | None
) -> FeaturePlan:
    """Decide how every feature column becomes model input, or name those that cannot.

    Raises
    ------
    InvalidFeaturesError
        Columns of a type no model input can be made from (lists, structs, bytes, mixed
        objects, ...), or, with ``max_levels``, categorical columns with more levels.
    """
    if not features:
        raise InvalidFeaturesError(
            "evaluate needs at least one feature column besides the target (and groups)."
        )
    columns: list[_Column] = []
    bad: list[str] = []
    wide: list[str] = []
    for name in features:
        series = frame[name]
        kind = _kind(series)
        if kind is None:
            bad.append(f"{name!r} ({series.dtype})")
            continue
        if kind == "category":
            levels = _levels(series)
            if max_levels is not None and len(levels) > max_levels:
                wide.append(f"{name!r} ({len(levels):,} levels)")
            columns.append(_Column(name, kind, levels))
        elif kind == "datetime":
            columns.append(_Column(name, kind, hour=_is_timestamp(series)))
        else:
            columns.append(_Column(name, kind))
    if bad:
        raise InvalidFeaturesError(
            f"evaluate cannot make model input of column(s) {', '.join(bad)}: the default "
            "model takes numbers, bool, category, str, datetime and timedelta columns. Drop "
            "them or convert them first (e.g. df.drop(columns=[...]))."
        )
    if wide:
        raise InvalidFeaturesError(
            f"Categorical column(s) {', '.join(wide)} have more than {max_levels} levels, the "
            "most HistGradientBoostingClassifier takes: drop them (an ID?), group rare levels, "
            "or use estimator='logistic' (one-hot)."
        )
    names: list[str] = []
    for column in columns:
        base = str(column.name)
        if column.kind == "datetime":
            parts = (*_DATE_PARTS, *(("hour",) if column.hour else ()))
            names += [f"{base}__{part}" for part in parts]
        else:
            names.append(base)
    seen: dict[str, int] = {}
    unique: list[str] = []
    for name in names:  # 1 and "1" both print as "1"
        count = seen.get(name, 0)
        seen[name] = count + 1
        unique.append(name if not count else f"{name}__{count}")
    return FeaturePlan(tuple(columns), tuple(unique))


EstimatorName = Literal["hgb", "logistic"]


def build_estimator(name: EstimatorName, plan: FeaturePlan) -> Any:
    """Return the built-in model ``name`` (unfitted) for input made by ``plan``."""
    if name == "hgb":
        from sklearn.ensemble import HistGradientBoostingClassifier

        return HistGradientBoostingClassifier(categorical_features="from_dtype")
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline, make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    categorical = plan.categorical
    numeric = [n for n in plan.names if n not in set(categorical)]
    parts: list[tuple[str, Any, list[str]]] = []
    if numeric:
        numbers = make_pipeline(
            SimpleImputer(strategy="median", keep_empty_features=True), StandardScaler()
        )
        parts.append(("numbers", numbers, numeric))
    if categorical:
        parts.append(("categories", OneHotEncoder(handle_unknown="ignore"), categorical))
    return Pipeline(
        [
            ("features", ColumnTransformer(parts)),
            ("logisticregression", LogisticRegression(max_iter=1000)),
        ]
    )


def build_anomaly_model(plan: FeaturePlan, seed: int) -> Any:
    """Return an IsolationForest over ordinal codes and median-imputed numbers."""
    from sklearn.ensemble import IsolationForest
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        SimpleImputer(strategy="median", keep_empty_features=True),
        IsolationForest(random_state=seed),
    )
