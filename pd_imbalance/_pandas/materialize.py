"""The materialize step: a plan becomes a DataFrame again, in the input's dtypes.

``materialize_rows`` takes the kept rows of an undersampling plan; ``materialize_smote``
builds originals first, then synthetic rows. Each output column is allocated once at its
final length, the original values copied in and
the synthetic values written straight into the tail by the core, then wrapped without a copy.
A pyarrow-backed column instead keeps its original arrow arrays as they are (NaN stays NaN,
null stays null) and gets the synthetic values as one more chunk of the same arrow type.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from pd_imbalance._core.plan import ResamplePlan
from pd_imbalance._core.smote import (
    SmotePlan,
    interpolate_into,
    interpolate_rows_into,
    most_common_into,
)
from pd_imbalance._core.threads import run_threads
from pd_imbalance._pandas.features import (
    FeatureColumn,
    arrow_chunks,
    arrow_time_array,
    arrow_type,
    pyarrow,
    time_column,
)
from pd_imbalance._pandas.labels import LabelTable
from pd_imbalance._pandas.passthrough import take_column
from pd_imbalance._pandas.target import stamp_target

#: Original values (rows x columns) below which their copy into the output stays on the
#: calling thread (waking the pool costs more than copying a small frame).
THREADED_COPY_MIN_ENTRIES = 1 << 18


def materialize_rows(
    df: pd.DataFrame,
    plan: ResamplePlan,
    target: Hashable,
    counts: tuple[dict[Any, int], dict[Any, int]] | None = None,
) -> pd.DataFrame:
    """Build the output frame of a plan that only keeps input rows.

    Column order, dtypes and index labels are those of ``df``; rows keep their original
    relative order; ``attrs`` carry the target and the class ``counts`` before and after.
    """
    return stamp_target(df.take(plan.kept), target, counts)


def _with_arrow_originals(original: pd.Series, synthetic: Any) -> Any:
    """Return the original column's arrow arrays untouched, then ``synthetic`` (same type)."""
    pa = pyarrow()
    pa_type = arrow_type(original.dtype)
    chunks = [c for c in arrow_chunks(original) if len(c)] if len(original) else []
    tail = pa.array(synthetic)
    if pa.types.is_dictionary(pa_type) and not pa.types.is_dictionary(tail.type):
        # arrow casts only strings to dictionaries: encode the dense values first
        tail = tail.cast(pa_type.value_type).dictionary_encode()
    data = pa.chunked_array([*chunks, tail.cast(pa_type)], type=pa_type)
    return pd.arrays.ArrowExtensionArray(data)


def _arrow_continuous(feature: FeatureColumn, original: pd.Series, plan: SmotePlan) -> Any:
    """Synthetic values of a pyarrow continuous column, after its untouched originals."""
    pa = pyarrow()
    pa_type = arrow_type(feature.dtype)
    values = feature.values
    out = np.empty(plan.n_synthetic, dtype=values.dtype)
    kind = "float" if feature.kind == "decimal" else feature.kind
    gone = interpolate_into(values, plan, out, kind=kind, missing=feature.missing)
    if feature.kind == "time":
        return _with_arrow_originals(original, _null_where(arrow_time_array(out, pa_type), gone))
    if gone is not None:  # missing="ignore": both ends missing (NaN for floats, below)
        out = np.where(gone, np.nan, out) if feature.kind == "decimal" else out
        if feature.kind == "int":
            return _with_arrow_originals(original, pa.array(out, mask=gone))
    if feature.kind == "decimal":  # on the segment, then rounded half-even to the scale
        source = values[plan.sources]
        x, z = source[plan.base_local], source[plan.neighbor_local]
        np.clip(out, np.minimum(x, z), np.maximum(x, z), out=out)
        out = np.round(out, pa_type.scale)
        return _with_arrow_originals(
            original, pa.array(out, type=pa.float64(), from_pandas=True)
        )
    # NaN only where both ends were missing (missing="ignore"): a null, like the input's
    return _with_arrow_originals(original, pa.array(out, from_pandas=feature.kind == "float"))


