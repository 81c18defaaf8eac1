"""Evaluation: what ``evaluate()`` measured, the verdict, and how to show it.

The verdict is decided here from the fold values (:func:`decide`), so it can be tested on
constructed numbers: the best candidate by the scoring metric (ties to the higher F1, then
to the simpler, earlier candidate), the candidates that the corrected paired t-test cannot
tell apart from it, and a one-line conclusion that compares every technique with doing
nothing.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pd_imbalance._core.evaluation import (
    ALPHA,
    BINARY_METRICS,
    HIGHER_IS_BETTER,
    MULTICLASS_METRICS,
    Summary,
    corrected_t_test,
    summarize,
)
from pd_imbalance._core.metrics import binary_curve
from pd_imbalance._core.recommend import Recommendation
from pd_imbalance._pandas.records import json_safe
from pd_imbalance.results import _html as h

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "Decision",
    "Evaluation",
    "advise",
    "build_evaluation",
    "decide",
    "evaluation_recommendations",
]

TUNED = " + tuned threshold"
BASELINE = "none"
TEST_NAME = (
    "two-sided paired t-test over the same folds with the Nadeau-Bengio corrected variance, "
    f"at the {ALPHA:.0%} level"
)
INTERVAL_NAME = "95 % t-interval over the folds, Nadeau-Bengio corrected variance"
#: Short names of the metrics in text.
SHORT = {
    "average_precision": "AP",
    "roc_auc": "ROC AUC",
    "f1": "F1",
    "macro_f1": "macro-F1",
    "balanced_accuracy": "balanced accuracy",
    "brier": "Brier",
    "log_loss": "log loss",
    "precision": "precision",
    "recall": "recall",
}


def _technique(name: str) -> str:
    return name.removesuffix(TUNED)


@dataclass(frozen=True)
class Decision:
    """The verdict's parts: the best candidate, its equals, the p-values and the text."""

    best: str
    indistinguishable: tuple[str, ...]
    p_values: dict[str, float]
    conclusion: str


def _text(metric: str, s: Summary) -> str:
    if math.isnan(s.low):
        return f"{s.mean:.3f}"
    return f"{s.mean:.3f} ± {s.half_width:.3f}"


def decide(
    values: Mapping[str, np.ndarray],
    scoring: str,
    test_share: float,
    *,
    f1: Mapping[str, np.ndarray] | None = None,
) -> Decision:
    """Decide the verdict from each candidate's fold values of ``scoring`` (same folds).

    ``values`` is ordered: on a full tie the earlier (simpler) candidate wins. ``f1``
    (binary targets) breaks ties of threshold-free metrics, which a tuned threshold does
    not change.

    Examples
    --------
    >>> folds = {"none": np.array([.60, .62, .61, .63, .59]),
    ...          "smote": np.array([.59, .63, .60, .62, .60])}
    >>> d = decide(folds, "average_precision", 0.25)
    >>> d.best, d.indistinguishable
    ('none', ('smote',))
    >>> d.conclusion.split(":")[0]
    'Resampling does not help here'
    """
    names = list(values)
    higher = HIGHER_IS_BETTER.get(scoring, True)
    sign = 1.0 if higher else -1.0
    summaries = {n: summarize(values[n], test_share) for n in names}
    f1_means = {n: float(np.nanmean(f1[n])) if f1 is not None else 0.0 for n in names}

    def key(n: str) -> tuple[float, float, int]:
        mean = summaries[n].mean
        return (round(sign * mean, 12) if not math.isnan(mean) else -math.inf, f1_means[n],
                -names.index(n))

    best = max(names, key=key)
    p_values = {n: corrected_t_test(values[n], values[best], test_share) for n in names}
    p_values[best] = 1.0
    same = tuple(n for n in names if n != best and not p_values[n] < ALPHA)
    metric = SHORT.get(scoring, scoring)
    text = _conclusion(names, best, same, summaries, values, scoring, test_share, metric, f1)
    return Decision(best, same, p_values, text)


