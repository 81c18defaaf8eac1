"""report(scores=, trained_on= / prior_from=): calibration before and after prior correction."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss

import pd_imbalance as pdi
from pd_imbalance.results._model import PRIOR_HINT_GAP

FEATURES = ["a", "b", "c", "d"]


def experiment(n_classes: int = 2) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """A model trained on an undersampled training part, scored on the untouched test part."""
    weights = [0.93] if n_classes == 2 else [0.8, 0.15]
    X, y = make_classification(
        n_samples=6000, n_features=4, n_informative=3, n_redundant=0, n_classes=n_classes,
        n_clusters_per_class=1, weights=weights, class_sep=0.8, random_state=3,
    )
    df = pd.DataFrame(X, columns=FEATURES)
    df["y"] = y
    parts = pdi.split_then_resample(df, "y", method="undersample", random_state=0)
    model = LogisticRegression(max_iter=1000).fit(parts.train[FEATURES], parts.train["y"])
    proba = model.predict_proba(parts.test[FEATURES])
    return parts.train, parts.test, proba


def test_binary_corrected_numbers_equal_sklearn_on_correct_prior_output() -> None:
    train, test, proba = experiment()
    p = proba[:, 1]
    before = pdi.report(test, "y", scores=p).model
    m = pdi.report(test, "y", scores=p, trained_on=train).model
    corrected = pdi.correct_prior(p, trained_on=train)
    y = test["y"].to_numpy()
    assert m.corrected_brier_score == pytest.approx(brier_score_loss(y, corrected), abs=1e-12)
    assert m.corrected_log_loss == pytest.approx(log_loss(y, corrected), abs=1e-12)
    assert m.corrected_mean_score == pytest.approx(corrected.mean(), abs=1e-12)
    assert m.brier_score == pytest.approx(brier_score_loss(y, p), abs=1e-12)
    # the real experiment: undersampling inflated the probabilities; the correction helps
    assert m.mean_score > 0.3 > y.mean()
    assert m.corrected_brier_score < m.brier_score
    assert m.corrected_log_loss < m.log_loss
    assert abs(m.corrected_calibration_in_the_large) < abs(m.calibration_in_the_large)
    # ranking numbers identical: the report's, and those of the corrected scores themselves
    assert (m.average_precision, m.roc_auc) == (before.average_precision, before.roc_auc)
    on_corrected = pdi.report(test, "y", scores=corrected).model
    assert on_corrected.roc_auc == m.roc_auc
    assert on_corrected.average_precision == m.average_precision
    assert on_corrected.brier_score == pytest.approx(m.corrected_brier_score, abs=1e-12)
    # the raw numbers are those of the report without correction
    assert m.brier_score == before.brier_score and m.log_loss == before.log_loss


def test_text_dict_and_html_show_both() -> None:
    train, test, proba = experiment()
    rep = pdi.report(test, "y", scores=proba, trained_on=train)
    text = repr(rep.model)
    assert re.search(r"Calibration: Brier \d\.\d{4}", text)
    after = re.search(r"Calibration after prior correction: Brier (\d\.\d{4})", text)
    assert after is not None
    assert float(after.group(1)) == round(rep.model.corrected_brier_score, 4)
    assert "correct_prior(" not in text  # no hint when the correction is shown
    assert "Calibration after prior correction" in repr(rep)
    d = json.loads(json.dumps(rep.to_dict()))["model"]
    assert d["corrected_brier_score"] == rep.model.corrected_brier_score
    assert d["brier_score"] == rep.model.brier_score
    assert "before resampling" in d["prior_correction"]
    for page in (rep._repr_html_(), rep.model._repr_html_()):
        assert "pdi-card" in page and "Calibration after prior correction: Brier" in page
        assert "<tr></tr>" not in page and "<th></th><th></th>" not in page
    tile = re.search(r"after prior correction (\d\.\d{4})</div>", rep.model._repr_html_())
    assert tile is not None and float(tile.group(1)) == round(rep.model.corrected_brier_score, 4)


def test_without_trained_on_a_far_mean_gets_a_hint_only() -> None:
    train, test, proba = experiment()
    m = pdi.report(test, "y", scores=proba[:, 1]).model
    assert abs(m.calibration_in_the_large) > PRIOR_HINT_GAP
    assert m.corrected_brier_score is None and m.prior_correction is None
    assert "correct_prior(scores, trained_on=train)" in repr(m)
    assert "after prior correction:" not in repr(m)
    # calibrated scores (here: already corrected) get no hint
    ok = pdi.report(test, "y", scores=pdi.correct_prior(proba[:, 1], trained_on=train)).model
    assert abs(ok.calibration_in_the_large) <= PRIOR_HINT_GAP
    assert ok.prior_note is None and "correct_prior" not in repr(ok)


def test_prior_from_corrects_to_the_evaluated_rows_shares() -> None:
    df = pd.DataFrame({"y": [0] * 90 + [1] * 10, "p": np.linspace(0.01, 0.99, 100)})
    m = pdi.report(df, "y", scores="p", prior_from={0: 0.5, 1: 0.5}).model
    corrected = pdi.correct_prior(df["p"], prior_from={0: 0.5, 1: 0.5}, prior_to={0: 0.9, 1: 0.1})
    assert m.corrected_brier_score == pytest.approx(
        brier_score_loss(df["y"], corrected), abs=1e-12
    )
    assert "evaluated rows" in m.prior_correction


def test_three_classes() -> None:
    train, test, proba = experiment(3)
    frame = pd.DataFrame(proba, columns=[0, 1, 2], index=test.index)
    m = pdi.report(test, "y", scores=frame, trained_on=train).model
    corrected = pdi.correct_prior(frame, trained_on=train)
    y = test["y"].to_numpy()
    onehot = np.eye(3)[y]
    brier = float(np.mean(np.sum((onehot - corrected.to_numpy()) ** 2, axis=1)))
    assert m.corrected_brier_score == pytest.approx(brier, abs=1e-12)
    assert m.corrected_log_loss == pytest.approx(log_loss(y, corrected), abs=1e-12)
    assert m.corrected_mean_score is None
    gaps = corrected.to_numpy().mean(axis=0) - np.bincount(y) / len(y)
    assert m.corrected_calibration_in_the_large == pytest.approx(
        gaps[np.argmax(np.abs(gaps))], abs=1e-12
    )
    assert m.corrected_brier_score < m.brier_score
    raw = pdi.report(test, "y", scores=frame).model
    assert (m.average_precision, m.roc_auc) == (raw.average_precision, raw.roc_auc)
    assert "largest class gap" in repr(m).split("after prior correction")[1]


def test_pyarrow_frames() -> None:
    train, test, proba = experiment()
    arrow_test = test.convert_dtypes(dtype_backend="pyarrow")
    arrow_train = train.convert_dtypes(dtype_backend="pyarrow")
    arrow_train.attrs = train.attrs
    m = pdi.report(arrow_test, "y", scores=proba[:, 1], trained_on=arrow_train).model
    plain = pdi.report(test, "y", scores=proba[:, 1], trained_on=train).model
    assert m.corrected_brier_score == pytest.approx(plain.corrected_brier_score, abs=1e-12)
    assert m.corrected_log_loss == pytest.approx(plain.corrected_log_loss, abs=1e-12)


def test_scores_that_are_not_probabilities_skip_the_correction_with_a_note() -> None:
    train, test, proba = experiment()
    logits = np.log(proba[:, 1] / proba[:, 0])
    m = pdi.report(test, "y", scores=logits, trained_on=train).model
    assert m.brier_score is None and m.corrected_brier_score is None
    assert m.prior_note is not None and m.prior_note.startswith("prior correction skipped")
    assert "outside [0, 1]" in repr(m) and "prior correction skipped" in repr(m)
    assert m.roc_auc is not None


def test_bad_input() -> None:
    train, test, proba = experiment()
    p = proba[:, 1]
    plain = train.copy()
    plain.attrs = {}
    with pytest.raises(ValueError, match=r"no class counts in attrs.*prior_from="):
        pdi.report(test, "y", scores=p, trained_on=plain)
    other = train.copy()
    other.attrs = {"pd_imbalance": {
        "counts_before": {"a": 90, "b": 10}, "counts_after": {"a": 10, "b": 10}
    }}
    with pytest.raises(ValueError, match=r"trained_on's classes \('a', 'b'\) are not those"):
        pdi.report(test, "y", scores=p, trained_on=other)
    with pytest.raises(ValueError, match="pass scores="):
        pdi.report(test, "y", trained_on=train)
    with pytest.raises(ValueError, match="not both"):
        pdi.report(test, "y", scores=p, trained_on=train, prior_from={0: 0.5, 1: 0.5})
    with pytest.raises(ValueError, match="lacks class"):
        pdi.report(test, "y", scores=p, prior_from={0: 1.0})
    with pytest.raises(ValueError, match="add up to"):
        pdi.report(test, "y", scores=p, prior_from={0: 0.5, 1: 0.6})
    with pytest.raises(TypeError, match="trained_on must be the DataFrame"):
        pdi.report(test, "y", scores=p, trained_on=train.to_numpy())  # type: ignore[arg-type]


def test_caller_frames_untouched() -> None:
    train, test, proba = experiment()
    before_train, before_test = train.copy(), test.copy()
    attrs = json.dumps(train.attrs, default=str)
    pdi.report(test, "y", scores=proba, trained_on=train)
    pd.testing.assert_frame_equal(train, before_train)
    pd.testing.assert_frame_equal(test, before_test)
    assert json.dumps(train.attrs, default=str) == attrs


def test_evaluation_html_is_the_shared_card_with_the_best_row_highlighted() -> None:
    _, test, _ = experiment()
    ev = pdi.evaluate(
        test, "y", estimator=LogisticRegression(max_iter=200), methods=["none", "undersample"],
        cv=3, random_state=0,
    )
    page = ev._repr_html_()
    assert page.startswith("<div class='pdi-card'><style>")
    assert "pdi-eval" not in page and "<tr></tr>" not in page
    assert page.count("<thead><tr>") == 1
    header = re.search(r"<thead><tr>(.*?)</tr></thead>", page)
    assert header is not None
    assert header.group(1).startswith("<th>candidate</th><th>vs best</th>")
    highlighted = re.findall(r"<tr class='pdi-hl'><th>([^<]*)</th>", page)
    assert highlighted == [ev.best]
    assert "Verdict</h4>" in page and ev.best in page