def _null_where(array: Any, gone: np.ndarray | None) -> Any:
    """Return ``array`` with nulls where ``gone`` (synthetic values with both ends missing)."""
    if gone is None or not gone.any():
        return array
    pa = pyarrow()
    return pa.compute.if_else(pa.array(gone), pa.scalar(None, type=array.type), array)


def _float_blocks(
    features: list[FeatureColumn], plan: SmotePlan, n: int
) -> dict[Hashable, np.ndarray]:
    """Generate the float columns of each width into one column-major buffer per width.

    Returns each column as a contiguous 1-D view of its buffer (no copy when wrapped). The
    originals are copied column by column and the synthetic rows generated row-major
    (:func:`~pd_imbalance._core.smote.interpolate_rows_into`), both in two threads.
    """
    columns: dict[Hashable, np.ndarray] = {}
    for width in sorted({f.values.dtype.str for f in features}):
        group = [f for f in features if f.values.dtype.str == width]
        out = np.empty((n + plan.n_synthetic, len(group)), dtype=width, order="F")
        source = np.empty((len(plan.sources), len(group)), dtype=width)
        for j, feature in enumerate(group):
            source[:, j] = feature.values.take(plan.sources)
            columns[feature.name] = out[:, j]
        if n:
            copy = _copy_columns(out, [f.values for f in group], n)
            if n * len(group) < THREADED_COPY_MIN_ENTRIES:  # small: threads cost more
                for j in range(len(group)):
                    copy(j)
            else:
                _run_pair(copy, range(len(group)))
        interpolate_rows_into(source, plan, out[n:])
    return columns


def _copy_columns(out: np.ndarray, values: list[np.ndarray], n: int) -> Any:
    """Return ``copy(j)``, which writes ``values[j]`` into the first ``n`` rows of column j."""

    def copy(j: int) -> None:
        out[:n, j] = values[j]

    return copy


def _run_pair(fn: Any, items: range) -> None:
    """Run ``fn`` on every item in two threads (numpy copies release the GIL)."""
    run_threads(fn, items, 2)


def _wrap_float(values: np.ndarray, dtype: Any) -> Any:
    if isinstance(dtype, np.dtype):
        return values
    return pd.array(values, dtype=dtype)  # nullable Float*: inputs were checked complete


def _continuous_column(feature: FeatureColumn, plan: SmotePlan, n: int) -> Any:
    values = feature.values
    out = np.empty(n + plan.n_synthetic, dtype=values.dtype)
    if n:
        out[:n] = values
    gone = interpolate_into(values, plan, out[n:], kind=feature.kind, missing=feature.missing)
    dtype = feature.dtype
    if feature.kind == "time":
        if gone is not None:  # missing="ignore": NaT where both ends are (and the input's)
            out[n:][gone] = np.iinfo(np.int64).min  # the input's NaT are already there
        return time_column(out, dtype).array
    if isinstance(dtype, np.dtype):
        return out if out.dtype == dtype else out.astype(dtype)
    numpy_dtype = dtype.numpy_dtype  # nullable Int*/Float*: complete unless missing="ignore"
    array = pd.array(out.astype(numpy_dtype, copy=False), dtype=dtype)
    if gone is not None and feature.missing is not None:
        array[np.concatenate([feature.missing[:n], gone])] = pd.NA
    return array


def _append_values(original: pd.Series, new_values: pd.Index) -> Any:
    """Return the original column's values untouched (1 and True stay distinct), then new ones."""
    dtype = original.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iufb":  # plain numpy: one buffer
        values = np.empty(len(original) + len(new_values), dtype=dtype)
        values[: len(original)] = original.to_numpy()
        values[len(original) :] = np.asarray(new_values, dtype=dtype)
        return values
    tail = pd.Series(new_values, copy=False).astype(original.dtype)  # a Series: float16 too
    head = original.reset_index(drop=True)
    return pd.concat([head, tail], ignore_index=True).astype(original.dtype).array