def _conclusion(
    names: list[str],
    best: str,
    same: tuple[str, ...],
    summaries: Mapping[str, Summary],
    values: Mapping[str, np.ndarray],
    scoring: str,
    test_share: float,
    metric: str,
    f1: Mapping[str, np.ndarray] | None,
) -> str:
    sign = 1.0 if HIGHER_IS_BETTER.get(scoring, True) else -1.0
    best_text = f"{metric} {_text(scoring, summaries[best])}"
    tuned_note = ""
    if f1 is not None and best.endswith(TUNED) and _technique(best) in f1:
        base = _technique(best)
        tuned_note = (
            f"; a tuned threshold raises F1 to {np.nanmean(f1[best]):.3f} from "
            f"{np.nanmean(f1[base]):.3f} at the default"
        )
    if BASELINE not in values:
        others = f"; {len(same)} other(s) are not distinguishable from it" if same else ""
        return f"{best} is best here ({best_text}){others}{tuned_note}."
    baseline = summaries[BASELINE]

    def beats_nothing(n: str) -> bool:
        better = sign * (summaries[n].mean - baseline.mean) > 0
        return better and corrected_t_test(values[n], values[BASELINE], test_share) < ALPHA

    techniques = [n for n in names if _technique(n) != BASELINE]
    helping = [n for n in techniques if beats_nothing(n)]
    if _technique(best) == BASELINE or not helping:
        alternatives = [n for n in techniques if not n.endswith(TUNED)] or techniques
        if not alternatives:
            return f"Only doing nothing was evaluated ({best_text}){tuned_note}."
        runner = max(alternatives, key=lambda n: sign * summaries[n].mean)
        return (
            f"Resampling does not help here: no technique beats doing nothing on {metric} "
            f"({BASELINE} {_text(scoring, baseline)}; best alternative, {runner}, "
            f"{_text(scoring, summaries[runner])}){tuned_note}."
        )
    not_better = sorted(
        {_technique(n) for n in techniques if not beats_nothing(n)} - {_technique(best)}
    )
    tail = f"; not better than doing nothing: {', '.join(not_better)}" if not_better else ""
    equals = [n for n in same if _technique(n) != _technique(best)]
    also = f"; as good: {', '.join(equals)}" if equals else ""
    return (
        f"{best} is best here ({best_text} vs {_text(scoring, baseline)} for {BASELINE})"
        f"{also}{tail}{tuned_note}."
    )


