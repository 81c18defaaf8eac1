"""report(predictions=, scores=, pos_label=): model numbers against scikit-learn, bad input."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import LABEL_DTYPES, assert_unchanged, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    balanced_accuracy_score,
    f1_score,
    precision_recall_fscore_support,
    roc_auc_score,
)

import pd_imbalance as pdi
from pd_imbalance import InvalidFeaturesError, InvalidTargetError, TargetNotFoundError
from pd_imbalance._core.metrics import average_precision, binary_curve, roc_auc

BASE_COLUMNS = ["count", "share", "ratio_to_majority", "balanced_weight", "smote_possible"]
MODEL_COLUMNS = [
    "precision", "recall", "specificity", "f1", "geometric_mean", "iba", "support"
]
PREDICTION_KEYS = {
    "predictions",
    "model_accuracy",
    "accuracy_paradox",
    "macro_f1",
    "balanced_accuracy",
}
SCORE_KEYS = {"scores", "pos_label", "average_precision", "prevalence", "roc_auc"}


def labelled(
    y: list[object] | np.ndarray,
    pred: list[object] | np.ndarray | None = None,
    score: np.ndarray | None = None,
    dtype: str | None = None,
) -> pd.DataFrame:
    n = len(y)
    data: dict[str, object] = {"x": np.arange(n, dtype=np.float64)}
    data["y"] = pd.array(list(y), dtype=dtype) if dtype else list(y)
    if pred is not None:
        data["pred"] = pd.array(list(pred), dtype=dtype) if dtype else list(pred)
    if score is not None:
        data["score"] = score
    return pd.DataFrame(data)


def noisy_predictions(y: np.ndarray, labels: list[object], rng: np.random.Generator) -> np.ndarray:
    """Right about 70 % of the time, else a random class (never the last one)."""
    wrong = np.array(labels[:-1], dtype=object)[rng.integers(0, len(labels) - 1, len(y))]
    keep = rng.random(len(y)) < 0.7
    return np.where(keep, y, wrong)


def tied_scores(positive: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Informative scores on a coarse grid, so that many rows share a score."""
    raw = rng.normal(size=len(positive)) + 1.2 * positive
    return np.round(raw * 3) / 3


# -- per-class and summary numbers vs scikit-learn -------------------------------------------


@pytest.mark.parametrize("name", sorted(LABEL_DTYPES))
def test_binary_prediction_metrics_equal_sklearn(name: str) -> None:
    (major, minor), dtype = LABEL_DTYPES[name]
    rng = np.random.default_rng(1)
    y = np.where(rng.random(300) < 0.15, minor, major).astype(object)
    pred = np.where(rng.random(300) < 0.8, y, np.where(y == major, minor, major)).astype(object)
    df = labelled(y, pred, dtype=dtype)
    rep = pdi.report(df, "y", predictions="pred")
    classes = rep.to_frame().index.tolist()
    p, r, f, s = precision_recall_fscore_support(
        list(y), list(pred), labels=classes, zero_division=0
    )
    table = rep.to_frame()
    assert list(table.columns) == MODEL_COLUMNS
    np.testing.assert_allclose(table["precision"], p, rtol=0, atol=1e-12)
    np.testing.assert_allclose(table["recall"], r, rtol=0, atol=1e-12)
    np.testing.assert_allclose(table["f1"], f, rtol=0, atol=1e-12)
    counts = pdi.report(df, "y").to_frame()["count"]
    assert table["support"].tolist() == s.tolist() == counts.tolist()
    assert rep.model_accuracy == pytest.approx(accuracy_score(list(y), list(pred)), abs=1e-12)
    assert rep.balanced_accuracy == pytest.approx(
        balanced_accuracy_score(list(y), list(pred)), abs=1e-12
    )
    assert rep.macro_f1 == pytest.approx(
        f1_score(list(y), list(pred), average="macro", zero_division=0), abs=1e-12
    )


