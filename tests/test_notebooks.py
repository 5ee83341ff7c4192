"""The planning notebooks run top to bottom, with no network, on a store with imported clinics
(the user's data), and the store comparison notebook compares it with the bundled data.

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
NOTEBOOKS = [
    NOTEBOOK_DIR / "coverage_gaps.ipynb",
    NOTEBOOK_DIR / "plan_mobile_stops.ipynb",
    NOTEBOOK_DIR / "compare_stores.ipynb",
]
WITH_FIGURES = {"coverage_gaps.ipynb", "plan_mobile_stops.ipynb"}
CLINICS = [  # made-up test clinics (illustrative): far from every VDS, in Montana and Idaho
    ("test-clinic-billings", "Billings", "MT", -108.50, 45.78),
    ("test-clinic-great-falls", "Great Falls", "MT", -111.30, 47.50),
    ("test-clinic-idaho-falls", "Idaho Falls", "ID", -112.03, 43.49),
]


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """A bundled store, and a copy of it with 3 imported clinics."""
    import shutil

    from shapely.geometry import Point

    from geodata.schema import coerce_sites
    from geodata.stores.base import ChangeSet
    from geodata.stores.gpkg import GeoPackageStore

    folder = tmp_path_factory.mktemp("nb-stores")
    before = folder / "before.gpkg"
    GeoPackageStore(before)
    after = folder / "after.gpkg"
    shutil.copy(before, after)
    clinics = coerce_sites(
        [
            {
                "id": i,
                "kind": "clinic",
                "name": f"Test clinic {city}",
                "city": city,
                "state": st,
                "geometry": Point(x, y),
                "location_precision": "city",
                "source": "test",
                "source_date": "2026-12-01",
                "illustrative": True,
            }
            for i, city, st, x, y in CLINICS
        ]
    )
    GeoPackageStore(after, create=False).apply(ChangeSet(sites=clinics, source="test"))
    return before, after


def _point_at(nb, before, after):
    """Set the notebook's STORE parameters (the cell a user edits) to the test stores."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.source = (
            cell.source.replace("STORE_BEFORE = None", f"STORE_BEFORE = {str(before)!r}")
            .replace("STORE_AFTER = None", f"STORE_AFTER = {str(after)!r}")
            .replace("STORE = None", f"STORE = {str(after)!r}")
        )


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
    assert any("STORE" in c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.slow
@pytest.mark.skipif(not _kernel_available(), reason="no python3 Jupyter kernel installed")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path, stores):
    nb = nbformat.read(path, as_version=4)
    _point_at(nb, *stores)
    before = {p.name for p in Path(tempfile.gettempdir()).glob("coverage_gaps_*")}
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    errors = [
        o
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert not errors
    text = "".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.outputs
    )
    assert "Traceback" not in text
    if path.name == "compare_stores.ipynb":
        assert "counties got closer" in text and "clinic" in text
        assert "after: " + str(stores[1]) in text
    elif path.name == "coverage_gaps.ipynb":
        assert "clinic" in text and str(stores[1]) in text
    if path.name not in WITH_FIGURES:
        return
    images = [
        o
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.outputs
        if "image/png" in o.get("data", {})
    ]
    assert images, "no figure was output as an image"
    bare = [
        o
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.outputs
        if "<Figure size" in str(o.get("data", {}).get("text/plain", ""))
        and "image/png" not in o.get("data", {})
    ]
    assert not bare, "a figure was shown as text only"
    left = {p.name for p in Path(tempfile.gettempdir()).glob("coverage_gaps_*")} - before
    assert not left, f"the notebook left temporary folders: {left}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_do_not_force_a_headless_backend(path):
    nb = nbformat.read(path, as_version=4)
    assert not any('matplotlib.use("Agg")' in c.source for c in nb.cells)
