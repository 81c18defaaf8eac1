"""How a neighbour-based method finds neighbours: the built-in exact search or the user's object.

Every neighbour-based method (SMOTE and its variants, ADASYN, NearMiss, the cleaning rules)
takes its neighbourhood as an int *or* an object with ``fit`` and ``kneighbors`` (a
scikit-learn ``NearestNeighbors``, a faiss or cuML wrapper, a custom metric). A
:class:`NeighborRule` holds that choice and answers the two questions the methods ask:

* :meth:`NeighborRule.within`: each row's ``k`` nearest *other* rows of the same set;
* :meth:`NeighborRule.across`: each query row's ``k`` nearest rows of a reference set.

An object is used as imbalanced-learn uses it: a copy is fitted on the reference rows and
asked for its own number of neighbours; within one set the row itself comes back among
them and is dropped, so ``NearestNeighbors(n_neighbors=6)`` gives 5 neighbours there.

With ``neighbors="approximate"`` or ``neighbors=<object>`` next to an int ``k`` the rule is
*explicit*: the object is asked for exactly the int's neighbours (``k + 1`` within one set,
the row itself then dropped), so ``k_neighbors=5`` means five neighbours whatever the search.

The built-in exact search compares every query row with every reference row; when that is
more than :data:`EXACT_WARN_COST` row-pair-features (a minute or more on two cores) an
:class:`~pd_imbalance.errors.ImbalanceWarning` names ``neighbors="approximate"``. The search
is never switched silently.
"""

from __future__ import annotations

import copy
import inspect
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from pd_imbalance._core.approx_knn import ApproximateNeighbors
from pd_imbalance._core.nan_knn import NanSpace, nan_cross_neighbors
from pd_imbalance._core.neighbors import cross_neighbors, exclude_self
from pd_imbalance._core.smote_nc import MixedSpace, class_neighbors, cross_space_neighbors
from pd_imbalance.errors import ImbalanceWarning

__all__ = ["EXACT_WARN_COST", "NeighborRule", "Space", "quiet_cost", "take_rows", "warn_exact_cost"]

#: Query rows x reference rows x features above which the exact search warns (4e12: a class
#: of 450k rows x 20 features searched against itself; 500k rows took 88 s on two cores).
EXACT_WARN_COST = 4e12

#: Rows in a distance space: a float64 matrix, or a matrix plus wide categorical codes, or
#: rows with missing values (nan-euclidean, ``missing="ignore"``).
Space = np.ndarray | MixedSpace | NanSpace


def take_rows(space: Space, rows: np.ndarray) -> Space:
    """Return the rows ``rows`` of ``space`` (the same distances between them).

    Examples
    --------
    >>> take_rows(np.array([[0.0], [1.0], [2.0]]), np.array([0, 2])).ravel().tolist()
    [0.0, 2.0]
    """
    if isinstance(space, MixedSpace):
        return MixedSpace(space.dense[rows], [codes[rows] for codes in space.wide], space.penalty2)
    if isinstance(space, NanSpace):
        return space.take(rows)
    taken: np.ndarray = space[rows]
    return taken


def _fresh_copy(search: Any) -> Any:
    """Return a copy of the user's object to fit (theirs is never fitted or changed)."""
    try:
        from sklearn.base import clone

        return clone(search)
    except Exception:  # not a scikit-learn estimator
        return copy.deepcopy(search)


def _needs_labels(search: Any) -> bool:
    """Whether ``search.fit`` requires a ``y`` (a classifier used only for ``kneighbors``)."""
    try:
        parameters = inspect.signature(search.fit).parameters
    except (TypeError, ValueError):
        return False
    y = parameters.get("y")
    return y is not None and y.default is inspect.Parameter.empty