@pytest.mark.parametrize("seed", range(5))
def test_multiclass_metrics_equal_sklearn_with_a_never_predicted_class(seed: int) -> None:
    rng = np.random.default_rng(seed)
    labels = ["a", "b", "c", "d"]
    y = rng.choice(np.array(labels, dtype=object), size=400, p=[0.55, 0.25, 0.15, 0.05])
    pred = noisy_predictions(y, labels, rng)
    pred[pred == "d"] = "a"  # "d" is never predicted: precision 0/0 -> 0
    rep = pdi.report(labelled(y, pred), "y", predictions="pred")
    table = rep.to_frame()
    p, r, f, s = precision_recall_fscore_support(y, pred, labels=labels, zero_division=0)
    assert table.index.tolist() == labels
    np.testing.assert_allclose(table[["precision", "recall", "f1"]].T, [p, r, f], atol=1e-12)
    assert table["support"].tolist() == s.tolist()
    assert table.loc["d", "precision"] == 0.0
    assert table.loc["d", "recall"] == 0.0
    assert rep.balanced_accuracy == pytest.approx(balanced_accuracy_score(y, pred), abs=1e-12)
    assert rep.macro_f1 == pytest.approx(
        f1_score(y, pred, average="macro", zero_division=0), abs=1e-12
    )
    assert rep.model_accuracy == pytest.approx(accuracy_score(y, pred), abs=1e-12)
    assert rep.accuracy_paradox is True  # "d" has recall 0


def test_perfect_predictions() -> None:
    y = ["a"] * 30 + ["b"] * 10
    rep = pdi.report(labelled(y, y), "y", predictions="pred")
    assert rep.model_accuracy == 1.0
    assert rep.balanced_accuracy == 1.0
    assert rep.macro_f1 == 1.0
    assert rep.to_frame()["f1"].tolist() == [1.0, 1.0]
    assert rep.accuracy_paradox is False


# -- the accuracy paradox flag ---------------------------------------------------------------


def _paradox_frame(minor_right: int, major_wrong: int) -> pd.DataFrame:
    """100 rows, 90 'neg' and 10 'pos' (baseline 0.90)."""
    y = ["neg"] * 90 + ["pos"] * 10
    pred = ["pos"] * major_wrong + ["neg"] * (90 - major_wrong)
    pred += ["pos"] * minor_right + ["neg"] * (10 - minor_right)
    return labelled(y, pred)


@pytest.mark.parametrize(
    ("minor_right", "major_wrong", "accuracy", "paradox"),
    [
        # the baseline makes 10 errors; the flag needs 1 of them (10 %) removed
        (0, 0, 0.90, True),  # always the majority: equal to the baseline, recall 0
        (1, 0, 0.91, False),  # exactly 10 % of the baseline's errors removed
        (2, 0, 0.92, False),  # 20 % removed
        (3, 4, 0.89, True),  # below the baseline, every class found
        (3, 5, 0.88, True),  # below the baseline, every class found
        (10, 0, 1.00, False),
        (0, 90, 0.00, True),  # never says 'neg': recall 0
    ],
)
def test_accuracy_paradox_flag(
    minor_right: int, major_wrong: int, accuracy: float, paradox: bool
) -> None:
    rep = pdi.report(_paradox_frame(minor_right, major_wrong), "y", predictions="pred")
    assert rep.majority_baseline_accuracy == 0.9
    assert rep.model_accuracy == pytest.approx(accuracy, abs=1e-12)
    assert rep.accuracy_paradox is paradox
    assert type(rep.accuracy_paradox) is bool
    text = repr(rep)
    assert ("Model accuracy paradox: YES" in text) is paradox
    assert ("Model accuracy paradox: no" in text) is (not paradox)


def test_paradox_from_a_missed_class_although_accuracy_is_far_above_baseline() -> None:
    y = ["a"] * 40 + ["b"] * 40 + ["c"] * 20
    pred = ["a"] * 40 + ["b"] * 40 + ["a"] * 20  # 80 % vs baseline 40 %, but never "c"
    rep = pdi.report(labelled(y, pred), "y", predictions="pred")
    assert rep.model_accuracy == 0.8
    assert rep.accuracy_paradox is True
    assert "never finds 'c' (recall 0)" in repr(rep)
    assert "within 1 point" not in repr(rep)


# -- scores: average precision and ROC AUC vs scikit-learn ----------------------------------


