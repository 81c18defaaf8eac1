"""The method registry, ``resample(steps=...)`` chains, and splits with sequences or callables."""

from __future__ import annotations

import inspect
import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import assert_unchanged, make_frame, snapshot

import pd_imbalance as pdi
from pd_imbalance._core.random import seed_sequence, spawn
from pd_imbalance._params import METHOD_NAMES
from pd_imbalance._verbs import steps as steps_module
from pd_imbalance._verbs.cleaning import CLEAN_METHODS
from pd_imbalance._verbs.oversampling import OVERSAMPLE_METHODS
from pd_imbalance._verbs.steps import RESAMPLERS
from pd_imbalance._verbs.undersampling import UNDERSAMPLE_METHODS
from pd_imbalance.errors import ImbalanceWarning


def _frame(seed: int = 0, counts: tuple[int, ...] = (80, 20), index: Any = None) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(counts)), counts)
    df = pd.DataFrame(rng.normal(size=(len(y), 3)), columns=["a", "b", "c"])
    df["a"] += y  # some structure
    df["y"] = y
    if index is not None:
        df.index = index
    return df


def _children(random_state: int, n: int) -> list[np.random.SeedSequence]:
    return spawn(seed_sequence(random_state), n)


# --- the registry ---------------------------------------------------------------------


def test_the_registry_holds_every_method_name() -> None:
    assert set(RESAMPLERS) | {"none"} == set(METHOD_NAMES)
    assert len(METHOD_NAMES) == len(set(METHOD_NAMES))
    methods = {
        pdi.undersample: UNDERSAMPLE_METHODS,
        pdi.oversample: OVERSAMPLE_METHODS,
        pdi.clean: CLEAN_METHODS,
    }
    named = {"undersample": "random", "oversample": "random"}
    for name, resampler in RESAMPLERS.items():
        params = inspect.signature(resampler.verb).parameters
        assert set(resampler.options) <= set(params), name
        assert "method" not in resampler.options, name  # a name fixes its method
        assert {"random_state", "max_classes", "return_plan"}.isdisjoint(resampler.options)
        if resampler.verb is pdi.smote:
            continue
        fixed = resampler.fixed["method"]
        assert fixed in methods[resampler.verb], name
        assert fixed == named.get(name, name)
        assert resampler.excluded <= set(params), name


def test_options_of_a_name() -> None:
    assert RESAMPLERS["undersample"].options == [
        "sampling_strategy",
        "replacement",
        "passthrough",
    ]
    assert RESAMPLERS["nearmiss-1"].options == [
        "sampling_strategy",
        "n_neighbors",
        "neighbors",
        "passthrough",
    ]
    assert RESAMPLERS["nearmiss-3"].options == [
        "sampling_strategy",
        "n_neighbors",
        "n_neighbors_ver3",
        "neighbors",
        "passthrough",
    ]
    assert "neighbors" not in RESAMPLERS["oversample"].options  # random copies: no search
    assert "max_iter" in RESAMPLERS["renn"].options
    assert "max_iter" not in RESAMPLERS["enn"].options
    assert "n_seeds" in RESAMPLERS["oss"].options


# --- resample: chains of names --------------------------------------------------------


def test_a_single_step_equals_its_verb_with_the_same_seed() -> None:
    df = _frame()
    snap = snapshot(df)
    out = pdi.resample(df, "y", steps=["smote"], random_state=4)
    pd.testing.assert_frame_equal(out, pdi.smote(df, "y", random_state=4))
    near = pdi.resample(df, "y", steps=[("nearmiss-2", {"n_neighbors": 2})])
    pd.testing.assert_frame_equal(
        near, pdi.undersample(df, "y", method="nearmiss-2", n_neighbors=2)
    )
    assert_unchanged(df, snap)


def test_a_chain_equals_its_verbs_by_hand_with_child_seeds() -> None:
    df = _frame(1, (120, 30, 12))
    steps = [("smote", {"k_neighbors": 3, "synthetic_flag": "syn"}), "undersample"]
    out = pdi.resample(df, "y", steps=steps, random_state=7)
    first, second = _children(7, 2)
    by_hand = pdi.smote(df, "y", k_neighbors=3, synthetic_flag="syn", random_state=first)
    by_hand = pdi.undersample(by_hand, "y", random_state=second)
    pd.testing.assert_frame_equal(out, by_hand)
    other = pdi.resample(df, "y", steps=steps, random_state=8)
    assert not other.equals(out)


