"""Per-fact evidence from the 2026-12 research file, for :mod:`geodata.build`.

``geodata/sources/consulates_research_2026-12.csv`` gives, per office, an address, ZIP, phone,
hours, the evidence of each (``[address=...; phone=...; hours=...]`` at the start of its
notes) and every source, ``;``-separated, each with its date in parentheses.
``geodata/sources/fact_sources.csv`` says which of those sources (1-based) support each fact,
as the research notes state it, plus partial-address flags and bilingual caveats.

Examples
--------
>>> split_sources("a (2020-01; news: x); b (undated)")
['a (2020-01; news: x)', 'b (undated)']
>>> item_date("https://x.example/2019/ (2025-09-04; news)"), item_date("app (undated ~2026)")
('2025-09-04', '2026')
>>> item_date("https://x.example/page (undated; law-firm page)")
''
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "OfficeFacts",
    "fact_specs",
    "item_date",
    "office_facts",
    "research_rows",
    "split_sources",
    "vds_facts",
]

SOURCES_DIR = Path(__file__).parent / "sources"
RESEARCH_FILE = "consulates_research_2026-12.csv"
_LEVELS = re.compile(r"^\[address=(\w+); phone=(\w+); hours=(\w+)\]")
_DATE = re.compile(r"(?<![\d/])((?:19|20)\d{2}(?:-\d{2}){0,2})(?![\d/])")
_VALUE = {"address": "address", "phone": "phone", "hours": "hours"}


def split_sources(text: str) -> list[str]:
    """The ``;``-separated source items of ``text``, ignoring ``;`` inside parentheses."""
    items: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == ";" and depth == 0:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    items.append("".join(current).strip())
    return [item for item in items if item]


def item_date(item: str) -> str:
    """The ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) a source item states; ``""``.

    URLs are ignored; an approximate year (``~2017``, ``undated ~2026``) counts as that year.
    """
    text = " ".join(word for word in item.split() if not word.startswith(("http", "www.")))
    match = _DATE.search(text)
    return match.group(1) if match else ""


def _newest(dates: list[str]) -> str:
    return max((d for d in dates if d), default="")


def _citation(items: list[str], token: str) -> tuple[str, str]:
    """One citation (inner ``;`` made ``,``) and its date, for ``token`` (``"3"``, ``"3or4"``)."""
    picked = [items[int(n) - 1] for n in token.split("or")]
    text = " or ".join(p.replace(";", ",") for p in picked)
    if len(picked) > 1:
        text += " (one of these, the research does not say which)"
    return text, _newest([item_date(p) for p in picked])


@dataclass
class OfficeFacts:
    """The address, phone and hours facts of one office, with their evidence."""

    values: dict[str, str] = field(default_factory=dict)
    full_address: bool = False  # a complete street address + ZIP: may place the point at the ZIP
    notes_es: list[str] = field(default_factory=list)
    notes_en: list[str] = field(default_factory=list)


def _read(name: str) -> list[dict[str, str]]:
    with open(SOURCES_DIR / name, encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def research_rows() -> dict[str, dict[str, str]]:
    """The research file's rows by office city."""
    return {row["office_city"]: row for row in _read(RESEARCH_FILE)}


def _fact_value(row: dict[str, str], fact: str, spec: dict[str, str]) -> str:
    if fact == "address":
        return spec.get("street_address") or row["address"]
    return row[fact]


def office_facts(row: dict[str, str], specs: list[dict[str, str]]) -> OfficeFacts:
    """The facts of the research ``row`` whose sources ``specs`` (fact_sources.csv rows) give."""
    match = _LEVELS.match(row["notes"])
    if match is None:
        raise ValueError(f"research notes without evidence levels: {row['notes'][:80]!r}")
    levels = dict(zip(("address", "phone", "hours"), match.groups(), strict=True))
    items = split_sources(row["sources"])
    out = OfficeFacts()
    for spec in specs:
        fact, level = spec["fact"], levels[spec["fact"]]
        cited = [_citation(items, token) for token in spec["items"].split("|")]
        out.values.update(
            {
                f"{fact}_evidence": level,
                f"{fact}_source": "; ".join(text for text, _ in cited),
                f"{fact}_source_date": _newest([d for _, d in cited]),
            }
        )
        if level in ("confirmed", "candidate"):
            out.values[_VALUE[fact] if fact != "address" else "street_address"] = _fact_value(
                row, fact, spec
            )
        if fact == "address" and level in ("confirmed", "candidate"):
            _address_parts(row, spec, out)
        if spec["notes_es"]:
            out.notes_es.append(spec["notes_es"])
            out.notes_en.append(spec["notes_en"])
    missing = {f for f, lvl in levels.items() if lvl != "none"} - {s["fact"] for s in specs}
    if missing:
        raise RuntimeError(f"{row['office_city']}: no sources listed for {sorted(missing)}")
    return out


def _address_parts(row: dict[str, str], spec: dict[str, str], out: OfficeFacts) -> None:
    street = out.values["street_address"]
    rest = row["address"].removeprefix(street).lstrip(", ").strip()
    partial = spec["partial"] == "partial"
    if rest and not partial:
        out.values["city"] = rest  # e.g. Miami's office is in Coral Gables
    if row["zip"] and not partial:
        out.values["postal_code"] = row["zip"]
        out.full_address = True


def fact_specs() -> dict[str, list[dict[str, str]]]:
    """fact_sources.csv rows grouped by office city."""
    grouped: dict[str, list[dict[str, str]]] = {}
    for spec in _read("fact_sources.csv"):
        grouped.setdefault(spec["office_city"], []).append(spec)
    return grouped


def vds_facts() -> dict[str, dict[str, str]]:
    """vds_facts.csv rows (dated VDS facts from vds_and_mobile_units.md) by office city."""
    return {row["office_city"]: row for row in _read("vds_facts.csv")}
