"""ImbalanceReport.compare: before/after a resampling."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import make_frame

import pd_imbalance as pdi


def test_compare_before_after_smote() -> None:
    df = make_frame([90, 10])
    before = df.imbalance.report("y")
    after = df.imbalance.smote("y", random_state=0).imbalance.report()
    table = before.compare(after).to_frame()
    assert list(table.columns) == ["before", "after", "change"]
    assert table.loc["n_rows"].tolist() == [100, 180, 80]
    assert table.loc["imbalance_ratio", "before"] == 9.0
    assert table.loc["imbalance_ratio", "after"] == 1.0
    assert table.loc["count[1]"].tolist() == [10, 90, 80]
    assert table.loc["severity"].tolist()[:2] == ["moderate", "none"]
    assert pd.isna(table.loc["severity", "change"])


def test_compare_lists_classes_of_either_report() -> None:
    a = pdi.report(pd.DataFrame({"y": ["x"] * 5 + ["y"] * 2}), "y")
    b = pdi.report(pd.DataFrame({"y": ["y"] * 3 + ["z"] * 3}), "y")
    table = a.compare(b).to_frame()
    assert table.loc["count[x]"].tolist()[:2] == [5, 0]
    assert table.loc["count[z]"].tolist()[:2] == [0, 3]


def test_compare_needs_a_report() -> None:
    rep = pdi.report(make_frame([9, 3]), "y")
    with pytest.raises(TypeError, match="another ImbalanceReport"):
        rep.compare(make_frame([9, 3]))  # type: ignore[arg-type]
