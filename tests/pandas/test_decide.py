"""decide (the Bayes rule with a cost matrix), tune_threshold one-vs-rest and cost_matrix,
ThresholdResult.to_estimator."""

from __future__ import annotations

import pickle
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix

import pd_imbalance as pdi


def _proba(n: int = 500, k: int = 3, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).dirichlet(np.ones(k), size=n)


def _brute_force(proba: np.ndarray, costs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    choice = np.empty(len(proba), dtype=np.intp)
    best = np.empty(len(proba))
    for r, p in enumerate(proba):
        totals = [sum(p[i] * costs[i, j] for i in range(len(p))) for j in range(len(p))]
        choice[r] = int(np.argmin(totals))
        best[r] = min(totals)
    return choice, best


@pytest.mark.parametrize("k", [2, 3, 4])
def test_bayes_decision_against_brute_force(k: int) -> None:
    rng = np.random.default_rng(k)
    proba = _proba(300, k, seed=k)
    costs = rng.uniform(1, 10, size=(k, k))
    np.fill_diagonal(costs, 0)
    labels = rng.integers(0, k, size=300)
    res = pdi.decide(proba, costs, labels=labels)
    choice, best = _brute_force(proba, costs)
    np.testing.assert_array_equal(res.decisions, choice)
    np.testing.assert_allclose(res.expected_cost, best, rtol=1e-12)
    assert res.mean_expected_cost == pytest.approx(best.mean(), rel=1e-12)
    assert res.realised_cost == pytest.approx(costs[labels, choice].mean(), rel=1e-12)
    assert res.confusion is not None
    np.testing.assert_array_equal(
        res.confusion.to_numpy(), confusion_matrix(labels, choice, labels=list(range(k)))
    )


def test_zero_one_costs_give_the_most_probable_class() -> None:
    proba = _proba()
    res = pdi.decide(proba, 1 - np.eye(3))
    np.testing.assert_array_equal(res.decisions, proba.argmax(axis=1))


def test_dear_misses_move_decisions_to_that_class() -> None:
    proba = _proba()
    costs = 1 - np.eye(3)
    costs[2, :2] = 20  # missing class 2 is 20 times dearer
    res = pdi.decide(proba, costs)
    assert (res.decisions == 2).sum() > (proba.argmax(axis=1) == 2).sum()


def test_frame_with_labelled_columns_and_labelled_costs_in_another_order() -> None:
    proba = pd.DataFrame(_proba(50), columns=["cat", "dog", "eel"], index=np.arange(50) * 10)
    costs = pd.DataFrame([[1, 0, 1], [5, 1, 0], [0, 9, 2]], index=["eel", "cat", "dog"],
                         columns=["dog", "eel", "cat"])
    res = pdi.decide(proba, costs)
    ordered = costs.loc[["cat", "dog", "eel"], ["cat", "dog", "eel"]].to_numpy(dtype=float)
    choice, best = _brute_force(proba.to_numpy(), ordered)
    assert isinstance(res.decisions, pd.Series)
    assert res.decisions.index.equals(proba.index) and res.decisions.name == "decision"
    assert res.decisions.tolist() == [["cat", "dog", "eel"][c] for c in choice]
    np.testing.assert_allclose(res.expected_cost.to_numpy(), best)
    assert res.classes == ("cat", "dog", "eel")
    assert res.cost_matrix.to_numpy().tolist() == ordered.tolist()
    with_labels = pdi.decide(proba, costs, labels=pd.Series(["cat"] * 50, index=proba.index))
    assert with_labels.confusion is not None
    assert with_labels.confusion.loc["cat"].sum() == 50


def test_array_with_classes_and_one_d_binary() -> None:
    res = pdi.decide(np.array([[0.9, 0.1], [0.6, 0.4]]), [[0, 1], [5, 0]], classes=["no", "yes"])
    assert res.decisions.tolist() == ["no", "yes"]
    one = pdi.decide(np.array([0.1, 0.4]), [[0, 1], [5, 0]])
    np.testing.assert_array_equal(one.decisions, [0, 1])
    np.testing.assert_allclose(one.expected_cost, [0.5, 0.6])


def test_pyarrow_probabilities() -> None:
    proba = pd.DataFrame(_proba(20), columns=["a", "b", "c"]).astype("double[pyarrow]")
    res = pdi.decide(proba, 1 - np.eye(3))
    assert res.decisions.tolist() == list(
        np.array(["a", "b", "c"])[proba.to_numpy(dtype=float).argmax(1)]
    )


def test_result_dict_repr_and_pickle() -> None:
    import json

    res = pdi.decide(_proba(10), 1 - np.eye(3), labels=[0, 1, 2, 0, 1, 2, 0, 1, 2, 0])
    d = json.loads(json.dumps(res.to_dict()))
    assert d["n_rows"] == 10 and sum(d["decided"].values()) == 10
    assert d["confusion"] is not None and np.sum(d["confusion"]) == 10
    assert "realised cost" in repr(res) and "confusion" in repr(res)
    back = pickle.loads(pickle.dumps(res))
    np.testing.assert_array_equal(back.decisions, res.decisions)


def test_inputs_not_mutated() -> None:
    proba = _proba(20)
    costs = 1 - np.eye(3)
    copies = proba.copy(), costs.copy()
    pdi.decide(proba, costs)
    np.testing.assert_array_equal(proba, copies[0])
    np.testing.assert_array_equal(costs, copies[1])


@pytest.mark.parametrize(
    ("costs", "kwargs", "match"),
    [
        (np.zeros((2, 2)), {}, r"cost_matrix must be 3 x 3.*got shape \(2, 2\)"),
        (np.zeros((3, 4)), {}, r"got shape \(3, 4\)"),
        (np.array([[0, 1, 1], [1, 2, 1], [1, 1, 0]]), {},
         r"cost_matrix\[1, 1\] = 2 \(predicting 1 when the truth is 1\) is more than "
         r"cost_matrix\[1, 0\] = 1"),
        (np.array([[0, 1, np.nan], [1, 0, 1], [1, 1, 0]]), {}, "finite"),
        (pd.DataFrame(1 - np.eye(3), index=[0, 1, 5], columns=[0, 1, 2]), {},
         r"index \(true classes\) must be the classes.*missing: 2, not a class: 5"),
        (pd.DataFrame(1 - np.eye(3), index=[0, 1, 2], columns=["0", "1", "2"]), {},
         r"columns \(predicted classes\) must be the classes"),
        (1 - np.eye(3), {"labels": [0, 1]}, "one true class per row"),
        (1 - np.eye(3), {"labels": [0, 1, 7, 0, 1, 2]}, "not classes of the probabilities: 7"),
        (1 - np.eye(3), {"classes": ["a", "b"]}, "name each of the 3 probability columns"),
    ],
)
def test_bad_cost_matrix_and_labels(costs: Any, kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        pdi.decide(_proba(6), costs, **kwargs)


@pytest.mark.parametrize(
    ("proba", "error", "match"),
    [
        (np.array([[0.5, 0.6, 0.1]]), ValueError, "adds up to 1.2"),
        (np.array([[1.5, -0.5]]), ValueError, r"in \[0, 1\]"),
        (np.ones((2, 1)), ValueError, r"shape \(2, 1\)"),
        (pd.DataFrame({"a": ["x"], "b": ["y"]}), TypeError, "numeric probabilities"),
        ("proba", TypeError, "proba must be a DataFrame"),
    ],
)
def test_bad_probabilities(proba: Any, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        pdi.decide(proba, 1 - np.eye(2))


def test_frame_and_classes_refused() -> None:
    with pytest.raises(ValueError, match="a DataFrame's columns are its classes"):
        pdi.decide(pd.DataFrame({"a": [0.5], "b": [0.5]}), 1 - np.eye(2), classes=["a", "b"])


# -- tune_threshold: cost matrix and one-vs-rest ---------------------------------------------


def _binary(n: int = 400, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.2).astype(int)
    p = np.clip(0.3 * y + rng.random(n) * 0.7, 0, 1)
    return pd.DataFrame({"y": y, "p": p})


def test_cost_matrix_equals_fn_fp_costs() -> None:
    df = _binary()
    matrix = pdi.tune_threshold(df, "y", scores="p", objective="cost",
                                cost_matrix=[[1, 3], [9, 2]])
    plain = pdi.tune_threshold(df, "y", scores="p", objective="cost", fn_cost=7, fp_cost=2)
    assert matrix.threshold == plain.threshold and matrix.value == plain.value
    assert (matrix.fn_cost, matrix.fp_cost) == (7.0, 2.0)
    labelled = pd.DataFrame([[2, 9], [3, 1]], index=[1, 0], columns=[1, 0])
    same = pdi.tune_threshold(df, "y", scores="p", objective="cost", cost_matrix=labelled)
    assert same.threshold == plain.threshold


def test_cost_matrix_brute_force_total_cost() -> None:
    df = _binary(300, seed=3)
    costs = np.array([[0.0, 1.0], [6.0, 0.0]])
    res = pdi.tune_threshold(df, "y", scores="p", objective="cost", cost_matrix=costs)
    y, p = df["y"].to_numpy(), df["p"].to_numpy()
    totals = {t: costs[y, (p >= t).astype(int)].sum() for t in np.unique(p)}
    best = min(totals.values())
    assert totals[res.threshold] == pytest.approx(best)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"cost_matrix": np.zeros((3, 3))}, r"must be 2 x 2"),
        ({"cost_matrix": [[0, 1], [-1, 0]]},
         r"cost_matrix\[1, 1\] = 0.*more than cost_matrix\[1, 0\]"),
        ({"cost_matrix": [[0, 0], [0, 0]]}, "every threshold costs the same"),
        ({"cost_matrix": pd.DataFrame([[0, 1], [1, 0]], index=["a", "b"], columns=[0, 1])},
         r"index \(true classes\)"),
        ({"cost_matrix": [[0, 1], [1, 0]], "fn_cost": 3}, "not both"),
    ],
)
def test_bad_cost_matrix_in_tune_threshold(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        pdi.tune_threshold(_binary(), "y", scores="p", objective="cost", **kwargs)


def test_cost_matrix_needs_the_cost_objective() -> None:
    with pytest.raises(ValueError, match="only allowed with objective='cost'"):
        pdi.tune_threshold(_binary(), "y", scores="p", cost_matrix=[[0, 1], [1, 0]])


def _three(n: int = 600, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    y = rng.choice(["a", "b", "c"], p=[0.6, 0.3, 0.1], size=n)
    proba = rng.dirichlet(np.ones(3), size=n)
    proba[:, 2] = np.where(y == "c", 0.5 + 0.5 * proba[:, 2], 0.6 * proba[:, 2])
    return pd.DataFrame({"y": y, "p_c": proba[:, 2]})


def test_one_vs_rest_equals_the_binary_column() -> None:
    df = _three()
    ovr = pdi.tune_threshold(df, "y", scores="p_c", pos_label="c")
    binary = pdi.tune_threshold(df.assign(y=df["y"] == "c"), "y", scores="p_c", pos_label=True)
    assert ovr.threshold == binary.threshold and ovr.value == binary.value
    assert ovr.pos_label == "c" and ovr.n_positive == int((df["y"] == "c").sum())
    pd.testing.assert_frame_equal(ovr.curve, binary.curve)


def test_multiclass_without_pos_label_or_with_cost_matrix_raises() -> None:
    df = _three()
    with pytest.raises(ValueError, match="needs a binary label"):
        pdi.tune_threshold(df, "y", scores="p_c")
    with pytest.raises(ValueError, match=r"use pd_imbalance.decide"):
        pdi.tune_threshold(df, "y", scores="p_c", pos_label="c", objective="cost",
                           cost_matrix=1 - np.eye(3))
    with pytest.raises(ValueError, match="pos_label='z' is not a class"):
        pdi.tune_threshold(df, "y", scores="p_c", pos_label="z")


# -- to_estimator ----------------------------------------------------------------------------


def _model() -> tuple[Any, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(500, 3))
    y = (X[:, 0] + rng.normal(size=500) > 1.5).astype(int)
    return LogisticRegression().fit(X, y), X, y


@pytest.mark.parametrize("objective", ["f1", "min_recall", "cost"])
def test_to_estimator_decides_as_the_threshold(objective: str) -> None:
    model, X, y = _model()
    df = pd.DataFrame({"y": y, "p": model.predict_proba(X)[:, 1]})
    extra = {"min_recall": 0.9} if objective == "min_recall" else {}
    res = pdi.tune_threshold(df, "y", scores="p", objective=objective, **extra)  # type: ignore[arg-type]
    clf = res.to_estimator(model)
    predicted = clf.predict(X)
    np.testing.assert_array_equal(predicted, (df["p"] >= res.threshold).astype(int))
    assert int(((predicted == 1) & (y == 1)).sum()) == res.at_threshold.tp
    assert int(((predicted == 1) & (y == 0)).sum()) == res.at_threshold.fp
    # rows exactly at the threshold are positive, as in tune_threshold
    at = df["p"] == res.threshold
    assert at.any() and (predicted[at.to_numpy()] == 1).all()


def test_to_estimator_does_not_refit_and_pickles() -> None:
    model, X, y = _model()
    df = pd.DataFrame({"y": y, "p": model.predict_proba(X)[:, 1]})
    clf = pdi.tune_threshold(df, "y", scores="p").to_estimator(model)
    coef = model.coef_.copy()
    clf.fit(X[:100], 1 - y[:100])  # a pipeline's fit: the frozen model stays as it was
    np.testing.assert_array_equal(model.coef_, coef)
    back = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(back.predict(X), clf.predict(X))


def test_to_estimator_string_labels() -> None:
    model, X, y = _model()
    labels = np.where(y == 1, "yes", "no")
    model = LogisticRegression().fit(X, labels)
    df = pd.DataFrame({"y": labels, "p": model.predict_proba(X)[:, 1]})
    res = pdi.tune_threshold(df, "y", scores="p", pos_label="yes")
    predicted = res.to_estimator(model).predict(X)
    np.testing.assert_array_equal(predicted == "yes", df["p"] >= res.threshold)


def test_to_estimator_bad_input() -> None:
    model, X, y = _model()
    df = pd.DataFrame({"y": y, "p": model.predict_proba(X)[:, 1]})
    res = pdi.tune_threshold(df, "y", scores="p")
    with pytest.raises(ValueError, match="is not fitted"):
        res.to_estimator(LogisticRegression())
    three = LogisticRegression().fit(X, np.arange(len(y)) % 3)
    with pytest.raises(ValueError, match="needs a binary classifier"):
        res.to_estimator(three)
    other = LogisticRegression().fit(X, np.where(y == 1, "yes", "no"))
    with pytest.raises(ValueError, match="pos_label 1 is not a class of the model"):
        res.to_estimator(other)
    with pytest.raises(ValueError, match="response_method"):
        res.to_estimator(model, response_method="predict")
