"""Rules that turn imbalance numbers into an ordered list of techniques to try."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from pd_imbalance._core.summary import ImbalanceStats

NO_ACTION_SHARE = 0.20
FEW_MINORITY_ROWS = 20
LARGE_DATA_ROWS = 100_000
UNDERSAMPLE_MIN_MINORITY = 1_000
UNDERSAMPLE_MIN_RATIO = 10.0
SMOTE_MAX_ROWS = 1_000_000


@dataclass(frozen=True)
class Recommendation:
    """One technique to try, why, and the call that does it.

    Attributes
    ----------
    technique : str
        A short id: "no_action", "class_weights", "undersample", "smote", "threshold_tuning",
        "anomaly_detection" or "merge_tiny_classes".
    reason : str
        One line saying why it applies to this data.
    how : str
        The pd_imbalance (or scikit-learn) call to start from.
    """

    technique: str
    reason: str
    how: str


@dataclass(frozen=True)
class Facts:
    """What the rules look at: the imbalance numbers, the class sizes and the features."""

    stats: ImbalanceStats
    counts: np.ndarray
    k_neighbors: int
    n_features: int
    n_numeric_features: int

    @property
    def n_min(self) -> int:
        """Rows of the smallest class."""
        return int(self.counts.min())

    @property
    def imbalanced(self) -> bool:
        """The pairwise minority share is below the no-action cut-off."""
        return self.stats.pairwise_minority_share < NO_ACTION_SHARE


Rule = Callable[[Facts], Recommendation | None]


def _merge_tiny_classes(facts: Facts) -> Recommendation | None:
    tiny = int((facts.counts < 2).sum())
    if not tiny:
        return None
    return Recommendation(
        "merge_tiny_classes",
        f"{tiny} {'class has' if tiny == 1 else 'classes have'} a single row: a stratified "
        "train/test split is impossible and nothing can be learned from one example; "
        f"merge {'it' if tiny == 1 else 'them'} or collect more data.",
        "df[target].replace({rare_label: 'other'})",
    )


def _no_action(facts: Facts) -> Recommendation | None:
    if facts.imbalanced:
        return None
    return Recommendation(
        "no_action",
        f"The smallest class has {facts.stats.pairwise_minority_share:.0%} of the rows it "
        "shares with the largest (>= 20 %): standard training works; still read per-class "
        "recall, not accuracy.",
        "sklearn.metrics.classification_report(y_test, y_pred)",
    )


def _class_weights(facts: Facts) -> Recommendation | None:
    return Recommendation(
        "class_weights",
        "The cheap baseline: no rows added or removed, supported by most scikit-learn "
        "estimators through class_weight=.",
        "LogisticRegression(class_weight=df.imbalance.weights().to_dict())",
    )


def _anomaly_detection(facts: Facts) -> Recommendation | None:
    if not facts.imbalanced or facts.n_min > FEW_MINORITY_ROWS:
        return None
    return Recommendation(
        "anomaly_detection",
        f"Only {facts.n_min} minority row{'' if facts.n_min == 1 else 's'}: resampling has "
        "little to learn from. "
        "Compare with anomaly detection (IsolationForest, OneClassSVM) trained "
        "on the majority.",
        "sklearn.ensemble.IsolationForest().fit(X_majority)",
    )


def _undersample(facts: Facts) -> Recommendation | None:
    stats = facts.stats
    if not (
        facts.imbalanced
        and stats.n_rows >= LARGE_DATA_ROWS
        and facts.n_min >= UNDERSAMPLE_MIN_MINORITY
        and stats.imbalance_ratio >= UNDERSAMPLE_MIN_RATIO
    ):
        return None
    return Recommendation(
        "undersample",
        f"{stats.n_rows:,} rows with a {stats.imbalance_ratio:.0f}:1 majority: "
        f"dropping majority rows still leaves {facts.n_min:,}+ per class and trains "
        "much faster.",
        "pd_imbalance.split_then_resample(df, method='undersample')",
    )


def _smote(facts: Facts) -> Recommendation | None:
    numeric_enough = facts.n_features > 0 and facts.n_numeric_features >= facts.n_features / 2
    if not (
        facts.imbalanced
        and facts.stats.n_rows <= SMOTE_MAX_ROWS
        and numeric_enough
        and facts.n_min > max(facts.k_neighbors, FEW_MINORITY_ROWS)
    ):
        return None
    return Recommendation(
        "smote",
        f"Mostly numeric features and {facts.n_min:,} minority rows (> k_neighbors="
        f"{facts.k_neighbors}): SMOTE can interpolate new minority rows; with a strong "
        "learner (boosted trees, forests) plain copies, oversample(method='random'), do as "
        "well (Elor & Averbuch-Elor 2022) and are cheaper. Split first.",
        "pd_imbalance.split_then_resample(df, method='smote')",
    )


def _threshold_tuning(facts: Facts) -> Recommendation | None:
    return Recommendation(
        "threshold_tuning",
        "Whatever the training, choose the decision threshold on validation data for the "
        "precision/recall trade-off you need instead of the default 0.5.",
        "df.imbalance.tune_threshold(scores='score')",
    )


#: The rules, in the order their recommendations are listed.
RULES: tuple[Rule, ...] = (
    _merge_tiny_classes,
    _no_action,
    _class_weights,
    _anomaly_detection,
    _undersample,
    _smote,
    _threshold_tuning,
)


def recommend(
    stats: ImbalanceStats,
    counts: np.ndarray,
    *,
    k_neighbors: int,
    n_features: int,
    n_numeric_features: int,
) -> tuple[Recommendation, ...]:
    """Return the techniques worth trying, most useful first (one rule each, :data:`RULES`).

    Rules: a pairwise minority share of at least 20 % needs no action; a class with fewer
    than 2 rows makes stratified splitting impossible; class weights are always the cheap
    baseline; large data with a big majority suits under-sampling; small or medium, mostly
    numeric data with enough minority rows suits SMOTE (or, for strong learners, copies of
    rows with ``oversample()``, which do as well); at most ~20 minority rows leave
    resampling little to learn from, so anomaly detection is offered as a comparison;
    threshold tuning always applies.

    Examples
    --------
    >>> from pd_imbalance._core.summary import imbalance_stats
    >>> counts = np.array([9_900, 100])
    >>> [r.technique for r in recommend(imbalance_stats(counts), counts, k_neighbors=5,
    ...                                 n_features=4, n_numeric_features=4)]
    ['class_weights', 'smote', 'threshold_tuning']
    """
    facts = Facts(stats, np.asarray(counts), k_neighbors, n_features, n_numeric_features)
    found = (rule(facts) for rule in RULES)
    return tuple(rec for rec in found if rec is not None)
