"""Layers go one way (geodata <- locator <- api) and only the edges read the environment."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken" in result.stdout


ENV_READ = re.compile(r"os\.environ|os\.getenv|getenv\(")
ALLOWED = {"api/settings.py"}  # and the CLI entry point (locator/cli/), the other edge


@pytest.mark.parametrize("package", ["geodata", "locator", "api"])
def test_only_the_edges_read_environment_variables(package):
    offenders = []
    for path in (ROOT / package).rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel in ALLOWED or rel.startswith("locator/cli/"):
            continue
        if ENV_READ.search(path.read_text(encoding="utf-8")):
            offenders.append(rel)
    assert offenders == []


@pytest.mark.parametrize("package", ["geodata", "locator"])
def test_lower_layers_never_mention_fastapi(package):
    offenders = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / package).rglob("*.py")
        if re.search(r"^\s*(from|import)\s+(fastapi|starlette)\b", p.read_text(), re.M)
    ]
    assert offenders == []


def test_routers_are_imported_explicitly_and_all_mounted():
    """api.app imports every router module by name (no importlib, no list of strings) and
    mounts each module's router exactly once."""
    import importlib
    import pkgutil

    import api.routers
    from api.app import ROUTERS

    source = (ROOT / "api" / "app.py").read_text(encoding="utf-8")
    assert "importlib" not in source and "import_module" not in source
    modules = [m.name for m in pkgutil.iter_modules(api.routers.__path__)]
    routers = [importlib.import_module(f"api.routers.{m}").router for m in modules]
    assert len(modules) == 14
    assert sorted(map(id, routers)) == sorted(map(id, ROUTERS))


def test_tests_run_coroutines_through_run_async():
    """The session's browser fixture keeps an event loop running in the main thread, so a
    test calling ``asyncio.run`` directly fails when it runs after a browser test."""
    root = Path(__file__).parent
    call = "asyncio." + "run("  # spelled apart so this file does not match itself
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if p.name != "run_async.py" and call in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