@pytest.mark.parametrize("seed", range(8))
def test_average_precision_and_auc_equal_sklearn_with_ties(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(50, 400))
    positive = rng.random(n) < rng.uniform(0.03, 0.5)
    positive[:2] = [True, False]
    score = tied_scores(positive, rng)
    assert len(np.unique(score)) < n / 3  # many ties
    rep = pdi.report(labelled(positive.astype(int), score=score), "y", scores="score")
    assert rep.pos_label == 1
    assert abs(rep.average_precision - average_precision_score(positive, score)) <= 1e-12
    assert abs(rep.roc_auc - roc_auc_score(positive, score)) <= 1e-12
    assert rep.prevalence == positive.mean()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.booleans(), st.integers(-3, 3)), min_size=2, max_size=40).filter(
        lambda rows: len({r[0] for r in rows}) == 2
    )
)
def test_core_ap_and_auc_equal_sklearn_on_any_small_input(rows: list[tuple[bool, int]]) -> None:
    positive = np.array([r[0] for r in rows])
    score = np.array([r[1] for r in rows], dtype=np.float64) / 2
    curve = binary_curve(positive, score)
    assert abs(average_precision(curve) - average_precision_score(positive, score)) <= 1e-12
    assert abs(roc_auc(curve) - roc_auc_score(positive, score)) <= 1e-12


def test_scores_need_not_be_probabilities() -> None:
    rng = np.random.default_rng(3)
    positive = rng.random(200) < 0.2
    positive[:2] = [True, False]
    margin = rng.normal(size=200) * 50 + 40 * positive  # e.g. decision_function output
    rep = pdi.report(labelled(positive, score=margin), "y", scores="score")
    assert rep.pos_label is True
    assert rep.roc_auc == pytest.approx(roc_auc_score(positive, margin), abs=1e-12)
    int_scores = labelled(positive, score=None).assign(score=np.round(margin).astype(np.int64))
    rep_int = pdi.report(int_scores, "y", scores="score")
    assert rep_int.average_precision == pytest.approx(
        average_precision_score(positive, np.round(margin)), abs=1e-12
    )


def test_constant_scores_are_no_skill() -> None:
    y = [0] * 90 + [1] * 10
    rep = pdi.report(labelled(y, score=np.full(100, 0.3)), "y", scores="score")
    assert rep.roc_auc == 0.5
    assert rep.average_precision == pytest.approx(0.1, abs=1e-15)
    assert rep.prevalence == 0.1


def test_nullable_float_scores_are_accepted() -> None:
    df = labelled([0, 0, 1, 1], score=None).assign(
        score=pd.array([0.1, 0.4, 0.35, 0.8], dtype="Float64")
    )
    rep = pdi.report(df, "y", scores="score")
    assert rep.roc_auc == 0.75


# -- pos_label -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "dtype", "expected"),
    [
        ((0, 1), "int64", 1),
        ((0, 1), "Int64", 1),
        ((False, True), "bool", True),
        ((False, True), "boolean", True),
        ((0.0, 1.0), "float64", 1.0),
        (("ok", "fraud"), "str", "fraud"),  # minority
        (("ok", "fraud"), "category", "fraud"),
        ((5, 2), "int64", 2),  # not 0/1: minority
    ],
)
def test_default_pos_label_when_positive_is_the_minority(
    labels: tuple[object, object], dtype: str, expected: object
) -> None:
    major, minor = labels
    rng = np.random.default_rng(0)
    y = np.array([major] * 80 + [minor] * 20, dtype=object)
    score = rng.random(100) + 0.5 * (y == minor)
    df = labelled(y, score=score, dtype=dtype)
    rep = pdi.report(df, "y", scores="score")
    assert rep.pos_label == expected
    assert rep.prevalence == 0.2
    assert rep.average_precision == pytest.approx(
        average_precision_score(y == minor, score), abs=1e-12
    )


def test_default_pos_label_is_one_even_when_one_is_the_majority() -> None:
    rng = np.random.default_rng(0)
    y = np.array([1] * 80 + [0] * 20)
    score = rng.random(100) + 0.4 * y
    rep = pdi.report(labelled(y, score=score), "y", scores="score")
    assert rep.pos_label == 1
    assert rep.prevalence == 0.8
    assert rep.roc_auc == pytest.approx(roc_auc_score(y, score), abs=1e-12)


