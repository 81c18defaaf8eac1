"""Label checks and their messages: bools merged with numbers, the class-count guard
(``max_classes``), grammatical counts, missing-value counts that name their classes, and a
target left stale by a rename."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import make_frame

import pd_imbalance as pdi
from pd_imbalance import _verbs
from pd_imbalance._pandas import labels as labels_module
from pd_imbalance._params import check_max_classes, method_options
from pd_imbalance.errors import (
    InsufficientSamplesError,
    InvalidFeaturesError,
    InvalidTargetError,
    TargetNotFoundError,
)

#: Every verb that validates labels, called with its defaults (plus what it needs).
LABEL_VERBS: dict[str, Callable[..., Any]] = {
    "report": lambda df, **kw: pdi.report(df, "y", **kw),
    "undersample": lambda df, **kw: pdi.undersample(df, "y", random_state=0, **kw),
    "smote": lambda df, **kw: pdi.smote(df, "y", random_state=0, k_neighbors=1, **kw),
    "weights": lambda df, **kw: pdi.weights(df, "y", **kw),
    "sample_weights": lambda df, **kw: pdi.sample_weights(df, "y", **kw),
    "split_then_resample": lambda df, **kw: pdi.split_then_resample(
        df, "y", method="none", random_state=0, **kw
    ),
    "cv_splits": lambda df, **kw: list(
        pdi.cv_splits(df, "y", n_splits=2, method="none", random_state=0, **kw)
    ),
    "tune_threshold": lambda df, **kw: pdi.tune_threshold(
        df.assign(s=np.linspace(0, 1, len(df))), "y", scores="s", **kw
    ),
}


@pytest.fixture(params=sorted(LABEL_VERBS))
def label_verb(request: pytest.FixtureRequest) -> Callable[..., Any]:
    return LABEL_VERBS[request.param]


def objects(y: list[Any]) -> pd.DataFrame:
    """A frame whose labels are an ``object`` column holding exactly these values."""
    return pd.DataFrame({"x": np.arange(len(y), dtype=float), "y": pd.Series(y, dtype=object)})


# --- 6 and 21: a bool and an equal number are not silently one class ---------------------------


@pytest.mark.parametrize(
    ("y", "pair"),
    [
        ([0, False] * 6 + [1] * 6, "0 and False"),
        ([1, True] * 6 + [0] * 6, "1 and True"),
        ([1.0, True] * 6 + [0.0] * 6, "1.0 and True"),
        ([np.int64(0), np.False_] * 6 + [2] * 6, "0 and False"),
    ],
    ids=["0-False", "1-True", "1.0-True", "numpy"],
)
def test_bool_and_equal_number_are_refused(
    label_verb: Callable[..., Any], y: list[Any], pair: str
) -> None:
    with pytest.raises(InvalidTargetError) as info:
        label_verb(objects(y))
    message = str(info.value)
    assert f"{pair} would be the same class" in message
    assert "'y'" in message and "astype(" in message


def test_both_collisions_are_listed() -> None:
    with pytest.raises(InvalidTargetError, match="0 and False and 1 and True would be the same"):
        pdi.weights(objects([0, False, 1, True] * 3), "y")


def test_one_and_true_is_the_collision_error_not_one_class() -> None:
    # item 21: used to say "has 1 class (1: 40 rows)"
    with pytest.raises(InvalidTargetError) as info:
        pdi.report(objects([1, True] * 20), "y")
    assert "1 and True would be the same class" in str(info.value)
    assert "has 1 class" not in str(info.value)


def test_one_and_one_point_zero_are_one_class_as_in_pandas() -> None:
    # equal numbers of compatible types are the same value: pandas counts them together
    df = objects([1, 1.0, 0] * 4)
    assert pdi.weights(df, "y").to_dict() == {0: 1.5, 1: 0.75}
    assert df["y"].value_counts().to_dict() == {1: 8, 0: 4}


def test_bools_and_other_numbers_that_do_not_collide_are_classes() -> None:
    assert sorted(pdi.weights(objects([True, 2] * 4), "y").tolist()) == [1.0, 1.0]
    assert pdi.weights(objects([True, False] * 4), "y").to_dict() == {False: 1.0, True: 1.0}


def test_mixed_str_and_int_keep_their_own_error() -> None:
    with pytest.raises(InvalidTargetError, match="mixes value types"):
        pdi.weights(objects([1, "1"] * 4), "y")


def test_predictions_are_checked_for_merged_bools_too() -> None:
    df = pd.DataFrame({"y": [0, 1] * 6, "pred": pd.Series([0, False] * 6, dtype=object)})
    with pytest.raises(InvalidTargetError, match="0 and False would be the same class"):
        pdi.report(df, "y", predictions="pred")


def test_bool_check_costs_nothing_for_text_and_one_c_pass_for_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    original = labels_module.bool_number_kinds

    def spy(series: pd.Series) -> dict[int, frozenset[str]]:
        calls.append(len(series))
        return original(series)

    monkeypatch.setattr(labels_module, "bool_number_kinds", spy)
    many = 200_000
    pdi.weights(pd.DataFrame({"y": pd.Series(["a", "b"] * many, dtype=object)}), "y")
    pdi.weights(pd.DataFrame({"y": pd.Series([0, 1] * many, dtype=object)}), "y")
    pdi.weights(pd.DataFrame({"y": pd.Series([False, True] * many, dtype=object)}), "y")
    assert calls == []  # text: no look at the rows; one kind only: one numpy pass settles it
    assert not labels_module.may_merge_bools(np.dtype(object), ["a", "b"])
    assert not labels_module.may_merge_bools(np.dtype("int64"), [0, 1])
    with pytest.raises(InvalidTargetError):
        pdi.weights(objects([0, False] * 4), "y")
    assert calls == [8]


def test_bool_rows_are_counted_by_identity() -> None:
    y = pd.Series([0, False, 1, True, np.True_, 1.0, "a", np.False_] * 3, dtype=object)
    assert labels_module.bool_rows(y) == (6, 6)
    assert labels_module.bool_rows(y.iloc[1::2]) == (6, 3)  # a strided view is read too
    assert labels_module.bool_rows(y.iloc[:0]) == (0, 0)
    # Python's and numpy's bools together are still bools only
    assert pdi.weights(objects([True, np.True_, False, np.False_] * 3), "y").to_dict() == {
        False: 1.0,
        True: 1.0,
    }


# --- 14: the class-count guard --------------------------------------------------------------


def many_classes(n_classes: int, rows_each: int, float_labels: bool = False) -> pd.DataFrame:
    y = np.repeat(np.arange(n_classes), rows_each)
    return pd.DataFrame(
        {"x": np.arange(len(y), dtype=float), "y": y.astype(float) if float_labels else y}
    )


@pytest.mark.parametrize("float_labels", [False, True], ids=["int", "integral-float"])
def test_more_than_1000_classes_are_accepted(float_labels: bool) -> None:
    df = many_classes(1500, 2, float_labels)
    assert pdi.report(df, "y").n_classes == 1500
    assert len(pdi.weights(df, "y")) == 1500
    assert len(pdi.undersample(df, "y", random_state=0)) == 3000
    assert len(pdi.smote(df, "y", k_neighbors=1, random_state=0)) == 3000
    with pytest.warns(pdi.ImbalanceWarning, match=r"\.\.\. \(1500 in all\)"):
        train, test = pdi.split_then_resample(df, "y", method="none", test_size=0.5)
    assert len(train) == len(test) == 1500
    text = pd.DataFrame({"x": np.arange(3000.0), "y": [f"c{i // 2}" for i in range(3000)]})
    assert pdi.report(text, "y").n_classes == 1500


def test_an_id_column_is_refused_with_the_way_out(label_verb: Callable[..., Any]) -> None:
    df = many_classes(1500, 1)
    with pytest.raises(InvalidTargetError) as info:
        label_verb(df)
    message = str(info.value)
    assert "'y'" in message and "1500 distinct values" in message
    assert "1500 of them occur in a single row" in message and "ID" in message
    assert "max_classes=None" in message


def test_max_classes_none_accepts_an_id_like_column() -> None:
    df = many_classes(1500, 1)
    assert pdi.report(df, "y", max_classes=None).n_classes == 1500
    assert len(pdi.weights(df, "y", max_classes=None)) == 1500
    assert len(pdi.undersample(df, "y", max_classes=None, random_state=0)) == 1500


def test_a_few_single_row_classes_among_many_are_not_ids() -> None:
    y = np.r_[np.repeat(np.arange(1000), 3), np.arange(1000, 1400)]  # 400 of 1400 single
    assert pdi.report(pd.DataFrame({"y": y}), "y").n_classes == 1400


def test_max_classes_int_is_a_hard_cap(label_verb: Callable[..., Any]) -> None:
    df = many_classes(3, 6)
    with pytest.raises(InvalidTargetError) as info:
        label_verb(df, max_classes=2)
    message = str(info.value)
    assert "'y' has 3 distinct values, more than max_classes=2" in message
    assert "None" in message


def test_max_classes_int_accepts_up_to_the_cap() -> None:
    df = many_classes(3, 6)
    assert pdi.report(df, "y", max_classes=3).n_classes == 3
    assert pdi.report(many_classes(1500, 1), "y", max_classes=np.int64(2000)).n_classes == 1500


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (1, ValueError),
        (0, ValueError),
        (-5, ValueError),
        ("many", TypeError),
        (2.5, TypeError),
        (True, TypeError),
        ("AUTO", TypeError),
    ],
)
def test_max_classes_is_checked(
    label_verb: Callable[..., Any], value: object, error: type[Exception]
) -> None:
    with pytest.raises(error, match="max_classes must be 'auto', None"):
        label_verb(many_classes(2, 6), max_classes=value)


def test_check_max_classes_values() -> None:
    assert check_max_classes("auto") == "auto"
    assert check_max_classes(None) is None
    value = check_max_classes(np.int64(7))
    assert value == 7 and type(value) is int


def test_max_classes_is_in_every_label_verb_signature() -> None:
    for name in LABEL_VERBS:
        parameter = inspect.signature(_verbs.VERBS[name]).parameters["max_classes"]
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, name
        assert parameter.default == "auto", name
        assert "max_classes :" in (_verbs.VERBS[name].__doc__ or ""), name


def test_splits_keep_max_classes_for_themselves() -> None:
    # 1,200 classes of 2 rows: a stratified half split leaves one row per class in the
    # training part, which the resampler must not refuse as an ID column
    df = many_classes(1200, 2)
    with pytest.warns(pdi.ImbalanceWarning, match="fewer than 2 rows"):
        train, test = pdi.split_then_resample(
            df, "y", method="undersample", test_size=0.5, random_state=0
        )
    assert len(train) == len(test) == 1200
    folds = list(pdi.cv_splits(df, "y", n_splits=2, method="undersample", random_state=0))
    assert [len(f.train) for f in folds] == [1200, 1200]
    # the split's own parameter, never an option passed on to the resampler
    assert "max_classes" not in method_options(pdi.undersample)
    assert "max_classes" not in method_options(pdi.smote)


def test_cv_splits_cap() -> None:
    with pytest.raises(InvalidTargetError, match="more than max_classes=2"):
        pdi.cv_splits(many_classes(3, 6), "y", method="none", max_classes=2)


# --- 24: grammatical counts -----------------------------------------------------------------


def test_no_rows_has_no_classes() -> None:
    with pytest.raises(InvalidTargetError) as info:
        pdi.weights(pd.DataFrame({"y": pd.Series([], dtype="int64")}), "y")
    assert "'y' has no classes;" in str(info.value)


def test_one_class_of_one_row() -> None:
    with pytest.raises(InvalidTargetError) as info:
        pdi.weights(pd.DataFrame({"y": ["only"]}), "y")
    assert "has 1 class ('only': 1 row);" in str(info.value)
    assert "class(es)" not in str(info.value)


def test_one_missing_label_is_singular() -> None:
    with pytest.raises(InvalidTargetError) as info:
        pdi.weights(pd.DataFrame({"y": ["a", None, "b"]}), "y")
    assert "has 1 missing value (NaN/None/NA)" in str(info.value)


def test_recommendations_count_in_the_singular() -> None:
    frame = make_frame([99, 1])
    reasons = {r.technique: r.reason for r in pdi.report(frame, "y").recommendations}
    assert reasons["merge_tiny_classes"].startswith("1 class has a single row")
    assert "merge it or" in reasons["merge_tiny_classes"]
    assert reasons["anomaly_detection"].startswith("Only 1 minority row:")


def test_class_sizes_in_the_singular() -> None:
    with pytest.raises(InsufficientSamplesError, match=r"2 \(1 row\)"):
        pdi.split_then_resample(make_frame([12, 6, 1]), "y", method="none")


def test_small_test_class_warning_in_the_singular() -> None:
    with pytest.warns(pdi.ImbalanceWarning) as record:
        pdi.split_then_resample(make_frame([40, 3]), "y", method="none", random_state=0)
    message = str(record[0].message)
    assert "of class 1 (1 test row)" in message and "class(es)" not in message


def test_predictions_messages_in_the_singular() -> None:
    df = pd.DataFrame({"y": ["a"] * 4 + ["b"] * 2, "pred": ["a"] * 4 + ["b", "c"]})
    with pytest.raises(InvalidTargetError) as info:
        pdi.report(df, "y", predictions="pred")
    assert "holds a label that is not a class of target 'y': 'c' (1 row)" in str(info.value)


def test_advice_to_copy_rows_names_the_real_call() -> None:
    # random oversampling exists now (issue 13): the advice names the call that does it
    with pytest.raises(InsufficientSamplesError) as info:
        pdi.smote(make_frame([40, 3]), "y")
    assert "oversample(method='random')" in str(info.value)
    out = pdi.oversample(make_frame([40, 3]), "y", method="random", random_state=0)
    assert out["y"].value_counts().tolist() == [40, 40]


# --- 25: missing feature values name the classes they are counted in ---------------------------


def test_missing_feature_values_name_the_grown_class() -> None:
    df = make_frame([40, 10])
    majority = df.index[df["y"] == 0]
    minority = df.index[df["y"] == 1]
    df.loc[majority[:30], "f_float"] = np.nan  # only copied: not counted
    df.loc[minority[:3], "f_float"] = np.nan
    with pytest.raises(InvalidFeaturesError) as info:
        pdi.smote(df, "y", random_state=0)
    message = str(info.value)
    assert "'f_float' (3 missing in the rows of class 1)" in message
    assert "Impute" in message  # the fix advice is kept


def test_missing_feature_values_name_every_grown_class() -> None:
    df = make_frame([40, 10, 10], labels=["big", "a", "b"])
    df.loc[df.index[df["y"] == "a"][:2], "f_float"] = np.inf
    with pytest.raises(
        InvalidFeaturesError, match=r"\(2 infinite in the rows of classes 'a', 'b'\)"
    ):
        pdi.smote(df, "y", random_state=0)


def test_missing_values_of_other_columns_are_counted_on_every_row() -> None:
    df = make_frame([40, 10])
    df["f_str"] = df["f_str"].astype(object)
    df.loc[df.index[df["y"] == 0][:4], "f_str"] = None
    with pytest.raises(InvalidFeaturesError, match=r"'f_str' \(4 missing\)"):
        pdi.smote(df, "y", random_state=0)


# --- 26: a target left stale by a rename ------------------------------------------------------


def test_renamed_target_says_where_the_name_came_from() -> None:
    df = make_frame([20, 5]).imbalance.set_target("y")
    renamed = df.rename(columns={"y": "label"})
    with pytest.raises(TargetNotFoundError) as info:
        renamed.imbalance.report()
    message = str(info.value)
    assert "Target column 'y' was set on this DataFrame" in message
    assert "set_target" in message and "attrs['pd_imbalance']['target']" in message
    assert "renamed or dropped" in message and "target=" in message
    assert "'label'" in message  # the columns are listed
    assert renamed.imbalance.report(target="label").n_classes == 2  # the way out works
    assert renamed.imbalance.set_target("label").imbalance.report().n_classes == 2


#: Every label verb with the target left to ``attrs``.
UNNAMED_TARGET: dict[str, Callable[[pd.DataFrame], Any]] = {
    "report": lambda df: pdi.report(df),
    "undersample": lambda df: pdi.undersample(df),
    "smote": lambda df: pdi.smote(df),
    "weights": lambda df: pdi.weights(df),
    "sample_weights": lambda df: pdi.sample_weights(df),
    "split_then_resample": lambda df: pdi.split_then_resample(df),
    "cv_splits": lambda df: pdi.cv_splits(df),
    "tune_threshold": lambda df: pdi.tune_threshold(df, scores="f_float"),
}


@pytest.mark.parametrize("name", sorted(UNNAMED_TARGET))
def test_stale_target_in_every_label_verb(name: str) -> None:
    df = pdi.set_target(make_frame([20, 6]), "y").drop(columns="y")
    with pytest.raises(TargetNotFoundError, match="'y' was set on this DataFrame"):
        UNNAMED_TARGET[name](df)


def test_an_explicit_missing_target_keeps_the_plain_message() -> None:
    df = make_frame([20, 5]).imbalance.set_target("y")
    with pytest.raises(TargetNotFoundError) as info:
        df.imbalance.report(target="label")
    assert str(info.value).startswith("Target column 'label' is not in the DataFrame.")
