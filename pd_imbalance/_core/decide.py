"""Cost-sensitive decisions: the Bayes rule on class probabilities and a cost matrix.

``C[i, j]`` is the cost of predicting class ``j`` when the truth is class ``i``. Given a row's
probabilities ``p``, predicting ``j`` costs ``sum_i p[i] C[i, j]`` on average; the Bayes
decision takes the cheapest ``j`` (ties: the first class). Plain numpy: labels and frames are
handled by :mod:`pd_imbalance._verbs.decide`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["BayesDecision", "bayes_decide", "binary_costs", "check_cost_matrix"]


class BayesDecision(NamedTuple):
    """Each row's cheapest class (a column position) and its expected cost."""

    choice: np.ndarray  # intp, one column position per row
    expected_cost: np.ndarray  # float64, the expected cost of that choice


def check_cost_matrix(costs: np.ndarray, labels: list[object]) -> np.ndarray:
    """Return ``costs`` as a float64 ``K x K`` matrix after checking it.

    Raises
    ------
    ValueError
        Not ``K x K`` for the ``K`` classes in ``labels``, a value that is not finite, or a
        truth ``i`` for which a wrong prediction ``j`` costs less than the right one
        (``C[i, i] > C[i, j]``: the matrix would reward mistakes).

    Examples
    --------
    >>> check_cost_matrix(np.array([[0, 1], [5, 0]]), ["a", "b"]).tolist()
    [[0.0, 1.0], [5.0, 0.0]]
    """
    k = len(labels)
    matrix = np.asarray(costs, dtype=np.float64)
    if matrix.shape != (k, k):
        raise ValueError(
            f"cost_matrix must be {k} x {k} (one row per true class, one column per predicted "
            f"class, for the classes {labels!r}); got shape {matrix.shape}."
        )
    if not np.isfinite(matrix).all():
        raise ValueError("cost_matrix must hold finite numbers (no NaN or infinity).")
    diagonal = np.diag(matrix)
    worse = diagonal[:, None] > matrix
    if worse.any():
        i, j = (int(v) for v in np.argwhere(worse)[0])
        raise ValueError(
            f"cost_matrix[{i}, {i}] = {matrix[i, i]:g} (predicting {labels[i]!r} when the "
            f"truth is {labels[i]!r}) is more than cost_matrix[{i}, {j}] = {matrix[i, j]:g} "
            f"(predicting {labels[j]!r} for the same truth): the matrix rewards a mistake. "
            "Rows are true classes and columns predictions; a right prediction must cost no "
            "more than any wrong one (transpose the matrix if rows and columns are swapped)."
        )
    return matrix


def bayes_decide(proba: np.ndarray, costs: np.ndarray) -> BayesDecision:
    """Return the Bayes decision ``argmin_j sum_i proba[:, i] costs[i, j]`` for every row.

    Examples
    --------
    >>> d = bayes_decide(np.array([[0.8, 0.2], [0.95, 0.05]]), np.array([[0., 1.], [5., 0.]]))
    >>> d.choice.tolist(), d.expected_cost.tolist()
    ([1, 0], [0.8, 0.25])
    """
    expected = np.asarray(proba, dtype=np.float64) @ np.asarray(costs, dtype=np.float64)
    choice = np.argmin(expected, axis=1)
    return BayesDecision(choice, np.take_along_axis(expected, choice[:, None], axis=1)[:, 0])


def binary_costs(costs: np.ndarray, pos: int) -> tuple[float, float]:
    """Return ``(fn_cost, fp_cost)``: the extra cost of a miss and of a false alarm.

    For a ``2 x 2`` matrix and the positive column ``pos``, the total cost of a threshold is
    ``fn_cost * FN + fp_cost * FP`` plus the cost of predicting every row right, so the
    binary cost objective ranks thresholds exactly as the matrix does.

    Examples
    --------
    >>> binary_costs(np.array([[0., 1.], [5., 0.]]), pos=1)
    (5.0, 1.0)
    """
    neg = 1 - pos
    return (
        float(costs[pos, neg] - costs[pos, pos]),
        float(costs[neg, pos] - costs[neg, neg]),
    )
