"""pd_imbalance.sklearn against imbalanced-learn's expectations (types, dtypes, errors, oracle)."""

from __future__ import annotations

import copy
import inspect
from collections import Counter
from typing import Any

import imblearn.combine
import imblearn.over_sampling
import imblearn.under_sampling
import numpy as np
import pandas as pd
import pytest
from imblearn.pipeline import Pipeline
from imblearn.utils.estimator_checks import parametrize_with_checks
from scipy import sparse
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.utils import estimator_checks as sklearn_checks
from sklearn.utils import get_tags

import pd_imbalance as pdi
import pd_imbalance.sklearn as pdi_sklearn
from pd_imbalance.sklearn import SMOTE, RandomUnderSampler

SAMPLERS = [SMOTE, RandomUnderSampler]
#: every class: the generic input/output promises hold for each
# the samplers (ResampledClassifier, a classifier, has tests of its own)
SAMPLER_NAMES = [name for name in pdi_sklearn.__all__ if name != "ResampledClassifier"]
ALL_CLASSES = [getattr(pdi_sklearn, name) for name in SAMPLER_NAMES]
#: one class per kind of verb (the label round trip is the door's, shared by all)
ONE_PER_KIND = [
    pdi_sklearn.RandomOverSampler,
    SMOTE,
    RandomUnderSampler,
    pdi_sklearn.NearMiss,
    pdi_sklearn.EditedNearestNeighbours,
    pdi_sklearn.SMOTEENN,
]


def _name(cls: type) -> str:
    return cls.__name__


def _bare(cls: type) -> Any:
    """The class with its defaults (SMOTENC: the dtypes say which columns are categorical)."""
    return cls(categorical_features="auto") if cls.__name__ == "SMOTENC" else cls()


def _arrays(counts: tuple[int, ...] = (40, 12), n_features: int = 3, seed: int = 0) -> Any:
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(counts)), counts)
    X = rng.normal(size=(len(y), n_features)) + y[:, None]
    return X, y


def _sampler(cls: type, **params: Any) -> Any:
    if "random_state" in inspect.signature(cls).parameters:
        params["random_state"] = 0
    if cls.__name__ == "SMOTENC":
        params.setdefault("categorical_features", "auto")
    return cls(**params)


# --- 15: returned arrays are writable and never the caller's memory -------------------------


@pytest.mark.parametrize("cls", ALL_CLASSES, ids=_name)
def test_returned_arrays_are_writable(cls: type) -> None:
    X, y = _arrays()
    X_before, y_before = X.copy(), y.copy()
    X_res, y_res = _sampler(cls).fit_resample(X, y)
    assert X_res.flags.writeable and y_res.flags.writeable
    X_res[0, 0] = 123.0
    y_res[0] = y_res[-1]
    assert not np.shares_memory(X_res, X) and not np.shares_memory(y_res, y)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)


@pytest.mark.parametrize("cls", SAMPLERS)
def test_nothing_to_resample_still_gives_new_writable_arrays(cls: type) -> None:
    X, y = _arrays((20, 20))  # balanced: every row kept, nothing synthetic
    X_res, y_res = _sampler(cls, sampling_strategy="all" if cls is SMOTE else "auto").fit_resample(
        X, y
    )
    assert len(X_res) == 40
    assert not np.may_share_memory(X_res, X) and not np.may_share_memory(y_res, y)
    X_res[:] = 0
    y_res[:] = 0
    assert X.any() and y.any()


def test_sample_indices_are_writable_positions() -> None:
    X, y = _arrays()
    sampler = _sampler(RandomUnderSampler)
    X_res, _ = sampler.fit_resample(X, y)
    indices = sampler.sample_indices_
    assert indices.dtype == np.intp and indices.flags.writeable
    np.testing.assert_array_equal(X_res, X[indices])


# --- 16: y keeps its dtype (and a Series its name) -------------------------------------------

_Y_DTYPES = {
    "category": (["ok"] * 40 + ["fraud"] * 12, "category"),
    "Int64": ([0] * 40 + [1] * 12, "Int64"),
    "boolean": ([False] * 40 + [True] * 12, "boolean"),
    "string": (["ok"] * 40 + ["fraud"] * 12, "string"),
    "bool[pyarrow]": ([False] * 40 + [True] * 12, "bool[pyarrow]"),
    "int8": ([0] * 40 + [1] * 12, "int8"),
    "str": (["ok"] * 40 + ["fraud"] * 12, "str"),
}


