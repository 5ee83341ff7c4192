"""``locator nearest`` text output: evidence labels, and the national lines instead of no phone."""

import pytest
from click.testing import CliRunner

from locator.cli.main import cli


@pytest.fixture
def store(tmp_path):
    return str(tmp_path / "locator.gpkg")


@pytest.mark.parametrize(
    ("lang", "head"),
    [
        ("es", "Líneas nacionales (no son de esta oficina)"),
        ("en", "National lines (not this office's own)"),
    ],
)
def test_office_without_phone_shows_the_national_lines(store, lang, head):
    done = CliRunner().invoke(
        cli,
        [
            "nearest",
            "Santa Ana, CA",
            "--kind",
            "consulate",
            "--limit",
            "1",
            "--store",
            store,
            "--lang",
            lang,
        ],
    )
    assert done.exit_code == 0, done.output
    assert "Santa Ana" in done.output
    assert head in done.output and "+1-520-623-7874" in done.output
    assert "+1-877-639-4835" in done.output
    assert "—" not in done.output.splitlines()[2].split("Santa Ana, CA")[-1]


def test_office_with_phone_shows_it_with_its_evidence(store):
    done = CliRunner().invoke(
        cli,
        [
            "nearest",
            "60608",
            "--kind",
            "consulate",
            "--limit",
            "1",
            "--store",
            store,
            "--lang",
            "en",
        ],
    )
    assert done.exit_code == 0, done.output
    assert "312-738-2383" in done.output and "phone confirmed by" in done.output
    assert "Hours: Mon-Fri" in done.output and "hours unverified: a single source" in done.output
    assert "National lines" not in done.output
