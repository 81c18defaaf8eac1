"""tune_threshold: every objective against brute force with scikit-learn, the result, bad input."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import dataclasses
import json
import sys
from collections.abc import Iterator

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import LABEL_DTYPES, assert_unchanged, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.axes import Axes
from sklearn.metrics import (
    confusion_matrix,
    f1_score,
    fbeta_score,
    precision_recall_curve,
    precision_score,
    recall_score,
)

import pd_imbalance as pdi
from pd_imbalance import (
    InvalidFeaturesError,
    InvalidTargetError,
    TargetNotFoundError,
    ThresholdMetrics,
    ThresholdResult,
)

CURVE_COLUMNS = ["threshold", "precision", "recall", "f1", "tp", "fp", "fn", "tn"]


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def scored(seed: int, n: int = 300, share: float = 0.15, grid: float = 8.0) -> pd.DataFrame:
    """Binary 0/1 labels and probability-like scores rounded to a grid (many ties)."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < share).astype(np.int64)
    y[:2] = [1, 0]
    raw = 1 / (1 + np.exp(-(rng.normal(size=n) + 1.5 * y - 1)))
    return pd.DataFrame({"x": rng.normal(size=n), "y": y, "p": np.round(raw * grid) / grid})


def brute_force(df: pd.DataFrame) -> pd.DataFrame:
    """Metrics at every distinct score, computed with scikit-learn one threshold at a time."""
    y, p = df["y"].to_numpy(), df["p"].to_numpy()
    rows = []
    for t in np.unique(p):
        pred = p >= t
        tn, fp, fn, tp = confusion_matrix(y, pred, labels=[0, 1]).ravel()
        rows.append(
            {
                "threshold": t,
                "precision": precision_score(y, pred, zero_division=0),
                "recall": recall_score(y, pred),
                "f1": f1_score(y, pred),
                "f2": fbeta_score(y, pred, beta=2.0),
                "f05": fbeta_score(y, pred, beta=0.5),
                "tp": tp,
                "fp": fp,
                "fn": fn,
                "tn": tn,
            }
        )
    return pd.DataFrame(rows)


def best_row(
    table: pd.DataFrame, value: str, *, maximise: bool = True, tie: str = "recall"
) -> pd.Series:
    """The documented choice: best value, then higher ``tie``, then higher threshold."""
    goal = table[value] if maximise else -table[value]
    top = table[np.isclose(goal, goal.max(), rtol=0, atol=1e-12)]
    top = top[np.isclose(top[tie], top[tie].max(), rtol=0, atol=1e-12)]
    return top.loc[top["threshold"].idxmax()]


# -- objectives against scikit-learn ---------------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_f1_optimum_equals_max_f1_of_sklearn_precision_recall_curve(seed: int) -> None:
    df = scored(seed)
    res = pdi.tune_threshold(df, "y", scores="p")
    precision, recall, thresholds = precision_recall_curve(df["y"], df["p"])
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0)
    assert abs(res.value - f1.max()) <= 1e-12
    assert res.objective == "f1"
    pred = df["p"] >= res.threshold
    assert res.at_threshold.f1 == pytest.approx(f1_score(df["y"], pred), abs=1e-12)
    assert res.value == pytest.approx(res.at_threshold.f1, abs=1e-15)
    assert res.threshold in set(thresholds.tolist())
    expected = best_row(brute_force(df), "f1")
    assert res.threshold == expected["threshold"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.booleans(), st.integers(0, 6)), min_size=2, max_size=40).filter(
        lambda rows: len({r[0] for r in rows}) == 2 and len({r[1] for r in rows}) > 1
    )
)
def test_f1_optimum_equals_sklearn_on_any_small_input(rows: list[tuple[bool, int]]) -> None:
    df = pd.DataFrame({"y": [int(r[0]) for r in rows], "p": [r[1] / 6 for r in rows]})
    res = pdi.tune_threshold(df, "y", scores="p")
    precision, recall, _ = precision_recall_curve(df["y"], df["p"])
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0)
    assert abs(res.value - f1.max()) <= 1e-12