def test_a_chain_with_nearmiss_equals_by_hand() -> None:
    df = _frame(2, (100, 40))
    out = pdi.resample(
        df, "y", steps=[("smote", {"sampling_strategy": 0.6}), "nearmiss-1"], random_state=0
    )
    first, _ = _children(0, 2)
    grown = pdi.smote(df, "y", sampling_strategy=0.6, random_state=first)
    pd.testing.assert_frame_equal(out, pdi.undersample(grown, "y", method="nearmiss-1"))
    assert out["y"].value_counts().to_dict() == {0: 60, 1: 60}


def test_the_target_is_carried_and_the_counts_recorded() -> None:
    df = pdi.set_target(_frame(3, (60, 15)), "y")
    out = pdi.resample(df, steps=["smote", "undersample"], random_state=0)
    record = out.attrs["pd_imbalance"]
    assert record["target"] == "y"
    assert record["counts_before"] == {0: 60, 1: 15}
    assert record["counts_after"] == {0: 60, 1: 60}


@pytest.mark.parametrize(
    "index",
    [
        None,
        pd.Index([f"r{i}" for i in range(100)]),
        pd.Index(np.arange(100) * 3 + 7, dtype="int32"),
    ],
)
def test_synthetic_labels_stay_unique_over_chained_steps(index: Any) -> None:
    df = _frame(4, (80, 20), index=index)
    steps = [
        ("smote", {"sampling_strategy": {1: 40}, "k_neighbors": 3}),
        ("smote", {"sampling_strategy": {1: 80}, "k_neighbors": 3}),
    ]
    out = pdi.resample(df, "y", steps=steps, random_state=0)
    assert len(out) == 160
    assert out.index.is_unique
    pd.testing.assert_frame_equal(out.iloc[:100], df)


# --- callables ------------------------------------------------------------------------


def _drop_outliers(frame: pd.DataFrame) -> pd.DataFrame:
    """A FunctionSampler-like step: drop the rows far from their class's mean."""
    z = frame.groupby("y")["b"].transform(lambda s: (s - s.mean()).abs() / s.std())
    return frame[z < 1.5]


def test_a_callable_step_like_function_sampler() -> None:
    df = _frame(5)
    snap = snapshot(df)
    out = pdi.resample(df, "y", steps=[_drop_outliers, "smote"], random_state=1)
    kept = _drop_outliers(df)
    assert len(kept) < len(df)
    by_hand = pdi.smote(kept, "y", random_state=_children(1, 2)[1])
    pd.testing.assert_frame_equal(out.iloc[: len(kept)], kept, check_exact=True)
    np.testing.assert_array_equal(out.to_numpy(), by_hand.to_numpy())
    # synthetic labels avoid every input label, also those of rows the callable dropped
    assert out.index[len(kept) :].tolist() == list(range(100, 100 + len(out) - len(kept)))
    assert out.attrs["pd_imbalance"]["counts_before"] == {0: 80, 1: 20}
    assert_unchanged(df, snap)


def test_a_callable_may_reorder_columns_and_add_rows_with_new_labels() -> None:
    df = _frame(6)

    def duplicate_minority(frame: pd.DataFrame) -> pd.DataFrame:
        extra = frame[frame["y"] == 1].copy()
        extra.index = extra.index + 1000
        return pd.concat([frame, extra])[["y", "c", "b", "a"]]

    out = pdi.resample(df, "y", steps=[duplicate_minority, "smote"], random_state=0)
    assert list(out.columns) == list(df.columns)  # back in the input's order
    assert out.index.is_unique and out["y"].value_counts().to_dict() == {0: 80, 1: 80}


def _mutates(frame: pd.DataFrame) -> pd.DataFrame:
    frame["a"] = 0.0
    return frame


def _mutates_index(frame: pd.DataFrame) -> pd.DataFrame:
    frame.index = frame.index + 1
    return frame.copy()


@pytest.mark.parametrize(
    ("step", "error", "match"),
    [
        (lambda f: f.to_numpy(), TypeError, r"step 1 \(<lambda>\) must return a pandas DataFrame"),
        (lambda f: None, TypeError, "got NoneType"),
        (lambda f: f.drop(columns="y"), ValueError, "without the target column 'y'"),
        (lambda f: f.assign(z=1.0), ValueError, r"new columns: \['z'\], missing columns: \[\]"),
        (lambda f: f.drop(columns="b"), ValueError, r"new columns: \[\], missing columns: \['b'\]"),
        (lambda f: pd.concat([f, f.iloc[:2]]), ValueError, "duplicate index labels"),
        (_mutates, ValueError, r"_mutates\) changed the frame it was given"),
        (_mutates_index, ValueError, "changed the frame"),
    ],
)
def test_bad_callables(step: Any, error: type[Exception], match: str) -> None:
    df = _frame(7)
    snap = snapshot(df)
    with pytest.raises(error, match=match):
        pdi.resample(df, "y", steps=[step, "smote"])
    assert_unchanged(df, snap)  # the caller's frame is never changed


