"""One router per resource. ``ROUTERS`` lists the modules :func:`api.app.create_app` mounts.

Another module (e.g. ``api.routers.ogc``) is added by appending its name to ``ROUTERS``;
it must expose ``router`` (a FastAPI ``APIRouter``).
"""

from __future__ import annotations

from typing import Any

from api.schemas import Problem

__all__ = ["ROUTERS", "problems"]

ROUTERS = [
    "api.routers.health",
    "api.routers.nearest",
    "api.routers.sites",
    "api.routers.geocode",
    "api.routers.consulates",
    "api.routers.mobile",
    "api.routers.routes",
    "api.routers.imports",
    "api.routers.web",
    "api.routers.ogc",
    "api.routers.coverage",
    "api.routers.maps",
    "api.routers.embed",
    "api.routers.tiles",
]

_DESCRIPTIONS = {
    400: "Parámetro no válido / invalid parameter",
    401: "Falta la clave o no es válida / missing or wrong API key",
    403: "Escrituras desactivadas / writes disabled",
    404: "No encontrado / not found",
    409: "Conflicto / conflict",
    413: "Archivo demasiado grande / upload too large",
    415: "Tipo de contenido no admitido / unsupported media type",
    422: "Datos no válidos / validation error",
    429: "Demasiadas claves erróneas / too many wrong API keys",
    503: "Almacén no disponible / store unavailable",
    507: "Disco del almacén lleno / store disk full",
}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the given error statuses (problem+json)."""
    return {
        code: {
            "model": Problem,
            "description": _DESCRIPTIONS.get(code, "Error"),
            "content": {"application/problem+json": {}},
        }
        for code in codes
    }
