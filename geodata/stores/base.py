"""The store interface: where sites, routes and stops live.

A backend is chosen once at start-up (the embedded GeoPackage by default, PostGIS when a
database URL is given) and hidden behind :class:`SiteStore`. Writes go through
:meth:`SiteStore.apply`, which is all-or-nothing: either every record of a :class:`ChangeSet`
is stored, or nothing is.
"""

from __future__ import annotations

import functools
import hashlib
import json
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.errors import ImportValidationError, StorageFullError
from geodata.messages import ROWS, STORE
from geodata.schema import (
    ROUTE_COLUMNS,
    SITE_COLUMNS,
    STOP_COLUMNS,
    coerce_routes,
    coerce_sites,
    coerce_stops,
    validate_sites,
)

__all__ = [
    "ApplyReport",
    "ChangeSet",
    "SiteStore",
    "bundled_ids",
    "content_hash",
    "merge_by_id",
    "official_changes",
    "record_keys",
    "storage_full",
]


@dataclass
class ChangeSet:
    """Records to insert or update by stable ``id`` (sites, routes, stops).

    Stops of a route listed in ``routes`` replace that route's previous stops.
    ``allow_official`` must be set (``--allow-update-official``) to change an official
    record, one that is bundled or verified (:func:`official_changes`).
    """

    sites: gpd.GeoDataFrame = field(default_factory=lambda: coerce_sites([]))
    routes: gpd.GeoDataFrame = field(default_factory=lambda: coerce_routes([]))
    stops: gpd.GeoDataFrame = field(default_factory=lambda: coerce_stops([]))
    source: str = ""
    allow_official: bool = False

    def __post_init__(self) -> None:
        self.sites = coerce_sites(self.sites)
        self.routes = coerce_routes(self.routes)
        self.stops = coerce_stops(self.stops)

    def validate(self) -> None:
        """Raise :class:`ImportValidationError` if any site row breaks the schema."""
        errors = validate_sites(self.sites)
        if errors:
            raise ImportValidationError(
                STORE["invalid_rows"].fill(n=len(errors)),
                detail={"errors": errors[:200]},
            )

    def check_kinds(self, existing: dict[str, str]) -> None:
        """Refuse to turn an existing site into another kind (e.g. a consulate into a clinic).

        ``existing`` maps the ids already stored to their kind. An id collision across sources
        would otherwise silently overwrite a record; nothing is stored when this raises.
        """
        errors = [
            {
                "row": i + 1,
                "id": sid,
                "field": "kind",
                "message": ROWS["kind_change"].fill(sid=sid, old=existing[sid], new=kind).both(),
            }
            for i, (sid, kind) in enumerate(zip(self.sites["id"], self.sites["kind"], strict=True))
            if sid in existing and existing[sid] != kind
        ]
        if errors:
            raise ImportValidationError(
                STORE["kind_changes"].fill(n=len(errors)),
                detail={"errors": errors[:200]},
            )

    def check_official(self, current: gpd.GeoDataFrame) -> list[dict[str, Any]]:
        """Official records this change set would change; refused unless ``allow_official``.

        ``current`` holds (at least) the stored sites with the incoming ids. Returns the list
        (``[{"id", "kind", "fields"}]``) for the report when allowed; nothing is stored when
        this raises.
        """
        changed = official_changes(current, self.sites)
        if changed and not self.allow_official:
            ids = ", ".join(c["id"] for c in changed[:10])
            more = f" (+{len(changed) - 10})" if len(changed) > 10 else ""
            raise ImportValidationError(
                STORE["official_changes"].fill(
                    flag="--allow-update-official", n=len(changed), ids=ids, more=more
                ),
                code="official_record",
                detail={
                    "official_changed": changed[:200],
                    "errors": [
                        {
                            "row": None,
                            "id": c["id"],
                            "field": ", ".join(c["fields"]),
                            "message": ROWS["official_change"].fill(sid=c["id"]).both(),
                        }
                        for c in changed[:200]
                    ],
                },
            )
        return changed

    def __len__(self) -> int:
        return len(self.sites) + len(self.routes) + len(self.stops)