def test_explicit_pos_label_changes_the_positive_class() -> None:
    rng = np.random.default_rng(0)
    y = np.array(["ok"] * 70 + ["fraud"] * 30, dtype=object)
    score = rng.random(100) + 0.6 * (y == "ok")  # a score for "ok"
    rep = pdi.report(labelled(y, score=score), "y", scores="score", pos_label="ok")
    assert rep.pos_label == "ok"
    assert rep.prevalence == 0.7
    assert rep.average_precision == pytest.approx(
        average_precision_score(y == "ok", score), abs=1e-12
    )
    assert rep.roc_auc == pytest.approx(roc_auc_score(y == "ok", score), abs=1e-12)
    assert rep.roc_auc > 0.7
    default = pdi.report(labelled(y, score=score), "y", scores="score")
    assert default.pos_label == "fraud"
    assert default.roc_auc == pytest.approx(1 - rep.roc_auc, abs=1e-12)


def test_equally_frequent_string_classes_need_pos_label() -> None:
    df = labelled(["a", "b"] * 10, score=np.linspace(0, 1, 20))
    with pytest.raises(ValueError, match=r"equally frequent.*pos_label="):
        pdi.report(df, "y", scores="score")
    assert pdi.report(df, "y", scores="score", pos_label="b").pos_label == "b"


@pytest.mark.parametrize("bad", ["1", 2, "fraud ", None.__class__])
def test_pos_label_not_a_class_raises(bad: object) -> None:
    df = labelled([0] * 8 + [1] * 2, score=np.linspace(0, 1, 10))
    with pytest.raises(ValueError, match=r"pos_label=.* is not a class of target 'y'.*\[?0, 1"):
        pdi.report(df, "y", scores="score", pos_label=bad)


def test_pos_label_without_scores_raises() -> None:
    df = labelled([0] * 8 + [1] * 2, [0] * 10)
    with pytest.raises(ValueError, match="pos_label names the class that scores="):
        pdi.report(df, "y", predictions="pred", pos_label=1)


# -- the report object with model numbers ----------------------------------------------------


def _model_report() -> pdi.ImbalanceReport:
    rng = np.random.default_rng(7)
    y = np.array(["ok"] * 180 + ["fraud"] * 20, dtype=object)
    pred = np.where(rng.random(200) < 0.85, y, np.where(y == "ok", "fraud", "ok"))
    score = rng.random(200) + 0.5 * (y == "fraud")
    return pdi.report(labelled(y, pred, score), "y", predictions="pred", scores="score")


def test_attributes_are_none_without_predictions_or_scores() -> None:
    rep = pdi.report(labelled([0] * 9 + [1]), "y")
    for name in PREDICTION_KEYS | SCORE_KEYS:
        assert getattr(rep, name) is None
    assert list(rep.to_frame().columns) == BASE_COLUMNS
    assert not (set(rep.to_dict()) & (PREDICTION_KEYS | SCORE_KEYS))
    assert "Predictions" not in repr(rep)
    assert "Scores" not in repr(rep)


def test_only_scores_gives_no_per_class_model_columns() -> None:
    rep = pdi.report(labelled([0] * 8 + [1] * 2, score=np.linspace(0, 1, 10)), "y", scores="score")
    assert rep.predictions is None and rep.model_accuracy is None
    assert rep.average_precision == 1.0
    # the model's per-class numbers only (probabilities: calibration in the large)
    assert list(rep.to_frame().columns) == ["support", "mean_score", "share"]
    d = rep.to_dict()
    assert SCORE_KEYS <= set(d)
    assert not (PREDICTION_KEYS & set(d))


def test_to_dict_is_json_safe_with_model_numbers() -> None:
    rep = _model_report()
    d = rep.to_dict()
    back = json.loads(json.dumps(d, allow_nan=False))
    assert back == d
    assert PREDICTION_KEYS | SCORE_KEYS <= set(d)
    assert d["predictions"] == "pred" and d["scores"] == "score"
    assert d["pos_label"] == "fraud"
    assert type(d["accuracy_paradox"]) is bool
    for key in ("model_accuracy", "macro_f1", "balanced_accuracy", "average_precision"):
        assert type(d[key]) is float
    assert d["roc_auc"] == rep.roc_auc
    fraud = next(c for c in d["classes"] if c["label"] == "fraud")
    assert set(MODEL_COLUMNS) <= set(fraud)
    assert type(fraud["support"]) is int and fraud["support"] == 20
    assert fraud["recall"] == rep.to_frame().loc["fraud", "recall"]


def test_to_dict_labels_keep_python_types() -> None:
    rng = np.random.default_rng(0)
    y = np.array([False] * 40 + [True] * 10)
    rep = pdi.report(
        labelled(y, y, rng.random(50)), "y", predictions="pred", scores="score"
    ).to_dict()
    json.dumps(rep, allow_nan=False)
    assert rep["pos_label"] is True
    assert [c["label"] for c in rep["classes"]] == [False, True]


