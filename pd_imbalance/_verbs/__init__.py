"""The verbs: each one defined once, as a typed function taking the DataFrame first.

The doors are built from these definitions: the functions are re-exported at the top level
(``pd_imbalance.smote(df, ...)``, usable with ``df.pipe``), the ``df.imbalance`` accessor
binds each of :data:`VERBS` to its frame, the scikit-learn samplers and the CLI call them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pd_imbalance._pandas.target import set_target
from pd_imbalance._params import Method
from pd_imbalance._verbs.cleaning import clean
from pd_imbalance._verbs.decide import decide
from pd_imbalance._verbs.evaluate import evaluate
from pd_imbalance._verbs.oversampling import oversample, smote
from pd_imbalance._verbs.prior import correct_prior
from pd_imbalance._verbs.report import report
from pd_imbalance._verbs.split import cv_splits, split_then_resample
from pd_imbalance._verbs.steps import RESAMPLERS, resample
from pd_imbalance._verbs.threshold import tune_threshold
from pd_imbalance._verbs.undersampling import undersample
from pd_imbalance._verbs.weights import sample_weights, weights

__all__ = [
    "RESAMPLERS",
    "VERBS",
    "Method",
    "clean",
    "correct_prior",
    "cv_splits",
    "decide",
    "evaluate",
    "oversample",
    "report",
    "resample",
    "sample_weights",
    "set_target",
    "smote",
    "split_then_resample",
    "tune_threshold",
    "undersample",
    "weights",
]

#: Every verb by name: each is a function ``verb(df, target=None, ...)`` and, with the same
#: parameters after ``df``, a method of the ``df.imbalance`` accessor.
VERBS: dict[str, Callable[..., Any]] = {
    "report": report,
    "undersample": undersample,
    "oversample": oversample,
    "smote": smote,
    "clean": clean,
    "resample": resample,
    "weights": weights,
    "sample_weights": sample_weights,
    "split_then_resample": split_then_resample,
    "cv_splits": cv_splits,
    "tune_threshold": tune_threshold,
    "evaluate": evaluate,
    "set_target": set_target,
}