@dataclass
class ApplyReport:
    """What :meth:`SiteStore.apply` did (or, with ``dry_run``, would do)."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    routes: int = 0
    stops: int = 0
    version: str = ""
    dry_run: bool = False
    official_changed: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


WKT_PRECISION = 7
"""Decimal places of the coordinates in a record key (about 1 cm): noise below that is ignored."""

_COERCE = {"sites": coerce_sites, "routes": coerce_routes, "stops": coerce_stops}


def _detect(frame: pd.DataFrame) -> str:
    columns = set(frame.columns)
    if "route_id" in columns:
        return "stops"
    return "routes" if "unit_id" in columns else "sites"


def record_keys(frame: pd.DataFrame, table: str | None = None) -> list[str]:
    """One canonical text per row of a sites, routes or stops frame, the same on every backend.

    The frame is first coerced with :mod:`geodata.schema` (missing text becomes ``""``, list
    fields lists in their order, flags bools, counts ints); each row is then a compact JSON
    object with sorted keys plus its geometry as WKT rounded to :data:`WKT_PRECISION`
    decimals. How a backend stores lists, flags or empty values does not change the key.

    Parameters
    ----------
    frame
        Rows of one table.
    table
        ``"sites"``, ``"routes"`` or ``"stops"``; guessed from the columns when omitted.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> a = record_keys([{"id": "a", "services": "vaccines;dental", "verified": "yes",
    ...                   "geometry": Point(-87.6, 41.8)}], "sites")
    >>> b = record_keys([{"id": "a", "services": ["vaccines", "dental"], "verified": True,
    ...                   "notes": None, "geometry": Point(-87.60000000001, 41.8)}], "sites")
    >>> a == b
    True
    """
    if table is None:
        table = _detect(pd.DataFrame(frame))
    coerced = _COERCE[table](frame)
    if not len(coerced):
        return []
    columns = [c for c in coerced.columns if c != "geometry"]
    values = {c: coerced[c].tolist() for c in columns}  # tolist: plain Python types
    geoms = np.asarray(coerced.geometry.values, dtype=object)
    wkt = shapely.to_wkt(geoms, rounding_precision=WKT_PRECISION, trim=True)
    keys = []
    for i, geometry in enumerate(wkt):
        record = {c: _plain(values[c][i]) for c in columns}
        record["geometry"] = geometry
        keys.append(json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")))
    return keys


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple | np.ndarray):
        return [str(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


OFFICIAL_KINDS = frozenset({"consulate", "vds", "vds_mobile"})
"""Kinds that only the foreign ministry's network has: new ones need ``allow_official``."""


@functools.lru_cache(maxsize=1)
def bundled_ids() -> frozenset[str]:
    """Ids of the sites shipped with locator (official sources): protected from imports."""
    from geodata.bundled import load_bundled

    try:
        return frozenset(load_bundled().sites["id"])
    except (FileNotFoundError, OSError):  # pragma: no cover - a broken install
        return frozenset()


