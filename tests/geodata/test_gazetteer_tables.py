"""Tests for geodata.gazetteer_tables: the disk-cache key and cache files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import geodata
from geodata import gazetteer_tables as gt


def test_cache_sources_cover_every_gazetteer_module():
    package = Path(geodata.__file__).parent
    modules = {p.name for p in package.glob("gazetteer*.py")}
    assert modules <= set(gt.CACHE_SOURCES)
    assert "aliases.py" in gt.CACHE_SOURCES
    assert all((package / name).is_file() for name in gt.CACHE_SOURCES)


@pytest.mark.parametrize("module", gt.CACHE_SOURCES)
def test_cache_name_changes_with_each_source(module, monkeypatch):
    before = gt.cache_name(5000)
    real = Path.read_bytes

    def edited(path: Path) -> bytes:
        return real(path) + (b"# edited\n" if path.name == module else b"")

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert gt.cache_name(5000) != before


@pytest.mark.parametrize("min_population", [500, 1000, 5000, 15000])
def test_cache_name_is_stable_and_names_the_threshold(min_population):
    name = gt.cache_name(min_population)
    assert name == gt.cache_name(min_population)
    assert name.startswith(f"gazetteer-{min_population}-") and name.endswith(".json")


def test_write_then_read_and_prune(tmp_path):
    old = tmp_path / "gazetteer-5000-0000000000000000.json"
    other = tmp_path / "gazetteer-1000-0000000000000000.json"
    old.write_text("{}", encoding="utf-8")
    other.write_text("{}", encoding="utf-8")
    path = tmp_path / gt.cache_name(5000)
    tables = {"zips": {"60608": ["Chicago", "IL", 41.85, -87.67, "17031", "", True]}}
    gt.write_cache(path, tables)
    assert gt.read_cache(path) == json.loads(json.dumps(tables))
    assert not old.exists() and other.exists()
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize("text", [None, "", "{not json"])
def test_read_cache_missing_or_corrupt_is_none(tmp_path, text):
    path = tmp_path / "gazetteer-5000-x.json"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    assert gt.read_cache(path) is None


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["a"], "a"),
        (["a", "b", "b"], "b"),
        ([("1", "x"), ("2", "y"), ("1", "x")], ("1", "x")),
        (["a", "b"], "a"),  # a tie: the first seen wins
    ],
)
def test_mode(values, expected):
    assert gt.mode(values) == expected


def test_counties_keys_resolve_cook():
    counties = gt.load_counties()
    assert counties.name["17031"].startswith("Cook")
    assert "17031" in counties.full.values()
    assert len(counties.name) > 3000
