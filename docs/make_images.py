"""Draw the pictures shown on docs/pictures.md into docs/img/ (run by hand; output committed).

    python docs/make_images.py

The plots are matplotlib PNGs; the HTML screenshots need headless Chromium on the PATH
(``apt-get install chromium``) and are skipped with a message without it. Every image is
kept small (a palette PNG, under 150 KB).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
from matplotlib.figure import Figure
from PIL import Image
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import pd_imbalance as pdi  # noqa: F401  (registers the accessor)
from pd_imbalance.datasets import load_excellent_wine

OUT = Path(__file__).resolve().parent / "img"
LIMIT = 150_000


def small_png(source: Path, target: Path) -> None:
    """Save ``source`` as an optimised palette PNG, cropped to its content."""
    image = Image.open(source).convert("RGB")
    pixels = np.asarray(image)
    content = np.flatnonzero(np.any(pixels < 250, axis=(1, 2)))
    if len(content):
        image = image.crop((0, 0, image.width, min(image.height, int(content[-1]) + 12)))
    image.quantize(colors=128).save(target, optimize=True)
    size = target.stat().st_size
    print(f"{target.relative_to(OUT.parent)}: {size / 1000:.0f} KB")
    if size > LIMIT:
        sys.exit(f"{target} is {size:,} bytes, more than {LIMIT:,}")


def save(figure: Figure, name: str, tmp: Path) -> None:
    """Save a matplotlib figure as docs/img/<name>."""
    raw = tmp / f"raw-{name}"
    figure.savefig(raw, dpi=90)
    small_png(raw, OUT / name)


def screenshot(markup: str, name: str, tmp: Path, width: int = 1000) -> None:
    """Render HTML in headless Chromium and save the screenshot as docs/img/<name>."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print(f"{name}: skipped (no chromium on the PATH)")
        return
    page = tmp / f"{name}.html"
    page.write_text(f"<!doctype html><meta charset='utf-8'><body>{markup}</body>")
    raw = tmp / f"raw-{name}"
    subprocess.run(
        [
            browser,
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--hide-scrollbars",
            f"--user-data-dir={tmp / 'profile'}",
            f"--screenshot={raw}",
            f"--window-size={width},1100",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    small_png(raw, OUT / name)


def main() -> None:
    """Fit the guide's weighted logistic regression on the wine data and draw its pictures."""
    OUT.mkdir(exist_ok=True)
    wine = load_excellent_wine()
    features = [c for c in wine.columns if c != "excellent"]
    train, test = wine.imbalance.split_then_resample(method="none", random_state=0)
    model = make_pipeline(
        StandardScaler(), LogisticRegression(max_iter=1000, class_weight="balanced")
    ).fit(train[features], train["excellent"])
    scored = test.assign(
        predicted=model.predict(test[features]),
        score=model.predict_proba(test[features])[:, 1],
    )
    data = wine.imbalance.report()
    evaluated = scored.imbalance.report(predictions="predicted", scores="score")
    recall = scored.imbalance.tune_threshold(
        scores="score", objective="min_recall", min_recall=0.8
    )
    cost = scored.imbalance.tune_threshold(scores="score", objective="cost", fn_cost=10)
    after = wine.imbalance.smote(random_state=0).imbalance.report()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        save(data.plot().figure, "report_counts.png", tmp)
        save(evaluated.plot().figure, "report_model.png", tmp)
        save(recall.plot().figure, "threshold_min_recall.png", tmp)
        save(cost.plot().figure, "threshold_cost.png", tmp)
        screenshot(evaluated._repr_html_(), "report_html.png", tmp)
        screenshot(recall._repr_html_(), "threshold_html.png", tmp, width=800)
        screenshot(data.compare(after)._repr_html_(), "compare_html.png", tmp, width=700)


if __name__ == "__main__":
    main()
