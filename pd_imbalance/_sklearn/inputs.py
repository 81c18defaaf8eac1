"""scikit-learn / imbalanced-learn compatible samplers over the same core.

They have ``fit_resample(X, y)``, so they work as steps of ``imblearn.pipeline.Pipeline``:
resampling then happens inside each training fold of ``cross_validate`` and never touches
validation folds. This module imports scikit-learn; ``import pd_imbalance`` does not import it.

``X`` is a DataFrame or a 2-D array-like (sparse matrices and 1-D or 3-D arrays are refused
with a message saying how to fix them); ``y`` is a Series or a 1-D array-like with one label
per row of ``X`` (a one-column DataFrame or a column vector is refused the same way). Types
come back as they went in, each on its own:

* a DataFrame ``X`` gives a DataFrame (columns, dtypes and the caller's own ``attrs`` kept;
  original rows keep their index labels, synthetic rows get labels that collide with none);
* any other ``X`` (lists too) gives a new, writable ndarray of ``X``'s dtype;
* a Series ``y`` gives a Series with ``y``'s dtype (category, Int64, boolean, string,
  pyarrow, ...) and name, indexed like ``X_res`` (or like ``y`` when ``X`` is an array);
* any other ``y`` gives a new, writable ndarray of ``y``'s dtype (``<U3`` stays ``<U3``).

The caller's ``X`` and ``y`` are never modified, and returned arrays never share memory
with them.
"""

from __future__ import annotations

import copy
import numbers
from collections.abc import Hashable, Iterable
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, OneToOneFeatureMixin

from pd_imbalance import _verbs as verbs
from pd_imbalance._pandas.labels import count_classes
from pd_imbalance._verbs.steps import resample_part
from pd_imbalance.errors import InvalidTargetError

__all__ = ["SMOTE", "RandomUnderSampler"]

_TARGET = "__pd_imbalance_target__"

#: ``pandas.api.types.infer_dtype`` kinds of object columns that hold only real numbers
_INTEGER_KINDS = frozenset({"integer"})
_FLOAT_KINDS = frozenset({"floating", "mixed-integer-float", "integer-na"})


class _Input(NamedTuple):
    """Validated input: one frame (features, then the label) with row positions as index."""

    frame: pd.DataFrame
    label: Hashable  # the label column of ``frame``
    x_frame: pd.DataFrame | None  # X, when it is a DataFrame
    x_array: np.ndarray | None  # X as an array, when it is not a DataFrame
    y_series: pd.Series | None  # y, when it is a Series
    y_array: np.ndarray | None  # y as an array, when it is not a Series
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


def _check_y(y: Any, n_rows: int) -> pd.Series | np.ndarray:
    """Return ``y`` itself (a Series) or as a 1-D ndarray with one label per row of X."""
    if isinstance(y, pd.DataFrame):
        hint = (
            "pass its column, e.g. y.iloc[:, 0]"
            if y.shape[1] == 1
            else "multi-output targets are not supported; pass one label column"
        )
        raise ValueError(f"y must be 1-D labels, not a DataFrame of shape {y.shape}; {hint}.")
    if _is_sparse(y):
        raise TypeError(f"sparse y is not supported (got {type(y).__name__}); pass 1-D labels.")
    labels: pd.Series | np.ndarray = y if isinstance(y, pd.Series) else np.asarray(y)
    if labels.ndim != 1:
        if labels.ndim == 2 and labels.shape[1] == 1:
            hint = "; flatten a column vector with y.ravel()"
        elif labels.ndim == 2:
            hint = (
                "; multilabel / one-hot targets are not supported, pass one class per row "
                "(e.g. y.argmax(axis=1))"
            )
        else:
            hint = ""
        raise ValueError(
            f"y must be 1-D with one label per row of X (got shape {labels.shape}){hint}."
        )
    if len(labels) != n_rows:
        raise ValueError(
            f"X has {n_rows} rows but y has {len(labels)} labels; y must have one label per row "
            "of X."
        )
    return labels


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


