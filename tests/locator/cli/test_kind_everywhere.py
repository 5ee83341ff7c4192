"""``--kind vds,consulate`` and ``--kind vds --kind consulate`` mean the same in EVERY command
that takes ``--kind`` and in every API route that takes ``kind`` (issue 18: ``locator gaps``
answered "Unknown kind: vds,consulate" while ``nearest`` and ``export`` took it).

The commands are found by walking the CLI, so a new command with ``--kind`` must be listed
here (its required arguments) or this test fails.
"""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from locator.cli.main import cli, run

SPELLINGS = [
    ["--kind", "vds,consulate"],
    ["--kind", "vds", "--kind", "consulate"],
    ["--kind", " vds ; consulate "],
]

MANY = {  # commands filtering on any number of kinds -> their other required arguments
    "nearest": ["60608"],
    "export": ["-o", "x.csv"],
    "gaps": [],
    "suggest": [],
    "map": ["--all", "-o", "m.html"],
}
ONE = {  # commands taking at most one kind (as the API's office maps and embeds)
    "embed": ["consulate-chicago"],
    "import": ["hsds", "."],
}


def _commands_with_kind() -> set[str]:
    return {
        name
        for name, command in cli.commands.items()
        if any("--kind" in getattr(p, "opts", ()) for p in command.params)
    }


def _context(name: str, args: list[str]) -> click.Context:
    command = cli.commands[name]
    return command.make_context(name, [*args], parent=click.Context(cli))


def _status(args: list[str]) -> int | str | None:
    """Exit status of the console entry point (``locator ...``), as the shell sees it."""
    try:
        return run(args)
    except SystemExit as exc:
        return exc.code


def test_every_command_with_kind_is_covered():
    assert _commands_with_kind() == set(MANY) | set(ONE)


@pytest.mark.parametrize("name", sorted(MANY))
@pytest.mark.parametrize("spelling", SPELLINGS, ids=["comma", "repeated", "semicolon"])
def test_many_kinds_parse_the_same_everywhere(name, spelling):
    ctx = _context(name, [*MANY[name], *spelling])
    assert ctx.params["kinds"] == ("vds", "consulate")
    assert _context(name, MANY[name]).params["kinds"] is None


@pytest.mark.parametrize("name", sorted(MANY) + sorted(ONE))
def test_unknown_kind_is_the_same_clear_error_everywhere(name, capsys):
    args = {**MANY, **ONE}[name]
    assert _status([name, *args, "--kind", "vds,shelter", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "error: Unknown kind: shelter. Allowed: clinic, consulate, vds, vds_mobile"
    )
    assert "Traceback" not in err


@pytest.mark.parametrize("name", sorted(ONE))
def test_one_kind_commands_refuse_two_in_either_spelling(name):
    assert _context(name, [*ONE[name], "--kind", "vds"]).params["kind"] == "vds"
    for spelling in SPELLINGS:
        result = CliRunner().invoke(cli, [name, *ONE[name], *spelling])
        assert result.exit_code == 2, result.output
        assert "error: Indique a lo sumo un tipo" in result.output


def test_import_kind_default_is_clinic():
    assert _context("import", ONE["import"]).params["kind"] == "clinic"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return str(tmp_path_factory.mktemp("store") / "locator.gpkg")


def test_gaps_counts_both_kinds_in_either_spelling(store):
    """The drift itself, end to end: ``gaps --kind vds,consulate`` runs and counts both."""
    bodies = []
    for spelling in SPELLINGS[:2]:
        result = CliRunner().invoke(
            cli, ["gaps", *spelling, "--demand", "proxy", "--format", "json", "--store", store]
        )
        assert result.exit_code == 0, result.output
        bodies.append(json.loads(result.output))
    assert sorted(bodies[0]["kinds"]) == ["consulate", "vds"]
    assert bodies[0]["kinds"] == bodies[1]["kinds"]
    assert bodies[0]["summary"] == bodies[1]["summary"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["gaps", "--thresholds", "10,abc"], "error: --thresholds must be 1 to 6 positive"),
        (["gaps", "--thresholds", "50,-5"], "error: --thresholds must be 1 to 6 positive"),
        (["gaps", "--thresholds", "1,2,3,4,5,6,7"], "error: --thresholds must be 1 to 6"),
        (["nearest", "60608", "--service", "vaccines,nope"], "error: Unknown service: nope."),
        (["nearest", "60608", "--language", "es,e1"], "error: Language codes must be ISO 639"),
    ],
)
def test_other_multi_values_parse_as_the_api_does(args, message, capsys):
    """--service, --language and --thresholds go through the same parsers as the API's
    service, language and thresholds_km (same rules, same words)."""
    assert _status([*args, "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith(message)
    assert _context("nearest", ["60608", "--language", "ES;en", "--service", "vaccines"]).params[
        "languages"
    ] == ("es", "en")
    assert _context("gaps", ["--thresholds", "200;50,100"]).params["thresholds"] == (
        50.0,
        100.0,
        200.0,
    )
