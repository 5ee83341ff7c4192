"""Every fact a person is shown (address, phone, hours) has a source, a date and an evidence level.

Checked on what people actually read: ``site_properties`` of every bundled site (the API, CLI,
maps and page all use it) and the national lines. A fact whose sources are all undated says
so in its label ("sin fecha" / "undated") instead of carrying an invented date.
"""

import re

import pytest

from geodata.bundled import load_bundled
from locator.present import national_lines, site_properties

DISPLAYED = {"address": "street_address", "phone": "phone", "hours": "hours"}
ISO = re.compile(r"^\d{4}(-\d{2}){0,2}$")


@pytest.fixture(scope="module")
def records():
    return load_bundled().sites.to_dict("records")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_displayed_fact_has_source_date_and_evidence(records, lang):
    shown = undated = 0
    for site in records:
        props = site_properties(site, lang)
        for fact, column in DISPLAYED.items():
            if not props[column]:
                continue
            shown += 1
            where = (site["id"], fact)
            assert props[f"{fact}_evidence"] in ("confirmed", "candidate"), where
            assert props[f"{fact}_source"], where
            label = props["evidence"][fact]
            assert label, where
            date = props[f"{fact}_source_date"]
            if date:
                assert ISO.match(date), where
                if props[f"{fact}_evidence"] == "candidate":
                    assert date[:4] in label, where
            else:
                undated += 1
                assert ("sin fecha" if lang == "es" else "undated") in label, where
        if props["contact_fallback"]:
            assert props["national_lines"] and not props["phone"]
    assert shown == sum(bool(site[c]) for site in records for c in DISPLAYED.values())
    assert shown > 60  # 21 consulate (and VDS) addresses, 19 phones, hours
    assert undated < shown / 10


def test_conflicts_are_labelled_not_shown(records):
    conflicts = 0
    for site in records:
        props = site_properties(site, "es")
        for fact, column in DISPLAYED.items():
            if props[f"{fact}_evidence"] == "conflict":
                conflicts += 1
                assert props[column] is None and "conflicto" in props["evidence"][fact]
    assert conflicts >= 2  # Washington's address, Los Angeles's hours


@pytest.mark.parametrize("lang", ["es", "en"])
def test_national_lines_have_source_date_and_evidence(lang):
    for line in national_lines(lang):
        assert line["source"] and ISO.match(line["source_date"]) and line["evidence_label"]
