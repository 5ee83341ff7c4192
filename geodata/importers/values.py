"""Checks and clean-ups of single values: coordinates, ZIP codes, web addresses, ZIP geocoding.

Examples
--------
>>> check_point(41.85, -87.65) is None
True
>>> check_point(-87.65, 41.85).split(" / ")[0]
'latitude and longitude look swapped (lat=-87.65, lon=41.85)'
>>> clean_zip("60608-1234"), clean_zip("2118")
(('60608', None), ('02118', None))
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from geodata.messages import ROWS

if TYPE_CHECKING:
    from geodata.importers.base import ErrorLog

__all__ = [
    "US_BOUNDS",
    "ZipLookup",
    "check_point",
    "clean_url",
    "clean_zip",
    "default_zip_lookup",
    "parse_float",
    "resolve_point",
    "web_url",
]

US_BOUNDS: dict[str, tuple[float, float, float, float]] = {
    # name: (min_lat, max_lat, min_lon, max_lon), generous boxes around US land.
    "contiguous US": (24.0, 49.6, -125.0, -66.5),
    "Alaska": (51.0, 71.6, -180.0, -129.5),
    "Alaska (Aleutians west of 180°)": (51.0, 53.1, 172.0, 180.0),
    "Hawaii": (18.5, 28.6, -178.5, -154.5),
    "Puerto Rico and US Virgin Islands": (17.6, 18.7, -68.0, -64.5),
    "Guam and Northern Mariana Islands": (13.1, 20.7, 144.4, 146.2),
    "American Samoa": (-14.7, -10.9, -171.2, -168.0),
    "Palau, Micronesia and Marshall Islands (HRSA-funded)": (0.5, 15.0, 131.0, 173.0),
}
"""Where a US site can be: the states, DC, the territories and the freely associated states."""


def parse_float(text: Any) -> float | None:
    """``float(text)`` or ``None`` for empty/non-numeric/non-finite values."""
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
    else:
        text = str(text).strip()
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            return None
    return value if math.isfinite(value) else None


def _in_us(lat: float, lon: float) -> bool:
    return any(a <= lat <= b and c <= lon <= d for a, b, c, d in US_BOUNDS.values())


def check_point(lat: float, lon: float) -> str | None:
    """Return why ``(lat, lon)`` is not a plausible US site location, or ``None`` if it is.

    Catches out-of-range values, the (0, 0) "null island" placeholder, swapped latitude and
    longitude, and points outside the US, its territories and freely associated states.
    """
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        if -90 <= lon <= 90 and -180 <= lat <= 180 and _in_us(lon, lat):
            return ROWS["swapped"].fill(lat=lat, lon=lon).both()
        return ROWS["out_of_range"].fill(lat=lat, lon=lon).both()
    if lat == 0 and lon == 0:
        return ROWS["null_island"].both()
    if _in_us(lat, lon):
        return None
    if _in_us(lon, lat):
        return ROWS["swapped"].fill(lat=lat, lon=lon).both()
    if _in_us(lat, -lon):
        return ROWS["wrong_sign"].fill(lon=lon).both()
    return ROWS["outside_us"].fill(lat=lat, lon=lon).both()


_URL = re.compile(
    r"^((?i:https?)://)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(:\d+)?"
    "([/?#][^\\s\"'<>`\\\\\u200b-\u200f\u2028-\u202e\u2060\ufeff]*)?$"
)
"""A web address; its path never holds quotes, ``<>``, backticks, backslashes or invisible or
direction-changing characters (a browser would show one address and follow another)."""
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(?!\d)")  # "x.org:8080" is a port, not one
_WEB_SCHEMES = ("http", "https")


def clean_url(value: Any) -> tuple[str, str | None]:
    """Return ``(url, warning)``: a plausible http(s) address; a scheme-less one gets https://.

    Any other scheme (``javascript:``, ``data:``, ``file:``, ``ftp:``...) is dropped with a
    warning, whatever its case or any whitespace a browser would strip inside it; so is text
    that is not a web address. The row itself is kept.

    Examples
    --------
    >>> clean_url("https://www.sre.gob.mx/"), clean_url("www.example.org")
    (('https://www.sre.gob.mx/', None), ('https://www.example.org', None))
    >>> clean_url("JavaScript:alert(1)")[0], clean_url("JavaScript:alert(1)")[1].split(" / ")[0]
    ('', "unsafe address scheme 'javascript:', link dropped")
    """
    text = "" if value is None else str(value).strip()
    if not text:
        return "", None
    squeezed = re.sub(r"[\x00-\x20]", "", text)  # browsers ignore tabs/newlines in a scheme
    scheme = _SCHEME.match(squeezed)
    if scheme and scheme.group(1).lower() not in _WEB_SCHEMES:
        name = scheme.group(1).lower()[:20]
        return "", ROWS["unsafe_scheme"].fill(scheme=name + ":").both()
    if _URL.match(text):
        return (text if _SCHEME.match(text) else f"https://{text}"), None
    return "", ROWS["bad_url"].fill(value=text[:80]).both()


def web_url(value: Any) -> str | None:
    """The address as a safe ``http(s)://`` link (scheme-less gets https), or None.

    >>> web_url("www.alivio.org"), web_url("javascript:alert(1)")
    ('https://www.alivio.org', None)
    """
    url, _ = clean_url(value)
    return url or None


_ZIP5 = re.compile(r"^(\d{5})(?:-?\d{4})?$")


def clean_zip(value: Any) -> tuple[str, str | None]:
    """Return ``(zip5, error)``; ZIP+4 is cut to 5 digits, a 4-digit ZIP gets its lost 0."""
    text = "" if value is None else str(value).strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text:
        return "", None
    if re.fullmatch(r"\d{4}", text):  # Excel drops the leading zero of New England ZIPs
        text = "0" + text
    match = _ZIP5.match(text)
    if not match:
        return "", ROWS["bad_zip"].fill(value=text).both()
    return match[1], None


ZipLookup = Callable[[str], Any]
"""``zip_lookup(code) -> Place | None`` (anything with ``.lat`` and ``.lon``)."""


def default_zip_lookup() -> ZipLookup:
    """The offline gazetteer's ZIP centroid lookup, built lazily on first use."""
    cache: dict[str, Any] = {}

    def lookup(code: str) -> Any:
        if code not in cache:
            from geodata.gazetteer import Gazetteer

            cache[code] = Gazetteer.default().zip(code)
        return cache[code]

    return lookup


