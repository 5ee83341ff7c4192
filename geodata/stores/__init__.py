"""Stores: where sites, routes and stops live. Chosen once at start-up with :func:`open_store`."""

from __future__ import annotations

import os
from pathlib import Path

from geodata.stores.base import ApplyReport, ChangeSet, SiteStore

__all__ = ["ApplyReport", "ChangeSet", "SiteStore", "default_store_path", "gpkg_path", "open_store"]


def default_store_path() -> Path:
    """Where the embedded store lives when no ``--store`` is given: the user's data folder."""
    base = Path(os.path.expanduser("~")) / ".local" / "share" / "locator"
    return base / "locator.gpkg"


def open_store(location: str | os.PathLike[str] | None = None) -> SiteStore:
    """Open the store at ``location``: a ``postgresql://`` URL or a GeoPackage path.

    ``None`` means the default GeoPackage (:func:`default_store_path`), created from the
    bundled data on first use.
    """
    path = gpkg_path(location)
    if path is None:
        from geodata.stores.postgis import PostGISStore

        return PostGISStore(str(location))
    from geodata.stores.gpkg import GeoPackageStore

    return GeoPackageStore(path)


def gpkg_path(location: str | os.PathLike[str] | None = None) -> Path | None:
    """The GeoPackage file ``location`` names (``None``: the default one), or ``None`` for a
    PostgreSQL URL.

    >>> gpkg_path("postgresql://localhost/test") is None, gpkg_path("a.gpkg").name
    (True, 'a.gpkg')
    """
    text = str(location) if location is not None else ""
    if text.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        return None
    return Path(text) if text else default_store_path()
