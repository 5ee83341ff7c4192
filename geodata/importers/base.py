"""Shared machinery of the site importers: reading bytes safely, CSV tables, row errors.

Every importer turns a file into a :class:`ParsedImport` without touching any store. Any
invalid row makes the whole import fail with :class:`~geodata.errors.ImportValidationError`
listing every problem found (up to :data:`MAX_REPORTED_ERRORS`), so that a user can fix the
file in one pass. Row numbers are CSV record numbers counting the header as row 1 (the
number a spreadsheet shows); GeoJSON rows are 1-based feature positions. Checks of single
values (coordinates, ZIP codes, URLs) are in :mod:`geodata.importers.values`.

Examples
--------
>>> log = ErrorLog()
>>> log.add(3, "name", ROWS["missing_name"])
>>> try:
...     log.raise_if_any("CSV")
... except ImportValidationError as exc:
...     exc.detail["errors"]
[{'row': 3, 'field': 'name', 'message': 'missing name / falta el nombre'}]
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from geodata.errors import ImportValidationError, InvalidInputError
from geodata.i18n import T
from geodata.importers.values import (  # re-exported: importers use them from here too
    US_BOUNDS,
    ZipLookup,
    check_point,
    clean_url,
    clean_zip,
    default_zip_lookup,
    parse_float,
    resolve_point,
)
from geodata.messages import IMPORT, ROWS
from geodata.phones import tel_uri
from geodata.schema import validate_sites
from geodata.stores.base import ApplyReport, ChangeSet, SiteStore

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_ROWS",
    "MAX_INT_DIGITS",
    "MAX_JSON_DEPTH",
    "MAX_REPORTED_ERRORS",
    "US_BOUNDS",
    "ErrorLog",
    "ParsedImport",
    "Source",
    "ZipLookup",
    "check_fields",
    "check_point",
    "clean_url",
    "clean_zip",
    "collect_sites",
    "decode_text",
    "default_zip_lookup",
    "file_date",
    "finish",
    "import_into",
    "json_depth",
    "load_json",
    "missing_columns",
    "parse_float",
    "progress_iter",
    "read_bytes",
    "read_csv_source",
    "read_csv_table",
    "resolve_point",
    "source_name",
]

Source = str | os.PathLike[str] | bytes | IO[bytes]
"""What an importer reads: a path, the file's bytes, or a binary file object."""

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
"""Largest file accepted by default (100 MB)."""
DEFAULT_MAX_ROWS = 500_000
"""Most data rows accepted by default (the HRSA file has about 16,000)."""
MAX_REPORTED_ERRORS = 200
"""Row errors kept in ``detail["errors"]``; the total count is always given."""
MAX_JSON_DEPTH = 64
"""Deepest nesting of arrays/objects accepted in a JSON upload (GeoJSON needs about 6)."""
MAX_INT_DIGITS = 100
"""Longest integer literal accepted in a JSON upload (Python refuses over 4,300 digits)."""
MAX_ID_CHARS = 128
"""Longest ``id`` (refused beyond)."""
MAX_TEXT_CHARS = {
    "name": 300,
    "notes": 4000,
    "hours": 2000,
    "description": 4000,
    "route_description": 4000,
}
"""Longest text per field (cut with a warning beyond); other fields: :data:`MAX_OTHER_CHARS`."""
MAX_OTHER_CHARS = 1000
MAX_NUMBER_DIGITS = 18
"""Most digits of an integer value (ids and counts fit in 64 bits)."""
_LISTS = ("services", "languages")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class ParsedImport:
    """A validated file, ready for :func:`import_into`.

    Attributes
    ----------
    changes
        The sites (and routes/stops) to upsert.
    rows_read
        Data rows (or features) read from the file.
    skipped
        Rows deliberately left out, each ``{"row", "reason"}`` (e.g. inactive HRSA sites).
    warnings
        Things users should know, each ``{"row", "field", "message"}`` (e.g. geocoded by ZIP).
    fmt
        The format name (``"hrsa"``, ``"csv"``...).
    """

    changes: ChangeSet
    rows_read: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    fmt: str = ""

    @property
    def rows_skipped(self) -> int:
        """Number of rows left out on purpose."""
        return len(self.skipped)

    def skip_reasons(self) -> dict[str, int]:
        """How many rows were skipped for each reason."""
        return dict(Counter(s["reason"] for s in self.skipped))

    def summary(self) -> dict[str, Any]:
        """JSON-able summary (counts, skip reasons, first warnings)."""
        return {
            "format": self.fmt,
            "rows_read": self.rows_read,
            "sites": len(self.changes.sites),
            "routes": len(self.changes.routes),
            "stops": len(self.changes.stops),
            "rows_skipped": self.rows_skipped,
            "skip_reasons": self.skip_reasons(),
            "warnings": len(self.warnings),
        }


