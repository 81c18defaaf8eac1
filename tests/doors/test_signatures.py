"""Each verb's signature is written once: every door is derived from (or equal to) it."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

import pd_imbalance as pdi
from pd_imbalance import _verbs

dd = pytest.importorskip("dask.dataframe")
import pd_imbalance.dask as pdd  # noqa: E402

#: Options only the dask door has, by verb (documented in docs/scaling_out.md).
DASK_ONLY = {
    "undersample": {"exact"},
    "split_then_resample": {"exact"},
    "smote": {"block_rows"},
    "oversample": {"block_rows"},
}
#: Options only the pandas verbs have (what dask cannot do lazily).
PANDAS_ONLY = {
    "smote": {"return_plan", "missing", "passthrough", "groups", "within_groups"},
    "oversample": {"return_plan", "missing", "passthrough", "groups", "within_groups"},
    "undersample": {"n_neighbors", "n_neighbors_ver3", "neighbors", "passthrough"},
    "split_then_resample": {"validation_size"},
    "report": {"evaluation", "trained_on", "prior_from"},  # evaluate()'s result; prior
    # correction of in-memory scores (docs/decisions.md, "Calibration in the report")
}
#: Verbs only pandas has: they need every row in memory.
PANDAS_ONLY_VERBS = {"cv_splits", "tune_threshold", "clean", "resample", "evaluate"}


def described(fn: Callable[..., Any], skip: set[str] = frozenset()) -> list[tuple[Any, ...]]:
    """Everything about each parameter after the frame: name, kind, default, annotation."""
    params = list(inspect.signature(fn).parameters.values())
    return [(p.name, p.kind, p.default, str(p.annotation)) for p in params if p.name not in skip]


def frame_params(fn: Callable[..., Any]) -> list[tuple[Any, ...]]:
    """The parameters after the frame (the first)."""
    return described(fn)[1:]


def test_every_verb_is_exported_and_on_the_pandas_accessor() -> None:
    df = pd.DataFrame({"x": [0.0, 1.0], "y": [0, 1]})
    for name, verb in _verbs.VERBS.items():
        assert getattr(pdi, name) is verb
        method = getattr(df.imbalance, name)
        assert method.__func__ is verb, name  # the verb itself, bound to the frame
        assert method.__self__ is df
        assert method.__doc__ == verb.__doc__
        # the accessor's signature is the verb's without the frame: names, order, kinds,
        # defaults and annotations
        accessor_params = [
            (p.name, p.kind, p.default, str(p.annotation))
            for p in inspect.signature(method).parameters.values()
        ]
        assert accessor_params == frame_params(verb), name
    public = {n for n in dir(pdi.ImbalanceAccessor) if not n.startswith("_")}
    assert public == set(_verbs.VERBS) | {"target"}


def test_every_dask_verb_matches_its_pandas_definition() -> None:
    assert set(pdd.DASK_VERBS) == set(_verbs.VERBS) - PANDAS_ONLY_VERBS
    for name, dask_verb in pdd.DASK_VERBS.items():
        pandas_verb = _verbs.VERBS[name]
        dask_params = described(dask_verb, DASK_ONLY.get(name, set()))[1:]
        pandas_params = described(pandas_verb, PANDAS_ONLY.get(name, set()))[1:]
        assert dask_params == pandas_params, name
        assert getattr(pdd, name) is dask_verb


def test_every_dask_verb_is_on_the_dask_accessor() -> None:
    ddf = dd.from_pandas(pd.DataFrame({"x": [0.0, 1.0], "y": [0, 1]}), npartitions=1)
    for name, verb in pdd.DASK_VERBS.items():
        method = getattr(ddf.imbalance, name)
        assert method.__func__ is verb, name
        assert method.__self__ is ddf
        params = [
            (p.name, p.kind, p.default, str(p.annotation))
            for p in inspect.signature(method).parameters.values()
        ]
        assert params == frame_params(verb), name
    public = {n for n in dir(pdd.DaskImbalanceAccessor) if not n.startswith("_")}
    assert public == set(pdd.DASK_VERBS) | {"target"}


def test_the_accessor_smote_returns_the_plan_like_the_function() -> None:
    df = pd.DataFrame({"x": [0.0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13], "y": [0] * 8 + [1] * 4})
    by_method = df.imbalance.smote("y", k_neighbors=2, random_state=0, return_plan=True)
    by_function = pdi.smote(df, "y", k_neighbors=2, random_state=0, return_plan=True)
    assert isinstance(by_method, pdi.SmoteResult)
    pd.testing.assert_frame_equal(by_method.frame, by_function.frame)
    pd.testing.assert_frame_equal(by_method.provenance, by_function.provenance)
