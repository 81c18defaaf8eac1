"""scikit-learn / imbalanced-learn compatible samplers over the same core.

They have ``fit_resample(X, y)``, so they work as steps of ``imblearn.pipeline.Pipeline``:
resampling then happens inside each training fold of ``cross_validate`` and never touches
validation folds. This module imports scikit-learn; ``import pd_imbalance`` does not import it.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from pd_imbalance import _verbs as api
from pd_imbalance._pandas.index_rule import SyntheticIndex

__all__ = ["SMOTE", "RandomUnderSampler"]

_TARGET = "__pd_imbalance_target__"


def _label_name(y_name: Hashable, columns: pd.Index) -> Hashable:
    """Return y's own name, else "y", else a reserved name: whichever X does not use."""
    for name in (y_name, "y", _TARGET):
        if isinstance(name, str) and name not in columns:
            return name
    raise ValueError(f"X may not have columns named both 'y' and {_TARGET!r}.")


def _as_frame(X: Any, y: Any) -> tuple[pd.DataFrame, bool, pd.Index, Hashable]:
    """Join X and y into one frame with a RangeIndex (row positions), the label last."""
    is_frame = isinstance(X, pd.DataFrame)
    features = X if is_frame else pd.DataFrame(np.asarray(X))
    if features.ndim != 2:
        raise ValueError(f"X must be 2-dimensional; got shape {np.shape(X)}.")
    labels = np.asarray(y.to_numpy() if isinstance(y, pd.Series) else y)
    if labels.ndim != 1 or len(labels) != len(features):
        raise ValueError(
            f"y must be 1-dimensional with one label per row of X ({len(features)} rows); "
            f"got shape {labels.shape}."
        )
    y_name = y.name if isinstance(y, pd.Series) else None
    frame = features.reset_index(drop=True)
    # the label goes last, under y's own name (or "y") so that messages name it as the user
    # knows it
    frame[_label_name(y_name, features.columns)] = (
        y.reset_index(drop=True) if isinstance(y, pd.Series) else labels
    )
    return frame, is_frame, features.index, y_name


def _split_back(
    out: pd.DataFrame, is_frame: bool, index: pd.Index, y_name: Hashable
) -> tuple[Any, Any]:
    n = len(index)
    positions = out.index.to_numpy()
    original = positions < n
    labels = index.take(positions[original])
    if not original.all():  # synthetic rows: labels that collide with none of X's
        n_new = int((~original).sum())
        labels = labels.append(SyntheticIndex.avoiding(index, n_new).labels(n_new))
    X_res = out.iloc[:, :-1]
    y_res = out.iloc[:, -1]
    if not is_frame:
        return X_res.to_numpy(), y_res.to_numpy()
    X_res.index = labels
    return X_res, pd.Series(y_res.to_numpy(), index=labels, name=y_name)


def _changed_counts(y_before: pd.Series, y_after: pd.Series) -> dict[Any, int]:
    before = y_before.value_counts()
    after = y_after.value_counts()
    return {label: int(after[label]) for label in after.index if after[label] != before[label]}


class _Sampler(BaseEstimator):  # type: ignore[misc]
    """``fit_resample`` / ``fit`` around one verb of the core (subclasses give ``_resample``)."""

    def _resample(self, frame: pd.DataFrame, label: Hashable) -> pd.DataFrame:
        raise NotImplementedError

    def fit_resample(self, X: Any, y: Any) -> tuple[Any, Any]:
        """Return ``(X_res, y_res)``: frames for frames (index kept), arrays for arrays."""
        frame, is_frame, index, y_name = _as_frame(X, y)
        label = frame.columns[-1]
        out = self._resample(frame, label)
        self.sampling_strategy_ = _changed_counts(frame[label], out[label])
        return _split_back(out, is_frame, index, y_name)

    def fit(self, X: Any, y: Any) -> _Sampler:
        """Resample once to set the fitted attributes; return self."""
        self.fit_resample(X, y)
        return self


class RandomUnderSampler(_Sampler):
    """Random under-sampling with ``fit_resample``, for imbalanced-learn pipelines.

    Same semantics as :func:`pd_imbalance.undersample` (exact counts, uniform, rows in their
    original order). Returns DataFrame/Series for DataFrame input, arrays for arrays.

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
        Positions in ``X`` of the rows kept.

    Examples
    --------
    >>> import numpy as np
    >>> X, y = np.arange(20.0).reshape(10, 2), np.array([0] * 8 + [1] * 2)
    >>> X_res, y_res = RandomUnderSampler(random_state=0).fit_resample(X, y)
    >>> np.bincount(y_res).tolist()
    [2, 2]
    """

    def __init__(
        self, sampling_strategy: Any = "auto", random_state: Any = None, replacement: bool = False
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.replacement = replacement

    def _resample(self, frame: pd.DataFrame, label: Hashable) -> pd.DataFrame:
        out = api.undersample(
            frame,
            label,
            sampling_strategy=self.sampling_strategy,
            random_state=self.random_state,
            replacement=self.replacement,
        )
        self.sample_indices_ = out.index.to_numpy()  # the frame's index is row positions
        return out


class SMOTE(_Sampler):
    """SMOTE / SMOTE-NC with ``fit_resample``, for imbalanced-learn pipelines.

    Same semantics as :func:`pd_imbalance.smote`: originals first and unchanged, synthetic
    rows after, mixed column types handled. Returns DataFrame/Series for DataFrame input
    (synthetic rows get index labels that collide with none of ``X``'s), arrays for arrays.

    Parameters
    ----------
    sampling_strategy : str, float, dict or callable, default="auto"
        See :func:`pd_imbalance.smote`.
    random_state : int, numpy Generator, RandomState or None, default=None
        Seed.
    k_neighbors : int, default=5
        Neighbours per row.
    categorical : "auto" or list, default="auto"
        Extra categorical columns (see :func:`pd_imbalance.smote`).

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{class: final count}`` of the classes that were grown.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.arange(24.0).reshape(12, 2)
    >>> y = np.array([0] * 8 + [1] * 4)
    >>> X_res, y_res = SMOTE(k_neighbors=2, random_state=0).fit_resample(X, y)
    >>> np.bincount(y_res).tolist(), bool((X_res[:12] == X).all())
    ([8, 8], True)
    """

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

    def _resample(self, frame: pd.DataFrame, label: Hashable) -> pd.DataFrame:
        out: pd.DataFrame = api.smote(
            frame,
            label,
            k_neighbors=self.k_neighbors,
            sampling_strategy=self.sampling_strategy,
            random_state=self.random_state,
            categorical=self.categorical,
        )
        return out