class ErrorLog:
    """Collects row errors; :meth:`raise_if_any` raises them all at once."""

    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []
        self.count = 0

    def add(self, row: int | None, field: str, message: T | str) -> None:
        """Record one problem (kept up to :data:`MAX_REPORTED_ERRORS`, always counted).

        ``message`` is a catalog entry (said as ``entry.both()``), or a string only when it
        was already said by another report's row (passed on, e.g. a schema check's).
        """
        self.count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            said = message.both() if isinstance(message, T) else message
            self.errors.append({"row": row, "field": field, "message": said})

    def __bool__(self) -> bool:
        return self.count > 0

    def raise_if_any(self, what: str) -> None:
        """Raise :class:`ImportValidationError` if anything was recorded."""
        if not self.count:
            return
        more = "+" if self.count > len(self.errors) else ""
        rows = f"{len({e['row'] for e in self.errors})}{more}"
        raise ImportValidationError(
            IMPORT["row_problems"].fill(what=what, count=self.count, rows=rows),
            detail={"errors": self.errors, "total_errors": self.count},
        )


# --------------------------------------------------------------------------- reading
def source_name(source: Source) -> str:
    """A short name for ``source`` (the file name, or ``"<bytes>"``)."""
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    name = getattr(source, "name", None)
    return Path(str(name)).name if name else "<bytes>"


def file_date(source: Source) -> str:
    """ISO date of ``source``: a path's modification date, or today for bytes/file objects."""
    if isinstance(source, (str, os.PathLike)):
        return datetime.fromtimestamp(Path(source).stat().st_mtime, tz=UTC).date().isoformat()
    return date.today().isoformat()


def _too_big(size: int, max_bytes: int) -> InvalidInputError:
    mb = max_bytes / 1024 / 1024
    return InvalidInputError(
        IMPORT["file_too_large"].fill(size=size, max_bytes=max_bytes, mb=mb),
        detail={"size": size, "max_bytes": max_bytes},
    )


def read_bytes(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Return the content of ``source``, refusing empty files and files over ``max_bytes``."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir():
            raise InvalidInputError(IMPORT["path_is_folder"].fill(path=path))
        if not path.is_file():
            raise InvalidInputError(IMPORT["file_not_found"].fill(path=path))
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_big(size, max_bytes)
        data = path.read_bytes()
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        data = source.read(max_bytes + 1)
        if isinstance(data, str):
            raise InvalidInputError(IMPORT["binary_mode"])
    if len(data) > max_bytes:
        raise _too_big(len(data), max_bytes)
    if not data.strip():
        raise InvalidInputError(IMPORT["empty_file"])
    return data


def decode_text(data: bytes, encoding: str = "utf-8") -> str:
    """Decode ``data``; on bad bytes say where they are and suggest the encoding latin-1.

    The wording names no command-line flag or HTTP parameter: the same message serves the CLI
    (``--encoding``) and the API (``encoding=``).
    """
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in {"utf-8", "utf8"} else encoding
    try:
        return data.decode(codec)
    except LookupError as exc:
        raise InvalidInputError(IMPORT["unknown_encoding"].fill(encoding=encoding)) from exc
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.end].hex(" ")
        raise InvalidInputError(
            IMPORT["bad_encoding"].fill(encoding=encoding, bad=bad, start=exc.start, line=line),
            code="bad_encoding",
            detail={
                "position": exc.start,
                "line": line,
                "encoding": encoding,
                "suggested_encoding": "latin-1",
            },
        ) from exc


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_JSON_BRACKET = re.compile(r"[\[\]{}]")


