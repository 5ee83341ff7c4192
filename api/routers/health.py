"""``GET /health``: liveness plus the dataset version and counts (cheap, precomputed)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import RuntimeDep
from api.responses import JSONBytesResponse
from api.schemas import Health

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    response_model=Health,
    response_class=JSONBytesResponse,
    summary="Estado del servicio / service health",
)
async def health(runtime: RuntimeDep) -> JSONBytesResponse:
    """Status, dataset version and counts of sites (by kind), routes and stops."""
    return JSONBytesResponse({"status": "ok", **runtime.info()})
