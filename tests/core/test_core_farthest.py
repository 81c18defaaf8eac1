"""farthest_sums (NearMiss-2's score) equals summing the last k of a full cross search."""

from __future__ import annotations

import numpy as np
import pytest

from pd_imbalance._core.cross_knn import cross_search, farthest_sums


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("d", [1, 3, 12])
def test_farthest_sums_equal_the_full_ranking(seed: int, d: int) -> None:
    rng = np.random.default_rng(seed)
    q, r, k = int(rng.integers(1, 400)), int(rng.integers(1, 90)), int(rng.integers(1, 8))
    query = rng.standard_normal((q, d)) * 10.0 ** rng.integers(-3, 4)
    reference = rng.standard_normal((r, d)) * 10.0 ** rng.integers(-3, 4)
    if seed % 2:  # ties: rounded values and duplicated reference rows
        query, reference = np.round(query, 0), np.round(np.vstack([reference, reference]), 0)
    _, dist = cross_search(query, reference, len(reference))
    expected = dist[:, -min(k, len(reference)) :].sum(axis=1)
    got = farthest_sums(query, reference, k)
    assert np.array_equal(got, expected)  # bit for bit: the same exact distances, same order


def test_farthest_sums_small_blocks_and_no_queries(monkeypatch: pytest.MonkeyPatch) -> None:
    import pd_imbalance._core.cross_knn as ck

    rng = np.random.default_rng(7)
    query, reference = rng.standard_normal((500, 5)), rng.standard_normal((60, 5))
    whole = farthest_sums(query, reference, 3)
    monkeypatch.setattr(ck, "FARTHEST_BLOCK_ENTRIES", 60 * 7)  # blocks of 7 rows, threads
    assert np.array_equal(farthest_sums(query, reference, 3, n_threads=2), whole)
    assert farthest_sums(np.empty((0, 5)), reference, 3).shape == (0,)
