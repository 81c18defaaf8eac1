"""The public surface: __all__, the error hierarchy, and a light, side-effect-only import."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pandas as pd
import pytest

import pd_imbalance
import pd_imbalance.errors as errors_module
from pd_imbalance import (
    ImbalanceError,
    ImbalanceWarning,
    InsufficientSamplesError,
    InvalidFeaturesError,
    InvalidTargetError,
    TargetNotFoundError,
)

# Hard-coded on purpose: a change of the public surface must be a deliberate test change.
PUBLIC_NAMES = {
    "ImbalanceAccessor",
    "ImbalanceError",
    "ImbalanceReport",
    "ImbalanceWarning",
    "InsufficientSamplesError",
    "InvalidFeaturesError",
    "InvalidTargetError",
    "ModelEvaluation",
    "Recommendation",
    "FeatureFinding",
    "TargetNotFoundError",
    "__version__",
    "report",
    "sample_weights",
    "set_target",
    "undersample",
    "weights",
    "smote",
    "oversample",
    "clean",
    "resample",
    "CleanResult",
    "SmoteResult",
    "split_then_resample",
    "cv_splits",
    "TrainTest",
    "TrainValidationTest",
    "tune_threshold",
    "ThresholdResult",
    "ThresholdMetrics",
    "correct_prior",
    "decide",
    "DecisionResult",
    "ReportComparison",
    "evaluate",
    "Evaluation",
    "ApproximateNeighbors",
}
ERROR_NAMES = {
    "ImbalanceError",
    "ImbalanceWarning",
    "InsufficientSamplesError",
    "InvalidFeaturesError",
    "InvalidTargetError",
    "TargetNotFoundError",
}


def test_all_is_exactly_the_public_surface() -> None:
    assert set(pd_imbalance.__all__) == PUBLIC_NAMES
    assert len(pd_imbalance.__all__) == len(PUBLIC_NAMES)  # no duplicates


@pytest.mark.parametrize("name", sorted(PUBLIC_NAMES))
def test_every_public_name_is_importable(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from pd_imbalance import {name}", namespace)
    assert namespace[name] is getattr(pd_imbalance, name)


def test_star_import_gives_exactly_all() -> None:
    namespace: dict[str, object] = {}
    exec("from pd_imbalance import *", namespace)
    assert set(namespace) - {"__builtins__"} == PUBLIC_NAMES


def test_version() -> None:
    assert pd_imbalance.__version__ == "0.1.0"


def test_errors_module_exports_and_top_level_reexports() -> None:
    assert set(errors_module.__all__) == ERROR_NAMES
    for name in ERROR_NAMES:
        assert getattr(pd_imbalance, name) is getattr(errors_module, name)


def test_error_hierarchy() -> None:
    assert issubclass(ImbalanceError, Exception)
    assert issubclass(TargetNotFoundError, ImbalanceError)
    assert issubclass(TargetNotFoundError, KeyError)
    assert issubclass(InvalidTargetError, ImbalanceError)
    assert issubclass(InvalidTargetError, ValueError)
    assert issubclass(InsufficientSamplesError, InvalidTargetError)
    assert issubclass(InsufficientSamplesError, ValueError)
    assert issubclass(InsufficientSamplesError, ImbalanceError)
    assert issubclass(InvalidFeaturesError, ImbalanceError)
    assert issubclass(InvalidFeaturesError, ValueError)
    assert not issubclass(InvalidFeaturesError, InvalidTargetError)
    assert not issubclass(TargetNotFoundError, ValueError)
    assert not issubclass(InvalidTargetError, KeyError)
    assert issubclass(ImbalanceWarning, UserWarning)
    assert not issubclass(ImbalanceWarning, ImbalanceError)


def test_errors_are_caught_by_their_builtin_bases() -> None:
    with pytest.raises(KeyError):
        raise TargetNotFoundError("no target")
    with pytest.raises(ValueError):
        raise InsufficientSamplesError("too small")
    with pytest.raises(ImbalanceError):
        raise InvalidFeaturesError("nan")
    with pytest.warns(ImbalanceWarning, match="tiny"), warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn("tiny split", ImbalanceWarning, stacklevel=1)


def test_target_not_found_str_has_no_quotes() -> None:
    assert str(TargetNotFoundError("msg")) == "msg"
    assert str(TargetNotFoundError("Column 'y' is missing")) == "Column 'y' is missing"
    assert str(TargetNotFoundError()) == ""
    # a plain KeyError would quote the message
    assert str(KeyError("msg")) == "'msg'"


def test_invalid_target_error_carries_failure_cases() -> None:
    cases = pd.DataFrame({"check": ["at_least_two_classes"]})
    err = InvalidTargetError("one class", failure_cases=cases)
    assert str(err) == "one class"
    assert err.failure_cases is cases
    assert InvalidTargetError("x").failure_cases is None
    assert InsufficientSamplesError("x", failure_cases=cases).failure_cases is cases


def test_report_raises_target_not_found_with_unquoted_message() -> None:
    df = pd.DataFrame({"x": [1, 2], "y": [0, 1]})
    with pytest.raises(TargetNotFoundError) as info:
        pd_imbalance.report(df, "label")
    message = str(info.value)
    assert message.startswith("Target column 'label' is not in the DataFrame.")
    assert "Columns: ['x', 'y']" in message


_FRESH_IMPORT = """
import json, sys
import pandas as pd
before = hasattr(pd.DataFrame, "imbalance")
import pd_imbalance
import pd_imbalance.datasets
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("sklearn", "pandera", "matplotlib"))
frame = pd.DataFrame({"y": [0, 0, 1]})
print(json.dumps({
    "before": before,
    "heavy": heavy,
    "accessor": pd.DataFrame.imbalance is pd_imbalance.ImbalanceAccessor,
    "instance": type(frame.imbalance).__name__,
    "target": frame.imbalance.set_target("y").imbalance.target,
}))
"""


def test_fresh_import_is_light_and_registers_the_accessor() -> None:
    proc = subprocess.run(
        [sys.executable, "-W", "error", "-c", _FRESH_IMPORT],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    result = json.loads(proc.stdout)
    assert result == {
        "before": False,
        "heavy": [],
        "accessor": True,
        "instance": "ImbalanceAccessor",
        "target": "y",
    }
