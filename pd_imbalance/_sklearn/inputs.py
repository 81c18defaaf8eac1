"""The samplers' input conversion: ``X`` and ``y`` in, one frame to the verbs, types back.

``X`` is a DataFrame or a 2-D array-like (sparse matrices and 1-D or 3-D arrays are refused
with a message saying how to fix them); ``y`` is a Series, a one-column DataFrame, a 1-D
array-like, a column vector or a one-hot matrix (as imbalanced-learn accepts them). Each
comes back in its own type: see the :mod:`pd_imbalance.sklearn` docstring.
"""

from __future__ import annotations

import copy
import numbers
from collections.abc import Hashable, Iterable
from typing import Any, Literal, NamedTuple

import numpy as np
import pandas as pd

from pd_imbalance._pandas.index_rule import SyntheticIndex
from pd_imbalance.errors import InvalidTargetError

__all__ = ["Input", "as_input", "resolve_categorical", "split_back", "writable"]

_TARGET = "__pd_imbalance_target__"

#: ``pandas.api.types.infer_dtype`` kinds of object columns that hold only real numbers
_INTEGER_KINDS = frozenset({"integer"})
_FLOAT_KINDS = frozenset({"floating", "mixed-integer-float", "integer-na"})

#: How ``y`` came in, hence how ``y_res`` goes out.
YKind = Literal["series", "frame", "array", "list", "onehot"]


class Target(NamedTuple):
    """``y`` as one label per row, and what is needed to give it back in its own type."""

    labels: pd.Series | np.ndarray  # 1-D
    kind: YKind
    source: Any  # the caller's y (a Series, a DataFrame or an ndarray)


class Input(NamedTuple):
    """Validated input: one frame (features, then the label) with row positions as index."""

    frame: pd.DataFrame
    label: Hashable  # the label column of ``frame``
    x_frame: pd.DataFrame | None  # X, when it is a DataFrame
    x_array: np.ndarray | None  # X as an array, when it is not a DataFrame
    x_list: bool  # X was a list: X_res is a list too
    x_sparse: tuple[tuple[int, Any], ...]  # (position, dtype) of X's SparseDtype columns
    y: Target
    row_labels: pd.Index  # the index labels of the rows (X's, else y's, else positions)


def _is_sparse(obj: Any) -> bool:
    """Return whether ``obj`` is a scipy sparse matrix or array (without importing scipy)."""
    module = type(obj).__module__
    return module.startswith("scipy.sparse") and hasattr(obj, "toarray")


def _check_X(X: Any) -> pd.DataFrame | np.ndarray:
    """Return ``X`` itself (a DataFrame) or as a 2-D ndarray; refuse anything else clearly."""
    if isinstance(X, pd.DataFrame):
        return X
    if _is_sparse(X):
        raise TypeError(
            f"sparse X is not supported (got {type(X).__name__}); densify it with X.toarray() "
            "or pass a DataFrame."
        )
    if isinstance(X, pd.Series):
        raise ValueError(
            f"X must be a 2-D array or DataFrame (got a Series of shape {X.shape}); "
            "for a single feature pass X.to_frame()."
        )
    try:
        array = np.asarray(X)
    except ValueError as error:  # ragged rows
        raise ValueError(
            f"X must be a 2-D array or DataFrame; its rows could not be stacked ({error})."
        ) from None
    if array.ndim != 2:
        hint = (
            "; reshape it with X.reshape(-1, 1) if it is a single feature"
            if array.ndim == 1
            else ""
        )
        raise ValueError(f"X must be a 2-D array or DataFrame (got shape {array.shape}){hint}.")
    return array


def _check_y_matrix(labels: np.ndarray, is_list: bool) -> Target:
    """Return the target of a 2-D ``y``: a column vector or a one-hot matrix."""
    if labels.shape[1] == 1:  # a column vector: one label per row, given back 1-D
        return Target(labels[:, 0], "list" if is_list else "array", labels)
    binary = labels.dtype.kind in "biuf" and bool(np.isin(labels, (0, 1)).all())
    if not binary:
        raise ValueError(
            f"y must be 1-D with one label per row of X (got shape {labels.shape}); "
            "multi-output targets are not supported, pass one label column."
        )
    ones = labels.sum(axis=1)
    if (ones != 1).any():
        raise ValueError(
            f"y is a 0/1 matrix of shape {labels.shape} whose rows do not each hold exactly "
            f"one 1 (row {int(np.flatnonzero(ones != 1)[0])} has {ones[ones != 1][0]:g}): "
            "multilabel and multioutput targets are not supported; pass one class per row "
            "(a label vector, or a one-hot matrix)."
        )
    return Target(labels.argmax(axis=1), "onehot", labels)


