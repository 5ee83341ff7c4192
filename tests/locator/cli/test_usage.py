"""click's own usage errors in the CLI's language (locator.cli.usage through main.run)."""

from __future__ import annotations

import pytest

from locator.cli.main import run
from locator.cli.usage import cli_lang


@pytest.mark.parametrize(
    ("args", "spanish", "english"),
    [
        (["import", "--bogus"], "No existe la opción --bogus", "No such option"),
        (["export", "--format", "xyz", "-o", "a"], "no es uno de", "is not one of"),
        (["import", "hrsa", "/no/such/file.csv"], "no existe", "does not exist"),
        (["nearest"], "Falta el argumento 'QUERY'", "Missing argument"),
        (["no-such-command"], "No existe el comando", "No such command"),
        (["export", "-o", "a.csv", "--kind"], "necesita un valor", "requires an argument"),
    ],
)
def test_usage_errors_in_both_languages(capsys, monkeypatch, args, spanish, english):
    monkeypatch.delenv("LOCATOR_LANG", raising=False)
    assert run(args) == 2
    err = capsys.readouterr().err
    assert spanish in err and "Pruebe" in err and english not in err and "Usage:" not in err
    monkeypatch.setenv("LOCATOR_LANG", "en")
    assert run(args) == 2
    err = capsys.readouterr().err
    assert english in err and "Try" in err


def test_help_and_version_still_exit_zero(capsys):
    assert run(["--help"]) == 0 and "locator" in capsys.readouterr().out
    assert run(["--version"]) == 0


def test_cli_lang():
    assert cli_lang(["x", "--lang=en"], "es") == "en"
    assert cli_lang(["x"], "en") == "en" and cli_lang(["x"], None) == "es"


def test_usage_entries_say_clicks_words():
    from locator.cli.usage import _INNER
    from locator.i18n.cli import CLI_USAGE

    for pattern, key in _INNER:  # the entry's English is a message click writes
        fields = {name: "x" for name in pattern.groupindex}
        assert pattern.match(CLI_USAGE[key].fill(**fields).en), key