def resolve_point(
    lat_text: Any,
    lon_text: Any,
    zip5: str,
    *,
    row: int,
    fields: tuple[str, str],
    errors: ErrorLog,
    warnings: list[dict[str, Any]],
    zip_lookup: ZipLookup | None,
) -> tuple[tuple[float, float], str] | None:
    """The site's ``((lon, lat), precision)`` from its coordinates, else its ZIP centroid.

    Present but bad coordinates are an error (never silently replaced by the ZIP). Missing
    coordinates fall back to ``zip_lookup(zip5)`` with precision ``"postal_code"`` and a
    warning. Neither: an error.
    """
    lat_field, lon_field = fields
    pair = _pair_label(lat_field, lon_field)
    has_lat = str(lat_text if lat_text is not None else "").strip() != ""
    has_lon = str(lon_text if lon_text is not None else "").strip() != ""
    if has_lat or has_lon:
        lat, lon = parse_float(lat_text), parse_float(lon_text)
        if lat is None or lon is None:
            bad = lat_field if lat is None else lon_field
            value = lat_text if lat is None else lon_text
            errors.add(row, bad, ROWS["not_number"].fill(value=str(value)[:40]))
            return None
        problem = check_point(lat, lon)
        if problem:
            errors.add(row, pair, problem)
            return None
        return (lon, lat), "address"
    place = zip_lookup(zip5) if (zip_lookup and zip5) else None
    if place is None:
        why = ROWS["zip_unknown"].fill(zip5=zip5) if zip5 else ROWS["no_zip"]
        errors.add(row, pair, ROWS["cannot_place"].fill(why=why))
        return None
    warnings.append(
        {
            "row": row,
            "field": "location_precision",
            "message": ROWS["zip_centroid"].fill(zip5=zip5).both(),
        }
    )
    return (float(place.lon), float(place.lat)), "postal_code"


def _pair_label(a: str, b: str) -> str:
    """``"... Y Coordinate"`` + ``"... X Coordinate"`` -> ``"... Y/X Coordinate"``; else ``a/b``."""
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]
    if len(a) == len(b) and len(diff) == 1:
        i = diff[0]
        return f"{a[:i]}{a[i]}/{b[i]}{a[i + 1 :]}"
    return f"{a}/{b}"
