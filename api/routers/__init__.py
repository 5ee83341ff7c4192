"""One router per resource, each module exposing ``router`` (a FastAPI ``APIRouter``).

:data:`api.app.ROUTERS` imports them explicitly and lists them in mounting order: a new
module is imported there and its ``router`` added to that tuple.
"""

from __future__ import annotations

from typing import Any

from api.schemas import Problem
from geodata.errors import NotFoundError
from locator.i18n.api import API_ERRORS

__all__ = ["no_route", "problems"]

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


def no_route(route_id: str) -> NotFoundError:
    """The 404 error for an unknown mobile-unit ``route_id``."""
    return NotFoundError(
        API_ERRORS["no_route"].fill(route_id=route_id),
        detail={"id": route_id},
    )
