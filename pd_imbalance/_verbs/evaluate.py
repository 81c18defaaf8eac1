"""The evaluate verb: every imbalance technique through the same leakage-safe folds, measured.

Each candidate (doing nothing, class weights, a resampler or chain of them, a callable,
anomaly detection) is fitted on the training part of every fold and scored on the untouched
test fold. Resampling goes through the same steps as :func:`resample` and the splits; class
weights come from the training fold's counts; a tuned threshold is chosen on a validation
part of the training fold (never the test fold). The result measures, with intervals, what
helps on *this* data and model, and says so in one line, including "nothing helps".
"""

from __future__ import annotations

import inspect
import math
import sys
import time
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from pd_imbalance._core.evaluation import binary_fold_metrics, multiclass_fold_metrics
from pd_imbalance._core.evaluation import tuned_threshold as choose_tuned_threshold
from pd_imbalance._core.random import RandomStateLike, child_seed, seed_sequence, spawn
from pd_imbalance._core.split import allocate_test_counts, stratified_folds
from pd_imbalance._core.undersample import plan_undersample
from pd_imbalance._core.weights import class_weights
from pd_imbalance._pandas.checks import checked_codes, plural
from pd_imbalance._pandas.features import hashable_values
from pd_imbalance._pandas.model_frame import (
    HGB_MAX_LEVELS,
    EstimatorName,
    FeaturePlan,
    build_anomaly_model,
    build_estimator,
    feature_plan,
)
from pd_imbalance._pandas.model_output import positive_code
from pd_imbalance._pandas.target import stamp_target
from pd_imbalance._params import check_bool, check_positive_int
from pd_imbalance._verbs.steps import RESAMPLERS, CheckedStep, check_steps, run_steps
from pd_imbalance.errors import ImbalanceError, InsufficientSamplesError
from pd_imbalance.results import Evaluation
from pd_imbalance.results._evaluation import build_evaluation

__all__ = ["BINARY_SCORINGS", "MULTICLASS_SCORINGS", "evaluate"]

#: What ``scoring=`` accepts for a binary target (the verdict ranks candidates by it).
BINARY_SCORINGS: tuple[str, ...] = (
    "average_precision",
    "roc_auc",
    "f1",
    "precision",
    "recall",
    "balanced_accuracy",
    "brier",
    "log_loss",
)
#: What ``scoring=`` accepts for a multi-class target.
MULTICLASS_SCORINGS: tuple[str, ...] = (
    "average_precision",
    "macro_f1",
    "balanced_accuracy",
    "log_loss",
)
#: Candidate names besides the resampler names of :data:`RESAMPLERS`.
SPECIAL = ("none", "class_weight", "anomaly")
#: The candidates of ``methods="auto"`` (anomaly added for extreme imbalance).
AUTO = ("none", "class_weight", "undersample", "oversample", "smote")
#: Extreme imbalance (``anomaly`` joins the candidates): at most this many minority rows ...
FEW_MINORITY = 20
#: ... or a minority share below this.
TINY_SHARE = 0.005
#: The share of the training fold held out to tune a threshold on.
VALIDATION_SHARE = 0.25
TUNED = " + tuned threshold"

Kind = Literal["none", "class_weight", "resample", "anomaly"]
ScoreMethod = Literal["proba", "decision", "predict"]


@dataclass(frozen=True)
class _Candidate:
    name: str
    kind: Kind
    steps: list[CheckedStep] | None = None
    auto: bool = False


@dataclass(frozen=True)
class _Context:
    """Everything a (fold, candidate) task needs; shipped once to joblib workers."""

    data: pd.DataFrame  # the features and the target
    column: Hashable
    features: list[Hashable]
    classes: pd.Index
    codes: np.ndarray
    n_classes: int
    pos: int
    estimator: Any
    builtin: bool
    plan: FeaturePlan
    score_method: ScoreMethod
    weight_route: tuple[str, str] | None
    tune: bool
    groups: np.ndarray | None
    index_avoids: pd.Index


@dataclass
class _Timer:
    seconds: dict[str, float] = field(
        default_factory=lambda: dict.fromkeys(
            ("resample", "weights", "threshold", "features", "fit", "predict"), 0.0
        )
    )

    def add(self, what: str, start: float) -> float:
        now = time.perf_counter()
        self.seconds[what] += now - start
        return now


