"""geodata.phones: a tel: link only for a real NANP or E.164 number."""

import pytest

from geodata.phones import parse_phone, tel_uri


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("312-555-0100 ext. 2", "tel:+13125550100"),
        ("(312) 555-0100 x12", "tel:+13125550100"),
        ("312-555-0100;2", "tel:+13125550100"),
        ("312.555.0100", "tel:+13125550100"),
        ("+1 (312) 555-0100", "tel:+13125550100"),
        ("1-877-639-4835", "tel:+18776394835"),
        ("+52 55 3686 5100 / 312-555-0100", "tel:+525536865100"),
        ("+1-520-623-7874", "tel:+15206237874"),
    ],
)
def test_real_numbers_link_in_e164(text, href):
    assert tel_uri(text) == href


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(5)",
        '312-555-0000" onclick="window.__pwned=1',
        "tel:5",
        "Ext. 2",
        "555-01",
        "",
        None,
        "1234567890123456",
        "call us",
        "000-000-0000",
        "<b>312-555-0100</b>",
        "312-555-0100\u202e",
        "3 1 2",
    ],
)
def test_anything_else_gives_no_link(text):
    assert tel_uri(text) is None


def test_extension_is_kept_as_text():
    phone = parse_phone("(505) 247-2147 ext 311")
    assert phone is not None and (phone.e164, phone.extension) == ("+15052472147", "311")
    assert phone.text == "(505) 247-2147 ext 311"
