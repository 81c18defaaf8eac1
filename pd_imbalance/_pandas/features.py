"""The pandas boundary for feature columns: classify, check and encode them for SMOTE.

Continuous columns (float, int, datetime, timedelta) are interpolated; categorical columns
(bool, boolean, category, str, string, object) take the most common value among neighbours.
pyarrow-backed columns (``pd.ArrowDtype``) map onto the same kinds: ints, floats, timestamps,
dates and durations are interpolated, decimals are interpolated as float64 and rounded back
to their scale, and bool, string and dictionary columns are categorical. Every check runs
here, before the neighbour search.
"""

from __future__ import annotations

import importlib
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from pd_imbalance._core.smote_nc import WIDE_LEVELS, distance_space
from pd_imbalance._pandas.inspect import TEXT_VALUES, is_text_dtype, sample_positions, text_kind
from pd_imbalance.errors import InvalidFeaturesError, warn

FeatureKind = Literal["float", "int", "time", "decimal", "categorical"]

#: Milliseconds per day: ``date64`` ticks are milliseconds, interpolated in whole days.
_MS_PER_DAY = 86_400_000


def pyarrow() -> Any:
    """Return the ``pyarrow`` module, imported on first use (it is an optional dependency)."""
    return importlib.import_module("pyarrow")


def arrow_type(dtype: Any) -> Any:
    """Return the ``pyarrow.DataType`` of an ``ArrowDtype``, or None for any other dtype."""
    return dtype.pyarrow_dtype if isinstance(dtype, pd.ArrowDtype) else None


def arrow_chunks(values: Any) -> list[Any]:
    """Return the pyarrow arrays holding an arrow-backed Series/array's values, as they are.

    The values' own buffers are reused (no cast), so NaN stays NaN and null stays null.
    """
    data = pyarrow().array(pd.Series(values, copy=False).array)
    return list(data.chunks) if hasattr(data, "chunks") else [data]


def _is_half(dtype: Any) -> bool:
    """float16, numpy or pyarrow's halffloat: pandas cannot hash or sort it, float32 can."""
    if isinstance(dtype, pd.ArrowDtype):
        return bool(pyarrow().types.is_float16(dtype.pyarrow_dtype))
    return isinstance(dtype, np.dtype) and dtype == np.float16


def hashable_values(series: pd.Series) -> pd.Series:
    """Return ``series`` in a dtype pandas can factorize and sort, with the same values.

    float16 becomes float32 (exact); a pyarrow dictionary column becomes its dense values.
    Any other series is returned as it is.
    """
    if _is_half(series.dtype):
        if isinstance(series.dtype, pd.ArrowDtype):
            return series.astype(pd.ArrowDtype(pyarrow().float32()))
        return series.astype(np.float32)
    pa_type = arrow_type(series.dtype)
    if pa_type is not None and pyarrow().types.is_dictionary(pa_type):
        dense = pa_type.value_type
        return hashable_values(series.astype(pd.ArrowDtype(dense)))
    return series


@dataclass(frozen=True)
class FeatureColumn:
    """One feature column as arrays.

    Attributes
    ----------
    name : hashable
        Column name.
    kind : {"float", "int", "time", "decimal", "categorical"}
        How SMOTE treats it.
    values : ndarray
        float columns: the floats in their own width (missing values as NaN); int: int64
        (uint64 for uint64 columns, whose values may exceed the int64 range); time: int64
        ticks (whole days for pyarrow dates); decimal: float64; categorical: int codes
        ``0..L-1``.
    dtype : object
        The original pandas dtype, restored on output.
    levels : pandas.Index or None
        Categorical only: the value of each code (float32 for float16 columns, dense values
        for pyarrow dictionary columns).
    ticks_per_day : float
        Time only: ticks per day, so that distances count days.
    missing : ndarray of bool or None
        ``missing="ignore"`` only, for int, time and decimal columns with missing values:
        where they are (``values`` hold a filler there). Float columns hold NaN, and
        categorical ones code -1.
    """

    name: Hashable
    kind: FeatureKind
    values: np.ndarray
    dtype: Any
    levels: pd.Index | None = None
    ticks_per_day: float = 1.0
    missing: np.ndarray | None = None

    def distance_values(self, positions: np.ndarray) -> np.ndarray:
        """Return the values at ``positions`` as float64 for distances (times in days).

        Missing values are NaN (the nan-euclidean distance skips them).
        """
        picked: np.ndarray = self.values[positions].astype(np.float64)
        if self.missing is not None:
            picked[self.missing[positions]] = np.nan
        return picked / self.ticks_per_day if self.kind == "time" else picked