def test_a_bad_callable_later_in_the_chain_is_named() -> None:
    with pytest.raises(ValueError, match=r"step 2 \(<lambda>\)"):
        pdi.resample(_frame(), "y", steps=["smote", lambda f: f.assign(z=1)])


# --- bad steps ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("steps", "error", "match"),
    [
        (["smote", "tomk"], ValueError, "step 2 of steps: unknown method 'tomk'"),
        ("smoot", ValueError, "steps must be one of 'undersample'"),
        ([], ValueError, "no step"),
        ("none", ValueError, "does nothing"),
        (["smote", "none"], ValueError, "'none' stands alone"),
        ([("smote", {"k": 3})], TypeError, r"\['k'\] are not options of method='smote'"),
        ([("nearmiss-1", {"method": "random"})], TypeError, "it sets method='nearmiss-1' itself"),
        ([("undersample", {"n_neighbors": 3})], TypeError, "not options of method='undersample'"),
        ([("tomek", {"max_iter": 3})], TypeError, "not options of method='tomek'"),
        ([("smote", {"random_state": 3})], TypeError, "random_state"),
        ([("smote", [("k_neighbors", 3)])], TypeError, "step 1 of steps must be"),
        ([3], TypeError, "got int 3"),
        (5, TypeError, "steps must be a method name"),
    ],
)
def test_bad_steps(steps: Any, error: type[Exception], match: str) -> None:
    df = _frame()
    with pytest.raises(error, match=match):
        pdi.resample(df, "y", steps=steps)


def test_every_step_is_checked_before_the_first_runs() -> None:
    calls: list[int] = []

    def record(frame: pd.DataFrame) -> pd.DataFrame:
        calls.append(len(frame))
        return frame

    with pytest.raises(TypeError):
        pdi.resample(_frame(), "y", steps=[record, ("smote", {"bogus": 1})])
    assert calls == []


# --- splits with sequences and callables ------------------------------------------------


def test_split_with_a_sequence_equals_the_chain_on_its_training_part() -> None:
    df = _frame(8, (120, 40))
    steps = [("smote", {"k_neighbors": 3}), "nearmiss-2"]
    train, test = pdi.split_then_resample(df, "y", method=steps, random_state=2)
    plain_train, plain_test = pdi.split_then_resample(df, "y", method="none", random_state=2)
    pd.testing.assert_frame_equal(test, plain_test)
    _, method_seed = _children(2, 2)
    first, _ = spawn(method_seed, 2)
    by_hand = pdi.smote(plain_train, "y", k_neighbors=3, random_state=first)
    by_hand.index = by_hand.index[: len(plain_train)].append(
        pd.RangeIndex(len(df), len(df) + len(by_hand) - len(plain_train))
    )  # synthetic labels avoid the test rows' too
    by_hand = pdi.undersample(by_hand, "y", method="nearmiss-2")
    pd.testing.assert_frame_equal(train, by_hand)


def test_a_single_name_in_a_split_keeps_its_seed() -> None:
    df = _frame(9)
    a = pdi.split_then_resample(df, "y", method="smote", random_state=3)
    b = pdi.split_then_resample(df, "y", method=["smote"], random_state=3)
    c = pdi.split_then_resample(df, "y", method=[("smote", {})], random_state=3)
    d = pdi.split_then_resample(df, "y", method=("smote", {}), random_state=3)  # one pair
    for other in (b, c, d):
        pd.testing.assert_frame_equal(a.train, other.train)


def test_split_with_a_callable() -> None:
    df = _frame(10)
    train, test = pdi.split_then_resample(df, "y", method=_drop_outliers, random_state=0)
    _, plain_test = pdi.split_then_resample(df, "y", method="none", random_state=0)
    pd.testing.assert_frame_equal(test, plain_test)
    rest = df.drop(index=test.index)
    pd.testing.assert_frame_equal(train, _drop_outliers(rest))


def test_steps_never_see_test_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[pd.DataFrame] = []
    original = steps_module._smote

    def spy_smote(frame: pd.DataFrame, *args: object, **kwargs: object) -> pd.DataFrame:
        seen.append(frame.copy())
        return original(frame, *args, **kwargs)

    def spy(frame: pd.DataFrame) -> pd.DataFrame:
        seen.append(frame.copy())
        return frame

    monkeypatch.setitem(steps_module._INDEX_AVOIDING, steps_module.smote, spy_smote)
    df = make_frame([200, 40])
    _, test = pdi.split_then_resample(
        df, "y", method=[spy, "smote", spy, "undersample"], random_state=3
    )
    assert len(seen) == 3
    assert set(seen[0].index) | set(test.index) == set(df.index)
    for given in seen:
        assert set(given.index).isdisjoint(test.index)
    folds = list(pdi.cv_splits(df, "y", n_splits=3, method=[spy, "smote"], random_state=0))
    for fold, given in zip(folds, seen[3::2], strict=True):
        assert set(given.index).isdisjoint(fold.test.index)
        assert len(given) + len(fold.test) == len(df)