def test_to_frame_model_column_dtypes() -> None:
    table = _model_report().to_frame()
    for column in ("precision", "recall", "f1"):
        assert table[column].dtype == np.float64
    assert table["support"].dtype == np.int64


def test_repr_and_html_show_the_model_numbers() -> None:
    rep = _model_report()
    text = repr(rep)
    assert f"Predictions 'pred': accuracy {rep.model_accuracy:.2%}" in text
    assert f"majority baseline {rep.majority_baseline_accuracy:.2%}" in text
    assert f"balanced accuracy {rep.balanced_accuracy:.2%}" in text
    assert f"macro-F1 {rep.macro_f1:.3f}" in text
    assert (
        f"Scores 'score' for class 'fraud': average precision {rep.average_precision:.3f}" in text
    )
    assert f"prevalence {rep.prevalence:.3f}" in text
    assert f"ROC AUC {rep.roc_auc:.3f}" in text
    for column in MODEL_COLUMNS:
        assert column in text
    html = rep._repr_html_()
    assert "average precision" in html
    assert "<th>recall</th>" in html
    assert "Model accuracy paradox" in html


def test_html_escapes_model_column_names() -> None:
    y = ["a"] * 8 + ["b"] * 2
    df = labelled(y, y, np.linspace(0, 1, 10)).rename(
        columns={"pred": "<p>", "score": "<script>s</script>"}
    )
    html = pdi.report(df, "y", predictions="<p>", scores="<script>s</script>")._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;s&lt;/script&gt;" in html


def test_model_columns_are_not_counted_as_features() -> None:
    rng = np.random.default_rng(0)
    y = np.array([0] * 900 + [1] * 100)
    df = pd.DataFrame(
        {"a": pd.array(rng.choice(["p", "q"], 1000), dtype="str"), "y": y, "p": rng.random(1000)}
    )
    with_score_as_feature = [r.technique for r in pdi.report(df, "y").recommendations]
    with_scores = [r.technique for r in pdi.report(df, "y", scores="p").recommendations]
    assert "smote" in with_score_as_feature  # 1 numeric of 2 features
    assert "smote" not in with_scores  # the score is the model's output, not a feature


def test_accessor_gives_the_same_report() -> None:
    rng = np.random.default_rng(1)
    y = np.array([0] * 30 + [1] * 10)
    df = labelled(y, y[::-1], rng.random(40)).imbalance.set_target("y")
    via_accessor = df.imbalance.report(predictions="pred", scores="score", k_neighbors=3)
    direct = pdi.report(df, "y", predictions="pred", scores="score", k_neighbors=3)
    assert via_accessor.to_dict() == direct.to_dict()
    pd.testing.assert_frame_equal(via_accessor.to_frame(), direct.to_frame())


# -- bad input -------------------------------------------------------------------------------


def test_missing_predictions_column_lists_columns() -> None:
    df = labelled([0] * 8 + [1] * 2, [0] * 10)
    with pytest.raises(TargetNotFoundError) as info:
        pdi.report(df, "y", predictions="predd")
    message = str(info.value)
    assert message.startswith("Predictions column 'predd' (given as predictions=) is not in")
    assert "Did you mean 'pred'?" in message
    assert "Columns: ['x', 'y', 'pred']" in message


def test_missing_scores_column_lists_columns() -> None:
    df = labelled([0] * 8 + [1] * 2, score=np.linspace(0, 1, 10))
    with pytest.raises(TargetNotFoundError, match=r"Scores column 'proba'.*Columns: \['x', 'y'"):
        pdi.report(df, "y", scores="proba")


@pytest.mark.parametrize("bad", [["pred"], 1.5, True])
def test_predictions_must_be_one_column_name(bad: object) -> None:
    df = labelled([0] * 8 + [1] * 2, [0] * 10)
    with pytest.raises(TypeError, match="predictions must be one column name"):
        pdi.report(df, "y", predictions=bad)  # type: ignore[arg-type]