def _arrow_kind(pa_type: Any) -> FeatureKind | None:
    types = pyarrow().types
    if types.is_dictionary(pa_type):
        value = pa_type.value_type
        simple = types.is_string(value) or types.is_large_string(value) or types.is_boolean(value)
        return "categorical" if simple or types.is_integer(value) else None
    if types.is_boolean(pa_type) or types.is_string(pa_type) or types.is_large_string(pa_type):
        return "categorical"
    if types.is_floating(pa_type):
        return "float"
    if types.is_integer(pa_type):
        return "int"
    if types.is_timestamp(pa_type) or types.is_date(pa_type) or types.is_duration(pa_type):
        return "time"
    if types.is_decimal(pa_type):
        return "decimal"
    return None  # lists, structs, binary, time of day, intervals, ...


def _kind_of(series: pd.Series) -> FeatureKind | None:
    dtype = series.dtype
    if isinstance(dtype, pd.ArrowDtype):
        return _arrow_kind(dtype.pyarrow_dtype)
    if isinstance(dtype, pd.SparseDtype):
        return None  # densify first: df[col].sparse.to_dense()
    if pd.api.types.is_bool_dtype(dtype) or isinstance(dtype, pd.CategoricalDtype):
        return "categorical"
    if pd.api.types.is_string_dtype(dtype) or pd.api.types.is_object_dtype(dtype):
        return "categorical"
    if pd.api.types.is_float_dtype(dtype):
        return "float"
    if pd.api.types.is_integer_dtype(dtype):
        return "int"
    if pd.api.types.is_datetime64_any_dtype(dtype) or pd.api.types.is_timedelta64_dtype(dtype):
        return "time"
    return None


def _arrow_ticks(series: pd.Series) -> tuple[np.ndarray, float]:
    """int64 ticks of a pyarrow timestamp/date/duration column and the ticks per day.

    Timestamps with a time zone are stored as UTC instants, so instants are interpolated.
    Dates count whole days (``date64`` milliseconds are floored to days).
    """
    pa = pyarrow()
    pa_type = arrow_type(series.dtype)
    data = pa.chunked_array(arrow_chunks(series), type=pa_type)
    if pa.types.is_date32(pa_type):
        return data.cast(pa.int32()).to_numpy().astype(np.int64), 1.0
    ticks = np.asarray(data.cast(pa.int64()).to_numpy(), dtype=np.int64)
    if pa.types.is_date64(pa_type):
        return ticks // _MS_PER_DAY, 1.0
    per_day = float(np.timedelta64(1, "D") / np.timedelta64(1, pa_type.unit))
    return ticks, per_day


def arrow_time_array(ticks: np.ndarray, pa_type: Any) -> Any:
    """Turn int64 ticks (days for dates) into a pyarrow array of ``pa_type``."""
    pa = pyarrow()
    if pa.types.is_date32(pa_type):
        return pa.array(ticks.astype(np.int32), type=pa.int32()).cast(pa_type)
    if pa.types.is_date64(pa_type):
        return pa.array(ticks * _MS_PER_DAY, type=pa.int64()).cast(pa_type)
    return pa.array(ticks, type=pa.int64()).cast(pa_type)


def _time_ticks(series: pd.Series) -> np.ndarray:
    if isinstance(series.dtype, pd.DatetimeTZDtype):  # interpolate instants, not wall times
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    return np.asarray(series.to_numpy()).view(np.int64)


def time_column(ticks: np.ndarray, dtype: Any) -> pd.Series:
    """Turn int64 ticks back into a datetime/timedelta Series of ``dtype`` (tz and unit kept)."""
    if isinstance(dtype, pd.DatetimeTZDtype):
        naive = ticks.view(f"datetime64[{dtype.unit}]")
        return pd.Series(naive, copy=False).dt.tz_localize("UTC").dt.tz_convert(dtype.tz)
    return pd.Series(ticks.view(dtype), copy=False)