def test_cv_splits_with_a_sequence() -> None:
    df = _frame(11, (90, 30))
    folds = list(pdi.cv_splits(df, "y", n_splits=3, method=["smote", "nearmiss-1"], random_state=0))
    assert len(folds) == 3
    for fold in folds:
        assert fold.train["y"].value_counts().to_dict() == {0: 60, 1: 60}
        assert fold.train.index.is_unique
        assert set(fold.train.index).isdisjoint(fold.test.index)


def test_a_callable_in_a_split_may_not_take_a_test_rows_label() -> None:
    df = _frame(12)

    def steal(frame: pd.DataFrame) -> pd.DataFrame:
        missing = df.index.difference(frame.index)[:1]  # a test row's label
        extra = frame.iloc[:1].copy()
        extra.index = missing
        return pd.concat([frame, extra])

    with pytest.raises(ValueError, match="rows outside the training part"):
        pdi.split_then_resample(df, "y", method=steal, random_state=0)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"method": ["smote"], "k_neighbors": 3}, TypeError, "go with a single method name"),
        ({"method": _drop_outliers, "k_neighbors": 3}, TypeError, "single method name"),
        ({"method": "nearmiss-1", "method_": 1}, TypeError, "not options"),
        ({"method": "nearmiss-1", "replacement": True}, TypeError, "not options"),
        ({"method": ["smote", "bogus"]}, ValueError, "step 2 of method: unknown method"),
        ({"method": "bogus"}, ValueError, "method must be one of"),
    ],
)
def test_bad_split_methods(kwargs: dict[str, Any], error: type[Exception], match: str) -> None:
    df = _frame()
    with pytest.raises(error, match=match):
        pdi.split_then_resample(df, "y", **kwargs)
    with pytest.raises(error, match=match):
        pdi.cv_splits(df, "y", **kwargs)


# --- after the oversample and clean bodies land (the lead runs these after merging) ---


def _by_verb(df: pd.DataFrame, name: str, seed: Any) -> pd.DataFrame:
    resampler = RESAMPLERS[name]
    return resampler.verb(df, "y", random_state=seed, **resampler.fixed)  # type: ignore[no-any-return]


def test_after_merge_every_registered_name_runs_its_verb() -> None:
    df = _frame(13, (90, 30))
    for name in RESAMPLERS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ImbalanceWarning)
            out = pdi.resample(df, "y", steps=[name], random_state=5)
            expected = _by_verb(df, name, seed_sequence(5))
        pd.testing.assert_frame_equal(out, expected, obj=name)


def test_after_merge_smote_then_tomek_equals_by_hand() -> None:
    df = _frame(14, (100, 30))
    out = pdi.resample(df, "y", steps=("smote", "tomek"), random_state=0)
    first, second = _children(0, 2)
    # after oversampling, the cleaning step cleans every class (as SMOTETomek does)
    smoted = pdi.smote(df, "y", random_state=first)
    by_hand = pdi.clean(smoted, "y", sampling_strategy="all", random_state=second)
    pd.testing.assert_frame_equal(out, by_hand)
    assert len(out) < len(smoted)  # the default "not minority" would remove nothing here
    assert len(pdi.clean(smoted, "y", random_state=second)) == len(smoted)
    # the user's own sampling_strategy wins
    mine = pdi.resample(
        df, "y", steps=["smote", ("tomek", {"sampling_strategy": "not minority"})], random_state=0
    )
    assert len(mine) == len(smoted)
    # a cleaning step that does not follow an oversampler keeps the verb's default
    cleaned_first = pdi.resample(df, "y", steps=["tomek", "smote"], random_state=0)
    first_clean = pdi.clean(df, "y", random_state=first)
    assert cleaned_first["y"].value_counts().to_dict() == {
        0: int((first_clean["y"] == 0).sum()),
        1: int((first_clean["y"] == 0).sum()),
    }
    train, test = pdi.split_then_resample(df, "y", method=["smote", "enn"], random_state=0)
    assert set(train.index).isdisjoint(test.index) and train.index.is_unique


def test_after_merge_oversampling_names_in_a_split_avoid_test_labels() -> None:
    df = _frame(15, (100, 30))
    for name in ("oversample", "borderline-1", "borderline-2", "adasyn"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ImbalanceWarning)
            train, test = pdi.split_then_resample(df, "y", method=[name, "smote"], random_state=0)
        assert train.index.is_unique, name
        assert set(train.index).isdisjoint(test.index), name
