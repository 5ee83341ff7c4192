"""Import an Open Referral HSDS 3.0 tabular package (a folder or a .zip of CSV files).

One site per non-virtual row of ``location.csv`` (``locations.csv`` in 3.1+ packages is also
accepted, and likewise for every table), id ``hsds-<location.id>``. Fields come from
``organization``, ``address``, ``phone``, ``service`` + ``service_at_location``, ``language``
and ``schedule`` (all optional except ``location``). The full mapping is in
``docs/importing.md``. Nothing is invented: a service whose id or name does not match our
vocabulary is listed in ``notes`` ("Otros servicios / Other services"), never guessed.

Examples
--------
>>> render_schedule({"byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"})
('lun–vie 09:00–17:00', 'Mon–Fri 09:00–17:00')
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Any

from shapely.geometry import Point

from geodata.date_words import DATES, DAY_CODES
from geodata.errors import ImportValidationError, InvalidInputError
from geodata.export_hsds import PRECISION_TAXONOMY
from geodata.i18n import LANGS, T
from geodata.importers.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ROWS,
    ErrorLog,
    ParsedImport,
    Source,
    collect_sites,
    decode_text,
    file_date,
    finish,
    missing_columns,
    read_csv_table,
    source_name,
)
from geodata.importers.hsds_package import TABLES, files_report, package_files, resolve_tables
from geodata.importers.states import clean_state
from geodata.importers.values import (
    ZipLookup,
    clean_url,
    clean_zip,
    default_zip_lookup,
    resolve_point,
)
from geodata.messages import HSDS, ROWS, SKIPS
from geodata.vocab import KINDS, LANGUAGES, PRECISIONS, SERVICES, SYNONYMS

__all__ = ["TABLES", "language_code", "match_service", "read_hsds", "render_schedule"]

Table = list[tuple[int, dict[str, str]]]
_ORDER = list(DAY_CODES)
_DAY = re.compile(r"^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$")
_ISO3 = {
    "spa": "es",
    "eng": "en",
    "por": "pt",
    "fra": "fr",
    "fre": "fr",
    "zho": "zh",
    "chi": "zh",
    "vie": "vi",
    "kor": "ko",
    "tgl": "tl",
    "ara": "ar",
    "rus": "ru",
    "hat": "ht",
    "deu": "de",
    "ger": "de",
    "ita": "it",
    "jpn": "ja",
    "hin": "hi",
}


def read_hsds(
    source: Source,
    *,
    encoding: str = "utf-8",
    progress: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
    zip_lookup: ZipLookup | None = None,
    kind: str = "clinic",
    source_text: str = "",
    **_: Any,
) -> ParsedImport:
    """Read and validate an HSDS package; ``kind`` is given to every site (HSDS has no kind)."""
    if kind not in KINDS:
        raise InvalidInputError(HSDS["unknown_kind"].fill(given=kind))
    files = package_files(source, max_bytes=max_bytes)
    names, ignored = resolve_tables(files)
    if "location" not in names:
        raise InvalidInputError(
            HSDS["no_locations"].fill(file="location.csv", resource="'location'"),
            detail={"files": sorted(files)},
        )
    errors = ErrorLog()
    tables = {
        t: (_table(t, names[t], files[names[t]], encoding, max_rows, errors) if t in names else [])
        for t in TABLES
    }
    citation = source_text or f"Open Referral HSDS package {source_name(source)}"
    ctx = _Context(tables, citation=citation, kind=kind, day=file_date(source))
    lookup = zip_lookup or default_zip_lookup()
    warnings = files_report(names, {t: len(r) for t, r in tables.items()}, ignored)
    warnings += ctx.warnings
    locations = tables["location"]

    def build(n: int, loc: dict[str, str]) -> dict[str, Any] | None:
        return ctx.site(n, loc, errors=errors, warnings=warnings, lookup=lookup)

    records, rows, skipped = collect_sites(
        locations, build, skip=_virtual, progress=progress, desc="HSDS"
    )
    try:
        return finish(
            records,
            rows,
            errors,
            what=f"HSDS {names['location']}",
            fmt="hsds",
            rows_read=len(locations),
            skipped=skipped,
            warnings=warnings,
            source=citation,
        )
    except ImportValidationError as exc:  # the files report goes with the errors too
        exc.detail["files"] = [w["message"] for w in warnings if w["field"] == "files"]
        raise


def _virtual(loc: dict[str, str]) -> str | None:
    virtual = loc.get("location_type", "").lower() == "virtual"
    return SKIPS["virtual"].both() if virtual else None


# --------------------------------------------------------------------------- package
def _table(
    name: str, filename: str, data: bytes, encoding: str, max_rows: int, errors: ErrorLog
) -> Table:
    what = f"HSDS {filename}"
    table_errors = ErrorLog()
    header, rows = read_csv_table(
        decode_text(data, encoding), what=what, max_rows=max_rows, errors=table_errors
    )
    missing_columns(
        header, ("id",) if name in ("location", "organization", "service") else (), what=what
    )
    for e in table_errors.errors:
        errors.add(e["row"], filename, e["message"])
    return rows


# --------------------------------------------------------------------------- mapping
class _Context:
    """Indexes of the related tables by location, service and organization id."""

    def __init__(self, tables: dict[str, Table], *, citation: str, kind: str, day: str) -> None:
        self.citation, self.kind, self.day = citation, kind, day
        self.warnings: list[dict[str, Any]] = []
        self.orgs = {r["id"]: r for _, r in tables["organization"]}
        self.services = {r["id"]: r for _, r in tables["service"]}
        self.by_loc: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.by_key: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
        for table in ("address", "phone", "language", "schedule", "service_at_location"):
            for _, r in tables[table]:
                if r.get("location_id"):
                    self.by_loc[r["location_id"]][table].append(r)
                for key in ("service_id", "service_at_location_id", "organization_id"):
                    if r.get(key):
                        self.by_key[(table + ":" + key, r[key])].append(r)
        terms = {r["id"]: r for _, r in tables["taxonomy_term"]}
        self.terms: dict[str, list[dict[str, str]]] = defaultdict(list)
        for _, r in tables["attribute"]:
            if r.get("taxonomy_term_id") in terms:
                self.terms[r.get("link_id", "")].append(terms[r["taxonomy_term_id"]])

    def related(self, table: str, key: str, value: str) -> list[dict[str, str]]:
        return self.by_key.get((f"{table}:{key}", value), [])

    def site(
        self,
        n: int,
        loc: dict[str, str],
        *,
        errors: ErrorLog,
        warnings: list[dict[str, Any]],
        lookup: ZipLookup,
    ) -> dict[str, Any] | None:
        own = self.by_loc.get(loc["id"], {})
        org = self.orgs.get(loc.get("organization_id", ""), {})
        sals = own.get("service_at_location", [])
        services = [
            self.services[s["service_id"]]
            for s in sals
            if s.get("service_id") in self.services
            and self.services[s["service_id"]].get("status", "active").lower() in ("", "active")
        ]
        address = _address(own.get("address", []))
        zip5, zip_error = clean_zip(address.get("postal_code", ""))
        if zip_error:
            errors.add(n, "address.postal_code", zip_error)
        state, state_error = clean_state(address.get("state_province", ""))
        if state_error:
            errors.add(n, "address.state_province", state_error)
        point = resolve_point(
            loc.get("latitude"),
            loc.get("longitude"),
            zip5,
            row=n,
            fields=("location.latitude", "location.longitude"),
            errors=errors,
            warnings=warnings,
            zip_lookup=lookup,
        )
        url, url_warning = clean_url(loc.get("url") or org.get("website") or org.get("url") or "")
        if url_warning:
            warnings.append(
                {"row": n, "field": "location.url/organization.website", "message": url_warning}
            )
        ids, others = self.service_ids(services)
        if not loc["id"] or point is None:
            return None
        (lon, lat), precision = point
        if precision == "address":  # coordinates given: a precision attribute may say less
            precision = self.precision(loc["id"]) or precision
        return {
            "id": f"hsds-{loc['id']}",
            "kind": self.kind,
            "name": loc.get("name") or org.get("name", ""),
            "organization": org.get("name", ""),
            "street_address": ", ".join(
                a for a in (address.get("address_1", ""), address.get("address_2", "")) if a
            ),
            "city": address.get("city", ""),
            "state": state,
            "postal_code": zip5,
            "phone": self.phone(own, sals, org),
            "url": url,
            "services": ids,
            "languages": self.languages(n, own, services, warnings),
            "hours": self.hours(own, sals),
            "location_precision": precision,
            "source": self.citation,
            "source_date": self.day,
            "verified": False,
            "notes": _notes(loc.get("description", ""), others),
            "geometry": Point(lon, lat),
        }

    def precision(self, location_id: str) -> str | None:
        """The location's precision from a term of locator's precision taxonomy, if any."""
        prefix = PRECISION_TAXONOMY + ":"
        for term in self.terms.get(location_id, []):
            code = term.get("code", "")
            if code.startswith(prefix) and code[len(prefix) :] in PRECISIONS:
                return code[len(prefix) :]
        return None

    def service_ids(self, services: list[dict[str, str]]) -> tuple[list[str], list[str]]:
        ids, others = [], []
        for svc in services:
            names = [svc.get("id", ""), svc.get("name", "")]
            names += [
                t.get(k, "")
                for t in self.terms.get(svc.get("id", ""), [])
                for k in ("code", "name")
            ]
            found = next((m for m in map(match_service, names) if m), None)
            if found and found not in ids:
                ids.append(found)
            elif not found and svc.get("name") and svc["name"] not in others:
                others.append(svc["name"])
        return ids, others

    def phone(
        self, own: dict[str, list[dict[str, str]]], sals: list[dict[str, str]], org: dict[str, str]
    ) -> str:
        candidates = list(own.get("phone", []))
        for sal in sals:
            candidates += self.related("phone", "service_at_location_id", sal.get("id", ""))
        candidates += self.related("phone", "organization_id", org.get("id", "")) if org else []
        for phone in candidates:
            if phone.get("number") and phone.get("type", "").lower() not in ("fax", "pager"):
                ext = phone.get("extension", "")
                return phone["number"] + (f" ext. {ext}" if ext else "")
        return ""

    def languages(
        self,
        n: int,
        own: dict[str, list[dict[str, str]]],
        services: list[dict[str, str]],
        warnings: list[dict[str, Any]],
    ) -> list[str]:
        rows = list(own.get("language", []))
        for svc in services:
            rows += self.related("language", "service_id", svc.get("id", ""))
        codes: list[str] = []
        for row in rows:
            code = language_code(row.get("code", ""), row.get("name", ""))
            if code is None:
                label = row.get("name") or row.get("code")
                warnings.append(
                    {
                        "row": n,
                        "field": "language",
                        "message": ROWS["unknown_language"].fill(label=label).both(),
                    }
                )
            elif code not in codes:
                codes.append(code)
        return codes

    def hours(self, own: dict[str, list[dict[str, str]]], sals: list[dict[str, str]]) -> str:
        schedules = list(own.get("schedule", []))
        for sal in sals:
            schedules += self.related("schedule", "service_at_location_id", sal.get("id", ""))
        parts = [render_schedule(s) for s in schedules]
        parts = [p for p in parts if p[0]]
        if not parts:
            return ""
        es = "; ".join(dict.fromkeys(p[0] for p in parts))
        en = "; ".join(dict.fromkeys(p[1] for p in parts))
        return es if es == en else f"{es} ({en})"


def _notes(description: str, others: list[str]) -> str:
    """The location's description, then the services outside our vocabulary."""
    other = f"Otros servicios / Other services: {'; '.join(others)}" if others else ""
    return " ".join(p for p in (description.strip(), other) if p)


