"""Rules that turn imbalance numbers into an ordered list of techniques to try."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

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
        A short id: "no_action", "class_weights", "fix_features", "undersample", "smote",
        "threshold_tuning", "anomaly_detection" or "merge_tiny_classes".
    reason : str
        One line saying why it applies to this data.
    how : str
        The pd_imbalance (or scikit-learn) call to start from.
    """

    technique: str
    reason: str
    how: str


#: The kinds of :class:`FeatureFinding`, in the order the report lists them.
FINDING_KINDS = (
    "constant",
    "identifier",
    "dates_as_text",
    "numbers_as_text",
    "code",
    "missing",
)


@dataclass(frozen=True)
class FeatureFinding:
    """Something in one feature column that changes what to do before resampling.

    Attributes
    ----------
    kind : str
        "missing" (missing values), "dates_as_text" (text that parses as dates),
        "numbers_as_text" (text that parses as numbers), "identifier" (nearly one value
        per row, or a row number), "code" (integers named like an identifier or a code,
        such as ``zip`` or ``*_id``) or "constant" (a single value, or none).
    column : hashable
        The column.
    detail : str
        What was found, with numbers.
    fix : str
        What to do about it.
    date_format : str or None
        "dates_as_text" only: the ``strftime`` format the sampled values parse with, when
        one format fits them (else None: ``format="mixed"``).
    """

    kind: str
    column: Hashable
    detail: str
    fix: str
    date_format: str | None = None


@dataclass(frozen=True)
class Facts:
    """What the rules look at: the imbalance numbers, the class sizes and the features."""

    stats: ImbalanceStats
    counts: np.ndarray
    k_neighbors: int
    n_features: int
    n_numeric_features: int
    findings: tuple[FeatureFinding, ...] = field(default=())

    def columns(self, *kinds: str) -> list[Hashable]:
        """Return the columns of the findings of these kinds, in finding order, each once."""
        found = [f.column for f in self.findings if f.kind in kinds]
        return list(dict.fromkeys(found))

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
    if facts.imbalanced or facts.n_min < 2:
        return None
    checks = (
        f" The feature checks found {len(facts.findings)} thing"
        f"{'' if len(facts.findings) == 1 else 's'} to fix before training (see findings)."
        if facts.findings
        else ""
    )
    return Recommendation(
        "no_action",
        f"The smallest class has {facts.stats.pairwise_minority_share:.0%} of the rows it "
        "shares with the largest (>= 20 %): standard training works, without resampling, "
        "class weights or a tuned threshold; still read per-class recall, not accuracy."
        + checks,
        "sklearn.metrics.classification_report(y_test, y_pred)",
    )


def _class_weights(facts: Facts) -> Recommendation | None:
    if not facts.imbalanced:
        return None
    return Recommendation(
        "class_weights",
        "The cheap baseline: no rows added or removed, supported by most scikit-learn "
        "estimators through class_weight=.",
        "LogisticRegression(class_weight=df.imbalance.weights().to_dict())",
    )


def _fix_features(facts: Facts) -> Recommendation | None:
    if not facts.imbalanced or not facts.findings:
        return None
    parts = [f"{f.column!r}: {f.detail}; {f.fix}" for f in facts.findings]
    return Recommendation(
        "fix_features",
        f"Before resampling, the feature checks found {len(parts)} thing"
        f"{'' if len(parts) == 1 else 's'} to fix. " + " | ".join(parts),
        _fix_call(facts),
    )


def _fix_call(facts: Facts) -> str:
    """Return the pandas call that parses text columns and drops constant ones."""
    assigned = [
        f"{f.column!r}: pd.to_datetime(df[{f.column!r}], format={f.date_format or 'mixed'!r})"
        for f in facts.findings
        if f.kind == "dates_as_text"
    ]
    assigned += [
        f"{c!r}: pd.to_numeric(df[{c!r}], errors='coerce')"
        for c in facts.columns("numbers_as_text")
    ]
    call = "df"
    if assigned:
        call += ".assign(**{" + ", ".join(assigned) + "})"
    constant = facts.columns("constant")
    if constant:
        call += f".drop(columns={constant!r})"
    if call == "df":  # nothing to rewrite in the frame: the options go to the resampler
        return _resample_call(facts, "smote")
    return f"df = {call}"


def _resample_call(facts: Facts, method: str) -> str:
    """``split_then_resample(df, method=...)`` with the options the findings call for."""
    options = [f"method={method!r}"]
    if facts.columns("missing"):
        options.append("missing='ignore'")
    kept_out = facts.columns("identifier")
    if kept_out:
        options.append(f"passthrough={kept_out!r}")
    codes = facts.columns("code")
    if codes:
        options.append(f"categorical={codes!r}")
    return f"pd_imbalance.split_then_resample(df, {', '.join(options)})"


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
    after = ""
    if facts.findings:
        fixes = []
        if facts.columns("dates_as_text", "numbers_as_text"):
            fixes.append("parse the text columns")
        if facts.columns("constant"):
            fixes.append("drop the constant columns")
        if facts.columns("missing"):
            fixes.append("missing='ignore' for the missing values")
        if facts.columns("identifier"):
            fixes.append("passthrough=[...] for the identifiers")
        if facts.columns("code"):
            fixes.append("categorical=[...] for the integer codes")
        after = f" After the feature fixes ({', '.join(fixes)}),"
    return Recommendation(
        "smote",
        f"Mostly numeric features and {facts.n_min:,} minority rows (> k_neighbors="
        f"{facts.k_neighbors}):{after} SMOTE can interpolate new minority rows; with a "
        "strong learner (boosted trees, forests) plain copies, oversample(method='random'), "
        "do as well (Elor & Averbuch-Elor 2022) and are cheaper. Split first.",
        _resample_call(facts, "smote"),
    )


def _threshold_tuning(facts: Facts) -> Recommendation | None:
    if not facts.imbalanced:
        return None
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
    _fix_features,
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
    findings: tuple[FeatureFinding, ...] = (),
) -> tuple[Recommendation, ...]:
    """Return the techniques worth trying, most useful first (one rule each, :data:`RULES`).

    Rules: a pairwise minority share of at least 20 % needs no action, and then nothing
    else is recommended (unless a class has a single row); a class with fewer than 2 rows
    makes stratified splitting impossible; on imbalanced data class weights are the cheap
    baseline, the ``findings`` of the feature checks come next (what to fix before
    resampling), large data with a big majority suits under-sampling, small or medium,
    mostly numeric data with enough minority rows suits SMOTE (or, for strong learners,
    copies of rows with ``oversample()``, which do as well), at most ~20 minority rows leave
    resampling little to learn from, so anomaly detection is offered as a comparison, and
    threshold tuning applies last. The SMOTE call carries the options the findings call
    for (``missing=``, ``passthrough=``, ``categorical=``).

    Examples
    --------
    >>> from pd_imbalance._core.summary import imbalance_stats
    >>> counts = np.array([9_900, 100])
    >>> [r.technique for r in recommend(imbalance_stats(counts), counts, k_neighbors=5,
    ...                                 n_features=4, n_numeric_features=4)]
    ['class_weights', 'smote', 'threshold_tuning']
    """
    facts = Facts(
        stats, np.asarray(counts), k_neighbors, n_features, n_numeric_features, tuple(findings)
    )
    found = (rule(facts) for rule in RULES)
    return tuple(rec for rec in found if rec is not None)
