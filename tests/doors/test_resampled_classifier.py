"""ResampledClassifier: scikit-learn's estimator checks, pipelines, search, prior correction."""

from __future__ import annotations

import pickle
import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_validate
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

import pd_imbalance as pdi
from pd_imbalance.errors import ImbalanceWarning
from pd_imbalance.sklearn import ResampledClassifier

KWARGS_REASON = (
    "**method_options: keyword options merge into method_options; the check passes a "
    "parameter literally named 'kwargs', which is not one"
)
SMALL_CLASS_REASON = (
    "smote needs k_neighbors + 1 = 6 rows per class; the check fits 10 rows of 3 classes "
    "(it raises our InsufficientSamplesError naming the fix)"
)


def _expected_failures(estimator: Any) -> dict[str, str]:
    failures = {"check_do_not_raise_errors_in_init_or_set_params": KWARGS_REASON}
    if estimator.method == "smote":
        failures["check_fit2d_1feature"] = SMALL_CLASS_REASON
    return failures


def _quiet(estimator: Any) -> Any:
    return estimator


@parametrize_with_checks(
    [
        ResampledClassifier(LogisticRegression()),
        ResampledClassifier(LogisticRegression(), "undersample"),
        ResampledClassifier(LogisticRegression(), "oversample", correct_prior=False),
    ],
    expected_failed_checks=_expected_failures,
)
def test_sklearn_checks(estimator: Any, check: Any) -> None:
    with warnings.catch_warnings():
        # the checks fit tiny classes on purpose; our advice about them is not under test
        warnings.simplefilter("ignore", ImbalanceWarning)
        check(estimator)


def _data(n: int = 3000, seed: int = 0) -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(rng.normal(size=(n, 3)), columns=["a", "b", "c"])
    logit = -3.5 + 1.5 * X["a"] - 1.0 * X["b"]
    y = pd.Series((rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int), name="y")
    return X, y


def test_counts_and_prior_ratios() -> None:
    X, y = _data()
    clf = ResampledClassifier(LogisticRegression(), "undersample", random_state=0).fit(X, y)
    n1 = int(y.sum())
    assert clf.counts_before_ == {0: len(y) - n1, 1: n1}
    assert clf.counts_after_ == {0: n1, 1: n1}
    np.testing.assert_allclose(clf.prior_ratios_, [(len(y) - n1) / len(y) / 0.5, n1 / len(y) / 0.5])
    assert list(clf.feature_names_in_) == ["a", "b", "c"] and clf.n_features_in_ == 3
    np.testing.assert_array_equal(clf.classes_, [0, 1])


def test_corrected_probabilities_equal_correct_prior_and_are_calibrated() -> None:
    X, y = _data()
    Xv, yv = _data(seed=1)
    raw = ResampledClassifier(LogisticRegression(), "undersample", correct_prior=False,
                              random_state=0).fit(X, y)
    fixed = ResampledClassifier(LogisticRegression(), "undersample", random_state=0).fit(X, y)
    p_raw, p_fixed = raw.predict_proba(Xv), fixed.predict_proba(Xv)
    expected = pdi.correct_prior(p_raw, prior_from=[0.5, 0.5],
                                 prior_to=[1 - y.mean(), y.mean()])
    np.testing.assert_allclose(p_fixed, expected, rtol=1e-12)
    assert abs(p_fixed[:, 1].mean() - yv.mean()) < 0.02 < abs(p_raw[:, 1].mean() - yv.mean())
    assert brier_score_loss(yv, p_fixed[:, 1]) < brier_score_loss(yv, p_raw[:, 1])


def test_method_options_as_keywords_are_one_parameter() -> None:
    clf = ResampledClassifier(LogisticRegression(), "smote", k_neighbors=3, random_state=0)
    assert clf.get_params()["method_options"] == {"k_neighbors": 3}
    twin = clone(clf)
    assert twin.get_params()["method_options"] == {"k_neighbors": 3}
    twin.set_params(method_options={"k_neighbors": 4})
    assert clf.method_options == {"k_neighbors": 3}
    X, y = _data(600)
    a = clone(clf).fit(X, y).predict_proba(X)
    b = clone(clf).fit(X, y).predict_proba(X)
    np.testing.assert_array_equal(a, b)  # reproducible with an int random_state


def test_pickle_round_trip() -> None:
    X, y = _data(800)
    clf = ResampledClassifier(LogisticRegression(), "smote", threshold="tuned",
                              random_state=0).fit(X, y)
    back = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(back.predict(X), clf.predict(X))
    np.testing.assert_array_equal(back.predict_proba(X), clf.predict_proba(X))