def _address(rows: list[dict[str, str]]) -> dict[str, str]:
    """The physical address of a location (else its first address)."""
    physical = [r for r in rows if r.get("address_type", "physical").lower() in ("", "physical")]
    return (physical or rows or [{}])[0]


def _norm(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def _service_key(text: str) -> str:
    """:func:`_norm` with the US spelling "counseling" read as "counselling"."""
    return re.sub(r"(?<![a-z])counseling", "counselling", _norm(text))


_SERVICE_KEYS = {
    _service_key(name): sid
    for sid, term in SERVICES.items()
    for name in (sid, term.es, term.en, *SYNONYMS.get(sid, ()))
}


def match_service(text: str) -> str | None:
    """Our service id for an HSDS service id, name or taxonomy term, or ``None``.

    The whole text must be a service id, its Spanish or English label, or one of its
    :data:`geodata.vocab.SYNONYMS`, ignoring case, accents and punctuation; nothing is
    guessed from part of a name.

    >>> match_service("HIV/AIDS screening"), match_service("Vacunación"), match_service("Dental")
    ('screening_hiv', 'vaccines', None)
    """
    return _SERVICE_KEYS.get(_service_key(text)) if text else None


_LANGUAGE_NAMES = {
    _norm(name): code for code, term in LANGUAGES.items() for name in (term.es, term.en)
}


def language_code(code: str, name: str) -> str | None:
    """ISO 639-1 code from an HSDS ``language.code`` (639-1 or 639-3) or ``name``."""
    code = code.strip().lower()
    if re.fullmatch(r"[a-z]{2}", code):
        return code
    if re.fullmatch(r"[a-z]{3}", code):
        return _ISO3.get(code, code)
    return _LANGUAGE_NAMES.get(_norm(name))


def render_schedule(row: dict[str, str]) -> tuple[str, str]:
    """Spanish and English text for one HSDS schedule row (its description if it has one)."""
    if row.get("description"):
        return row["description"], row["description"]
    days_es, days_en = _days(row.get("byday", ""))
    opens, closes = _hhmm(row.get("opens_at", "")), _hhmm(row.get("closes_at", ""))
    times = f"{opens}–{closes}" if opens and closes else opens or closes
    freq, interval = row.get("freq", "").upper(), row.get("interval", "").strip()
    pre_es = pre_en = ""
    if freq == "MONTHLY":
        monthly = DATES["freq.MONTHLY"]
        pre_es, pre_en = f"{monthly.es.lower()}: ", f"{monthly.en.lower()}: "
    elif freq == "WEEKLY" and interval not in ("", "1"):
        every = DATES["every_n_weeks"].fill(n=interval)
        pre_es, pre_en = f"{every.es}: ", f"{every.en}: "
    if not (days_es or times):
        return "", ""
    es = (pre_es + " ".join(p for p in (days_es, times) if p)).strip()
    en = (pre_en + " ".join(p for p in (days_en, times) if p)).strip()
    return es, en


def _hhmm(text: str) -> str:
    match = re.match(r"^(\d{1,2}):(\d{2})", (text or "").strip())
    return f"{int(match[1]):02d}:{match[2]}" if match else ""


def _days(byday: str) -> tuple[str, str]:
    tokens = [t.strip().upper() for t in byday.split(",") if t.strip()]
    parsed = [m for m in map(_DAY.match, tokens) if m]
    if not parsed:
        return "", ""
    if any(m[1] for m in parsed):  # monthly ordinals: 1SA, -1FR
        said = [_ordinal(m[1] or "1").fill(day=_day(m[2])) for m in parsed]
        return ", ".join(t.es for t in said), ", ".join(t.en for t in said)
    idx = sorted({_ORDER.index(m[2]) for m in parsed})
    runs: list[list[int]] = []
    for i in idx:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    out = []
    for lang in (0, 1):
        names = []
        for run in runs:
            first = _day(_ORDER[run[0]]).get(LANGS[lang])
            last = _day(_ORDER[run[-1]]).get(LANGS[lang])
            names.append(
                first
                if len(run) == 1
                else f"{first}, {last}"
                if len(run) == 2
                else f"{first}–{last}"
            )
        out.append(", ".join(names))
    return out[0], out[1]


def _day(code: str) -> T:
    """The short name of an RFC 5545 day code (``"SA"`` -> sáb / Sat)."""
    return DATES[f"day_short.{_ORDER.index(code)}"]


def _ordinal(n: str) -> T:
    """``"{ordinal} {day}"`` for a BYDAY ordinal (``1`` -> 1er / 1st, ``-1`` -> último / last)."""
    key = f"ord.{int(n)}"
    word = DATES[key] if key in DATES else DATES["ord.n"].fill(n=int(n))
    return T("ordinal_day", es=f"{word.es} {{day}}", en=f"{word.en} {{day}}")
