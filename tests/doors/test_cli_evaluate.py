"""The ``pd-imbalance evaluate`` command."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pd_imbalance.cli import main


def _file(tmp_path: Path) -> Path:
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"x": rng.normal(size=120), "c": rng.choice(["a", "b"], size=120)})
    df["y"] = (df["x"] + rng.normal(size=120) > 1.2).astype(int)
    path = tmp_path / "data.csv"
    df.to_csv(path, index=False)
    return path


def test_evaluate_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path)
    args = ["evaluate", str(path), "--target", "y", "--model", "logistic"]
    assert main([*args, "--methods", "none,undersample", "--cv", "3", "--seed", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    names = [row["candidate"] for row in data["candidates"]]
    assert names == ["none", "none + tuned threshold", "undersample",
                     "undersample + tuned threshold"]
    assert data["cv"] == 3 and data["best"] in names and data["verdict"]


def test_evaluate_text_and_bad_methods(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path)
    args = ["evaluate", str(path), "--target", "y", "--model", "logistic", "--cv", "2"]
    assert main([*args, "--methods", "none", "--seed", "0"]) == 0
    assert "Verdict:" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main([*args, "--methods", "none,smoot"])
    assert "unknown candidate 'smoot'" in capsys.readouterr().err