@dataclass(frozen=True)
class NeighborRule:
    """A neighbourhood: ``k`` neighbours from the exact search, or a user's search object.

    Attributes
    ----------
    name : str
        The parameter it came from (for messages), e.g. ``"k_neighbors"``.
    k : int or None
        Neighbours per row within one set (the row itself excluded). For an object: its
        ``n_neighbors - 1`` when it has an int ``n_neighbors``, else None (known after the
        search).
    search : object or None
        The user's object (with ``fit`` and ``kneighbors``), or None for the built-in search.
    explicit : bool
        Whether ``k`` is the user's int and the object is asked for exactly that many
        neighbours (``neighbors=`` next to an int), rather than for its own ``n_neighbors``.
    """

    name: str
    k: int | None
    search: Any = None
    explicit: bool = False

    @property
    def k_across(self) -> int | None:
        """Neighbours per query row between two sets (an object's own ``n_neighbors``)."""
        if self.search is None or self.k is None or self.explicit:
            return self.k
        return self.k + 1

    @property
    def approximate(self) -> bool:
        """Whether the search is the built-in approximate one (``neighbors="approximate"``)."""
        return self.explicit and isinstance(self.search, ApproximateNeighbors)

    @property
    def described(self) -> str:
        """How messages name the search: ``neighbors="approximate"`` or the object's type."""
        if self.approximate:
            return 'neighbors="approximate"'
        if self.explicit:
            return f"the {type(self.search).__name__} given as neighbors"
        return f"the {type(self.search).__name__} given as {self.name}"

    def within(self, space: Space, *, overwrite: bool = False) -> np.ndarray:
        """Return each row's ``k`` nearest other rows of ``space``, nearest first.

        With ``overwrite``, the built-in search may prepare a float64 ``space`` in place
        (pass it only for a temporary that the caller does not use afterwards).

        Examples
        --------
        >>> NeighborRule("k", 1).within(np.array([[0.0], [1.0], [5.0]])).ravel().tolist()
        [1, 0, 1]
        """
        if self.search is None:
            assert self.k is not None
            warn_exact_cost(len(space), len(space), _width(space), self.k)
            return class_neighbors(space, self.k, overwrite=overwrite)
        matrix = self._matrix(space)
        wanted = self.k + 1 if self.explicit and self.k is not None else None
        found = self._ask(matrix, matrix, distance=False, k=wanted)
        if found.shape[1] < 2:
            raise ValueError(
                f"{self.described} returned "
                f"{found.shape[1]} neighbour(s) per row, the row itself included; it must give "
                "at least one neighbour besides the row itself (n_neighbors >= 2)."
            )
        return exclude_self(found)

    def warn_cost(self, space: Space, query_rows: int, reference_rows: int) -> None:
        """Give the exact search's guard rail once for a search run in pieces.

        A caller that splits one search into chunks warns here for the whole search and
        silences the pieces (:func:`quiet_cost`): each chunk alone may be below the limit.
        """
        k = self.k_across
        if self.search is None and k is not None:
            warn_exact_cost(query_rows, reference_rows, _width(space), k)

    def shared_index(self, space: Space) -> ApproximateNeighbors:
        """Fit the approximate index on ``space`` once, for :meth:`within_block` calls.

        Only for ``neighbors="approximate"``. The probes are calibrated once on ``space``
        (:meth:`ApproximateNeighbors.pin_probes`) and the fitted object pickles, so blocks
        can be answered in other processes; together the blocks give :meth:`within`'s
        answer (up to the order of exact ties).
        """
        assert self.approximate and self.k is not None
        search = _fresh_copy(self.search)
        try:
            search.fit(self._matrix(space))
            search.pin_probes(self.k + 1)
        except Exception as error:
            raise ValueError(f"{self.described} failed: {type(error).__name__}: {error}") from error
        fitted: ApproximateNeighbors = search
        return fitted

    def within_block(
        self, index: ApproximateNeighbors, start: int, stop: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(rows, neighbours)`` of a block of :meth:`within`, from :meth:`shared_index`.

        The block is positions ``start:stop`` of the index's cell order
        (:meth:`ApproximateNeighbors.fitted_block`); ``rows`` are the rows answered,
        ``neighbours`` each one's ``k`` nearest other rows (indices into the whole space).
        """
        assert self.k is not None
        rows, found = index.fitted_block(start, stop, self.k + 1)
        return rows, exclude_self(found, rows)

    def across(
        self,
        space: Space,
        query: np.ndarray,
        reference: np.ndarray,
        *,
        k: int | None = None,
        return_distance: bool = False,
    ) -> Any:
        """Return each query row's nearest reference rows (indices into ``reference``).

        ``query`` and ``reference`` are row positions in ``space``; ``k`` defaults to
        :attr:`k_across`. With ``return_distance``, also the Euclidean distances.

        Examples
        --------
        >>> space = np.array([[0.0], [1.0], [5.0], [4.0]])
        >>> NeighborRule("k", 1).across(space, np.array([3]), np.array([0, 1, 2])).tolist()
        [[2]]
        """
        k = self.k_across if k is None else k
        if self.search is None:
            assert k is not None
            warn_exact_cost(len(query), len(reference), _width(space), k)
            if isinstance(space, MixedSpace):
                return cross_space_neighbors(space, query, reference, k, return_distance)
            if isinstance(space, NanSpace):
                return nan_cross_neighbors(
                    space.take(query), space.take(reference), k, return_distance=return_distance
                )
            rows_q, rows_r = space[query], space[reference]
            # fancy indexing copies: then the search may prepare them in place
            own = not (np.may_share_memory(rows_q, space) or np.may_share_memory(rows_r, space))
            return cross_neighbors(
                rows_q, rows_r, k, return_distance=return_distance, overwrite=own
            )
        matrix = self._matrix(space)
        return self._ask(matrix[reference], matrix[query], distance=return_distance, k=k)

    def _matrix(self, space: Space) -> np.ndarray:
        instead = 'use neighbors="exact"' if self.explicit else "pass an int instead"
        if isinstance(space, NanSpace):
            raise ValueError(
                f"{self.described} cannot search rows with missing values "
                f"(missing='ignore'); {instead} (the built-in search uses the nan-euclidean "
                "distance) or impute the missing values first."
            )
        if isinstance(space, MixedSpace):
            raise ValueError(
                f"{self.described} needs numeric features, but a categorical column has more "
                f"than 64 levels; {instead} (the built-in search handles such columns) or "
                "encode the column yourself."
            )
        return space

    def _ask(
        self, reference: np.ndarray, query: np.ndarray, *, distance: bool, k: int | None = None
    ) -> Any:
        search = _fresh_copy(self.search)
        name = self.described
        try:
            if _needs_labels(search):  # e.g. KNeighborsClassifier (imblearn's OSS takes one)
                search.fit(reference, np.zeros(len(reference), dtype=np.intp))
            else:
                search.fit(reference)
            if k is None:
                result = search.kneighbors(query, return_distance=distance)
            else:
                result = search.kneighbors(query, n_neighbors=k, return_distance=distance)
        except Exception as error:
            raise ValueError(f"{name} failed: {type(error).__name__}: {error}") from error
        try:
            dist, index = result if distance else (None, result)
            index = np.asarray(index)
            if distance:
                dist = np.asarray(dist, dtype=np.float64)
        except (TypeError, ValueError) as error:
            raise ValueError(
                f"{name} returned {type(result).__name__} from "
                "kneighbors; expected an integer index array (and a distance array first "
                "when return_distance=True), as sklearn's NearestNeighbors.kneighbors does."
            ) from error
        if (
            index.ndim != 2
            or len(index) != len(query)
            or index.dtype.kind not in "iu"
            or (index.size and (index.min() < 0 or index.max() >= len(reference)))
        ):
            raise ValueError(
                f"{name} returned neighbour indices of shape "
                f"{index.shape} and dtype {index.dtype}; expected integers in "
                f"[0, {len(reference)}) with one row per query row."
            )
        # as many neighbours as asked for (the object's own n_neighbors, or k): a search
        # that returns fewer columns would silently shrink every neighbourhood
        wanted = k if k is not None else self.k_across
        if wanted is not None and index.shape[1] != min(wanted, len(reference)):
            raise ValueError(
                f"{name} returned {index.shape[1]} neighbours per "
                f"row; {wanted} were asked for (n_neighbors={wanted})."
            )
        if distance and dist is not None and dist.shape != index.shape:
            raise ValueError(
                f"{name} returned distances of shape {dist.shape} "
                f"for neighbour indices of shape {index.shape}; they must match."
            )
        index = index.astype(np.intp, copy=False)
        return (index, np.asarray(dist, dtype=np.float64)) if distance else index


@contextmanager
def quiet_cost() -> Iterator[None]:
    """Silence the exact search's cost warning inside the ``with`` block.

    For the pieces of a search whose whole was warned about (:meth:`NeighborRule.warn_cost`),
    and for the later rounds of an iterated search (each no larger than the first).
    """
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="the exact neighbour search", category=ImbalanceWarning
        )
        yield


def _width(space: Space) -> int:
    """Features of a distance space (the dense columns plus one per wide categorical)."""
    if isinstance(space, MixedSpace):
        return int(space.dense.shape[1]) + len(space.wide)
    if isinstance(space, NanSpace):
        return int(space.values.shape[1])
    return int(space.shape[1]) if space.ndim == 2 else 1


def warn_exact_cost(query_rows: int, reference_rows: int, features: int, k: int) -> None:
    """Warn when the exact search of ``query_rows`` among ``reference_rows`` would take minutes.

    The cost is ``query_rows * reference_rows * max(features, 1)`` (the distance products of a
    brute force); above :data:`EXACT_WARN_COST` an :class:`ImbalanceWarning` names
    ``neighbors="approximate"``. The search then runs as asked: it is never switched.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_exact_cost(600_000, 600_000, 20, 5)
    >>> "approximate" in str(caught[0].message)
    True
    """
    cost = float(query_rows) * float(reference_rows) * max(features, 1)
    if cost <= EXACT_WARN_COST:
        return
    warnings.warn(
        f"the exact neighbour search of {query_rows:,} rows among {reference_rows:,} rows "
        f"({features} features, k={k}) costs {cost:.1e} distance products, about a minute or "
        'more on two cores (it grows with the square of the class size). neighbors="approximate"'
        ' (pip install "pd-imbalance[ann]") probes a few cells of an index instead, with a '
        "measured recall of at least 0.95 (about half the time at 500k clustered rows); "
        "the exact search runs as asked.",
        ImbalanceWarning,
        stacklevel=4,
    )