def _check_y(y: Any, n_rows: int) -> Target:
    """Return ``y`` as one label per row of X, with what is needed to give it back."""
    target: Target
    if isinstance(y, pd.DataFrame):
        if y.shape[1] != 1:
            raise ValueError(
                f"y must be one label column; got a DataFrame with {y.shape[1]} columns "
                f"(multi-output targets are not supported; pass one of them, e.g. "
                f"y[{y.columns[0]!r}])."
            )
        target = Target(y.iloc[:, 0], "frame", y)
    elif _is_sparse(y):
        raise TypeError(f"sparse y is not supported (got {type(y).__name__}); pass 1-D labels.")
    elif isinstance(y, pd.Series):
        target = Target(y, "series", y)
    else:
        labels = np.asarray(y)
        is_list = isinstance(y, list)
        if labels.ndim == 2:
            target = _check_y_matrix(labels, is_list)
        elif labels.ndim != 1:
            raise ValueError(
                f"y must be 1-D with one label per row of X (got shape {labels.shape})."
            )
        else:
            target = Target(labels, "list" if is_list else "array", labels)
    if len(target.labels) != n_rows:
        raise ValueError(
            f"X has {n_rows} rows but y has {len(target.labels)} labels; y must have one "
            "label per row of X."
        )
    return target


def _label_name(y_name: Hashable, columns: pd.Index) -> Hashable:
    """Return y's own name, else "y", else a reserved name: whichever X does not use."""
    for name in (y_name, "y", _TARGET):
        if isinstance(name, str) and name not in columns:
            return name
    raise ValueError(f"X may not have columns named both 'y' and {_TARGET!r}.")


def _contains(columns: pd.Index, entry: Any) -> bool:
    try:
        return bool(entry in columns)
    except TypeError:  # unhashable
        return False


def resolve_categorical(
    categorical: Any, columns: pd.Index, from_array: bool
) -> str | list[Hashable]:
    """Turn ``categorical`` (names, positions or a boolean mask) into column labels of X.

    Integers are positions, except on a DataFrame whose column labels are integers, where
    they are those labels (on an array the two coincide).
    """
    if isinstance(categorical, str):
        if categorical == "auto":
            return "auto"
        raise ValueError(
            "categorical must be 'auto', a list of columns (names or positions) or a boolean "
            f"mask; got the string {categorical!r} (for one column write [{categorical!r}])."
        )
    if isinstance(categorical, np.ndarray) and categorical.ndim != 1:
        raise ValueError(
            f"categorical must be 1-D (a list of columns or a boolean mask); got an array of "
            f"shape {categorical.shape}."
        )
    if not isinstance(categorical, Iterable) or isinstance(categorical, bytes | dict):
        raise TypeError(
            "categorical must be 'auto', a list of columns (names or positions) or a boolean "
            f"mask; got {type(categorical).__name__} (for one column write [{categorical!r}])."
        )
    entries = list(categorical)
    n = len(columns)
    flags = [isinstance(entry, bool | np.bool_) for entry in entries]
    if entries and all(flags):
        if len(entries) != n:
            raise ValueError(
                "categorical as a boolean mask needs one entry per column of X: got "
                f"{len(entries)} entries for {n} columns."
            )
        return [columns[j] for j, flag in enumerate(entries) if flag]
    if any(flags):
        raise ValueError(
            "categorical mixes booleans with other entries; give either a boolean mask (one "
            "entry per column of X) or a list of column names or positions."
        )
    positional = all(isinstance(e, numbers.Integral) for e in entries)
    if positional and (from_array or not pd.api.types.is_integer_dtype(columns)):
        outside = [entry for entry in entries if not 0 <= entry < n]
        if outside:
            raise ValueError(
                f"categorical positions {outside!r} are out of range: X has {n} columns "
                f"(positions 0 to {n - 1})."
            )
        return list(dict.fromkeys(columns[int(entry)] for entry in entries))
    if from_array:
        raise ValueError(
            f"categorical names columns {entries!r}, but X is an array without column names; "
            f"give positions (0 to {n - 1}) or a boolean mask."
        )
    missing = [entry for entry in entries if not _contains(columns, entry)]
    if missing:
        hint = (
            " (X's column labels are integers, so integers are read as labels, not positions)"
            if positional
            else ""
        )
        raise ValueError(
            f"categorical names {missing!r}, which are not columns of X{hint}; columns: "
            f"{list(columns)!r}."
        )
    return list(dict.fromkeys(entries))


