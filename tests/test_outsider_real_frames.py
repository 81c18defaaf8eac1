"""Outsider checks of the model-evaluation features on messy real frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import pd_imbalance as p


def _frame(n: int = 120) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    y = np.where(rng.random(n) < 0.2, "pos", "neg")
    df = pd.DataFrame({"x1": rng.normal(size=n), "x2": rng.normal(size=n), "y": y})
    pred = np.where(rng.random(n) < 0.2, "pos", "neg")
    return df, pred, rng.random(n)


@pytest.mark.parametrize("backend", ["numpy", "pyarrow", "parquet"])
def test_report_model_same_numbers_across_backends(backend: str, tmp_path: object) -> None:
    df, pred, sc = _frame()
    base = p.report(df, "y", predictions=pred, scores=sc).model.to_frame()
    if backend == "pyarrow":
        other = df.convert_dtypes(dtype_backend="pyarrow")
    elif backend == "parquet":
        pytest.importorskip("pyarrow")
        path = f"{tmp_path}/f.parquet"
        df.to_parquet(path)
        other = pd.read_parquet(path, dtype_backend="pyarrow")
    else:
        other = df.copy()
    got = p.report(other, "y", predictions=pred, scores=sc).model.to_frame()
    pd.testing.assert_frame_equal(
        base.reset_index(drop=True), got.reset_index(drop=True), check_dtype=False
    )


@pytest.mark.parametrize("name", ["score", "class", "prediction", "proba"])
def test_target_named_like_an_output_column(name: str) -> None:
    df, pred, sc = _frame()
    base = p.report(df, "y", predictions=pred, scores=sc).model.to_frame()
    renamed = df.rename(columns={"y": name})
    got = p.report(renamed, name, predictions=pred, scores=sc).model.to_frame()
    np.testing.assert_allclose(
        base.select_dtypes("number").to_numpy(dtype=float),
        got.select_dtypes("number").to_numpy(dtype=float),
    )


def test_misaligned_series_predictions_named_and_fix_given() -> None:
    df, pred, _ = _frame()
    df.index = [f"r{i}" for i in range(len(df))]
    with pytest.raises(ValueError, match=r"index=df.index"):
        p.report(df, "y", predictions=pd.Series(pred))


def test_html_labels_are_escaped() -> None:
    df, pred, sc = _frame()
    df = df.assign(y=np.where(df["y"] == "pos", "<i>", "x&y"))
    pred = np.where(pred == "pos", "<i>", "x&y")
    html = p.report(df, "y", predictions=pred, scores=sc).model._repr_html_()
    assert "<i>" not in html
    assert "x&y" not in html


def test_inputs_not_mutated() -> None:
    df, pred, sc = _frame()
    before, pred0, sc0 = df.copy(), pred.copy(), sc.copy()
    p.report(df, "y", predictions=pred, scores=sc)
    p.tune_threshold(df, "y", scores=sc)
    pd.testing.assert_frame_equal(df, before)
    np.testing.assert_array_equal(pred, pred0)
    np.testing.assert_array_equal(sc, sc0)