def official_changes(current: gpd.GeoDataFrame, incoming: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Official records (bundled, or ``verified``) that ``incoming`` would change or add.

    Returns ``[{"id", "kind", "fields"}]``: ``fields`` are the columns whose value would
    change (``geometry`` when the point moves). Records that stay identical are not listed.
    A *new* record of an official kind (a consulate, a Ventanilla de Salud or its mobile
    unit: the foreign ministry's own network) is listed too, with ``fields == ["(new)"]``:
    a consulate nobody verified must not appear beside the real ones by a plain import.

    Examples
    --------
    >>> from geodata.schema import coerce_sites
    >>> from shapely.geometry import Point
    >>> cur = coerce_sites([{"id": "consulate-chicago", "kind": "consulate", "name": "C",
    ...                      "geometry": Point(-87.6, 41.9)}])
    >>> new = coerce_sites([{"id": "consulate-chicago", "kind": "consulate", "name": "C",
    ...                      "geometry": Point(-84.97, 34.77)}])
    >>> official_changes(cur, new)
    [{'id': 'consulate-chicago', 'kind': 'consulate', 'fields': ['geometry']}]
    >>> fake = coerce_sites([{"id": "consulate-dalton", "kind": "consulate", "name": "D",
    ...                       "geometry": Point(-84.97, 34.77)}])
    >>> official_changes(cur, fake)
    [{'id': 'consulate-dalton', 'kind': 'consulate', 'fields': ['(new)']}]
    """
    ids = set(incoming["id"])
    if not ids:
        return []
    added = [
        {"id": sid, "kind": kind, "fields": ["(new)"]}
        for sid, kind in zip(incoming["id"], incoming["kind"], strict=True)
        if kind in OFFICIAL_KINDS and sid not in set(current["id"])
    ]
    if not len(current):
        return added
    mine = current[current["id"].isin(ids)]
    protected = mine["id"].isin(bundled_ids()) | mine["verified"].fillna(False).astype(bool)
    official = mine[protected.to_numpy()]
    if not len(official):
        return added
    old = dict(zip(official["id"], record_keys(official, "sites"), strict=True))
    kinds = dict(zip(official["id"], official["kind"], strict=True))
    new_rows = incoming[incoming["id"].isin(set(old))]
    changed = []
    for sid, key in zip(new_rows["id"], record_keys(new_rows, "sites"), strict=True):
        if key != old[sid]:
            before, after = json.loads(old[sid]), json.loads(key)
            fields = sorted(
                k for k in before.keys() | after.keys() if before.get(k) != after.get(k)
            )
            changed.append({"id": sid, "kind": kinds[sid], "fields": fields})
    return changed + added


def merge_by_id(
    current: gpd.GeoDataFrame, incoming: gpd.GeoDataFrame
) -> tuple[gpd.GeoDataFrame, ApplyReport]:
    """Upsert ``incoming`` into ``current`` by ``id``; return the merged frame and counts.

    Examples
    --------
    >>> from geodata.schema import coerce_sites
    >>> from shapely.geometry import Point
    >>> a = coerce_sites([{"id": "a", "name": "A", "geometry": Point(0, 0)}])
    >>> b = coerce_sites([{"id": "a", "name": "A2", "geometry": Point(0, 0)},
    ...                   {"id": "b", "name": "B", "geometry": Point(1, 1)}])
    >>> merged, report = merge_by_id(a, b)
    >>> list(merged["name"]), report.inserted, report.updated
    (['A2', 'B'], 1, 1)
    """
    report = ApplyReport()
    existing = set(current["id"])
    table = _detect(incoming)
    old_keys = dict(zip(current["id"], record_keys(current, table), strict=True))
    new_keys = record_keys(incoming, table)
    for sid, key in zip(incoming["id"], new_keys, strict=True):
        if sid not in existing:
            report.inserted += 1
        elif old_keys[sid] == key:
            report.unchanged += 1
        else:
            report.updated += 1
    kept = current[~current["id"].isin(set(incoming["id"]))]
    merged = pd.concat([kept, incoming], ignore_index=True) if len(kept) else incoming.copy()
    merged = gpd.GeoDataFrame(merged, geometry="geometry", crs=current.crs or incoming.crs)
    return merged.reset_index(drop=True), report


def content_hash(sites: gpd.GeoDataFrame, routes: gpd.GeoDataFrame, stops: gpd.GeoDataFrame) -> str:
    """A short digest of the data, used in the dataset version: the same on every backend.

    Each table's :func:`record_keys` are sorted by record id (then by key), so neither row
    order nor storage representation changes the digest; any field change does.

    Examples
    --------
    >>> from geodata.schema import coerce_routes, coerce_sites, coerce_stops
    >>> from shapely.geometry import Point
    >>> rows = [{"id": "b", "name": "B", "geometry": Point(1, 1)},
    ...         {"id": "a", "name": "A", "geometry": Point(0, 0)}]
    >>> none = (coerce_routes([]), coerce_stops([]))
    >>> before = content_hash(coerce_sites(rows), *none)
    >>> before == content_hash(coerce_sites(rows[::-1]), *none)
    True
    >>> rows[0]["name"] = "B2"
    >>> content_hash(coerce_sites(rows), *none) == before
    False
    """
    digest = hashlib.sha256()
    for table, frame in (("sites", sites), ("routes", routes), ("stops", stops)):
        keys = record_keys(frame, table)
        ids = [str(i) for i in frame["id"].tolist()] if len(keys) else []
        for _, key in sorted(zip(ids, keys, strict=True)):
            digest.update(key.encode())
            digest.update(b"\n")
        digest.update(b"\x00")
    return digest.hexdigest()[:12]


class SiteStore(ABC):
    """Abstract store of sites, mobile-unit routes and their stops.

    Implementations: :class:`geodata.stores.gpkg.GeoPackageStore` (embedded default) and a
    PostGIS store. Readers get complete GeoDataFrames in EPSG:4326 with every schema column.
    """

    site_columns = tuple(SITE_COLUMNS)
    route_columns = tuple(ROUTE_COLUMNS)
    stop_columns = tuple(STOP_COLUMNS)

    @abstractmethod
    def sites(self) -> gpd.GeoDataFrame:
        """All sites."""

    @abstractmethod
    def routes(self) -> gpd.GeoDataFrame:
        """All mobile-unit routes (LineString)."""

    @abstractmethod
    def stops(self) -> gpd.GeoDataFrame:
        """All route stops (Point), ordered by route and sequence."""

    @abstractmethod
    def version(self) -> str:
        """Dataset version: changes whenever the data changes (used for ETags and refresh)."""

    @abstractmethod
    def meta(self) -> dict[str, str]:
        """Dataset metadata: ``dataset_version``, ``built``, ``sources`` ..."""

    @abstractmethod
    def apply(self, changes: ChangeSet, *, dry_run: bool = False) -> ApplyReport:
        """Validate and store ``changes`` all-or-nothing, upserting by id."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources (connections, locks)."""

    def __enter__(self) -> SiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def storage_full(exc: BaseException, where: object) -> StorageFullError | None:
    """A :class:`StorageFullError` when ``exc`` says the disk is full, else ``None``.

    Recognises ``ENOSPC``/``EDQUOT`` and the texts SQLite, GDAL and PostgreSQL use.

    Examples
    --------
    >>> import errno
    >>> storage_full(OSError(errno.ENOSPC, "No space left on device"), "/data").code
    'storage_full'
    >>> storage_full(ValueError("bad"), "/data") is None
    True
    """
    import errno

    full = isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)
    text = str(exc).lower()
    full = full or any(m in text for m in _FULL_TEXTS)
    if not full:
        return None
    return StorageFullError(STORE["disk_full"].fill(where=where))


_FULL_TEXTS = (
    "disk is full",
    "no space left",
    "disk full",
    "could not extend file",
    "quota exceeded",
)
