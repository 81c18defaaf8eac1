"""What a cleaning method decided: the removed rows, why, and the two ways it can refuse."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

__all__ = ["ClassEmptied", "CleanPlan", "Reason", "Removals", "TooFewRows"]


class Reason(IntEnum):
    """Why a row was removed (one code per removed row of a :class:`CleanPlan`)."""

    #: In a Tomek link (mutual nearest neighbours of different classes); ``other``: the partner.
    TOMEK = 0
    #: Edited: its neighbourhood disagrees with its class; ``count`` of ``k`` are of others.
    ENN = 1
    #: NCR's editing step (ENN, ``kind_sel="mode"``); ``count`` of ``k`` are of others.
    NCR_EDITED = 2
    #: NCR: a neighbour of a misclassified minority row; ``other``: that minority row.
    NCR_NEIGHBOR = 3
    #: OSS: classified as its own class by its nearest rows of C; ``other``: the nearest,
    #: ``count`` of ``k`` of them are of its class.
    OSS_REDUNDANT = 4
    #: OSS: in a Tomek link within the rows kept by the first step; ``other``: the partner.
    OSS_TOMEK = 5


@dataclass(frozen=True)
class CleanPlan:
    """The rows a cleaning method removes, in ascending position, with a reason for each.

    Attributes
    ----------
    removed : ndarray of intp
        Positions of the removed rows, ascending.
    reason : ndarray of int8
        A :class:`Reason` per removed row.
    other : ndarray of intp
        The other row involved (see :class:`Reason`), or -1.
    count : ndarray of int64
        Neighbours of other classes (ENN family), of its own class (OSS), or -1.
    k : ndarray of int64
        The neighbourhood size the decision used, or -1.
    round : ndarray of int64
        The editing round (1-based) that removed the row (RENN, AllKNN; 1 otherwise).
    rounds : int
        Rounds run.
    """

    removed: np.ndarray
    reason: np.ndarray
    other: np.ndarray
    count: np.ndarray
    k: np.ndarray
    round: np.ndarray
    rounds: int = 1

    def kept(self, n: int) -> np.ndarray:
        """Return the positions of the kept rows of an ``n``-row input, ascending.

        Examples
        --------
        >>> Removals().add(np.array([1]), Reason.ENN).plan().kept(3).tolist()
        [0, 2]
        """
        keep = np.ones(n, dtype=bool)
        keep[self.removed] = False
        return np.flatnonzero(keep)


class Removals:
    """Collects the removals of one or more steps and builds the :class:`CleanPlan`."""

    def __init__(self) -> None:
        self._parts: list[tuple[np.ndarray, ...]] = []
        self.rounds = 1

    def add(
        self,
        rows: np.ndarray,
        reason: Reason,
        *,
        other: np.ndarray | None = None,
        count: np.ndarray | None = None,
        k: int = -1,
        round: int = 1,
    ) -> Removals:
        """Record that ``rows`` (positions in the input) are removed for ``reason``."""
        rows = np.asarray(rows, dtype=np.intp)
        m = len(rows)
        self._parts.append(
            (
                rows,
                np.full(m, reason, dtype=np.int8),
                np.full(m, -1, np.intp) if other is None else np.asarray(other, np.intp),
                np.full(m, -1, np.int64) if count is None else np.asarray(count, np.int64),
                np.full(m, k, dtype=np.int64),
                np.full(m, round, dtype=np.int64),
            )
        )
        return self

    def plan(self) -> CleanPlan:
        """Return the plan, rows ascending (a row recorded twice keeps its first reason)."""
        parts = self._parts or [Removals().add(np.empty(0, np.intp), Reason.TOMEK)._parts[0]]
        rows, reason, other, count, k, round = (
            np.concatenate(column) for column in zip(*parts, strict=True)
        )
        rows, first = np.unique(rows, return_index=True)
        return CleanPlan(
            rows, reason[first], other[first], count[first], k[first], round[first], self.rounds
        )


class ClassEmptied(Exception):
    """A cleaning step would remove every row of class ``code`` (in round ``round``)."""

    def __init__(self, code: int, rows: int, round: int = 1) -> None:
        super().__init__(f"cleaning would remove all {rows} rows of class code {code}")
        self.code, self.rows, self.round = code, rows, round


class TooFewRows(Exception):
    """A neighbourhood of ``k`` rows was asked of a set of only ``rows`` rows.

    ``among`` says which set: ``"all"`` (every remaining row, minus the row itself) or
    ``"C"`` (OSS's kept set when classifying the rows of class ``code``).
    """

    def __init__(self, rows: int, k: int, among: str, *, code: int = -1, round: int = 1) -> None:
        super().__init__(f"{k} neighbours asked of {rows} rows ({among})")
        self.rows, self.k, self.among, self.code, self.round = rows, k, among, code, round