@pytest.mark.parametrize("cls", ONE_PER_KIND, ids=_name)
@pytest.mark.parametrize("kind", sorted(_Y_DTYPES))
@pytest.mark.parametrize("x_frame", [True, False])
def test_series_y_keeps_dtype_and_name(cls: type, kind: str, x_frame: bool) -> None:
    values, dtype = _Y_DTYPES[kind]
    X, _ = _arrays()
    y = pd.Series(values, dtype=dtype, name="label", index=np.arange(100, 152))
    X_in = pd.DataFrame(X, columns=["a", "b", "c"]) if x_frame else X
    X_res, y_res = _sampler(cls).fit_resample(X_in, y)
    assert isinstance(y_res, pd.Series)
    assert y_res.dtype == y.dtype and y_res.name == "label"
    assert set(y_res.unique()) == set(y.unique())
    if x_frame:
        assert y_res.index.equals(X_res.index)
    else:  # indexed like y: original rows keep y's labels
        assert isinstance(X_res, np.ndarray)
        originals = y_res.index[y_res.index.isin(y.index)]
        pd.testing.assert_series_equal(y_res.loc[originals], y.loc[originals])


@pytest.mark.parametrize("cls", ONE_PER_KIND, ids=_name)
@pytest.mark.parametrize(
    "y",
    [
        np.array(["aaa"] * 40 + ["bbb"] * 12),
        np.array(["aaa"] * 40 + ["bbb"] * 12, dtype=object),
        np.array([0] * 40 + [1] * 12, dtype=np.int32),
        np.array([0.0] * 40 + [1.0] * 12, dtype=np.float32),
        np.array([False] * 40 + [True] * 12),
    ],
    ids=["<U3", "object", "int32", "float32", "bool"],
)
def test_array_y_keeps_dtype(cls: type, y: np.ndarray) -> None:
    X, _ = _arrays()
    _, y_res = _sampler(cls).fit_resample(X, y)
    assert isinstance(y_res, np.ndarray) and y_res.dtype == y.dtype
    assert set(y_res.tolist()) == set(y.tolist())
    # a DataFrame X does not turn an array y into a Series
    _, y_res2 = _sampler(cls).fit_resample(pd.DataFrame(X), y)
    assert isinstance(y_res2, np.ndarray) and y_res2.dtype == y.dtype


@pytest.mark.parametrize("cls", SAMPLERS)
def test_dtypes_match_imblearn(cls: type) -> None:
    X, y = _arrays()
    X, y = X.astype(np.float32), y.astype(np.int32)
    oracle = getattr(
        imblearn.over_sampling if cls is SMOTE else imblearn.under_sampling, cls.__name__
    )(random_state=0)
    X_ref, y_ref = oracle.fit_resample(X, y)
    X_res, y_res = _sampler(cls).fit_resample(X, y)
    assert X_res.dtype == X_ref.dtype == np.float32
    assert y_res.dtype == y_ref.dtype == np.int32
    assert Counter(y_res.tolist()) == Counter(y_ref.tolist())


def test_string_array_x_like_imblearn() -> None:
    rng = np.random.default_rng(0)
    categories = np.array(["A", "B", "C"], dtype=object)
    X = categories[rng.integers(0, 3, size=30)].reshape(-1, 1)
    y = rng.permutation([0] * 10 + [1] * 20)
    for sampler in (SMOTE(random_state=0), RandomUnderSampler(random_state=0)):
        X_res, y_res = sampler.fit_resample(X, y)
        assert X_res.dtype == object and len(X_res) == len(y_res)
        assert set(np.unique(X_res.ravel())) <= set(categories)


def test_nan_features_undersampled_like_imblearn() -> None:
    rng = np.random.default_rng(0)
    X = np.array([0.0, 1.0, np.nan])[rng.integers(0, 3, size=100)].reshape(-1, 1)
    y = rng.permutation([0] * 40 + [1] * 60)
    X_res, y_res = RandomUnderSampler(random_state=0).fit_resample(X, y)
    assert X_res.dtype == np.float64 and len(X_res) == len(y_res) == 80
    assert np.isnan(X_res).any()


# --- 17: numeric object columns of an array are numbers --------------------------------------