@dataclass(frozen=True)
class Evaluation:
    """What :func:`pd_imbalance.evaluate` measured: per-candidate metrics and a verdict.

    Attributes
    ----------
    target : str
        The label column.
    scoring : str
        The metric the verdict ranks by.
    estimator : str
        The model evaluated.
    cv, repeats : int
        Folds and repetitions; every metric has ``cv * repeats`` fold values.
    grouped : bool
        Whether the folds kept groups apart.
    n_rows : int
        Rows evaluated.
    classes : tuple
        The classes, in code order (your estimator saw codes ``0..K-1``).
    pos_label : object or None
        The positive class (binary targets).
    prevalence : float or None
        Its share of the rows: the average precision of a model without skill.
    candidates : tuple of str
        The candidates, in the order evaluated.
    best : str
        The best candidate by ``scoring``.
    indistinguishable : tuple of str
        Candidates the paired test cannot tell apart from ``best``.
    verdict : str
        The one-line conclusion.
    test : str
        The paired test used.
    interval : str
        The interval reported.
    notes : tuple of str
        What was skipped and why.
    timing : dict
        Seconds spent, summed over tasks: ``fit``, ``predict``, ``resample``, ``weights``,
        ``threshold``, ``features``; and ``wall`` for the whole run.
    folds : numpy.ndarray
        ``(repeats, n_rows)``: the test fold of every row in each repetition.
    """

    target: Hashable
    scoring: str
    estimator: str
    cv: int
    repeats: int
    grouped: bool
    n_rows: int
    classes: tuple[Any, ...]
    pos_label: Any
    prevalence: float | None
    candidates: tuple[str, ...]
    best: str
    indistinguishable: tuple[str, ...]
    verdict: str
    test: str
    interval: str
    notes: tuple[str, ...]
    timing: dict[str, float]
    folds: np.ndarray = field(repr=False, compare=False)
    _summary: pd.DataFrame = field(repr=False, compare=False)
    _fold_metrics: pd.DataFrame = field(repr=False, compare=False)
    _oof: dict[str, np.ndarray] = field(repr=False, compare=False)
    _positive: np.ndarray | None = field(repr=False, compare=False)

    # -- data -------------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """Return one row per candidate: every metric's mean, ``_low`` and ``_high``.

        Also ``gain`` (the scoring metric minus that of ``none``), ``brier_change`` and
        ``log_loss_change`` (the calibration cost against ``none``; positive is worse),
        ``p_value`` (the paired test against the best) and ``as_good_as_best``.
        ``fit_time`` is the seconds of fitting per fold (with a tuned threshold: the
        validation fit too).
        """
        return self._summary.copy()

    def fold_metrics(self) -> pd.DataFrame:
        """Return every metric of every candidate on every fold (long format)."""
        return self._fold_metrics.copy()

    def oof_scores(self, candidate: str) -> np.ndarray:
        """Return a binary candidate's out-of-fold scores (first repetition), row order."""
        if candidate not in self._oof:
            raise KeyError(
                f"no out-of-fold scores for {candidate!r}; they exist for binary targets, "
                f"for {sorted(self._oof)}."
            )
        return self._oof[candidate].copy()

    def to_dict(self) -> dict[str, Any]:
        """Return everything as JSON-safe Python objects (NaN becomes None).

        Examples
        --------
        >>> import json
        >>> isinstance(json.dumps(Evaluation.__doc__), str)
        True
        """
        rows = []
        for name, row in self._summary.iterrows():
            rows.append({"candidate": name, **{k: _safe(v) for k, v in row.items()}})
        return {
            "target": json_safe(self.target),
            "scoring": self.scoring,
            "estimator": self.estimator,
            "cv": self.cv,
            "repeats": self.repeats,
            "grouped": self.grouped,
            "n_rows": self.n_rows,
            "classes": [json_safe(c) for c in self.classes],
            "pos_label": json_safe(self.pos_label),
            "prevalence": _safe(self.prevalence),
            "best": self.best,
            "indistinguishable": list(self.indistinguishable),
            "verdict": self.verdict,
            "test": self.test,
            "interval": self.interval,
            "notes": list(self.notes),
            "timing": {k: _safe(v) for k, v in self.timing.items()},
            "candidates": rows,
        }

    def recommendations(self) -> tuple[Recommendation, ...]:
        """Return the measured advice as report recommendations (see ``report(evaluation=)``)."""
        return evaluation_recommendations(self)

    # -- display ----------------------------------------------------------------------------
    def _shown_metrics(self) -> list[str]:
        base = BINARY_METRICS if self.pos_label is not None else MULTICLASS_METRICS
        shown = [m for m in base if m in self._summary.columns and m != "fit_time"]
        return [m for m in shown if not self._summary[m].isna().all()]

    def _display(self) -> pd.DataFrame:
        table = self._summary
        out: dict[str, list[str]] = {}
        for metric in self._shown_metrics():
            out[metric] = [_cell(*_triple(table, n, metric), metric) for n in table.index]
        out["gain"] = [_signed(v) for v in table["gain"]]
        for change in ("brier_change", "log_loss_change"):
            if change in table and not table[change].isna().all():
                out[change] = [_signed(v) for v in table[change]]
        out["fit_time"] = [f"{v:.2f} s" for v in table["fit_time"]]
        marks = ["best" if n == self.best else "≈" if n in self.indistinguishable else ""
                 for n in table.index]
        frame = pd.DataFrame({"": marks, **out}, index=list(table.index))
        return frame

    def _header(self) -> str:
        what = (
            f"positive class {self.pos_label!r}, prevalence {self.prevalence:.3f} (the AP of "
            "no skill)"
            if self.pos_label is not None and self.prevalence is not None
            else f"{len(self.classes)} classes"
        )
        groups = ", grouped" if self.grouped else ""
        return (
            f"Evaluation of {self.estimator} on {self.target!r}: {self.n_rows:,} rows, {what}; "
            f"{self.cv} stratified folds{groups} x {self.repeats}, ranked by {self.scoring}"
        )

    def __repr__(self) -> str:
        lines = [self._header(), f"  mean ± half-width of the {INTERVAL_NAME}", ""]
        lines.append(self._display().to_string())
        lines += ["", f"Verdict: {self.verdict}", f"  (test: {self.test})"]
        lines += [f"Note: {note}" for note in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        table = self._display().rename(columns={"": "vs best"})
        table.index.name = "candidate"
        tiles = [
            h.tile("best", self.best, note=f"by {self.scoring}"),
            h.tile("candidates", f"{len(self.candidates)}"),
            h.tile(
                "folds", f"{self.cv} x {self.repeats}", note="grouped" if self.grouped else None
            ),
        ]
        if self.prevalence is not None:
            tiles.append(h.tile("prevalence", f"{self.prevalence:.3f}", note="AP of no skill"))
        body = [
            h.paragraph(f"mean ± half-width of the {INTERVAL_NAME}"),
            h.html_table(table, highlight_rows=[self.best]),
            h.section("Verdict", h.paragraph(self.verdict), h.paragraph(f"test: {self.test}")),
        ]
        if self.notes:
            body.append(h.section("Notes", h.html_list((h.esc(n) for n in self.notes),
                                                       ordered=False)))
        return h.html_card("Evaluation", tiles, body, subtitle=self._header())

    def plot(self, axes: Sequence[Axes] | None = None) -> tuple[Axes, Axes]:
        """Draw out-of-fold precision-recall curves and the metric intervals.

        Left: each candidate's precision-recall curve from its out-of-fold scores (first
        repetition; a tuned threshold does not change the scores, so its curve is its
        base's), with the prevalence as the no-skill line (binary targets). Right: the
        ``scoring`` metric's mean and 95 % interval per candidate as a dot plot. Needs
        matplotlib: ``pip install "pd-imbalance[plot]"``.

        Returns
        -------
        tuple of matplotlib.axes.Axes
            The two axes drawn on.
        """
        try:
            import matplotlib.pyplot as plt
        except ImportError as exc:
            raise ImportError(
                'Evaluation.plot() needs matplotlib; install it with pip install '
                '"pd-imbalance[plot]".'
            ) from exc
        if axes is None:
            _, pair = plt.subplots(1, 2, figsize=(11, 4))
            left, right = pair[0], pair[1]
        else:
            left, right = axes[0], axes[1]
        if self._positive is not None and self._oof:
            for name, scores in self._oof.items():
                curve = binary_curve(self._positive, scores)
                left.step(np.r_[0.0, curve.recall], np.r_[1.0, curve.precision], where="pre",
                          label=name)
            if self.prevalence is not None:
                left.axhline(self.prevalence, color="grey", linestyle=":", label="no skill")
            left.set_xlabel("recall")
            left.set_ylabel("precision")
            left.set_title("out-of-fold precision-recall")
            left.legend(fontsize="small")
        else:
            left.set_axis_off()
        table = self._summary
        y = np.arange(len(table))[::-1]
        mean = table[self.scoring].to_numpy()
        low = table[f"{self.scoring}_low"].to_numpy()
        high = table[f"{self.scoring}_high"].to_numpy()
        right.errorbar(mean, y, xerr=[mean - low, high - mean], fmt="o", capsize=3)
        right.set_yticks(y, [str(n) for n in table.index])
        right.set_xlabel(f"{self.scoring} (95 % interval)")
        right.set_title(f"best: {self.best}")
        return left, right


def _safe(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(float(value)) else float(value)
    return json_safe(value)


def _cell(mean: float, low: float, high: float, metric: str) -> str:
    if math.isnan(mean):
        return "-"
    if metric == "threshold" or math.isnan(low):
        return f"{mean:.3f}"
    return f"{mean:.3f} ± {(high - low) / 2:.3f}"


def _row(table: pd.DataFrame, name: Hashable) -> dict[str, Any]:
    row = table.to_dict("index")[name]
    return {str(k): v for k, v in row.items()}


def _triple(table: pd.DataFrame, name: Hashable, metric: str) -> tuple[float, float, float]:
    row = _row(table, name)
    return float(row[metric]), float(row[f"{metric}_low"]), float(row[f"{metric}_high"])


def _signed(value: float) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:+.3f}"


def build_evaluation(
    *,
    target: Hashable,
    classes: pd.Index,
    counts: np.ndarray,
    pos: int,
    codes: np.ndarray,
    rows: list[dict[str, Any]],
    oof: dict[str, np.ndarray],
    order: list[str],
    folds: np.ndarray,
    scoring: str,
    estimator: str,
    cv: int,
    repeats: int,
    grouped: bool,
    notes: list[str],
    timing: dict[str, float],
) -> Evaluation:
    """Assemble the result from every (candidate, repeat, fold) row of metrics."""
    labels = classes.tolist()
    long = pd.DataFrame(rows)
    if long.empty:
        raise ValueError(
            "evaluate: no candidate could be evaluated; " + " ".join(notes)
        )
    rename = {f"recall[{k}]": f"recall[{label}]" for k, label in enumerate(labels)}
    long = long.rename(columns=rename).sort_values(["candidate", "repeat", "fold"], kind="stable")
    names = [n for n in order if n in set(long["candidate"])]
    metrics = [c for c in long.columns if c not in ("candidate", "repeat", "fold")]
    n_test = np.array([np.bincount(f, minlength=cv) for f in folds], dtype=np.float64)
    test_share = float(np.mean(n_test / (len(codes) - n_test)))
    by_name = {n: long[long["candidate"] == n] for n in names}
    table: dict[str, dict[str, float]] = {}
    for n in names:
        part = by_name[n]
        row: dict[str, float] = {}
        for m in metrics:
            s = summarize(part[m].to_numpy(dtype=np.float64), test_share)
            row[m], row[f"{m}_low"], row[f"{m}_high"] = s.mean, s.low, s.high
        table[n] = row
    summary = pd.DataFrame.from_dict(table, orient="index")
    summary.index.name = "candidate"
    values = {n: by_name[n][scoring].to_numpy(dtype=np.float64) for n in names}
    binary = len(labels) == 2
    f1 = {n: by_name[n]["f1"].to_numpy(dtype=np.float64) for n in names} if binary else None
    decision = decide(values, scoring, test_share, f1=f1)
    base = summary.loc[BASELINE] if BASELINE in summary.index else None
    summary["gain"] = summary[scoring] - base[scoring] if base is not None else np.nan
    for m in ("brier", "log_loss"):
        if m in summary:
            summary[f"{m}_change"] = summary[m] - base[m] if base is not None else np.nan
    summary["p_value"] = [decision.p_values[n] for n in names]
    summary["as_good_as_best"] = [n == decision.best or n in decision.indistinguishable
                                  for n in names]
    positive = codes == pos if binary else None
    return Evaluation(
        target=target,
        scoring=scoring,
        estimator=estimator,
        cv=cv,
        repeats=repeats,
        grouped=grouped,
        n_rows=len(codes),
        classes=tuple(labels),
        pos_label=labels[pos] if binary else None,
        prevalence=float(counts[pos] / counts.sum()) if binary else None,
        candidates=tuple(names),
        best=decision.best,
        indistinguishable=decision.indistinguishable,
        verdict=decision.conclusion,
        test=TEST_NAME,
        interval=INTERVAL_NAME,
        notes=tuple(notes),
        timing=timing,
        folds=folds,
        _summary=summary,
        _fold_metrics=long.reset_index(drop=True),
        _oof={n: oof[n] for n in names if n in oof},
        _positive=positive,
    )


def evaluation_recommendations(evaluation: Evaluation) -> tuple[Recommendation, ...]:
    """Turn an Evaluation into report recommendations: the measured verdict first.

    ``report(evaluation=ev)`` puts these before its rule-based advice.
    """
    if not isinstance(evaluation, Evaluation):
        raise TypeError(
            f"evaluation must be the result of evaluate(); got {type(evaluation).__name__}."
        )
    table = evaluation._summary
    metric = evaluation.scoring
    best = evaluation.best
    mean, low, high = _triple(table, best, metric)
    recs = [
        Recommendation(
            "measured",
            f"Measured with {evaluation.cv}-fold cross-validation x {evaluation.repeats} of "
            f"{evaluation.estimator}: {evaluation.verdict}",
            f"best: {best} ({metric} {_cell(mean, low, high, metric)})",
        )
    ]
    for name in evaluation.candidates:
        if name == best or name.endswith(TUNED) or name == BASELINE:
            continue
        cost = ""
        row = _row(table, name)
        brier = float(row.get("brier_change", math.nan))
        if not math.isnan(brier):
            cost = f", Brier {brier:+.3f} vs none"
        gain = _signed(float(row["gain"]))
        good = bool(row["as_good_as_best"])
        recs.append(
            Recommendation(
                f"measured:{name}",
                f"{metric} {_cell(*_triple(table, name, metric), metric)} (gain {gain} vs none"
                f"{cost}); {'as good as the best' if good else 'worse than the best'}.",
                f"pd_imbalance.evaluate(df, methods=[{name!r}])",
            )
        )
    return tuple(recs)


#: What every report without measured results adds to its threshold-tuning advice.
MEASURE_HINT = (
    " Which of these helps your model on your data is measurable: "
    "pd_imbalance.evaluate(df) runs each through the same folds and says."
)


def advise(
    recommendations: Sequence[Recommendation],
    evaluation: Evaluation | None,
    target: Hashable,
) -> tuple[Recommendation, ...]:
    """Return a report's recommendations: measured ones first, or a pointer to evaluate()."""
    recs = list(recommendations)
    if evaluation is None:
        for i, rec in enumerate(recs):
            if rec.technique == "threshold_tuning":
                recs[i] = Recommendation(rec.technique, rec.reason + MEASURE_HINT, rec.how)
        return tuple(recs)
    measured = evaluation_recommendations(evaluation)
    if evaluation.target != target:
        raise ValueError(
            f"evaluation= measured target {evaluation.target!r}, but this report is for "
            f"{target!r}; pass the evaluation of the same target."
        )
    return (*measured, *recs)