def test_curve_equals_sklearn_precision_recall_curve_and_brute_force() -> None:
    df = scored(11)
    res = pdi.tune_threshold(df, "y", scores="p")
    curve = res.curve
    assert list(curve.columns) == CURVE_COLUMNS
    precision, recall, thresholds = precision_recall_curve(df["y"], df["p"])
    np.testing.assert_array_equal(curve["threshold"], thresholds)
    np.testing.assert_allclose(curve["precision"], precision[:-1], atol=1e-12)
    np.testing.assert_allclose(curve["recall"], recall[:-1], atol=1e-12)
    expected = brute_force(df)
    np.testing.assert_array_equal(curve["threshold"], expected["threshold"])
    for column in ("tp", "fp", "fn", "tn"):
        assert curve[column].tolist() == expected[column].tolist()
        assert curve[column].dtype == np.int64
    np.testing.assert_allclose(curve["f1"], expected["f1"], atol=1e-12)
    assert curve["threshold"].is_monotonic_increasing
    assert (curve["tp"] + curve["fn"] == res.n_positive).all()
    assert (curve["tp"] + curve["fp"] + curve["fn"] + curve["tn"] == len(df)).all()


@pytest.mark.parametrize(("beta", "column"), [(2.0, "f2"), (0.5, "f05"), (1.0, "f1")])
def test_fbeta_equals_brute_force_with_sklearn(beta: float, column: str) -> None:
    df = scored(3)
    res = pdi.tune_threshold(df, "y", scores="p", objective="fbeta", beta=beta)
    expected = best_row(brute_force(df), column)
    assert res.threshold == expected["threshold"]
    assert res.value == pytest.approx(expected[column], abs=1e-12)
    assert res.beta == beta


def test_higher_beta_never_lowers_recall() -> None:
    df = scored(5, n=500)
    low = pdi.tune_threshold(df, "y", scores="p", objective="fbeta", beta=0.5)
    high = pdi.tune_threshold(df, "y", scores="p", objective="fbeta", beta=2.0)
    assert high.threshold < low.threshold
    assert high.at_threshold.recall > low.at_threshold.recall


@pytest.mark.parametrize("min_recall", [0.3, 0.5, 0.8, 0.95, 1.0])
def test_min_recall_is_the_best_precision_reaching_it(min_recall: float) -> None:
    df = scored(7)
    res = pdi.tune_threshold(df, "y", scores="p", objective="min_recall", min_recall=min_recall)
    table = brute_force(df)
    expected = best_row(table[table["recall"] >= min_recall], "precision")
    assert res.threshold == expected["threshold"]
    assert res.value == pytest.approx(expected["precision"], abs=1e-12)
    assert res.value == res.at_threshold.precision
    assert res.at_threshold.recall >= min_recall
    assert res.min_recall == min_recall


@pytest.mark.parametrize("min_precision", [0.2, 0.4, 0.6])
def test_min_precision_is_the_best_recall_reaching_it(min_precision: float) -> None:
    df = scored(8)
    res = pdi.tune_threshold(
        df, "y", scores="p", objective="min_precision", min_precision=min_precision
    )
    table = brute_force(df)
    expected = best_row(table[table["precision"] >= min_precision], "recall", tie="precision")
    assert res.threshold == expected["threshold"]
    assert res.value == pytest.approx(expected["recall"], abs=1e-12)
    assert res.at_threshold.precision >= min_precision


