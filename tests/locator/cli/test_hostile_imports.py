"""Issue 13: ``locator import`` refuses every hostile file with a message, exit 2, no traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from geodata.stores import open_store
from locator.cli.main import cli
from tests.fixtures.hostile import corpus

CASES = corpus()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-hostile") / "store.gpkg"
    open_store(path)
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_is_refused_with_a_message(store_path, tmp_path, case):
    fmt, body, words = CASES[case]
    path = tmp_path / f"{case}.{'zip' if fmt == 'hsds' else 'json'}"
    path.write_bytes(body)
    before = open_store(store_path).version()
    result = CliRunner().invoke(
        cli, ["import", fmt, str(path), "--store", str(store_path), "--lang", "en"]
    )
    assert result.exit_code == 2, result.output[-2000:]
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, result.output[-1000:]
    assert open_store(store_path).version() == before


def test_full_disk_is_a_message_not_a_traceback(store_path, tmp_path, monkeypatch):
    import sqlite3

    from geodata.stores import gpkg as gpkg_module
    from tests.fixtures.hostile import feature, geojson

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    path = tmp_path / "ok.geojson"
    path.write_bytes(geojson(feature({"id": "clinic-disk-full"})))
    before = open_store(store_path).version()
    monkeypatch.setattr(gpkg_module, "_write_layer", full)
    result = CliRunner().invoke(cli, ["import", "geojson", str(path), "--store", str(store_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "lleno" in result.output  # Spanish first by default
    assert open_store(store_path).version() == before
