"""Bad input on the dask backend: the same error, with the same message, as on pandas.

Each case builds a small frame, turns it into a dask DataFrame, and calls a dask verb and the
pandas verb of the same name (on the rows as dask holds them) with the same arguments. Both
must raise the same error type with the same message, or both must succeed.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from conftest import make_frame

import pd_imbalance as pdi
import pd_imbalance.dask as pdd


def base() -> pd.DataFrame:
    return make_frame([12, 6])


def labels(y: list[Any], dtype: str | None = None) -> Callable[[], pd.DataFrame]:
    def build() -> pd.DataFrame:
        rng = np.random.default_rng(1)
        return pd.DataFrame(
            {"x": rng.normal(size=len(y)), "y": pd.array(y, dtype=dtype) if dtype else y}
        )

    return build


def minority_nan() -> pd.DataFrame:
    df = base()
    df.loc[df.index[df["y"] == 1][0], "f_float"] = np.nan
    return df


def majority_nan() -> pd.DataFrame:
    df = base()
    df.loc[df.index[df["y"] == 0][0], "f_float"] = np.inf
    return df


def with_periods() -> pd.DataFrame:
    df = base()
    df["p"] = pd.period_range("2024-01", periods=len(df), freq="M")
    return df


def with_complex() -> pd.DataFrame:
    df = base()
    df["c"] = np.arange(len(df)) * 1j
    return df


def only_target() -> pd.DataFrame:
    return pd.DataFrame({"y": [0] * 12 + [1] * 6})


def tiny_class() -> pd.DataFrame:
    return make_frame([12, 6, 1])


def objects(y: list[Any]) -> Callable[[], pd.DataFrame]:
    """Labels in an ``object`` column, exactly as given (bools next to numbers)."""

    def build() -> pd.DataFrame:
        rng = np.random.default_rng(1)
        return pd.DataFrame({"x": rng.normal(size=len(y)), "y": pd.Series(y, dtype=object)})

    return build


def renamed_target() -> pd.DataFrame:
    """A target set with set_target, then renamed: the stored name is stale."""
    return pdi.set_target(base(), "y").rename(columns={"y": "label"})


VERBS = ["report", "weights", "sample_weights", "undersample", "smote", "split_then_resample"]
SEEDED = {"undersample", "smote", "split_then_resample"}

CASES: dict[str, tuple[Callable[[], pd.DataFrame], list[str], dict[str, Any]]] = {
    "no target": (base, VERBS, {"target": None}),
    "target missing": (base, VERBS, {"target": "label"}),
    "target not a name": (base, VERBS, {"target": ["y"]}),
    "missing labels": (labels([0] * 10 + [None, 1, 1, None] + [1] * 4, "Int64"), VERBS, {}),
    "one class": (labels([1] * 18), VERBS, {}),
    "continuous labels": (labels([0.5, 1.5, 2.25] * 6), VERBS, {}),
    "too many classes": (labels(list(range(1200))), ["weights", "undersample"], {}),
    "more classes than max_classes": (labels(list(range(20)) * 2), VERBS, {"max_classes": 10}),
    "max_classes below 2": (base, VERBS, {"max_classes": 1}),
    "max_classes not an int": (base, VERBS, {"max_classes": "many"}),
    "0 and False": (objects([0, False] * 6 + [1] * 6), VERBS, {}),
    "1 and True": (objects([1, True] * 9), VERBS, {}),
    "stale target after rename": (renamed_target, VERBS, {"target": None}),
    "one-row class": (tiny_class, ["smote", "split_then_resample"], {}),
    "k too large": (base, ["smote"], {"k_neighbors": 6}),
    "k not int": (base, ["smote", "report"], {"k_neighbors": 2.5}),
    "k zero": (base, ["smote"], {"k_neighbors": 0}),
    "nan in a class to grow": (minority_nan, ["smote"], {}),
    "inf in a class only copied": (majority_nan, ["smote"], {}),
    "periods": (with_periods, ["smote"], {}),
    "complex": (with_complex, ["smote"], {}),
    "no features": (only_target, ["smote"], {}),
    "bad strategy": (base, ["undersample", "smote"], {"sampling_strategy": "most"}),
    "strategy removes rows": (base, ["smote"], {"sampling_strategy": {0: 5, 1: 6}}),
    "strategy adds rows": (base, ["undersample"], {"sampling_strategy": {0: 20, 1: 6}}),
    "bad seed": (base, ["undersample", "smote"], {"random_state": -1}),
    "float seed": (base, ["undersample"], {"random_state": 1.5}),
    "replacement not bool": (base, ["undersample"], {"replacement": "yes"}),
    "flag exists": (base, ["smote"], {"synthetic_flag": "f_int"}),
    "unknown categorical": (base, ["smote"], {"categorical": ["nope"]}),
    "bad weight method": (base, ["weights", "sample_weights"], {"method": "inverse"}),
    "bad beta": (base, ["weights"], {"method": "effective", "beta": 1.5}),
    "bad test size": (base, ["split_then_resample"], {"test_size": 1.5}),
    "bad method": (base, ["split_then_resample"], {"method": "adasin"}),
    "option of another method": (
        base,
        ["split_then_resample"],
        {"method": "undersample", "k_neighbors": 3},
    ),
    "pos_label without scores": (base, ["report"], {"pos_label": 1}),
    "predictions missing": (base, ["report"], {"predictions": "pred"}),
}


#: Cases whose ``object`` labels dask must keep as objects (not convert to strings).
KEEP_OBJECTS = {"0 and False", "1 and True"}


def _outcome(fn: Callable[[], Any]) -> tuple[type[BaseException] | None, str]:
    try:
        fn()
    except Exception as exc:  # compared below
        return type(exc), str(exc)
    return None, ""


@pytest.mark.parametrize(
    ("case", "verb"), [(c, v) for c, (_, verbs, _) in CASES.items() for v in verbs]
)
def test_same_error_as_pandas(case: str, verb: str) -> None:
    build, _, kwargs = CASES[case]
    keep = dask.config.set({"dataframe.convert-string": False})
    with keep if case in KEEP_OBJECTS else nullcontext():
        ddf = dd.from_pandas(build(), npartitions=2, sort=False)
    df = ddf.compute()  # the rows as dask holds them
    before = df.copy(deep=True)
    options = {"target": "y", **kwargs}
    if verb in SEEDED and "random_state" not in options:
        options["random_state"] = 0
    target = options.pop("target")
    pandas_verb = getattr(pdi, verb)
    with dask.config.set(scheduler="sync"):
        got = _outcome(lambda: getattr(pdd, verb)(ddf, target, **options))
    expected = _outcome(lambda: pandas_verb(df, target, **options))
    if case == "option of another method":  # the dask undersample also has exact=
        # (and the pandas one passthrough=, which the dask door does not take yet)
        text = expected[1].replace("'replacement', 'passthrough']", "'replacement', 'exact']")
        expected = (expected[0], text)
    hint = ", or pass missing='ignore' (nan-euclidean distances)"
    if hint in expected[1]:  # missing="ignore" is pandas-only: dask does not offer it
        expected = (expected[0], expected[1].replace(hint, ""))
    assert got == expected
    if case not in {"inf in a class only copied"}:
        assert expected[0] is not None, "every case is bad input for pandas too"
    pd.testing.assert_frame_equal(ddf.compute(), before)  # the input is unchanged


def test_not_a_dask_frame() -> None:
    for verb in VERBS:
        with pytest.raises(TypeError, match="take a dask DataFrame; got DataFrame"):
            getattr(pdd, verb)(base(), "y")


def test_many_classes_are_accepted_like_pandas() -> None:
    # 1,500 classes of 2 rows each: not an ID column, so no longer refused
    df = pd.DataFrame({"x": np.arange(3000.0), "y": np.arange(3000) // 2})
    ddf = dd.from_pandas(df, npartitions=3, sort=False)
    with dask.config.set(scheduler="sync"):
        pd.testing.assert_series_equal(pdd.weights(ddf, "y"), pdi.weights(df, "y"))
        assert pdd.report(ddf, "y").n_classes == 1500
        ids = dd.from_pandas(df.assign(y=np.arange(3000)), npartitions=3, sort=False)
        assert len(pdd.weights(ids, "y", max_classes=None)) == 3000


def test_stale_target_after_a_dask_rename() -> None:
    ddf = pdd.set_target(dd.from_pandas(base(), npartitions=2), "y")
    renamed = ddf.rename(columns={"y": "label"})
    with pytest.raises(pdi.TargetNotFoundError) as info:
        pdd.weights(renamed)
    expected = pdi.set_target(base(), "y").rename(columns={"y": "label"})
    with pytest.raises(pdi.TargetNotFoundError) as pandas_info:
        pdi.weights(expected)
    assert str(info.value) == str(pandas_info.value)
    assert "set_target" in str(info.value)


def test_bools_in_one_partition_numbers_in_another() -> None:
    # each partition alone is one kind of value; together 0 and False would merge
    df = pd.DataFrame({"y": pd.Series([False] * 6 + [0] * 6 + [1] * 6, dtype=object)})
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(df, npartitions=3, sort=False)
    with (
        dask.config.set(scheduler="sync"),
        pytest.raises(pdi.InvalidTargetError, match="0 and False would be the same class"),
    ):
        pdd.weights(ddf, "y")


def test_smote_refuses_nulls_of_non_float_columns_in_any_class_like_pandas() -> None:
    # regression: the dask smote copied nulls through in non-float columns of the classes
    # it did not grow, where pandas refuses them
    rng = np.random.default_rng(0)
    df = pd.DataFrame(
        {
            "x": rng.normal(size=60),
            "c": pd.array(["a", "b"] * 30, dtype="string"),
            "n": pd.array(range(60), dtype="Int64"),
            "y": [0] * 45 + [1] * 15,
        }
    )
    df.loc[3, "c"] = pd.NA  # rows of the class that does not grow
    df.loc[5, "n"] = pd.NA
    with pytest.raises(pdi.InvalidFeaturesError) as on_pandas:
        pdi.smote(df, "y", random_state=0)
    with pytest.raises(pdi.InvalidFeaturesError) as on_dask:
        pdd.smote(dd.from_pandas(df, npartitions=3), "y", random_state=0)
    hint = ", or pass missing='ignore' (nan-euclidean distances)"  # pandas-only option
    assert str(on_dask.value) == str(on_pandas.value).replace(hint, "")
    assert "'c' (1 missing)" in str(on_dask.value) and "'n' (1 missing)" in str(on_dask.value)
    # a NaN in a float column of a class that is only copied stays allowed on both doors
    ok = df.assign(c="a", n=pd.array(range(60), dtype="Int64"))
    ok.loc[2, "x"] = np.nan
    expected = pdi.smote(ok, "y", random_state=0)
    assert len(pdd.smote(dd.from_pandas(ok, npartitions=3), "y", random_state=0).compute()) == len(
        expected
    )
