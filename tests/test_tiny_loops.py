"""Tiny frames called many times (as in cross-validation): no warning spam, no state leak,
no memory growth, the same seed giving the same frame on every call."""

from __future__ import annotations

import gc
import tracemalloc
import warnings
import weakref

import numpy as np
import pandas as pd
import pytest

import pd_imbalance as pdi

METHODS = (
    [("oversample", m) for m in ("random", "smote", "borderline-1", "borderline-2", "adasyn")]
    + [("undersample", m) for m in ("random", "nearmiss-1", "nearmiss-2", "nearmiss-3")]
    + [("clean", m) for m in ("tomek", "enn", "renn", "allknn", "ncr", "oss")]
)
# methods whose output depends on the seed on this frame
RANDOM = {"random", "smote", "borderline-1", "borderline-2", "adasyn", "oss"}
CALLS = 100
SEEDS = 5


def tiny(n0: int = 28, n1: int = 12) -> pd.DataFrame:
    """40 rows, overlapping classes (every method has work to do, no documented warning)."""
    rng = np.random.default_rng(6)
    n = n0 + n1
    y = np.repeat([0, 1], [n0, n1])
    return pd.DataFrame(
        {
            "f": rng.normal(size=n) + 0.8 * y,
            "g": rng.normal(size=n),
            "c": pd.Categorical(rng.choice(["u", "v"], n)),
            "y": y,
        }
    )


def settle(*frames: pd.DataFrame) -> None:
    """Collect garbage and prune pandas' copy-on-write bookkeeping of ``frames``.

    Every column read from a frame (ours or ``assert_frame_equal``'s) leaves a weak
    reference in the frame's blocks and indexes; pandas prunes the dead ones only
    every few hundred additions, so without this the traced memory saw-tooths by
    tens of KiB whatever the library does.
    """
    gc.collect()
    for frame in frames:
        owners = [b.refs for b in frame._mgr.blocks]
        owners += [ix._references for ix in (frame.index, frame.columns)]
        for refs in owners:
            if refs is not None and hasattr(refs, "has_reference"):
                refs.has_reference()  # prunes the dead references


@pytest.mark.parametrize(("verb", "method"), METHODS, ids=[f"{v}-{m}" for v, m in METHODS])
def test_many_tiny_calls(verb: str, method: str) -> None:
    df = tiny()
    before = df.copy(deep=True)
    fn = getattr(pdi, verb)
    first = [fn(df, "y", method=method, random_state=s) for s in range(SEEDS)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tracemalloc.start()
        for i in range(CALLS):
            out = fn(df, "y", method=method, random_state=i % SEEDS)
            if i == CALLS // 2:
                settle(df, *first)
                start = tracemalloc.get_traced_memory()[0]
            pd.testing.assert_frame_equal(out, first[i % SEEDS])  # no state leak
        settle(df, *first)
        growth = tracemalloc.get_traced_memory()[0] - start
        tracemalloc.stop()
    assert not caught, [str(w.message) for w in caught]
    pd.testing.assert_frame_equal(df, before)
    # no growing cache: half the calls add (much) less than one output frame each
    assert growth < 64 * 1024, growth
    # outputs are not kept alive by the library
    ref = weakref.ref(out)
    del out
    gc.collect()
    assert ref() is None
    distinct = {pd.util.hash_pandas_object(o, index=True).sum() for o in first}
    if method in RANDOM:
        assert len(distinct) > 1
    else:
        assert len(distinct) == 1
