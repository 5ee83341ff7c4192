"""Stores: where sites, routes and stops live. Chosen once at start-up with :func:`open_store`."""

from __future__ import annotations

import os
from pathlib import Path

from geodata.stores.base import ApplyReport, ChangeSet, SiteStore

__all__ = ["ApplyReport", "ChangeSet", "SiteStore", "default_store_path", "open_store"]


def default_store_path() -> Path:
    """Where the embedded store lives when no ``--store`` is given: the user's data folder."""
    base = Path(os.path.expanduser("~")) / ".local" / "share" / "locator"
    return base / "locator.gpkg"


def open_store(location: str | os.PathLike[str] | None = None) -> SiteStore:
    """Open the store at ``location``: a ``postgresql://`` URL or a GeoPackage path.

    ``None`` means the default GeoPackage (:func:`default_store_path`), created from the
    bundled data on first use.
    """
    text = str(location) if location is not None else ""
    if text.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        from geodata.stores.postgis import PostGISStore

        return PostGISStore(text)
    from geodata.stores.gpkg import GeoPackageStore

    return GeoPackageStore(Path(text) if text else default_store_path())