@dataclass(frozen=True)
class _TaskResult:
    repeat: int
    fold: int
    candidate: str
    metrics: dict[str, dict[str, float]]
    test_positions: np.ndarray
    scores: np.ndarray | None
    seconds: dict[str, float]
    error: str | None = None


def _check_cv(cv: object) -> int:
    if not isinstance(cv, int | np.integer) or isinstance(cv, bool):
        raise TypeError(f"cv must be an int >= 2 (the number of folds); got {cv!r}.")
    if int(cv) < 2:
        raise ValueError(f"cv must be at least 2 folds; got {cv}.")
    return int(cv)


def _check_n_jobs(n_jobs: object) -> int | None:
    if n_jobs is None:
        return None
    if not isinstance(n_jobs, int | np.integer) or isinstance(n_jobs, bool) or n_jobs == 0:
        raise ValueError(
            f"n_jobs must be None, a positive int or a negative int (-1: all cores); got "
            f"{n_jobs!r}."
        )
    return int(n_jobs)


def _check_scoring(scoring: object, binary: bool) -> str:
    valid = BINARY_SCORINGS if binary else MULTICLASS_SCORINGS
    if not isinstance(scoring, str) or scoring not in valid:
        kind = "a binary" if binary else "a multi-class"
        raise ValueError(
            f"scoring={scoring!r} is not supported for {kind} target; use one of "
            f"{', '.join(map(repr, valid))}."
        )
    return scoring


def _resolve_groups(df: pd.DataFrame, groups: object) -> tuple[np.ndarray | None, Hashable]:
    if groups is None:
        return None, None
    if isinstance(groups, Hashable) and not isinstance(groups, tuple) and groups in df.columns:
        values = df[groups]
        name: Hashable = groups
    elif isinstance(groups, str):
        raise ValueError(
            f"groups={groups!r} is not a column of the DataFrame; pass a column name or an "
            f"array of one group per row."
        )
    else:
        values = pd.Series(np.asarray(groups, dtype=object))
        name = None
        if len(values) != len(df):
            raise ValueError(
                f"groups has {len(values):,} values but the DataFrame has {len(df):,} rows; "
                "give one group per row (or a column name)."
            )
    if values.isna().any():
        raise ValueError("groups holds missing values; give every row a group.")
    codes, _ = pd.factorize(hashable_values(pd.Series(values, copy=False)))
    return codes.astype(np.int64), name


def _score_method(estimator: Any) -> ScoreMethod:
    if hasattr(estimator, "predict_proba"):
        return "proba"
    if hasattr(estimator, "decision_function"):
        return "decision"
    return "predict"


def _weight_route(estimator: Any) -> tuple[str, str] | None:
    """How to give the estimator class weights: ("param", name) or ("fit", kwarg)."""
    params = estimator.get_params(deep=True) if hasattr(estimator, "get_params") else {}
    final = estimator
    prefix = ""
    steps = getattr(estimator, "steps", None)
    if isinstance(steps, list) and steps:  # a Pipeline: its last step fits the labels
        name, final = steps[-1]
        prefix = f"{name}__"
    if f"{prefix}class_weight" in params:
        return ("param", f"{prefix}class_weight")
    try:
        fit_params = inspect.signature(final.fit).parameters
    except (TypeError, ValueError, AttributeError):
        return None
    if "sample_weight" in fit_params:
        return ("fit", f"{prefix}sample_weight")
    return None


def _candidate_name(item: object, steps: list[CheckedStep]) -> str:
    parts = []
    for step in steps:
        if step.name is None:
            parts.append(str(getattr(step.function, "__name__", type(step.function).__name__)))
        elif step.options:
            options = ", ".join(f"{k}={v!r}" for k, v in step.options.items())
            parts.append(f"{step.name}({options})")
        else:
            parts.append(step.name)
    return " → ".join(parts)


