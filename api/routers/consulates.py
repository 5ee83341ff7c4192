"""``GET /v1/consulates/serving``: the consulate whose *approximate* region holds a point.

No official machine-readable list of consular jurisdictions exists: the answer is the
nearest consulate (great-circle), always flagged ``approximation: true`` with a note.
"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Lang, Point, RuntimeDep
from api.responses import JSONBytesResponse
from api.routers import problems
from api.schemas import ServingOffice
from locator.distance import KM_PER_MI
from locator.regions import serving_office

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["consulates"])


@router.get(
    "/consulates/serving",
    response_model=ServingOffice,
    response_class=JSONBytesResponse,
    responses=problems(400, 404, 422),
    summary="Consulado que atiende (aproximado) / serving consulate (approximate)",
)
async def serving(runtime: RuntimeDep, point: Point, lang: Lang) -> JSONBytesResponse:
    """The consular office whose approximate region holds ``q`` or ``lat``/``lon``."""
    view = runtime.view()
    office = serving_office(view.snapshot.index, point.lon, point.lat)
    pos = view.position[office["office_id"]]
    km = float(office["distance_km"])
    feature = view.feature(pos, lang, distance_km=round(km, 3),
                           distance_mi=round(km / KM_PER_MI, 3), rank=1)
    return JSONBytesResponse({
        "query": point.to_dict(),
        "dataset_version": view.version,
        "approximation": True,
        "note": office["note_en"] if lang == "en" else office["note_es"],
        "note_es": office["note_es"],
        "note_en": office["note_en"],
        "office": feature,
    })
