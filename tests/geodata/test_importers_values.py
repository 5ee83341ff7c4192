"""Single-value checks of the importers (geodata/importers/values.py): web addresses."""

import pytest

from geodata.importers.values import clean_url

KEPT = ["https://www.sre.gob.mx/", "http://consulmex.sre.gob.mx/chicago/", "HTTPS://EXAMPLE.ORG"]
SCHEMELESS = ["www.example.org", "example.org/path?x=1#top", "example.org:8080/x", "www.alivio.org"]


@pytest.mark.parametrize("url", KEPT)
def test_web_addresses_are_kept_as_given(url):
    assert clean_url(f"  {url} ") == (url, None)


@pytest.mark.parametrize("url", SCHEMELESS)
def test_addresses_without_a_scheme_get_https(url):
    assert clean_url(f" {url} ") == (f"https://{url}", None)


UNSAFE = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    " javascript://example.org/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "file:///etc/passwd",
    "ftp://example.org/x",
]


@pytest.mark.parametrize("url", UNSAFE)
def test_other_schemes_are_dropped_with_a_warning(url):
    kept, warning = clean_url(url)
    assert kept == ""
    assert "unsafe address scheme" in warning and "no permitido" in warning


@pytest.mark.parametrize("url", ["not a url", "http://", "localhost", "<b>x</b>.org"])
def test_implausible_addresses_are_dropped(url):
    kept, warning = clean_url(url)
    assert kept == "" and "not a plausible web address" in warning


@pytest.mark.parametrize("url", [None, "", "   "])
def test_empty_is_empty_without_warning(url):
    assert clean_url(url) == ("", None)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x"])
def test_an_import_keeps_the_row_and_drops_the_link(url):
    from geodata.importers import read_import

    data = (
        "id,kind,name,city,state,lat,lon,location_precision,source,url\n"
        f'c1,clinic,C,Dalton,GA,34.77,-84.97,city,test,"{url}"\n'
    ).encode()
    parsed = read_import("csv", data)
    site = parsed.changes.sites.iloc[0]
    assert site["id"] == "c1" and site["url"] == ""
    assert [w["field"] for w in parsed.warnings] == ["url"]
