"""Contact facts of the site lists: tel: links only for real numbers, national lines,
evidence labels, official page and directions in new tabs."""

from __future__ import annotations

import re

import pytest
from shapely.geometry import Point

from geodata.schema import coerce_sites
from locator.maps.contact import contact_html, links_html, presented_columns, tel_uri
from locator.maps.popups import list_item_html


@pytest.mark.parametrize(
    "phone,uri",
    [
        ("(312) 738-2383", "tel:+13127382383"),
        ("+1 312 738 2383", "tel:+13127382383"),
        ("1-312-738-2383 ext. 12", "tel:+13127382383"),
        ("javascript:alert(5)", ""),
        ('312-555-0000" onclick=alert(1)', ""),
        ("555-0100", ""),
        ("(012) 738-2383", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_tel_uri(phone, uri):
    assert tel_uri(phone) == uri


def _row(**values):
    base = {
        "id": "c",
        "kind": "consulate",
        "name": "Consulado",
        "street_address": "1 Main St",
        "city": "Chicago",
        "state": "IL",
        "location_precision": "address",
        "source": "t",
        "lat": 41.8,
        "lon": -87.6,
    }
    return {**base, **values}


def test_phone_with_its_evidence_and_hours():
    row = _row(
        phone="(312) 738-2383",
        phone_evidence="confirmed",
        phone_source="a; b",
        hours="L-V 8-14",
        hours_evidence="candidate",
        hours_source="x",
        hours_source_date="2017-03-01",
    )
    html_ = contact_html(row, lang="es")
    assert '<a href="tel:+13127382383">(312) 738-2383</a>' in html_
    assert "teléfono confirmado por 2 fuentes públicas" in html_
    assert "L-V 8-14" in html_ and "horario sin verificar: una sola fuente de 2017" in html_
    assert "CIAM" not in html_


@pytest.mark.parametrize("phone,evidence", [("", ""), ("(312) 738-2383", "conflict")])
def test_no_sourced_phone_shows_the_national_lines(phone, evidence):
    html_ = contact_html(_row(phone=phone, phone_evidence=evidence), lang="en")
    assert "national lines" in html_ and 'href="tel:+15206237874"' in html_
    assert "738-2383" not in html_  # a disputed number is not shown as a fact
    assert "Tel. —" not in html_


def test_clinic_without_phone_gets_no_consular_lines():
    assert contact_html(_row(kind="clinic"), lang="es") == ""


def test_links_open_new_tabs_and_refuse_scripts():
    html_ = links_html(
        _row(url="https://consulmex.sre.gob.mx/chicago/", lon=-87.6 - 360), lang="es"
    )
    links = re.findall(r"<a [^>]+>", html_)
    assert len(links) == 3 and all('target="_blank" rel="noopener noreferrer"' in a for a in links)
    assert 'href="geo:41.8,-87.6"' in html_  # unwrapped longitudes come back to -180..180
    assert "javascript" not in links_html(_row(url="javascript:alert(1)"), lang="es")


def test_list_item_has_every_field_escaped():
    row = _row(
        name="<b>x</b>",
        phone="(312) 738-2383",
        hours="<i>9-5</i>",
        url="https://a.example/?a=1&b=2",
        address_evidence="confirmed",
        address_source="a; b",
    )
    item = list_item_html(row, lang="es", layer="l", index=0)
    assert "&lt;b&gt;x&lt;/b&gt;" in item and "<b>" not in item and "<i>" not in item
    assert "dirección confirmada por 2 fuentes públicas" in item
    assert 'href="tel:+13127382383"' in item and "Página oficial" in item
    assert 'href="https://a.example/?a=1&amp;b=2"' in item and "Cómo llegar" in item


def test_presented_columns_for_the_popups():
    sites = coerce_sites(
        [
            {
                "id": "v",
                "kind": "vds",
                "name": "V",
                "source": "t",
                "phone": "312 738 2383",
                "street_address": "1 Main",
                "address_evidence": "conflict",
                "geometry": Point(-87.6, 41.8),
            }
        ]
    )
    out = presented_columns(sites, lang="en")
    assert out.loc[0, "tel"] == "tel:+13127382383" and out.loc[0, "fallback"] == ""
    assert out.loc[0, "street_address"] == "" and "disagree" in out.loc[0, "address_note"]
    assert (out.loc[0, "lat"], out.loc[0, "lon"]) == (41.8, -87.6)
