"""Layers go one way (geodata <- locator <- api) and only the edges read the environment."""

import ast
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


def _locator_error_names() -> set[str]:
    import api.app  # noqa: F401  (imports every error class of the three packages)
    import locator.cli.main  # noqa: F401
    from geodata.errors import LocatorError

    names, todo = set(), [LocatorError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo += cls.__subclasses__()
    return names


def _inline_message(call: ast.Call) -> bool:
    literal = (ast.Constant, ast.JoinedStr, ast.BinOp)
    return any(isinstance(a, literal) for a in call.args) or any(
        k.arg in ("es", "en") for k in call.keywords
    )


@pytest.mark.parametrize("package", ["geodata", "locator", "api"])
def test_errors_say_their_words_through_the_catalog(package):
    """Every error raised in the packages takes a catalog entry (``T``), never inline strings
    in (en, es) or es=/en= form, and no helper passes message pairs around (issue 18)."""
    names = _locator_error_names()
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "geodata/errors.py":
            continue  # the error base itself (it still takes plain strings from outside code)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if name in names and _inline_message(node):
                    offenders.append(f"{rel}:{node.lineno} {name}")
            elif isinstance(node, ast.FunctionDef):
                params = {a.arg for a in node.args.args + node.args.kwonlyargs}
                if {"en", "es"} <= params:
                    offenders.append(f"{rel}:{node.lineno} def {node.name}(en, es)")
    assert offenders == []
