"""«¿Quiso decir…?» (issue 15 item 3): the API's suggestions online, a fuzzy match on the
browser's gazetteer offline (typos, NYC, LA, DC, "el Bronx"), a choice for names several places
share, and places outside the US told so. Served page (online, offline) and file:// export."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from test_page import RESULTS, result_ids, search, wait_answer

from locator.cli.main import cli

pytestmark = pytest.mark.browser


def choices(page) -> list[str]:
    if page.is_hidden("#choices"):
        return []
    return page.locator("#choices-list button").all_inner_texts()


def _fresh_search(page, q: str) -> list[str]:
    return search(page, q)


@pytest.mark.parametrize(
    ("q", "shown"), [("Los Angelos", "Los Ángeles, CA"), ("Chicaco", "Chicago, IL")]
)
def test_online_typo_offers_suggestions(page, server, q, shown):
    page.goto(server)
    assert _fresh_search(page, q) == []
    assert "No encontramos" in page.inner_text("#error")
    assert page.inner_text("#choices-title") == "¿Quiso decir…?"
    offered = choices(page)
    assert shown in offered  # the API's "Los Angeles, CA", named in Spanish
    before = int(page.get_attribute("body", "data-searches"))
    exact = re.compile("^" + re.escape(shown) + "$")
    page.locator("#choices-list button", has_text=exact).click()
    wait_answer(page, before)
    assert page.locator(RESULTS).count() == 10
    assert f"cerca de {shown}" in page.inner_text("#status")  # Spanish name on the Spanish page
    assert page.is_hidden("#error")


@pytest.mark.parametrize("q", ["NYC", "El Bronx"])
def test_online_abbreviations_the_api_misses_are_found(page, server, q):
    page.goto(server + "?q=" + q.replace(" ", "+"))  # first search: API first, it misses
    wait_answer(page, 0)
    assert result_ids(page)[0] in ("consulate-new-york", "vds-new-york")
    assert page.is_hidden("#error")


def test_offline_fuzzy_and_abbreviations(page, context, server):
    page.goto(server)
    page.wait_for_selector("body[data-ready='true']")
    page.evaluate("window.LocatorApp.loadGazetteer().then(() => true)")
    context.set_offline(True)
    try:
        assert search(page, "Chicaco") == []
        assert "Chicago, IL" in choices(page)
        assert search(page, "los angelos CA") == []
        assert choices(page)[0] == "Los Ángeles, CA"
        assert search(page, "Carolina del Nrte") == []
        assert {"Carolina del Norte (estado)", "North Carolina (estado)"} & set(choices(page))
        assert search(page, "NYC")[0] in ("consulate-new-york", "vds-new-york")
        assert "Nueva York" in page.inner_text("#status") or "New York" in page.inner_text(
            "#status"
        )
        assert search(page, "el Bronx")[0] in ("consulate-new-york", "vds-new-york")
        assert search(page, "DC")[0] == search(page, "Washington, DC")[0]
    finally:
        context.set_offline(False)


@pytest.mark.parametrize(
    ("q", "other"),
    [
        ("Washington", "Washington, DC"),
        ("LA", "Los Ángeles, CA"),
        ("Springfield", "Springfield, IL"),
    ],
)
def test_ambiguous_names_offer_a_choice(page, server, q, other):
    page.goto(server)
    page.wait_for_selector("body[data-ready='true']")
    page.evaluate("window.LocatorApp.loadGazetteer().then(() => true)")
    assert search(page, q)
    page.wait_for_selector("#choices:not([hidden])")
    assert "Hay otros lugares llamados" in page.inner_text("#choices-title")
    assert other in choices(page)
    shown = page.evaluate("window.LocatorApp.state.place.label")
    assert shown not in choices(page)


def test_outside_the_us_is_told(page, server):
    page.goto(server)
    assert search(page, "Ciudad de México") == []
    assert "fuera de EE. UU." in page.inner_text("#error")
    ids = search(page, "19.4326, -99.1332")  # a point in Mexico City: nearest US places
    assert ids
    for _ in range(100):
        if "fuera de EE. UU." in page.inner_text("#status"):
            break
        page.wait_for_timeout(50)
    assert "fuera de EE. UU." in page.inner_text("#status")
    assert "fuera de EE. UU." not in (search(page, "60608") and page.inner_text("#status"))


def test_suggestions_in_file_export(browser, web_store, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["export-site", str(out), "--store", str(web_store)])
    assert result.exit_code == 0, result.output
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, offline=True)
    try:
        page = ctx.new_page()
        page.goto((out / "index.html").as_uri())
        assert search(page, "Chicaco") == []
        assert "Chicago, IL" in choices(page)
        assert search(page, "NYC")[0] in ("consulate-new-york", "vds-new-york")
        assert result_ids(page)
    finally:
        ctx.close()