def _resolve_categorical(
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


def _writable(values: np.ndarray, *sources: np.ndarray | None) -> np.ndarray:
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


def _as_input(X: Any, y: Any, categorical: Any, numbers_from_objects: bool) -> tuple[_Input, Any]:
    """Validate ``X`` and ``y`` and join them in one frame; also resolve ``categorical``."""
    features = _check_X(X)
    labels = _check_y(y, features.shape[0])
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
    forced = _resolve_categorical(categorical, columns, from_array=x_array is not None)
    if x_array is not None:
        frame = _frame_from_array(x_array, numbers_from_objects, set(forced))
    else:
        assert x_frame is not None
        frame = x_frame.reset_index(drop=True)
    y_series = labels if isinstance(labels, pd.Series) else None
    y_array = None if isinstance(labels, pd.Series) else labels
    y_name = labels.name if isinstance(labels, pd.Series) else None
    label = _label_name(y_name, columns)
    # the label goes last, under y's own name (or "y") so that messages name it as the user
    # knows it
    frame[label] = labels.reset_index(drop=True) if isinstance(labels, pd.Series) else labels
    if x_frame is not None:
        index = x_frame.index
    elif y_series is not None:
        index = y_series.index
    else:
        index = pd.RangeIndex(len(frame))
    return _Input(frame, label, x_frame, x_array, y_series, y_array, index), forced


def _split_back(out: pd.DataFrame, data: _Input) -> tuple[Any, Any]:
    """Turn the core's output frame back into ``(X_res, y_res)`` of the input's types."""
    # originals come first, indexed by their row positions; synthetic rows after them, with
    # the labels the index rule chose against the input's own labels
    n_original = min(len(out), len(data.row_labels))
    labels = data.row_labels.take(out.index[:n_original].to_numpy(dtype=np.intp))
    labels = labels.append(out.index[n_original:]).set_names(data.row_labels.names)
    features = out.iloc[:, :-1]
    X_res: Any
    if data.x_frame is not None:
        X_res = features.set_axis(labels, axis=0)
        X_res.attrs = copy.deepcopy(data.x_frame.attrs)  # the caller's own, not our record
    else:
        assert data.x_array is not None
        dtype = data.x_array.dtype
        values = features.to_numpy(dtype=object) if dtype.kind == "O" else features.to_numpy()
        if values.dtype != dtype:  # e.g. "<U3" columns come back from pandas as objects
            values = values.astype(dtype)
        X_res = _writable(values, data.x_array)
    target = out.iloc[:, -1]
    y_res: Any
    if data.y_series is not None:
        y_res = target.set_axis(labels)
        y_res.name = data.y_series.name
        y_res.attrs = copy.deepcopy(data.y_series.attrs)
    else:
        assert data.y_array is not None
        y_values = target.to_numpy()
        if y_values.dtype != data.y_array.dtype:
            y_values = y_values.astype(data.y_array.dtype)
        y_res = _writable(y_values, data.y_array)
    return X_res, y_res


def _changed_counts(y_before: pd.Series, y_after: pd.Series) -> dict[Any, int]:
    """Return the final count of every class whose count changed (any label dtype)."""
    before, after = count_classes(y_before), count_classes(y_after)
    was = dict(zip(before.labels, before.counts.tolist(), strict=True))
    return {
        label: count
        for label, count in zip(after.labels, after.counts.tolist(), strict=True)
        if count != was.get(label)
    }


class _Sampler(OneToOneFeatureMixin, BaseEstimator):  # type: ignore[misc]
    """``fit_resample`` / ``fit`` around one verb of the core (subclasses give ``_resample``)."""

    #: SMOTE interpolates numeric object columns of an array X; copying rows needs no types
    _numbers_from_objects = False

    def _categorical(self) -> Any:
        return "auto"

    def _resample(
        self,
        frame: pd.DataFrame,
        label: Hashable,
        categorical: str | list[Hashable],
        row_labels: pd.Index,
    ) -> pd.DataFrame:
        raise NotImplementedError

    def _set_feature_attributes(self, data: _Input) -> None:
        columns = data.frame.columns[:-1]
        self.n_features_in_ = len(columns)
        if data.x_frame is not None and all(isinstance(c, str) for c in columns):
            self.feature_names_in_ = np.asarray(columns, dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_

    def fit_resample(self, X: Any, y: Any) -> tuple[Any, Any]:
        """Resample ``X`` and ``y``.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
            The features (not sparse).
        y : Series or array-like of shape (n_samples,)
            One class label per row of ``X``.

        Returns
        -------
        X_res : DataFrame or ndarray
            A DataFrame for a DataFrame ``X`` (index labels kept), else an ndarray of ``X``'s
            dtype.
        y_res : Series or ndarray
            A Series with ``y``'s dtype and name for a Series ``y``, else an ndarray of
            ``y``'s dtype.
        """
        data, categorical = _as_input(X, y, self._categorical(), self._numbers_from_objects)
        self._set_feature_attributes(data)
        out = self._resample(data.frame, data.label, categorical, data.row_labels)
        self.sampling_strategy_ = _changed_counts(data.frame[data.label], out[data.label])
        return _split_back(out, data)

    def fit(self, X: Any, y: Any) -> _Sampler:
        """Resample once to set the fitted attributes; return self.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
            The features.
        y : Series or array-like of shape (n_samples,)
            The class labels.

        Returns
        -------
        self
            The fitted sampler.
        """
        self.fit_resample(X, y)
        return self


class RandomUnderSampler(_Sampler):
    """Random under-sampling with ``fit_resample``, for imbalanced-learn pipelines.

    Same semantics as :func:`pd_imbalance.undersample` (exact counts, uniform, rows in their
    original order). Returns a DataFrame for a DataFrame ``X``, a Series for a Series ``y``
    (with ``y``'s dtype and name), else writable arrays of the input's dtype.

    Parameters
    ----------
    sampling_strategy : str, float, dict or callable, default="auto"
        See :func:`pd_imbalance.undersample`.
    random_state : int, numpy Generator, RandomState or None, default=None
        Seed.
    replacement : bool, default=False
        Draw with replacement.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{class: final count}`` of the classes that were reduced.
    sample_indices_ : ndarray of int
        Positions in ``X`` of the rows kept, in the order of ``X_res``.
    n_features_in_ : int
        Number of columns of ``X``.
    feature_names_in_ : ndarray of str
        Column names of ``X``; only set when ``X`` is a DataFrame whose column names are
        all strings.

    Examples
    --------
    >>> import numpy as np
    >>> X, y = np.arange(20.0).reshape(10, 2), np.array([0] * 8 + [1] * 2)
    >>> sampler = RandomUnderSampler(random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> np.bincount(y_res).tolist(), bool((X_res == X[sampler.sample_indices_]).all())
    ([2, 2], True)
    """

    def __init__(
        self, sampling_strategy: Any = "auto", random_state: Any = None, replacement: bool = False
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.replacement = replacement

    def _resample(
        self,
        frame: pd.DataFrame,
        label: Hashable,
        categorical: str | list[Hashable],
        row_labels: pd.Index,
    ) -> pd.DataFrame:
        out = verbs.undersample(
            frame,
            label,
            sampling_strategy=self.sampling_strategy,
            random_state=self.random_state,
            replacement=self.replacement,
        )
        # the frame's index is row positions
        self.sample_indices_ = _writable(np.asarray(out.index, dtype=np.intp))
        return out


class SMOTE(_Sampler):
    """SMOTE / SMOTE-NC with ``fit_resample``, for imbalanced-learn pipelines.

    Same semantics as :func:`pd_imbalance.smote`: originals first and unchanged, synthetic
    rows after, mixed column types handled. Returns a DataFrame for a DataFrame ``X``
    (synthetic rows get index labels that collide with none of ``X``'s), a Series for a
    Series ``y`` (with ``y``'s dtype and name), else writable arrays of the input's dtype.

    Which columns are categorical: on a DataFrame, those the dtypes say (bool, category,
    str, object; see :func:`pd_imbalance.smote`) plus the ones ``categorical`` lists. On an
    object array (e.g. ``np.array([[1.5, "a"], [2.0, "b"]], dtype=object)``, the usual
    SMOTE-NC input of imbalanced-learn), a column whose values are all real numbers (not
    bools) is interpolated as numbers unless ``categorical`` lists it; the other columns
    are categorical. ``X_res`` is then an object array again.

    Parameters
    ----------
    sampling_strategy : str, float, dict or callable, default="auto"
        See :func:`pd_imbalance.smote`.
    random_state : int, numpy Generator, RandomState or None, default=None
        Seed.
    k_neighbors : int, default=5
        Neighbours per row.
    categorical : "auto", list-like of columns or boolean mask, default="auto"
        Columns to treat as categorical besides the automatic ones (e.g. integer codes):
        like imbalanced-learn's ``categorical_features``, a boolean mask with one entry
        per column, or column names, or integer positions, as a list, tuple, ndarray or
        any other iterable (``dict.keys()``). Integers are positions, except on a DataFrame
        whose column labels are integers, where they are those labels. Columns the dtypes
        make categorical stay categorical whatever the mask says (text cannot be
        interpolated).

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{class: final count}`` of the classes that were grown.
    n_features_in_ : int
        Number of columns of ``X``.
    feature_names_in_ : ndarray of str
        Column names of ``X``; only set when ``X`` is a DataFrame whose column names are
        all strings.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.arange(24.0).reshape(12, 2)
    >>> y = np.array([0] * 8 + [1] * 4)
    >>> X_res, y_res = SMOTE(k_neighbors=2, random_state=0).fit_resample(X, y)
    >>> np.bincount(y_res).tolist(), bool((X_res[:12] == X).all())
    ([8, 8], True)

    Mixed numbers and categories in one object array, with the category column given by a
    boolean mask:

    >>> X = np.array([[float(i), "ab"[i % 2]] for i in range(12)], dtype=object)
    >>> X_res, y_res = SMOTE(k_neighbors=2, random_state=0,
    ...                      categorical=[False, True]).fit_resample(X, y)
    >>> X_res.dtype, sorted(set(X_res[:, 1])), bool(X_res[12:, 0].astype(float).min() >= 8)
    (dtype('O'), ['a', 'b'], True)
    """

    _numbers_from_objects = True

    def __init__(
        self,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: int = 5,
        categorical: Any = "auto",
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.categorical = categorical

    def _categorical(self) -> Any:
        return self.categorical

    def _resample(
        self,
        frame: pd.DataFrame,
        label: Hashable,
        categorical: str | list[Hashable],
        row_labels: pd.Index,
    ) -> pd.DataFrame:
        options = {
            "k_neighbors": self.k_neighbors,
            "sampling_strategy": self.sampling_strategy,
            "categorical": categorical,
        }
        return resample_part(frame, label, "smote", self.random_state, options, row_labels)