def test_pipeline_cross_validate_and_grid_search_without_imblearn() -> None:
    X, y = _data(1500)
    pipe = Pipeline([("scale", StandardScaler()),
                     ("clf", ResampledClassifier(LogisticRegression(), "smote", random_state=0))])
    cv = StratifiedKFold(4, shuffle=True, random_state=0)
    scores = cross_validate(pipe, X, y, cv=cv, scoring=["roc_auc", "neg_brier_score"])
    assert np.all(scores["test_roc_auc"] > 0.8)
    grid = GridSearchCV(pipe, {"clf__method": ["smote", "undersample", "none"]}, cv=cv,
                        scoring="neg_brier_score").fit(X, y)
    assert grid.best_params_["clf__method"] in {"smote", "undersample", "none"}
    assert len(grid.cv_results_["mean_test_score"]) == 3
    assert grid.predict_proba(X).shape == (len(X), 2)


def test_training_folds_only_are_resampled() -> None:
    X, y = _data(400)
    seen: list[int] = []

    class Spy(LogisticRegression):  # type: ignore[misc]
        def fit(self, X: Any, y: Any, sample_weight: Any = None) -> Any:
            seen.append(len(y))
            return super().fit(X, y)

    cross_validate(ResampledClassifier(Spy(), "undersample", random_state=0), X, y,
                   cv=StratifiedKFold(4))
    n_train_pos = [int(y.iloc[tr].sum()) for tr, _ in StratifiedKFold(4).split(X, y)]
    assert seen == [2 * n for n in n_train_pos]


def test_fixed_threshold_decides_by_corrected_probability() -> None:
    X, y = _data(1000)
    clf = ResampledClassifier(LogisticRegression(), "undersample", threshold=0.2,
                              random_state=0).fit(X, y)
    p = clf.predict_proba(X)[:, 1]
    np.testing.assert_array_equal(clf.predict(X), (p >= 0.2).astype(int))


def test_tuned_threshold_comes_from_an_inner_split() -> None:
    X, y = _data(1200)
    clf = ResampledClassifier(LogisticRegression(), "undersample", threshold="tuned",
                              random_state=0).fit(X, y)
    assert 0.0 < clf.threshold_ < 1.0
    p = clf.predict_proba(X)[:, 1]
    np.testing.assert_array_equal(clf.predict(X), (p >= clf.threshold_).astype(int))
    recall = ResampledClassifier(LogisticRegression(), "undersample", threshold="tuned",
                                 tune_options={"objective": "min_recall", "min_recall": 0.9},
                                 random_state=0).fit(X, y)
    assert recall.threshold_ <= clf.threshold_


def test_multiclass_and_string_labels() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 2))
    y = np.where(X[:, 0] > 1.2, "high", np.where(X[:, 0] < -1.0, "low", "mid"))
    clf = ResampledClassifier(LogisticRegression(), "smote", random_state=0).fit(X, y)
    np.testing.assert_array_equal(clf.classes_, ["high", "low", "mid"])
    proba = clf.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_allclose(proba.mean(axis=0),
                               pd.Series(y).value_counts(normalize=True).sort_index(), atol=0.03)


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        ({"threshold": "best"}, ValueError, "threshold must be None, a number in"),
        ({"threshold": 1.5}, ValueError, r"threshold must be in \[0, 1\]"),
        ({"method": 3}, TypeError, "method must be a method name"),
        ({"method": "smote", "method_options": 3}, TypeError, "method_options must be a dict"),
        ({"method": "none", "method_options": {"k_neighbors": 3}}, ValueError, "takes no"),
        ({"method": "smote", "method_options": {"n_neighbours": 3}}, TypeError, "n_neighbours"),
    ],
)
def test_bad_parameters(params: dict[str, Any], error: type[Exception], match: str) -> None:
    X, y = _data(300)
    with pytest.raises(error, match=match):
        ResampledClassifier(LogisticRegression(), **params).fit(X, y)


def test_threshold_on_multiclass_raises() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(90, 2))
    y = np.repeat([0, 1, 2], 30)
    with pytest.raises(ValueError, match="needs a binary target; y has 3 classes"):
        ResampledClassifier(LogisticRegression(), "undersample", threshold=0.3).fit(X, y)


def test_pyarrow_frame_and_labels() -> None:
    X, y = _data(600)
    Xa = X.convert_dtypes(dtype_backend="pyarrow")
    ya = y.astype("int64[pyarrow]")
    plain = ResampledClassifier(LogisticRegression(), "smote", random_state=0).fit(X, y)
    arrow = ResampledClassifier(LogisticRegression(), "smote", random_state=0).fit(Xa, ya)
    assert arrow.counts_before_ == plain.counts_before_
    assert arrow.counts_after_ == plain.counts_after_
    np.testing.assert_allclose(arrow.predict_proba(Xa), plain.predict_proba(X), rtol=1e-10)
    assert list(arrow.feature_names_in_) == ["a", "b", "c"]
