"""The planning notebooks run top to bottom on the bundled data, with no network.

Needs the ``python3`` Jupyter kernel of the project's environment (``ipykernel``):
``.venv/bin/python -m ipykernel install --sys-prefix`` registers it inside the venv.
"""

import tempfile
from pathlib import Path

import nbformat
import pytest

nbclient = pytest.importorskip("nbclient")
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel  # noqa: E402

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = [NOTEBOOK_DIR / "coverage_gaps.ipynb", NOTEBOOK_DIR / "plan_mobile_stops.ipynb"]


def _kernel_available() -> bool:
    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        return False
    return True


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_planning_notebooks_are_saved_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


@pytest.mark.slow
@pytest.mark.skipif(not _kernel_available(), reason="no python3 Jupyter kernel installed")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    before = {p.name for p in Path(tempfile.gettempdir()).glob("coverage_gaps_*")}
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    errors = [o for cell in nb.cells if cell.cell_type == "code"
              for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    text = "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                   for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs)
    assert "Traceback" not in text
    images = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs
              if "image/png" in o.get("data", {})]
    assert images, "no figure was output as an image"
    bare = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs
            if "<Figure size" in str(o.get("data", {}).get("text/plain", ""))
            and "image/png" not in o.get("data", {})]
    assert not bare, "a figure was shown as text only"
    left = {p.name for p in Path(tempfile.gettempdir()).glob("coverage_gaps_*")} - before
    assert not left, f"the notebook left temporary folders: {left}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_do_not_force_a_headless_backend(path):
    nb = nbformat.read(path, as_version=4)
    assert not any('matplotlib.use("Agg")' in c.source for c in nb.cells)
