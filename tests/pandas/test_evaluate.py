"""evaluate(): leakage-free by construction, reproducible, equal to scikit-learn, honest."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import PredefinedSplit, cross_validate

import pd_imbalance as pdi
from pd_imbalance import InsufficientSamplesError, InvalidFeaturesError
from pd_imbalance.results._evaluation import decide


def frame(n: int = 200, share: float = 0.15, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    n_pos = int(n * share)
    y = np.zeros(n, dtype=int)
    y[np.argsort(df["x"].to_numpy() + rng.normal(size=n))[-n_pos:]] = 1
    return df.assign(y=y)


LR = LogisticRegression()

# -- the spy: every row a resampler, a weight or a model sees ---------------------------------

CALLS: list[tuple[str, pd.Index, Any]] = []


class Spy(ClassifierMixin, BaseEstimator):
    """A logistic regression that records the rows it is fitted on and scores."""

    def fit(self, X: pd.DataFrame, y: np.ndarray, sample_weight: Any = None) -> Spy:
        CALLS.append(("fit", X.index, sample_weight))
        self.model_ = LogisticRegression().fit(X, y, sample_weight=sample_weight)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        CALLS.append(("score", X.index, None))
        return self.model_.predict_proba(X)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.model_.predict(X)


def spy_step(train: pd.DataFrame) -> pd.DataFrame:
    CALLS.append(("resample", train.index, None))
    return train.iloc[1:]


def test_spy_resamplers_weights_and_thresholds_see_training_rows_only() -> None:
    df = frame(150)
    df.index = pd.Index([f"r{i}" for i in range(len(df))])
    CALLS.clear()
    ev = pdi.evaluate(
        df, "y", estimator=Spy(), methods=["none", "class_weight", spy_step, "smote"], cv=3,
        random_state=0,
    )
    folds = ev.folds[0]
    tests = [set(df.index[folds == f]) for f in range(3)]
    everything = set(df.index)

    def fold_of(rows: set[str]) -> list[int]:  # the folds whose test rows are all absent
        return [f for f in range(3) if not rows & tests[f]]

    scored_test_folds = []
    for what, index, weight in CALLS:
        originals = set(index) & everything
        if what in ("fit", "resample"):
            assert len(fold_of(originals)) >= 1, what  # training rows of some fold only
            if weight is not None:
                assert len(weight) == len(index)
        else:
            exact = [f for f in range(3) if set(index) == tests[f]]
            if exact:
                scored_test_folds.append(exact[0])
            else:  # a validation part: inside a training fold, never the test fold
                assert set(index) <= everything and len(fold_of(set(index))) >= 1
    resampled = [set(i) for w, i, _ in CALLS if w == "resample"]
    # each resampler got a training fold (or a part of one): never a row of its test fold
    assert resampled and all(fold_of(r) for r in resampled)
    train_sizes = {len(everything) - len(t) for t in tests}
    assert {len(r) for r in resampled} & train_sizes  # whole training folds among them
    # each candidate scored every untouched test fold once (4 candidates, 3 folds)
    assert sorted(scored_test_folds) == sorted([0, 1, 2] * 4)
    assert set(ev.candidates) >= {"none", "class_weight", "spy_step", "smote"}


def test_weights_come_from_the_training_fold() -> None:
    df = frame(120)
    CALLS.clear()
    pdi.evaluate(df, "y", estimator=Spy(), methods=["class_weight"], cv=3,
                 tune_threshold=False, random_state=1)
    for what, index, weight in CALLS:
        if what == "fit":
            y = df.loc[index, "y"].to_numpy()
            counts = np.bincount(y)
            expected = (len(y) / (2 * counts))[y]
            np.testing.assert_allclose(weight, expected)


# -- numbers ----------------------------------------------------------------------------------


def test_none_fold_metrics_equal_cross_validate_on_the_same_folds() -> None:
    df = frame(240)
    ev = pdi.evaluate(df, "y", estimator=LR, methods=["none"], cv=4, random_state=3,
                      tune_threshold=False)
    folds = ev.fold_metrics().set_index("fold").sort_index()
    X, y = df[["x", "z"]], df["y"]
    found = cross_validate(
        LR, X, y, cv=PredefinedSplit(ev.folds[0]),
        scoring=["average_precision", "roc_auc", "neg_brier_score", "neg_log_loss",
                 "balanced_accuracy", "f1", "precision", "recall"],
    )
    np.testing.assert_allclose(folds["average_precision"], found["test_average_precision"])
    np.testing.assert_allclose(folds["roc_auc"], found["test_roc_auc"])
    np.testing.assert_allclose(folds["brier"], -found["test_neg_brier_score"])
    np.testing.assert_allclose(folds["log_loss"], -found["test_neg_log_loss"])
    np.testing.assert_allclose(folds["balanced_accuracy"], found["test_balanced_accuracy"])
    np.testing.assert_allclose(folds["f1"], found["test_f1"])
    np.testing.assert_allclose(folds["recall"], found["test_recall"])
    summary = ev.to_frame().loc["none"]
    assert summary["average_precision"] == pytest.approx(found["test_average_precision"].mean())
    assert summary["average_precision_low"] < summary["average_precision"]
    assert ev.prevalence == pytest.approx(df["y"].mean())


def test_same_seed_same_result_and_folds_are_stratified() -> None:
    df = frame(150)
    kwargs: dict[str, Any] = dict(estimator=LR, methods=["none", "smote"], cv=3, repeats=2)
    a = pdi.evaluate(df, "y", random_state=7, **kwargs)
    b = pdi.evaluate(df, "y", random_state=7, **kwargs)
    c = pdi.evaluate(df, "y", random_state=8, **kwargs)
    drop = [col for col in a.to_frame() if col.startswith("fit_time")]
    pd.testing.assert_frame_equal(a.to_frame().drop(columns=drop), b.to_frame().drop(columns=drop))
    assert a.verdict == b.verdict and np.array_equal(a.folds, b.folds)
    assert not np.array_equal(a.folds, c.folds)
    assert a.folds.shape == (2, len(df)) and not np.array_equal(a.folds[0], a.folds[1])
    for folds in a.folds:
        per_fold = np.bincount(folds[df["y"].to_numpy() == 1])
        assert per_fold.max() - per_fold.min() <= 1
    assert len(a.fold_metrics()) == 4 * 3 * 2  # candidates x folds x repeats


def test_parallel_equals_sequential() -> None:
    df = frame(120)
    kwargs: dict[str, Any] = dict(estimator=LR, methods=["none", "undersample"], cv=3,
                                  random_state=0)
    a = pdi.evaluate(df, "y", **kwargs)
    from joblib import parallel_backend

    with parallel_backend("threading"):  # the joblib path, without starting processes
        b = pdi.evaluate(df, "y", n_jobs=2, **kwargs)
    cols = ["average_precision", "f1", "threshold", "brier"]
    pd.testing.assert_frame_equal(a.to_frame()[cols], b.to_frame()[cols])


# -- the verdict ------------------------------------------------------------------------------


def test_verdict_nothing_helps() -> None:
    values = {"none": np.array([.60, .62, .61, .63, .59]),
              "smote": np.array([.50, .52, .49, .51, .50]),
              "class_weight": np.array([.61, .61, .60, .62, .60])}
    d = decide(values, "average_precision", 0.25)
    assert d.best == "none"
    assert d.indistinguishable == ("class_weight",)
    assert d.p_values["smote"] < 0.05
    assert d.conclusion.startswith("Resampling does not help here: no technique beats doing")
    assert "best alternative, class_weight, 0.608" in d.conclusion


def test_verdict_a_technique_helps_and_ties_go_to_f1() -> None:
    values = {"none": np.array([.50, .52, .51, .50, .49]),
              "none + tuned threshold": np.array([.50, .52, .51, .50, .49]),
              "class_weight": np.array([.60, .62, .61, .62, .60]),
              "class_weight + tuned threshold": np.array([.60, .62, .61, .62, .60]),
              "smote": np.array([.50, .51, .52, .49, .50])}
    f1 = {k: np.full(5, 0.4) for k in values}
    f1["class_weight + tuned threshold"] = np.full(5, 0.5)
    d = decide(values, "average_precision", 0.25, f1=f1)
    assert d.best == "class_weight + tuned threshold"
    assert d.indistinguishable == ("class_weight",)
    assert d.conclusion.startswith("class_weight + tuned threshold is best here (AP 0.610")
    assert "not better than doing nothing: smote" in d.conclusion
    assert "raises F1 to 0.500 from 0.400" in d.conclusion


def test_verdict_lower_is_better_for_brier() -> None:
    values = {"none": np.array([.03, .031, .029, .03]), "smote": np.array([.05, .052, .049, .05])}
    assert decide(values, "brier", 1 / 3).best == "none"


# -- targets and frames -----------------------------------------------------------------------


def test_multiclass() -> None:
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"x": rng.normal(size=180), "z": rng.normal(size=180)})
    df["y"] = np.where(df["x"] > 0.8, "c", np.where(df["x"] < -1.0, "b", "a"))
    ev = pdi.evaluate(df, "y", estimator=LR, methods=["none", "class_weight"], cv=3,
                      random_state=0)
    table = ev.to_frame()
    assert list(table.index) == ["none", "class_weight"]
    assert {"macro_f1", "balanced_accuracy", "recall[a]", "recall[b]", "recall[c]",
            "average_precision", "log_loss"} <= set(table.columns)
    assert ev.pos_label is None and any("binary" in n for n in ev.notes)
    # class weights raise the recall of the rarest class
    assert table.loc["class_weight", "recall[b]"] >= table.loc["none", "recall[b]"]
    with pytest.raises(ValueError, match="'macro_f1'"):
        pdi.evaluate(df, "y", estimator=LR, scoring="roc_auc", cv=3)


def _mixed(n: int = 160) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    x = rng.normal(size=n)
    df = pd.DataFrame({
        "x": x,
        "count": rng.integers(0, 5, size=n),
        "colour": rng.choice(["red", "blue", "green"], size=n),
        "flag": rng.random(n) > 0.5,
        "when": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 400, n), "D"),
        "y": (x + rng.normal(size=n) > 1.0),
    })
    df.loc[::7, "x"] = np.nan
    df.loc[::11, "colour"] = None
    return df


@pytest.mark.parametrize("estimator", [None, "logistic"])
def test_pyarrow_mixed_frame_with_missing_values(estimator: str | None) -> None:
    df = _mixed().convert_dtypes(dtype_backend="pyarrow")
    assert isinstance(df["colour"].dtype, pd.ArrowDtype)
    before = df.copy()
    ev = pdi.evaluate(df, "y", estimator=estimator, methods=["none", "undersample"], cv=2,
                      tune_threshold=False, random_state=0)
    pd.testing.assert_frame_equal(df, before)
    assert ev.to_frame()["average_precision"].between(0, 1).all()


def test_default_model_on_numpy_mixed_frame_and_accessor() -> None:
    ev = _mixed().imbalance.evaluate("y", methods=["none"], cv=2, tune_threshold=False,
                                     random_state=0)
    assert ev.estimator.startswith("HistGradientBoostingClassifier")
    assert ev.candidates == ("none",)


def test_groups_never_straddle_a_fold() -> None:
    df = frame(160).assign(g=np.repeat(np.arange(40), 4))
    ev = pdi.evaluate(df, "y", estimator=LR, methods=["none"], cv=4, groups="g", random_state=0)
    for folds in ev.folds:
        assert (df.groupby(folds.tolist())["g"].nunique().sum()) == 40
        assert pd.Series(folds).groupby(df["g"].to_numpy()).nunique().max() == 1
    assert ev.grouped


def test_extreme_imbalance_adds_anomaly() -> None:
    df = frame(300, share=0.05)  # 15 positives
    ev = pdi.evaluate(df, "y", estimator=LR, cv=3, random_state=0)
    assert "anomaly" in ev.candidates and "anomaly + tuned threshold" in ev.candidates
    assert np.isnan(ev.to_frame().loc["anomaly", "brier"])


# -- results ----------------------------------------------------------------------------------


def test_result_views() -> None:
    ev = pdi.evaluate(frame(120), "y", estimator=LR, methods=["none", "smote"], cv=3,
                      random_state=0)
    data = json.loads(json.dumps(ev.to_dict(), allow_nan=False))
    assert data["best"] == ev.best and len(data["candidates"]) == 4
    text = repr(ev)
    assert "Verdict: " in text and "Nadeau-Bengio" in text
    page = ev._repr_html_()
    assert "<style>" in page and "class='pdi-hl'" in page and "<tr></tr>" not in page
    assert page.count("<thead><tr>") == 1
    with pytest.raises(AttributeError):
        ev.best = "x"  # type: ignore[misc]
    assert ev.oof_scores("none").shape == (120,)
    assert not np.isnan(ev.oof_scores("none")).any()
    table = ev.to_frame()
    assert table.loc["none", "gain"] == 0 and "brier_change" in table
    assert table.loc[ev.best, "as_good_as_best"]


def test_plot() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ev = pdi.evaluate(frame(90), "y", estimator=LR, methods=["none"], cv=3, random_state=0)
    left, right = ev.plot()
    assert left.get_xlabel() == "recall" and len(right.get_yticklabels()) == 2
    plt.close("all")


def test_report_quotes_the_evaluation() -> None:
    df = frame(120)
    plain = pdi.report(df, "y")
    hint = next(r.reason for r in plain.recommendations if r.technique == "threshold_tuning")
    assert "pd_imbalance.evaluate(df)" in hint
    ev = pdi.evaluate(df, "y", estimator=LR, methods=["none", "smote"], cv=3, random_state=0)
    rep = pdi.report(df, "y", evaluation=ev)
    assert rep.recommendations[0].technique == "measured"
    assert ev.verdict in rep.recommendations[0].reason
    assert [r.technique for r in rep.recommendations][1] == "measured:smote"
    with pytest.raises(ValueError, match="same target"):
        pdi.report(df.rename(columns={"y": "t"}), "t", evaluation=ev)


# -- bad input --------------------------------------------------------------------------------


class PredictOnly(ClassifierMixin, BaseEstimator):
    def fit(self, X: Any, y: Any) -> PredictOnly:
        self.model_ = LogisticRegression().fit(X, y)
        self.classes_ = self.model_.classes_
        return self

    def predict(self, X: Any) -> Any:
        return self.model_.predict(X)


def test_estimator_without_scores_is_evaluated_without_thresholds() -> None:
    ev = pdi.evaluate(frame(120), "y", estimator=PredictOnly(), cv=3, random_state=0,
                      methods=["none", "class_weight", "undersample"])
    assert ev.candidates == ("none", "undersample")  # no class_weight, no tuned threshold
    notes = " ".join(ev.notes)
    assert "neither predict_proba nor decision_function" in notes
    assert "class_weight skipped" in notes


def test_fewer_minority_rows_than_folds() -> None:
    df = frame(60, share=0.05)  # 3 positives
    with pytest.raises(InsufficientSamplesError, match=r"cv=5 .* class 1 has 3\. Use cv=3"):
        pdi.evaluate(df, "y", estimator=LR)


def test_unknown_methods() -> None:
    with pytest.raises(ValueError, match=r"unknown candidate 'smoot'; the names are 'none'"):
        pdi.evaluate(frame(), "y", estimator=LR, methods=["none", "smoot"])
    with pytest.raises(ValueError, match="more than once"):
        pdi.evaluate(frame(), "y", estimator=LR, methods=["none", "none"])


def test_groups_with_fewer_groups_than_folds() -> None:
    df = frame(60).assign(g=np.arange(60) % 3)
    with pytest.raises(ValueError, match=r"3 groups but cv=5 folds need at least 5"):
        pdi.evaluate(df, "y", estimator=LR, groups="g")
    with pytest.raises(ValueError, match="one group per row"):
        pdi.evaluate(df, "y", estimator=LR, groups=[1, 2])


def test_unsupported_scoring_lists_the_supported() -> None:
    with pytest.raises(ValueError, match=r"'accuracy' is not supported .* 'average_precision', "):
        pdi.evaluate(frame(), "y", estimator=LR, scoring="accuracy")


def test_features_the_default_model_cannot_take_are_named() -> None:
    df = frame(60).assign(tags=[[1, 2]] * 60)
    with pytest.raises(InvalidFeaturesError, match=r"'tags' \(object\)"):
        pdi.evaluate(df, "y")
    wide = frame(300).assign(id=[f"id{i}" for i in range(300)])
    with pytest.raises(InvalidFeaturesError, match=r"'id' \(300 levels\).*estimator='logistic'"):
        pdi.evaluate(wide, "y")


def test_bad_arguments() -> None:
    with pytest.raises(TypeError, match="cv must be an int"):
        pdi.evaluate(frame(), "y", cv=2.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="built-in models"):
        pdi.evaluate(frame(), "y", estimator="forest")
    with pytest.raises(ValueError, match="n_jobs"):
        pdi.evaluate(frame(), "y", n_jobs=0)
