"""``locator info``: counts per kind, precision and evidence level, and the VDS count note."""

import json

import pytest
from click.testing import CliRunner

from geodata.bundled import load_bundled
from locator.cli.main import cli


@pytest.fixture
def store(tmp_path):
    return str(tmp_path / "locator.gpkg")


def test_info_json_counts_every_evidence_level(store):
    done = CliRunner().invoke(cli, ["info", "--store", store, "--format", "json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    sites = load_bundled().sites
    consulates = sites[sites.kind == "consulate"]
    for fact in ("address", "phone", "hours"):
        counts = data["by_evidence"][fact]
        levels = consulates[f"{fact}_evidence"]
        for level in ("confirmed", "candidate", "conflict"):
            assert counts[level] == int((levels == level).sum())
        assert counts["none"] == int((levels == "").sum())
        assert sum(counts[k] for k in ("confirmed", "candidate", "conflict", "none")) == 53
        assert data["by_evidence_all"][fact]["none"] >= counts["none"]
    assert data["by_kind"]["vds"] == 52
    assert "Houston" in data["vds_count_note"]["en"] and "51" in data["vds_count_note"]["es"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("es", ("evidencia", "sin verificar", "en conflicto", "52 registros de VDS")),
        ("en", ("evidence", "unverified", "in conflict", "52 VDS records")),
    ],
)
def test_info_text_says_the_evidence_and_why_52_vds(store, lang, words):
    done = CliRunner().invoke(cli, ["info", "--store", store, "--lang", lang])
    assert done.exit_code == 0, done.output
    for word in words:
        assert word in done.output
    other = "unverified" if lang == "es" else "sin verificar"
    assert other not in done.output


@pytest.mark.parametrize(
    ("query", "lang", "office", "words"),
    [
        (
            "Lubbock, TX",
            "es",
            "Albuquerque",
            ("regla: reasignación SRE 2022-06-01", "fuente:", "milenio.com", "(2022-06-01)"),
        ),
        (
            "Honolulu, HI",
            "en",
            "San Francisco",
            ("rule: San Francisco serves Hawaii", "source:", "(undated)"),
        ),
        ("60608", "es", "Chicago", ("aproximación: oficina más cercana",)),
    ],
)
def test_serving_says_the_rule_or_the_approximation(store, query, lang, office, words):
    done = CliRunner().invoke(cli, ["serving", query, "--store", store, "--lang", lang])
    assert done.exit_code == 0, done.output
    assert f"Consulado de México en {office}" in done.output
    for word in words:
        assert word in done.output


def test_serving_json_and_bad_place(store):
    done = CliRunner().invoke(cli, ["serving", "Lubbock, TX", "--store", store, "--format", "json"])
    data = json.loads(done.output)
    assert data["basis"] == "rule" and data["rule"]["source_date"] == "2022-06-01"
    assert data["office"]["id"] == "consulate-albuquerque" and data["approximation"] is True
    bad = CliRunner().invoke(cli, ["serving", "zzqxv nowhere", "--store", store])
    assert bad.exit_code != 0 and "Traceback" not in bad.output


@pytest.mark.parametrize(
    ("lang", "said", "not_said"),
    [
        (
            "es",
            ("conjunto de datos ", " sitios)", "  rutas ", " paradas ", "fuentes:"),
            ("dataset ", " sites)", "routes ", "stops ", "sources:"),
        ),
        (
            "en",
            ("dataset ", " sites)", "  routes ", " stops ", "sources:"),
            ("conjunto de datos", "rutas ", "fuentes:"),
        ),
    ],
)
def test_info_headlines_are_in_the_language(store, lang, said, not_said):
    """The dataset, routes and sources lines used to be English in the Spanish output."""
    done = CliRunner().invoke(cli, ["info", "--store", store, "--lang", lang])
    assert done.exit_code == 0, done.output
    assert all(word in done.output for word in said), done.output
    assert not any(word in done.output for word in not_said), done.output
