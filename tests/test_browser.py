"""The results' HTML, rendered by a real browser (headless Chromium), is not blank.

The test installs nothing: it uses Debian's ``chromium`` package when present (CI installs it
best-effort) and is skipped, with the reason, where no Chromium is on the PATH.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from matplotlib.image import imread

import pd_imbalance as pdi

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="headless Chromium is not installed (apt-get install chromium); browser test skipped",
)

# Colours the card's style sheet gives the highlighted minority row, the share bars and the
# dark theme's background: seeing them proves the styles were applied, not just the text.
HIGHLIGHT = (255, 244, 194)
BAR = (79, 143, 214)
FLAG = (255, 226, 224)
DARK_BACKGROUND = (22, 27, 34)


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    y = (rng.random(600) < 0.1).astype(np.int64)
    p = 1 / (1 + np.exp(-(rng.normal(size=600) + 2.0 * y - 1.5)))
    return pd.DataFrame({"y": y, "p": p, "pred": (p >= 0.4).astype(np.int64), "none": 0})


RESULTS: dict[str, Callable[[], Any]] = {
    "report": lambda: pdi.report(_frame().drop(columns=["p", "pred", "none"]), "y"),
    "report_with_model": lambda: pdi.report(_frame(), "y", predictions="pred", scores="p"),
    "report_paradox": lambda: pdi.report(_frame(), "y", predictions="none"),
    "threshold": lambda: pdi.tune_threshold(_frame(), "y", scores="p"),
    "comparison": lambda: pdi.report(_frame(), "y").compare(
        pdi.undersample(_frame(), "y", random_state=0).imbalance.report()
    ),
}


def screenshot(markup: str, tmp_path: Path, *, dark: bool = False) -> np.ndarray:
    """Render ``markup`` in headless Chromium and return the screenshot as RGB bytes."""
    assert BROWSER is not None
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html><meta charset='utf-8'><body>{markup}</body>")
    png = tmp_path / "shot.png"
    command = [
        BROWSER,
        "--headless",
        "--disable-gpu",
        "--no-sandbox",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={png}",
        "--window-size=1000,800",
        *(["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] if dark else []),
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert png.exists(), f"no screenshot (exit {done.returncode}): {done.stderr[-2000:]}"
    image = imread(png)
    return np.asarray(np.round(image[..., :3] * 255), dtype=np.int64)


def has_colour(rgb: np.ndarray, colour: tuple[int, int, int], tolerance: int = 3) -> bool:
    return bool(np.any(np.all(np.abs(rgb - np.array(colour)) <= tolerance, axis=-1)))


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_html_renders_non_blank(name: str, tmp_path: Path) -> None:
    markup = RESULTS[name]()._repr_html_()
    rgb = screenshot(markup, tmp_path)
    white = np.all(rgb >= 250, axis=-1).mean()
    colours = len(np.unique(rgb.reshape(-1, 3), axis=0))
    assert white < 0.97, f"{name}: {white:.1%} of the screenshot is white"
    assert colours > 50, f"{name}: only {colours} distinct colours"
    if name.startswith("report") or name == "threshold":
        assert has_colour(rgb, HIGHLIGHT), f"{name}: no highlighted row"
    if name != "comparison":
        assert has_colour(rgb, BAR), f"{name}: no share bar"
    if name == "report_paradox":
        assert has_colour(rgb, FLAG), f"{name}: the paradox flag is not highlighted"


def test_html_follows_a_dark_colour_scheme(tmp_path: Path) -> None:
    rgb = screenshot(RESULTS["report_with_model"]()._repr_html_(), tmp_path, dark=True)
    assert has_colour(rgb, DARK_BACKGROUND), "the card did not switch to its dark colours"
