"""Approximate k nearest neighbours for large classes: k-means cells searched by blocks.

The exact search compares every pair of rows of a class, so its cost grows with the square
of the class size (a 1M-row class is about 10^12 pairs). :class:`ApproximateNeighbors`
partitions the reference rows into cells around k-means centroids (about
:data:`ROWS_PER_CELL` rows each; faiss trains the k-means) and answers the query rows of one
cell together: they are compared with every row of the ``n_probe_`` cells whose centroids
lie nearest to their own cell's centroid (their own cell first). One float32 matrix product
per block of candidate rows gives the distances; each query keeps an upper bound of its
k-th distance from the elementwise minima of disjoint column groups, so only a handful of
candidates per query (about 10) are ever collected and ranked. Cost: the rows times the
probed cells' rows, linear in the rows for a fixed number of probes, with the per-pair cost
of a matrix product (about a sixth of what faiss's inverted-file scan, which ranks the cells
per query, costs per pair here; it needs about four times fewer probes, so the blocks win by
about 1.5-2.5 times on 20-D Gaussian mixtures of 200k to 1M rows).

How many cells to probe is *measured*, not guessed: on a seeded sample of the query rows
the exact neighbours are computed with the exact kernel; a query finds a neighbour exactly
when the neighbour's cell is among the probed ones, so the recall for every number of
probes follows from the rank of each neighbour's cell in the list of the query's cell, and
the fewest probes whose sample recall (the share of the exact k neighbours found;
searching the fitted rows, each row's other rows, not itself) reaches ``recall`` are
taken. The default 0.955 is 0.005 above the 0.95 promised: with 2,048 sample rows of 5
neighbours the sample's standard error is about 0.002. The measured figure is kept as
``recall_`` and the number of probed cells as ``n_probe_``.

Small searches, at most :data:`EXACT_BELOW_COST` query rows x reference rows x features
(about 0.6 s of exact search on two cores), are answered by the exact search: below that the
index is no faster, and the answer is then exact (``recall_`` 1.0). So is every search
whose calibrated probes would compare more than ``1 / INDEX_PAIR_COST`` of the pairs the
exact search compares (:data:`INDEX_PAIR_COST`), so the search is never much slower than
the exact one.

The rows are centred on the reference's column medians (those of an evenly spaced sample, as
in the exact search) and scaled by a power of two before
the float32 products see them (large offsets such as a ``999999999`` sentinel lose no
resolution); the k found neighbours are ranked by their float64 distances. Results are
deterministic for a ``random_state``: the k-means sample, its seed and the calibration
sample are all drawn from it, and a query's answer depends only on its own row and cell,
never on the other rows searched with it.

A fitted index can be shared: :meth:`ApproximateNeighbors.pin_probes` calibrates once on
the fitted rows and fixes the probes, :meth:`ApproximateNeighbors.kneighbors_fitted`
answers a slice of the fitted rows, and the object pickles (plain arrays), so tasks in other
processes (dask workers) can each answer a block of rows with the same probes, and together
give the same answer as one call.

faiss (its k-means) is an optional dependency: ``pip install "pd-imbalance[ann]"``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pd_imbalance._core.knn_prep import column_centre, kth_upper_columns
from pd_imbalance._core.threads import available_cpus, blas_single_thread, run_threads

__all__ = ["EXACT_BELOW_COST", "ROWS_PER_CELL", "ApproximateNeighbors", "import_faiss"]

#: Reference rows per cell of the index (k-means cells: ``n // ROWS_PER_CELL`` of them).
ROWS_PER_CELL = 256
#: Searches of at most this many query rows x reference rows x features are exact: below
#: it the index is no faster (a 25k-row class of 20 features: 0.38 s exactly, 0.39 s with
#: the index on clustered data; 50k rows: 0.96 s and 0.69 s; two cores).
EXACT_BELOW_COST = 3e10
#: A pair compared by the blocks costs about this many pairs of the exact search (measured
#: on 20 features, two cores: 1.0e-9 s against 3.2e-10 s). After calibration, the search is
#: exact when the probes would compare more than ``1 / INDEX_PAIR_COST`` of the pairs the
#: exact search compares.
INDEX_PAIR_COST = 3.0
#: Query rows whose exact neighbours calibrate the number of probed cells.
CALIBRATION_ROWS = 2048
#: k-means is trained on at most this many rows per cell (rough cells suffice: the probes
#: are calibrated on the result).
TRAINING_ROWS_PER_CELL = 32
#: Lloyd iterations of the k-means (a 1M-row class of 20 features: 4 iterations give the
#: cells of 8 to within 0.005 of sample recall at every number of probes, 2.3 s sooner).
KMEANS_ITERATIONS = 4
#: Candidate rows per matrix product of a block (the float32 distances of one product,
#: times the block's query rows, stay in the second-level cache's neighbourhood).
CANDIDATE_ROWS = 4096
#: Query rows answered together (a cell's rows, cut into pieces of at most this many).
QUERY_ROWS = 512
#: Cells whose centroid rankings are computed at once (bounds the cells x cells distances).
RANKING_CELLS = 512
#: Candidates a query may collect per piece on average before the piece keeps only each
#: query's k smallest (rows tied at the bound, e.g. many copies of one row).
SURVIVORS_PER_QUERY = 64
#: Column groups the k-th distance bound is taken over (elementwise minima of the halves).
FOLD_GROUPS = 32


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


def _fold_bound(dist: np.ndarray, work: np.ndarray, k: int) -> np.ndarray | None:
    """Return an upper bound of each column's k-th smallest entry of ``dist`` (None: too few rows).

    :func:`~pd_imbalance._core.knn_prep.kth_upper_columns` over :data:`FOLD_GROUPS` groups.
    """
    if dist.shape[0] < k:
        return None
    return kth_upper_columns(dist, k, FOLD_GROUPS, work)


def _block_neighbors(
    cells: np.ndarray, query_b: np.ndarray, candidates: np.ndarray, k: int
) -> np.ndarray:
    """Return the k nearest ``candidates`` rows (positions, nearest first) of each query row.

    ``cells`` holds the reference rows as ``[x, |x|^2]`` (float32), ``query_b`` the query
    rows as ``[-2 q, 1]``, so that one product gives ``|x - q|^2 - |q|^2``; ``candidates``
    (at least ``k`` positions into ``cells``) is searched in pieces of
    :data:`CANDIDATE_ROWS`; the first piece (the query's own cell and the nearest ones)
    gives the bound of each query's k-th entry that the later pieces are compared with.
    """
    nq = len(query_b)
    transposed = query_b.T
    piece = min(CANDIDATE_ROWS, len(candidates))
    dist_buf = np.empty(piece * nq, dtype=np.float32)
    work = np.empty((piece // 2 + 1) * nq, dtype=np.float32)
    below = np.empty(piece * nq, dtype=np.bool_)
    bound = np.full(nq, np.inf, dtype=np.float32)  # set by the first piece
    rows, cols, vals = [], [], []
    for s in range(0, len(candidates), piece):
        idx = candidates[s : s + piece]
        dist = dist_buf[: len(idx) * nq].reshape(len(idx), nq)
        np.matmul(cells[idx], transposed, out=dist)
        if s == 0:  # the nearest cells' piece gives the bound (folding later pieces costs
            # more than the few candidates it would spare: about 12 % of the search)
            tighter = _fold_bound(dist, work, k)
            assert tighter is not None  # the first piece holds at least k rows
            bound = tighter
        mask = below[: len(idx) * nq].reshape(len(idx), nq)
        np.less_equal(dist, bound, out=mask)
        flat = np.flatnonzero(mask)
        if flat.size > SURVIVORS_PER_QUERY * nq:  # many rows at the bound (duplicates): keep
            # each query's k smallest of the piece only (memory stays k per query and piece)
            part = np.argpartition(dist, k - 1, axis=0)[:k] if len(idx) > k else None
            r = np.arange(len(idx))[:, None].repeat(nq, 1) if part is None else part
            q = np.broadcast_to(np.arange(nq), r.shape)
            r, q = r.ravel(), q.ravel()
            flat = r * nq + q
        else:
            r, q = np.divmod(flat, nq)
        rows.append(idx[r])
        cols.append(q)
        vals.append(dist.ravel()[flat])
    r, q, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    order = np.lexsort((v, q))  # by query, then distance (stable: candidate order on ties)
    first = np.searchsorted(q[order], np.arange(nq))
    found: np.ndarray = r[order][first[:, None] + np.arange(k)]
    return found


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
        Threads for the k-means and the search (None: every available core).
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
        Cells probed by the query rows of each cell in the last :meth:`kneighbors` (their
        own cell and the cells with the nearest centroids).
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
        faiss = import_faiss()
        threads = self._threads()
        faiss.omp_set_num_threads(threads)
        self._centre = column_centre(reference)  # the exact search's centre (a sample's medians)
        centred = reference - self._centre
        top = float(np.abs(centred).max(initial=0.0))
        self._scale = 2.0 ** int(np.ceil(np.log2(top))) if top > 0 else 1.0  # exact division
        rows = np.ascontiguousarray(centred / self._scale, dtype=np.float32)
        del centred
        n_cells = self.n_cells_
        rng = np.random.default_rng(self.random_state)
        seed = int(rng.integers(2**31 - 1))
        # a small sample is meant: min_points_per_centroid=1 keeps stderr quiet
        kmeans = faiss.Kmeans(
            d, n_cells, niter=KMEANS_ITERATIONS, seed=seed, min_points_per_centroid=1
        )
        train_rows = min(n, max(n_cells * TRAINING_ROWS_PER_CELL, n_cells))
        training = rows if train_rows >= n else rows[np.sort(rng.choice(n, train_rows, False))]
        kmeans.train(training)
        self._centroids = np.ascontiguousarray(kmeans.centroids, dtype=np.float32)
        self._labels = kmeans.index.search(rows, 1)[1].ravel().astype(np.intp)  # nearest
        order = np.argsort(self._labels, kind="stable")  # the rows cell by cell
        self._order = order.astype(np.intp)
        counts = np.bincount(self._labels, minlength=n_cells)
        self._starts = np.concatenate([[0], np.cumsum(counts)])
        cells = np.empty((n, d + 1), dtype=np.float32)
        np.take(rows, order, axis=0, out=cells[:, :d])
        np.einsum("ij,ij->i", cells[:, :d], cells[:, :d], out=cells[:, d])
        self._cells = cells
        return self

    def _threads(self) -> int:
        return available_cpus() if self.n_threads is None else max(1, int(self.n_threads))

    def _exact(self, query_rows: int) -> bool:
        """Whether a search of ``query_rows`` is cheap enough to be exact."""
        limit = EXACT_BELOW_COST if self.exact_below is None else float(self.exact_below)
        cost = float(query_rows) * len(self._reference) * max(self._reference.shape[1], 1)
        return bool(cost <= limit)

    def kneighbors(
        self, X: Any = None, n_neighbors: int | None = None, return_distance: bool = True
    ) -> Any:
        """Return the (approximately) nearest reference rows of each row of ``X``.

        Indices (intp) into the fitted rows, nearest first (by float64 distance); with
        ``return_distance``, ``(distances, indices)`` with float64 Euclidean distances in the
        input's units.
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
        fitted = query64 is self._reference
        query = self._cast(query64)
        homes = self._labels if fitted else self._home_cells(query)
        if self._pinned is None:
            self.n_probe_ = self._calibrate(query64, homes, k, fitted)
        else:
            self.n_probe_ = self._pinned
        if self.n_probe_ == 0:  # the probes that reach the recall cost more than the exact
            return self._exact_answer(query64, k, return_distance)
        return self._search(query64, query, homes, k, return_distance)

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
            self._pinned = self._calibrate(reference, self._labels, k, True)
        return self

    def kneighbors_fitted(
        self, start: int, stop: int, n_neighbors: int | None = None
    ) -> np.ndarray:
        """Return the neighbour indices of fitted rows ``start`` to ``stop``.

        The rows of :meth:`kneighbors` of all fitted rows (with the pinned probes): a row's
        answer depends only on the row and its cell.
        """
        k = self.n_neighbors if n_neighbors is None else int(n_neighbors)
        if self._pinned is None:
            self.pin_probes(k)
        if self._pinned == 0 or self.n_cells_ == 1 or k > ROWS_PER_CELL:
            found: np.ndarray = self.kneighbors(
                self._reference[start:stop], k, return_distance=False
            )
            return found
        assert self._pinned is not None
        self.n_probe_ = self._pinned
        query64 = self._reference[start:stop]
        found = self._search(
            query64, self._cast(query64), self._labels[start:stop], k, return_distance=False
        )
        return found

    def fitted_block(
        self, start: int, stop: int, n_neighbors: int | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(rows, neighbours)`` of positions ``start:stop`` of the cell order.

        The cell order lists the fitted rows cell by cell; ``rows`` are the positions of the
        block's rows in the fitted rows. Blocks of the cell order that cover the fitted
        rows give the answer of one :meth:`kneighbors` call (with the pinned probes), each
        row once; a block holds whole cells but for its ends, so its queries share their
        cells' candidates (a block of the row order would split every cell). Without cells
        (an exact search), the cell order is the row order.

        Examples
        --------
        >>> x = np.random.default_rng(0).normal(size=(20_000, 8))
        >>> search = ApproximateNeighbors(exact_below=0).fit(x).pin_probes()
        >>> whole = search.kneighbors(return_distance=False)
        >>> rows, found = search.fitted_block(0, 7_000)
        >>> bool((found == whole[rows]).all()), len(np.unique(rows))
        (True, 7000)
        """
        k = self.n_neighbors if n_neighbors is None else int(n_neighbors)
        if self._pinned is None:
            self.pin_probes(k)
        if self._pinned == 0 or self.n_cells_ == 1 or k > ROWS_PER_CELL:
            return np.arange(start, stop, dtype=np.intp), self.kneighbors_fitted(start, stop, k)
        assert self._pinned is not None
        self.n_probe_ = self._pinned
        rows = self._order[start:stop]
        query64 = self._reference[rows]
        found: np.ndarray = self._search(
            query64, self._cast(query64), self._labels[rows], k, return_distance=False
        )
        return rows, found

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

    def _home_cells(self, query: np.ndarray) -> np.ndarray:
        """Return the cell of each (cast) query row: its nearest centroid (chunked products)."""
        cent = self._centroids
        norms = np.einsum("ij,ij->i", cent, cent)
        homes = np.empty(len(query), dtype=np.intp)
        step = max(1, (1 << 22) // len(cent))
        for s in range(0, len(query), step):
            part = query[s : s + step] @ cent.T
            part *= -2.0
            part += norms
            homes[s : s + step] = np.argmin(part, axis=1)
        return homes

    def _ranking(self, cells: np.ndarray, depth: int | None = None) -> np.ndarray:
        """Return the cells ordered by their centroid's distance from each of ``cells``' centroids.

        Each cell comes first in its own list; ties in index order. Only the first
        ``depth`` of each list when given.
        """
        cent = self._centroids
        norms = np.einsum("ij,ij->i", cent, cent)
        depth = len(cent) if depth is None else min(depth, len(cent))
        out = np.empty((len(cells), depth), dtype=np.intp)
        for s in range(0, len(cells), RANKING_CELLS):
            part = cells[s : s + RANKING_CELLS]
            dist = cent[part] @ cent.T
            dist *= -2.0
            dist += norms
            dist[np.arange(len(part)), part] = -np.inf  # a cell's own rows first
            if depth < len(cent):
                near = np.argpartition(dist, depth - 1, axis=1)[:, :depth]
                near.sort(axis=1)  # index order, so the stable sort breaks ties by index
                within = np.take_along_axis(dist, near, axis=1)
                out[s : s + len(part)] = np.take_along_axis(
                    near, np.argsort(within, axis=1, kind="stable"), axis=1
                )
            else:
                out[s : s + len(part)] = np.argsort(dist, axis=1, kind="stable")
        return out

    def _calibrate(self, query64: np.ndarray, homes: np.ndarray, k: int, fitted: bool) -> int:
        """Return the fewest probed cells whose recall on the calibration sample is reached.

        A query finds a neighbour exactly when the neighbour's cell is probed, so the recall
        for ``p`` probes is the share of the sample's exact neighbours whose cell ranks
        below ``p`` in the list of the query's cell. 0 when those probes would cost more
        than the exact search (see :data:`INDEX_PAIR_COST`; not with an explicit
        ``exact_below``).
        """
        from pd_imbalance._core.neighbors import cross_neighbors

        rng = np.random.default_rng([self.random_state, 1])
        m = min(len(query64), CALIBRATION_ROWS)
        sample = np.sort(rng.choice(len(query64), m, replace=False))
        exact = cross_neighbors(query64[sample], self._reference, k)
        # querying the fitted rows, a row finds itself (trivially): the recall counts the
        # other rows only, those a caller keeps (recall@k of the k - 1 others)
        wanted = exact != sample[:, None] if fitted else np.ones(exact.shape, dtype=bool)
        ranking = self._ranking(homes[sample])
        rank_of = np.empty_like(ranking)
        np.put_along_axis(rank_of, ranking, np.arange(ranking.shape[1])[None, :], axis=1)
        ranks = np.take_along_axis(rank_of, self._labels[exact], axis=1)[wanted]
        if ranks.size == 0:
            self.recall_ = 1.0
            return 1
        ranks.sort()
        needed = min(ranks.size, int(np.ceil(self.recall * ranks.size - 1e-9)))
        n_probe = int(ranks[max(needed, 1) - 1]) + 1
        self.recall_ = float(np.searchsorted(ranks, n_probe)) / ranks.size
        # candidates per query row: the sampled queries' probed cells, as they are (a cell
        # of many duplicates holds far more than its share)
        sizes = np.diff(self._starts)
        pairs = float(sizes[ranking[:, :n_probe]].sum(axis=1).mean())
        if self.exact_below is None and pairs * INDEX_PAIR_COST > len(self._reference):
            return 0
        return n_probe

    def _search(
        self,
        query64: np.ndarray,
        query: np.ndarray,
        homes: np.ndarray,
        k: int,
        return_distance: bool,
    ) -> Any:
        """Search each cell's query rows among the rows of its ``n_probe_`` nearest cells."""
        d = query.shape[1]
        starts, cells = self._starts, self._cells
        sizes = np.diff(starts)
        by_home = np.argsort(homes, kind="stable")
        home_starts = np.searchsorted(homes[by_home], np.arange(self.n_cells_ + 1))
        occupied = np.flatnonzero(np.diff(home_starts))
        found = np.empty((len(query), k), dtype=np.intp)

        def answer(chunk: np.ndarray) -> None:
            near = self._ranking(chunk, self.n_probe_)
            for cell, probed in zip(chunk.tolist(), near, strict=True):
                lengths = sizes[probed]
                if lengths.sum() < k:  # too few rows in the probed cells: every row
                    probed, lengths = np.arange(self.n_cells_), sizes
                total = int(lengths.sum())
                offsets = np.repeat(starts[probed] - np.cumsum(lengths) + lengths, lengths)
                candidates = offsets + np.arange(total)
                members = by_home[home_starts[cell] : home_starts[cell + 1]]
                for s in range(0, len(members), QUERY_ROWS):
                    rows = members[s : s + QUERY_ROWS]
                    query_b = np.empty((len(rows), d + 1), dtype=np.float32)
                    np.multiply(query[rows], -2.0, out=query_b[:, :d])
                    query_b[:, d] = 1.0
                    found[rows] = _block_neighbors(cells, query_b, candidates, k)

        chunks = np.array_split(occupied, max(1, -(-len(occupied) // 64)))
        with blas_single_thread():
            run_threads(answer, chunks, self._threads())
        found = self._order[found]
        # rank the k found by float64 distance (stable: the float32 order on exact ties)
        dist = np.empty(found.shape, dtype=np.float64)
        step = max(1, (1 << 20) // max(1, k * d))
        for s in range(0, len(found), step):
            diff = self._reference[found[s : s + step]] - query64[s : s + step, None, :]
            dist[s : s + step] = np.sqrt(np.einsum("ijk,ijk->ij", diff, diff))
        order = np.argsort(dist, axis=1, kind="stable")
        found = np.take_along_axis(found, order, axis=1)
        if not return_distance:
            return found
        return np.take_along_axis(dist, order, axis=1), found