def _as_numbers(column: np.ndarray) -> np.ndarray | None:
    """Return an object column of real numbers (not bools) as int64 / float64, else None."""
    kind = pd.api.types.infer_dtype(column, skipna=False)
    if kind in _INTEGER_KINDS:
        try:
            return column.astype(np.int64)
        except OverflowError:  # Python ints beyond int64
            return column.astype(np.float64)
    if kind in _FLOAT_KINDS or (
        kind == "mixed"
        and all(isinstance(v, numbers.Real) and not isinstance(v, bool | np.bool_) for v in column)
    ):
        return column.astype(np.float64)
    return None


def _frame_from_array(
    array: np.ndarray, numbers_from_objects: bool, keep: set[Any]
) -> pd.DataFrame:
    """Wrap a 2-D array in a frame without copying it.

    With ``numbers_from_objects``, the object columns that hold only real numbers (and are not
    in ``keep``, the columns the caller declared categorical) become int64 / float64 columns,
    so that SMOTE interpolates them instead of treating them as categories.
    """
    if array.dtype.kind == "O" and numbers_from_objects:
        converted = {j: _as_numbers(array[:, j]) for j in range(array.shape[1]) if j not in keep}
        if any(column is not None for column in converted.values()):
            columns = {
                j: array[:, j] if converted.get(j) is None else converted[j]
                for j in range(array.shape[1])
            }
            return pd.DataFrame(columns, copy=False)
    return pd.DataFrame(array, copy=False)


def writable(values: np.ndarray, *sources: np.ndarray | None) -> np.ndarray:
    """Return ``values`` writable and sharing no memory with ``sources`` (copy only if needed).

    A frame built by the core owns its memory, but pandas (with copy-on-write) hands out
    read-only views of it: flipping the flag avoids a full copy. Only if ``values`` might
    share memory with the caller's arrays (a resampling that kept every row) is it copied.
    """
    if any(s is not None and np.may_share_memory(values, s) for s in sources):
        return values.copy()
    if not values.flags.writeable:
        try:
            values.flags.writeable = True
        except ValueError:  # memory that numpy may not write to (e.g. an Arrow buffer)
            return values.copy()
    return values


def _dense_columns(frame: pd.DataFrame) -> tuple[pd.DataFrame, tuple[tuple[int, Any], ...]]:
    """Return ``frame`` with its SparseDtype columns made dense, and their (position, dtype)."""
    sparse = tuple(
        (j, dtype) for j, dtype in enumerate(frame.dtypes) if isinstance(dtype, pd.SparseDtype)
    )
    if not sparse:
        return frame, sparse
    positions = {j for j, _ in sparse}
    columns = {
        j: frame.iloc[:, j].sparse.to_dense() if j in positions else frame.iloc[:, j]  # type: ignore[attr-defined]
        for j in range(frame.shape[1])
    }
    return pd.DataFrame(columns, copy=False).set_axis(frame.columns, axis=1), sparse


