"""Never stuck (issue 15 item 2): a stalled or failing API, or data files that never arrive,
never leave the page at "Buscando…"; the page answers from the browser's data and says so."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from test_page import RESULTS, api_ids, result_ids, wait_answer

pytestmark = pytest.mark.browser


@pytest.fixture
def quiet(browser) -> Iterator[object]:
    """A phone-sized context without service workers (routes see every request)."""
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="es-MX", service_workers="block"
    )
    try:
        yield ctx
    finally:
        ctx.close()


def _stall(route) -> None:
    """Never answer: the request stays pending until the page gives up on it."""


def test_stalled_api_answers_locally_and_says_so(quiet, server):
    stalled: list[str] = []
    quiet.route(
        re.compile(r".*/v1/nearest.*"), lambda r: (stalled.append(r.request.url), _stall(r))
    )
    page = quiet.new_page()
    page.goto(server + "?q=60608")  # first search: before the gazetteer is there, API first
    wait_answer(page, 0)
    assert stalled, "the first search must have asked the API"
    assert result_ids(page) == api_ids(server, "60608")
    assert page.evaluate("window.LocatorApp.state.source") == "local"
    status = page.inner_text("#status")
    assert "Buscando" not in status
    assert "no respondió a tiempo" in status and "en su teléfono" in status
    assert page.locator(RESULTS).count() == 10


def test_failing_api_answers_locally(quiet, server):
    quiet.route(re.compile(r".*/v1/nearest.*"), lambda r: r.abort())
    page = quiet.new_page()
    page.goto(server + "?q=Dalton%2C%20GA")
    wait_answer(page, 0)
    assert result_ids(page) == api_ids(server, "Dalton, GA")
    assert "no está disponible" in page.inner_text("#status")


def test_no_data_and_no_api_gives_an_error_not_a_spinner(quiet, server):
    def short_timeouts(route) -> None:
        body = route.fetch().text()
        config = json.loads(body[body.index("=") + 1 :].strip().rstrip(";"))
        config |= {"apiTimeoutMs": 1000, "dataTimeoutMs": 2000}
        route.fulfill(
            body=f"window.LOCATOR_CONFIG = {json.dumps(config)};\n", content_type="text/javascript"
        )

    quiet.route(re.compile(r".*/data/config\.js.*"), short_timeouts)
    quiet.route(re.compile(r".*/v1/nearest.*"), _stall)
    quiet.route(re.compile(r".*/data/gazetteer\.js.*"), _stall)
    page = quiet.new_page()
    page.goto(server + "?q=60608")
    wait_answer(page, 0, timeout=30)
    assert page.get_attribute("body", "data-busy") == "false"
    assert "Buscando" not in page.inner_text("#status")
    assert page.is_visible("#error")
    assert "tardan demasiado" in page.inner_text("#error")
