"""The class shares and probabilities a user passes for prior correction, read and checked.

Shared by :func:`~pd_imbalance._verbs.prior.correct_prior`, the report's prior section and
the decision verbs: a prior is ``{class: share}``, a Series of shares by class, or a plain
array in the order of the score columns; a trained-on frame carries its class counts in
``attrs``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from pd_imbalance._core.prior import PROBABILITY_TOLERANCE, check_priors
from pd_imbalance._pandas.checks import sample_text
from pd_imbalance._pandas.target import ATTRS_KEY

__all__ = [
    "Prior",
    "aligned_shares",
    "labelled_shares",
    "numeric_probabilities",
    "prior_sources",
    "same_class",
]

#: Class shares: ``{class: share}``, a Series indexed by class, or shares in column order.
Prior = Mapping[Any, float] | pd.Series | np.ndarray | list[float] | tuple[float, ...]


def prior_sources(
    trained_on: pd.DataFrame | None, prior_from: Prior | None, prior_to: Prior | None
) -> tuple[Prior, Prior]:
    """Return the (trained-on, corrected-to) shares, from the priors or ``trained_on``.

    ``trained_on`` (a frame a resampler returned) gives its class shares after resampling
    as the trained-on prior and, unless ``prior_to`` is given, its shares before
    resampling as the prior to correct to.

    Raises
    ------
    ValueError
        If neither source is complete, both are given, or ``trained_on`` carries no class
        counts (or a class with none).
    TypeError
        If ``trained_on`` is not a DataFrame.

    Examples
    --------
    >>> prior_sources(None, {0: 0.5, 1: 0.5}, {0: 0.9, 1: 0.1})
    ({0: 0.5, 1: 0.5}, {0: 0.9, 1: 0.1})
    """
    if trained_on is None:
        if prior_from is None or prior_to is None:
            missing = " and ".join(
                n for n, v in (("prior_from", prior_from), ("prior_to", prior_to)) if v is None
            )
            raise ValueError(
                f"correct_prior needs the class shares the model was trained on and the ones "
                f"to correct to; {missing} not given. Pass trained_on=<the resampled training "
                "frame>, or both prior_from= and prior_to=."
            )
        return prior_from, prior_to
    if not isinstance(trained_on, pd.DataFrame):
        raise TypeError(
            "trained_on must be the DataFrame the model was trained on (as a pd_imbalance "
            f"resampler returned it); got {type(trained_on).__name__}."
        )
    if prior_from is not None:
        raise ValueError(
            "Pass trained_on= or prior_from=, not both: trained_on's class counts after "
            "resampling are the shares the model was trained on."
        )
    entry = trained_on.attrs.get(ATTRS_KEY)
    before = entry.get("counts_before") if isinstance(entry, dict) else None
    after = entry.get("counts_after") if isinstance(entry, dict) else None
    if not isinstance(before, dict) or not isinstance(after, dict):
        raise ValueError(
            "trained_on has no class counts in attrs['pd_imbalance'] (counts_before / "
            "counts_after), so it is not a frame a pd_imbalance resampler returned, or an "
            "operation dropped its attrs (e.g. pd.concat or merge). Pass the frame that "
            "undersample / smote / resample / split_then_resample(...).train returned, or "
            "give prior_from= (the training shares) and prior_to= (the real shares)."
        )
    shares_after = _count_shares(after, "counts_after")
    shares_before = _count_shares(before, "counts_before")
    return shares_after, shares_before if prior_to is None else prior_to


def _count_shares(counts: dict[Any, Any], name: str) -> dict[Any, float]:
    total = sum(int(n) for n in counts.values())
    empty = [label for label, n in counts.items() if int(n) <= 0]
    if total <= 0 or empty:
        raise ValueError(
            f"trained_on's {name} has no rows of class(es) {sample_text(empty)}; a model "
            "trained without a class cannot be corrected for it. Keep every class when "
            "resampling, or pass prior_from= and prior_to= without that class."
        )
    return {label: int(n) / total for label, n in counts.items()}


def labelled_shares(prior: Prior) -> dict[Any, float] | None:
    """Return a class-labelled prior as a dict, None for a plain array of shares."""
    if isinstance(prior, pd.Series):
        return dict(zip(prior.index.tolist(), prior.to_numpy(dtype=np.float64), strict=True))
    if isinstance(prior, Mapping):
        return dict(prior)
    return None


def _shares(prior: Any, name: str) -> np.ndarray:
    if isinstance(prior, str | bytes) or not hasattr(prior, "__len__"):
        raise TypeError(
            f"{name} must be {{class: share}}, a Series or an array of shares; got "
            f"{type(prior).__name__}."
        )
    try:
        values = np.asarray(prior, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must hold numbers (class shares); got {prior!r}.") from None
    if values.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one share per class); got shape {values.shape}.")
    return values


def aligned_shares(prior: Prior, name: str, order: list[Any], what: str) -> np.ndarray:
    """Return ``prior``'s shares in ``order`` (class labels, or positions for plain arrays)."""
    labelled = labelled_shares(prior)
    if labelled is None:
        values = _shares(prior, name)
        if len(values) != len(order):
            raise ValueError(
                f"{name} has {len(values)} shares but the scores have {len(order)} {what}; "
                "give one share per class, in the order of the score columns."
            )
        return check_priors(name, values, order)
    lacking = [label for label in order if not any(same_class(label, k) for k in labelled)]
    if lacking:
        raise ValueError(
            f"{name} lacks class(es) {sample_text(lacking)} of the scores (it has "
            f"{sample_text(list(labelled))}); give a share for every class."
        )
    extra = [k for k in labelled if not any(same_class(label, k) for label in order)]
    if extra:
        raise ValueError(
            f"{name} has class(es) {sample_text(extra)} that the scores do not have (their "
            f"classes: {sample_text(order)}); give shares for exactly the scores' classes."
        )
    values = _shares([_lookup(labelled, label) for label in order], name)
    return check_priors(name, values, order)