def json_depth(text: str) -> int:
    """Deepest nesting of ``[``/``{`` in JSON ``text`` (brackets inside strings ignored).

    Examples
    --------
    >>> json_depth('{"a": [1, [2, "]]]"]]}')
    3
    """
    depth = deepest = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def load_json(text: str, *, what: str) -> Any:
    """Parse JSON ``text`` of an upload; every malformed or hostile document is a clear error.

    Refused with :class:`~geodata.errors.InvalidInputError` (never ``RecursionError`` or
    ``ValueError``): invalid JSON (line and column given), nesting deeper than
    :data:`MAX_JSON_DEPTH`, integer literals longer than :data:`MAX_INT_DIGITS` digits.

    Examples
    --------
    >>> load_json('{"a": [1, 2]}', what="GeoJSON")
    {'a': [1, 2]}
    >>> load_json("[" * 100 + "]" * 100, what="GeoJSON")
    Traceback (most recent call last):
    geodata.errors.InvalidInputError: GeoJSON: arrays/objects nested 100 levels deep; ...
    """
    depth = json_depth(text) if text.count("[") + text.count("{") > MAX_JSON_DEPTH else 0
    if depth > MAX_JSON_DEPTH:
        raise InvalidInputError(
            IMPORT["json_too_deep"].fill(what=what, depth=depth, max_depth=MAX_JSON_DEPTH),
            code="json_too_deep",
            detail={"depth": depth, "max_depth": MAX_JSON_DEPTH},
        )

    def parse_int(literal: str) -> int:
        digits = len(literal.lstrip("-"))
        if digits > MAX_INT_DIGITS:
            raise InvalidInputError(
                IMPORT["number_too_long"].fill(what=what, digits=digits, max_digits=MAX_INT_DIGITS),
                code="json_number_too_long",
                detail={"digits": digits},
            )
        return int(literal)

    try:
        return json.loads(text, parse_int=parse_int)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            IMPORT["json_invalid"].fill(what=what, lineno=exc.lineno, colno=exc.colno, msg=exc.msg),
            detail={"line": exc.lineno, "column": exc.colno},
        ) from exc
    except RecursionError as exc:  # the depth check above makes this unreachable in practice
        raise InvalidInputError(IMPORT["json_nested"].fill(what=what)) from exc