def _encode(series: pd.Series, kind: FeatureKind) -> FeatureColumn:
    name = series.name
    if kind == "categorical":
        try:
            codes, levels = pd.factorize(hashable_values(series), use_na_sentinel=True)
        except TypeError:
            raise InvalidFeaturesError(
                f"Feature column {name!r} holds values that cannot be compared as categories "
                "(lists, dicts, ...). Drop it or convert it (e.g. to str) first."
            ) from None
        return FeatureColumn(name, kind, codes, series.dtype, pd.Index(levels))
    if kind == "decimal":  # interpolated as float64, rounded back to the scale on output
        return FeatureColumn(name, kind, series.to_numpy(dtype=np.float64), series.dtype)
    if kind == "time" and isinstance(series.dtype, pd.ArrowDtype):
        ticks, per_day = _arrow_ticks(series)
        return FeatureColumn(name, kind, ticks, series.dtype, None, per_day)
    if kind == "time":
        dtype: Any = series.dtype  # numpy's datetime64[s] has no .unit: read datetime_data
        unit: Any = np.datetime_data(dtype)[0] if isinstance(dtype, np.dtype) else dtype.unit
        per_day = float(np.timedelta64(1, "D") / np.timedelta64(1, unit))
        return FeatureColumn(name, kind, _time_ticks(series), series.dtype, None, per_day)
    if kind == "int":
        # uint64 stays uint64: values >= 2**63 would wrap to negatives in int64
        numpy_int: Any = getattr(series.dtype, "numpy_dtype", series.dtype)
        width = np.uint64 if np.dtype(numpy_int) == np.uint64 else np.int64
        return FeatureColumn(name, kind, series.to_numpy(dtype=width), series.dtype)
    numpy_dtype: Any = getattr(series.dtype, "numpy_dtype", series.dtype)
    if isinstance(series.dtype, np.dtype):
        return FeatureColumn(name, kind, np.asarray(series.to_numpy()), series.dtype)
    # nullable/pyarrow floats: missing values (only allowed in copied rows) read as NaN
    floats = series.to_numpy(dtype=numpy_dtype, na_value=np.nan)
    return FeatureColumn(name, kind, np.asarray(floats), series.dtype)


def _missing_report(
    df: pd.DataFrame,
    columns: dict[Hashable, pd.Series],
    float_rows: np.ndarray | None,
    target: Hashable,
) -> list[str]:
    problems = []
    about = ""  # which classes the counts of float columns are about, when they are a subset
    for name, series in columns.items():
        numpy_float = isinstance(series.dtype, np.dtype) and series.dtype.kind == "f"
        subset = float_rows is not None and pd.api.types.is_float_dtype(series.dtype)
        if numpy_float:  # the common case, on the raw values: one pass, no pandas take
            values = series.to_numpy()
            if float_rows is not None:  # other rows are copied, never interpolated
                values = values.take(float_rows)
            finite = np.isfinite(values)
            n_missing = 0 if finite.all() else int(np.isnan(values).sum())
            n_inf = int(len(values) - finite.sum()) - n_missing
        elif pd.api.types.is_float_dtype(series.dtype):  # nullable or pyarrow floats
            if float_rows is not None:
                series = series.iloc[float_rows]
            # NaN and null both count as missing (a pyarrow NaN is not "NA" to pandas)
            floats = series.to_numpy(dtype=np.float64, na_value=np.nan)
            n_missing = int(np.isnan(floats).sum())
            n_inf = int(np.isinf(floats).sum())
        else:
            n_missing = int(series.isna().sum())
            n_inf = 0
        if n_missing or n_inf:
            parts = [f"{n_missing} missing"] if n_missing else []
            parts += [f"{n_inf} infinite"] if n_inf else []
            where = ""
            if subset and float_rows is not None:  # the rows interpolated (an error path)
                about = about or _classes_of(df[target].iloc[float_rows])
                where = f" in the rows of {about}"
            problems.append(f"{name!r} ({', '.join(parts)}{where})")
    return problems


def _classes_of(labels: pd.Series, limit: int = 5) -> str:
    """Return ``"class 1"`` / ``"classes 'a', 'b'"``: the classes among ``labels``."""
    classes = pd.Index(labels.unique()).sort_values().tolist()
    shown = ", ".join(repr(c) for c in classes[:limit])
    more = f", ... ({len(classes)} in all)" if len(classes) > limit else ""
    return f"{'class' if len(classes) == 1 else 'classes'} {shown}{more}"


