"""The national help lines of Mexico's consular network in the US (CIAM and MEXITEL).

A person can always call them, whatever office serves them: they are shown wherever an office
has no sourced phone of its own, clearly as national lines. The facts are in
``geodata/sources/national_lines.csv`` (from the project's reference ``national_lines.csv``),
each line with its citation, date and evidence level.

Examples
--------
>>> [line["id"] for line in national_line_records()]
['ciam', 'mexitel']
>>> national_line_records()[0]["tel"]
'+15206237874'
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

__all__ = ["NATIONAL_LINES_FILE", "national_line_records"]

NATIONAL_LINES_FILE = Path(__file__).parent / "sources" / "national_lines.csv"
_E164 = re.compile(r"^\+1\d{10}$")


@cache
def _records() -> tuple[dict[str, str], ...]:
    with open(NATIONAL_LINES_FILE, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)
    for row in rows:
        if not _E164.match(row["tel"]) or not row["source"] or not row["source_date"]:
            raise RuntimeError(f"national line {row['id']!r} lacks an E.164 tel, source or date")
    return rows


def national_line_records() -> list[dict[str, str]]:
    """Every national line as its source row (both languages), a fresh copy each call."""
    return [dict(row) for row in _records()]
