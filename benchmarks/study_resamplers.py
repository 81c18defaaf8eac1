"""What each resampler does to a model on the bundled data: the numbers of docs/resamplers.md.

Not a speed benchmark: a small, leakage-safe study. On the bundled "excellent wine" data
(4,898 wines, 180 excellent = 3.7 %), every technique goes through the same repeated
stratified 5-fold cross-validation (``pdi.cv_splits``: the training folds are resampled, the
test folds never), with two models:

* a weak-ish learner, a standardised logistic regression;
* a strong learner, scikit-learn's HistGradientBoostingClassifier.

For each (model, technique) it reports the mean over folds x repeats of average precision
(AP; the no-skill line is the prevalence, 0.037), ROC AUC, the Brier score, the mean predicted
probability on the test folds (the true prevalence is 0.037: above it means overestimated
risks, the calibration cost of resampling) and the F1 of the positive class at the 0.5 cut.

Run: ``python benchmarks/study_resamplers.py [--repeats 3] [--methods none,smote,...]``.
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, f1_score, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import pd_imbalance as pdi
from pd_imbalance.datasets import load_excellent_wine

TARGET = "excellent"

#: label -> (cv_splits method, use class weights)
TECHNIQUES: dict[str, tuple[Any, bool]] = {
    "none": ("none", False),
    "class weights": ("none", True),
    "random undersampling": ("undersample", False),
    "NearMiss-1": ("nearmiss-1", False),
    "random oversampling": ("oversample", False),
    "SMOTE": ("smote", False),
    "Borderline-SMOTE 1": ("borderline-1", False),
    "Borderline-SMOTE 2": ("borderline-2", False),
    "ADASYN": ("adasyn", False),
    "Tomek links": ("tomek", False),
    "ENN": ("enn", False),
    "NCR": ("ncr", False),
    "SMOTE + Tomek": (("smote", "tomek"), False),
    "SMOTE + ENN": (("smote", "enn"), False),
}

MODELS: dict[str, Callable[[], Any]] = {
    "logistic regression": lambda: make_pipeline(
        StandardScaler(), LogisticRegression(max_iter=2000)
    ),
    "gradient boosting": lambda: HistGradientBoostingClassifier(random_state=0),
}


def evaluate(
    df: pd.DataFrame, method: Any, weighted: bool, model: Callable[[], Any], repeats: int
) -> dict[str, float]:
    """Mean metrics of one technique and model over ``repeats`` x 5 folds."""
    rows: list[dict[str, float]] = []
    for repeat in range(repeats):
        for train, test in pdi.cv_splits(df, TARGET, 5, method=method, random_state=repeat):
            x_train, y_train = train.drop(columns=TARGET), train[TARGET].to_numpy(bool)
            x_test, y_test = test.drop(columns=TARGET), test[TARGET].to_numpy(bool)
            estimator = model()
            start = time.perf_counter()
            if weighted:
                weight = pdi.sample_weights(train, TARGET).to_numpy()
                name = estimator.steps[-1][0] if hasattr(estimator, "steps") else None
                key = f"{name}__sample_weight" if name else "sample_weight"
                estimator.fit(x_train, y_train, **{key: weight})
            else:
                estimator.fit(x_train, y_train)
            seconds = time.perf_counter() - start
            p = estimator.predict_proba(x_test)[:, 1]
            rows.append(
                {
                    "AP": average_precision_score(y_test, p),
                    "ROC AUC": roc_auc_score(y_test, p),
                    "Brier": brier_score_loss(y_test, p),
                    "mean p": float(p.mean()),
                    "F1 @0.5": f1_score(y_test, p >= 0.5, zero_division=0.0),
                    "train rows": float(len(train)),
                    "fit s": seconds,
                }
            )
    return pd.DataFrame(rows).mean().to_dict()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--methods", default=",".join(TECHNIQUES))
    args = parser.parse_args(argv)
    df = load_excellent_wine()
    wanted = [m.strip() for m in args.methods.split(",")]
    table: list[dict[str, Any]] = []
    for model_name, model in MODELS.items():
        for label in wanted:
            method, weighted = TECHNIQUES[label]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    result = evaluate(df, method, weighted, model, args.repeats)
                except NotImplementedError:
                    continue
            table.append({"model": model_name, "technique": label, **result})
            print(f"{model_name:20} {label:22} AP {result['AP']:.3f}", flush=True)
    out = pd.DataFrame(table)
    out["train rows"] = out["train rows"].round().astype(int)
    print()
    print(markdown(out))


def markdown(table: pd.DataFrame) -> str:
    """Return ``table`` as a Markdown table (floats to 3 decimals)."""
    cells = [[f"{v:.3f}" if isinstance(v, float) else str(v) for v in row] for row in table.values]
    lines = ["| " + " | ".join(map(str, table.columns)) + " |"]
    lines.append("|" + "|".join("---" for _ in table.columns) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    return "\n".join(lines)


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