def encode_features(
    df: pd.DataFrame,
    target: Hashable,
    categorical: str | Sequence[Hashable] = "auto",
    *,
    float_rows: np.ndarray | None = None,
    verb: str = "smote",
    missing: str | None = None,
) -> list[FeatureColumn]:
    """Classify, check and encode every feature column of ``df`` (all but ``target``).

    Parameters
    ----------
    categorical : "auto" or list of column names
        "auto": bool, boolean, category, str, string and object columns are categorical.
        A list forces those columns to be categorical too (e.g. integer codes).
    float_rows : ndarray of int, optional
        Positions of the rows whose float values are read (the classes being oversampled);
        only there must float columns be finite. Other columns must be complete everywhere.
    verb : str, default="smote"
        The operation named in the error messages (e.g. ``'undersample(method="nearmiss-1")'``).
    missing : {"error", "ignore"} or None
        What the verb's ``missing=`` says. None: the verb has no such option (missing values
        are an error); ``"error"``: the same, the message naming ``missing="ignore"``;
        ``"ignore"``: missing values are allowed (:func:`encode_missing`), infinities not.

    Raises
    ------
    InvalidFeaturesError
        Missing or infinite values, or a column type SMOTE cannot generate.
    """
    features = [c for c in df.columns if c != target]
    if not features:
        raise InvalidFeaturesError(
            f"{verb} needs at least one feature column besides the label {target!r} to "
            "interpolate; this frame has none. Use undersample() or class weights instead."
        )
    duplicated = sorted({repr(c) for c in features if features.count(c) > 1})
    if duplicated:
        raise InvalidFeaturesError(
            f"{verb} needs unique column names; duplicate feature column name(s): "
            f"{', '.join(duplicated)}. Rename them first (e.g. df.columns = [...])."
        )
    forced: set[Hashable] = set()
    if isinstance(categorical, str):
        if categorical != "auto":
            raise ValueError(
                f"categorical must be 'auto' or a list of column names; got {categorical!r}."
            )
    else:
        if not isinstance(categorical, Sequence | set | pd.Index):
            raise TypeError(
                "categorical must be 'auto' or a list of column names; got "
                f"{type(categorical).__name__}."
            )
        forced = set(categorical)
        unknown = [c for c in forced if c not in features]
        if unknown:
            raise ValueError(
                f"categorical names {unknown!r}, which are not feature columns; features: "
                f"{features!r}."
            )
    # each column is read once (a read costs ~10 us, and copies df.attrs)
    columns = {name: column for name, column in df.items() if name != target}
    kinds = {
        name: "categorical" if name in forced else _kind_of(columns[name]) for name in features
    }
    unsupported = [f"{n!r} ({columns[n].dtype})" for n, k in kinds.items() if k is None]
    if unsupported:
        raise InvalidFeaturesError(
            f"{verb} cannot generate values for the column(s) {', '.join(unsupported)}: "
            "supported are float, int, datetime, timedelta and categorical (bool, category, "
            "str, object) columns, and their pyarrow versions (also date, duration, decimal "
            "and dictionary). Drop or convert them first, e.g. df.drop(columns=[...]) or "
            "df[col] = df[col].astype(str)."
        )
    if missing == "ignore":
        return encode_missing(df, target, columns, kinds, float_rows, verb)  # type: ignore[arg-type]
    problems = _missing_report(df, columns, float_rows, target)
    if problems:
        hint = ", or pass missing='ignore' (nan-euclidean distances)" if missing else ""
        raise InvalidFeaturesError(
            f"{verb} needs complete feature values; found: {'; '.join(problems)}. Impute "
            "them (e.g. sklearn.impute.SimpleImputer) or drop those rows or columns first"
            f"{hint}."
        )
    return [_encode(columns[name], kinds[name]) for name in features]  # type: ignore[arg-type]