def _candidates(methods: object) -> list[_Candidate]:
    auto = isinstance(methods, str) and methods == "auto"
    if auto:
        items: Sequence[object] = AUTO
    elif isinstance(methods, str) or callable(methods):
        items = [methods]
    elif isinstance(methods, Sequence) and not isinstance(methods, bytes):
        items = methods
    else:
        raise TypeError(
            'methods must be "auto", a candidate (a method name, a callable) or a list of '
            f"candidates; got {type(methods).__name__}."
        )
    if not items:
        raise ValueError("methods is empty; give at least one candidate, or 'auto'.")
    out: list[_Candidate] = []
    for item in items:
        if isinstance(item, str) and item in SPECIAL:
            kinds: dict[str, Kind] = {
                "none": "none",
                "class_weight": "class_weight",
                "anomaly": "anomaly",
            }
            out.append(_Candidate(item, kinds[item], auto=auto))
            continue
        if isinstance(item, str) and item not in RESAMPLERS:
            valid = ", ".join(map(repr, [*SPECIAL, *RESAMPLERS]))
            raise ValueError(
                f"methods: unknown candidate {item!r}; the names are {valid} (or a callable "
                "f(train) -> frame, or a tuple of names applied in order)."
            )
        steps = check_steps(item, argument="methods")
        assert steps is not None
        out.append(_Candidate(_candidate_name(item, steps), "resample", steps, auto=auto))
    names = [c.name for c in out]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise ValueError(f"methods names the candidate(s) {duplicated} more than once.")
    return out


def _derived_seeds(estimator: Any, seed: int) -> Any:
    """Give every unset ``random_state`` of a clone of the estimator a derived seed."""
    from sklearn.base import clone

    model = clone(estimator)
    if hasattr(model, "get_params"):
        unset = {
            name: seed
            for name, value in model.get_params(deep=True).items()
            if (name == "random_state" or name.endswith("__random_state")) and value is None
        }
        if unset:
            model.set_params(**unset)
    return model


def _label_codes(context: _Context, frame: pd.DataFrame, positions: np.ndarray | None) -> Any:
    if positions is not None:
        return context.codes[positions]
    found = context.classes.get_indexer(pd.Index(hashable_values(frame[context.column])))
    return found.astype(np.int64)


def _model_input(context: _Context, frame: pd.DataFrame) -> pd.DataFrame:
    features = frame[context.features]
    return context.plan.transform(features) if context.builtin else features


def _fit(
    context: _Context,
    candidate: _Candidate,
    frame: pd.DataFrame,
    positions: np.ndarray,
    seed: np.random.SeedSequence,
    timer: _Timer,
) -> Any:
    """Fit the candidate on ``frame`` (training rows at ``positions`` of the data)."""
    from sklearn.base import clone

    start = time.perf_counter()
    rows: np.ndarray | None = positions
    if candidate.steps is not None:
        frame = run_steps(frame, context.column, candidate.steps, seed, context.index_avoids)
        rows = None  # new rows: their labels come from the frame
        start = timer.add("resample", start)
    y = _label_codes(context, frame, rows)
    if candidate.kind == "anomaly":
        X = context.plan.transform(frame[context.features], codes=True)
        start = timer.add("features", start)
        model = build_anomaly_model(context.plan, int(seed.generate_state(1)[0]))
        model.fit(X)
        timer.add("fit", start)
        return model
    fit_options: dict[str, Any] = {}
    model = clone(context.estimator)
    if candidate.kind == "class_weight":
        assert context.weight_route is not None
        counts = np.bincount(y, minlength=context.n_classes)
        weights = class_weights(np.maximum(counts, 1), "balanced", 0.999)
        route, name = context.weight_route
        if route == "param":
            model.set_params(**{name: {int(k): float(w) for k, w in enumerate(weights)}})
        else:
            fit_options[name] = weights[y]
        start = timer.add("weights", start)
    X = _model_input(context, frame)
    start = timer.add("features", start)
    model.fit(X, y, **fit_options)
    timer.add("fit", start)
    return model


