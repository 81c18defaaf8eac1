"""ImbalanceReport: headline numbers by hand, per-class table, recommendations, display."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import copy
import dataclasses
import json
import math
import sys
from collections.abc import Iterator, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from sklearn.utils.class_weight import compute_class_weight

import pd_imbalance as pdi
from pd_imbalance import ImbalanceReport, InvalidTargetError, Recommendation, TargetNotFoundError

TABLE_COLUMNS = ["count", "share", "ratio_to_majority", "balanced_weight", "smote_possible"]


def frame(
    counts: Sequence[int],
    labels: Sequence[object] | None = None,
    dtype: str | None = None,
    *,
    features: dict[str, str] | None = None,
    target: str = "y",
    seed: int = 0,
) -> pd.DataFrame:
    """A shuffled frame with label column ``target`` holding ``counts[i]`` rows of ``labels[i]``.

    ``features`` maps feature column names to a kind: "float", "int", "str", "bool", "cat".
    """
    rng = np.random.default_rng(seed)
    labels = list(labels) if labels is not None else list(range(len(counts)))
    y = np.repeat(np.array(labels, dtype=object), counts)[rng.permutation(sum(counts))]
    n = len(y)
    features = {"f0": "float", "f1": "float"} if features is None else features
    data: dict[str, object] = {}
    for name, kind in features.items():
        if kind == "float":
            data[name] = rng.normal(size=n)
        elif kind == "int":
            data[name] = rng.integers(0, 10, size=n)
        elif kind == "str":
            data[name] = pd.Series(rng.choice(["p", "q"], size=n), dtype="str")
        elif kind == "bool":
            data[name] = rng.random(n) < 0.5
        elif kind == "cat":
            data[name] = pd.Categorical(rng.choice(["u", "v"], size=n))
        else:  # pragma: no cover - test helper misuse
            raise AssertionError(kind)
    series = pd.Series(y, dtype=dtype) if dtype else pd.Series(y).infer_objects()
    data[target] = series
    return pd.DataFrame(data)


def big_frame(counts: Sequence[int]) -> pd.DataFrame:
    """A cheap large frame: one float feature and an int label, unshuffled."""
    y = np.repeat(np.arange(len(counts)), counts)
    return pd.DataFrame({"x": np.zeros(len(y)), "y": y})


def techniques(rep: ImbalanceReport) -> list[str]:
    return [r.technique for r in rep.recommendations]


def entropy_by_hand(counts: Sequence[int]) -> float:
    n = sum(counts)
    return -sum(c / n * math.log(c / n) for c in counts) / math.log(len(counts))


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


# -- headline numbers ----------------------------------------------------------------------


def test_binary_headline_numbers_by_hand() -> None:
    df = frame([990, 10], ["ok", "fraud"], target="is_fraud")
    rep = pdi.report(df, "is_fraud")
    assert isinstance(rep, ImbalanceReport)
    assert rep.target == "is_fraud"
    assert rep.n_rows == 1000
    assert rep.n_classes == 2
    assert rep.majority_label == "ok"
    assert rep.minority_label == "fraud"
    assert rep.imbalance_ratio == 99.0
    assert rep.minority_share == 0.01
    assert rep.majority_baseline_accuracy == 0.99
    expected_entropy = -(0.99 * math.log(0.99) + 0.01 * math.log(0.01)) / math.log(2)
    assert rep.entropy_balance == pytest.approx(expected_entropy, abs=1e-12)
    assert rep.entropy_balance == pytest.approx(0.08079313589591118, abs=1e-12)
    assert rep.severity == "moderate"  # pairwise 10 / (10 + 990) = 0.01 is the lower bound
    assert rep.is_imbalanced is True
    assert rep.k_neighbors == 5
    for value in (rep.n_rows, rep.n_classes, rep.k_neighbors):
        assert type(value) is int
    for value in (
        rep.imbalance_ratio,
        rep.minority_share,
        rep.majority_baseline_accuracy,
        rep.entropy_balance,
    ):
        assert type(value) is float


def test_three_class_headline_numbers_by_hand() -> None:
    # Sorted label order (high, low, mid) differs from size order (mid is not the largest).
    df = frame([600, 100, 300], ["high", "low", "mid"])
    rep = pdi.report(df, "y")
    assert rep.n_rows == 1000
    assert rep.n_classes == 3
    assert rep.majority_label == "high"
    assert rep.minority_label == "low"
    assert rep.imbalance_ratio == 6.0
    assert rep.minority_share == 0.1
    assert rep.majority_baseline_accuracy == 0.6
    assert rep.entropy_balance == pytest.approx(entropy_by_hand([600, 100, 300]), abs=1e-12)
    assert rep.entropy_balance == pytest.approx(0.8173454221465101, abs=1e-12)
    assert rep.severity == "moderate"  # pairwise 100 / 700 = 0.142...
    assert rep.is_imbalanced is True


def test_int_labels_three_classes_with_ties() -> None:
    # Ties: the first class in sorted order is named; the numbers are the same either way.
    rep = pdi.report(frame([50, 200, 50, 200], [7, 3, 1, 5]), "y")
    assert rep.n_classes == 4
    assert rep.majority_label == 3  # classes sorted: 1 (50), 3 (200), 5 (200), 7 (50)
    assert rep.minority_label == 1
    assert rep.imbalance_ratio == 4.0
    assert rep.minority_share == 0.1
    assert rep.majority_baseline_accuracy == 0.4
    assert rep.entropy_balance == pytest.approx(entropy_by_hand([50, 200, 50, 200]), abs=1e-12)
    assert rep.severity == "mild"  # 50 / 250 = 0.2


def test_perfectly_balanced_is_not_imbalanced() -> None:
    rep = pdi.report(frame([250, 250, 250, 250], ["a", "b", "c", "d"]), "y")
    assert rep.imbalance_ratio == 1.0
    assert rep.minority_share == 0.25
    assert rep.majority_baseline_accuracy == 0.25
    assert rep.entropy_balance == pytest.approx(1.0, abs=1e-12)
    assert rep.severity == "none"
    assert rep.is_imbalanced is False


@pytest.mark.parametrize(
    ("counts", "severity"),
    [
        ([60, 40], "none"),  # 0.40 exactly
        ([3, 2], "none"),  # 0.40 exactly
        ([61, 39], "mild"),  # 0.39
        ([80, 20], "mild"),  # 0.20 exactly
        ([4, 1], "mild"),  # 0.20 exactly
        ([81, 19], "moderate"),  # 0.19
        ([99, 1], "moderate"),  # 0.01 exactly
        ([198, 2], "moderate"),  # 0.01 exactly
        ([100, 1], "extreme"),  # 1 / 101 < 0.01
        ([10_000, 1], "extreme"),
        # multi-class: graded on the pair smallest + largest, not on the share of all rows
        ([30, 40, 30], "none"),  # 30 / 70 = 0.43, although 30 % of all rows
        ([10] * 10, "none"),  # each class 10 % of the rows, perfectly balanced
        ([45, 10, 45], "moderate"),  # 10 / 55 = 0.18
        ([20, 20, 20, 20, 20, 20, 10, 10, 10, 10], "mild"),  # 10 / 30 = 0.33
    ],
)
def test_severity_grades_at_the_boundaries(counts: list[int], severity: str) -> None:
    rep = pdi.report(big_frame(counts), "y")
    assert rep.severity == severity
    assert rep.is_imbalanced is (severity != "none")
    n_min, n_max = min(counts), max(counts)
    assert rep.imbalance_ratio == n_max / n_min
    assert rep.minority_share == n_min / sum(counts)


# -- per-class table -----------------------------------------------------------------------


def test_to_frame_columns_and_values() -> None:
    counts = [600, 100, 300]
    labels = ["high", "low", "mid"]
    df = frame(counts, labels)
    table = pdi.report(df, "y").to_frame()
    assert list(table.columns) == TABLE_COLUMNS
    assert table.index.tolist() == labels
    assert table.index.name == "class"
    assert table.index.dtype == df["y"].dtype
    assert table["count"].dtype == np.int64
    assert table["smote_possible"].dtype == bool
    for col in ("share", "ratio_to_majority", "balanced_weight"):
        assert table[col].dtype == np.float64
    assert table["count"].tolist() == counts
    assert table["share"].tolist() == [0.6, 0.1, 0.3]
    assert table["ratio_to_majority"].tolist() == [1.0, 100 / 600, 300 / 600]
    expected = compute_class_weight("balanced", classes=np.array(labels), y=df["y"].to_numpy())
    np.testing.assert_allclose(table["balanced_weight"].to_numpy(), expected, rtol=0, atol=1e-12)
    np.testing.assert_allclose(
        table["balanced_weight"].to_numpy(), [1000 / 1800, 1000 / 300, 1000 / 900], atol=1e-12
    )
    # the largest class ("high") does not grow under smote()'s default strategy
    assert table["smote_possible"].tolist() == [False, True, True]


@pytest.mark.parametrize(
    ("dtype", "labels"),
    [
        ("int64", [1, 0]),
        ("Int64", [1, 0]),
        ("category", ["ok", "bad"]),
        ("string", ["ok", "bad"]),
        ("bool", [True, False]),
    ],
)
def test_to_frame_index_holds_labels_with_label_dtype(dtype: str, labels: list[object]) -> None:
    df = frame([90, 10], labels, dtype)
    table = pdi.report(df, "y").to_frame()
    assert table.index.dtype == df["y"].dtype
    assert table.index.tolist() == sorted(labels)
    assert table.loc[labels[0], "count"] == 90
    assert table.loc[labels[1], "count"] == 10
    expected = compute_class_weight(
        "balanced", classes=np.array(sorted(labels)), y=np.array(df["y"].tolist())
    )
    np.testing.assert_allclose(table["balanced_weight"].to_numpy(), expected, atol=1e-12)


@pytest.mark.parametrize(
    ("k_neighbors", "possible"),
    [(5, [True, False, False]), (4, [True, True, False]), (6, [False, False, False])],
)
def test_smote_possible_is_count_greater_than_k(k_neighbors: int, possible: list[bool]) -> None:
    rep = pdi.report(frame([6, 5, 100], ["a", "b", "c"]), "y", k_neighbors=k_neighbors)
    assert rep.k_neighbors == k_neighbors
    assert rep.to_frame()["smote_possible"].tolist() == possible


def test_to_frame_returns_a_copy() -> None:
    rep = pdi.report(frame([90, 10], ["ok", "fraud"]), "y")
    before = rep.to_frame()
    before_dict = rep.to_dict()
    mutated = rep.to_frame()
    mutated.loc["ok", "count"] = 0
    mutated["share"] = -1.0
    mutated["extra"] = 1
    mutated.index.name = "changed"
    mutated.iloc[0, 0] = -5
    pd.testing.assert_frame_equal(rep.to_frame(), before, check_exact=True)
    assert rep.to_frame().index.name == "class"
    assert rep.to_dict() == before_dict
    assert rep.to_frame() is not rep.to_frame()


# -- to_dict / JSON ------------------------------------------------------------------------

JSON_LABELS: dict[str, tuple[tuple[object, object], type]] = {
    "str": (("ok", "fraud"), str),
    "object": (("ok", "fraud"), str),
    "int64": ((0, 1), int),
    "int8": ((0, 1), int),
    "bool": ((False, True), bool),
    "Int64": ((0, 1), int),
    "boolean": ((False, True), bool),
    "string": (("ok", "fraud"), str),
    "category": (("ok", "fraud"), str),
}


def _assert_plain_json_types(obj: object, path: str = "$") -> None:
    if isinstance(obj, dict):
        for key, value in obj.items():
            assert type(key) is str, f"{path}: key {key!r} is {type(key)}"
            _assert_plain_json_types(value, f"{path}.{key}")
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            _assert_plain_json_types(value, f"{path}[{i}]")
    else:
        assert type(obj) in (str, int, float, bool, type(None)), f"{path}: {type(obj)} {obj!r}"


@pytest.mark.parametrize("dtype", sorted(JSON_LABELS))
def test_to_dict_is_json_safe_for_label_dtypes(dtype: str) -> None:
    (major, minor), py_type = JSON_LABELS[dtype]
    df = frame([90, 10], [major, minor], dtype)
    rep = pdi.report(df, "y")
    d = rep.to_dict()
    _assert_plain_json_types(d)
    text = json.dumps(d, allow_nan=False)
    back = json.loads(text)
    assert back == d
    assert type(back["majority_label"]) is py_type
    assert back["majority_label"] == major
    assert back["minority_label"] == minor
    classes = {c["label"]: c for c in back["classes"]}
    assert set(classes) == {major, minor}
    assert all(type(c["label"]) is py_type for c in back["classes"])
    assert classes[major]["count"] == 90
    assert classes[minor]["count"] == 10
    assert classes[minor]["share"] == 0.1
    assert classes[minor]["balanced_weight"] == 5.0
    assert classes[minor]["smote_possible"] is True
    assert back["n_rows"] == 100
    assert back["imbalance_ratio"] == 9.0


def test_to_dict_contents() -> None:
    rep = pdi.report(frame([990, 10], ["ok", "fraud"]), "y")
    d = rep.to_dict()
    assert set(d) == {
        "target",
        "n_rows",
        "n_classes",
        "majority_label",
        "minority_label",
        "imbalance_ratio",
        "minority_share",
        "majority_baseline_accuracy",
        "entropy_balance",
        "severity",
        "is_imbalanced",
        "k_neighbors",
        "classes",
        "recommendations",
        "findings",
    }
    assert d["findings"] == []  # two normal float features: nothing to fix
    assert d["target"] == "y"
    assert d["severity"] == "moderate"
    assert d["is_imbalanced"] is True
    assert d["classes"] == [
        {
            "label": "fraud",
            "count": 10,
            "share": 0.01,
            "ratio_to_majority": 10 / 990,
            "balanced_weight": 50.0,
            "smote_possible": True,
        },
        {
            "label": "ok",
            "count": 990,
            "share": 0.99,
            "ratio_to_majority": 1.0,
            "balanced_weight": 1000 / 1980,
            "smote_possible": False,  # the majority does not grow
        },
    ]
    assert d["recommendations"] == [
        {"technique": r.technique, "reason": r.reason, "how": r.how} for r in rep.recommendations
    ]


# -- frozen --------------------------------------------------------------------------------


def test_report_is_frozen() -> None:
    rep = pdi.report(frame([90, 10]), "y")
    with pytest.raises(dataclasses.FrozenInstanceError):
        rep.n_rows = 5  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rep.severity = "none"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del rep.imbalance_ratio  # type: ignore[misc]
    assert isinstance(rep.recommendations, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rep.recommendations[0].technique = "x"  # type: ignore[misc]
    assert rep.n_rows == 100
    assert rep.severity == "moderate"


# -- display -------------------------------------------------------------------------------


def test_repr_contains_target_ratio_and_recommendations() -> None:
    rep = pdi.report(frame([990, 10], ["ok", "fraud"], target="is_fraud"), "is_fraud")
    text = repr(rep)
    assert "'is_fraud'" in text
    assert "1,000 rows" in text
    assert "2 classes" in text
    assert "99.0:1" in text
    assert "severity: moderate" in text
    assert "Accuracy paradox" in text
    assert "99.00%" in text  # majority-baseline accuracy
    assert "Recommendations:" in text
    for i, r in enumerate(rep.recommendations, 1):
        assert f"{i}. {r.technique}: {r.reason}" in text
        assert f"try: {r.how}" in text
    assert techniques(rep) == ["class_weights", "anomaly_detection", "threshold_tuning"]


def test_repr_of_balanced_data_has_no_paradox_line() -> None:
    text = repr(pdi.report(frame([50, 50], ["a", "b"]), "y"))
    assert "1.0:1" in text
    assert "severity: none" in text
    assert "Accuracy paradox" not in text
    assert "no_action" in text


def test_repr_html_is_a_table_and_escapes_labels() -> None:
    evil = "<b>rare</b>"
    script = "<script>alert(1)</script>"
    df = frame([80, 15, 5], ["fine", evil, script], target="t<x>")
    rep = pdi.report(df, "t<x>")
    out = rep._repr_html_()
    assert isinstance(out, str)
    assert "<table" in out
    assert "</table>" in out
    assert evil not in out
    assert script not in out
    assert "<script" not in out
    assert "&lt;b&gt;rare&lt;/b&gt;" in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "t<x>" not in out
    assert "t&lt;x&gt;" in out
    for r in rep.recommendations:
        assert r.technique in out


# -- recommendations -----------------------------------------------------------------------


@pytest.mark.parametrize("counts", [[80, 20], [60, 40], [50, 50], [70, 30]])
def test_no_action_alone_when_minority_share_at_least_20_percent(counts: list[int]) -> None:
    rep = pdi.report(frame(counts), "y")
    assert techniques(rep) == ["no_action"]  # no contradictory "class weights" next to it


@pytest.mark.parametrize(
    "counts", [[81, 19], [990, 10], [9_900, 100], [600, 100, 300], [100, 1], [95, 5]]
)
def test_class_weights_and_threshold_tuning_always_present(counts: list[int]) -> None:
    names = techniques(pdi.report(frame(counts), "y"))
    assert "class_weights" in names
    assert names[-1] == "threshold_tuning"
    assert "no_action" not in names
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("n_major", "n_minor"), [(980, 20), (990, 10), (95, 5), (500, 2)])
def test_few_minority_rows_offer_anomaly_detection_not_smote(n_major: int, n_minor: int) -> None:
    rep = pdi.report(frame([n_major, n_minor]), "y")
    names = techniques(rep)
    assert "anomaly_detection" in names
    assert "smote" not in names
    reason = next(r.reason for r in rep.recommendations if r.technique == "anomaly_detection")
    assert f"Only {n_minor} minority rows" in reason


def test_21_minority_rows_with_numeric_features_get_smote() -> None:
    names = techniques(pdi.report(frame([979, 21]), "y"))
    assert names == ["class_weights", "smote", "threshold_tuning"]


def test_smote_advice_names_random_oversampling_for_strong_learners() -> None:
    rep = pdi.report(frame([979, 21]), "y")
    reason = next(r.reason for r in rep.recommendations if r.technique == "smote")
    assert "oversample(method='random')" in reason
    assert "Elor & Averbuch-Elor 2022" in reason
    # the call it names exists and copies rows
    out = pdi.oversample(frame([979, 21]), "y", method="random", random_state=0)
    assert out["y"].value_counts().tolist() == [979, 979]


def test_smote_needs_more_minority_rows_than_k_neighbors() -> None:
    df = frame([960, 40])
    assert "smote" in techniques(pdi.report(df, "y", k_neighbors=39))
    assert "smote" not in techniques(pdi.report(df, "y", k_neighbors=40))


@pytest.mark.parametrize("counts", [[99, 1], [1, 50, 49], [1, 4]])
def test_single_row_class_puts_merge_tiny_classes_first(counts: list[int]) -> None:
    rep = pdi.report(frame(counts), "y")
    assert rep.recommendations[0].technique == "merge_tiny_classes"
    assert "stratified" in rep.recommendations[0].reason


def test_two_single_row_classes_are_counted() -> None:
    rep = pdi.report(frame([1, 1, 98]), "y")
    assert rep.recommendations[0].technique == "merge_tiny_classes"
    assert rep.recommendations[0].reason.startswith("2 classes have a single row")


def test_two_rows_is_not_tiny() -> None:
    assert "merge_tiny_classes" not in techniques(pdi.report(frame([98, 2]), "y"))


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([99_000, 1_000], True),  # 100k rows, minority 1000, ratio 99
        ([100_000, 10_000], True),  # ratio exactly 10
        ([98_999, 1_000], False),  # one row short of 100k
        ([99_001, 999], False),  # minority one short of 1000
        ([99_000, 10_000], False),  # ratio 9.9
    ],
)
def test_undersample_recommended_for_large_data_with_big_majority(
    counts: list[int], expected: bool
) -> None:
    assert ("undersample" in techniques(pdi.report(big_frame(counts), "y"))) is expected


@pytest.mark.parametrize(
    ("features", "smote"),
    [
        ({"a": "str", "b": "str"}, False),
        ({"a": "bool", "b": "bool", "c": "float"}, False),  # bool is not numeric
        ({"a": "cat", "b": "cat", "c": "str", "d": "int"}, False),
        ({}, False),  # no features at all
        ({"a": "str", "b": "float"}, True),  # half numeric counts as mostly
        ({"a": "int", "b": "float", "c": "cat"}, True),
    ],
)
def test_smote_only_with_mostly_numeric_features(features: dict[str, str], smote: bool) -> None:
    rep = pdi.report(frame([900, 100], features=features), "y")
    assert ("smote" in techniques(rep)) is smote


def test_recommendations_are_recommendation_objects() -> None:
    rep = pdi.report(frame([900, 100]), "y")
    assert all(isinstance(r, Recommendation) for r in rep.recommendations)
    assert all(r.reason and r.how for r in rep.recommendations)


# -- parameters and errors -----------------------------------------------------------------


@pytest.mark.parametrize("k", [0, -1])
def test_k_neighbors_must_be_positive(k: int) -> None:
    with pytest.raises(ValueError, match="k_neighbors"):
        pdi.report(frame([90, 10]), "y", k_neighbors=k)


@pytest.mark.parametrize("k", ["5", 5.0, True, None])
def test_k_neighbors_must_be_an_int(k: object) -> None:
    with pytest.raises(TypeError, match="k_neighbors"):
        pdi.report(frame([90, 10]), "y", k_neighbors=k)  # type: ignore[arg-type]


def test_k_neighbors_accepts_numpy_int() -> None:
    rep = pdi.report(frame([90, 10]), "y", k_neighbors=np.int64(10))
    assert rep.k_neighbors == 10
    assert type(rep.k_neighbors) is int
    assert rep.to_frame()["smote_possible"].tolist() == [False, False]


def test_missing_target_column_raises_target_not_found() -> None:
    with pytest.raises(TargetNotFoundError, match="'label'"):
        pdi.report(frame([90, 10]), "label")


def test_no_target_raises_target_not_found() -> None:
    with pytest.raises(TargetNotFoundError, match="set_target"):
        pdi.report(frame([90, 10]))


def test_single_class_raises_invalid_target() -> None:
    with pytest.raises(InvalidTargetError, match="1 class"):
        pdi.report(pd.DataFrame({"x": [1.0, 2.0], "y": ["a", "a"]}), "y")


def test_accessor_and_attrs_target_give_the_same_report() -> None:
    df = frame([600, 100, 300], ["high", "low", "mid"])
    direct = pdi.report(df, "y", k_neighbors=3)
    via_accessor = df.imbalance.set_target("y").imbalance.report(k_neighbors=3)
    assert via_accessor.to_dict() == direct.to_dict()
    pd.testing.assert_frame_equal(via_accessor.to_frame(), direct.to_frame())


# -- input untouched -----------------------------------------------------------------------


@pytest.mark.parametrize("dtype", ["str", "category", "Int64", "boolean"])
def test_input_frame_unchanged(dtype: str) -> None:
    labels = [False, True] if dtype == "boolean" else ([0, 1] if dtype == "Int64" else ["a", "b"])
    df = frame([90, 10], labels, dtype, features={"f": "float", "c": "cat", "s": "str"})
    df = df.imbalance.set_target("y")
    df.attrs["other"] = {"keep": [1, 2]}
    before, attrs = df.copy(deep=True), copy.deepcopy(df.attrs)
    rep = df.imbalance.report()
    pdi.report(df, "y", k_neighbors=2).to_frame()
    rep.to_dict()
    repr(rep)
    rep._repr_html_()
    pd.testing.assert_frame_equal(df, before, check_exact=True)
    assert df.attrs == attrs
    assert df["y"].dtype == before["y"].dtype


def test_input_frame_unchanged_on_failure() -> None:
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": ["a", None, "b"]})
    before, attrs = df.copy(deep=True), copy.deepcopy(df.attrs)
    with pytest.raises(InvalidTargetError, match="missing"):
        pdi.report(df, "y")
    pd.testing.assert_frame_equal(df, before, check_exact=True)
    assert df.attrs == attrs


# -- plot ----------------------------------------------------------------------------------


def test_plot_one_bar_per_class() -> None:
    rep = pdi.report(frame([600, 100, 300], ["high", "low", "mid"]), "y")
    ax = rep.plot()
    assert isinstance(ax, Axes)
    assert len(ax.patches) == 3
    assert [p.get_height() for p in ax.patches] == [600, 100, 300]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["high", "low", "mid"]
    assert ax.get_xlabel() == "y"
    assert "6.0:1" in ax.get_title()


def test_plot_draws_on_given_axes() -> None:
    _, given = plt.subplots()
    rep = pdi.report(frame([90, 10], [False, True]), "y")
    ax = rep.plot(ax=given)
    assert ax is given
    assert len(ax.patches) == 2
    assert [t.get_text() for t in ax.get_xticklabels()] == ["False", "True"]


def test_plot_without_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    rep = pdi.report(frame([90, 10]), "y")
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"pd-imbalance\[plot\]"):
        rep.plot()