def progress_iter(
    items: Iterable[Any], *, total: int | None, enabled: bool, desc: str
) -> Iterator[Any]:
    """Wrap ``items`` in a tqdm bar on stderr when ``enabled`` and stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, total=total, desc=desc, unit="row", file=sys.stderr, leave=False)


def collect_sites(
    rows: Sequence[tuple[int, Any]],
    build: Callable[[int, Any], dict[str, Any] | None],
    *,
    progress: bool,
    desc: str,
    skip: Callable[[Any], str | None] | None = None,
) -> tuple[list[dict[str, Any]], list[int], list[dict[str, Any]]]:
    """Build a site per ``(number, row)``: return ``(records, their row numbers, skipped)``.

    ``skip(row)`` gives a reason to pass a row over (listed in ``skipped``) or ``None``;
    ``build(number, row)`` gives the record, or ``None`` when the row is bad (it logs why).
    """
    records: list[dict[str, Any]] = []
    numbers: list[int] = []
    skipped: list[dict[str, Any]] = []
    for number, row in progress_iter(rows, total=len(rows), enabled=progress, desc=desc):
        reason = skip(row) if skip is not None else None
        if reason is not None:
            skipped.append({"row": number, "reason": reason})
            continue
        record = build(number, row)
        if record is not None:
            records.append(record)
            numbers.append(number)
    return records, numbers, skipped


# --------------------------------------------------------------------------- types and sizes
def _type_problem(key: str, value: Any) -> str | None:
    if isinstance(value, dict):
        return ROWS["type_object"].both()
    if isinstance(value, list | tuple):
        if key not in _LISTS:
            return ROWS["type_list"].both()
        if not all(isinstance(v, str) for v in value):
            return ROWS["text_list"].both()
    if isinstance(value, int) and not isinstance(value, bool):
        if len(str(abs(value))) > MAX_NUMBER_DIGITS:
            return ROWS["number_too_long"].fill(digits=MAX_NUMBER_DIGITS).both()
    return None


def _text_problem(key: str, text: str) -> str | None:
    if _CONTROL.search(text):
        return ROWS["control_chars"].both()
    if key in ("id", "route_id", "unit_id") and len(text) > MAX_ID_CHARS:
        return ROWS["too_long"].fill(limit=MAX_ID_CHARS).both()
    return None


def check_fields(
    row: int | None,
    values: dict[str, Any],
    *,
    errors: ErrorLog,
    warnings: list[dict[str, Any]] | None,
) -> dict[str, Any]:
    """The one type and size check every importer puts each row through (issue 13).

    Refused (a row error; the value becomes ``None``): an object, or a list outside
    ``services``/``languages``; an integer of more than :data:`MAX_NUMBER_DIGITS` digits;
    text with NUL or other control characters; an id longer than :data:`MAX_ID_CHARS`.
    Cut to :data:`MAX_TEXT_CHARS` with a warning: over-long text (refused when
    ``warnings`` is ``None``). Returns a cleaned copy; ``geometry`` passes untouched.

    Examples
    --------
    >>> log, notes = ErrorLog(), []
    >>> clean = check_fields(2, {"id": ["a"], "name": "x" * 400, "city": "Nome"},
    ...                      errors=log, warnings=notes)
    >>> clean["id"], len(clean["name"]), clean["city"], [e["field"] for e in log.errors]
    (None, 300, 'Nome', ['id'])
    >>> notes[0]["field"]
    'name'
    """
    out: dict[str, Any] = {}
    for key, value in values.items():
        field_name = str(key)[:64]
        if field_name == "geometry" or value is None or isinstance(value, bool | float):
            out[key] = value
            continue
        problem = _type_problem(field_name, value)
        texts = value if isinstance(value, list | tuple) and problem is None else [value]
        for text in texts if problem is None else []:
            if isinstance(text, str):
                problem = problem or _text_problem(field_name, text)
        if problem:
            errors.add(row, field_name, problem)
            out[key] = None
            continue
        out[key] = _cut(row, field_name, value, errors=errors, warnings=warnings)
    return out


def _cut(
    row: int | None,
    key: str,
    value: Any,
    *,
    errors: ErrorLog,
    warnings: list[dict[str, Any]] | None,
) -> Any:
    limit = MAX_TEXT_CHARS.get(key, MAX_OTHER_CHARS)
    if not isinstance(value, str) or len(value) <= limit:
        return value
    if warnings is None:
        errors.add(row, key, ROWS["too_long"].fill(limit=limit))
        return None
    message = ROWS["text_cut"].fill(chars=len(value), limit=limit).both()
    warnings.append({"row": row, "field": key, "message": message})
    return value[:limit]


# --------------------------------------------------------------------------- finishing
def finish(
    records: list[dict[str, Any]],
    rows: list[int],
    errors: ErrorLog,
    *,
    what: str,
    fmt: str,
    rows_read: int,
    skipped: list[dict[str, Any]] | None = None,
    warnings: list[dict[str, Any]] | None = None,
    source: str = "",
) -> ParsedImport:
    """Validate ``records`` against the schema, merge with ``errors`` and build the result.

    ``rows`` gives the file row of each record, so schema errors point at the file. Every
    record first goes through :func:`check_fields` (types, sizes, control characters).
    """
    warnings = warnings if warnings is not None else []
    records = [
        check_fields(rows[i] if i < len(rows) else None, rec, errors=errors, warnings=warnings)
        for i, rec in enumerate(records)
    ]
    warnings += phone_warnings(records, rows)
    changes = ChangeSet(sites=records, source=source) if records else ChangeSet(source=source)
    for problem in validate_sites(changes.sites):
        file_row = rows[problem["row"] - 1] if problem["row"] - 1 < len(rows) else None
        errors.add(file_row, problem["field"], problem["message"])
    errors.errors.sort(key=lambda e: (e["row"] is None, e["row"] or 0))
    errors.raise_if_any(what)
    if not records:
        raise ImportValidationError(
            IMPORT["no_sites"].fill(what=what, rows_read=rows_read, skipped=len(skipped or [])),
            detail={"errors": [{"row": None, "field": "", "message": ROWS["no_rows"].both()}]},
        )
    return ParsedImport(changes, rows_read, skipped or [], warnings, fmt)


def phone_warnings(records: list[dict[str, Any]], rows: list[int]) -> list[dict[str, Any]]:
    """A warning per phone that is not a valid number: kept as text, never made a link."""
    found = []
    for record, row in zip(records, rows, strict=False):
        phone = str(record.get("phone") or "").strip()
        if phone and tel_uri(phone) is None:
            found.append(
                {
                    "row": row,
                    "field": "phone",
                    "message": ROWS["bad_phone"].fill(value=phone[:40]).both(),
                }
            )
    return found


def import_into(store: SiteStore, parsed: ParsedImport, *, dry_run: bool = False) -> ApplyReport:
    """Store ``parsed`` all-or-nothing (the store validates again); ``dry_run`` writes nothing."""
    return store.apply(parsed.changes, dry_run=dry_run)


def read_csv_table(
    text: str,
    *,
    what: str,
    max_rows: int = DEFAULT_MAX_ROWS,
    errors: ErrorLog,
    delimiter: str = ",",
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Parse CSV ``text`` into its header and ``(row_number, {column: value})`` pairs.

    The header is row 1. Blank lines are skipped (but counted). A row with a different
    number of fields than the header is recorded in ``errors``. ``delimiter``: see
    :mod:`geodata.importers.sniff`.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InvalidInputError(IMPORT["empty_file"]) from None
    except csv.Error as exc:
        raise _csv_error(what, 1, exc) from exc
    if not any(header):
        raise InvalidInputError(
            IMPORT["empty_header"].fill(what=what),
        )
    rows: list[tuple[int, dict[str, str]]] = []
    number = 1
    try:
        for values in reader:
            number += 1
            if not any(v.strip() for v in values):
                continue
            if len(rows) >= max_rows:
                raise InvalidInputError(
                    IMPORT["too_many_rows"].fill(what=what, max_rows=max_rows),
                    detail={"max_rows": max_rows},
                )
            if len(values) != len(header):
                errors.add(
                    number, "", ROWS["field_count"].fill(fields=len(values), header=len(header))
                )
                continue
            rows.append((number, {h: v.strip() for h, v in zip(header, values, strict=True)}))
    except csv.Error as exc:
        raise _csv_error(what, number, exc) from exc
    return header, rows


def read_csv_source(
    source: Source, *, encoding: str, what: str, max_bytes: int, max_rows: int, errors: ErrorLog
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """:func:`read_csv_table` of ``source`` read with :func:`read_bytes` and :func:`decode_text`."""
    text = decode_text(read_bytes(source, max_bytes=max_bytes), encoding)
    return read_csv_table(text, what=what, max_rows=max_rows, errors=errors)


def _csv_error(what: str, row: int, exc: csv.Error) -> InvalidInputError:
    return InvalidInputError(
        IMPORT["csv_unreadable"].fill(what=what, row=row, exc=exc),
        detail={"row": row},
    )


def missing_columns(header: list[str], required: Iterable[str], *, what: str) -> None:
    """Raise :class:`ImportValidationError` naming every ``required`` column not in ``header``."""
    have = set(header)
    missing = [c for c in required if c not in have]
    if missing:
        raise ImportValidationError(
            IMPORT["missing_columns"].fill(what=what, missing=", ".join(missing)),
            code="import_bad_header",
            detail={
                "missing_columns": missing,
                "errors": [
                    {"row": 1, "field": c, "message": ROWS["missing_column"].both()}
                    for c in missing
                ],
            },
        )
