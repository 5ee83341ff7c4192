"""The embedded store: one GeoPackage file (opens in QGIS) with layers sites, routes, stops, meta.

Writes are all-or-nothing: the new content is written to a temporary file in the same folder
and moved over the old one with an atomic rename, under an exclusive lock; the file and then
the folder are fsync'ed, so the rename survives a power cut. A reader, or a process killed
mid-write, never sees a half-written file.

Temporary files belong to their store: ``.<store name>.tmp-<pid>-<random>.gpkg``. A writer
removes only its own store's leftovers, and only those whose process is gone (it holds the
store's lock, so no live writer of this store can be mid-write); another store in the same
folder is never touched (issue 13: store A used to delete store B's file being written).
A full disk is a :class:`~geodata.errors.StorageFullError`, with the old file intact.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import glob
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geodata.bundled import load_bundled
from geodata.errors import StoreError
from geodata.messages import STORE
from geodata.ogr import write_gpkg_layer as _write_layer  # GeoPackage 1.3, NULL for unknown
from geodata.schema import coerce_routes, coerce_sites, coerce_stops
from geodata.stores.base import (
    ApplyReport,
    ChangeSet,
    SiteStore,
    content_hash,
    merge_by_id,
    storage_full,
)

__all__ = ["GeoPackageStore", "stale_temp_files", "temp_prefix"]

LAYERS = ("sites", "routes", "stops")


class GeoPackageStore(SiteStore):
    """Sites, routes and stops in a GeoPackage file, created from the bundled data on first use.

    Parameters
    ----------
    path
        The ``.gpkg`` file. Created (with its folder) from the bundled dataset if missing.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> store = GeoPackageStore(pathlib.Path(tempfile.mkdtemp()) / "locator.gpkg")
    >>> int((store.sites()["kind"] == "consulate").sum())
    53
    """

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True) -> None:
        self.path = Path(path)
        self._cache_key: tuple[int, int, int] | None = None
        self._cache: dict[str, object] = {}
        if self.path.is_dir():
            raise StoreError(
                STORE["gpkg_is_folder"].fill(path=self.path),
            )
        if not self.path.exists():
            if not create:
                raise StoreError(STORE["not_found"].fill(path=self.path))
            self._create_from_bundled()
        self._check()

    # -- reading -------------------------------------------------------------------------
    def _stat_key(self) -> tuple[int, int, int]:
        st = self.path.stat()
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _cached(self, name: str, loader):
        key = self._stat_key()
        if key != self._cache_key:
            self._cache = {}
            self._cache_key = key
        if name not in self._cache:
            self._cache[name] = loader()
        return self._cache[name]

    def _read_layer(self, layer: str) -> gpd.GeoDataFrame:
        try:
            frame = pyogrio.read_dataframe(self.path, layer=layer)
        except Exception as exc:  # pyogrio raises several types for corrupt files
            raise _corrupt(self.path, exc) from exc
        return frame

    def _read_sorted(self, layer: str, coerce, by: list[str]) -> gpd.GeoDataFrame:
        """A layer coerced to the schema, sorted like the PostGIS store sorts it."""
        frame = coerce(self._read_layer(layer))
        return frame.sort_values(by, kind="stable", ignore_index=True)

    def sites(self) -> gpd.GeoDataFrame:
        """All sites, ordered by id."""
        return self._cached(
            "sites", lambda: self._read_sorted("sites", coerce_sites, ["id"])
        ).copy()

    def routes(self) -> gpd.GeoDataFrame:
        """All routes, ordered by id."""
        return self._cached(
            "routes", lambda: self._read_sorted("routes", coerce_routes, ["id"])
        ).copy()

    def stops(self) -> gpd.GeoDataFrame:
        """All stops, ordered by route, sequence and id."""
        by = ["route_id", "sequence", "id"]
        return self._cached("stops", lambda: self._read_sorted("stops", coerce_stops, by)).copy()

    def meta(self) -> dict[str, str]:
        def load() -> dict[str, str]:
            try:
                with contextlib.closing(
                    sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
                ) as db:
                    rows = db.execute("SELECT key, value FROM meta").fetchall()
            except sqlite3.Error as exc:
                raise _corrupt(self.path, exc) from exc
            return dict(rows)

        return dict(self._cached("meta", load))

    def version(self) -> str:
        meta = self.meta()
        return f"{meta.get('dataset_version', '0')}-{meta.get('content_hash', '')}"

    # -- writing -------------------------------------------------------------------------
    def apply(self, changes: ChangeSet, *, dry_run: bool = False) -> ApplyReport:
        changes.validate()
        with self._lock():
            current = self.sites()
            changes.check_kinds(dict(zip(current["id"], current["kind"], strict=True)))
            official = changes.check_official(current)
            sites, report = merge_by_id(current, changes.sites)
            report.official_changed = official
            routes, _ = merge_by_id(self.routes(), changes.routes)
            stops = self.stops()
            if len(changes.routes) or len(changes.stops):
                replaced = set(changes.routes["id"]) | set(changes.stops["route_id"])
                stops = stops[~stops["route_id"].isin(replaced)]
                stops = pd.concat([stops, changes.stops], ignore_index=True)
                stops = gpd.GeoDataFrame(stops, geometry="geometry", crs="EPSG:4326")
            report.routes, report.stops = len(changes.routes), len(changes.stops)
            report.dry_run = dry_run
            meta = self.meta()
            if dry_run:
                report.version = self.version()
                return report
            meta["content_hash"] = content_hash(sites, routes, stops)
            meta["revision"] = str(int(meta.get("revision", "0")) + 1)
            meta["updated"] = datetime.now(UTC).isoformat(timespec="seconds")
            if changes.source:
                sources = json.loads(meta.get("imports", "[]"))
                sources.append({"source": changes.source, "at": meta["updated"]})
                meta["imports"] = json.dumps(sources[-50:])
            self._write_all(sites, routes, stops, meta)
        report.version = self.version()
        return report

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        lock_path = self.path.with_suffix(self.path.suffix + ".lock")
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write_all(self, sites, routes, stops, meta: dict[str, str]) -> None:
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        for stale in stale_temp_files(self.path):  # a killed writer's: we hold the lock
            _remove_with_sidecars(stale)
        fd, tmp_name = tempfile.mkstemp(suffix=".gpkg", prefix=temp_prefix(self.path), dir=folder)
        os.close(fd)
        tmp = Path(tmp_name)
        tmp.unlink()
        try:
            _write_layer(tmp, "sites", sites, "Point")
            _write_layer(tmp, "routes", routes, "LineString")
            _write_layer(tmp, "stops", stops, "Point")
            _write_meta(tmp, meta)
            with open(tmp, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
            _fsync_folder(folder)
        except Exception as exc:
            full = storage_full(exc, folder)
            if full is None and _short_of_space(folder, needed=self._size()):
                full = storage_full(OSError(errno.ENOSPC, "No space left on device"), folder)
            if full is not None:  # GDAL often says only "Failed to commit transaction"
                raise full from exc
            raise
        finally:
            _remove_with_sidecars(tmp)
        self._cache_key = None

    def _size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def _create_from_bundled(self) -> None:
        data = load_bundled()
        meta = dict(data.meta)
        meta["content_hash"] = content_hash(data.sites, data.routes, data.stops)
        meta["revision"] = "0"
        with self._lock():
            if not self.path.exists():
                self._write_all(data.sites, data.routes, data.stops, meta)

    def _check(self) -> None:
        try:
            layers = {name for name, _ in pyogrio.list_layers(self.path)}
        except Exception as exc:
            raise _corrupt(self.path, exc) from exc
        missing = [layer for layer in (*LAYERS, "meta") if layer not in layers]
        if missing:
            raise StoreError(
                STORE["not_locator_gpkg"].fill(path=self.path, missing=", ".join(missing)),
            )


def temp_prefix(path: Path) -> str:
    """Start of the temporary file names of the store at ``path`` (this process).

    Examples
    --------
    >>> import os
    >>> temp_prefix(Path("/data/locator.gpkg")) == f".locator.gpkg.tmp-{os.getpid()}-"
    True
    """
    return f".{path.name}.tmp-{os.getpid()}-"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, another user's
        return True
    return True


def stale_temp_files(path: Path) -> list[Path]:
    """Temporary files of the store at ``path`` left by writers that are no longer running.

    Only names of *this* store are considered (never another store's in the same folder),
    and a file whose writer process is alive is kept. Call it holding the store's lock.
    """
    prefix = f".{path.name}.tmp-"
    stale = []
    for candidate in path.parent.glob(f"{glob.escape(prefix)}*.gpkg"):
        pid_text = candidate.name[len(prefix) :].split("-", 1)[0]
        if not pid_text.isdigit() or not _pid_alive(int(pid_text)):
            stale.append(candidate)
        elif int(pid_text) == os.getpid():
            stale.append(candidate)  # ours, from an earlier failed write (we hold the lock)
    return stale


def _short_of_space(folder: Path, *, needed: int) -> bool:
    """True when ``folder``'s disk has less room than a new copy of the store needs."""
    try:
        stat = os.statvfs(folder)
    except OSError:
        return False
    return stat.f_bavail * stat.f_frsize < max(needed, 1 << 20)


def _remove_with_sidecars(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # some filesystems refuse fsync on folders
            os.fsync(fd)
    finally:
        os.close(fd)


def _write_meta(path: Path, meta: dict[str, str]) -> None:
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        db.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description)"
            " VALUES ('meta', 'attributes', 'meta', 'locator dataset metadata')"
        )
        db.commit()


def _corrupt(path: Path, exc: Exception) -> StoreError:
    return StoreError(
        STORE["corrupt"].fill(path=path, exc=exc),
    )
