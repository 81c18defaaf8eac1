"""correct_prior: brute-force Bayes, a real undersampled model, the resamplers' counts, bad
input."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

import pd_imbalance as pdi
from pd_imbalance._verbs.steps import RESAMPLERS


def _bayes_posterior(likelihood: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """p(class | x) for every x by direct enumeration: likelihood is (n_x, K)."""
    joint = likelihood * prior
    return joint / joint.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("k", [2, 3, 5])
def test_matches_brute_force_bayes(k: int) -> None:
    rng = np.random.default_rng(k)
    likelihood = rng.dirichlet(np.ones(40), size=k).T  # p(x | class), 40 values of x
    prior_from = rng.dirichlet(np.ones(k))
    prior_to = rng.dirichlet(np.ones(k))
    trained = _bayes_posterior(likelihood, prior_from)
    truth = _bayes_posterior(likelihood, prior_to)
    got = pdi.correct_prior(trained, prior_from=prior_from, prior_to=prior_to)
    np.testing.assert_allclose(got, truth, rtol=1e-12, atol=1e-15)
    if k == 2:  # the binary closed form on the positive column
        one = pdi.correct_prior(trained[:, 1], prior_from=prior_from, prior_to=prior_to)
        np.testing.assert_allclose(one, truth[:, 1], rtol=1e-12)


def test_binary_closed_form_by_hand() -> None:
    p = np.array([0.0, 0.2, 0.5, 0.9, 1.0])
    r0, r1 = 0.9 / 0.5, 0.1 / 0.5
    expected = p * r1 / (p * r1 + (1 - p) * r0)
    got = pdi.correct_prior(p, prior_from={0: 0.5, 1: 0.5}, prior_to={0: 0.9, 1: 0.1})
    np.testing.assert_allclose(got, expected, rtol=1e-15)
    assert got[0] == 0.0 and got[-1] == 1.0


def test_types_come_back() -> None:
    s = pd.Series([0.5, 0.9], index=["a", "b"], name="p", dtype="float32")
    out = pdi.correct_prior(s, prior_from=[0.5, 0.5], prior_to=[0.8, 0.2])
    assert isinstance(out, pd.Series) and out.dtype == np.float32
    assert out.name == "p" and list(out.index) == ["a", "b"]
    frame = pd.DataFrame({"x": [0.2, 0.5], "y": [0.3, 0.25], "z": [0.5, 0.25]}, index=[7, 3])
    got = pdi.correct_prior(frame, prior_from={"z": 0.5, "x": 0.25, "y": 0.25},
                            prior_to={"x": 0.6, "y": 0.3, "z": 0.1})
    assert list(got.columns) == ["x", "y", "z"] and list(got.index) == [7, 3]
    expected = frame.to_numpy() * np.array([2.4, 1.2, 0.2])
    np.testing.assert_allclose(got.to_numpy(), expected / expected.sum(1, keepdims=True))
    array = np.array([[0.5, 0.5]], dtype=np.float32)
    assert pdi.correct_prior(array, prior_from=[0.5, 0.5], prior_to=[0.9, 0.1]).dtype == np.float32
    listed = pdi.correct_prior([0.5], prior_from=[0.5, 0.5], prior_to=[0.9, 0.1])
    np.testing.assert_allclose(listed, [0.1])


def test_pyarrow_series_and_frame() -> None:
    s = pd.Series([0.5, 0.9], dtype="double[pyarrow]")
    out = pdi.correct_prior(s, prior_from=[0.5, 0.5], prior_to=[0.9, 0.1])
    assert out.dtype == s.dtype
    np.testing.assert_allclose(out.to_numpy(dtype=float), [0.1, 0.5])
    frame = pd.DataFrame({0: [0.5], 1: [0.5]}).convert_dtypes(dtype_backend="pyarrow")
    got = pdi.correct_prior(frame.astype("double[pyarrow]"), prior_from=[0.5, 0.5],
                            prior_to=[0.9, 0.1])
    np.testing.assert_allclose(got.to_numpy(dtype=float), [[0.9, 0.1]])


def test_input_not_mutated() -> None:
    p = np.array([0.5, 0.9])
    prior = {0: 0.5, 1: 0.5}
    pdi.correct_prior(p, prior_from=prior, prior_to={0: 0.9, 1: 0.1})
    assert p.tolist() == [0.5, 0.9] and prior == {0: 0.5, 1: 0.5}


def test_labels_not_01_take_the_minority_or_pos_label() -> None:
    to = {"no": 0.9, "yes": 0.1}
    a = pdi.correct_prior(np.array([0.5]), prior_from={"no": 0.5, "yes": 0.5}, prior_to=to)
    np.testing.assert_allclose(a, [0.1])  # scores for "yes", the minority
    b = pdi.correct_prior(np.array([0.5]), prior_from={"no": 0.5, "yes": 0.5}, prior_to=to,
                          pos_label="no")
    np.testing.assert_allclose(b, [0.9])


def _real(n: int = 6000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 2))
    logit = -3.8 + 1.4 * x[:, 0] + 0.8 * x[:, 1]
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    return pd.DataFrame({"a": x[:, 0], "b": x[:, 1], "y": y})


def test_real_experiment_logistic_regression_on_undersampled_rows() -> None:
    df, test = _real(), _real(seed=1)
    train = pdi.undersample(df, "y", random_state=0)
    model = LogisticRegression().fit(train[["a", "b"]], train["y"])
    raw = model.predict_proba(test[["a", "b"]])[:, 1]
    fixed = pdi.correct_prior(raw, trained_on=train)
    prevalence = test["y"].mean()
    assert abs(raw.mean() - prevalence) > 0.2  # trained at 50/50: badly inflated
    assert abs(fixed.mean() - prevalence) < 0.01
    assert brier_score_loss(test["y"], fixed) < 0.5 * brier_score_loss(test["y"], raw)
    assert roc_auc_score(test["y"], fixed) == pytest.approx(roc_auc_score(test["y"], raw))
    # the trained_on path equals the explicit shares
    before, after = train.attrs["pd_imbalance"]["counts_before"], train.attrs["pd_imbalance"][
        "counts_after"]
    share = {k: v / sum(before.values()) for k, v in before.items()}
    explicit = pdi.correct_prior(raw, prior_from={0: 0.5, 1: 0.5}, prior_to=share)
    assert after[0] == after[1]
    np.testing.assert_allclose(fixed, explicit, rtol=1e-12)


def test_trained_on_with_another_prior_to() -> None:
    df = _real(600)
    train = pdi.undersample(df, "y", random_state=0)
    got = pdi.correct_prior(np.array([0.5]), trained_on=train, prior_to={0: 0.8, 1: 0.2})
    np.testing.assert_allclose(got, [0.2])


@pytest.mark.parametrize("name", list(RESAMPLERS))
def test_every_resampler_records_counts(name: str) -> None:
    df = _real(400)
    out = pdi.resample(df, "y", steps=[name], random_state=0)
    entry = out.attrs["pd_imbalance"]
    assert entry["counts_before"] == df["y"].value_counts().sort_index().to_dict()
    assert entry["counts_after"] == out["y"].value_counts().sort_index().to_dict()


@pytest.mark.parametrize(
    "method", ["smote", "undersample", ["smote", "tomek"], ["oversample", lambda f: f.iloc[1:]]]
)
def test_split_and_cv_train_parts_record_the_whole_chain(method: Any) -> None:
    df = _real(400)
    parts = [pdi.split_then_resample(df, "y", method=method, random_state=0)]
    parts += list(pdi.cv_splits(df, "y", n_splits=3, method=method, random_state=0))
    for part in parts:
        entry = part.train.attrs["pd_imbalance"]
        counted = df.loc[df.index.difference(part.test.index), "y"].value_counts().sort_index()
        assert entry["counts_before"] == counted.to_dict()
        assert entry["counts_after"] == part.train["y"].value_counts().sort_index().to_dict()


# -- bad input -------------------------------------------------------------------------------

HALF = {0: 0.5, 1: 0.5}


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"prior_from": HALF, "prior_to": {0: 0.7, 1: 0.2}}, ValueError,
         r"prior_to shares add up to 0.9, not 1 \(tolerance 1e-06\)"),
        ({"prior_from": {0: 50, 1: 50}, "prior_to": HALF}, ValueError,
         "not counts or percentages"),
        ({"prior_from": HALF, "prior_to": {0: 1.0}}, ValueError, r"prior_to lacks class\(es\) 1"),
        ({"prior_from": {0: 0.5, 1: 0.4, 2: 0.1}, "prior_to": HALF}, ValueError,
         "priors have 3 classes"),
        ({"prior_from": HALF, "prior_to": {0: 1.0, 1: 0.0}}, ValueError,
         "class 1 the share 0.0"),
        ({"prior_from": [0.5, 0.5, 0.0], "prior_to": [0.9, 0.1]}, ValueError, "has 3 shares"),
        ({"prior_from": HALF}, ValueError, "prior_to not given"),
        ({}, ValueError, "prior_from and prior_to not given"),
        ({"prior_from": HALF, "prior_to": "0.5"}, TypeError, "prior_to must be"),
    ],
)
def test_bad_priors(kwargs: dict[str, Any], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        pdi.correct_prior(np.array([0.2, 0.7]), **kwargs)


@pytest.mark.parametrize(
    ("scores", "error", "match"),
    [
        (np.array([0.2, 1.5]), ValueError, r"probabilities in \[0, 1\].*from 0.2 to 1.5"),
        (np.array([-2.0, 0.3]), ValueError, "not decision_function scores or logits"),
        (np.array([0.2, np.nan]), ValueError, "missing or infinite"),
        (np.zeros((3, 1)), ValueError, r"shape \(3, 1\)"),
        (np.zeros((2, 2, 2)), ValueError, r"shape \(2, 2, 2\)"),
        (np.array([[0.2, 0.2], [0.5, 0.5]]), ValueError, "row 0 adds up to 0.4"),
        (np.full((2, 3), 1 / 3), ValueError, "the scores have 3 columns but the priors have 2"),
        (np.array([], dtype=float), ValueError, "no rows"),
        (np.array(["0.2", "0.4"]), TypeError, "numeric probabilities"),
        (0.5, TypeError, "scores must be an array"),
        (pd.DataFrame({0: [0.5], 2: [0.5]}), ValueError, r"prior_from lacks class\(es\) 2"),
    ],
)
def test_bad_scores(scores: Any, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        pdi.correct_prior(scores, prior_from=HALF, prior_to={0: 0.9, 1: 0.1})


def test_trained_on_without_counts_names_the_fix() -> None:
    df = _real(100)
    with pytest.raises(ValueError, match=r"no class counts in attrs\['pd_imbalance'\].*prior_from"):
        pdi.correct_prior(np.array([0.5]), trained_on=df)
    train = pdi.undersample(df, "y", random_state=0)
    with pytest.raises(ValueError, match="not both"):
        pdi.correct_prior(np.array([0.5]), trained_on=train, prior_from=HALF)
    with pytest.raises(TypeError, match="trained_on must be the DataFrame"):
        pdi.correct_prior(np.array([0.5]), trained_on=train.to_numpy())  # type: ignore[arg-type]
