"""Rules that turn imbalance numbers into an ordered list of techniques to try (SPEC §6)."""

from __future__ import annotations

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


def recommend(
    stats: ImbalanceStats,
    counts: np.ndarray,
    *,
    k_neighbors: int,
    n_features: int,
    n_numeric_features: int,
) -> tuple[Recommendation, ...]:
    """Return the techniques worth trying, most useful first.

    Rules: a pairwise minority share of at least 20 % needs no action; a class with fewer
    than 2 rows makes stratified splitting impossible; class weights are always the cheap
    baseline; large data with a big majority suits under-sampling; small or medium, mostly
    numeric data with enough minority rows suits SMOTE; at most ~20 minority rows leave
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
    counts = np.asarray(counts)
    n_min = int(counts.min())
    share = stats.pairwise_minority_share
    out: list[Recommendation] = []

    tiny = int((counts < 2).sum())
    if tiny:
        out.append(
            Recommendation(
                "merge_tiny_classes",
                f"{tiny} class(es) have a single row: a stratified train/test split is impossible "
                "and nothing can be learned from one example; merge them or collect more data.",
                "df[target].replace({rare_label: 'other'})",
            )
        )
    if share >= NO_ACTION_SHARE:
        out.append(
            Recommendation(
                "no_action",
                f"The smallest class has {share:.0%} of the rows it shares with the largest "
                "(>= 20 %): standard training works; still read per-class recall, not accuracy.",
                "sklearn.metrics.classification_report(y_test, y_pred)",
            )
        )
    out.append(
        Recommendation(
            "class_weights",
            "The cheap baseline: no rows added or removed, supported by most scikit-learn "
            "estimators through class_weight=.",
            "LogisticRegression(class_weight=df.imbalance.weights().to_dict())",
        )
    )
    if share < NO_ACTION_SHARE:
        if n_min <= FEW_MINORITY_ROWS:
            out.append(
                Recommendation(
                    "anomaly_detection",
                    f"Only {n_min} minority rows: resampling has little to learn from. "
                    "Compare with anomaly detection (IsolationForest, OneClassSVM) trained "
                    "on the majority.",
                    "sklearn.ensemble.IsolationForest().fit(X_majority)",
                )
            )
        if (
            stats.n_rows >= LARGE_DATA_ROWS
            and n_min >= UNDERSAMPLE_MIN_MINORITY
            and stats.imbalance_ratio >= UNDERSAMPLE_MIN_RATIO
        ):
            out.append(
                Recommendation(
                    "undersample",
                    f"{stats.n_rows:,} rows with a {stats.imbalance_ratio:.0f}:1 majority: "
                    f"dropping majority rows still leaves {n_min:,}+ per class and trains "
                    "much faster.",
                    "pd_imbalance.split_then_resample(df, method='undersample')",
                )
            )
        numeric_enough = n_features > 0 and n_numeric_features >= n_features / 2
        if (
            stats.n_rows <= SMOTE_MAX_ROWS
            and numeric_enough
            and n_min > max(k_neighbors, FEW_MINORITY_ROWS)
        ):
            out.append(
                Recommendation(
                    "smote",
                    f"Mostly numeric features and {n_min:,} minority rows (> k_neighbors="
                    f"{k_neighbors}): SMOTE can interpolate new minority rows. Split first.",
                    "pd_imbalance.split_then_resample(df, method='smote')",
                )
            )
    out.append(
        Recommendation(
            "threshold_tuning",
            "Whatever the training, choose the decision threshold on validation data for the "
            "precision/recall trade-off you need instead of the default 0.5.",
            "df.imbalance.tune_threshold(scores='score')",
        )
    )
    return tuple(out)