@pytest.mark.parametrize(("fn_cost", "fp_cost"), [(1.0, 1.0), (10.0, 1.0), (1.0, 5.0), (2.5, 0.5)])
def test_cost_is_the_minimum_of_brute_force(fn_cost: float, fp_cost: float) -> None:
    df = scored(9)
    res = pdi.tune_threshold(
        df, "y", scores="p", objective="cost", fn_cost=fn_cost, fp_cost=fp_cost
    )
    table = brute_force(df)
    table["cost"] = fn_cost * table["fn"] + fp_cost * table["fp"]
    expected = best_row(table, "cost", maximise=False)
    assert res.threshold == expected["threshold"]
    assert res.value == expected["cost"]
    assert res.value == fn_cost * res.at_threshold.fn + fp_cost * res.at_threshold.fp


def test_costlier_misses_lower_the_threshold() -> None:
    df = scored(4, n=500)
    cheap = pdi.tune_threshold(df, "y", scores="p", objective="cost", fn_cost=1, fp_cost=1)
    dear = pdi.tune_threshold(df, "y", scores="p", objective="cost", fn_cost=20, fp_cost=1)
    assert dear.threshold < cheap.threshold
    assert dear.at_threshold.fn < cheap.at_threshold.fn


# -- documented tie-breaking -----------------------------------------------------------------

# Scores 0.9 (pos), 0.8 (neg), 0.7 (neg), 0.6 (pos), 0.1 (neg):
# F1 at 0.9 = 2/3 (recall 0.5) and at 0.6 = 2/3 (recall 1).
TIES = pd.DataFrame({"y": [1, 0, 0, 1, 0], "p": [0.9, 0.8, 0.7, 0.6, 0.1]})


def test_f1_tie_goes_to_the_higher_recall() -> None:
    res = pdi.tune_threshold(TIES, "y", scores="p")
    assert res.value == pytest.approx(2 / 3, abs=1e-15)
    assert res.threshold == 0.6
    assert res.at_threshold.recall == 1.0


def test_min_recall_tie_goes_to_the_higher_recall() -> None:
    # precision 0.5 at threshold 0.8 (recall 0.5) and 0.6 (recall 1.0)
    res = pdi.tune_threshold(TIES, "y", scores="p", objective="min_recall", min_recall=0.5)
    assert res.value == 1.0 and res.threshold == 0.9  # precision 1 beats the tie below
    df = TIES.assign(y=[0, 1, 0, 1, 0])  # 0.9 neg, 0.8 pos, 0.7 neg, 0.6 pos
    res = pdi.tune_threshold(df, "y", scores="p", objective="min_recall", min_recall=0.5)
    assert res.value == 0.5  # at 0.8: 1/2; at 0.6: 2/4
    assert res.threshold == 0.6
    assert res.at_threshold.recall == 1.0


def test_equal_cost_and_recall_goes_to_the_higher_threshold() -> None:
    # fp_cost=0: every threshold with full recall costs 0; the highest of them is chosen.
    res = pdi.tune_threshold(TIES, "y", scores="p", objective="cost", fn_cost=1, fp_cost=0)
    assert res.value == 0.0
    assert res.threshold == 0.6


# -- label types and the positive class ------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LABEL_DTYPES))
def test_label_dtypes_and_default_positive_class(name: str) -> None:
    (major, minor), dtype = LABEL_DTYPES[name]
    base = scored(2)
    y = np.where(base["y"] == 1, minor, major).astype(object)
    df = base.assign(y=pd.array(list(y), dtype=dtype))
    res = pdi.tune_threshold(df, "y", scores="p")
    assert res.pos_label == minor  # 1 / True, or the minority for string labels
    reference = pdi.tune_threshold(base, "y", scores="p")
    assert res.threshold == reference.threshold
    assert res.value == reference.value
    assert res.n_positive == int(base["y"].sum())


def test_default_positive_is_one_even_when_one_is_the_majority() -> None:
    base = scored(2)
    flipped = base.assign(y=1 - base["y"], p=1 - base["p"])
    res = pdi.tune_threshold(flipped, "y", scores="p")
    assert res.pos_label == 1
    assert res.n_positive == int(flipped["y"].sum()) > len(flipped) / 2


