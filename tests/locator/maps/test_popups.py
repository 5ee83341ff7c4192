import pytest

from locator.maps.popups import list_item_html, precision_note, schedule_text


@pytest.mark.parametrize(
    "rule,lang,expected",
    [
        ("FREQ=MONTHLY;BYDAY=1SA", "en", "Monthly: 1st Saturday"),
        ("FREQ=MONTHLY;BYDAY=1SA", "es", "Mensual: 1er sábado"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "en", "Monthly: last Friday"),
        ("FREQ=WEEKLY;BYDAY=TU,TH", "en", "Weekly: Tuesday, Thursday"),
        ("FREQ=WEEKLY", "es", "Semanal"),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
            "en",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        ),  # not simplified
        ("FREQ=MONTHLY;BYMONTHDAY=15", "en", "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("", "en", ""),
    ],
)
def test_schedule_text(rule, lang, expected):
    assert schedule_text(rule, lang) == expected


@pytest.mark.parametrize(
    "precision,lang,expected",
    [
        ("city", "es", "ubicación aproximada: ciudad"),
        ("city", "en", "approximate location: city"),
        ("postal_code", "es", "ubicación aproximada: código postal"),
        ("address", "es", ""),
        ("", "en", ""),
    ],
)
def test_precision_note(precision, lang, expected):
    assert precision_note(precision, lang) == expected


def test_list_item_escapes_every_field():
    row = {
        "name": "<b>x</b>",
        "kind": "vds",
        "street_address": '"><img src=y>',
        "city": "A&B",
        "state": "IL",
        "rank": 2,
        "distance_km": 1.0,
        "distance_mi": 0.62,
        "location_precision": "city",
    }
    item = list_item_html(row, lang="en", layer='l"1', index=0)
    assert "<b>" not in item and "<img" not in item
    assert "&lt;b&gt;x&lt;/b&gt;" in item and "A&amp;B" in item
    assert 'data-layer="l&quot;1"' in item
    assert item.startswith('<li value="2">')
    assert "approximate location: city" in item and "1.0 km (0.6 mi)" in item
