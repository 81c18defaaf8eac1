"""Target resolution and attrs."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import assert_unchanged, make_frame, snapshot

import pd_imbalance as pdi
from pd_imbalance.errors import InvalidTargetError, TargetNotFoundError


def test_set_target_returns_shallow_copy_and_keeps_input() -> None:
    df = make_frame([8, 2])
    snap = snapshot(df)
    tagged = df.imbalance.set_target("y")
    assert tagged is not df
    assert tagged.imbalance.target == "y"
    assert df.imbalance.target is None
    assert_unchanged(df, snap)
    pd.testing.assert_frame_equal(tagged, df)
    assert json.loads(json.dumps(tagged.attrs)) == tagged.attrs  # JSON-safe


def test_set_target_keeps_other_attrs() -> None:
    df = make_frame([8, 2])
    df.attrs["source"] = "file.csv"
    tagged = pdi.set_target(df, "y")
    assert tagged.attrs == {"source": "file.csv", "pd_imbalance": {"target": "y"}}


def test_explicit_target_overrides_attrs() -> None:
    df = make_frame([8, 2]).assign(other=[0, 1] * 5).imbalance.set_target("y")
    assert df.imbalance.weights("other").index.tolist() == [0, 1]
    assert df.imbalance.weights("other").to_dict() == {0: 1.0, 1: 1.0}


def test_no_target_set_lists_columns_and_fix() -> None:
    df = make_frame([8, 2])
    with pytest.raises(TargetNotFoundError) as info:
        df.imbalance.report()
    msg = str(info.value)
    assert "set_target" in msg and "'f_float'" in msg and "'y'" in msg
    assert isinstance(info.value, KeyError)


def test_missing_column_lists_columns_and_suggests() -> None:
    df = make_frame([8, 2])
    snap = snapshot(df)
    with pytest.raises(TargetNotFoundError) as info:
        df.imbalance.undersample("f_flaot")
    msg = str(info.value)
    assert "'f_flaot'" in msg and "Did you mean 'f_float'" in msg and "'f_str'" in msg
    assert_unchanged(df, snap)


def test_integer_column_names() -> None:
    df = pd.DataFrame({0: [1.0, 2.0, 3.0, 4.0], 1: ["a", "a", "a", "b"]})
    tagged = df.imbalance.set_target(1)
    assert tagged.imbalance.target == 1
    assert tagged.imbalance.weights().to_dict() == pytest.approx({"a": 4 / 6, "b": 2.0})


@pytest.mark.parametrize("bad", [["y"], ("y",), 1.5, True])
def test_target_must_be_one_name(bad: object) -> None:
    df = make_frame([8, 2])
    with pytest.raises(TypeError, match="one column name"):
        df.imbalance.report(bad)  # type: ignore[arg-type]


def test_duplicate_target_column() -> None:
    df = pd.DataFrame([[1, 0, 1], [2, 1, 0]], columns=["x", "y", "y"])
    with pytest.raises(InvalidTargetError, match="appears 2 times"):
        df.imbalance.weights("y")
