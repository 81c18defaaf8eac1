"""report(): the model evaluation (ModelEvaluation), array inputs, the paradox, bad input."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import LABEL_DTYPES
from imblearn.metrics import geometric_mean_score, specificity_score
from sklearn.metrics import (
    brier_score_loss,
    cohen_kappa_score,
    log_loss,
    matthews_corrcoef,
    roc_auc_score,
)

import pd_imbalance as pdi
from pd_imbalance import InvalidFeaturesError, InvalidTargetError

TOL = 1e-12


def default_frame() -> pd.DataFrame:
    """ISLP ``Default``-like: 333 defaults in 10,000, precision 0.68, recall 0.31."""
    tp, fp, fn, tn = 104, 49, 229, 9618
    y = np.array(["No"] * (tn + fp) + ["Yes"] * (fn + tp), dtype=object)
    pred = np.array(["No"] * tn + ["Yes"] * fp + ["No"] * fn + ["Yes"] * tp, dtype=object)
    return pd.DataFrame({"balance": np.arange(len(y), dtype=float), "default": y, "pred": pred})


def test_the_default_case_is_not_a_paradox() -> None:
    df = default_frame()
    rep = pdi.report(df, "default", predictions="pred")
    m = rep.model
    assert m is not None
    assert round(m.to_frame().loc["Yes", "precision"], 2) == 0.68
    assert round(m.to_frame().loc["Yes", "recall"], 2) == 0.31
    assert rep.accuracy_paradox is False and m.accuracy_paradox is False
    assert m.error_reduction == pytest.approx((104 - 49) / 333, abs=TOL)
    assert "Model accuracy paradox: no" in repr(rep)


def test_an_all_majority_predictor_is_a_paradox() -> None:
    df = default_frame().assign(pred="No")
    rep = pdi.report(df, "default", predictions="pred")
    assert rep.accuracy_paradox is True
    assert rep.model is not None and rep.model.error_reduction == 0.0


@pytest.mark.parametrize("name", sorted(LABEL_DTYPES))
@pytest.mark.parametrize("pyarrow", [False, True])
def test_headline_metrics_equal_sklearn_for_label_dtypes(name: str, pyarrow: bool) -> None:
    (major, minor), dtype = LABEL_DTYPES[name]
    rng = np.random.default_rng(3)
    y = np.where(rng.random(300) < 0.2, minor, major).astype(object)
    pred = np.where(rng.random(300) < 0.8, y, np.where(y == major, minor, major)).astype(object)
    score = np.clip(0.2 + 0.5 * (y == minor) + rng.normal(0, 0.2, 300), 0, 1)
    df = pd.DataFrame(
        {"y": pd.array(list(y), dtype=dtype), "pred": pd.array(list(pred), dtype=dtype)}
    )
    df["score"] = score
    if pyarrow:
        df = df.convert_dtypes(dtype_backend="pyarrow")
    m = pdi.report(df, "y", predictions="pred", scores="score").model
    assert m is not None
    yl, pl = list(y), list(pred)
    assert abs(m.mcc - matthews_corrcoef(yl, pl)) < TOL  # type: ignore[operator]
    assert abs(m.cohen_kappa - cohen_kappa_score(yl, pl)) < TOL  # type: ignore[operator]
    assert abs(m.g_mean - geometric_mean_score(yl, pl)) < TOL  # type: ignore[operator]
    spec = specificity_score(yl, pl, pos_label=minor, average="binary")
    assert abs(m.specificity - spec) < TOL  # type: ignore[operator]
    positive = y == minor
    assert abs(m.roc_auc - roc_auc_score(positive, score)) < TOL  # type: ignore[operator]
    assert abs(m.brier_score - brier_score_loss(positive, score)) < TOL  # type: ignore[operator]
    assert abs(m.log_loss - log_loss(positive, score)) < TOL  # type: ignore[operator]
    assert m.calibration_in_the_large == pytest.approx(score.mean() - positive.mean(), abs=TOL)
    d = m.to_dict()
    assert json.loads(json.dumps(d, allow_nan=False)) == d


def test_no_data_advice_or_data_columns_next_to_a_model() -> None:
    df = default_frame()
    rep = pdi.report(df, "default", predictions="pred")
    assert rep.recommendations == ()
    text = repr(rep)
    assert "Recommendations" not in text and "smote" not in text
    assert not {"balanced_weight", "smote_possible"} & set(rep.to_frame().columns)
    assert "model" in rep.to_dict() and rep.to_dict()["recommendations"] == []
    assert pdi.report(df, "default").recommendations  # the data report still advises


def test_predictions_and_scores_as_arrays_and_series_equal_columns() -> None:
    rng = np.random.default_rng(0)
    y = np.array([0] * 80 + [1] * 20)
    df = pd.DataFrame({"y": y, "pred": (rng.random(100) < 0.3).astype(int), "p": rng.random(100)})
    df.index = rng.permutation(100) + 1000
    by_name = pdi.report(df, "y", predictions="pred", scores="p").model
    proba = np.column_stack([1 - df["p"], df["p"]])
    shuffled = df["pred"].sample(frac=1, random_state=0)  # aligned by index, any order
    by_value = pdi.report(df, "y", predictions=shuffled, scores=proba).model
    assert by_name is not None and by_value is not None
    assert by_value.predictions == "<array>" and by_value.scores == "<array>"
    for key in ("accuracy", "mcc", "roc_auc", "average_precision", "brier_score"):
        assert getattr(by_value, key) == pytest.approx(getattr(by_name, key), abs=TOL)
    labelled = pd.DataFrame(proba, columns=[0, 1], index=df.index)
    assert pdi.report(df, "y", scores=labelled).roc_auc == by_name.roc_auc
    threshold = pdi.tune_threshold(df, "y", scores=proba).threshold
    assert threshold == pdi.tune_threshold(df, "y", scores="p").threshold


def test_multiclass_probability_frame_by_label() -> None:
    rng = np.random.default_rng(1)
    y = rng.choice(["a", "b", "c"], size=200, p=[0.6, 0.3, 0.1])
    raw = rng.random((200, 3)) + np.eye(3)[pd.Index(["a", "b", "c"]).get_indexer(y)]
    proba = raw / raw.sum(axis=1, keepdims=True)
    df = pd.DataFrame({"y": y})
    frame = pd.DataFrame(proba[:, ::-1], columns=["c", "b", "a"])  # columns by label
    m = pdi.report(df, "y", scores=frame).model
    assert m is not None
    assert m.roc_auc == pytest.approx(roc_auc_score(y, proba, multi_class="ovr"), abs=TOL)
    columns = ["support", "average_precision", "roc_auc", "mean_score", "share"]
    assert list(m.to_frame().columns) == columns
    brier = brier_score_loss(y, proba, labels=["a", "b", "c"])
    assert m.brier_score == pytest.approx(brier, abs=TOL)


def test_scores_outside_unit_interval_say_calibration_needs_probabilities() -> None:
    df = pd.DataFrame({"y": [0] * 8 + [1] * 2, "s": np.linspace(-3, 3, 10)})
    rep = pdi.report(df, "y", scores="s")
    assert rep.model is not None
    assert rep.roc_auc == 1.0  # ranking still reported
    assert rep.model.brier_score is None and rep.model.log_loss is None
    assert rep.model.calibration_note is not None
    assert "calibration needs probabilities" in rep.model.calibration_note
    assert "calibration needs probabilities" in repr(rep)


@pytest.mark.parametrize("role", ["predictions", "scores"])
def test_wrong_length_names_both_lengths_without_printing_the_array(role: str) -> None:
    df = pd.DataFrame({"y": [0] * 80 + [1] * 20})
    values = np.zeros(99) if role == "scores" else np.zeros(99, dtype=int)
    with pytest.raises(ValueError, match=r"has 99 values but the DataFrame has 100 rows") as info:
        pdi.report(df, "y", **{role: values})
    assert len(str(info.value)) < 300
    if role == "scores":
        with pytest.raises(ValueError, match="has 99 values"):
            pdi.tune_threshold(df, "y", scores=values)


def test_prediction_array_with_unknown_labels() -> None:
    df = pd.DataFrame({"y": ["ok"] * 8 + ["fraud"] * 2})
    match = r"Predictions array holds a label.*'maybe' \(2 rows\)"
    with pytest.raises(InvalidTargetError, match=match):
        pdi.report(df, "y", predictions=np.array(["ok"] * 8 + ["maybe"] * 2))


def test_non_numeric_score_array_raises_short() -> None:
    df = pd.DataFrame({"y": [0] * 8 + [1] * 2})
    match = "needs numeric scores, but scores has dtype"
    with pytest.raises(InvalidFeaturesError, match=match) as info:
        pdi.report(df, "y", scores=np.array(["x"] * 10, dtype=object))
    assert len(str(info.value)) < 300


def test_misaligned_series_and_wrong_columns_raise() -> None:
    df = pd.DataFrame({"y": [0] * 8 + [1] * 2}, index=range(10, 20))
    with pytest.raises(ValueError, match="index does not match"):
        pdi.report(df, "y", scores=pd.Series(np.linspace(0, 1, 10)))
    with pytest.raises(ValueError, match="not the classes of target"):
        halves = pd.DataFrame(np.ones((10, 2)) / 2, columns=["a", "b"], index=df.index)
        pdi.report(df, "y", scores=halves)
    with pytest.raises(ValueError, match="3 columns but target 'y' has 2 classes"):
        pdi.report(df, "y", scores=np.ones((10, 3)) / 3)
