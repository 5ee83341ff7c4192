"""locator serve: options reach uvicorn and the app factory through LOCATOR_* variables."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from locator.cli import serve_cmd
from locator.cli.main import cli


@pytest.fixture
def fake_uvicorn(monkeypatch):
    calls = []
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    monkeypatch.delenv("LOCATOR_STORE", raising=False)
    monkeypatch.delenv("LOCATOR_DEFAULT_LANG", raising=False)
    yield calls
    os.environ.pop("LOCATOR_STORE", None)
    os.environ.pop("LOCATOR_DEFAULT_LANG", None)


def test_defaults(fake_uvicorn, tmp_path):
    store = tmp_path / "s.gpkg"
    result = CliRunner().invoke(cli, ["serve", "--store", str(store)])
    assert result.exit_code == 0, result.output
    app, kw = fake_uvicorn[0]
    assert app == "api.app:create_app_from_env"
    assert kw["factory"] is True
    assert (kw["host"], kw["port"], kw["workers"]) == ("127.0.0.1", 8000, 1)
    assert os.environ["LOCATOR_STORE"] == str(store)
    assert store.exists()  # created from the bundled data before the workers start


def test_options_go_to_environment(fake_uvicorn, tmp_path):
    store = str(tmp_path / "s.gpkg")
    result = CliRunner().invoke(
        cli, ["serve", "--port", "9001", "--workers", "2", "--store", store, "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    _, kw = fake_uvicorn[0]
    assert (kw["port"], kw["workers"]) == (9001, 2)
    assert os.environ["LOCATOR_STORE"] == store
    assert os.environ["LOCATOR_DEFAULT_LANG"] == "en"


@pytest.mark.parametrize("args", [["--port", "0"], ["--port", "70000"], ["--workers", "0"]])
def test_bad_options(fake_uvicorn, args):
    result = CliRunner().invoke(cli, ["serve", *args])
    assert result.exit_code == 2
    assert fake_uvicorn == []


def test_server_env():
    assert serve_cmd.server_env(store=None, lang=None) == {}


def test_cli_does_not_import_fastapi():
    code = (
        "import sys; import locator.cli.main; "
        "print(any(m.split('.')[0] in ('fastapi', 'starlette', 'api') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_corrupt_store_is_a_clear_error(fake_uvicorn, tmp_path, monkeypatch):
    monkeypatch.delenv("LOCATOR_DATABASE_URL", raising=False)
    bad = tmp_path / "bad.gpkg"
    bad.write_bytes(b"this is not a geopackage")
    result = CliRunner().invoke(cli, ["serve", "--store", str(bad)])
    assert result.exit_code == 2
    assert "GeoPackage" in result.output
    assert "Traceback" not in result.output
    assert fake_uvicorn == []