def _scores(context: _Context, model: Any, X: pd.DataFrame, anomaly: bool) -> np.ndarray:
    """Binary: the positive class's scores. Multi-class: class probabilities or codes."""
    if anomaly:
        out: np.ndarray = -np.asarray(model.decision_function(X), dtype=np.float64)
        return out
    classes = np.asarray(getattr(model, "classes_", np.arange(context.n_classes)))
    if context.score_method == "predict":
        predicted = np.asarray(model.predict(X))
        if context.n_classes == 2:
            hits: np.ndarray = (predicted == context.pos).astype(np.float64)
            return hits
        codes: np.ndarray = predicted.astype(np.int64)
        return codes
    if context.score_method == "proba":
        raw = np.asarray(model.predict_proba(X), dtype=np.float64)
    else:
        raw = np.asarray(model.decision_function(X), dtype=np.float64)
        if raw.ndim == 1:  # binary decision function: the score of classes_[1]
            return raw if classes[1] == context.pos else -raw
    full = np.zeros((len(X), context.n_classes)) if context.score_method == "proba" else None
    if context.n_classes == 2:
        return raw[:, int(np.flatnonzero(classes == context.pos)[0])]
    if full is None:
        full = np.full((len(X), context.n_classes), -np.inf)
    full[:, classes.astype(np.int64)] = raw
    return full


def _inner_split(
    context: _Context, train_positions: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray] | None:
    """Split training positions into (inner training, validation), stratified (grouped)."""
    codes = context.codes[train_positions]
    counts = np.bincount(codes, minlength=context.n_classes)
    if int(counts.min()) < 2:
        return None
    if context.groups is not None:
        from sklearn.model_selection import StratifiedGroupKFold

        groups = context.groups[train_positions]
        if len(np.unique(groups)) < 4:
            return None
        splitter = StratifiedGroupKFold(4, shuffle=True, random_state=int(rng.integers(2**31)))
        inner, valid = next(splitter.split(np.zeros(len(codes)), codes, groups))
        if not np.any(codes[valid] == context.pos) or not np.any(codes[inner] == context.pos):
            return None
        return train_positions[inner], train_positions[valid]
    n_valid = max(1, math.ceil(VALIDATION_SHARE * len(codes)))
    valid_counts = allocate_test_counts(counts, n_valid, rng)
    if int(valid_counts[context.pos]) < 1:
        return None
    valid = np.sort(plan_undersample(codes, counts, valid_counts, rng).kept)
    in_valid = np.zeros(len(codes), dtype=bool)
    in_valid[valid] = True
    return train_positions[~in_valid], train_positions[in_valid]


def _default_threshold(context: _Context, anomaly: bool) -> float:
    if anomaly or context.score_method == "decision":
        return 0.0
    return 0.5


def _run_task(
    context: _Context,
    folds: np.ndarray,
    repeat: int,
    fold: int,
    candidate: _Candidate,
    seed: np.random.SeedSequence,
) -> _TaskResult:
    timer = _Timer()
    train_pos = np.flatnonzero(folds != fold)
    test_pos = np.flatnonzero(folds == fold)
    fit_seed, inner_seed = spawn(seed, 2)
    anomaly = candidate.kind == "anomaly"
    try:
        train = stamp_target(context.data.take(train_pos), context.column)
        model = _fit(context, candidate, train, train_pos, fit_seed, timer)
        fit_seconds = timer.seconds["fit"]
        start = time.perf_counter()
        test = context.data.take(test_pos)
        X_test = (
            context.plan.transform(test[context.features], codes=True)
            if anomaly
            else _model_input(context, test)
        )
        start = timer.add("features", start)
        scores = _scores(context, model, X_test, anomaly)
        timer.add("predict", start)
        y_test = context.codes[test_pos]
        metrics: dict[str, dict[str, float]] = {}
        if context.n_classes == 2:
            probabilities = context.score_method == "proba" and not anomaly
            positive = y_test == context.pos
            base = binary_fold_metrics(
                positive,
                scores,
                _default_threshold(context, anomaly),
                probabilities=probabilities,
            )
            metrics[candidate.name] = {**base, "fit_time": fit_seconds}
            if context.tune and (context.score_method != "predict" or anomaly):
                tuned = _tune(context, candidate, train_pos, inner_seed, timer, anomaly)
                if tuned is not None:
                    start = time.perf_counter()
                    at_tuned = binary_fold_metrics(
                        positive, scores, tuned, probabilities=probabilities
                    )
                    timer.add("threshold", start)
                    metrics[candidate.name + TUNED] = {
                        **at_tuned,
                        "fit_time": timer.seconds["fit"],
                    }
        else:
            if scores.ndim == 2:
                predicted = scores.argmax(axis=1)
                proba = scores if context.score_method == "proba" else None
            else:
                predicted, proba = scores, None
            found = multiclass_fold_metrics(y_test, proba, predicted, context.n_classes)
            metrics[candidate.name] = {**found, "fit_time": fit_seconds}
            scores = None  # type: ignore[assignment]
    except (ImbalanceError, ValueError) as error:
        if not candidate.auto:
            raise
        return _TaskResult(
            repeat, fold, candidate.name, {}, test_pos, None, timer.seconds, str(error)
        )
    return _TaskResult(repeat, fold, candidate.name, metrics, test_pos, scores, timer.seconds)


