"""api: the HTTP API of locator (floor 3, FastAPI). Build it with :func:`create_app`."""

from api.app import create_app

__all__ = ["create_app"]
