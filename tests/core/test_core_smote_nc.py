"""SMOTE-NC with wide (ID-like) categoricals: exact neighbours, linear memory, a warning."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pandas as pd
import pytest

import pd_imbalance as pdi
from pd_imbalance._core.smote_nc import (
    WIDE_LEVELS,
    MixedSpace,
    class_neighbors,
    distance_space,
    smote_nc_penalty,
)


def oracle_d2(continuous: np.ndarray, categorical: list[np.ndarray]) -> np.ndarray:
    """All squared SMOTE-NC distances, by definition (m x m; small inputs only)."""
    penalty2 = smote_nc_penalty(continuous) ** 2
    diff = continuous[:, None, :] - continuous[None, :, :]
    d2 = (diff**2).sum(axis=2)
    for codes in categorical:
        d2 += penalty2 * (codes[:, None] != codes[None, :])
    np.fill_diagonal(d2, np.inf)
    return d2


def assert_exact(found: np.ndarray, d2: np.ndarray, k: int) -> None:
    m = len(d2)
    assert found.shape == (m, k)
    assert not (found == np.arange(m)[:, None]).any()  # never the row itself
    assert all(len(set(row)) == k for row in found.tolist())  # no repeats
    got = np.take_along_axis(d2, found, axis=1)
    best = np.sort(d2, axis=1)[:, :k]
    np.testing.assert_allclose(got, best, rtol=1e-12, atol=0)  # nearest first, exact


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("k", [1, 3, 5])
def test_wide_categoricals_give_the_exact_smote_nc_neighbours(seed: int, k: int) -> None:
    rng = np.random.default_rng(seed)
    m = 400
    continuous = rng.normal(size=(m, 3)) * [1.0, 10.0, 0.1]
    ids = rng.integers(0, 300, size=m)  # wide: ~300 levels, a few shared
    zips = rng.integers(0, 150, size=m)  # wide too
    colour = rng.integers(0, 4, size=m)  # narrow: one-hot
    space = distance_space(continuous, [ids, zips, colour])
    assert isinstance(space, MixedSpace) and len(space.wide) == 2
    assert space.dense.shape == (m, 3 + 4)  # no rows x levels block for the wide columns
    assert_exact(class_neighbors(space, k), oracle_d2(continuous, [ids, zips, colour]), k)


def test_only_wide_categoricals() -> None:
    rng = np.random.default_rng(1)
    m = 200
    ids = rng.integers(0, 150, size=m)
    space = distance_space(np.empty((m, 0)), [ids])
    assert isinstance(space, MixedSpace) and space.dense.shape == (m, 0)
    assert_exact(class_neighbors(space, 3), oracle_d2(np.empty((m, 0)), [ids]), 3)


def test_a_narrow_column_stays_one_hot() -> None:
    codes = np.arange(100) % WIDE_LEVELS
    space = distance_space(np.zeros((100, 1)), [codes])
    assert isinstance(space, np.ndarray) and space.shape == (100, 1 + WIDE_LEVELS)


def test_a_wide_column_with_big_groups_stays_one_hot() -> None:
    # 70 levels but rows share them heavily: the pairs would outnumber the one-hot matrix
    codes = np.repeat(np.arange(70), 300)  # 299 other rows share each row's level
    space = distance_space(np.zeros((len(codes), 1)), [codes])
    assert isinstance(space, np.ndarray) and space.shape == (len(codes), 71)


def id_frame(n_major: int, n_minor: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = n_major + n_minor
    return pd.DataFrame(
        {
            "amount": rng.gamma(2.0, 50.0, size=n),
            "age": rng.integers(18, 90, size=n),
            "package_id": [f"PKG-{i:07d}" for i in rng.permutation(n)],
            "y": [0] * n_major + [1] * n_minor,
        }
    )


def test_smote_nc_with_an_id_column_warns_and_stays_linear_in_memory() -> None:
    # regression: 60k rows with an ID-like string column built a dense rows x levels matrix
    # (6.4 min, +3.4 GB); now the ID column is kept as codes
    df = id_frame(50_000, 10_000)
    tracemalloc.start()
    with pytest.warns(pdi.ImbalanceWarning, match="'package_id' has 10,000 distinct values"):
        out = pdi.smote(df, "y", random_state=0)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert out["y"].value_counts().to_dict() == {0: 50_000, 1: 50_000}
    assert out["package_id"].iloc[60_000:].isin(df["package_id"][df["y"] == 1]).all()
    assert peak < 400 * 2**20  # a 10k x 10k float64 one-hot alone would be 800 MB


def test_the_id_warning_is_not_raised_for_ordinary_categoricals() -> None:
    df = id_frame(500, 100)
    df["package_id"] = df["package_id"].str[-1]  # ten levels
    out = pdi.smote(df, "y", random_state=0)  # filterwarnings=error: no warning allowed
    assert len(out) == 1000


def test_the_vote_of_a_wide_column_is_the_mode_with_uniform_ties() -> None:
    from pd_imbalance._core.smote import SmotePlan, most_common_into

    # 1000 levels: votes are compared among the k neighbours, never tallied over levels
    s, k = 20_000, 4
    categories = np.arange(1000)
    # each synthetic row votes on neighbours [a, a, b, c] (mode a) or [a, a, b, b] (tie)
    a, b, c = 7, 500, 999
    neighborhoods = np.tile([a, a, b, c], (s, 1))
    neighborhoods[s // 2 :] = [a, a, b, b]
    plan = SmotePlan(
        sources=np.concatenate([np.zeros(s, np.intp), neighborhoods.ravel()]),
        base_local=np.arange(s, dtype=np.int32),
        neighbor_local=np.arange(s, dtype=np.int32),
        lam=np.zeros(s),
        class_code=np.zeros(s, dtype=np.int32),
        neighbors_local=np.concatenate(
            [s + np.arange(s * k).reshape(s, k), np.zeros((s * k, k), dtype=np.intp)]
        ).astype(np.int32),
    )
    out = np.empty(s, dtype=np.intp)
    most_common_into(categories, plan, out, np.random.default_rng(0))
    assert (out[: s // 2] == a).all()
    tied = out[s // 2 :]
    assert set(tied.tolist()) == {a, b}
    assert abs((tied == a).mean() - 0.5) < 0.02  # 10,000 fair coin flips: sd 0.005