def _mixed_object_array() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1)
    y = np.array([0] * 30 + [1] * 10)
    floats = rng.normal(size=40) + 5 * y
    ints = rng.integers(0, 50, size=40)
    colours = rng.choice(["red", "blue"], size=40)
    X = np.empty((40, 3), dtype=object)
    X[:, 0] = [float(v) for v in floats]
    X[:, 1] = [int(v) for v in ints]
    X[:, 2] = list(colours)
    return X, y


def test_object_array_numeric_columns_are_interpolated() -> None:
    X, y = _mixed_object_array()
    X_before = X.copy()
    X_res, _ = SMOTE(random_state=0, k_neighbors=3).fit_resample(X, y)
    assert X_res.dtype == object and X_res.shape == (60, 3)
    assert (X_res[:40] == X).all()  # originals first, unchanged
    synthetic = X_res[40:]
    minority = X[y == 1]
    # the float column is interpolated: new values, within the class's range
    assert all(isinstance(v, float) for v in synthetic[:, 0])
    assert not set(synthetic[:, 0]) <= set(minority[:, 0])
    assert minority[:, 0].min() <= min(synthetic[:, 0]) <= max(synthetic[:, 0])
    assert max(synthetic[:, 0]) <= minority[:, 0].max()
    # the int column is interpolated and rounded: integers within the class's range
    assert all(isinstance(v, int) for v in synthetic[:, 1])
    assert minority[:, 1].min() <= min(synthetic[:, 1])
    assert max(synthetic[:, 1]) <= minority[:, 1].max()
    # the text column is categorical
    assert set(synthetic[:, 2]) <= {"red", "blue"}
    assert (X == X_before).all()  # the caller's array untouched


def test_object_array_declared_categorical_stays_categorical() -> None:
    X, y = _mixed_object_array()
    X_res, _ = SMOTE(random_state=0, k_neighbors=3, categorical=[0]).fit_resample(X, y)
    assert set(X_res[40:, 0]) <= set(X[y == 1, 0])  # chosen among neighbours, not interpolated


def test_object_array_like_imblearn_smotenc() -> None:
    X, y = _mixed_object_array()
    oracle = imblearn.over_sampling.SMOTENC(categorical_features=[2], random_state=0, k_neighbors=3)
    X_ref, y_ref = oracle.fit_resample(X, y)
    X_res, y_res = SMOTE(random_state=0, k_neighbors=3).fit_resample(X, y)
    assert X_res.dtype == X_ref.dtype == object
    assert Counter(y_res.tolist()) == Counter(y_ref.tolist())


def test_object_array_bools_and_missing_values_are_not_numbers() -> None:
    X, y = _mixed_object_array()
    X[:, 1] = [bool(v % 2) for v in range(40)]
    X_res, _ = SMOTE(random_state=0, k_neighbors=3).fit_resample(X, y)
    assert set(X_res[:, 1]) == {True, False}  # categorical: never 0.5
    X[0, 0] = None  # a missing value in a majority row: the column stays categorical
    with pytest.raises(pdi.InvalidFeaturesError):
        SMOTE(random_state=0, k_neighbors=3).fit_resample(X, y)


# --- 18: categorical as a mask, positions, names, any list-like -----------------------------


def _categorical_result(X: Any, y: Any, categorical: Any) -> np.ndarray:
    X_res, _ = SMOTE(random_state=0, k_neighbors=3, categorical=categorical).fit_resample(X, y)
    return np.asarray(X_res, dtype=float)


@pytest.mark.parametrize(
    "categorical",
    [
        [True, False, False, True],
        np.array([True, False, False, True]),
        (0, 3),
        np.array([0, 3]),
        {0: "a", 3: "b"}.keys(),
        [np.int64(3), 0],
    ],
    ids=["mask", "mask-ndarray", "tuple", "ndarray", "dict_keys", "numpy-ints"],
)
def test_categorical_forms_on_arrays(categorical: Any) -> None:
    X, y = _arrays(n_features=4)
    X = np.round(X, 1)
    expected = _categorical_result(X, y, [0, 3])
    np.testing.assert_array_equal(_categorical_result(X, y, categorical), expected)
    synthetic, minority = expected[52:], X[y == 1]
    assert set(synthetic[:, 0]) <= set(minority[:, 0]) and set(synthetic[:, 3]) <= set(
        minority[:, 3]
    )
    assert not set(synthetic[:, 1]) <= set(minority[:, 1])  # column 1 interpolated