def _encode_with_missing(series: pd.Series, kind: FeatureKind, gone: np.ndarray) -> FeatureColumn:
    """Encode a column that has missing values (``gone``): NaN, code -1 or a mask."""
    name = series.name
    if kind in ("categorical", "float"):
        return _encode(series, kind)  # codes -1 / NaN already mark the missing values
    if kind == "decimal":
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        return FeatureColumn(name, kind, values, series.dtype, missing=gone)
    if kind == "time" and isinstance(series.dtype, pd.ArrowDtype):
        pa = pyarrow()
        pa_type = arrow_type(series.dtype)
        data = pa.chunked_array(arrow_chunks(series), type=pa_type)
        per_day = 1.0
        if pa.types.is_date32(pa_type):
            ticks = data.cast(pa.int32()).fill_null(0).to_numpy().astype(np.int64)
        else:
            ticks = np.asarray(data.cast(pa.int64()).fill_null(0).to_numpy(), dtype=np.int64)
            if pa.types.is_date64(pa_type):
                ticks = ticks // _MS_PER_DAY
            else:
                per_day = float(np.timedelta64(1, "D") / np.timedelta64(1, pa_type.unit))
        return FeatureColumn(name, kind, ticks, series.dtype, None, per_day, gone)
    if kind == "time":
        encoded = _encode(series, kind)  # NaT reads as the int64 minimum: masked
        return FeatureColumn(
            name, kind, encoded.values, series.dtype, None, encoded.ticks_per_day, gone
        )
    numpy_int: Any = getattr(series.dtype, "numpy_dtype", series.dtype)
    width = np.uint64 if np.dtype(numpy_int) == np.uint64 else np.int64
    values = series.to_numpy(dtype=width, na_value=0)
    return FeatureColumn(name, kind, values, series.dtype, missing=gone)


def encode_missing(
    df: pd.DataFrame,
    target: Hashable,
    columns: dict[Hashable, pd.Series],
    kinds: dict[Hashable, FeatureKind],
    rows: np.ndarray | None,
    verb: str,
) -> list[FeatureColumn]:
    """Encode the features with their missing values (``missing="ignore"``), after checks.

    ``rows`` are the positions whose features are read (the classes that grow; None: every
    row). Missing means NaN, None, ``pd.NA``, NaT or a pyarrow null (a pyarrow float NaN
    too). Infinite values are still an error.

    Raises
    ------
    InvalidFeaturesError
        Infinite values; a row (among ``rows``) with every feature missing (named by its
        index label and class); a class (among ``rows``) with every value of a column
        missing (named by class and column).
    """
    gone: dict[Hashable, np.ndarray] = {}
    infinite = []
    for name, series in columns.items():
        if pd.api.types.is_float_dtype(series.dtype):
            floats = series.to_numpy(dtype=np.float64, na_value=np.nan)
            gone[name] = np.isnan(floats)
            n_inf = int(np.isinf(floats if rows is None else floats[rows]).sum())
            if n_inf:
                infinite.append(f"{name!r} ({n_inf} infinite)")
        else:
            gone[name] = np.asarray(series.isna(), dtype=bool)
    if infinite:
        raise InvalidFeaturesError(
            f"{verb} needs finite feature values (missing='ignore' skips missing ones, not "
            f"infinite ones); found: {'; '.join(infinite)}. Replace them first (e.g. "
            "df.replace([np.inf, -np.inf], np.nan))."
        )
    read = np.arange(len(df)) if rows is None else np.asarray(rows)
    if gone and len(read):
        all_gone = np.logical_and.reduce([g[read] for g in gone.values()])
        if all_gone.any():
            first = read[np.flatnonzero(all_gone)[0]]
            label = df[target].iloc[first]
            label = label.item() if isinstance(label, np.generic) else label
            raise InvalidFeaturesError(
                f"{verb} with missing='ignore' needs at least one present feature value per "
                f"row; {int(all_gone.sum())} row(s) have none, e.g. the row labelled "
                f"{df.index[first]!r} (class {label!r}). Drop those rows "
                "first (e.g. df.dropna(how='all', subset=features))."
            )
        labels = df[target].iloc[read]
        for name, mask in gone.items():
            if not mask[read].any():
                continue
            present = pd.Series(~mask[read], index=labels.index).groupby(
                labels.to_numpy(), sort=True
            ).any()
            empty = present.index[~present.to_numpy()].tolist()
            if empty:
                raise InvalidFeaturesError(
                    f"{verb} with missing='ignore': column {name!r} is missing in every row "
                    f"of class {empty[0]!r}, so nothing can be interpolated or compared "
                    "there. Drop the column, or fill it for that class first."
                )
    return [
        _encode_with_missing(columns[name], kinds[name], gone[name])
        if gone[name].any()
        else _encode(columns[name], kinds[name])
        for name in columns
    ]


