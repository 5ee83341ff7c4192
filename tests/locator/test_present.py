import pytest
from shapely.geometry import Point

from geodata.schema import coerce_sites
from locator.present import (
    address_line,
    feature_collection,
    illustrative_note,
    precision_note,
    site_properties,
)


@pytest.mark.parametrize(
    ("precision", "lang", "expected"),
    [
        ("address", "es", ""),
        ("coordinates", "en", ""),
        ("city", "es", "ubicación aproximada: ciudad"),
        ("postal_code", "en", "approximate location: ZIP code"),
        ("county", "es", "ubicación aproximada: condado"),
    ],
)
def test_precision_note(precision, lang, expected):
    assert precision_note(precision, lang) == expected


@pytest.mark.parametrize(
    ("site", "expected"),
    [
        (
            {
                "street_address": "1 Main St",
                "city": "Dalton",
                "state": "GA",
                "postal_code": "30720",
            },
            "1 Main St, Dalton, GA 30720",
        ),
        ({"city": "Boise", "state": "ID"}, "Boise, ID"),
        ({}, ""),
    ],
)
def test_address_line(site, expected):
    assert address_line(site) == expected


def _sites(**over):
    row = {
        "id": "vds-x",
        "kind": "vds",
        "name": "VDS X",
        "location_precision": "city",
        "source": "t",
        "services": ["vaccines"],
        "languages": ["es"],
        "illustrative": True,
        "geometry": Point(-87.1234567, 41.7654321),
    }
    row.update(over)
    return coerce_sites([row])


@pytest.mark.parametrize("lang", ["es", "en"])
def test_site_properties_labels_in_both_languages(lang):
    props = site_properties(_sites().iloc[0].to_dict(), lang)
    label = "Aplicación de vacunas" if lang == "es" else "Vaccines"
    assert props["services"] == [{"id": "vaccines", "label": label}]
    assert props["phone"] is None and props["city"] is None
    en_label = "Health desk (Ventanilla de Salud)"
    assert props["kind_label"] == ("Ventanilla de Salud" if lang == "es" else en_label)
    assert props["illustrative_note"] == illustrative_note(lang)
    assert props["location_note"] == precision_note("city", lang)


def test_feature_collection_is_rfc7946_with_extra_members():
    sites = _sites()
    sites["distance_km"] = [1.23456]
    sites["distance_mi"] = [0.7671]
    sites["rank"] = [1]
    fc = feature_collection(sites, "en", query={"label": "x"})
    feature = fc["features"][0]
    assert fc["query"] == {"label": "x"}
    assert feature["geometry"] == {"type": "Point", "coordinates": [-87.123457, 41.765432]}
    assert feature["properties"]["distance_km"] == 1.235 and feature["properties"]["rank"] == 1
    assert "crs" not in fc