def _append_labels(original: pd.Series, new_values: pd.Index) -> Any:
    """:func:`_append_values`, keeping a pyarrow column's original arrays as they are."""
    if isinstance(original.dtype, pd.ArrowDtype):
        return _with_arrow_originals(original, pyarrow().array(new_values.array))
    return _append_values(original, new_values)


def _categorical_column(
    feature: FeatureColumn, original: pd.Series, plan: SmotePlan, rng: np.random.Generator
) -> Any:
    out = np.empty(plan.n_synthetic, dtype=np.intp)
    most_common_into(feature.values, plan, out, rng)
    assert feature.levels is not None
    if (out < 0).any():  # missing="ignore": every neighbour's value was missing
        filled = feature.levels.take(out, allow_fill=True, fill_value=np.nan)
        return _append_labels(original, filled)
    return _append_labels(original, feature.levels.take(out))


def materialize_smote(
    df: pd.DataFrame,
    target: Hashable,
    table: LabelTable,
    features: list[FeatureColumn],
    plan: SmotePlan,
    rng: np.random.Generator,
    synthetic_flag: str | None,
    synthetic_labels: pd.Index,
    *,
    with_originals: bool = True,
    counts: tuple[dict[Any, int], dict[Any, int]] | None = None,
    passthrough: Sequence[Hashable] = (),
) -> pd.DataFrame:
    """Build the output frame: every input row unchanged, then the plan's synthetic rows.

    ``synthetic_labels`` are the synthetic rows' index labels (from a
    :class:`~pd_imbalance._pandas.index_rule.SyntheticIndex`). With
    ``with_originals=False`` only the synthetic rows are built and ``df`` only provides the
    columns and dtypes (the dask door builds each block of synthetic rows this way, on a
    worker).

    ``passthrough`` columns are not features (not in ``features``): every row, synthetic
    ones too, takes the value of its input row, a synthetic row its base row's (in the
    column's own dtype; missing values are copied).
    """
    n = len(df) if with_originals else 0
    by_name = {f.name: f for f in features}
    numpy_floats = [f for f in features if f.kind == "float" and arrow_type(f.dtype) is None]
    floats = _float_blocks(numpy_floats, plan, n)
    columns: dict[int, Any] = {}
    carried = set(passthrough)
    rows = np.concatenate([np.arange(n, dtype=np.intp), plan.base]) if carried else None
    for position, name in enumerate(df.columns):
        # the original column is read only where it is needed (a read costs ~30 us)
        if name == target:
            original = df.iloc[:n, position]
            columns[position] = _append_labels(original, table.classes.take(plan.class_code))
            continue
        if rows is not None and name in carried:  # copied from the base row, never generated
            columns[position] = take_column(df.iloc[:, position], rows)
            continue
        feature = by_name[name]
        if isinstance(feature.dtype, pd.ArrowDtype) and feature.kind != "categorical":
            columns[position] = _arrow_continuous(feature, df.iloc[:n, position], plan)
        elif feature.kind == "float":
            columns[position] = _wrap_float(floats[name], feature.dtype)
        elif feature.kind == "categorical":
            columns[position] = _categorical_column(feature, df.iloc[:n, position], plan, rng)
        else:
            columns[position] = _continuous_column(feature, plan, n)
    index = df.index.append(synthetic_labels).set_names(df.index.names) if n else synthetic_labels
    out = pd.DataFrame(columns, index=index, copy=False)
    out.columns = df.columns
    out.attrs = df.attrs  # the user's own attrs travel, as with every pandas operation
    if synthetic_flag is not None:
        flag = np.zeros(len(out), dtype=bool)
        flag[n:] = True
        out[synthetic_flag] = flag
    return stamp_target(out, target, counts)


def provenance_frame(df: pd.DataFrame, out: pd.DataFrame, plan: SmotePlan) -> pd.DataFrame:
    """One row per synthetic row (indexed like the output): base, neighbour and lambda."""
    n = len(df)
    return pd.DataFrame(
        {
            "base": df.index.take(plan.base),
            "neighbor": df.index.take(plan.neighbor),
            "lam": plan.lam,
            "base_position": plan.base,
            "neighbor_position": plan.neighbor,
        },
        index=out.index[n:],
    )
