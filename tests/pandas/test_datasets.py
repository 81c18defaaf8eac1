"""Bundled datasets: shape, dtypes, class counts, target, independence, provenance."""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources

import numpy as np
import pandas as pd
import pytest

import pd_imbalance as pdi
from pd_imbalance.datasets import load_excellent_wine, load_wine_quality

FEATURES = [
    "fixed_acidity",
    "volatile_acidity",
    "citric_acid",
    "residual_sugar",
    "chlorides",
    "free_sulfur_dioxide",
    "total_sulfur_dioxide",
    "density",
    "pH",
    "sulphates",
    "alcohol",
]
QUALITY_COUNTS = {3: 20, 4: 163, 5: 1457, 6: 2198, 7: 880, 8: 175, 9: 5}


@pytest.fixture(scope="module")
def wine() -> pd.DataFrame:
    return load_wine_quality()


@pytest.fixture(scope="module")
def excellent() -> pd.DataFrame:
    return load_excellent_wine()


def test_wine_quality_shape_columns_and_dtypes(wine: pd.DataFrame) -> None:
    assert wine.shape == (4898, 12)
    assert list(wine.columns) == [*FEATURES, "quality"]
    assert all(wine[c].dtype == np.float64 for c in FEATURES)
    assert wine["quality"].dtype == np.int64
    assert wine.dtypes.value_counts().to_dict() == {np.dtype("float64"): 11, np.dtype("int64"): 1}
    assert isinstance(wine.index, pd.RangeIndex)
    assert wine.index.tolist() == list(range(4898))
    assert int(wine.isna().sum().sum()) == 0


def test_wine_quality_class_counts(wine: pd.DataFrame) -> None:
    counts = wine["quality"].value_counts().sort_index()
    assert {int(k): int(v) for k, v in counts.items()} == QUALITY_COUNTS
    assert sum(QUALITY_COUNTS.values()) == 4898


def test_wine_quality_target(wine: pd.DataFrame) -> None:
    assert wine.attrs == {"pd_imbalance": {"target": "quality"}}
    assert wine.imbalance.target == "quality"


def test_wine_quality_report_uses_the_stored_target(wine: pd.DataFrame) -> None:
    rep = wine.imbalance.report()
    assert rep.target == "quality"
    assert rep.n_rows == 4898
    assert rep.n_classes == 7
    assert rep.majority_label == 6
    assert rep.minority_label == 9
    assert rep.imbalance_ratio == 2198 / 5
    assert rep.minority_share == 5 / 4898
    assert rep.majority_baseline_accuracy == 2198 / 4898
    assert rep.severity == "extreme"  # 5 / (5 + 2198) < 1 %
    assert rep.to_frame()["count"].to_dict() == QUALITY_COUNTS


def test_excellent_wine(excellent: pd.DataFrame, wine: pd.DataFrame) -> None:
    assert excellent.shape == (4898, 12)
    assert list(excellent.columns) == [*FEATURES, "excellent"]
    assert "quality" not in excellent.columns
    assert excellent["excellent"].dtype == np.bool_
    assert int(excellent["excellent"].sum()) == 180
    assert int((~excellent["excellent"]).sum()) == 4718
    assert all(excellent[c].dtype == np.float64 for c in FEATURES)
    assert excellent.attrs == {"pd_imbalance": {"target": "excellent"}}
    assert excellent.imbalance.target == "excellent"
    pd.testing.assert_series_equal(
        excellent["excellent"], (wine["quality"] >= 8).rename("excellent")
    )
    pd.testing.assert_frame_equal(excellent[FEATURES], wine[FEATURES])


def test_excellent_wine_weights_use_the_stored_target(excellent: pd.DataFrame) -> None:
    w = pdi.weights(excellent)
    assert w.index.tolist() == [False, True]
    assert w.tolist() == pytest.approx([4898 / (2 * 4718), 4898 / (2 * 180)], abs=1e-12)


@pytest.mark.parametrize("loader", [load_wine_quality, load_excellent_wine])
def test_two_loads_are_equal_and_independent(loader: Callable[[], pd.DataFrame]) -> None:
    first = loader()
    second = loader()
    assert first is not second
    pd.testing.assert_frame_equal(first, second, check_exact=True)
    assert first.attrs == second.attrs
    assert first.attrs is not second.attrs
    # mutate the first load in every way a user might
    first.iloc[0, 0] = -999.0
    first["alcohol"] = 0.0
    first.attrs["pd_imbalance"]["target"] = "alcohol"
    first.attrs["extra"] = 1
    third = loader()
    pd.testing.assert_frame_equal(third, second, check_exact=True)
    assert third.attrs == second.attrs
    assert third.iloc[0, 0] != -999.0
    assert (third["alcohol"] > 0).all()
    assert second.attrs["pd_imbalance"]["target"] != "alcohol"


def test_source_md_ships_with_the_package() -> None:
    source = resources.files("pd_imbalance.datasets").joinpath("data", "SOURCE.md")
    assert source.is_file()
    text = source.read_text(encoding="utf-8")
    assert "CC BY 4.0" in text
    assert "wine_quality_white.csv.gz" in text
    assert "Cortez" in text
    data = resources.files("pd_imbalance.datasets").joinpath("data", "wine_quality_white.csv.gz")
    assert data.is_file()


def test_source_md_class_balance_matches_the_data(wine: pd.DataFrame) -> None:
    text = resources.files("pd_imbalance.datasets").joinpath("data", "SOURCE.md").read_text()
    line = next(line for line in text.splitlines() if line.startswith("Class balance"))
    documented = {int(k): int(v) for k, v in re.findall(r"(\d+): (\d+)", line)}
    assert documented == QUALITY_COUNTS
    assert "180 of 4,898" in text
