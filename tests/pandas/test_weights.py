"""Class weights and per-row weights."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import assert_unchanged, binary_frame, make_frame, snapshot
from sklearn.linear_model import LogisticRegression
from sklearn.utils.class_weight import compute_class_weight, compute_sample_weight

import pd_imbalance as pdi


def test_balanced_equals_sklearn_every_dtype(label_dtype: str) -> None:
    df = binary_frame(label_dtype, 83, 17)
    snap = snapshot(df)
    w = df.imbalance.weights("y")
    assert_unchanged(df, snap)
    y = df["y"].astype(object).to_numpy()
    classes = np.array(sorted(set(y)), dtype=object)
    ref = compute_class_weight("balanced", classes=classes, y=y)
    assert w.name == "weight" and w.dtype == np.float64
    assert w.index.dtype == df["y"].dtype
    np.testing.assert_allclose(w.to_numpy(), ref, rtol=0, atol=1e-12)
    assert list(w.index) == list(classes)


def test_multiclass_equals_sklearn() -> None:
    df = make_frame([500, 120, 33, 7])
    ref = compute_class_weight("balanced", classes=np.arange(4), y=df["y"].to_numpy())
    np.testing.assert_allclose(pdi.weights(df, "y").to_numpy(), ref, rtol=0, atol=1e-12)


def test_sample_weights_equal_sklearn_and_align_to_index() -> None:
    df = make_frame([70, 25, 5])
    sw = df.imbalance.sample_weights("y")
    assert sw.index.equals(df.index) and sw.name == "sample_weight"
    ref = compute_sample_weight("balanced", df["y"].to_numpy())
    np.testing.assert_allclose(sw.to_numpy(), ref, rtol=0, atol=1e-12)


def test_effective_number_weights() -> None:
    df = make_frame([90, 10])
    beta = 0.99
    w = pdi.weights(df, "y", method="effective", beta=beta)
    raw = np.array([(1 - beta) / (1 - beta**90), (1 - beta) / (1 - beta**10)])
    np.testing.assert_allclose(w.to_numpy(), raw * 2 / raw.sum(), rtol=1e-12)
    assert w.sum() == pytest.approx(2.0)
    assert pdi.weights(df, "y", method="effective", beta=0.0).tolist() == [1.0, 1.0]
    sw = pdi.sample_weights(df, "y", method="effective", beta=beta)
    assert sw[df["y"] == 1].iloc[0] == pytest.approx(w[1])


@pytest.mark.parametrize("beta", [1.0, -0.1, float("nan"), "0.9", True])
def test_effective_bad_beta(beta: object) -> None:
    with pytest.raises(ValueError, match="beta must be a float in"):
        pdi.weights(make_frame([9, 1]), "y", method="effective", beta=beta)  # type: ignore[arg-type]


def test_unknown_method() -> None:
    with pytest.raises(ValueError, match="method must be 'balanced' or 'effective'"):
        pdi.weights(make_frame([9, 1]), "y", method="inverse")  # type: ignore[arg-type]


def test_to_dict_feeds_sklearn_class_weight() -> None:
    df = make_frame([180, 20], ["ok", "fraud"], "str", seed=3)
    cw = df.imbalance.weights("y").to_dict()
    model = LogisticRegression(class_weight=cw).fit(df[["f_float", "f_int"]], df["y"])
    assert set(model.classes_) == {"ok", "fraud"}
    assert cw == pytest.approx({"fraud": 5.0, "ok": 200 / 360})


def test_category_index_keeps_categories() -> None:
    y = pd.Categorical(["b", "a", "b", "b"], categories=["b", "a", "z"])
    w = pd.DataFrame({"y": y}).imbalance.weights("y")
    assert isinstance(w.index, pd.CategoricalIndex)
    assert list(w.index) == ["b", "a"]  # category order, unobserved "z" dropped
    assert list(w.index.categories) == ["b", "a", "z"]