def as_input(X: Any, y: Any, categorical: Any, numbers_from_objects: bool) -> tuple[Input, Any]:
    """Validate ``X`` and ``y`` and join them in one frame; also resolve ``categorical``."""
    features = _check_X(X)
    target = _check_y(y, features.shape[0])
    x_frame = features if isinstance(features, pd.DataFrame) else None
    x_array = None if isinstance(features, pd.DataFrame) else features
    columns = x_frame.columns if x_frame is not None else pd.RangeIndex(features.shape[1])
    if features.shape[0] == 0:  # a label check: the same error as the core's for no rows
        raise InvalidTargetError(
            f"X and y have no rows (X has shape {features.shape}): there are no classes to "
            "resample."
        )
    if features.shape[1] == 0:
        raise ValueError(f"X has no feature columns (shape {features.shape}).")
    forced = resolve_categorical(categorical, columns, from_array=x_array is not None)
    x_sparse: tuple[tuple[int, Any], ...] = ()
    if x_array is not None:
        frame = _frame_from_array(x_array, numbers_from_objects, set(forced))
    else:
        assert x_frame is not None
        frame, x_sparse = _dense_columns(x_frame.reset_index(drop=True))  # a new frame
    labels = target.labels
    y_name = labels.name if isinstance(labels, pd.Series) else None
    label = _label_name(y_name, columns)
    # the label goes last, under y's own name (or "y") so that messages name it as the user
    # knows it
    frame[label] = labels.reset_index(drop=True) if isinstance(labels, pd.Series) else labels
    if x_frame is not None:
        index = x_frame.index
    elif isinstance(labels, pd.Series):
        index = labels.index
    else:
        index = pd.RangeIndex(len(frame))
    is_list = isinstance(X, list)
    return Input(frame, label, x_frame, x_array, is_list, x_sparse, target, index), forced


def _row_labels(positions: np.ndarray, n: int, row_labels: pd.Index) -> pd.Index:
    """Return the index labels of the output rows (``positions`` >= ``n`` are synthetic).

    Original rows keep their labels in the input; synthetic rows get labels that collide
    with none of the input's (the one index rule).
    """
    synthetic = positions >= n
    originals = row_labels.take(positions[~synthetic])
    n_new = int(synthetic.sum())
    if n_new == 0:
        return originals
    new = SyntheticIndex.avoiding(row_labels, n_new).labels(n_new)
    if not synthetic[: len(originals)].any():  # originals first, as the verbs return them
        return originals.append(new).set_names(row_labels.names)
    values = np.empty(len(positions), dtype=object)
    values[~synthetic] = originals.to_numpy(dtype=object)
    values[synthetic] = new.to_numpy(dtype=object)
    return pd.Index(values, name=row_labels.name)


def _target_back(target: pd.Series, y: Target, labels: pd.Index) -> Any:
    """Return the resampled labels in the type ``y`` came in."""
    source = y.source
    if y.kind in ("series", "frame"):
        series = target.set_axis(labels)
        series.name = y.labels.name if isinstance(y.labels, pd.Series) else None
        y_res = series.to_frame(name=source.columns[0]) if y.kind == "frame" else series
        y_res.attrs = copy.deepcopy(source.attrs)
        return y_res
    if y.kind == "onehot":
        return np.eye(source.shape[1], dtype=source.dtype)[target.to_numpy(dtype=np.intp)]
    values = target.to_numpy()
    if values.dtype != source.dtype:
        values = values.astype(source.dtype)
    values = writable(values, source)
    return values.tolist() if y.kind == "list" else values


def split_back(out: pd.DataFrame, data: Input) -> tuple[Any, Any]:
    """Turn the verbs' output frame back into ``(X_res, y_res)`` of the input's types.

    ``out`` is indexed by row positions in the input; rows at positions past its end are
    synthetic (the verbs give them the labels after a RangeIndex).
    """
    positions = out.index.to_numpy()
    labels = _row_labels(positions, len(data.frame), data.row_labels)
    features = out.iloc[:, :-1]
    X_res: Any
    if data.x_frame is not None:
        X_res = features.set_axis(labels, axis=0)
        if data.x_sparse:
            sparse = dict(data.x_sparse)
            X_res = pd.DataFrame(
                {
                    j: X_res.iloc[:, j].astype(sparse[j]) if j in sparse else X_res.iloc[:, j]
                    for j in range(X_res.shape[1])
                },
                copy=False,
            ).set_axis(data.x_frame.columns, axis=1)
        X_res.attrs = copy.deepcopy(data.x_frame.attrs)  # the caller's own, not our record
    else:
        assert data.x_array is not None
        dtype = data.x_array.dtype
        values = features.to_numpy(dtype=object) if dtype.kind == "O" else features.to_numpy()
        if values.dtype != dtype:  # e.g. "<U3" columns come back from pandas as objects
            values = values.astype(dtype)
        X_res = writable(values, data.x_array)
        if data.x_list:
            X_res = X_res.tolist()
    return X_res, _target_back(out.iloc[:, -1], data.y, labels)
