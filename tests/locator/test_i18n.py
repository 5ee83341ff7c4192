"""The one text catalog (issue 18 part 2): every entry has both languages, the Spanish has no
English word, lookups fail loudly, and the words that used to drift are said once."""

from __future__ import annotations

import json
import re
import string
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

import locator.i18n as i18n
from geodata.errors import InvalidInputError
from tests.locator.mobile.test_visits import make_stops
from tests.spanish_words import ENGLISH

BILINGUAL = {"common.illustrative_tag", "maps.illustrative_banner"}
"""Entries that are bilingual on purpose (the ILUSTRATIVO / ILLUSTRATIVE banner)."""

ENTRIES = i18n.entries()


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_catalog_holds_every_area():
    namespaces = {key.split(".", 1)[0] for key in ENTRIES}
    assert {
        "common",
        "maps",
        "page",
        "page_kinds",
        "api",
        "ogc",
        "cli",
        "kind",
        "service",
        "language",
        "precision",
        "evidence",
        "jurisdiction",
        "dates",
        "planning",
        "errors",
    } <= namespaces
    assert len(ENTRIES) > 250


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_entry_has_both_languages_with_the_same_fields(key):
    entry = ENTRIES[key]
    assert entry.es.strip() and entry.en.strip(), key
    assert _fields(entry.es) == _fields(entry.en), key


@pytest.mark.parametrize("key", sorted(set(ENTRIES) - BILINGUAL))
def test_spanish_entry_has_no_english_word(key):
    es = re.sub(r"\{[a-z_]*(![rsa])?(:[^{}]*)?\}", " ", ENTRIES[key].es)  # {name!r:>8} fields
    assert not ENGLISH.findall(es), (key, es)


def test_the_word_check_can_fail():
    assert ENGLISH.findall(ENTRIES["maps.illustrative_banner"].es) == ["ILLUSTRATIVE"]
    assert ENGLISH.findall(ENTRIES["page.search_button"].en) == ["Search"]


def test_lookup_fails_loudly():
    assert i18n.text("page.search_button", "en") == "Search"
    with pytest.raises(i18n.MissingText, match=r"page\.nope"):
        i18n.text("page.nope", "es")
    with pytest.raises(InvalidInputError):
        i18n.text("page.search_button", "fr")
    with pytest.raises(i18n.MissingText):
        i18n.table("no_such_namespace", "es")


def test_one_wording_per_key(monkeypatch):
    import geodata.i18n

    monkeypatch.setattr(geodata.i18n, "_CATALOG", dict(ENTRIES))
    i18n.register("test_ns", i18n.T("a", es="uno", en="one"))
    i18n.register("test_ns", i18n.T("a", es="uno", en="one"))  # same words: allowed
    with pytest.raises(ValueError, match="twice"):
        i18n.register("test_ns", i18n.T("a", es="otro", en="other"))
    with pytest.raises(TypeError):
        i18n.T("b", "uno", "one")  # languages are keywords: no table can swap them


@pytest.mark.parametrize("lang", ["es", "en"])
def test_one_wording_of_illustrative(lang):
    from locator.maps.i18n import text as maps_text
    from locator.mobile.visits import next_visits
    from locator.present import illustrative_note, site_properties
    from locator.web.i18n import UI

    one = i18n.text("common.illustrative", lang)
    assert one.startswith("ILUSTRATIVO:" if lang == "es" else "ILLUSTRATIVE:")
    assert illustrative_note(lang) == one
    assert site_properties({"kind": "vds", "illustrative": True}, lang)["illustrative_note"] == one
    assert maps_text("illustrative", lang) == one
    assert UI[lang]["visit_illustrative"] == one
    assert UI[lang]["ics_illustrative"].startswith(one)
    assert i18n.text("common.illustrative_full", lang).startswith(one)
    visit = next_visits(
        make_stops(),
        [],
        lon=-83.05,
        lat=42.33,
        radius_km=100,
        start=datetime(2025, 3, 1, tzinfo=UTC),
        days=8,
        limit=1,
    )[0]
    assert visit.illustrative and visit.to_dict(lang)["notice"] == one


def test_same_words_shared_by_maps_and_page():
    from locator.maps.i18n import text as maps_text
    from locator.web.i18n import UI

    for key in ("zoom_in", "zoom_out", "close", "website", "hours", "show_on_map"):
        for lang in ("es", "en"):
            assert maps_text(key, lang) == UI[lang][key], key


def test_one_json_for_script_escaper():
    from locator.maps import offline
    from locator.script_json import js_json
    from locator.web import bundle

    assert offline.js_json is js_json and bundle.json_text is js_json
    raw = {"v": "</script>{{ 7*7 }}{% x %}{# y #}&\u2028"}
    out = js_json(raw)
    assert "</" not in out and "{{" not in out and "{%" not in out and "{#" not in out
    assert json.loads(out) == raw
    assert bundle.script_text("X", raw) == f"window.X = {out};\n"


def test_errors_take_languages_as_keywords():
    from geodata.errors import LocatorError, NotFoundError

    err = NotFoundError(es="No existe", en="Not found", detail={"id": "x"})
    assert (err.message("es"), err.message("en"), err.code) == (
        "No existe",
        "Not found",
        "not_found",
    )
    assert NotFoundError("Not found", "No existe").message("es") == err.message("es")
    with pytest.raises(TypeError):
        LocatorError("Not found", es="No existe", en="Not found")
    with pytest.raises(TypeError):
        LocatorError(es="solo español")


def test_one_kind_label():
    from locator.maps.i18n import kind_label as maps_kind_label
    from locator.present import kind_label, site_properties

    assert maps_kind_label is kind_label
    for lang in ("es", "en"):
        assert kind_label("vds", lang) == i18n.text("kind.vds", lang)
        assert site_properties({"kind": "vds"}, lang)["kind_label"] == kind_label("vds", lang)
    assert kind_label("shelter", "es") == "shelter"


class _I18nElements(HTMLParser):
    """``(key, default text)`` of each ``data-i18n`` element and ``data-i18n-attr`` value."""

    VOID = frozenset({"meta", "link", "input", "img", "br", "source"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[list] = []
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for pair in filter(None, (a.get("data-i18n-attr") or "").split(",")):
            attr, key = (p.strip() for p in pair.split(":"))
            self.found.append((key, a.get(attr) or ""))
        if tag not in self.VOID:
            self.stack.append([a.get("data-i18n"), ""])

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        key, inner = self.stack.pop()
        if key:
            self.found.append((key, " ".join(inner.split())))
        if self.stack:
            self.stack[-1][1] += inner

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][1] += data


def test_page_html_defaults_are_the_catalog_spanish():
    """index.html carries Spanish defaults (shown before the script runs): the catalog's."""
    from importlib.resources import files

    from locator.web.i18n import UI

    parser = _I18nElements()
    parser.feed((files("locator.web") / "static" / "index.html").read_text(encoding="utf-8"))
    assert len(parser.found) >= 15
    assert [(k, t) for k, t in parser.found if UI["es"].get(k) != t] == []


def test_errors_say_each_wording_once():
    """No two error texts (``errors.*``) have the same words under different keys: a message
    said at several sites is one entry (issue 18)."""
    seen: dict[tuple[str, str], list[str]] = {}
    for key, entry in ENTRIES.items():
        if key.startswith("errors."):
            seen.setdefault((entry.es, entry.en), []).append(key)
    assert [keys for keys in seen.values() if len(keys) > 1] == []