#: A categorical column with more distinct values than this share of a class's rows looks
#: like an identifier.
ID_LIKE_SHARE = 0.5


def warn_id_like(
    categorical: list[FeatureColumn], codes: list[np.ndarray], verb: str | None = None
) -> None:
    """Warn about categorical columns with nearly one value per row.

    ``verb=None``: the rows are a class being oversampled (SMOTE's wording); else ``verb``
    names the operation that measures distances between all those rows (a search across
    classes: cleaning, NearMiss, Borderline's DANGER test, ADASYN's ratios).
    """
    for feature, values in zip(categorical, codes, strict=True):
        m = len(values)
        present = values[values >= 0]  # -1: a missing value (missing="ignore")
        distinct = int(np.count_nonzero(np.bincount(present))) if len(present) else 0
        if distinct > WIDE_LEVELS and distinct > ID_LIKE_SHARE * m:
            if _dates_as_text(feature)[0]:
                continue  # warn_text_columns says what it is
            if verb is None:
                where, effect, before = (
                    "rows of a class being oversampled",
                    "and synthetic rows copy a neighbour's value",
                    "smote()",
                )
            else:
                where, effect, before = (
                    f"rows {verb} compares",
                    "so the neighbourhoods mostly ignore it and the other columns decide",
                    verb,
                )
            warn(
                f"Categorical column {feature.name!r} has {distinct:,} distinct values in the "
                f"{m:,} {where}: it looks like an identifier. It adds the same SMOTE-NC "
                f"penalty to almost every distance, {effect}. Drop it before {before}, or "
                "leave it out of the features (e.g. df.drop(columns=[...])), or keep it out "
                f"of the distances with passthrough=[{feature.name!r}]."
            )


def distance_rows(
    features: list[FeatureColumn], *, verb: str | None = None, warn_id: bool = True
) -> Any:
    """Return ``features_of(positions)``: the distance-space rows of those input rows.

    Continuous columns in float64, then the SMOTE-NC one-hot blocks of the categorical ones
    (:func:`~pd_imbalance._core.smote.distance_space`). ``verb`` and ``warn_id``: the
    wording of the identifier warning (:func:`warn_id_like`), and whether to give it.
    """
    continuous = [f for f in features if f.kind != "categorical"]
    categorical = [f for f in features if f.kind == "categorical"]

    def features_of(positions: np.ndarray) -> Any:
        block = np.empty((len(positions), len(continuous)), dtype=np.float64)
        for j, feature in enumerate(continuous):
            block[:, j] = feature.distance_values(positions)
        codes = [f.values[positions] for f in categorical]
        if warn_id:
            warn_id_like(categorical, codes, verb)
        return distance_space(block, codes)

    return features_of


def _dates_as_text(feature: FeatureColumn) -> tuple[bool, str | None, Any]:
    """``(found, format, example)``: the report's dates-as-text rule on a text column."""
    if feature.levels is None or not is_text_dtype(feature.dtype):
        return False, None, None
    codes = feature.values[sample_positions(len(feature.values))]
    distinct = pd.unique(codes[codes >= 0])  # -1: missing
    if not len(distinct):
        return False, None, None
    values = feature.levels.take(distinct[:TEXT_VALUES]).tolist()
    kind, fmt = text_kind(values)
    return kind == "dates", fmt, values[0]


def warn_text_columns(features: list[FeatureColumn], verb: str = "smote()") -> None:
    """Warn about text columns that hold dates, before interpolating.

    SMOTE treats text as categories: a date written as text becomes a category of its own
    and is never interpolated. The rule is the report's (:mod:`pd_imbalance._pandas.inspect`),
    on the same sample of rows, so ``report()`` names the same columns. Identifiers written
    as text are :func:`warn_id_like`'s (which leaves date columns to this warning).
    """
    for feature in features:
        if feature.kind != "categorical":
            continue
        found, fmt, example = _dates_as_text(feature)
        if found:
            name = feature.name
            how = f"format={fmt!r}" if fmt else "format='mixed'"
            warn(
                f"Text column {name!r} holds dates written as text (e.g. {example!r}): "
                f"{verb} treats every date as a category of its own instead of "
                f"interpolating it. Parse it first: df[{name!r}] = "
                f"pd.to_datetime(df[{name!r}], {how})."
            )