@pytest.mark.parametrize(
    "categorical",
    [[True, False, False, True], [0, 3], ("a", "d"), np.array(["a", "d"]), ["d", "a"]],
    ids=["mask", "positions", "names", "names-ndarray", "names-reordered"],
)
def test_categorical_forms_on_frames(categorical: Any) -> None:
    X, y = _arrays(n_features=4)
    frame = pd.DataFrame(np.round(X, 1), columns=list("abcd"))
    expected = _categorical_result(frame, y, ["a", "d"])
    np.testing.assert_array_equal(_categorical_result(frame, y, categorical), expected)
    # the same columns as the positions on the bare array
    np.testing.assert_array_equal(_categorical_result(frame.to_numpy(), y, [0, 3]), expected)


def test_categorical_integers_are_labels_on_integer_columns() -> None:
    X, y = _arrays(n_features=4)
    frame = pd.DataFrame(np.round(X, 1), columns=[3, 2, 1, 0])
    by_label = _categorical_result(frame, y, [0])  # column labelled 0 (the last one)
    np.testing.assert_array_equal(by_label, _categorical_result(frame.to_numpy(), y, [3]))
    with pytest.raises(ValueError, match=r"integers are read as labels"):
        SMOTE(categorical=[7]).fit_resample(frame, y)


@pytest.mark.parametrize(
    ("categorical", "message"),
    [
        ([True, False], r"one entry per column of X: got 2 entries for 4 columns"),
        ([True, 1], r"mixes booleans"),
        ([4], r"positions \[4\] are out of range: X has 4 columns"),
        ([-1], r"out of range"),
        (["a"], r"array without column names"),
        ("a", r"for one column write \['a'\]"),
        (3, r"for one column write \[3\]"),
        (np.zeros((2, 2), dtype=bool), r"must be 1-D"),
    ],
)
def test_categorical_errors_on_arrays(categorical: Any, message: str) -> None:
    X, y = _arrays(n_features=4)
    with pytest.raises((ValueError, TypeError), match=message):
        SMOTE(categorical=categorical).fit_resample(X, y)


def test_categorical_unknown_name_on_frame() -> None:
    X, y = _arrays(n_features=2)
    with pytest.raises(ValueError, match=r"\['zz'\], which are not columns of X"):
        SMOTE(categorical=["zz"]).fit_resample(pd.DataFrame(X, columns=["a", "b"]), y)


# --- 19: X must be 2-D and dense; y 1-D, one label per row -----------------------------------


@pytest.mark.parametrize("cls", ALL_CLASSES, ids=_name)
def test_x_shape_errors(cls: type) -> None:
    X, y = _arrays()
    with pytest.raises(ValueError, match=r"2-D array or DataFrame \(got shape \(52,\)\).*reshape"):
        _bare(cls).fit_resample(X[:, 0], y)
    with pytest.raises(ValueError, match=r"2-D array or DataFrame \(got a Series.*to_frame"):
        _bare(cls).fit_resample(pd.Series(X[:, 0]), y)
    with pytest.raises(ValueError, match=r"2-D array or DataFrame \(got shape \(52, 3, 1\)\)"):
        _bare(cls).fit_resample(X[:, :, None], y)
    with pytest.raises(ValueError, match=r"2-D array or DataFrame \(got shape \(\)\)"):
        _bare(cls).fit_resample(5, y)
    with pytest.raises(ValueError, match=r"rows could not be stacked"):
        _bare(cls).fit_resample([[1.0, 2.0], [3.0]], [0, 1])
    for matrix in (sparse.csr_matrix(X), sparse.csc_array(X)):
        with pytest.raises(TypeError, match=r"sparse X is not supported.*X\.toarray\(\)"):
            _bare(cls).fit_resample(matrix, y)
    with pytest.raises(ValueError, match=r"no feature columns"):
        _bare(cls).fit_resample(np.empty((52, 0)), y)
    with pytest.raises(pdi.InvalidTargetError, match=r"no rows"):
        _bare(cls).fit_resample(np.empty((0, 3)), np.empty(0))


