"""The planning notebooks, pointed at the payload store, evaluate nothing in their outputs.

Their HTML outputs are pandas tables of counties, offices and figures (escaped by pandas); they
show no free text of the imported clinics today, so this guards the day one of them does.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tests.security.payloads import assert_inert
from tests.test_notebooks import NOTEBOOK_DIR, _kernel_available, _point_at

nbclient = pytest.importorskip("nbclient")


@pytest.mark.slow
@pytest.mark.skipif(not _kernel_available(), reason="no python3 Jupyter kernel installed")
@pytest.mark.parametrize("name", ["coverage_gaps.ipynb", "compare_stores.ipynb"])
def test_notebook_html_outputs_are_inert(name, payload_store, tmp_path):
    path: Path = NOTEBOOK_DIR / name
    nb = nbformat.read(path, as_version=4)
    _point_at(nb, payload_store, payload_store)
    nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html_outputs = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    texts = [str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs]
    assert html_outputs, "the notebook showed no HTML output"
    for i, page in enumerate(html_outputs):
        assert_inert(page if isinstance(page, str) else "".join(page), where=f"{name} html {i}")
    for i, text in enumerate(texts):
        assert "PWNED1" not in text and "PWNED2" not in text, f"{name} output {i}"
