"""``GET /v1/geocode``: candidate places for free text (offline gazetteer)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from api.deps import RuntimeDep
from api.responses import JSONBytesResponse
from api.routers import problems
from api.schemas import Geocode

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["places"])


@router.get(
    "/geocode",
    response_model=Geocode,
    response_class=JSONBytesResponse,
    responses=problems(400, 404, 422),
    summary="Buscar un lugar / geocode a place",
)
async def geocode(
    runtime: RuntimeDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            examples=["Dalton, GA"],
            description="ZIP, 'City, ST', county, state, Spanish name, 'lat,lon'.",
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=20, description="Candidates (1-20).")] = 5,
) -> JSONBytesResponse:
    """Ranked candidates, best first; 404 with ``suggestions`` when nothing matches."""
    places = await run_in_threadpool(lambda: runtime.gazetteer().geocode(q, limit=limit))
    return JSONBytesResponse({"q": q, "candidates": [p.to_dict() for p in places]})