@pytest.mark.parametrize("cls", ALL_CLASSES, ids=_name)
def test_y_shape_errors(cls: type) -> None:
    X, y = _arrays()
    with pytest.raises(ValueError, match=r"one label column; got a DataFrame with 2 columns"):
        _bare(cls).fit_resample(X, pd.DataFrame({"t": y, "u": y}))
    with pytest.raises(ValueError, match=r"multilabel and multioutput targets are not supported"):
        _bare(cls).fit_resample(X, np.ones((52, 2), dtype=int))
    with pytest.raises(ValueError, match=r"row 0 has 0"):
        _bare(cls).fit_resample(X, np.zeros((52, 3), dtype=int))
    with pytest.raises(ValueError, match=r"multi-output targets are not supported"):
        _bare(cls).fit_resample(X, np.stack([y, y * 2 + 3], axis=1))
    with pytest.raises(ValueError, match=r"got shape \(52, 1, 1\)"):
        _bare(cls).fit_resample(X, y.reshape(-1, 1, 1))
    with pytest.raises(ValueError, match=r"X has 52 rows but y has 51 labels"):
        _bare(cls).fit_resample(X, y[:-1])
    with pytest.raises(ValueError, match=r"X has 51 rows but y has 52 labels"):
        _bare(cls).fit_resample(pd.DataFrame(X[:-1]), pd.Series(y))
    with pytest.raises(TypeError, match=r"sparse y"):
        _bare(cls).fit_resample(X, sparse.csr_matrix(y))


@pytest.mark.parametrize("cls", ALL_CLASSES, ids=_name)
def test_one_column_frame_y_comes_back_a_frame(cls: type) -> None:
    X, y = _arrays()
    frame = pd.DataFrame(X, columns=["a", "b", "c"], index=np.arange(52) + 500)
    y_frame = pd.DataFrame({"label": pd.Series(y, dtype="Int8", index=frame.index)})
    y_frame.attrs = {"mine": 1}
    X_res, y_res = _sampler(cls).fit_resample(frame, y_frame)
    _, y_ref = _sampler(cls).fit_resample(frame, y_frame["label"])
    assert isinstance(y_res, pd.DataFrame) and list(y_res.columns) == ["label"]
    assert y_res.attrs == {"mine": 1} and y_res.index.equals(X_res.index)
    pd.testing.assert_series_equal(y_res["label"], y_ref, check_names=False)
    assert y_res["label"].dtype == "Int8"
    # an integer column label, as pd.DataFrame(y) gives, on array X: indexed like y
    _, y_res2 = _sampler(cls).fit_resample(X, pd.DataFrame(y))
    assert list(y_res2.columns) == [0]
    np.testing.assert_array_equal(y_res2[0].to_numpy(), y_ref.to_numpy())


@pytest.mark.parametrize("cls", SAMPLERS)
def test_column_vector_y_comes_back_1d_like_imblearn(cls: type) -> None:
    X, y = _arrays()
    X_ref, y_ref = _sampler(cls).fit_resample(X, y)
    X_res, y_res = _sampler(cls).fit_resample(X, y.reshape(-1, 1))
    oracle = getattr(
        imblearn.over_sampling if cls is SMOTE else imblearn.under_sampling, cls.__name__
    )(random_state=0)
    _, y_oracle = oracle.fit_resample(X, y.reshape(-1, 1))
    assert y_res.shape == y_ref.shape and y_oracle.ndim == 1
    np.testing.assert_array_equal(X_res, X_ref)
    np.testing.assert_array_equal(y_res, y_ref)


@pytest.mark.parametrize("cls", ALL_CLASSES, ids=_name)
def test_one_hot_y_comes_back_one_hot(cls: type) -> None:
    rng = np.random.default_rng(5)  # classes apart enough that every cleaner keeps each
    y = rng.permutation(np.repeat(np.arange(3), (50, 30, 15)))
    X = rng.normal(size=(len(y), 3)) + 1.5 * y[:, None]
    one_hot = np.eye(3, dtype=np.int8)[y]
    X_ref, y_ref = _sampler(cls).fit_resample(X, y)
    X_res, y_res = _sampler(cls).fit_resample(X, one_hot)
    assert y_res.dtype == np.int8 and y_res.shape == (len(y_ref), 3)
    assert (y_res.sum(axis=1) == 1).all()
    np.testing.assert_array_equal(X_res, X_ref)
    np.testing.assert_array_equal(y_res.argmax(axis=1), y_ref)