def test_explicit_pos_label() -> None:
    base = scored(6)
    df = base.assign(y=np.where(base["y"] == 1, "fraud", "ok"), p=1 - base["p"])  # p is for ok
    res = pdi.tune_threshold(df, "y", scores="p", pos_label="ok")
    assert res.pos_label == "ok"
    expected = pdi.tune_threshold(base.assign(y=1 - base["y"], p=1 - base["p"]), "y", scores="p")
    assert res.threshold == expected.threshold
    assert res.value == expected.value


def test_equally_frequent_string_classes_need_pos_label() -> None:
    df = pd.DataFrame({"y": ["a", "b"] * 10, "p": np.linspace(0, 1, 20)})
    with pytest.raises(ValueError, match=r"equally frequent.*pos_label="):
        pdi.tune_threshold(df, "y", scores="p")
    assert pdi.tune_threshold(df, "y", scores="p", pos_label="a").pos_label == "a"


def test_pos_label_not_a_class() -> None:
    with pytest.raises(ValueError, match=r"pos_label='1' is not a class of target 'y'"):
        pdi.tune_threshold(scored(0), "y", scores="p", pos_label="1")


# -- the result ------------------------------------------------------------------------------


def test_at_default_is_the_confusion_matrix_at_one_half() -> None:
    df = scored(12)
    res = pdi.tune_threshold(df, "y", scores="p")
    pred = df["p"] >= 0.5
    tn, fp, fn, tp = confusion_matrix(df["y"], pred).ravel()
    assert res.at_default == ThresholdMetrics(
        threshold=0.5,
        tp=int(tp),
        fp=int(fp),
        fn=int(fn),
        tn=int(tn),
        precision=precision_score(df["y"], pred, zero_division=0),
        recall=recall_score(df["y"], pred),
        f1=f1_score(df["y"], pred),
    )
    pred_t = df["p"] >= res.threshold
    assert [res.at_threshold.tp, res.at_threshold.fp] == [
        int((pred_t & (df["y"] == 1)).sum()),
        int((pred_t & (df["y"] == 0)).sum()),
    ]
    assert res.at_threshold.threshold == res.threshold


def test_at_default_with_nothing_predicted_positive_has_zero_precision() -> None:
    df = pd.DataFrame({"y": [0, 0, 1, 1], "p": [-3.0, -1.0, -2.0, 0.25]})
    res = pdi.tune_threshold(df, "y", scores="p")
    assert res.at_default.tp == 0 and res.at_default.fp == 0
    assert res.at_default.precision == 0.0 and res.at_default.f1 == 0.0
    assert res.at_default.fn == 2 and res.at_default.tn == 2


def test_result_is_frozen_and_curve_is_a_copy() -> None:
    res = pdi.tune_threshold(scored(0), "y", scores="p")
    assert isinstance(res, ThresholdResult)
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.threshold = 0.1  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.at_threshold.f1 = 0.0  # type: ignore[misc]
    curve = res.curve
    curve.loc[0, "f1"] = -1.0
    assert res.curve.loc[0, "f1"] != -1.0
    assert res.curve is not res.curve


def test_to_dict_is_json_safe() -> None:
    base = scored(1)
    df = base.assign(y=pd.array(np.where(base["y"] == 1, True, False), dtype="boolean"))
    res = pdi.tune_threshold(df, "y", scores="p", objective="min_recall", min_recall=0.9)
    d = res.to_dict()
    assert json.loads(json.dumps(d, allow_nan=False)) == d
    assert d["pos_label"] is True
    assert d["objective"] == "min_recall"
    assert d["min_recall"] == 0.9 and d["min_precision"] is None
    assert d["threshold"] == res.threshold and type(d["threshold"]) is float
    assert d["at_threshold"] == dataclasses.asdict(res.at_threshold)
    assert set(d["at_default"]) == {
        "threshold",
        "tp",
        "fp",
        "fn",
        "tn",
        "precision",
        "recall",
        "f1",
    }
    assert type(d["at_default"]["tp"]) is int
    assert d["n_rows"] == len(df) and d["n_positive"] == res.n_positive


