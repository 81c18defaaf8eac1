"""Prior correction: probabilities learned at one class prevalence, moved to another.

A classifier trained where class ``j`` has share ``pi_from[j]`` estimates posteriors
``p_from(j | x)``. By Bayes' rule the class-conditional densities do not depend on the shares,
so at shares ``pi_to`` the posterior is (Elkan 2001; Dal Pozzolo, Caelen and Bontempi 2015)::

    p_to(j | x) = p_from(j | x) * r[j] / sum_k p_from(k | x) * r[k],   r[j] = pi_to[j] / pi_from[j]

For two classes this is ``p' = p r1 / (p r1 + (1 - p) r0)`` on the positive probability ``p``.
Plain numpy: the pandas boundary (labels, frames, the resamplers' class counts) is in
:mod:`pd_imbalance._verbs.prior`.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "PRIOR_TOLERANCE",
    "PROBABILITY_TOLERANCE",
    "check_priors",
    "correct_binary",
    "correct_columns",
    "prior_ratios",
]

#: How far from 1 the shares of a prior may add up (absolute), e.g. shares rounded to 1e-7.
PRIOR_TOLERANCE = 1e-6

#: How far a score may fall outside [0, 1], and a row of probabilities from summing to 1.
PROBABILITY_TOLERANCE = 1e-6


def check_priors(name: str, shares: np.ndarray, labels: list[object]) -> np.ndarray:
    """Return ``shares`` as float64 after checking they are a prior over ``labels``.

    Raises
    ------
    ValueError
        A share that is not finite or not > 0, or shares whose sum is not 1 within
        :data:`PRIOR_TOLERANCE`.

    Examples
    --------
    >>> check_priors("prior_to", np.array([0.9, 0.1]), [0, 1]).tolist()
    [0.9, 0.1]
    """
    values = np.asarray(shares, dtype=np.float64)
    bad = ~np.isfinite(values) | (values <= 0)
    if bad.any():
        where = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{name} gives class {labels[where]!r} the share {float(values[where])!r}; every share "
            "must be a finite number > 0 (a class with no rows cannot be corrected for)."
        )
    total = float(values.sum())
    if abs(total - 1.0) > PRIOR_TOLERANCE:
        raise ValueError(
            f"{name} shares add up to {total:.10g}, not 1 (tolerance {PRIOR_TOLERANCE:g}). "
            "Pass class shares (e.g. counts / counts.sum()), not counts or percentages."
        )
    return values


def prior_ratios(prior_from: np.ndarray, prior_to: np.ndarray) -> np.ndarray:
    """Return ``r = prior_to / prior_from`` (checked priors, same class order).

    Examples
    --------
    >>> prior_ratios(np.array([0.5, 0.5]), np.array([0.9, 0.1])).tolist()
    [1.8, 0.2]
    """
    return np.asarray(prior_to, dtype=np.float64) / np.asarray(prior_from, dtype=np.float64)


def correct_binary(p: np.ndarray, ratios: np.ndarray) -> np.ndarray:
    """Return ``p r1 / (p r1 + (1 - p) r0)`` for positive-class probabilities ``p``.

    ``ratios`` is ``(r0, r1)``: negative class first. Scores of exactly 0 and 1 stay 0 and 1.

    Examples
    --------
    >>> correct_binary(np.array([0.0, 0.5, 1.0]), np.array([1.8, 0.2])).tolist()
    [0.0, 0.1, 1.0]
    """
    p = np.asarray(p, dtype=np.float64)
    r0, r1 = float(ratios[0]), float(ratios[1])
    up = p * r1
    out: np.ndarray = up / (up + (1.0 - p) * r0)
    return out


def correct_columns(proba: np.ndarray, ratios: np.ndarray) -> np.ndarray:
    """Return each row of ``proba`` (n x K) times ``ratios`` (K), renormalised to sum 1.

    Examples
    --------
    >>> correct_columns(np.array([[0.5, 0.5], [0.2, 0.8]]), np.array([1.8, 0.2])).round(4).tolist()
    [[0.9, 0.1], [0.6923, 0.3077]]
    """
    weighted = np.asarray(proba, dtype=np.float64) * np.asarray(ratios, dtype=np.float64)
    out: np.ndarray = weighted / weighted.sum(axis=1, keepdims=True)
    return out
