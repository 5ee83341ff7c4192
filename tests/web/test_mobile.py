"""«¿Cuándo viene la unidad móvil?» (issue 15 item 1): the next mobile-unit visits near the
searched place (date, time, place, distance; the ILUSTRATIVO label as prominent as the date),
.ics for one and for all, the route on the map with its stops listed, offline and from file://;
mobile units are never ranked among the places to walk into."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from test_page import RESULTS, result_ids, search, wait_answer

from locator.cli.main import cli

pytestmark = pytest.mark.browser


def api_visits(base: str, q: str) -> list[dict]:
    """``/v1/visits`` for the page's window: 100 km, 60 days, from now."""
    query = urllib.parse.urlencode({"q": q, "within_km": 100, "days": 60, "limit": 6})
    with urllib.request.urlopen(f"{base}v1/visits?{query}", timeout=30) as response:
        return json.load(response)["visits"]


def page_visits(page) -> list[dict]:
    page.wait_for_selector("#visits:not([hidden])")
    return page.evaluate("""() => window.LocatorApp.state.visits.map(v => (
        {stop: v.stop.id, start: v.start, km: v.km}))""")


def test_next_visits_near_detroit_match_the_api(page, server):
    page.goto(server)
    ids = search(page, "Dearborn, MI")
    assert "vds-mobile-detroit" not in ids  # never ranked as a place to walk into
    mine = page_visits(page)
    api = api_visits(server, "Dearborn, MI")
    assert mine, "the bundled illustrative Detroit route stops near Dearborn"
    assert [(v["stop"], v["start"]) for v in mine] == [(v["stop_id"], v["start"]) for v in api]
    assert [round(v["km"], 2) for v in mine] == [round(v["distance_km"], 2) for v in api]
    first = page.locator("#visits-list > li").first
    when = first.locator(".visit-when")
    label = first.locator(".visit-illustrative")
    assert label.inner_text().startswith("ILUSTRATIVO")
    assert api[0]["local_text"] == when.inner_text()
    style = "e => [getComputedStyle(e).fontSize, getComputedStyle(e).fontWeight]"
    assert label.evaluate(style) == when.evaluate(style)  # as prominent as the date
    assert " km (" in first.locator(".visit-where").inner_text()
    assert "vds_mobile" not in page.eval_on_selector_all(
        "#kind option", "os => os.map(o => o.value)"
    )


def test_ics_for_one_and_all(page, server):
    page.goto(server)
    search(page, "Dearborn, MI")
    count = len(page_visits(page))
    with page.expect_download() as one:
        page.click("#visit-ics-1")
    text = open(one.value.path(), encoding="utf-8", newline="").read()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") == 1
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))  # folded
    text = text.replace("\r\n ", "")  # unfolded (RFC 5545 3.1)
    assert "SUMMARY:ILUSTRATIVO" in text and "no es un horario real" in text
    start = page.evaluate("window.LocatorApp.state.visits[0].start")
    utc = datetime.fromisoformat(start).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{utc}\r\n" in text
    with page.expect_download() as every:
        page.click("#visits-ics-all")
    text = open(every.value.path(), encoding="utf-8", newline="").read()
    assert text.count("BEGIN:VEVENT") == count > 1


def test_route_on_the_map_and_its_stops(page, server):
    page.goto(server)
    search(page, "Dearborn, MI")
    page_visits(page)
    page.locator("#visits-list > li").first.get_by_role(
        "button", name="Ver la ruta en el mapa"
    ).click()
    page.wait_for_selector("path.route-line")
    assert page.locator("path.route-stop").count() == 8
    stops = page.locator("#route-stops-list > li").all_inner_texts()
    assert len(stops) == 8 and stops[0].startswith("Parada 1: Detroit, MI")
    assert all("ILUSTRATIVO" in s for s in stops)
    assert page.get_attribute("path.route-line", "stroke-dasharray")  # illustrative: dashed
    assert "Ruta de la unidad móvil" in page.text_content(".map-legend")  # folded on phones


def test_no_visits_far_from_any_route(page, server):
    page.goto(server)
    search(page, "60608")
    assert page_visits(page) == []
    assert "No hay visitas de unidades móviles a menos de 100 km" in page.inner_text("#visits")


def test_visits_offline_and_from_file_url(browser, context, server, web_store, tmp_path):
    page = context.new_page()
    page.goto(server)
    page.wait_for_selector("body[data-ready='true']")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_selector("body[data-ready='true']")
    context.set_offline(True)
    try:
        page.goto(server + "?q=" + urllib.parse.quote("Dearborn, MI"))
        wait_answer(page, 0)
        assert page_visits(page)
        assert "vds-mobile-detroit" not in result_ids(page)
    finally:
        context.set_offline(False)
    out = tmp_path / "site"
    result = CliRunner().invoke(
        cli, ["export-site", str(out), "--store", str(web_store), "--no-tiles"]
    )
    assert result.exit_code == 0, result.output
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, offline=True)
    try:
        fpage = ctx.new_page()
        fpage.goto((out / "index.html").as_uri() + "?q=Dearborn%2C%20MI")
        wait_answer(fpage, 0)
        assert page_visits(fpage)
        assert fpage.locator(RESULTS).count() == 10
    finally:
        ctx.close()
