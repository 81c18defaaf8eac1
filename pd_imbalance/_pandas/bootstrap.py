"""The pandas boundary of the smoothed bootstrap: noise on the copies of continuous columns.

Random oversampling copies rows with ``df.take`` (every dtype kept, nothing computed). With
``shrinkage``, the copies of each *continuous* column (float, int, datetime, timedelta and
their nullable and pyarrow versions, pyarrow decimals) then get Gaussian noise, per class:

* floats: ``x + noise`` in float64, stored back in the column's width;
* integers: ``x + rint(noise)``, added in integer arithmetic and kept within the dtype's
  range (so the dtype stays and no digit of a large value is lost);
* datetimes / timedeltas: ``x + rint(noise)`` ticks (time zones kept; pyarrow dates move by
  whole days); decimals: rounded back to their scale.

Missing values (NaN, None, NA, NaT, null) stay missing in the copies, infinities stay
infinite, and the originals are never touched. Categorical, bool and text columns (and
any column named in ``categorical``) are copied as they are.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from pd_imbalance._core.oversample import population_std, shift_integers, smoothing_constant
from pd_imbalance._core.random import spawn
from pd_imbalance._core.threads import run_threads
from pd_imbalance._pandas.features import (
    _kind_of,
    arrow_chunks,
    arrow_type,
    pyarrow,
    time_column,
)

__all__ = ["noisy_columns"]

_MS_PER_DAY = 86_400_000
_NOISED = ("float", "int", "time", "decimal")


@dataclass(frozen=True)
class _Numbers:
    """A continuous column as numbers: floats in float64, or int64/uint64 ticks.

    ``missing`` marks NA/null/NaT (floats' NaN stays a value: NaN + noise is NaN).
    ``low``/``high`` bound integer results (the dtype's range).
    """

    values: np.ndarray
    missing: np.ndarray | None
    integral: bool
    low: int = 0
    high: int = 0


def _int_bounds(dtype: Any) -> tuple[int, int]:
    info = np.iinfo(dtype)
    return int(info.min), int(info.max)


def _wide(dtype: Any) -> Any:
    return np.uint64 if np.dtype(dtype) == np.uint64 else np.int64


def _arrow_numbers(series: pd.Series, kind: str) -> _Numbers:
    pa = pyarrow()
    pa_type = arrow_type(series.dtype)
    data = pa.chunked_array(arrow_chunks(series), type=pa_type)
    missing = np.asarray(data.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    if kind in ("float", "decimal"):
        floats = data.cast(pa.float64()).fill_null(0.0).to_numpy()
        return _Numbers(np.asarray(floats, dtype=np.float64), missing, False)
    if kind == "int":
        width = pa.uint64() if pa.types.is_uint64(pa_type) else pa.int64()
        ints = np.asarray(data.cast(width).fill_null(0).to_numpy())
        return _Numbers(ints, missing, True, *_int_bounds(pa_type.to_pandas_dtype()))
    if pa.types.is_date32(pa_type):
        days = np.asarray(data.cast(pa.int32()).fill_null(0).to_numpy(), dtype=np.int64)
        return _Numbers(days, missing, True, *_int_bounds(np.int32))
    ticks = np.asarray(data.cast(pa.int64()).fill_null(0).to_numpy(), dtype=np.int64)
    if pa.types.is_date64(pa_type):  # milliseconds of whole days: noise in days
        low, high = _int_bounds(np.int64)
        return _Numbers(
            ticks // _MS_PER_DAY, missing, True, low // _MS_PER_DAY, high // _MS_PER_DAY
        )
    return _Numbers(ticks, missing, True, *_int_bounds(np.int64))


def _numbers(series: pd.Series, kind: str) -> _Numbers:
    """Read a continuous column as numbers (see :class:`_Numbers`)."""
    dtype = series.dtype
    if isinstance(dtype, pd.ArrowDtype):
        return _arrow_numbers(series, kind)
    if kind == "time":
        missing = np.asarray(series.isna().to_numpy(), dtype=bool)
        if isinstance(dtype, pd.DatetimeTZDtype):  # instants, not wall times
            series = series.dt.tz_convert("UTC").dt.tz_localize(None)
        ticks = np.asarray(series.to_numpy()).view(np.int64)
        low, high = _int_bounds(np.int64)
        return _Numbers(ticks, missing, True, low + 1, high)  # int64 min is NaT
    if isinstance(dtype, np.dtype):
        if kind == "int":
            return _Numbers(series.to_numpy().astype(_wide(dtype)), None, True, *_int_bounds(dtype))
        return _Numbers(series.to_numpy().astype(np.float64), None, False)
    # nullable Int*/Float*: the NA mask, NA read as 0
    missing = np.asarray(series.isna().to_numpy(), dtype=bool)
    numpy_dtype: Any = getattr(dtype, "numpy_dtype", dtype)  # nullable Int*/Float*
    if kind == "int":
        ints = series.to_numpy(dtype=_wide(numpy_dtype), na_value=0)
        return _Numbers(ints, missing, True, *_int_bounds(numpy_dtype))
    return _Numbers(series.to_numpy(dtype=np.float64, na_value=0.0), missing, False)


def _arrow_tail(values: np.ndarray, missing: np.ndarray, pa_type: Any) -> Any:
    pa = pyarrow()
    types = pa.types
    if types.is_date32(pa_type):
        data = pa.array(values.astype(np.int32), mask=missing, type=pa.int32())
    elif types.is_date64(pa_type):
        data = pa.array(values * _MS_PER_DAY, mask=missing, type=pa.int64())
    elif types.is_floating(pa_type) or types.is_decimal(pa_type):
        if types.is_decimal(pa_type):
            values = np.round(values, pa_type.scale)
        if types.is_float16(pa_type):
            return pa.array(values.astype(np.float16), mask=missing)
        data = pa.array(values, mask=missing, type=pa.float64())
    else:
        data = pa.array(values, mask=missing)
    return data.cast(pa_type, safe=False)


def _tail(series: pd.Series, numbers: _Numbers, values: np.ndarray, missing: Any) -> Any:
    """Turn the noisy copies back into an array of the column's dtype."""
    dtype = series.dtype
    if isinstance(dtype, pd.ArrowDtype):
        mask = np.zeros(len(values), dtype=bool) if missing is None else missing
        tail = _arrow_tail(values, mask, dtype.pyarrow_dtype)
        return pd.arrays.ArrowExtensionArray(pyarrow().chunked_array([tail]))
    if isinstance(dtype, pd.DatetimeTZDtype):
        return time_column(values, dtype).array
    if isinstance(dtype, np.dtype):
        if dtype.kind in "mM":
            return values.view(dtype)
        return values.astype(dtype)
    numpy_dtype: Any = getattr(dtype, "numpy_dtype", dtype)  # nullable Int*/Float*
    if numbers.integral:
        return pd.arrays.IntegerArray(values.astype(numpy_dtype), missing)
    return pd.arrays.FloatingArray(values.astype(numpy_dtype), missing)


def noisy_columns(
    df: pd.DataFrame,
    target: Hashable,
    copied: list[Hashable],
    positions: np.ndarray,
    copy_counts: np.ndarray,
    rows_of: dict[int, np.ndarray],
    factors: np.ndarray,
    seed: np.random.SeedSequence,
) -> dict[int, Any]:
    """Return the full values (originals, then noisy copies) of every continuous column.

    Parameters
    ----------
    df : pandas.DataFrame
        The input.
    target : hashable
        The label column (copied).
    copied : list
        Columns the caller wants copied as they are (``categorical=``).
    positions : ndarray of int
        Input positions of the copies, class by class (class code order).
    copy_counts : ndarray of int, shape (K,)
        Copies per class (0 for classes that do not grow).
    rows_of : dict
        Input positions of each growing class's rows (its standard deviations).
    factors : ndarray of float, shape (K,)
        Each class's shrinkage (0: copies unchanged).
    seed : numpy.random.SeedSequence
        Class ``c``'s noise comes from child ``c``: a ``(copies, d)`` float32 standard
        normal matrix, one column per continuous column in frame order.

    Returns
    -------
    dict
        ``{column position: array}`` for the continuous columns only (length
        ``len(df) + len(positions)``, in the column's dtype).
    """
    columns = [df.iloc[:, j] for j in range(df.shape[1])]
    continuous = [
        (j, name, kind)
        for j, name in enumerate(df.columns)
        if name != target and name not in copied and (kind := _kind_of(columns[j])) in _NOISED
    ]
    d = len(continuous)
    if not d or not (factors > 0).any():
        return {}
    bandwidth = smoothing_constant(len(df), d)
    children = spawn(seed, len(factors))
    starts = np.cumsum(copy_counts) - copy_counts
    noise = {
        int(c): np.random.default_rng(children[c]).standard_normal(
            (int(copy_counts[c]), d), dtype=np.float32
        )
        for c in np.flatnonzero((factors > 0) & (copy_counts > 0))
    }
    noisy = _Noise(positions, rows_of, factors * bandwidth, starts, copy_counts, noise)
    out: dict[int, Any] = {}
    widths = {j: _numpy_float_width(columns[j]) for j, _, _ in continuous}
    numpy_floats = [(jj, j) for jj, (j, _, _) in enumerate(continuous) if widths[j]]
    for width in sorted({widths[j] for _, j in numpy_floats}):
        group = [(jj, j) for jj, j in numpy_floats if widths[j] == width]
        out.update(_float_block([columns[j] for _, j in group], group, width, noisy))
    done = {j for _, j in numpy_floats}
    for jj, (j, _name, kind) in enumerate(continuous):
        if j not in done:
            out[j] = _noisy_column(columns[j], kind, jj, noisy)
    return out


def _numpy_float_width(series: pd.Series) -> str:
    """Return a numpy float column's dtype string (``"<f8"``), else ``""``."""
    dtype = series.dtype
    return dtype.str if isinstance(dtype, np.dtype) and dtype.kind == "f" else ""


@dataclass(frozen=True)
class _Noise:
    """What every column's noise needs: the copies, each class's rows, scale and draws."""

    positions: np.ndarray
    rows_of: dict[int, np.ndarray]
    bandwidth: np.ndarray  # shrinkage * h, per class
    starts: np.ndarray
    copy_counts: np.ndarray
    normal: dict[int, np.ndarray]  # class -> (copies, d) standard normal draws

    def part(self, c: int) -> slice:
        return slice(int(self.starts[c]), int(self.starts[c] + self.copy_counts[c]))


def _float_block(
    series: list[pd.Series], group: list[tuple[int, int]], width: str, noisy: _Noise
) -> dict[int, np.ndarray]:
    """Noise numpy float columns of one width: one buffer, each column a view of it.

    Column by column (contiguous): the originals' own bits, then the copies plus noise,
    computed in float64 and stored in the column's width.
    """
    originals = [column.to_numpy() for column in series]
    n, s = len(originals[0]), len(noisy.positions)
    buffer = np.empty((n + s, len(group)), dtype=width, order="F")

    def column(i: int) -> None:
        jj, original = group[i][0], originals[i]
        buffer[:n, i] = original
        tail = original.take(noisy.positions).astype(np.float64, copy=False)
        for c, matrix in noisy.normal.items():
            std = population_std(original.take(noisy.rows_of[c]).astype(np.float64))
            if std:
                tail[noisy.part(c)] += matrix[:, jj] * (noisy.bandwidth[c] * std)
        buffer[n:, i] = tail

    # columns are independent (numpy releases the GIL): two threads on large frames
    threads = 2 if (n + s) * len(group) >= THREADED_MIN_ENTRIES else 1
    run_threads(column, range(len(group)), threads)
    return {j: buffer[:, i] for i, (_, j) in enumerate(group)}


#: Values (rows x columns) from which the float columns are noised in two threads.
THREADED_MIN_ENTRIES = 1 << 18


def _noisy_column(series: pd.Series, kind: str, jj: int, noisy: _Noise) -> Any:
    """One continuous column (ints, times, nullable, pyarrow): originals, then noisy copies."""
    numbers = _numbers(series, kind)
    values = numbers.values.take(noisy.positions)
    missing = None if numbers.missing is None else numbers.missing.take(noisy.positions)
    for c, matrix in noisy.normal.items():
        rows = noisy.rows_of[int(c)]
        class_values = numbers.values.take(rows).astype(np.float64)
        if numbers.missing is not None:
            class_values = class_values[~numbers.missing.take(rows)]
        scale = noisy.bandwidth[c] * population_std(class_values)
        if scale == 0:
            continue
        part = noisy.part(c)
        step = scale * matrix[:, jj]
        if numbers.integral:
            moved = shift_integers(values[part], step, numbers.low, numbers.high)
            if missing is not None:  # NaT / NA keep their stored value
                moved = np.where(missing[part], values[part], moved)
            values[part] = moved
        else:
            values[part] = values[part] + step
    return _append(series, _tail(series, numbers, values, missing))


def _append(original: pd.Series, tail: Any) -> Any:
    """Return the original values untouched, then ``tail`` (same dtype)."""
    if isinstance(original.dtype, np.dtype):
        return np.concatenate([original.to_numpy(), np.asarray(tail)])
    # extension arrays (nullable, tz-aware, pyarrow: the original chunks are kept as they are)
    return pd.concat(
        [original.reset_index(drop=True), pd.Series(tail, copy=False)], ignore_index=True
    ).array