def _tune(
    context: _Context,
    candidate: _Candidate,
    train_pos: np.ndarray,
    seed: np.random.SeedSequence,
    timer: _Timer,
    anomaly: bool,
) -> float | None:
    """Fit on part of the training fold, choose the F1-best threshold on the rest."""
    split_seed, fit_seed = spawn(seed, 2)
    start = time.perf_counter()
    split = _inner_split(context, train_pos, np.random.default_rng(split_seed))
    timer.add("threshold", start)
    if split is None:
        return None
    inner_pos, valid_pos = split
    inner = stamp_target(context.data.take(inner_pos), context.column)
    model = _fit(context, candidate, inner, inner_pos, fit_seed, timer)
    start = time.perf_counter()
    valid = context.data.take(valid_pos)
    X_valid = (
        context.plan.transform(valid[context.features], codes=True)
        if anomaly
        else _model_input(context, valid)
    )
    start = timer.add("features", start)
    scores = _scores(context, model, X_valid, anomaly)
    start = timer.add("predict", start)
    threshold = choose_tuned_threshold(context.codes[valid_pos] == context.pos, scores)
    timer.add("threshold", start)
    return threshold


def _progress(tasks: Iterable[_TaskResult], total: int, show: bool) -> Iterator[_TaskResult]:
    if not show:
        yield from tasks
        return
    try:
        from tqdm.auto import tqdm  # type: ignore[import-untyped]
    except ImportError:
        done = 0
        for result in tasks:
            done += 1
            print(f"\revaluate: {done}/{total} fits", end="", file=sys.stderr, flush=True)
            yield result
        print(file=sys.stderr, flush=True)
        return
    yield from tqdm(tasks, total=total, desc="evaluate", unit="task")


def _folds(
    codes: np.ndarray, groups: np.ndarray | None, cv: int, seed: np.random.SeedSequence
) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if groups is None:
        return stratified_folds(codes, cv, rng)
    from sklearn.model_selection import StratifiedGroupKFold

    splitter = StratifiedGroupKFold(cv, shuffle=True, random_state=int(rng.integers(2**31)))
    folds = np.empty(len(codes), dtype=np.int64)
    for number, (_, test) in enumerate(splitter.split(np.zeros(len(codes)), codes, groups)):
        folds[test] = number
    return folds


