"""docs/tutorial.ipynb runs from top to bottom on the mirror data (its own checks included), in a kernel on
this interpreter: a kernelspec written for the test points at ``sys.executable``, so a fresh clone or CI
needs no ``ipykernel install`` and never picks up another Python's kernel."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

TUTORIAL = Path(__file__).resolve().parents[2] / "docs" / "tutorial.ipynb"
KERNEL = "valuesgap-test-python"

pytestmark = pytest.mark.slow


def kernel_manager(home: Path) -> KernelManager:
    """Return a kernel manager whose only kernel runs ipykernel on this test's interpreter."""
    spec_dir = home / "kernels" / KERNEL
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "valuesgap (test interpreter)",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    specs = KernelSpecManager(kernel_dirs=[str(home / "kernels")])
    return KernelManager(kernel_name=KERNEL, kernel_spec_manager=specs)


def test_committed_without_outputs():
    """The notebook is kept without outputs: numbers shown come from running it, never from a stale copy."""
    nb = nbformat.read(TUTORIAL, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) >= 8
    assert all(not c.outputs and c.execution_count is None for c in code)


def test_tutorial_runs_on_the_mirror(store, tmp_path, monkeypatch):
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    nb = nbformat.read(TUTORIAL, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import sys\nprint('kernel interpreter:', sys.executable)"))
    km = kernel_manager(tmp_path / "jupyter")
    client = NotebookClient(nb, km=km, timeout=900, resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError naming the cell when one fails (its asserts included)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(
        o.get("text", "") if o.output_type == "stream" else o.get("data", {}).get("text/plain", "") for o in outputs
    )
    # the kernel ran this interpreter, and the notebook showed the real numbers
    assert f"kernel interpreter: {sys.executable}" in text
    assert "From 2009, shared-interest vote similarity rose" in text
    assert "New START" in text and "reset 2009–12" in text
