"""Reading an HSDS package: its files, ``datapackage.json`` and which file holds which table.

HSDS 3.0 names its tables in the singular (``address``) and its files mostly in the plural
(``addresses.csv``, ``locations.csv``; ``service_at_location.csv``); ``datapackage.json`` maps one
to the other (resource ``name`` -> ``path``) and is followed when present. Every file is either
read (as a table) or reported as ignored with the reason; an HSDS 1.x package
(``physical_address.csv``, ``regular_schedule.csv``...) gets a clear message.

Examples
--------
>>> table_name("addresses.csv"), table_name("location.csv"), table_name("contacts.csv")
('address', 'location', '')
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections import defaultdict
from pathlib import Path, PurePosixPath
from typing import Any

from geodata.errors import InvalidInputError
from geodata.importers.archive import read_members
from geodata.importers.base import Source, decode_text, read_bytes
from geodata.messages import HSDS, ROWS

__all__ = ["DATAPACKAGE", "TABLES", "files_report", "package_files", "resolve_tables", "table_name"]

TABLES = (
    "organization",
    "location",
    "service",
    "service_at_location",
    "language",
    "schedule",
    "address",
    "phone",
    "attribute",
    "taxonomy_term",
)
"""HSDS tables read (``location`` is required, the rest optional)."""

DATAPACKAGE = "datapackage.json"
_PLURALS = {
    "address": "addresses",
    "service_at_location": "service_at_locations",
    "taxonomy_term": "taxonomy_terms",
}
_HSDS1_FILES = {
    "physical_address.csv",
    "postal_address.csv",
    "regular_schedule.csv",
    "holiday_schedule.csv",
    "service_taxonomy.csv",
    "accessibility_for_disabilities.csv",
}


def package_files(source: Source, *, max_bytes: int) -> dict[str, bytes]:
    """``{file name: bytes}`` of the CSV files and ``datapackage.json`` of a folder, a zip path,
    zip bytes or a zip file object (names without their folders)."""
    if isinstance(source, (str, os.PathLike)) and Path(source).is_dir():
        paths: dict[str, Path] = {}
        for p in sorted(Path(source).rglob("*")):
            if p.is_file() and _wanted(p.name):
                paths.setdefault(p.name, p)
        _check_total(sum(p.stat().st_size for p in paths.values()), max_bytes)
        return {k: p.read_bytes() for k, p in paths.items()}
    data = read_bytes(source, max_bytes=max_bytes)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if isinstance(source, (str, os.PathLike)):
            raise InvalidInputError(
                HSDS["folder_or_zip"],
            )
        raise InvalidInputError(  # bytes or an upload: a folder is not possible here
            HSDS["not_zip"],
        )
    out: dict[str, bytes] = {}  # safe reading (CRC, sizes, encryption, methods, '../')
    members = read_members(
        data,
        what="HSDS",
        suffix=(".csv", DATAPACKAGE),  # type: ignore[arg-type]
        max_bytes=max_bytes,
    )
    for filename, content in members.items():
        name = PurePosixPath(filename).name
        if _wanted(name):
            out.setdefault(name, content)
    return out


def _wanted(name: str) -> bool:
    return name.lower().endswith(".csv") or name.lower() == DATAPACKAGE


def _check_total(total: int, max_bytes: int) -> None:
    if total > max_bytes:
        raise InvalidInputError(
            HSDS["too_large"].fill(total=total, max_bytes=max_bytes),
            detail={"size": total, "max_bytes": max_bytes},
        )


def table_name(filename: str) -> str:
    """The HSDS table of a file name: the 3.0 names (``addresses.csv``, ``locations.csv``...)
    and the singular ones (``address.csv``)."""
    stem = filename.lower().removesuffix(".csv")
    return next((t for t in TABLES if stem in (t, _PLURALS.get(t, t + "s"))), "")


def _datapackage(files: dict[str, bytes]) -> dict[str, Any] | None:
    name = next((n for n in files if n.lower() == DATAPACKAGE), None)
    if name is None:
        return None
    try:
        doc = json.loads(decode_text(files[name], "utf-8"))
    except (ValueError, InvalidInputError) as exc:
        raise InvalidInputError(
            HSDS["invalid_json"].fill(name=name, error=str(exc)[:200]),
        ) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("resources", []), list):
        raise InvalidInputError(
            HSDS["no_resources"].fill(name=name),
        )
    return doc


_HSDS1_RENAMES = "physical_address -> address, regular_schedule -> schedule"
"""The HSDS 1.x tables renamed in 3.0 (file names: the same in every language)."""


def _check_not_hsds1(files: dict[str, bytes], package: dict[str, Any] | None) -> None:
    old = sorted(n for n in files if n.lower() in _HSDS1_FILES)
    names = {
        str(r.get("name", "")) for r in (package or {}).get("resources", []) if isinstance(r, dict)
    }
    version = str((package or {}).get("version", ""))
    if old or names & {n.removesuffix(".csv") for n in _HSDS1_FILES} or version.startswith("1."):
        found = ", ".join(old) or HSDS["package_version"].fill(version=version)
        raise InvalidInputError(
            HSDS["hsds_1x"].fill(found=found, renames=_HSDS1_RENAMES),
            code="hsds_1x",
            detail={"files": old, "version": version},
        )


def resolve_tables(files: dict[str, bytes]) -> tuple[dict[str, str], dict[str, str]]:
    """``({table: file name}, {ignored file name: reason})``, following ``datapackage.json``
    (resource name -> path) when the package has one, else the file names."""
    package = _datapackage(files)
    _check_not_hsds1(files, package)
    by_lower = {n.lower(): n for n in files}
    tables: dict[str, str] = {}
    listed: set[str] = set()
    for res in (package or {}).get("resources", []):
        if not isinstance(res, dict):
            continue
        path = res.get("path")
        path = path[0] if isinstance(path, list) and path else path
        real = by_lower.get(PurePosixPath(str(path or "")).name.lower())
        if real is None:
            continue
        listed.add(real)
        if str(res.get("name", "")) in TABLES:
            tables.setdefault(str(res["name"]), real)
    ignored: dict[str, str] = {}
    for name in sorted(files):
        if name.lower() == DATAPACKAGE or name in tables.values():
            continue
        table = table_name(name)
        if table and table not in tables and name not in listed:
            tables[table] = name
        elif name in listed or table:
            ignored[name] = ROWS["not_used"].both()
        else:
            ignored[name] = ROWS["not_hsds_table"].both()
    return tables, ignored


def files_report(
    tables: dict[str, str], counts: dict[str, int], ignored: dict[str, str]
) -> list[dict[str, Any]]:
    """Warnings that list every file read (table, rows) and every file ignored (why)."""
    read = ", ".join(f"{f} ({t}, {counts.get(t, 0)})" for t, f in tables.items())
    out = [
        {
            "row": None,
            "field": "files",
            "message": f"{ROWS['files_read'].both()}: {read}",
        }
    ]
    by_reason: dict[str, list[str]] = defaultdict(list)
    for name, reason in ignored.items():
        by_reason[reason].append(name)
    out += [
        {
            "row": None,
            "field": "files",
            "message": f"{ROWS['files_ignored'].both()} ({reason}): {', '.join(names)}",
        }
        for reason, names in by_reason.items()
    ]
    return out
