"""Assemble per-class draws into one :class:`~pd_imbalance._core.smote.SmotePlan`.

The interpolating variants (Borderline-SMOTE, ADASYN) plan each class on its own, as
plain SMOTE does: a block of source rows (the class's rows, then for Borderline-SMOTE 2
the rows of other classes its neighbours were drawn from), each synthetic row's base and
neighbour as indices into that block, and the class's own-class neighbours (what
SMOTE-NC votes on).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pd_imbalance._core.smote import SmotePlan

__all__ = ["ClassBlock", "assemble_plan", "local_dtype"]


def local_dtype(n: int) -> type[np.signedinteger]:
    """Return the integer type of block-local indices for ``n`` input rows (int32 when it fits)."""
    return np.int32 if n < np.iinfo(np.int32).max else np.int64


@dataclass(frozen=True)
class ClassBlock:
    """The synthetic rows of one class, relative to its own block of source rows.

    Attributes
    ----------
    code : int
        The class.
    sources : ndarray of intp, shape (r,)
        Input positions of the block's rows; the class's own rows come first.
    neighbors : ndarray of int, shape (r, k)
        Each source row's own-class neighbours (block indices); rows of other classes
        (never a base) hold their own index.
    base, neighbor : ndarray of int, shape (s,)
        Block indices of each synthetic row's base row and neighbour.
    lam : ndarray of float64, shape (s,)
        Interpolation factors.
    """

    code: int
    sources: np.ndarray
    neighbors: np.ndarray
    base: np.ndarray
    neighbor: np.ndarray
    lam: np.ndarray


def assemble_plan(blocks: list[ClassBlock], n: int, width: int) -> SmotePlan:
    """Concatenate class blocks (in class order) into one plan over ``n`` input rows.

    ``width`` is the neighbour count of an empty plan's ``neighbors_local``.
    """
    local = local_dtype(n)
    if not blocks:
        empty = np.empty(0, dtype=local)
        return SmotePlan(
            sources=np.empty(0, dtype=np.intp),
            base_local=empty,
            neighbor_local=empty.copy(),
            lam=np.empty(0),
            class_code=empty.copy(),
            neighbors_local=np.empty((0, width), dtype=local),
        )
    offsets = np.cumsum([0] + [len(b.sources) for b in blocks[:-1]])
    widths = {b.neighbors.shape[1] for b in blocks}
    if len(widths) != 1:  # a search object may return different widths per class
        raise ValueError(
            f"the neighbour search returned different numbers of neighbours per class "
            f"({sorted(widths)}); give it a fixed n_neighbors."
        )
    return SmotePlan(
        sources=np.concatenate([b.sources for b in blocks]).astype(np.intp, copy=False),
        base_local=np.concatenate(
            [b.base.astype(local) + o for b, o in zip(blocks, offsets, strict=True)]
        ),
        neighbor_local=np.concatenate(
            [b.neighbor.astype(local) + o for b, o in zip(blocks, offsets, strict=True)]
        ),
        lam=np.concatenate([b.lam for b in blocks]),
        class_code=np.concatenate([np.full(len(b.base), b.code, dtype=local) for b in blocks]),
        neighbors_local=np.concatenate(
            [b.neighbors.astype(local) + o for b, o in zip(blocks, offsets, strict=True)]
        ),
    )
