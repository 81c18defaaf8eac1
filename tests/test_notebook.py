"""docs/example.ipynb runs top to bottom in a fresh python3 kernel and shows what it claims."""

from __future__ import annotations

from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "example.ipynb"
KERNEL = "python3"  # registered by ipykernel (dev extra) in the environment running pytest


def _stream(cell: nbformat.NotebookNode, name: str) -> str:
    return "".join(
        out["text"]
        for out in cell.get("outputs", [])
        if out["output_type"] == "stream" and out["name"] == name
    )


def _tagged(nb: nbformat.NotebookNode, tag: str) -> nbformat.NotebookNode:
    cells = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"expected one cell tagged {tag!r}, found {len(cells)}"
    return cells[0]


def test_example_notebook_runs() -> None:
    # No skip: a missing kernel is a broken dev environment (NoSuchKernel fails the test).
    KernelSpecManager().get_kernel_spec(KERNEL)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=60,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell

    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code_cells)
    errors = [o for c in code_cells for o in c.outputs if o["output_type"] == "error"]
    assert not errors
    stderr = "".join(_stream(c, "stderr") for c in code_cells)
    assert not stderr, f"the notebook wrote to stderr (a warning?):\n{stderr}"

    headline = _stream(_tagged(nb, "headline"), "stdout")
    assert "imbalance ratio: 26.2:1" in headline
    assert "majority-baseline accuracy: 0.963" in headline

    summary = _tagged(nb, "summary").outputs[0]["data"]["text/plain"]
    assert "plain, tuned threshold" in summary