def test_predictions_with_unknown_labels_name_them_with_counts() -> None:
    y = ["ok"] * 8 + ["fraud"] * 2
    pred = ["ok"] * 5 + ["maybe"] * 3 + ["FRAUD"] + ["fraud"]
    with pytest.raises(InvalidTargetError) as info:
        pdi.report(labelled(y, pred), "y", predictions="pred")
    message = str(info.value)
    assert "Predictions column 'pred' holds labels that are not classes of target 'y'" in message
    assert "'FRAUD' (1 row)" in message
    assert "'maybe' (3 rows)" in message
    assert "'fraud', 'ok'" in message
    cases = info.value.failure_cases
    assert isinstance(cases, pd.DataFrame)
    assert sorted(cases["failure_case"].tolist()) == ["FRAUD", "maybe"]


def test_predictions_of_another_type_are_unknown_labels() -> None:
    y = np.array([False] * 8 + [True] * 2)
    with pytest.raises(InvalidTargetError, match=r"0 \(8 rows\), 1 \(2 rows\)"):
        pdi.report(labelled(y, y.astype(int)), "y", predictions="pred")


def test_missing_predictions_raise() -> None:
    y = ["a"] * 8 + ["b"] * 2
    pred: list[object] = ["a"] * 7 + [None, "b", None]
    with pytest.raises(InvalidTargetError, match=r"'pred' has 2 missing values, at rows 7, 9"):
        pdi.report(labelled(y, pred), "y", predictions="pred")


@pytest.mark.parametrize(
    "score",
    [
        pd.array(["0.1"] * 10, dtype="str"),
        np.array([True, False] * 5),
        pd.Categorical([0.1, 0.2] * 5),
        pd.array([True, False] * 5, dtype="boolean"),
    ],
    ids=["str", "bool", "category", "boolean"],
)
def test_non_numeric_scores_raise_invalid_features(score: object) -> None:
    df = labelled([0] * 8 + [1] * 2).assign(score=score)
    with pytest.raises(InvalidFeaturesError, match=r"numeric scores.*'score' has dtype"):
        pdi.report(df, "y", scores="score")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0.1, np.nan, 0.3, np.nan], "2 missing"),
        ([0.1, np.inf, 0.3, 0.2], "1 infinite"),
        ([-np.inf, np.nan, 0.3, 0.2], "1 missing, 1 infinite"),
    ],
)
def test_nan_or_inf_scores_raise_invalid_features(values: list[float], expected: str) -> None:
    df = labelled([0, 0, 1, 1], score=np.array(values))
    with pytest.raises(InvalidFeaturesError, match=rf"'score' has {expected} value"):
        pdi.report(df, "y", scores="score")


def test_nullable_scores_with_na_raise() -> None:
    df = labelled([0, 0, 1, 1]).assign(score=pd.array([0.1, None, 0.3, 0.2], dtype="Float64"))
    with pytest.raises(InvalidFeaturesError, match=r"1 missing value, at rows 1"):
        pdi.report(df, "y", scores="score")


def test_scores_on_a_multiclass_target_raise() -> None:
    df = labelled(["a"] * 5 + ["b"] * 3 + ["c"] * 2, score=np.linspace(0, 1, 10))
    with pytest.raises(ValueError, match=r"needs a binary label.*'y' has 3 classes"):
        pdi.report(df, "y", scores="score")


def test_predictions_work_on_a_multiclass_target_without_scores() -> None:
    y = ["a"] * 5 + ["b"] * 3 + ["c"] * 2
    rep = pdi.report(labelled(y, y), "y", predictions="pred")
    assert rep.pos_label is None
    assert rep.macro_f1 == 1.0


# -- input untouched -------------------------------------------------------------------------


def test_input_unchanged_on_success_and_failure() -> None:
    rng = np.random.default_rng(0)
    y = np.array(["ok"] * 40 + ["fraud"] * 10, dtype=object)
    df = labelled(y, y[rng.permutation(50)], rng.random(50), dtype="category")
    df = df.imbalance.set_target("y")
    df.attrs["other"] = {"keep": [1]}
    snap = snapshot(df)
    rep = pdi.report(df, predictions="pred", scores="score")
    rep.to_dict(), repr(rep), rep._repr_html_(), rep.to_frame()
    assert_unchanged(df, snap)
    bad = df.assign(score=df["score"].where(df.index != 3))
    snap_bad = snapshot(bad)
    with pytest.raises(InvalidFeaturesError):
        pdi.report(bad, scores="score")
    assert_unchanged(bad, snap_bad)