def evaluate(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    estimator: Any = None,
    methods: Any = "auto",
    cv: int = 5,
    repeats: int = 1,
    scoring: str = "average_precision",
    tune_threshold: bool = True,
    groups: Any = None,
    random_state: RandomStateLike = None,
    n_jobs: int | None = None,
    progress: bool = False,
) -> Evaluation:
    """Measure which imbalance technique helps a model on this data, without leakage.

    Every candidate goes through the same stratified folds (grouped with ``groups=``),
    ``repeats`` times: it is fitted on the training part of each fold and scored on the
    untouched test fold. Resamplers, class weights and threshold tuning see training-fold
    rows only; the test fold is never resampled. Each metric gets its mean over the folds and
    a 95 % interval; the verdict names the best candidate by ``scoring``, those that a paired
    test cannot tell apart from it, and says in one line what to do, including "resampling
    does not help here". This function does not mutate the original DataFrame.

    Candidates (``methods="auto"``): ``"none"``; ``"class_weight"`` (balanced weights from
    the training fold, through the estimator's ``class_weight=`` or ``fit(sample_weight=)``;
    skipped with a note when it takes neither); ``"undersample"``; ``"oversample"`` (random
    copies); ``"smote"``. For a binary target each also appears as ``"<name> + tuned
    threshold"``: the F1-best threshold, chosen on a stratified 25 % validation part of the
    training fold (the model refitted on the other 75 %), applied to the scores of the model
    fitted on the whole training fold. With extreme imbalance (at most 20 minority rows, or
    a minority share below 0.5 %) ``"anomaly"`` joins: an IsolationForest fitted on the
    training fold's features, its negated score as the score. A candidate of ``"auto"`` that
    cannot run on this data (e.g. SMOTE with too few minority rows) is left out with a note.

    Metrics, binary: average precision (no-skill value: the prevalence), ROC AUC, the
    threshold and, at it, precision, recall and F1 of the positive class and the balanced
    accuracy; Brier score and log loss (probabilities only); fit time. Multi-class: macro
    average precision one-vs-rest, macro-F1, balanced accuracy, each class's recall, log
    loss, fit time. Intervals are t-intervals over the ``cv * repeats`` fold values with the
    Nadeau-Bengio corrected variance ``(1/J + n_test/n_train) s²`` (folds share training
    rows, so the plain interval is too narrow); the paired test is the corrected
    (Nadeau-Bengio) paired t-test at the 5 % level.

    Parameters
    ----------
    df : pandas.DataFrame
        The data: the target and the feature columns (and ``groups``, if a column).
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    estimator : None, "hgb", "logistic" or scikit-learn classifier, default=None
        ``None`` / ``"hgb"``: ``HistGradientBoostingClassifier`` with native categorical
        handling (bool, category and str columns are categorical; datetimes become
        year, month, day, day of week and hour; timedeltas seconds; missing values
        allowed). ``"logistic"``: ``LogisticRegression`` behind median imputation and
        scaling of the numbers and one-hot encoding of the categories. A classifier or
        pipeline of your own gets the feature columns as they are and the labels as class
        codes ``0..K-1`` (in sorted class order); its unset ``random_state`` is derived
        from ``random_state``.
    methods : "auto", str, callable or list, default="auto"
        The candidates: ``"auto"``, or a list of ``"none"``, ``"class_weight"``,
        ``"anomaly"``, any resampling method name (``"smote"``, ``"nearmiss-1"``,
        ``"tomek"``, ...), a tuple of names applied in order (``("smote", "tomek")``), a
        ``(name, {option: value})`` pair, or a callable ``f(train) -> frame``.
    cv : int, default=5
        Folds (at least 2, at most the size of the smallest class).
    repeats : int, default=1
        Repetitions of the whole cross-validation with different folds (seeds derived from
        ``random_state``).
    scoring : str, default="average_precision"
        The metric the verdict ranks by. Binary: ``"average_precision"``, ``"roc_auc"``,
        ``"f1"``, ``"precision"``, ``"recall"``, ``"balanced_accuracy"``, ``"brier"``,
        ``"log_loss"``. Multi-class: ``"average_precision"`` (macro, one-vs-rest),
        ``"macro_f1"``, ``"balanced_accuracy"``, ``"log_loss"``. Ties (a tuned threshold
        changes no ranking metric) go to the higher F1.
    tune_threshold : bool, default=True
        Add the ``+ tuned threshold`` candidates (binary targets, estimators with scores).
    groups : str or array-like, optional
        A column name or one group per row: no group is in both the training and the test
        part of a fold (scikit-learn's ``StratifiedGroupKFold``).
    random_state : int, numpy Generator or None, default=None
        Seed of the folds, the resamplers, the validation splits and unset estimator seeds.
    n_jobs : int, optional
        Run the (fold, candidate) fits in parallel with joblib (-1: all cores).
    progress : bool, default=False
        Show a progress bar (tqdm when installed, else a line on stderr).

    Returns
    -------
    Evaluation
        ``best``, ``verdict``, ``to_frame()`` (one row per candidate), ``fold_metrics()``,
        ``to_dict()``, ``plot()``.

    Raises
    ------
    InsufficientSamplesError
        A class has fewer rows than ``cv``.
    InvalidFeaturesError
        Feature columns the model cannot take (named), or no feature column.
    ValueError, TypeError
        Unknown candidates, an unsupported ``scoring``, fewer groups than folds, bad
        arguments.

    See Also
    --------
    cv_splits : The folds themselves, resampled inside each training part.
    tune_threshold : Choose a threshold on your own validation scores.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> import pd_imbalance as pdi
    >>> from sklearn.linear_model import LogisticRegression
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame({"x": rng.normal(size=300), "z": rng.normal(size=300)})
    >>> df["y"] = df["x"] + rng.normal(size=300) > 1.6
    >>> ev = pdi.evaluate(df, "y", estimator=LogisticRegression(), cv=3,
    ...                   methods=["none", "undersample"], random_state=0)
    >>> ev.candidates
    ('none', 'none + tuned threshold', 'undersample', 'undersample + tuned threshold')
    >>> float(round(ev.to_frame().loc["none", "average_precision"], 3))
    0.5
    >>> ev.best in ev.candidates
    True
    """
    cv = _check_cv(cv)
    repeats = check_positive_int("repeats", repeats)
    tune = check_bool("tune_threshold", tune_threshold)
    show = check_bool("progress", progress)
    n_jobs = _check_n_jobs(n_jobs)
    column, table, codes = checked_codes(df, target, "evaluate", max_classes="auto")
    n_classes = len(table.classes)
    binary = n_classes == 2
    scoring = _check_scoring(scoring, binary)
    candidates = _candidates(methods)
    group_codes, group_column = _resolve_groups(df, groups)
    smallest = int(np.argmin(table.counts))
    if int(table.counts[smallest]) < cv:
        raise InsufficientSamplesError(
            f"evaluate with cv={cv} needs at least {cv} rows of each class of {column!r} (one "
            f"per test fold); class {table.labels[smallest]!r} has "
            f"{int(table.counts[smallest])}. Use cv={max(int(table.counts[smallest]), 2)} or "
            "fewer, or collect more rows of that class."
        )
    if group_codes is not None and int(group_codes.max()) + 1 < cv:
        raise ValueError(
            f"groups has {plural(int(group_codes.max()) + 1, 'group')} but cv={cv} folds need "
            f"at least {cv} (each test fold takes whole groups). Use cv="
            f"{max(int(group_codes.max()) + 1, 2)} or fewer, or finer groups."
        )
    features: list[Hashable] = [c for c in df.columns if c != column and c != group_column]
    notes: list[str] = []
    if estimator is None or (isinstance(estimator, str) and estimator in ("hgb", "logistic")):
        builtin_name: EstimatorName = "logistic" if estimator == "logistic" else "hgb"
        hgb = builtin_name == "hgb"
        plan = feature_plan(df, features, max_levels=HGB_MAX_LEVELS if hgb else None)
        model = build_estimator(builtin_name, plan)
        builtin = True
        description = (
            "HistGradientBoostingClassifier(categorical_features='from_dtype')"
            if hgb
            else "LogisticRegression (median-imputed, scaled numbers; one-hot categories)"
        )
    elif isinstance(estimator, str):
        raise ValueError(
            f"estimator={estimator!r}: the built-in models are 'hgb' (the default) and "
            "'logistic'; or pass a scikit-learn classifier."
        )
    elif not hasattr(estimator, "fit") or not hasattr(estimator, "get_params"):
        raise TypeError(
            f"estimator must be 'hgb', 'logistic' or a scikit-learn classifier (with fit and "
            f"get_params); got {type(estimator).__name__}."
        )
    else:
        model = estimator
        plan = None
        builtin = False
        description = type(estimator).__name__
    score_method = _score_method(model)
    weight_route = _weight_route(model)
    pos = positive_code(table, None) if binary else -1
    if binary and tune and score_method == "predict":
        notes.append(
            f"{description} has neither predict_proba nor decision_function: no scores, so "
            "no threshold can be tuned and the ranking metrics use its 0/1 predictions; "
            "the other candidates were evaluated."
        )
    if not binary and tune:
        notes.append("Threshold tuning applies to binary targets; it was skipped.")
    if score_method != "proba":
        notes.append("Brier score and log loss need predicted probabilities: not computed.")
    kept: list[_Candidate] = []
    for candidate in candidates:
        if candidate.kind == "class_weight" and weight_route is None:
            notes.append(
                f"class_weight skipped: {description} takes neither class_weight= nor "
                "fit(sample_weight=)."
            )
            continue
        if candidate.kind == "anomaly" and not binary:
            raise ValueError("the 'anomaly' candidate needs a binary target.")
        kept.append(candidate)
    minority = int(table.counts[pos]) if binary else int(table.counts.min())
    extreme = binary and (minority <= FEW_MINORITY or minority / len(df) < TINY_SHARE)
    if extreme and isinstance(methods, str) and methods == "auto":
        kept.append(_Candidate("anomaly", "anomaly", auto=True))
    if plan is None:  # your estimator takes the columns as they are; anomaly needs numbers
        needs = any(c.kind == "anomaly" for c in kept)
        plan = feature_plan(df, features, max_levels=None) if needs else FeaturePlan((), ())

    root = seed_sequence(random_state)
    estimator_seed, *repeat_seeds = spawn(root, repeats + 1)
    model = _derived_seeds(model, int(estimator_seed.generate_state(1)[0] % 2**31))
    fold_table = []
    task_seeds = []
    for seed in repeat_seeds:
        fold_seed, task_seed = spawn(seed, 2)
        fold_table.append(_folds(codes, group_codes, cv, fold_seed))
        task_seeds.append(task_seed)
    context = _Context(
        data=df[[*features, column]],
        column=column,
        features=features,
        classes=table.classes,
        codes=codes,
        n_classes=n_classes,
        pos=pos,
        estimator=model,
        builtin=builtin,
        plan=plan,
        score_method=score_method,
        weight_route=weight_route,
        tune=tune and binary,
        groups=group_codes,
        index_avoids=df.index,
    )
    jobs = [
        (r, f, number, candidate)
        for r in range(repeats)
        for f in range(cv)
        for number, candidate in enumerate(kept)
    ]

    def seed_of(r: int, f: int, number: int) -> np.random.SeedSequence:
        return child_seed(child_seed(task_seeds[r], f), number)

    started = time.perf_counter()
    if n_jobs is None or n_jobs == 1:
        results: Iterable[_TaskResult] = (
            _run_task(context, fold_table[r], r, f, c, seed_of(r, f, i)) for r, f, i, c in jobs
        )
    else:
        from joblib import Parallel, delayed  # type: ignore[import-untyped]

        results = Parallel(n_jobs=n_jobs, return_as="generator")(
            delayed(_run_task)(context, fold_table[r], r, f, c, seed_of(r, f, i))
            for r, f, i, c in jobs
        )
    collected = list(_progress(results, len(jobs), show))
    wall = time.perf_counter() - started
    failed: dict[str, str] = {}
    for result in collected:
        if result.error is not None and result.candidate not in failed:
            failed[result.candidate] = result.error
    for name, message in failed.items():
        notes.append(f"{name} skipped: {message.splitlines()[0]}")
    rows: list[dict[str, Any]] = []
    oof: dict[str, np.ndarray] = {}
    timing = dict.fromkeys(_Timer().seconds, 0.0)
    for result in collected:
        for what, seconds in result.seconds.items():
            timing[what] += seconds
        if result.candidate in failed:
            continue
        for name, values in result.metrics.items():
            rows.append({"candidate": name, "repeat": result.repeat, "fold": result.fold,
                         **values})
            if result.scores is not None and result.repeat == 0 and not name.endswith(TUNED):
                scores = oof.setdefault(name, np.full(len(df), np.nan))
                scores[result.test_positions] = result.scores
    timing["wall"] = wall
    order = []
    for candidate in kept:
        if candidate.name not in failed:
            order += [candidate.name, candidate.name + TUNED]
    return build_evaluation(
        target=column,
        classes=table.classes,
        counts=table.counts,
        pos=max(pos, 0),
        codes=codes,
        rows=rows,
        oof=oof,
        order=order,
        folds=np.stack(fold_table),
        scoring=scoring,
        estimator=description,
        cv=cv,
        repeats=repeats,
        grouped=group_codes is not None,
        notes=notes,
        timing=timing,
    )