@pytest.mark.parametrize("cls", ALL_CLASSES, ids=_name)
def test_target_errors_like_imblearn(cls: type) -> None:
    X = np.random.default_rng(0).random((20, 2))
    with pytest.raises(ValueError):
        _bare(cls).fit_resample(X, np.linspace(0, 1, 20))  # continuous
    with pytest.raises(ValueError, match="class"):
        _bare(cls).fit_resample(X, np.zeros(20))  # one class


# --- 20: attrs name no column the result lacks; the caller's attrs are kept -----------------


@pytest.mark.parametrize("cls", ALL_CLASSES, ids=_name)
def test_attrs_keep_the_callers_and_drop_our_target(cls: type) -> None:
    X, y = _arrays()
    frame = pd.DataFrame(X, columns=["a", "b", "c"])
    frame.attrs = {"source": {"lab": 1}}
    labels = pd.Series(y, name="label")
    labels.attrs = {"unit": "class"}
    X_res, y_res = _sampler(cls).fit_resample(frame, labels)
    assert X_res.attrs == {"source": {"lab": 1}} and y_res.attrs == {"unit": "class"}
    X_res.attrs["source"]["lab"] = 2  # a copy, not the caller's dict
    assert frame.attrs == {"source": {"lab": 1}}
    report = X_res.join(y_res).imbalance.report("label")
    assert report.n_rows == len(X_res)


# --- fitted attributes, params, pipelines, no mutation ---------------------------------------


@pytest.mark.parametrize("cls", SAMPLERS)
def test_feature_attributes_like_imblearn(cls: type) -> None:
    X, y = _arrays()
    oracle = getattr(
        imblearn.over_sampling if cls is SMOTE else imblearn.under_sampling, cls.__name__
    )(random_state=0)
    sampler = _sampler(cls)
    frame = pd.DataFrame(X, columns=["a", "b", "c"])
    for inputs in ((frame, y), (X, y), (pd.DataFrame(X), y)):
        sampler.fit_resample(*inputs)
        oracle.fit_resample(*inputs)
        assert sampler.n_features_in_ == oracle.n_features_in_ == 3
        assert hasattr(sampler, "feature_names_in_") == hasattr(oracle, "feature_names_in_")
        if hasattr(oracle, "feature_names_in_"):
            np.testing.assert_array_equal(sampler.feature_names_in_, oracle.feature_names_in_)
            assert sampler.feature_names_in_.dtype == object
        np.testing.assert_array_equal(
            sampler.get_feature_names_out(), oracle.get_feature_names_out()
        )
    assert sampler.fit(frame, y) is sampler


@pytest.mark.parametrize("cls", SAMPLERS)
def test_get_set_params_and_clone(cls: type) -> None:
    X, y = _arrays()
    sampler = _sampler(cls)
    sampler.fit_resample(X, y)
    fresh = clone(sampler)
    assert fresh.get_params() == sampler.get_params()
    assert not hasattr(fresh, "sampling_strategy_")
    assert fresh.set_params(random_state=5, sampling_strategy={1: 30} if cls is SMOTE else {0: 30})
    _, y_res = fresh.fit_resample(X, y)
    assert Counter(y_res.tolist()) == {0: 40 if cls is SMOTE else 30, 1: 30 if cls is SMOTE else 12}
    assert sampler.random_state == 0
    if cls is SMOTE:
        masked = clone(SMOTE(categorical=[True, False, False]))
        assert masked.categorical == [True, False, False]


@pytest.mark.parametrize("replacement", [False, True])
def test_sample_indices_subset_like_imblearn(replacement: bool) -> None:
    X, y = _arrays((30, 10, 6))
    for strategy in ("auto", "majority", {0: 8, 1: 9}):
        ours = RandomUnderSampler(
            random_state=0, sampling_strategy=strategy, replacement=replacement
        )
        oracle = imblearn.under_sampling.RandomUnderSampler(
            random_state=0, sampling_strategy=strategy, replacement=replacement
        )
        X_res, y_res = ours.fit_resample(X, y)
        _, y_ref = oracle.fit_resample(X, y)
        assert Counter(y_res.tolist()) == Counter(y_ref.tolist())
        assert len(ours.sample_indices_) == len(oracle.sample_indices_)
        np.testing.assert_array_equal(X_res, X[ours.sample_indices_])
        np.testing.assert_array_equal(y_res, y[ours.sample_indices_])
        assert set(ours.sample_indices_) <= set(range(len(y)))
        if not replacement:
            assert len(set(ours.sample_indices_)) == len(ours.sample_indices_)


