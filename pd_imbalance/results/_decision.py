"""The result of :func:`pd_imbalance.decide`: cost-sensitive decisions and their costs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from pd_imbalance.results._report import json_safe

__all__ = ["DecisionResult"]


@dataclass(frozen=True)
class DecisionResult:
    """The Bayes decision of every row: the class with the lowest expected cost.

    Build it with :func:`decide`. Predicting class ``j`` for a row with probabilities ``p``
    costs ``sum_i p[i] * cost_matrix[i, j]`` on average; each row gets its cheapest class.

    Attributes
    ----------
    decisions : pandas.Series or numpy.ndarray
        One class label per row: a Series (named ``"decision"``, with the probabilities'
        index) when the probabilities came as a DataFrame, else an ndarray.
    expected_cost : pandas.Series or numpy.ndarray
        The expected cost of each row's decision, in the same type.
    mean_expected_cost : float
        Its mean over the rows.
    classes : tuple
        The classes, in the order of the probability columns and of the cost matrix.
    cost_matrix : pandas.DataFrame
        The costs used: index = true class, columns = predicted class.
    realised_cost : float or None
        With ``labels``: the mean cost per row of the decisions against the true labels.
    confusion : pandas.DataFrame or None
        With ``labels``: rows are true classes, columns the decisions (counts).
    """

    decisions: pd.Series | np.ndarray
    expected_cost: pd.Series | np.ndarray
    mean_expected_cost: float
    classes: tuple[Any, ...]
    cost_matrix: pd.DataFrame = field(repr=False)
    realised_cost: float | None = None
    confusion: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def n_rows(self) -> int:
        """The number of rows decided."""
        return len(self.decisions)

    def counts(self) -> dict[Any, int]:
        """Return ``{class: rows decided for it}``, every class included (JSON-safe)."""
        decided = pd.Index(np.asarray(self.decisions, dtype=object))
        codes = pd.Index(list(self.classes), dtype=object).get_indexer(decided)
        found = np.bincount(codes, minlength=len(self.classes))
        return {json_safe(c): int(n) for c, n in zip(self.classes, found, strict=True)}

    def to_dict(self) -> dict[str, Any]:
        """Return the summary as JSON-safe Python objects (the per-row values stay here).

        Examples
        --------
        >>> import json, numpy as np, pd_imbalance as pdi
        >>> res = pdi.decide(np.array([[0.9, 0.1], [0.6, 0.4]]), [[0, 1], [5, 0]])
        >>> json.loads(json.dumps(res.to_dict()))["decided"]
        {'0': 1, '1': 1}
        """
        return {
            "classes": [json_safe(c) for c in self.classes],
            "n_rows": self.n_rows,
            "decided": self.counts(),
            "mean_expected_cost": json_safe(self.mean_expected_cost),
            "realised_cost": json_safe(self.realised_cost),
            "cost_matrix": self.cost_matrix.to_numpy().tolist(),
            "confusion": None if self.confusion is None else self.confusion.to_numpy().tolist(),
        }

    def __repr__(self) -> str:
        decided = ", ".join(f"{c!r}: {n:,}" for c, n in self.counts().items())
        lines = [
            f"DecisionResult: {self.n_rows:,} rows decided by lowest expected cost "
            f"(mean expected cost {self.mean_expected_cost:.6g})",
            f"  decided: {decided}",
        ]
        if self.realised_cost is not None and self.confusion is not None:
            lines += [
                f"  realised cost against the labels: {self.realised_cost:.6g} per row",
                "",
                "  confusion (rows: truth, columns: decision)",
                *("  " + line for line in self.confusion.to_string().splitlines()),
            ]
        lines += ["", "  cost matrix (rows: truth, columns: decision)"]
        lines += ["  " + line for line in self.cost_matrix.to_string().splitlines()]
        return "\n".join(lines)
