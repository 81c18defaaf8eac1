"""Benchmark: evaluate() - its own overhead, and against a plain scikit-learn loop.

(a) The share of evaluate's time spent on resampling, class weights and threshold work
    (target <= 10 %) next to the estimator fits, from its own timing record; on the bundled
    wine data and on a synthetic frame of ``--rows`` rows (200k by hand: ``--rows 200000``).
(b) Default evaluate on the wine data (5 folds, every "auto" candidate with its tuned
    threshold) against the same fits done by hand in the same process: ``cross_validate``
    per candidate with an imbalanced-learn Pipeline (and, for each tuned threshold, the
    inner 75/25 fit and a threshold search), target <= 2x.

Run ``python benchmarks/bench_evaluate.py [--rows N] [--repeats R]``.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
import pandas as pd
from _common import Target, make_frame, parse_args, seconds

import pd_imbalance as pdi
from pd_imbalance.datasets import load_excellent_wine

SHARE_TARGET = Target(0.10)
TIME_TARGET = Target(2.0)
OVERHEAD = ("resample", "weights", "threshold")


def _smoke_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--smoke", action="store_true",
                        help="a 1,500-row sample of the wine data (CI smoke run)")


def overhead_line(case: str, ev: pdi.Evaluation) -> tuple[str, bool]:
    t = ev.timing
    work = sum(t[k] for k in OVERHEAD)
    share = work / t["fit"]
    verdict = SHARE_TARGET.verdict(share)
    line = (
        f"{case}: resampling + weights + thresholds {seconds(work)} vs estimator fits "
        f"{seconds(t['fit'])} = {share:.1%} (feature prep {seconds(t['features'])}, predict "
        f"{seconds(t['predict'])}, wall {seconds(t['wall'])}) (target <= "
        f"{SHARE_TARGET.limit:.0%}) {verdict}"
    )
    return line, verdict == "PASS"


def sklearn_loop(df: pd.DataFrame, target: str, seed: int) -> None:
    """The same fits by hand: cross_validate per candidate, imblearn pipelines."""
    from imblearn.over_sampling import SMOTE, RandomOverSampler
    from imblearn.pipeline import make_pipeline
    from imblearn.under_sampling import RandomUnderSampler
    from sklearn.base import clone
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import precision_recall_curve
    from sklearn.model_selection import StratifiedKFold, cross_validate, train_test_split

    X, y = df.drop(columns=target), df[target]
    model = HistGradientBoostingClassifier(random_state=seed)
    candidates = {
        "none": model,
        "class_weight": clone(model).set_params(class_weight="balanced"),
        "undersample": make_pipeline(RandomUnderSampler(random_state=seed), model),
        "oversample": make_pipeline(RandomOverSampler(random_state=seed), model),
        "smote": make_pipeline(SMOTE(random_state=seed), model),
    }
    folds = StratifiedKFold(5, shuffle=True, random_state=seed)
    scoring = ["average_precision", "roc_auc", "f1", "balanced_accuracy", "neg_brier_score",
               "neg_log_loss"]
    for estimator in candidates.values():
        cross_validate(estimator, X, y, cv=folds, scoring=scoring)
        for train, _ in folds.split(X, y):  # the tuned threshold: an inner fit per fold
            inner, valid = train_test_split(train, test_size=0.25, stratify=y.iloc[train],
                                            random_state=seed)
            fitted = clone(estimator).fit(X.iloc[inner], y.iloc[inner])
            precision_recall_curve(y.iloc[valid], fitted.predict_proba(X.iloc[valid])[:, 1])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__.splitlines()[0], argv, default_rows=200_000, min_rows=1_000,
                      add_arguments=_smoke_option)
    results: list[bool] = []
    wine = load_excellent_wine()
    if args.smoke:
        wine = wine.sample(1_500, random_state=0)
    # warm-up (imports, pandera) on a small slice
    pdi.evaluate(wine.iloc[:600], methods=["none", "smote"], cv=2, random_state=0)

    best_ours, best_ref = np.inf, np.inf
    ev = None
    for _ in range(args.repeats):
        start = time.perf_counter()
        ev = pdi.evaluate(wine, random_state=0)
        best_ours = min(best_ours, time.perf_counter() - start)
        start = time.perf_counter()
        sklearn_loop(wine, "excellent", 0)
        best_ref = min(best_ref, time.perf_counter() - start)
    assert ev is not None
    line, ok = overhead_line(f"evaluate wine {len(wine):,} x 11, 5 folds, auto", ev)
    print(line, flush=True)
    results.append(ok)
    ratio = best_ours / best_ref
    verdict = TIME_TARGET.verdict(ratio)
    print(
        f"evaluate wine default vs cross_validate + imblearn loop: ours {best_ours:.2f} s, "
        f"sklearn {best_ref:.2f} s, ratio {ratio:.3f}x (target <= {TIME_TARGET.limit:g}x) "
        f"{verdict}",
        flush=True,
    )
    results.append(verdict == "PASS")

    df = make_frame(args.rows, (0.97, 0.03), n_features=10, seed=0)
    ev = pdi.evaluate(df, "y", cv=3, methods=["none", "class_weight", "undersample", "smote"],
                      random_state=0)
    line, ok = overhead_line(f"evaluate synthetic {args.rows:,} x 10, 3 folds", ev)
    print(line, flush=True)
    results.append(ok)
    print(f"evaluate: {sum(results)}/{len(results)} targets passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