@pytest.mark.parametrize("strategy", ["auto", "minority", "not majority", {1: 30, 2: 20}])
def test_smote_counts_like_imblearn(strategy: Any) -> None:
    X, y = _arrays((30, 10, 6))
    _, y_res = SMOTE(random_state=0, sampling_strategy=strategy, k_neighbors=3).fit_resample(X, y)
    oracle = imblearn.over_sampling.SMOTE(random_state=0, sampling_strategy=strategy, k_neighbors=3)
    _, y_ref = oracle.fit_resample(X, y)
    assert Counter(y_res.tolist()) == Counter(y_ref.tolist())


@pytest.mark.parametrize("cls", SAMPLERS)
@pytest.mark.parametrize("frames", [False, True])
def test_cross_val_score_in_imblearn_pipeline(cls: type, frames: bool) -> None:
    X, y = _arrays((120, 30))
    X_in: Any = pd.DataFrame(X, columns=["a", "b", "c"]) if frames else X
    y_in: Any = pd.Series(y, name="label") if frames else y
    pipe = Pipeline([("resample", _sampler(cls)), ("model", LogisticRegression())])
    cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
    scores = cross_val_score(pipe, X_in, y_in, cv=cv, scoring="balanced_accuracy")
    reference = cross_val_score(
        Pipeline([("model", LogisticRegression(class_weight="balanced"))]),
        X,
        y,
        cv=cv,
        scoring="balanced_accuracy",
    )
    assert scores.shape == (3,) and np.all((scores > 0.5) & (scores <= 1.0))
    assert abs(scores.mean() - reference.mean()) < 0.1


@pytest.mark.parametrize("cls", ALL_CLASSES, ids=_name)
def test_inputs_are_never_mutated(cls: type) -> None:
    X, y = _arrays()
    frame = pd.DataFrame(X, columns=["a", "b", "c"], index=np.arange(52) * 2)
    frame["k"] = pd.Categorical(np.where(X[:, 0] > 0, "p", "n"))
    frame.attrs = {"who": "me"}
    labels = pd.Series(y, index=frame.index, name="label", dtype="Int64")
    before = (frame.copy(deep=True), labels.copy(deep=True), copy.deepcopy(frame.attrs))
    _sampler(cls).fit_resample(frame, labels)
    pd.testing.assert_frame_equal(frame, before[0])
    pd.testing.assert_series_equal(labels, before[1])
    assert frame.attrs == before[2] and labels.attrs == {}


def test_lists_come_back_as_lists_like_imblearn() -> None:
    X, y = _arrays()
    X_res, y_res = SMOTE(random_state=0).fit_resample(X.tolist(), y.tolist())
    X_ref, y_ref = SMOTE(random_state=0).fit_resample(X, y)
    assert isinstance(X_res, list) and isinstance(y_res, list)
    assert X_res == X_ref.tolist() and y_res == y_ref.tolist()
    # a tuple is array-like, not a list: an ndarray comes back
    X_tuple, _ = RandomUnderSampler(random_state=0).fit_resample(tuple(map(tuple, X)), y)
    assert isinstance(X_tuple, np.ndarray)


# --- imbalanced-learn's sampler checks and scikit-learn's API checks, every class ----------

#: One instance per class (seeded: several checks compare two runs), NearMiss and
#: BorderlineSMOTE in each of their variants.
CHECKED = [
    pdi_sklearn.RandomOverSampler(random_state=0),
    pdi_sklearn.SMOTE(random_state=0),
    pdi_sklearn.SMOTENC(categorical_features="auto", random_state=0),
    pdi_sklearn.BorderlineSMOTE(random_state=0),
    pdi_sklearn.BorderlineSMOTE(kind="borderline-2", random_state=0),
    pdi_sklearn.ADASYN(random_state=0),
    pdi_sklearn.RandomUnderSampler(random_state=0),
    pdi_sklearn.NearMiss(version=1),
    pdi_sklearn.NearMiss(version=2),
    pdi_sklearn.NearMiss(version=3),
    pdi_sklearn.TomekLinks(),
    pdi_sklearn.EditedNearestNeighbours(),
    pdi_sklearn.RepeatedEditedNearestNeighbours(),
    pdi_sklearn.AllKNN(),
    pdi_sklearn.NeighbourhoodCleaningRule(),
    pdi_sklearn.OneSidedSelection(random_state=0),
    pdi_sklearn.SMOTETomek(random_state=0),
    pdi_sklearn.SMOTEENN(random_state=0),
]


