"""The CLI's own messages speak the command's language (issue 18, item 2): ``--lang es`` (the
default) has none of their English, ``--lang en`` none of their Spanish. They used to be fixed
"Spanish / English" (or English-only) strings."""

from __future__ import annotations

import re
from types import SimpleNamespace

import click
import pytest
from click.testing import CliRunner

from locator.cli import main as cli_main
from locator.cli.import_cmd import _print_errors, _summary
from locator.cli.main import cli, run
from tests.fixtures.make_hrsa import write_hrsa

LANGS = ("es", "en")


def _words(said: dict[str, list[str]], lang: str) -> tuple[list[str], list[str]]:
    """(words that must be in ``lang``'s output, words of the other language that must not)."""
    other = "en" if lang == "es" else "es"
    return said[lang], said[other]


def _check(out: str, said: dict[str, list[str]], lang: str) -> None:
    present, absent = _words(said, lang)
    for word in present:
        assert word in out, (lang, word, out)
    for word in absent:
        assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", out), (lang, word, out)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from geodata.stores.gpkg import GeoPackageStore

    path = tmp_path_factory.mktemp("lang") / "locator.gpkg"
    GeoPackageStore(path)
    return str(path)


@pytest.mark.parametrize("lang", LANGS)
def test_abort_is_said_in_the_language(monkeypatch, capsys, lang):
    def abort(**_):
        raise click.Abort

    monkeypatch.delenv("LOCATOR_LANG", raising=False)
    monkeypatch.setattr(cli_main.cli, "main", abort)
    args = ["info"] if lang == "es" else ["info", "--lang", "en"]
    assert run(args) == 1
    err = capsys.readouterr().err.strip()
    assert err == {"es": "Cancelado.", "en": "Aborted."}[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_bad_base_url_is_said_in_the_language(store, monkeypatch, capsys, lang):
    monkeypatch.delenv("LOCATOR_PUBLIC_URL", raising=False)
    args = ["embed", "consulate-chicago", "--snippet", "--store", store]
    args += ["--base-url", "http://consulmex.example", "--lang", lang]
    assert run(args) == 2
    err = capsys.readouterr().err
    _check(
        err,
        {"es": ["la dirección no es válida"], "en": ["the address is invalid"]},
        lang,
    )


@pytest.mark.parametrize("lang", LANGS)
def test_relative_snippet_warning_is_said_in_the_language(store, monkeypatch, lang):
    monkeypatch.delenv("LOCATOR_PUBLIC_URL", raising=False)
    result = CliRunner().invoke(
        cli, ["embed", "consulate-chicago", "--snippet", "--store", store, "--lang", lang]
    )
    assert result.exit_code == 0, result.output
    said = {"es": ["Aviso:", "Indique --base-url"], "en": ["Warning:", "Pass --base-url"]}
    _check(result.stderr, said, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_export_site_summary_is_said_in_the_language(store, tmp_path, lang):
    out = tmp_path / "site"
    result = CliRunner().invoke(
        cli, ["export-site", str(out), "--store", store, "--no-tiles", "--lang", lang]
    )
    assert result.exit_code == 0, result.output
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith(str(out / "index.html"))
    said = {
        "es": ["sitios", "mosaicos", "de calles", "archivos", "(datos"],
        "en": ["sites", "tiles", "street", "files", "(data"],
    }
    _check(line.removeprefix(str(out / "index.html")), said, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_export_site_refuses_no_folder_in_the_language(store, lang):
    result = CliRunner().invoke(cli, ["export-site", ".", "--store", store, "--lang", lang])
    assert result.exit_code == 2
    said = {"es": ["indique una carpeta nueva"], "en": ["give a new folder"]}
    _check(result.output, said, lang)


SUMMARY = {
    "es": [
        "SIMULACIÓN",
        "filas leídas",
        "omitidas",
        "insertados",
        "actualizados",
        "sin cambios",
        "avisos",
        "fila 7",
        "3 más",
        "rutas 2, paradas 5",
        "oficial cambiado",
        "versión v9",
    ],
    "en": [
        "DRY RUN",
        "rows read",
        "skipped",
        "inserted",
        "updated",
        "unchanged",
        "warnings",
        "row 7",
        "3 more",
        "routes 2, stops 5",
        "official changed",
        "version v9",
    ],
}


@pytest.mark.parametrize("lang", LANGS)
def test_import_summary_lines_are_said_in_the_language(capsys, lang):
    parsed = SimpleNamespace(
        fmt="hrsa",
        rows_read=20,
        rows_skipped=1,
        warnings=[{"row": 7, "field": "phone", "message": "m"}] * 13,
        skip_reasons=lambda: {},
    )
    report = SimpleNamespace(
        dry_run=True,
        routes=2,
        stops=5,
        inserted=3,
        updated=4,
        unchanged=5,
        official_changed=[{"id": "consulate-chicago", "fields": ["phone"]}],
        version="v9",
    )
    _summary(parsed, report, 0.1, lang)
    _check(capsys.readouterr().out, SUMMARY, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_route_import_summary_and_error_list_are_said_in_the_language(capsys, lang):
    parsed = SimpleNamespace(
        fmt="routes", rows_read=5, rows_skipped=0, warnings=[], skip_reasons=lambda: {}
    )
    report = SimpleNamespace(
        dry_run=False,
        routes=1,
        stops=5,
        inserted=0,
        updated=0,
        unchanged=0,
        official_changed=[],
        version="v2",
    )
    _summary(parsed, report, 0.1, lang)
    exc = SimpleNamespace(
        message=lambda _: "x",
        detail={
            "errors": [{"row": 1, "field": "schedule.rrule", "message": "m"}],
            "total_errors": 40,
        },
    )
    _print_errors(exc, lang)
    out, err = capsys.readouterr()
    out = out.removeprefix("routes: ")  # the format's name
    said = {
        "es": ["importado", "rutas", "paradas", "campo", "39 más sin mostrar"],
        "en": ["imported", "routes", "stops", "field", "39 more not shown"],
    }
    _check(out + err, said, lang)
    assert ("schedule.*: fila" in err) is (lang == "es")
    assert ("schedule.*: row" in err) is (lang == "en")


@pytest.mark.parametrize("lang", LANGS)
def test_a_real_dry_run_import_is_said_in_the_language(tmp_path, lang):
    from geodata.stores import open_store

    store = tmp_path / "s.gpkg"
    open_store(store)
    path = write_hrsa(tmp_path / "h.csv", n=12)
    result = CliRunner().invoke(
        cli, ["import", "hrsa", str(path), "--store", str(store), "--dry-run", "--lang", lang]
    )
    assert result.exit_code == 0, result.output
    said = {
        "es": ["SIMULACIÓN", "filas leídas", "versión"],
        "en": ["DRY RUN", "rows read", "version"],
    }
    _check(result.stdout, said, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_file_system_error_is_said_in_the_language(tmp_path, lang):
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    result = CliRunner().invoke(cli, ["info", "--store", f"{blocker}/x.gpkg", "--lang", lang])
    assert result.exit_code == 2
    said = {"es": ["no se puede usar el archivo"], "en": ["cannot use the file"]}
    _check(result.output, said, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_route_listing_tags_illustrative_routes_reader_language_first(store, lang):
    result = CliRunner().invoke(cli, ["routes", "--store", store, "--lang", lang])
    assert result.exit_code == 0, result.output
    tag = {"es": "[ILUSTRATIVO / ILLUSTRATIVE]", "en": "[ILLUSTRATIVE / ILUSTRATIVO]"}[lang]
    assert tag in result.output


@pytest.mark.parametrize("lang", LANGS)
def test_gaps_and_suggest_summaries_are_said_in_the_language(lang):
    gaps = CliRunner().invoke(cli, ["gaps", "--kind", "vds", "--top", "3", "--lang", lang])
    assert gaps.exit_code == 0, gaps.output
    said = {
        "es": ["Población a más de", "condados", "Nacidos en México", "Por oficina"],
        "en": ["Population beyond", "counties", "Mexico-born", "Per (nearest) office"],
    }
    _check(gaps.stdout, said, lang)
    suggest = CliRunner().invoke(
        cli, ["suggest", "--kind", "vds", "-k", "2", "--model", "pmedian", "--lang", lang]
    )
    assert suggest.exit_code == 0, suggest.output
    said = {
        "es": ["Costo medio ponderado por persona"],
        "en": ["Population-weighted mean cost"],
    }
    _check(suggest.stdout, said, lang)