def _is_bool(value: object) -> bool:
    return isinstance(value, bool | np.bool_)


def same_class(a: object, b: object) -> bool:
    """Return whether two class labels are the same class (True is not 1 here).

    Examples
    --------
    >>> same_class(1, 1.0), same_class(True, 1)
    (True, False)
    """
    try:
        return bool(a == b) and _is_bool(a) == _is_bool(b)
    except (TypeError, ValueError):
        return False


def _lookup(labelled: dict[Any, float], label: object) -> float:
    for key, value in labelled.items():
        if same_class(key, label):
            return value
    raise KeyError(label)  # pragma: no cover - callers check membership first


def numeric_probabilities(values: np.ndarray, name: str) -> np.ndarray:
    """Return ``values`` as float64 probabilities, checked finite and within [0, 1].

    Raises
    ------
    TypeError
        If the values are not numeric (e.g. predicted labels or booleans).
    ValueError
        If there are none, some are missing or infinite, or they leave [0, 1] (scores
        or logits rather than probabilities).

    Examples
    --------
    >>> numeric_probabilities(np.array([0.25, 1.0]), "scores").tolist()
    [0.25, 1.0]
    """
    if values.dtype == bool or not (
        np.issubdtype(values.dtype, np.number) or values.dtype == object
    ):
        raise TypeError(
            f"{name} must be numeric probabilities; got dtype {values.dtype}. Pass "
            "model.predict_proba(X), not predicted labels."
        )
    try:
        out = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be numeric probabilities.") from None
    if out.size == 0:
        raise ValueError(f"{name} has no rows; pass the model's probabilities for some rows.")
    bad = ~np.isfinite(out)
    if bad.any():
        raise ValueError(
            f"{name} holds {int(bad.sum())} missing or infinite value(s); probabilities must "
            "be finite numbers in [0, 1]."
        )
    low, high = float(out.min()), float(out.max())
    if low < -PROBABILITY_TOLERANCE or high > 1 + PROBABILITY_TOLERANCE:
        raise ValueError(
            f"{name} must be probabilities in [0, 1], but they range from {low:.6g} to "
            f"{high:.6g}. Prior correction needs predict_proba output, not decision_function "
            "scores or logits (apply a sigmoid/softmax or calibrate first)."
        )
    return out