def test_every_class_is_checked() -> None:
    assert {type(sampler).__name__ for sampler in CHECKED} == set(SAMPLER_NAMES)


def _as_list(mark: Any) -> Any:
    """imblearn's ``parametrize_with_checks`` mark with its generator made a list (pytest 9)."""
    names, values = mark.args
    return pytest.mark.parametrize(names, list(values), **mark.kwargs)


def _expected_failures(sampler: Any) -> dict[str, str]:
    if isinstance(sampler, pdi_sklearn.SMOTEENN):
        return {
            "check_samplers_fit": "on 30 random rows ENN(sampling_strategy='all') would remove "
            "every row of a class; our cleaning refuses that (InsufficientSamplesError) "
            "where imblearn returns a class with no rows"
        }
    return {}


# NearMiss-3 may find fewer candidates than wanted: it warns (as imblearn does) and keeps them
@pytest.mark.filterwarnings("ignore:nearmiss-3 found only:pd_imbalance.errors.ImbalanceWarning")
@_as_list(parametrize_with_checks(CHECKED, expected_failed_checks=_expected_failures))
def test_imblearn_sampler_checks(estimator: Any, check: Any) -> None:
    check(estimator)


#: scikit-learn's API checks that need no fit (clone, params, repr, tags).
_SKLEARN_API_CHECKS = [
    sklearn_checks.check_no_attributes_set_in_init,
    sklearn_checks.check_get_params_invariance,
    sklearn_checks.check_set_params,
    sklearn_checks.check_estimator_cloneable,
    sklearn_checks.check_estimator_repr,
    sklearn_checks.check_do_not_raise_errors_in_init_or_set_params,
    sklearn_checks.check_estimator_tags_renamed,
]


@pytest.mark.parametrize("sampler", CHECKED, ids=repr)
@pytest.mark.parametrize("check", _SKLEARN_API_CHECKS, ids=lambda check: check.__name__)
def test_sklearn_api_checks(sampler: Any, check: Any) -> None:
    check(type(sampler).__name__, sampler)


@pytest.mark.parametrize("sampler", CHECKED, ids=repr)
def test_default_constructible_except_smotenc(sampler: Any) -> None:
    cls = type(sampler)
    if cls is pdi_sklearn.SMOTENC:  # categorical_features is required, as in imblearn
        with pytest.raises(TypeError, match="categorical_features"):
            cls()
        return
    sklearn_checks.check_parameters_default_constructible(cls.__name__, sampler)


_SAMPLE_INDICES = {
    "RandomOverSampler",
    "RandomUnderSampler",
    "NearMiss",
    "TomekLinks",
    "EditedNearestNeighbours",
    "RepeatedEditedNearestNeighbours",
    "AllKNN",
    "NeighbourhoodCleaningRule",
    "OneSidedSelection",
}


@pytest.mark.parametrize("sampler", CHECKED, ids=repr)
def test_tags_are_imblearns(sampler: Any) -> None:
    """The tags imblearn's checks read, as imblearn declares them (plus what we add)."""
    name = type(sampler).__name__
    oracle_cls = next(
        getattr(module, name)
        for module in (imblearn.over_sampling, imblearn.under_sampling, imblearn.combine)
        if hasattr(module, name)
    )
    oracle = oracle_cls(categorical_features=[0]) if name == "SMOTENC" else oracle_cls()
    ours, theirs = get_tags(sampler), get_tags(oracle)
    assert ours.estimator_type == theirs.estimator_type == "sampler"
    assert ours.target_tags.required is theirs.target_tags.required is True
    assert ours.sampler_tags.sample_indices is theirs.sampler_tags.sample_indices
    assert ours.sampler_tags.sample_indices is (name in _SAMPLE_INDICES)
    assert ours.input_tags.dataframe and ours.input_tags.two_d_array
    assert not ours.input_tags.sparse  # refused with a message (densify first)
    assert ours.input_tags.allow_nan is theirs.input_tags.allow_nan
    # text features: where imblearn takes them, and also on SMOTE (SMOTE-NC handles them)
    assert ours.input_tags.string is (theirs.input_tags.string or name == "SMOTE")
