"""What the verbs return: reports, threshold results, train/test pairs, SMOTE provenance.

Every result type of pd_imbalance lives here (and is re-exported at the top level)::

    ImbalanceReport    report()            counts, ratios, advice, a model's numbers
    Recommendation     ImbalanceReport.recommendations
    ReportComparison   ImbalanceReport.compare()   two reports side by side
    FeatureFinding     ImbalanceReport.findings
    ModelEvaluation    ImbalanceReport.model   a model's predictions and scores, judged
    ThresholdResult    tune_threshold()    the threshold, metrics at it and at 0.5, the curve
    ThresholdMetrics   ThresholdResult.at_threshold / at_default
    TrainTest          split_then_resample() and each fold of cv_splits()
    TrainValidationTest  split_then_resample(..., validation_size=...): three parts
    SmoteResult        oversample/smote(..., return_plan=True): the frame and each row's provenance
    CleanResult        clean(..., return_plan=True): the kept frame and the removed rows
    DecisionResult     decide()            cost-sensitive decisions, expected and realised costs
    Evaluation         evaluate()          each technique measured in the same folds, a verdict
"""

from __future__ import annotations

from pd_imbalance.results._decision import DecisionResult
from pd_imbalance.results._evaluation import Evaluation
from pd_imbalance.results._model import ModelEvaluation
from pd_imbalance.results._report import FeatureFinding as FeatureFinding
from pd_imbalance.results._report import ImbalanceReport, Recommendation, ReportComparison
from pd_imbalance.results._report import build_report as build_report  # for the verbs
from pd_imbalance.results._report import json_safe as json_safe  # for the verbs
from pd_imbalance.results._resample import (
    CleanResult,
    SmoteResult,
    TrainTest,
    TrainValidationTest,
)
from pd_imbalance.results._threshold import ThresholdMetrics, ThresholdResult

__all__ = [
    "CleanResult",
    "DecisionResult",
    "Evaluation",
    "FeatureFinding",
    "ImbalanceReport",
    "ModelEvaluation",
    "Recommendation",
    "ReportComparison",
    "SmoteResult",
    "ThresholdMetrics",
    "ThresholdResult",
    "TrainTest",
    "TrainValidationTest",
]
