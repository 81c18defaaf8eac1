"""The approximate neighbour search: measured recall, determinism, the missing extra, guard rail."""

from __future__ import annotations

import sys
import warnings

import numpy as np
import pytest

from pd_imbalance._core import neighbor_rule
from pd_imbalance._core.approx_knn import ApproximateNeighbors, import_faiss
from pd_imbalance._core.neighbor_rule import NeighborRule, warn_exact_cost
from pd_imbalance._core.neighbors import cross_neighbors
from pd_imbalance.errors import ImbalanceWarning

faiss = pytest.importorskip(
    "faiss", reason='the approximate search needs the [ann] extra (pip install "pd-imbalance[ann]")'
)


def gaussian_mixture(n: int, d: int = 20, components: int = 10, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=4.0, size=(components, d))
    return centres[rng.integers(components, size=n)] + rng.normal(size=(n, d))


def recall_at(found: np.ndarray, exact: np.ndarray) -> float:
    """Share of the exact neighbours among the found ones (order ignored)."""
    return float((found[:, :, None] == exact[:, None, :]).any(axis=2).mean())


def own_recall(x: np.ndarray, k: int = 5, sample: int = 1500) -> tuple[float, ApproximateNeighbors]:
    """recall@k of each row's k nearest *other* rows (the row itself not counted), sampled."""
    search = ApproximateNeighbors(n_neighbors=k + 1, random_state=0, exact_below=0).fit(x)
    found = search.kneighbors(x, return_distance=False)
    rows = np.random.default_rng(1).choice(len(x), min(sample, len(x)), replace=False)
    exact = cross_neighbors(x[rows], x, k + 1)
    others = exact != rows[:, None]
    hits = (exact[:, :, None] == found[rows][:, None, :]).any(axis=2) & others
    return float(hits.sum() / others.sum()), search


def test_recall_at_5_on_a_20d_gaussian_mixture() -> None:
    x = gaussian_mixture(40_000)
    recall, search = own_recall(x)
    assert search.n_cells_ == 40_000 // 256
    assert 1 < search.n_probe_ < search.n_cells_  # truly approximate, not a full scan
    assert recall >= 0.95
    assert abs(recall - search.recall_) < 0.02  # the calibration sample says the truth


def test_recall_at_5_on_the_bundled_data() -> None:
    from pd_imbalance.datasets import load_wine_quality

    df = load_wine_quality()
    x = df.drop(columns="quality").to_numpy(dtype=np.float64)
    recall, search = own_recall(x)
    assert search.n_cells_ > 1
    assert recall >= 0.95


def test_small_searches_are_exact() -> None:
    x = gaussian_mixture(30_000, d=6)  # 5.4e9 row pairs x features: below EXACT_BELOW_COST
    search = ApproximateNeighbors(n_neighbors=6).fit(x)
    found = search.kneighbors(x, return_distance=False)
    np.testing.assert_array_equal(found, cross_neighbors(x, x, 6))
    assert search.recall_ == 1.0 and search.n_cells_ == 1
    tiny = ApproximateNeighbors(n_neighbors=3, exact_below=0).fit(x[:500])  # 1 cell of 500
    np.testing.assert_array_equal(
        tiny.kneighbors(return_distance=False), cross_neighbors(x[:500], x[:500], 3)
    )


def test_large_k_is_answered_exactly() -> None:
    x = gaussian_mixture(6000, d=8)
    search = ApproximateNeighbors(exact_below=0).fit(x)
    dist, index = search.kneighbors(x[:20], n_neighbors=300)
    exact_index, exact_dist = cross_neighbors(x[:20], x, 300, return_distance=True)
    np.testing.assert_array_equal(index, exact_index)
    np.testing.assert_allclose(dist, exact_dist)


def test_same_seed_same_neighbours_and_distances_in_input_units() -> None:
    x = gaussian_mixture(20_000, d=8) * 1000.0 + 999_999_999.0  # a sentinel-sized offset
    a = ApproximateNeighbors(6, random_state=3, exact_below=0).fit(x).kneighbors(x)
    b = ApproximateNeighbors(6, random_state=3, exact_below=0).fit(x).kneighbors(x)
    np.testing.assert_array_equal(a[1], b[1])
    np.testing.assert_array_equal(a[0], b[0])
    # the offset costs no resolution: distances agree with the exact ones to float32 precision
    rows = np.arange(0, 20_000, 97)
    exact_index, exact_dist = cross_neighbors(x[rows], x, 6, return_distance=True)
    same = a[1][rows] == exact_index
    np.testing.assert_allclose(a[0][rows][same], exact_dist[same], rtol=1e-4, atol=1e-3)
    assert same.mean() > 0.9


def test_cross_queries_find_the_reference_rows() -> None:
    x = gaussian_mixture(30_000, d=10)
    query = gaussian_mixture(2000, d=10, seed=5)
    search = ApproximateNeighbors(5, exact_below=0).fit(x)
    found = search.kneighbors(query, return_distance=False)
    assert search.recall_ < 1.0  # the index answered
    assert found.shape == (2000, 5) and found.dtype == np.intp
    assert recall_at(found, cross_neighbors(query, x, 5)) >= 0.95


