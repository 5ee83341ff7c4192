"""Importers: turn a source file into validated sites, then store them all-or-nothing.

Two steps, so that a file can be checked without writing (``--dry-run``)::

    parsed = read_import("hrsa", "Health_Center_Service_Delivery_and_LookAlike_Sites.csv")
    report = import_into(store, parsed, dry_run=False)

Formats are registered in :data:`IMPORTERS` (name -> reader). A reader takes the source
(path, bytes or binary file object) and keyword options (``encoding``, ``progress``,
``max_bytes``, ``max_rows``...) and returns a :class:`ParsedImport`. To add a format, add one
line below that points at ``"module:function"`` (loaded on first use).

Examples
--------
>>> sorted(IMPORTERS)[:4]
['csv', 'geojson', 'hrsa', 'hsds']
"""

from __future__ import annotations

import importlib
from typing import Any

from geodata.errors import InvalidInputError
from geodata.importers.base import ParsedImport, Source, import_into
from geodata.messages import IMPORT

__all__ = ["IMPORTERS", "ParsedImport", "formats", "import_into", "read_import"]

IMPORTERS: dict[str, str] = {
    "hrsa": "geodata.importers.hrsa:read_hrsa",
    "hsds": "geodata.importers.hsds:read_hsds",
    "geojson": "geodata.importers.generic:read_geojson",
    "csv": "geodata.importers.generic:read_csv",
    "routes": "geodata.importers.routes:read_routes",
}
"""Format name -> ``"module:function"`` of its reader. Add a format with one line."""


def formats() -> list[str]:
    """The registered format names, sorted."""
    return sorted(IMPORTERS)


def read_import(
    fmt: str,
    source: Source,
    *,
    progress: bool = False,
    encoding: str = "utf-8",
    store: Any = None,
    **options: Any,
) -> ParsedImport:
    """Read and validate ``source`` as ``fmt``; nothing is written.

    ``store`` is the store the data is meant for (anything with ``sites()``): route imports
    check every route's ``unit_id`` against its ``vds_mobile`` sites (pass it always; formats
    that need nothing from it ignore it).

    Raises
    ------
    ImportValidationError
        If any row is invalid; ``detail["errors"]`` lists ``{"row", "field", "message"}``.
    InvalidInputError
        Unknown format, unreadable/empty/too large file, wrong encoding.
    """
    target = IMPORTERS.get(fmt)
    if target is None:
        allowed = ", ".join(formats())
        raise InvalidInputError(
            IMPORT["unknown_format"].fill(fmt=fmt, allowed=allowed),
            detail={"allowed": formats()},
        )
    module_name, func_name = target.split(":")
    reader = getattr(importlib.import_module(module_name), func_name)
    if fmt == "routes" and store is not None and "known_units" not in options:
        from geodata.importers.routes import mobile_unit_ids

        options["known_units"] = mobile_unit_ids(store)
    try:
        return reader(source, progress=progress, encoding=encoding, **options)
    except RecursionError as exc:  # a last guard: hostile nesting is refused, never a crash
        raise InvalidInputError(
            IMPORT["nested_too_deep"].fill(fmt=fmt),
        ) from exc
