"""pd_imbalance: class imbalance as a one-line concern for pandas users.

``import pd_imbalance`` registers the ``df.imbalance`` accessor on every DataFrame. The
same verbs are plain functions here (``pd_imbalance.undersample(df, ...)``) for
``df.pipe``. scikit-learn and pandera are imported only when a method needs them.

With dask installed, the same accessor is registered on dask DataFrames as soon as
``dask.dataframe`` is imported (see :mod:`pd_imbalance.dask`); this import never imports
dask itself.
"""

from __future__ import annotations

from pd_imbalance import _dask_hook
from pd_imbalance._core.approx_knn import ApproximateNeighbors
from pd_imbalance._verbs import (
    clean,
    correct_prior,
    cv_splits,
    decide,
    evaluate,
    oversample,
    report,
    resample,
    sample_weights,
    set_target,
    smote,
    split_then_resample,
    tune_threshold,
    undersample,
    weights,
)
from pd_imbalance._version import __version__
from pd_imbalance.accessor import ImbalanceAccessor
from pd_imbalance.errors import (
    ImbalanceError,
    ImbalanceWarning,
    InsufficientSamplesError,
    InvalidFeaturesError,
    InvalidTargetError,
    TargetNotFoundError,
)
from pd_imbalance.results import (
    CleanResult,
    DecisionResult,
    Evaluation,
    FeatureFinding,
    ImbalanceReport,
    ModelEvaluation,
    Recommendation,
    ReportComparison,
    SmoteResult,
    ThresholdMetrics,
    ThresholdResult,
    TrainTest,
    TrainValidationTest,
)

_dask_hook.install()

__all__ = [
    "ApproximateNeighbors",
    "CleanResult",
    "DecisionResult",
    "Evaluation",
    "FeatureFinding",
    "ImbalanceAccessor",
    "ImbalanceError",
    "ImbalanceReport",
    "ImbalanceWarning",
    "InsufficientSamplesError",
    "InvalidFeaturesError",
    "InvalidTargetError",
    "ModelEvaluation",
    "Recommendation",
    "ReportComparison",
    "SmoteResult",
    "TargetNotFoundError",
    "ThresholdMetrics",
    "ThresholdResult",
    "TrainTest",
    "TrainValidationTest",
    "__version__",
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
