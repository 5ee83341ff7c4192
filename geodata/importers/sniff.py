"""CSV files as people make them: Excel in a Spanish locale saves ``;``-separated files with a
decimal comma (``41,85``), in cp1252 or UTF-8 with a BOM. :func:`sniff_csv` finds the encoding
(UTF-8, else cp1252 when the caller did not choose one), the delimiter (``,`` ``;`` or tab, from
the header line) and whether numbers use a decimal comma; :func:`decimal_point` reads
``"-87,65"`` as ``"-87.65"``. What was found goes into the import report.

Examples
--------
>>> s = sniff_csv("lat;lon;name\\n41,85;-87,65;Clínica\\n".encode("cp1252"), "utf-8")
>>> s.encoding, s.delimiter, s.decimal_comma
('cp1252', ';', True)
>>> decimal_point("-87,65"), decimal_point("1,234,5")
('-87.65', '1,234,5')
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from geodata.i18n import T
from geodata.messages import ROWS

__all__ = ["Sniffed", "decimal_point", "sniff_csv"]

_DECIMAL_COMMA = re.compile(r"^\s*[+-]?\d+,\d+\s*$")
_DEFAULT_ENCODINGS = {"utf-8", "utf8", "utf-8-sig"}


@dataclass
class Sniffed:
    """What :func:`sniff_csv` found."""

    text: str
    encoding: str
    delimiter: str
    decimal_comma: bool = False
    bom: bool = False
    notes: list[dict[str, Any]] = field(default_factory=list)


def decimal_point(text: str) -> str:
    """``"41,85"`` -> ``"41.85"``; anything else unchanged."""
    return text.replace(",", ".") if _DECIMAL_COMMA.match(text) else text


def _decode(data: bytes, encoding: str) -> tuple[str, str]:
    wanted = encoding.lower().replace("_", "-")
    if wanted not in _DEFAULT_ENCODINGS:
        return data.decode(encoding), encoding
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict"), "cp1252"


def _fields(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader(io.StringIO(line, newline=""), delimiter=delimiter), []))
    except csv.Error:  # not CSV at all: the reader after us says so clearly
        return 0


def _delimiter(text: str) -> str:
    header = next(iter(text.splitlines()), "")
    counts = {d: _fields(header, d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 1 else ","


def _sample(text: str, delimiter: str) -> list[str]:
    try:
        rows = list(csv.reader(io.StringIO(text[:200_000], newline=""), delimiter=delimiter))
    except csv.Error:
        return []
    return [v for row in rows[1:200] for v in row if v.strip()]


def sniff_csv(data: bytes, encoding: str = "utf-8") -> Sniffed:
    """Encoding, delimiter and decimal comma of CSV ``data`` (``encoding``: the caller's
    choice; the default UTF-8 falls back to cp1252, Excel's Western European encoding).

    Raises ``UnicodeDecodeError``/``LookupError`` like ``bytes.decode`` when even that fails.
    """
    text, used = _decode(data, encoding)
    bom = data.startswith(b"\xef\xbb\xbf")
    delimiter = _delimiter(text)
    values = _sample(text, delimiter)
    comma = (
        delimiter != ","
        and any(_DECIMAL_COMMA.match(v) for v in values)
        and not any(re.match(r"^\s*[+-]?\d+\.\d+\s*$", v) for v in values)
    )
    out = Sniffed(text, used, delimiter, comma, bom)
    found: list[T] = []
    if used != encoding and used == "cp1252":
        found.append(ROWS["cp1252"])
    if bom:
        found.append(ROWS["bom"])
    if delimiter != ",":
        found.append(ROWS["delimiter"].fill(name=ROWS["tab"] if delimiter == "\t" else "';'"))
    if comma:
        found.append(ROWS["decimal_comma"])
    if found:
        listed = T("found", es="; ".join(f.es for f in found), en="; ".join(f.en for f in found))
        message = ROWS["excel_csv"].fill(found=listed).both()
        out.notes.append({"row": None, "field": "file", "message": message})
    return out
