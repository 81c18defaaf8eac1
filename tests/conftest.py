"""Shared fixtures: label dtypes and frame builders."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import pytest
from hypothesis import settings

# CI explores the same examples on every run (a landing must not depend on luck); local
# runs keep drawing new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Two-class label values and the dtype to give them, for each supported label dtype.
LABEL_DTYPES: dict[str, tuple[tuple[object, object], str | None]] = {
    "str": (("ok", "fraud"), "str"),
    "object": (("ok", "fraud"), "object"),
    "int": ((0, 1), "int64"),
    "bool": ((False, True), "bool"),
    "Int64": ((0, 1), "Int64"),
    "boolean": ((False, True), "boolean"),
    "string": (("ok", "fraud"), "string"),
    "category": (("ok", "fraud"), "category"),
}


@pytest.fixture(params=sorted(LABEL_DTYPES))
def label_dtype(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def make_frame(
    counts: Sequence[int],
    labels: Sequence[object] | None = None,
    dtype: str | None = None,
    *,
    seed: int = 0,
    shuffle: bool = True,
) -> pd.DataFrame:
    """A frame with a float, an int, a category and a string feature and a label ``y``."""
    rng = np.random.default_rng(seed)
    labels = list(labels) if labels is not None else list(range(len(counts)))
    y = np.repeat(np.array(labels, dtype=object), counts)
    if shuffle:
        y = y[rng.permutation(len(y))]
    n = len(y)
    df = pd.DataFrame(
        {
            "f_float": rng.normal(size=n),
            "f_int": rng.integers(0, 100, size=n),
            "f_cat": pd.Categorical(rng.choice(["u", "v", "w"], size=n)),
            "f_str": pd.array(rng.choice(["p", "q"], size=n), dtype="str"),
            "y": pd.array(y, dtype=dtype) if dtype else y,
        },
        index=pd.Index(rng.permutation(np.arange(1000, 1000 + n)), name="row_id"),
    )
    if dtype is None:
        df["y"] = df["y"].infer_objects()
    return df


@pytest.fixture
def frame_factory() -> Callable[..., pd.DataFrame]:
    return make_frame


def binary_frame(label_dtype: str, n_major: int = 90, n_minor: int = 10) -> pd.DataFrame:
    (major, minor), dtype = LABEL_DTYPES[label_dtype]
    return make_frame([n_major, n_minor], [major, minor], dtype)


def snapshot(df: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, object]]:
    """Deep copy of a frame and its attrs, to prove later that nothing changed."""
    import copy

    return df.copy(deep=True), copy.deepcopy(df.attrs)


def assert_unchanged(df: pd.DataFrame, snap: tuple[pd.DataFrame, dict[str, object]]) -> None:
    before, attrs = snap
    pd.testing.assert_frame_equal(df, before, check_exact=True)
    assert df.attrs == attrs
