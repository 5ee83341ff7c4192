"""HTTP API settings: the only place in ``api`` that reads environment variables.

Every setting is read from an environment variable prefixed ``LOCATOR_`` (``LOCATOR_STORE``,
``LOCATOR_API_KEY``...). ``LOCATOR_DATABASE_URL``, when set, wins over ``LOCATOR_STORE`` so a
PostGIS deployment only has to export the usual database URL.

Examples
--------
>>> s = Settings(store="/tmp/x.gpkg", api_key=None, database_url=None)
>>> s.store_location, s.writes_enabled
('/tmp/x.gpkg', False)
>>> Settings(store="a.gpkg", database_url="postgresql://db/locator").store_location
'postgresql://db/locator'
>>> Settings(cors="https://a.example, https://b.example").cors_origins
['https://a.example', 'https://b.example']
>>> Settings(frame_ancestors="https://a.example, 'self'").frame_ancestors
"https://a.example 'self'"
>>> Settings(tiles={"city": "/data/city.mbtiles"}).tiles  # env: LOCATOR_TILES='{"city": ...}'
{'city': '/data/city.mbtiles'}
>>> Settings().online_tiles is None  # online tiles: an explicit opt-in, never the default
True
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from locator.origins import frame_source_problem, public_url_problem

__all__ = ["Settings"]

_TILE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


class Settings(BaseSettings):
    """Configuration of the HTTP API (environment variables ``LOCATOR_*``)."""

    model_config = SettingsConfigDict(env_prefix="LOCATOR_", extra="ignore")

    store: str | None = Field(
        default=None,
        description="GeoPackage path or postgresql:// URL; default: the user's GeoPackage.",
    )
    database_url: str | None = Field(
        default=None, description="postgresql:// URL (LOCATOR_DATABASE_URL); wins over store."
    )
    api_key: SecretStr | None = Field(
        default=None, description="Key for write endpoints (imports); writes are off when unset."
    )
    max_upload_mb: float = Field(default=20.0, gt=0, description="Largest accepted upload.")
    cors: str = Field(
        default="*", description="Origins allowed to call GET/HEAD cross-site (comma-separated)."
    )
    default_lang: Literal["es", "en"] = Field(
        default="es", description="Language of messages when the request names none."
    )
    refresh_seconds: float = Field(
        default=5.0, ge=0, description="How often to look for a new dataset version (0: never)."
    )
    cache_max_age: int = Field(
        default=60, ge=0, description="Cache-Control max-age (s) of cacheable GET responses."
    )
    tiles: dict[str, str] = Field(
        default_factory=dict,
        description="Raster tile files served at /tiles/NAME/{z}/{x}/{y}.png: a JSON object "
        'NAME -> MBTiles/PMTiles path, e.g. {"city": "/data/city.mbtiles"}. '
        "NAME: lower-case letters, digits, '-', '_'; 'basemap' is the bundled one.",
    )
    basemap: str | None = Field(
        default=None,
        description="Street basemap you provide (LOCATOR_BASEMAP): a raster "
        "PMTiles or MBTiles file, e.g. a regional extract. Served at /tiles/user/{z}/{x}/{y}.png; "
        "the search page zooms as deep as its tiles inside its bounds (elsewhere it stops at "
        "the bundled tiles' zoom 6).",
    )
    online_tiles: str | None = Field(
        default=None,
        description="Opt-in: an online XYZ tile URL template for the search page "
        "(LOCATOR_ONLINE_TILES, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png). Off by "
        "default; when set the page says its street map needs internet. Needs "
        "online_tiles_attribution.",
    )
    online_tiles_attribution: str | None = Field(
        default=None, description="The online tile provider's required credit (text)."
    )
    online_tiles_max_zoom: int = Field(
        default=19, ge=1, le=24, description="Deepest zoom the online tiles exist at."
    )
    request_budget_seconds: float = Field(
        default=10.0,
        ge=0,
        le=600,
        description="Time budget of a read (GET/HEAD/OPTIONS): "
        "a request that has not started answering by then gets 503 + Retry-After (0: none).",
    )
    write_budget_seconds: float = Field(
        default=300.0,
        ge=0,
        le=3600,
        description="Time budget of a write (an import), same "
        "rule; the database timeouts make a stuck write fail well before it.",
    )
    key_failures_per_minute: int = Field(
        default=10,
        ge=0,
        le=10_000,
        description="Wrong API keys one client may send per "
        "minute before it gets 429 + Retry-After (0: no limit).",
    )
    public_url: str | None = Field(
        default=None,
        description="Public address of this API (https://host[:port][/path]; "
        "http only for the local machine), used in the embed snippets and as the start of "
        "every absolute link (OGC API, /v1/sites); unset: snippets carry a relative URL and "
        "links follow the address the server was reached at.",
    )
    frame_ancestors: str = Field(
        default="*",
        description="Sites allowed to frame /embed/* (CSP frame-ancestors): "
        "'*', 'self', 'none' or origins such as https://consulmex.example or "
        "https://*.consulmex.example (https; http only for the local machine), space- or "
        "comma-separated.",
    )

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        if not value or not value.strip():
            return None
        problem = public_url_problem(value.strip())
        if problem:
            raise ValueError(f"public_url {problem}")
        return value.strip()

    @field_validator("frame_ancestors")
    @classmethod
    def _frame_ancestors(cls, value: str) -> str:
        sources = [s for s in re.split(r"[\s,]+", value) if s]
        bad = [f"{s}: {why}" for s in sources if (why := frame_source_problem(s))]
        if "'none'" in sources and len(sources) > 1:
            bad.append("'none' with other sources")
        if bad or not sources:
            raise ValueError(f"invalid frame_ancestors sources: {bad or value!r}")
        return " ".join(sources)

    @field_validator("tiles")
    @classmethod
    def _tile_names(cls, value: dict[str, str]) -> dict[str, str]:
        bad = [n for n in value if not _TILE_NAME.fullmatch(n) or n in ("basemap", "user")]
        if bad:
            raise ValueError(f"invalid tile set names (or reserved 'basemap', 'user'): {bad}")
        return value

    @model_validator(mode="after")
    def _online(self) -> Settings:
        if self.online_tiles is not None:
            from geodata.errors import LocatorError
            from locator.web.basemap import online_tiles

            try:
                online_tiles(
                    self.online_tiles,
                    attribution=self.online_tiles_attribution,
                    max_zoom=self.online_tiles_max_zoom,
                )
            except LocatorError as exc:
                raise ValueError(exc.message("en")) from exc
        return self

    @property
    def store_location(self) -> str | None:
        """The store to open: ``database_url`` when set, else ``store`` (None: default)."""
        return self.database_url or self.store

    @property
    def writes_enabled(self) -> bool:
        """True when an API key is configured (write endpoints are off otherwise)."""
        return self.api_key is not None and bool(self.api_key.get_secret_value())

    @property
    def cors_origins(self) -> list[str]:
        """The CORS origins as a list."""
        return [o.strip() for o in self.cors.split(",") if o.strip()]

    @property
    def max_upload_bytes(self) -> int:
        """``max_upload_mb`` in bytes."""
        return int(self.max_upload_mb * 1024 * 1024)