def test_rule_asks_for_k_plus_one_and_drops_the_row_itself() -> None:
    x = gaussian_mixture(10_000, d=6)
    rule = NeighborRule("k_neighbors", 5, ApproximateNeighbors(6, exact_below=0), explicit=True)
    assert rule.approximate and rule.k_across == 5
    found = rule.within(x)
    assert found.shape == (10_000, 5)
    assert not (found == np.arange(10_000)[:, None]).any()


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "faiss", None)  # as on a machine without faiss-cpu
    with pytest.raises(ImportError, match=r'pip install "pd-imbalance\[ann\]"'):
        import_faiss()


def test_guard_rail_warns_above_the_cost_and_names_the_alternative(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.warns(ImbalanceWarning, match='neighbors="approximate"'):
        warn_exact_cost(500_000, 500_000, 20, 5)  # 5e12: 88 s measured
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warn_exact_cost(400_000, 400_000, 20, 5)  # 3.2e12: below the line, silent
    monkeypatch.setattr(neighbor_rule, "EXACT_WARN_COST", 1e6)
    x = gaussian_mixture(400, d=10)
    with pytest.warns(ImbalanceWarning, match="400 rows among 400 rows"):
        NeighborRule("k_neighbors", 5).within(x)
    with warnings.catch_warnings():  # never for the approximate search, which it recommends
        warnings.simplefilter("error")
        NeighborRule("k_neighbors", 5, ApproximateNeighbors(6), explicit=True).within(x)


def test_where_probing_costs_more_than_the_exact_search_the_answer_is_exact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pd_imbalance._core import approx_knn

    monkeypatch.setattr(approx_knn, "EXACT_BELOW_COST", 0.0)  # past the size shortcut
    x = np.random.default_rng(0).standard_normal((20_000, 20))  # no clusters: many probes
    search = ApproximateNeighbors(6).fit(x)
    found = search.kneighbors(x, return_distance=False)
    assert search.n_cells_ > 1 and search.recall_ == 1.0
    np.testing.assert_array_equal(found[:, 1:], cross_neighbors(x, x, 6)[:, 1:])
    assert (found[:, 0] == np.arange(20_000)).all()  # each row first, as the index gives it


def test_pinned_probes_blocks_and_pickling_give_the_one_call_answer() -> None:
    import pickle

    x = np.random.default_rng(5).normal(size=(12_000, 6))
    search = ApproximateNeighbors(exact_below=0).fit(x)
    whole = search.kneighbors(return_distance=False)
    assert search.n_cells_ > 8 and search.recall_ < 1.0  # the index answered
    copy = pickle.loads(pickle.dumps(search.pin_probes()))
    assert copy.n_cells_ == search.n_cells_ and copy._pinned == search.n_probe_
    parts = [copy.kneighbors_fitted(s, min(12_000, s + 5_000)) for s in range(0, 12_000, 5_000)]
    np.testing.assert_array_equal(np.concatenate(parts), whole)
    small = ApproximateNeighbors().fit(x[:500]).pin_probes()  # exact: no index at all
    got = pickle.loads(pickle.dumps(small)).kneighbors_fitted(100, 200)
    np.testing.assert_array_equal(got[:, 0], np.arange(100, 200))


def test_pinned_blocks_keep_the_whole_sets_choice_of_the_index() -> None:
    # the whole search (12k x 12k x 6 = 8.6e8) is above exact_below, each 5k-row block
    # (3.6e8) below it: the blocks must still use the index, as the whole search does
    x = np.random.default_rng(6).normal(size=(12_000, 6))
    search = ApproximateNeighbors(exact_below=5e8).fit(x)
    whole = search.kneighbors(return_distance=False)
    assert search.recall_ < 1.0  # the index answered the whole search
    search.pin_probes()
    parts = [search.kneighbors_fitted(s, min(12_000, s + 5_000)) for s in range(0, 12_000, 5_000)]
    np.testing.assert_array_equal(np.concatenate(parts), whole)


def test_fold_bound_is_an_upper_bound_of_each_columns_kth_entry() -> None:
    from pd_imbalance._core.approx_knn import _fold_bound

    rng = np.random.default_rng(7)
    for rows, cols, k in [(4096, 37, 6), (4097, 5, 6), (100, 3, 6), (31, 4, 6), (3000, 7, 40)]:
        dist = rng.standard_normal((rows, cols)).astype(np.float32)
        work = np.empty((rows // 2 + 1) * cols, dtype=np.float32)
        bound = _fold_bound(dist.copy(), work, k)
        assert bound is not None
        kth = np.sort(dist, axis=0)[k - 1]
        assert (bound >= kth).all()
        assert (bound <= np.sort(dist, axis=0)[min(rows - 1, 64 * k)]).all()  # and tight
    assert _fold_bound(np.zeros((3, 2), np.float32), np.empty(8, np.float32), 6) is None


def test_block_neighbours_are_the_exact_nearest_among_the_candidates() -> None:
    from pd_imbalance._core.approx_knn import _block_neighbors

    rng = np.random.default_rng(8)
    x = rng.standard_normal((9_000, 5)).astype(np.float32)
    cells = np.column_stack([x, np.einsum("ij,ij->i", x, x)]).astype(np.float32)
    q = rng.standard_normal((70, 5)).astype(np.float32)
    query_b = np.column_stack([-2.0 * q, np.ones(70)]).astype(np.float32)
    candidates = np.sort(rng.choice(9_000, 8_500, replace=False))  # two pieces and a half
    for k in (1, 6, 40):
        found = _block_neighbors(cells, query_b, candidates, k)
        dist = ((x[candidates][None, :, :] - q[:, None, :]) ** 2).sum(axis=2)
        expected = candidates[np.argsort(dist, axis=1, kind="stable")[:, :k]]
        np.testing.assert_array_equal(np.sort(found, axis=1), np.sort(expected, axis=1))


def test_duplicated_rows_and_a_sentinel_do_not_break_the_cells() -> None:
    rng = np.random.default_rng(9)
    x = np.vstack([np.zeros((15_000, 4)), rng.standard_normal((5_000, 4))])
    x[-3:] = 999_999_999.0  # a sentinel far away: three rows, each the others' neighbours
    search = ApproximateNeighbors(6, exact_below=0).fit(x)
    dist, found = search.kneighbors()
    assert found.shape == (20_000, 6) and search.recall_ < 1.0
    assert (dist[:15_000] == 0.0).all()  # a duplicate's neighbours are its copies
    assert (found[:15_000] < 15_000).all()
    assert set(found[-3:, :3].ravel().tolist()) == {19_997, 19_998, 19_999}
    np.testing.assert_array_equal(np.sort(dist, axis=1), dist)  # nearest first


def test_cell_order_blocks_answer_each_row_once_as_one_call_does() -> None:
    import pickle

    x = gaussian_mixture(12_000, d=6, seed=3)
    search = ApproximateNeighbors(exact_below=0).fit(x).pin_probes()
    whole = search.kneighbors(return_distance=False)
    copy = pickle.loads(pickle.dumps(search))
    blocks = [copy.fitted_block(s, min(12_000, s + 5_000)) for s in range(0, 12_000, 5_000)]
    rows = np.concatenate([r for r, _ in blocks])
    np.testing.assert_array_equal(np.sort(rows), np.arange(12_000))  # each row once
    for r, found in blocks:
        np.testing.assert_array_equal(found, whole[r])
    # a block of the cell order holds whole cells: few distinct cells per block
    assert len(np.unique(search._labels[blocks[0][0]])) <= 5_000 // 256 + 3
    exact = ApproximateNeighbors().fit(x[:500]).pin_probes()  # no cells: the row order
    r, found = exact.fitted_block(100, 200)
    np.testing.assert_array_equal(r, np.arange(100, 200))
    np.testing.assert_array_equal(found[:, 0], np.arange(100, 200))


def test_the_answer_does_not_depend_on_the_thread_count() -> None:
    x = gaussian_mixture(15_000, d=8, seed=4)
    one = ApproximateNeighbors(6, exact_below=0, n_threads=1).fit(x)
    two = ApproximateNeighbors(6, exact_below=0, n_threads=2).fit(x)
    a, b = one.kneighbors(return_distance=False), two.kneighbors(return_distance=False)
    assert one.recall_ < 1.0 and one.n_probe_ == two.n_probe_
    np.testing.assert_array_equal(a, b)


def test_many_copies_of_one_row_neither_blow_up_memory_nor_beat_the_exact_search() -> None:
    import tracemalloc

    rng = np.random.default_rng(10)
    x = np.vstack([np.ones((30_000, 4)), rng.standard_normal((1_000, 4))])
    tracemalloc.start()
    search = ApproximateNeighbors(6, exact_below=0).fit(x)  # the index, forced
    dist, found = search.kneighbors()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # each block of 512 copies ties with all 30k copies: about 850 MiB of candidates if
    # every tie were collected; the pieces keep k per query (a working set of fixed size)
    assert peak < 200 * 2**20
    assert (dist[:30_000] == 0.0).all() and (found[:30_000] < 30_000).all()
    # by default the calibration counts the candidates as they are (one cell of 20k rows)
    # and finds the exact search cheaper
    y = np.vstack([np.ones((30_000, 20)), rng.standard_normal((10_000, 20))])
    default = ApproximateNeighbors(6).fit(y)
    found = default.kneighbors(return_distance=False)
    assert default.n_cells_ > 1 and default.recall_ == 1.0
    np.testing.assert_array_equal(found[20_000:, 0], np.arange(20_000, 40_000))