def test_repr_is_readable() -> None:
    res = pdi.tune_threshold(scored(0), "y", scores="p")
    text = repr(res)
    assert text.startswith(f"ThresholdResult: threshold {res.threshold:.6g} (best F1; F1 = ")
    assert "target 'y', positive class 1" in text
    assert "scores 'p'" in text
    assert "tuned" in text and "default 0.5" in text
    assert f"{res.at_threshold.precision:.3f}" in text
    assert f"{len(res.curve):,} candidate thresholds" in text
    cost = pdi.tune_threshold(scored(0), "y", scores="p", objective="cost", fn_cost=5)
    assert "lowest cost 5 * FN + 1 * FP" in repr(cost)
    f2 = pdi.tune_threshold(scored(0), "y", scores="p", objective="fbeta", beta=2)
    assert "best F2; F2 = " in repr(f2)


def test_plot_draws_precision_recall_and_the_threshold() -> None:
    res = pdi.tune_threshold(scored(0), "y", scores="p")
    ax = res.plot()
    assert isinstance(ax, Axes)
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert {"precision", "recall", "f1"} <= set(lines)
    np.testing.assert_array_equal(lines["recall"].get_xdata(), res.curve["threshold"])
    np.testing.assert_array_equal(lines["precision"].get_ydata(), res.curve["precision"])
    marker = lines[f"chosen {res.threshold:.4g}"]
    assert list(marker.get_xdata()) == [res.threshold, res.threshold]
    _, given_ax = plt.subplots()
    assert res.plot(ax=given_ax) is given_ax


def test_plot_without_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    res = pdi.tune_threshold(scored(0), "y", scores="p")
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"pd-imbalance\[plot\]"):
        res.plot()


def test_accessor_pipe_and_attrs_target_agree() -> None:
    df = scored(0).imbalance.set_target("y")
    a = df.imbalance.tune_threshold(scores="p", objective="cost", fn_cost=3)
    b = pdi.tune_threshold(df, "y", scores="p", objective="cost", fn_cost=3)
    c = df.pipe(pdi.tune_threshold, scores="p", objective="cost", fn_cost=3)
    assert a == b == c
    pd.testing.assert_frame_equal(a.curve, b.curve)


# -- bad input -------------------------------------------------------------------------------


def test_multiclass_target_raises() -> None:
    df = pd.DataFrame({"y": ["a", "b", "c"] * 4, "p": np.linspace(0, 1, 12)})
    with pytest.raises(ValueError, match=r"tune_threshold needs a binary label.*3 classes"):
        pdi.tune_threshold(df, "y", scores="p")


@pytest.mark.parametrize(
    "values",
    [pd.array(["0.1", "0.9"] * 3, dtype="str"), np.array([True, False] * 3)],
    ids=["str", "bool"],
)
def test_non_numeric_scores_raise(values: object) -> None:
    df = pd.DataFrame({"y": [0, 1] * 3, "p": values})
    with pytest.raises(InvalidFeaturesError, match="tune_threshold needs numeric scores"):
        pdi.tune_threshold(df, "y", scores="p")


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_scores_raise(bad: float) -> None:
    df = pd.DataFrame({"y": [0, 1, 0, 1], "p": [0.1, 0.7, bad, 0.4]})
    with pytest.raises(InvalidFeaturesError, match=r"scores column 'p' has 1 .* at rows 2"):
        pdi.tune_threshold(df, "y", scores="p")


def test_constant_scores_raise() -> None:
    df = pd.DataFrame({"y": [0, 1, 0, 1], "p": [0.3] * 4})
    with pytest.raises(ValueError, match=r"holds the same value \(0.3\) on every row"):
        pdi.tune_threshold(df, "y", scores="p")


