"""CSV files as Spanish-locale Excel saves them (geodata.importers.sniff): ';' delimiter,
decimal comma, cp1252 or UTF-8 with BOM, imported without options and reported."""

from __future__ import annotations

import pytest

from geodata.importers import read_import
from geodata.importers.sniff import decimal_point, sniff_csv

HEADER = [
    "kind",
    "name",
    "city",
    "state",
    "postal_code",
    "lat",
    "lon",
    "location_precision",
    "source",
]
ROWS = [
    [
        "clinic",
        "Clínica Señora Peña",
        "Dalton",
        "GA",
        "30720",
        "34,7698",
        "-84,9702",
        "city",
        "Lista del consulado, 2026",
    ],
    [
        "clinic",
        'Centro Médico "Año Nuevo"; Sur',
        "Dalton",
        "GA",
        "30721",
        "34,75",
        "-84,96",
        "city",
        "Lista del consulado, 2026",
    ],
]


def _excel(delimiter=";", encoding="cp1252", bom=False, decimal=","):
    def cell(v):
        v = v if decimal == "," else v.replace(",", ".") if v[-1:].isdigit() else v
        return f'"{v.replace(chr(34), chr(34) * 2)}"' if (delimiter in v or '"' in v) else v

    lines = [delimiter.join(HEADER)] + [delimiter.join(cell(v) for v in r) for r in ROWS]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom"),
    [
        (";", "cp1252", False),
        (";", "utf-8", True),
        (";", "utf-8", False),
        ("\t", "cp1252", False),
        (",", "utf-8", True),
    ],
)
def test_excel_csv_imports_without_options(delimiter, encoding, bom):
    decimal = "," if delimiter != "," else "."
    parsed = read_import("csv", _excel(delimiter, encoding, bom, decimal))
    sites = parsed.changes.sites
    assert list(sites["name"]) == [r[1] for r in ROWS]
    assert sites.geometry.iloc[0].y == pytest.approx(34.7698)
    assert sites.geometry.iloc[0].x == pytest.approx(-84.9702)
    report = " ".join(w["message"] for w in parsed.warnings if w["field"] == "file")
    assert ("cp1252" in report) == (encoding == "cp1252")
    assert ("BOM" in report) == bom
    assert ("decimal comma" in report) == (decimal == ",")
    if delimiter != ",":
        assert "delimiter" in report


def test_sniff_keeps_plain_csv_plain():
    s = sniff_csv(b"lat,lon,name\n41.85,-87.65,A\n")
    assert (s.encoding, s.delimiter, s.decimal_comma, s.notes) == ("utf-8", ",", False, [])


def test_semicolon_file_with_points_is_not_decimal_comma():
    s = sniff_csv(b"lat;lon;name\n41.85;-87.65;A\n")
    assert s.delimiter == ";" and not s.decimal_comma


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("41,85", "41.85"),
        ("-87,6", "-87.6"),
        ("1,234,5", "1,234,5"),
        ("abc", "abc"),
        ("41.85", "41.85"),
    ],
)
def test_decimal_point(text, expected):
    assert decimal_point(text) == expected


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\rIHDR", b'a,"b\rc\nd', b"\r\r\n"])
def test_not_a_csv_is_a_clear_error_not_a_crash(data):
    from geodata.errors import LocatorError

    sniff_csv(data)  # never raises csv.Error
    with pytest.raises(LocatorError):
        read_import("csv", data)
