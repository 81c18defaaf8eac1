"""Approximate k nearest neighbours for large classes: an inverted-file index (faiss).

The exact search compares every pair of rows of a class, so its cost grows with the square
of the class size (a 1M-row class is about 10^12 pairs). :class:`ApproximateNeighbors`
partitions the reference rows into cells around k-means centroids (about
:data:`ROWS_PER_CELL` rows each) and compares each query row only with the rows of the few
cells nearest to it: cost linear in the rows for a fixed share of cells probed.

How many cells to probe is *measured*, not guessed: on a seeded sample of the query rows
the exact neighbours are computed with the exact kernel, and the number of probed cells is
raised (8, 12, 16, 24, 32, 48, ...) until the recall on that sample (the share of the exact
k neighbours found; searching the fitted rows, each row's other rows, not itself) reaches
``recall``, then bisected down between that step and the one before (to within an eighth)
to the fewest probes that still reach it. The default 0.955 is 0.005 above the 0.95
promised: with 2,048 sample rows of 5 neighbours the sample's standard error is about 0.002.
The measured figure is kept as ``recall_`` and the number of probes as ``n_probe_``.

Small searches, at most :data:`EXACT_BELOW_COST` query rows x reference rows x features
(about 3.5 s of exact search on two cores), are answered by the exact search: below that the
index is no faster, and the answer is then exact (``recall_`` 1.0). So is every search
whose calibrated probes would compare more than a sixteenth of the pairs the exact search
compares (:data:`INDEX_PAIR_COST`): the index's scan costs about 16 times more per pair
than the exact search's matrix products, so the index only pays on large classes with
few cells to probe (clustered data), and the search is never much slower than the exact one.

The rows are centred on the reference's column medians (those of an evenly spaced sample, as
in the exact search) and scaled by a power of two before
the float32 index sees them (large offsets such as a ``999999999`` sentinel lose no
resolution). Results are deterministic for a ``random_state``: the k-means sample, its seed
and the calibration sample are all drawn from it.

A fitted index can be shared: :meth:`ApproximateNeighbors.pin_probes` calibrates once on
the fitted rows and fixes the probes, :meth:`ApproximateNeighbors.kneighbors_fitted`
answers a slice of the fitted rows, and the object pickles (the faiss index is serialized),
so tasks in other processes (dask workers) can each answer a block of rows with the same
probes, and together give the same answer as one call.

faiss is an optional dependency: ``pip install "pd-imbalance[ann]"``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pd_imbalance._core.knn_prep import column_centre

__all__ = ["EXACT_BELOW_COST", "ROWS_PER_CELL", "ApproximateNeighbors", "import_faiss"]

#: Reference rows per cell of the index (k-means cells: ``n // ROWS_PER_CELL`` of them).
ROWS_PER_CELL = 256
#: Searches of at most this many query rows x reference rows x features are exact: there the
#: exact search is as fast as the index (about 3.5 s; a 100k-row class of 20 features,
#: where the index took 3.9 s and the exact search 3.65 s, clustered data, two cores).
EXACT_BELOW_COST = 2e11
#: A pair compared by the index's scan costs about this many pairs of the exact search
#: (measured on 20 features, two cores: 6.4e-9 s against 3.2e-10 s; the exact search runs
#: matrix products). After calibration, the search is exact when probing would compare
#: more than ``1 / INDEX_PAIR_COST`` of the pairs the exact search compares.
INDEX_PAIR_COST = 16.0
#: Query rows whose exact neighbours calibrate the number of probed cells.
CALIBRATION_ROWS = 2048
#: k-means is trained on at most this many rows per cell (rough cells suffice: the probes
#: are calibrated on the result).
TRAINING_ROWS_PER_CELL = 32
#: Probed cells tried in turn until the calibration sample's recall is reached.
PROBE_STEPS = (8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512)


def import_faiss() -> Any:
    """Import faiss or raise an ImportError that names the extra to install.

    Examples
    --------
    >>> import_faiss().__name__
    'faiss'
    """
    try:
        import faiss
    except ImportError as error:
        raise ImportError(
            'neighbors="approximate" needs the optional faiss-cpu package: '
            'pip install "pd-imbalance[ann]" (or pip install faiss-cpu); '
            'neighbors="exact" (the default) needs nothing more.'
        ) from error
    return faiss


class ApproximateNeighbors:
    """Approximate Euclidean k-NN with scikit-learn's ``fit`` / ``kneighbors`` protocol.

    Parameters
    ----------
    n_neighbors : int, default=6
        Neighbours returned by :meth:`kneighbors` when it is not given one.
    recall : float, default=0.955
        Recall at ``n_neighbors`` to reach on the calibration sample (share of the exact
        neighbours found; a search of the fitted rows counts each row's other neighbours,
        not the row itself, which is always found), in (0, 1].
    random_state : int, default=0
        Seed of the k-means training sample and of the calibration sample.
    n_threads : int or None, default=None
        Threads for faiss (None: every available core).
    exact_below : float or None, default=None
        Searches of at most this many query rows x reference rows x features use the exact
        search instead. None: :data:`EXACT_BELOW_COST`, and also the exact search where the
        calibrated index would be slower (:data:`INDEX_PAIR_COST`); 0 always uses the index.

    Attributes
    ----------
    recall_ : float
        The recall measured on the calibration sample by the last :meth:`kneighbors`
        (1.0 when the search was exhaustive).
    n_probe_ : int
        Cells probed per query row by the last :meth:`kneighbors`.
    n_cells_ : int
        Cells of the index.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=(20_000, 8))
    >>> search = ApproximateNeighbors(n_neighbors=6, random_state=0).fit(x)
    >>> found = search.kneighbors(x[:5], return_distance=False)
    >>> found.shape, bool(search.recall_ >= 0.955)
    ((5, 6), True)
    """

    def __init__(
        self,
        n_neighbors: int = 6,
        *,
        recall: float = 0.955,
        random_state: int = 0,
        n_threads: int | None = None,
        exact_below: float | None = None,
    ) -> None:
        self.n_neighbors = n_neighbors
        self.recall = recall
        self.random_state = random_state
        self.n_threads = n_threads
        self.exact_below = exact_below
        self._pinned: int | None = None  # probes fixed by pin_probes (0: exact)

    def fit(self, X: Any, y: Any = None) -> ApproximateNeighbors:
        """Index the reference rows ``X`` (an array of shape (n, d), finite)."""
        faiss = import_faiss()
        if self.n_threads is not None:
            faiss.omp_set_num_threads(int(self.n_threads))
        reference = np.asarray(X, dtype=np.float64)
        if reference.ndim != 2 or len(reference) == 0:
            raise ValueError(f"expected a non-empty 2-D array; got shape {reference.shape}.")
        self._reference = reference
        self._pinned = None
        n, d = reference.shape
        self.n_features_in_ = d
        self.n_cells_ = 1 if self._exact(n) or n < 4 * ROWS_PER_CELL else n // ROWS_PER_CELL
        if self.n_cells_ == 1:  # the exact search answers: no index to build
            return self
        self._centre = column_centre(reference)  # the exact search's centre (a sample's medians)
        centred = reference - self._centre
        top = float(np.abs(centred).max(initial=0.0))
        self._scale = 2.0 ** int(np.ceil(np.log2(top))) if top > 0 else 1.0  # exact division
        rows = np.ascontiguousarray(centred / self._scale, dtype=np.float32)
        del centred
        n_cells = self.n_cells_
        quantizer = faiss.IndexFlatL2(d)
        index = faiss.IndexIVFFlat(quantizer, d, n_cells)
        rng = np.random.default_rng(self.random_state)
        index.cp.seed = int(rng.integers(2**31 - 1))
        index.cp.niter = 8
        index.cp.min_points_per_centroid = 1  # a small sample is meant: no warning on stderr
        train_rows = min(n, max(n_cells * TRAINING_ROWS_PER_CELL, n_cells))
        training = rows if train_rows >= n else rows[np.sort(rng.choice(n, train_rows, False))]
        index.train(training)
        index.add(rows)
        self._index, self._quantizer = index, quantizer
        lists = index.invlists  # the rows cell by cell: queries in this order share cells
        self._cell_order = np.concatenate(
            [faiss.rev_swig_ptr(lists.get_ids(c), lists.list_size(c)) for c in range(n_cells)]
        ).astype(np.intp)
        return self

    def _exact(self, query_rows: int) -> bool:
        """Whether a search of ``query_rows`` is cheap enough to be exact."""
        limit = EXACT_BELOW_COST if self.exact_below is None else float(self.exact_below)
        cost = float(query_rows) * len(self._reference) * max(self._reference.shape[1], 1)
        return bool(cost <= limit)

    def kneighbors(
        self, X: Any = None, n_neighbors: int | None = None, return_distance: bool = True
    ) -> Any:
        """Return the (approximately) nearest reference rows of each row of ``X``.

        Indices (intp) into the fitted rows, nearest first; with ``return_distance``,
        ``(distances, indices)`` with Euclidean distances in the input's units (from
        float32: about 7 significant digits).
        """
        k = self.n_neighbors if n_neighbors is None else int(n_neighbors)
        query64 = self._reference if X is None else np.asarray(X, dtype=np.float64)
        n_ref = len(self._reference)
        if k > n_ref:
            raise ValueError(f"n_neighbors={k} exceeds the {n_ref} fitted rows.")
        # pinned probes decided exactness once for the whole fitted set: a block of it
        # must not be re-decided by its own (smaller) size
        exact = self._exact(len(query64)) if self._pinned is None else self._pinned == 0
        if self.n_cells_ == 1 or k > ROWS_PER_CELL or exact:
            return self._exact_answer(query64, k, return_distance)
        query = self._cast(query64)
        if self._pinned is None:
            self.n_probe_ = self._calibrate(query64, query, k)
        else:
            self.n_probe_ = self._pinned
        if self.n_probe_ == 0:  # the probes that reach the recall cost more than the exact
            return self._exact_answer(query64, k, return_distance)
        # queries cell by cell: consecutive queries scan the same cells (cache-friendly)
        if query64 is self._reference:
            order = self._cell_order
        else:
            order = np.argsort(self._quantizer.search(query, 1)[1].ravel(), kind="stable")
        dist = np.empty((len(query), k), dtype=np.float32)
        index = np.empty((len(query), k), dtype=np.int64)
        dist[order], index[order] = self._search(query[order], k, self.n_probe_)
        index = index.astype(np.intp, copy=False)
        if not return_distance:
            return index
        return np.sqrt(np.maximum(dist, 0.0), dtype=np.float64) * self._scale, index

    def pin_probes(self, n_neighbors: int | None = None) -> ApproximateNeighbors:
        """Calibrate once on the fitted rows and use those probes in every later search.

        The probes are those a :meth:`kneighbors` of the fitted rows would calibrate (the
        same sample), so :meth:`kneighbors_fitted` over slices that cover the fitted rows
        gives the answer of one ``kneighbors()`` call. ``recall_`` is the sample's recall.
        Returns ``self``.

        Examples
        --------
        >>> x = np.random.default_rng(0).normal(size=(20_000, 8))
        >>> search = ApproximateNeighbors(exact_below=0).fit(x).pin_probes()
        >>> whole = search.kneighbors(return_distance=False)
        >>> parts = [search.kneighbors_fitted(s, s + 5_000) for s in range(0, 20_000, 5_000)]
        >>> bool((np.concatenate(parts) == whole).all())
        True
        """
        k = self.n_neighbors if n_neighbors is None else int(n_neighbors)
        reference = self._reference
        if self.n_cells_ == 1 or k > ROWS_PER_CELL or self._exact(len(reference)):
            self._pinned = 0
        else:
            self._pinned = self._calibrate(reference, self._cast(reference), k)
        return self

    def kneighbors_fitted(
        self, start: int, stop: int, n_neighbors: int | None = None
    ) -> np.ndarray:
        """Return the neighbour indices of fitted rows ``start`` to ``stop``.

        The rows of :meth:`kneighbors` of all fitted rows (with the pinned probes), up to
        the order of rows at exactly equal distance: the row itself usually comes first,
        but an exact duplicate may precede it.
        """
        k = self.n_neighbors if n_neighbors is None else int(n_neighbors)
        if self._pinned is None:
            self.pin_probes(k)
        found: np.ndarray = self.kneighbors(self._reference[start:stop], k, return_distance=False)
        return found

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the faiss index as its serialized bytes (faiss objects do not pickle)."""
        state = self.__dict__.copy()
        if "_index" in state:
            state["_index"] = import_faiss().serialize_index(state["_index"])
            del state["_quantizer"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        if "_index" in state:
            faiss = import_faiss()
            state["_index"] = faiss.deserialize_index(state["_index"])
            state["_quantizer"] = faiss.downcast_index(state["_index"].quantizer)
        self.__dict__.update(state)

    def _exact_answer(self, query64: np.ndarray, k: int, return_distance: bool) -> Any:
        """Answer exactly: the self search for the fitted rows (each row first), else cross."""
        from pd_imbalance._core.neighbors import cross_neighbors, nearest_neighbors

        self.recall_ = 1.0
        self.n_probe_ = self.n_cells_
        if query64 is self._reference and not return_distance and 1 < k < len(query64):
            others = nearest_neighbors(query64, k - 1)  # the symmetric search: half the work
            return np.column_stack([np.arange(len(query64), dtype=np.intp), others])
        index, dist = cross_neighbors(query64, self._reference, k, return_distance=True)
        return (dist, index) if return_distance else index

    def _cast(self, rows: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray((rows - self._centre) / self._scale, dtype=np.float32)

    def _search(self, query: np.ndarray, k: int, n_probe: int) -> tuple[np.ndarray, np.ndarray]:
        """Search with ``n_probe`` cells; rows that found fewer than ``k`` probe more."""
        # probes passed per call, never set on the index: threads may share one index
        faiss = import_faiss()
        params = faiss.SearchParametersIVF(nprobe=n_probe)
        dist, index = self._index.search(query, k, params=params)
        short = np.flatnonzero((index < 0).any(axis=1))
        while short.size:  # too few rows in the probed cells: probe more (all, at worst)
            n_probe = min(self.n_cells_, 4 * n_probe)
            params = faiss.SearchParametersIVF(nprobe=n_probe)
            dist[short], index[short] = self._index.search(query[short], k, params=params)
            short = short[(index[short] < 0).any(axis=1)]
        return dist, index

    def _calibrate(self, query64: np.ndarray, query: np.ndarray, k: int) -> int:
        """Return the fewest probed cells of :data:`PROBE_STEPS` whose sample recall is reached.

        0 when the exact search is cheaper than every number of probes that reaches it
        (see :data:`INDEX_PAIR_COST`; not with an explicit ``exact_below``).
        """
        from pd_imbalance._core.neighbors import cross_neighbors

        most = int(self.n_cells_)
        if self.exact_below is None and INDEX_PAIR_COST > 0:  # more probes cost more than exact
            most = min(most, int(len(self._reference) / (ROWS_PER_CELL * INDEX_PAIR_COST)))
            if most < PROBE_STEPS[0]:
                return 0

        rng = np.random.default_rng([self.random_state, 1])
        m = min(len(query), CALIBRATION_ROWS)
        sample = np.sort(rng.choice(len(query), m, replace=False))
        exact = cross_neighbors(query64[sample], self._reference, k)
        queries = query[sample]
        # querying the fitted rows, a row finds itself (trivially): the recall counts the
        # other rows only, those a caller keeps (recall@k of the k - 1 others)
        wanted = np.ones(exact.shape, dtype=bool)
        if query64 is self._reference:
            wanted = exact != sample[:, None]

        def recall_at(n_probe: int) -> float:
            _, found = self._search(queries, k, n_probe)
            hits = (exact[:, :, None] == found[:, None, :]).any(axis=2) & wanted
            return float(hits.sum()) / max(int(wanted.sum()), 1)

        steps = [p for p in PROBE_STEPS if p < most] + [most]
        below = 0  # the largest number of probes known to miss the recall
        for n_probe in steps:
            self.recall_ = recall_at(n_probe)
            if self.recall_ >= self.recall:
                return self._refine(recall_at, below, n_probe)
            below = n_probe
        return n_probe if most == self.n_cells_ else 0

    def _refine(self, recall_at: Any, below: int, enough: int) -> int:
        """Bisect between ``below`` probes (too few) and ``enough``, to within an eighth.

        The steps of :data:`PROBE_STEPS` are up to 1.5 times apart; the fewest probes that
        reach the recall are often well below the step that first does (each probe saved
        is a share of the whole search). ``recall_`` ends as the recall at the result.
        """
        recall = self.recall_
        while enough - below > max(1, below // 8):
            middle = (below + enough) // 2
            measured = recall_at(middle)
            if measured >= self.recall:
                enough, recall = middle, measured
            else:
                below = middle
        self.recall_ = recall
        return enough