def test_unreachable_min_precision_says_the_best_achievable() -> None:
    df = pd.DataFrame({"y": [1, 0, 0, 1, 0, 0], "p": [0.9, 0.9, 0.8, 0.7, 0.6, 0.5]})
    with pytest.raises(
        ValueError,
        match=r"precision >= 0.9 .* best achievable precision is 0.5 \(at threshold 0.9\)",
    ):
        pdi.tune_threshold(df, "y", scores="p", objective="min_precision", min_precision=0.9)
    res = pdi.tune_threshold(df, "y", scores="p", objective="min_precision", min_precision=0.5)
    assert res.threshold == 0.7 and res.value == 1.0


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"objective": "auc"}, ValueError, "objective must be one of 'f1', 'fbeta'"),
        ({"objective": "min_recall"}, ValueError, r"needs min_recall=, a share in \(0, 1\]"),
        ({"objective": "min_precision"}, ValueError, "needs min_precision="),
        ({"min_recall": 0.5}, ValueError, "min_recall is used only with objective='min_recall'"),
        ({"objective": "cost", "min_precision": 0.5}, ValueError, "only with objective="),
        ({"objective": "min_recall", "min_recall": 0.0}, ValueError, r"in \(0, 1\]; got 0.0"),
        ({"objective": "min_recall", "min_recall": 1.5}, ValueError, r"in \(0, 1\]"),
        (
            {"objective": "min_recall", "min_recall": "0.5"},
            TypeError,
            "min_recall must be a number",
        ),
        ({"objective": "fbeta", "beta": 0}, ValueError, "beta must be > 0"),
        ({"objective": "fbeta", "beta": np.inf}, ValueError, "beta must be finite"),
        ({"beta": True}, TypeError, "beta must be a number"),
        ({"objective": "cost", "fn_cost": -1}, ValueError, "must be >= 0 and not both 0"),
        ({"objective": "cost", "fn_cost": 0, "fp_cost": 0}, ValueError, "not both 0"),
        ({"objective": "cost", "fp_cost": np.nan}, ValueError, "fp_cost must be finite"),
    ],
)
def test_invalid_parameters(kwargs: dict[str, object], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        pdi.tune_threshold(scored(0), "y", scores="p", **kwargs)  # type: ignore[arg-type]


def test_missing_columns() -> None:
    df = scored(0)
    with pytest.raises(
        TargetNotFoundError, match=r"Scores column 'proba'.*Columns: \['x', 'y', 'p'\]"
    ):
        pdi.tune_threshold(df, "y", scores="proba")
    with pytest.raises(TargetNotFoundError, match="Target column 'label'"):
        pdi.tune_threshold(df, "label", scores="p")
    with pytest.raises(TargetNotFoundError, match="set_target"):
        pdi.tune_threshold(df, scores="p")


def test_missing_labels_raise_invalid_target() -> None:
    df = pd.DataFrame({"y": [0, 1, None, 1], "p": [0.1, 0.7, 0.3, 0.4]})
    with pytest.raises(InvalidTargetError, match="1 missing value"):
        pdi.tune_threshold(df, "y", scores="p")


def test_input_unchanged_on_success_and_failure() -> None:
    df = scored(0).assign(y=lambda d: pd.Categorical(np.where(d["y"] == 1, "bad", "good")))
    df = df.imbalance.set_target("y")
    df.attrs["other"] = {"keep": [1]}
    snap = snapshot(df)
    res = df.imbalance.tune_threshold(scores="p", objective="fbeta", beta=2)
    res.to_dict(), repr(res), res.curve
    assert_unchanged(df, snap)
    with pytest.raises(ValueError, match="is not a class"):
        df.imbalance.tune_threshold(scores="p", pos_label="nope")
    with pytest.raises(InvalidFeaturesError):
        df.assign(p=df["p"].astype(str)).imbalance.tune_threshold(scores="p")
    assert_unchanged(df, snap)
    assert_unchanged(df, snap)
