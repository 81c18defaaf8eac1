"""pd_imbalance.sklearn samplers: fit_resample, params, imbalanced-learn pipelines."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import make_frame
from imblearn.pipeline import Pipeline
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.model_selection import StratifiedKFold, cross_validate

from pd_imbalance.sklearn import SMOTE, RandomUnderSampler


def _xy(counts: list[int]) -> tuple[pd.DataFrame, pd.Series]:
    df = make_frame(counts)
    return df[["f_float", "f_int"]], df["y"].rename("label")


def test_undersampler_frames_keep_index_and_names() -> None:
    X, y = _xy([80, 20])
    sampler = RandomUnderSampler(random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert y_res.value_counts().to_dict() == {0: 20, 1: 20}
    assert y_res.name == "label" and list(X_res.columns) == ["f_float", "f_int"]
    pd.testing.assert_frame_equal(X_res, X.iloc[sampler.sample_indices_])
    assert X_res.index.equals(y_res.index)
    assert sampler.sampling_strategy_ == {0: 20}
    assert X_res.dtypes.equals(X.dtypes)


def test_undersampler_arrays() -> None:
    X = np.random.default_rng(0).normal(size=(50, 3))
    y = np.array([0] * 40 + [1] * 10)
    X_res, y_res = RandomUnderSampler(random_state=1, sampling_strategy={0: 25}).fit_resample(X, y)
    assert isinstance(X_res, np.ndarray) and isinstance(y_res, np.ndarray)
    assert np.bincount(y_res).tolist() == [25, 10]
    assert (X_res[y_res == 1] == X[40:]).all()


def test_smote_frames_and_arrays() -> None:
    X, y = _xy([60, 15])
    sampler = SMOTE(random_state=0, k_neighbors=3)
    X_res, y_res = sampler.fit_resample(X, y)
    assert y_res.value_counts().to_dict() == {0: 60, 1: 60}
    pd.testing.assert_frame_equal(X_res.iloc[: len(X)], X)
    assert X_res.index.is_unique and set(X_res.index[len(X) :]).isdisjoint(X.index)
    assert sampler.sampling_strategy_ == {1: 60}
    X_arr, y_arr = SMOTE(random_state=0, k_neighbors=3).fit_resample(X.to_numpy(), y.to_numpy())
    assert X_arr.shape == (120, 2) and np.bincount(y_arr).tolist() == [60, 60]


def test_params_and_clone() -> None:
    sampler = SMOTE(k_neighbors=3, random_state=4)
    assert sampler.get_params() == {
        "categorical": "auto",
        "k_neighbors": 3,
        "random_state": 4,
        "sampling_strategy": "auto",
    }
    copy = clone(sampler).set_params(k_neighbors=7)
    assert copy.k_neighbors == 7 and sampler.k_neighbors == 3
    assert RandomUnderSampler().get_params()["replacement"] is False


def test_same_seed_same_result() -> None:
    X, y = _xy([60, 15])
    a = SMOTE(random_state=3).fit_resample(X, y)
    b = SMOTE(random_state=3).fit_resample(X, y)
    pd.testing.assert_frame_equal(a[0], b[0])


def test_errors_are_ours() -> None:
    X, y = _xy([60, 3])
    import pd_imbalance as pdi

    with pytest.raises(pdi.InsufficientSamplesError, match="k_neighbors=5"):
        SMOTE().fit_resample(X, y)
    with pytest.raises(ValueError, match="one label per row"):
        RandomUnderSampler().fit_resample(X, y.iloc[:10])


class _Recorder(BaseEstimator, ClassifierMixin):
    """A classifier that records the class counts it is trained on."""

    seen: list[dict[int, int]] = []  # noqa: RUF012

    def fit(self, X: object, y: object) -> _Recorder:
        labels = np.asarray(y)
        _Recorder.seen.append(dict(zip(*np.unique(labels, return_counts=True), strict=True)))
        self.classes_ = np.unique(labels)
        return self

    def predict(self, X: object) -> np.ndarray:
        return np.zeros(len(np.asarray(X)), dtype=int)


@pytest.mark.parametrize("sampler", [SMOTE(random_state=0), RandomUnderSampler(random_state=0)])
def test_pipeline_resamples_training_folds_only(sampler: object) -> None:
    X, y = _xy([400, 100])
    _Recorder.seen = []
    pipe = Pipeline([("resample", sampler), ("model", _Recorder())])
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    result = cross_validate(pipe, X, y, cv=cv, scoring="accuracy")
    # validation folds were predicted untouched: always-0 scores the fold's class-0 share
    assert np.allclose(result["test_score"], 0.8)
    assert len(_Recorder.seen) == 5
    for counts in _Recorder.seen:  # each training fold (400 rows: 320 + 80) was balanced
        assert counts[0] == counts[1] == (320 if isinstance(sampler, SMOTE) else 80)
