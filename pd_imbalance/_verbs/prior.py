"""Prior correction: scores of a model trained on resampled rows, at the original prevalence.

Resampling changes the class shares a model learns from, and with them its probabilities:
a model trained on a 50/50 undersample predicts the minority class about as often as the
majority, however rare it is in the real data (van den Goorbergh et al., JAMIA 2022). The
class-conditional densities are the same in both, so Bayes' rule moves the probabilities
back exactly (Elkan 2001); the numbers are in :mod:`pd_imbalance._core.prior`.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from pd_imbalance._core.prior import (
    PROBABILITY_TOLERANCE,
    correct_binary,
    correct_columns,
    prior_ratios,
)
from pd_imbalance._pandas.checks import sample_text
from pd_imbalance._pandas.prior_inputs import (
    Prior,
    aligned_shares,
    labelled_shares,
    numeric_probabilities,
    prior_sources,
    same_class,
)

__all__ = ["correct_prior", "probability_matrix"]


def correct_prior(
    scores: Any,
    *,
    trained_on: pd.DataFrame | None = None,
    prior_from: Prior | None = None,
    prior_to: Prior | None = None,
    pos_label: Any = None,
) -> Any:
    """Move a model's probabilities from the class shares it was trained on to the real ones.

    A model trained on resampled rows (say 50/50 after undersampling) overestimates the
    minority class: its scores are probabilities at the training shares, not at the
    shares where it is used. Bayes' rule corrects them exactly when only the shares changed
    (Elkan 2001; Dal Pozzolo et al. 2015): with ``r_j = prior_to[j] / prior_from[j]``,
    a positive-class probability ``p`` becomes ``p r1 / (p r1 + (1 - p) r0)``, and for
    several classes each probability is multiplied by its ``r_j`` and the row renormalised.
    Rankings (ROC AUC, average precision) do not change; calibration does. This function
    does not mutate its inputs.

    Parameters
    ----------
    scores : 1-D or 2-D array-like, pandas.Series or pandas.DataFrame
        Probabilities from the model: a 1-D array or Series of positive-class
        probabilities (``predict_proba(X)[:, 1]``), a 2-D array of ``predict_proba`` (one
        column per class, in the sorted class order scikit-learn's ``classes_`` uses), or
        a DataFrame whose columns are the class labels.
    trained_on : pandas.DataFrame, optional
        The frame the model was trained on, as a pd_imbalance resampler returned it (the
        result of :func:`undersample`, :func:`oversample`, :func:`smote`, :func:`clean`,
        :func:`resample`, or the ``train`` part of :func:`split_then_resample` /
        :func:`cv_splits`). Its ``attrs["pd_imbalance"]`` hold the class counts before and
        after resampling: ``prior_from`` is the shares after, ``prior_to`` the shares
        before. Give either ``trained_on`` (optionally with ``prior_to``, to aim at another
        prevalence) or ``prior_from`` and ``prior_to``.
    prior_from, prior_to : dict, pandas.Series or array-like, optional
        The class shares the model was trained on and the ones to correct to: ``{class:
        share}`` (a Series indexed by class too), or an array of shares in the order of the
        score columns (for 1-D scores: negative class, then positive). Each share is > 0 and
        the shares add up to 1 within 1e-6.
    pos_label : object, optional
        For 1-D scores with class-labelled priors: the class the scores are for. Default:
        1 (True) when the classes are 0/1 (False/True), else the class with the smaller
        ``prior_to`` share.

    Returns
    -------
    numpy.ndarray, pandas.Series or pandas.DataFrame
        The corrected probabilities in the type and shape of ``scores``: a Series keeps its
        index and name, a DataFrame its index and columns; float dtypes are kept (other
        dtypes become float64). A list gives an ndarray.

    Raises
    ------
    ValueError
        No priors, both ``trained_on`` and ``prior_from``, a ``trained_on`` frame without the
        resampling counts, priors that do not add up to 1, lack a class or have a share
        <= 0, scores outside [0, 1] or rows of probabilities that do not add up to 1,
        scores of the wrong shape (2-D with one column, 3-D, no rows, a number of columns
        the priors do not match).
    TypeError
        Scores or priors of an unsupported type, or non-numeric scores.

    See Also
    --------
    undersample, smote, resample : They record the class counts ``trained_on`` reads.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> pdi.correct_prior(np.array([0.5, 0.9]), prior_from={0: 0.5, 1: 0.5},
    ...                   prior_to={0: 0.9, 1: 0.1}).round(4)
    array([0.1, 0.5])

    With the frame the model was trained on (its class counts are in its ``attrs``):

    >>> df = pd.DataFrame({"x": np.arange(100.0), "y": [0] * 90 + [1] * 10})
    >>> train = pdi.undersample(df, "y", random_state=0)
    >>> train.attrs["pd_imbalance"]["counts_before"], train.attrs["pd_imbalance"]["counts_after"]
    ({0: 90, 1: 10}, {0: 10, 1: 10})
    >>> proba = pd.DataFrame({0: [0.5, 0.2], 1: [0.5, 0.8]})
    >>> pdi.correct_prior(proba, trained_on=train).round(4)
            0       1
    0  0.9000  0.1000
    1  0.6923  0.3077
    """
    source_from, source_to = prior_sources(trained_on, prior_from, prior_to)
    if isinstance(scores, pd.DataFrame):
        return _correct_frame(scores, source_from, source_to)
    if isinstance(scores, pd.Series):
        values = numeric_probabilities(scores.to_numpy(dtype=np.float64, na_value=np.nan), "scores")
        out = _correct_1d(values, source_from, source_to, pos_label)
        return pd.Series(out, index=scores.index, name=scores.name).astype(_float_dtype(scores))
    if isinstance(scores, str | bytes | Mapping) or not hasattr(scores, "__len__"):
        raise TypeError(
            "scores must be an array, a Series or a DataFrame of probabilities; got "
            f"{type(scores).__name__}."
        )
    array = np.asarray(scores)
    dtype = array.dtype if np.issubdtype(array.dtype, np.floating) else np.dtype(np.float64)
    values = numeric_probabilities(array, "scores")
    if values.ndim == 1:
        return _correct_1d(values, source_from, source_to, pos_label).astype(dtype)
    if values.ndim != 2 or values.shape[1] < 2:
        raise ValueError(
            f"scores must be 1-D (positive-class probabilities) or 2-D with one column per "
            f"class (predict_proba); got an array of shape {values.shape}."
        )
    _check_rows(values, "scores")
    order = _array_order(values.shape[1], source_from, source_to)
    ratios = _ratios(order, source_from, source_to)
    return correct_columns(np.clip(values, 0.0, 1.0), ratios).astype(dtype)


# -- the class order of the scores ------------------------------------------------------------


def _ratios(
    order: list[Any], source_from: Prior, source_to: Prior, what: str = "columns"
) -> np.ndarray:
    return prior_ratios(
        aligned_shares(source_from, "prior_from", order, what),
        aligned_shares(source_to, "prior_to", order, what),
    )


def _array_order(n_columns: int, *priors: Prior) -> list[Any]:
    """Return the classes of a 2-D score array: the priors' labels, sorted, or positions."""
    for prior in priors:
        labelled = labelled_shares(prior)
        if labelled is not None:
            try:
                order = sorted(labelled)
            except TypeError:
                raise TypeError(
                    "the priors' classes cannot be sorted to match the columns of a score "
                    "array; pass the scores as a DataFrame with class-labelled columns, or "
                    "the priors as arrays in column order."
                ) from None
            if len(order) != n_columns:
                raise ValueError(
                    f"the scores have {n_columns} columns but the priors have "
                    f"{len(order)} classes ({sample_text(order)}); give one column of "
                    "probabilities per class."
                )
            return order
    return list(range(n_columns))


def _binary_order(source_from: Prior, source_to: Prior, pos_label: object) -> list[Any]:
    """Return ``[negative, positive]`` for 1-D scores."""
    labelled: dict[Any, float] | None = None
    for prior in (source_from, source_to):  # every class either prior names
        more = labelled_shares(prior)
        if more is not None:
            labelled = dict(more) if labelled is None else labelled
            for key, value in more.items():
                if not any(same_class(key, k) for k in labelled):
                    labelled[key] = value
    if labelled is None:
        if pos_label is not None:
            raise ValueError(
                "pos_label names a class, but the priors are plain arrays (negative share, "
                "then positive); pass them as {class: share} to use pos_label."
            )
        return [0, 1]
    labels = list(labelled)
    if len(labels) != 2:
        raise ValueError(
            f"1-D scores are one class's probabilities of a binary model, but the priors "
            f"have {len(labels)} classes ({sample_text(labels)}); pass the whole "
            "predict_proba matrix (one column per class) instead."
        )
    if pos_label is not None:
        if not any(same_class(pos_label, label) for label in labels):
            raise ValueError(
                f"pos_label={pos_label!r} is not a class of the priors ({sample_text(labels)})."
            )
        pos = next(label for label in labels if same_class(pos_label, label))
    elif {_key(label) for label in labels} == {0, 1}:
        pos = next(label for label in labels if _key(label) == 1)
    else:
        to = labelled_shares(source_to) or labelled
        shares = [to.get(label, np.nan) for label in labels]  # a lacking class fails later
        if shares[0] == shares[1]:
            raise ValueError(
                f"the classes {sample_text(labels)} are not 0/1 and equally frequent, so "
                "there is no default positive class; pass pos_label= naming the class the "
                "scores are for."
            )
        pos = labels[int(np.argmin(np.asarray(shares, dtype=np.float64)))]
    neg = next(label for label in labels if label is not pos)
    return [neg, pos]


def _key(label: object) -> object:
    """Return 0 or 1 for the labels 0/1, False/True (0.0/1.0 too), else the label."""
    if isinstance(label, numbers.Real) and float(label) in (0.0, 1.0):
        return int(float(label))
    return label


# -- scores ----------------------------------------------------------------------------------


def _check_rows(values: np.ndarray, name: str) -> None:
    sums = values.sum(axis=1)
    off = np.abs(sums - 1.0) > PROBABILITY_TOLERANCE * values.shape[1]
    if off.any():
        row = int(np.flatnonzero(off)[0])
        raise ValueError(
            f"each row of {name} must be probabilities adding up to 1 (one column per class); "
            f"{int(off.sum())} row(s) do not, e.g. row {row} adds up to {sums[row]:.6g}. Pass "
            "every column of predict_proba."
        )


def _correct_1d(
    values: np.ndarray, source_from: Prior, source_to: Prior, pos_label: object
) -> np.ndarray:
    order = _binary_order(source_from, source_to, pos_label)
    ratios = _ratios(order, source_from, source_to, "classes (1-D scores are binary)")
    return correct_binary(np.clip(values, 0.0, 1.0), ratios)


def _float_dtype(obj: pd.Series) -> Any:
    dtype = obj.dtype
    return dtype if pd.api.types.is_float_dtype(dtype) else np.dtype(np.float64)


def probability_matrix(frame: pd.DataFrame, name: str) -> np.ndarray:
    """Return a frame of class probabilities (one column per class) as checked float64."""
    if frame.shape[1] < 2:
        raise ValueError(
            f"{name} must have one column of probabilities per class (2 or more); got "
            f"{frame.shape[1]} column(s)."
        )
    if not frame.columns.is_unique:
        raise ValueError(f"{name} has duplicate column labels: each column is one class.")
    kinds = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c].dtype)]
    kinds += [c for c in frame.columns if pd.api.types.is_bool_dtype(frame[c].dtype)]
    if kinds:
        raise TypeError(
            f"{name} must be numeric probabilities; column(s) {sample_text(list(kinds))} are not."
        )
    values = numeric_probabilities(frame.to_numpy(dtype=np.float64, na_value=np.nan), name)
    _check_rows(values, name)
    return values


def _correct_frame(scores: pd.DataFrame, source_from: Prior, source_to: Prior) -> pd.DataFrame:
    values = probability_matrix(scores, "scores")
    order: list[Any] = list(scores.columns)
    ratios = _ratios(order, source_from, source_to)
    out = correct_columns(np.clip(values, 0.0, 1.0), ratios)
    frame = pd.DataFrame(out, index=scores.index, columns=scores.columns)
    return frame.astype({c: _float_dtype(scores[c]) for c in scores.columns})
