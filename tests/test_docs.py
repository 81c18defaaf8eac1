"""Every Python block of the docs and README runs against the current API."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_python_blocks_run(page: Path) -> None:
    blocks = [b for b in BLOCK.findall(page.read_text()) if "read_csv(" not in b]
    namespace: dict[str, object] = {}
    for block in blocks:  # blocks of one page build on each other, like a notebook
        if "df = " not in block and "df" not in namespace and "df." in block:
            namespace["df"] = _example_frame()
        exec(compile(block, str(page), "exec"), namespace)


def _example_frame() -> object:
    import pandas as pd

    import pd_imbalance  # noqa: F401  (registers the accessor)

    return pd.DataFrame(
        {"amount": range(200), "is_fraud": [False] * 170 + [True] * 30}
    ).imbalance.set_target("is_fraud")
