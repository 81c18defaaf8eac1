"""NearMiss (``undersample(method="nearmiss-1|2|3")``): the same rows as imbalanced-learn 0.14.

On tie-free data (continuous random floats) the kept rows are exactly imbalanced-learn's
``NearMiss(version=v).sample_indices_``, as a set, in the input's order.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import assert_unchanged, snapshot
from sklearn.neighbors import NearestNeighbors

import pd_imbalance as pdi
from pd_imbalance.errors import ImbalanceWarning, InsufficientSamplesError

imblearn_under = pytest.importorskip("imblearn.under_sampling")

VERSIONS = (1, 2, 3)


def _data(seed: int, n_classes: int, n: int = 150, d: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    shares = {2: [0.75, 0.25], 3: [0.55, 0.3, 0.15]}[n_classes]
    y = rng.choice(n_classes, size=n, p=shares)
    X = rng.normal(size=(n, d))
    X[y == 0] += 0.7  # some overlap, some structure
    return X, y


def _frame(X: np.ndarray, y: np.ndarray) -> pd.DataFrame:
    df = pd.DataFrame(X, columns=[f"x{j}" for j in range(X.shape[1])])
    df["y"] = y
    return df


def _imblearn(X: np.ndarray, y: np.ndarray, **kwargs: Any) -> np.ndarray:
    sampler = imblearn_under.NearMiss(**kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sampler.fit_resample(X, y)
    return np.sort(sampler.sample_indices_)


def _ours(df: pd.DataFrame, **kwargs: Any) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ImbalanceWarning)
        return pdi.undersample(df, "y", **kwargs)


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("version", VERSIONS)
def test_same_rows_as_imblearn_over_many_seeds(version: int, n_classes: int) -> None:
    for seed in range(20):
        X, y = _data(seed, n_classes)
        df = _frame(X, y)
        snap = snapshot(df)
        out = _ours(df, method=f"nearmiss-{version}")
        expected = _imblearn(X, y, version=version)
        assert out.index.tolist() == expected.tolist(), seed
        pd.testing.assert_frame_equal(out, df.iloc[expected])  # originals bit for bit
        assert_unchanged(df, snap)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    ("strategy", "n_classes"),
    [
        ("majority", 3),
        ("not minority", 3),
        ("all", 3),
        ({0: 40, 1: 30}, 3),
        (0.5, 2),
    ],
)
def test_sampling_strategies_match_imblearn(  # a float ratio rounds as documented: 0.5 is exact
    version: int, strategy: Any, n_classes: int
) -> None:
    for seed in range(8):
        X, y = _data(100 + seed, n_classes, n=200)
        out = _ours(_frame(X, y), method=f"nearmiss-{version}", sampling_strategy=strategy)
        expected = _imblearn(X, y, version=version, sampling_strategy=strategy)
        assert out.index.tolist() == expected.tolist(), (seed, strategy)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("k", "k3"), [(1, 1), (2, 5), (5, 2)])
def test_neighbourhood_sizes_match_imblearn(version: int, k: int, k3: int) -> None:
    for seed in range(5):
        X, y = _data(200 + seed, 3)
        out = _ours(_frame(X, y), method=f"nearmiss-{version}", n_neighbors=k, n_neighbors_ver3=k3)
        expected = _imblearn(X, y, version=version, n_neighbors=k, n_neighbors_ver3=k3)
        assert out.index.tolist() == expected.tolist(), seed


@pytest.mark.parametrize("version", VERSIONS)
def test_nearest_neighbors_objects_are_used_like_imblearn(version: int) -> None:
    X, y = _data(7, 3)
    nn, nn3 = NearestNeighbors(n_neighbors=4), NearestNeighbors(n_neighbors=2)
    out = _ours(_frame(X, y), method=f"nearmiss-{version}", n_neighbors=nn, n_neighbors_ver3=nn3)
    expected = _imblearn(X, y, version=version, n_neighbors=nn, n_neighbors_ver3=nn3)
    assert out.index.tolist() == expected.tolist()
    assert not hasattr(nn, "n_samples_fit_")  # the user's object is never fitted
    by_int = _ours(_frame(X, y), method=f"nearmiss-{version}", n_neighbors=4, n_neighbors_ver3=2)
    pd.testing.assert_frame_equal(out, by_int)


def test_version_1_keeps_the_rows_nearest_the_minority() -> None:
    df = pd.DataFrame({"x": [0.0, 1.0, 5.0, 9.0, 0.4, 10.0], "y": [0, 0, 0, 0, 1, 1]})
    out = pdi.undersample(df, "y", method="nearmiss-1", n_neighbors=1)
    # distances to the nearest minority row: 0.4, 0.6, 4.6, 1.0 -> rows 0 and 1 stay
    assert out.index.tolist() == [0, 1, 4, 5]
    assert out.attrs["pd_imbalance"]["target"] == "y"


def test_version_2_uses_the_farthest_minority_rows() -> None:
    df = pd.DataFrame({"x": [0.0, 4.0, 6.0, 20.0, -1.0, 10.0], "y": [0, 0, 0, 0, 1, 1]})
    out = pdi.undersample(df, "y", method="nearmiss-2", n_neighbors=1)
    # farthest minority row: 10, 6, 7, 21 -> rows 1 and 2 stay
    assert out.index.tolist() == [1, 2, 4, 5]


def test_version_3_may_keep_fewer_rows_and_warns() -> None:
    rng = np.random.default_rng(0)
    X = np.r_[rng.normal(size=(40, 2)), rng.normal(size=(20, 2)) + 8]
    y = np.r_[np.zeros(40, int), np.ones(20, int)]
    df = _frame(X, y)
    with pytest.warns(ImbalanceWarning, match="candidate rows of class 0"):
        out = pdi.undersample(df, "y", method="nearmiss-3", n_neighbors_ver3=1)
    expected = _imblearn(X, y, version=3, n_neighbors_ver3=1)
    assert out.index.tolist() == expected.tolist()
    counts = out["y"].value_counts().to_dict()
    assert counts[1] == 20 and counts[0] < 20
    assert out.attrs["pd_imbalance"]["counts_after"][0] == counts[0]


def test_ties_keep_the_first_row() -> None:
    df = pd.DataFrame({"x": [1.0, -1.0, 1.0, 3.0, 0.0], "y": [0, 0, 0, 0, 1]})
    out = pdi.undersample(df, "y", method="nearmiss-1", n_neighbors=1)
    assert out.index.tolist() == [0, 4]  # rows 0, 1 and 2 are all at distance 1


def test_string_labels_index_and_mixed_dtypes() -> None:
    X, y = _data(3, 3)
    df = _frame(X, y)
    df["y"] = np.array(["b", "a", "c"])[y]
    df["flag"] = X[:, 0] > 0  # a categorical column (bool) enters the distance
    df.index = pd.Index([f"r{i}" for i in range(len(df))])
    out = _ours(df, method="nearmiss-1")
    counts = df["y"].value_counts()
    assert out["y"].value_counts().eq(counts.min()).all()
    assert out.dtypes.equals(df.dtypes)
    assert out.index.isin(df.index).all()
    assert list(out.index) == [i for i in df.index if i in set(out.index)]  # order kept


def test_pyarrow_frame_equals_its_numpy_twin() -> None:
    pa = pytest.importorskip("pyarrow")
    X, y = _data(11, 2)
    df = _frame(X, y)
    arrow = df.copy()
    arrow["x0"] = pd.Series(pa.array(X[:, 0]), dtype=pd.ArrowDtype(pa.float64()))
    arrow["y"] = pd.Series(pa.array(y), dtype=pd.ArrowDtype(pa.int64()))
    for version in VERSIONS:
        ours = _ours(df, method=f"nearmiss-{version}")
        theirs = _ours(arrow, method=f"nearmiss-{version}")
        assert theirs.index.tolist() == ours.index.tolist()
        assert theirs.dtypes.equals(arrow.dtypes)


def test_untargeted_rows_outside_the_space_may_hold_nan() -> None:
    X, y = _data(5, 3)
    df = _frame(X, y)
    rows = np.flatnonzero(y == 1)
    df.loc[rows[:3], "x0"] = np.nan  # class 1 is not reduced with {0: 30}
    out = _ours(df, method="nearmiss-1", sampling_strategy={0: 30})
    assert out["x0"].isna().sum() == 3
    assert (out["y"] == 0).sum() == 30


def test_nan_in_a_reduced_class_is_refused() -> None:
    X, y = _data(5, 2)
    df = _frame(X, y)
    df.loc[int(np.flatnonzero(y == 0)[0]), "x1"] = np.nan
    with pytest.raises(pdi.errors.InvalidFeaturesError, match="x1"):
        pdi.undersample(df, "y", method="nearmiss-2")


def test_too_few_minority_rows_for_n_neighbors() -> None:
    df = pd.DataFrame({"x": np.arange(10.0), "y": [0] * 8 + [1] * 2})
    with pytest.raises(InsufficientSamplesError, match=r"minority class 1 .* has 2"):
        pdi.undersample(df, "y", method="nearmiss-1", n_neighbors=3)
    with pytest.raises(InsufficientSamplesError, match="n_neighbors=2 or fewer"):
        pdi.undersample(df, "y", method="nearmiss-2")


def test_too_few_class_rows_for_n_neighbors_ver3() -> None:
    df = pd.DataFrame({"x": np.arange(9.0), "y": [0] * 4 + [1] * 3 + [2] * 2})
    with pytest.raises(InsufficientSamplesError, match="class 0 has 4"):
        pdi.undersample(df, "y", method="nearmiss-3", n_neighbors=2, n_neighbors_ver3=5)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"method": "nearmiss-4"}, ValueError, "nearmiss-1"),
        ({"method": "nearmiss-1", "replacement": True}, ValueError, "replacement"),
        ({"method": "nearmiss-1", "n_neighbors": 0}, ValueError, "n_neighbors"),
        ({"method": "nearmiss-3", "n_neighbors_ver3": "3"}, TypeError, "n_neighbors_ver3"),
        ({"method": "nearmiss-1", "n_neighbors": 2.5}, TypeError, "n_neighbors"),
    ],
)
def test_bad_parameters(kwargs: dict[str, Any], error: type[Exception], match: str) -> None:
    df = pd.DataFrame({"x": np.arange(20.0), "y": [0] * 14 + [1] * 6})
    with pytest.raises(error, match=match):
        pdi.undersample(df, "y", **kwargs)


def test_version_2_needs_an_int_n_neighbors_on_an_object() -> None:
    class Search:
        def fit(self, X: Any) -> Search:
            self.nn = NearestNeighbors().fit(X)
            return self

        def kneighbors(self, X: Any, n_neighbors: int = 3, return_distance: bool = True) -> Any:
            return self.nn.kneighbors(X, n_neighbors=n_neighbors, return_distance=return_distance)

    df = pd.DataFrame({"x": np.arange(20.0), "y": [0] * 14 + [1] * 6})
    with pytest.raises(ValueError, match="int n_neighbors attribute"):
        pdi.undersample(df, "y", method="nearmiss-2", n_neighbors=Search())
    out = pdi.undersample(df, "y", method="nearmiss-1", n_neighbors=Search())
    assert out.index.tolist() == [8, 9, 10, 11, 12, 13, *range(14, 20)]


def test_same_result_whatever_the_seed() -> None:
    X, y = _data(1, 2)
    df = _frame(X, y)
    a = pdi.undersample(df, "y", method="nearmiss-3", random_state=0)
    b = pdi.undersample(df, "y", method="nearmiss-3", random_state=np.random.default_rng(9))
    pd.testing.assert_frame_equal(a, b)  # NearMiss draws nothing


def test_no_feature_column() -> None:
    df = pd.DataFrame({"y": [0] * 8 + [1] * 4})
    with pytest.raises(pdi.errors.InvalidFeaturesError, match="method='random'"):
        pdi.undersample(df, "y", method="nearmiss-1")
    assert len(pdi.undersample(df, "y", random_state=0)) == 8


def test_the_cost_warning_is_given_once_for_chunked_and_iterated_searches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pd_imbalance._core import nearmiss, neighbor_rule

    rng = np.random.default_rng(0)
    df = pd.DataFrame(rng.normal(size=(1_200, 3)), columns=["a", "b", "c"])
    df["y"] = np.r_[np.zeros(1_000, int), np.ones(200, int)]
    # each 100-row chunk of 1,000 majority rows x 200 minority rows x 3 features (6e4) is
    # below the limit, the whole search (6e5) above: one warning, for the whole
    monkeypatch.setattr(neighbor_rule, "EXACT_WARN_COST", 1e5)
    monkeypatch.setattr(nearmiss, "QUERY_CHUNK_ROWS", 100)
    for method in ("nearmiss-1", "nearmiss-3"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pdi.undersample(df, "y", method=method)
        costs = [w for w in caught if "exact neighbour search" in str(w.message)]
        assert len(costs) == 1 + (method == "nearmiss-3")  # nearmiss-3 also picks candidates
        first = "200 rows among 1,000 rows" if method == "nearmiss-3" else "1,000 rows among 200"
        assert first in str(costs[0].message)
    monkeypatch.setattr(neighbor_rule, "EXACT_WARN_COST", 1e6)  # 1,200^2 x 3 = 4.3e6
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = pdi.clean(df, "y", method="renn")
    costs = [w for w in caught if "exact neighbour search" in str(w.message)]
    assert len(costs) == 1 and "1,200 rows among 1,200 rows" in str(costs[0].message)
    assert len(out) < len(df)  # more than one round ran
