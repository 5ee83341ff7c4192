"""``GET /v1/consulates/serving``: the consulate whose *approximate* region holds a point.

No official machine-readable list of consular jurisdictions exists. The answer is the one the
office-region maps draw (:func:`locator.regions.county_office`): the point's US county
(territories included) is found, and its office is the one a sourced rule names (``basis:
"rule"``, with ``rule`` = its label, source and date: e.g. the 2022-06-01 SRE redistricting)
or else the consulate nearest to the county (``basis: "nearest"``). A point in no US county
(London, Mexico City) is ``404``. Every answer is flagged ``approximation: true`` with a note.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.deps import Lang, Point, RuntimeDep
from api.responses import JSONBytesResponse
from api.routers import problems
from api.schemas import ServingOffice
from locator.distance import KM_PER_MI
from locator.regions import county_office

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["consulates"])


def _rule(rule: dict | None, lang: str) -> dict | None:
    if rule is None:
        return None
    return {**rule, "label": rule["label_en"] if lang == "en" else rule["label_es"]}


@router.get(
    "/consulates/serving",
    response_model=ServingOffice,
    response_class=JSONBytesResponse,
    responses=problems(400, 404, 422),
    summary="Consulado que atiende (regla citada o aproximación) / serving consulate (sourced "
    "rule or approximation)",
)
async def serving(runtime: RuntimeDep, point: Point, lang: Lang) -> JSONBytesResponse:
    """The consular office whose approximate region (by US county) holds ``q`` or ``lat``/``lon``.

    ``basis`` says what decided: ``"rule"`` (a sourced county or state rule, in ``rule``)
    or ``"nearest"`` (the nearest-office approximation). ``404`` when the point is not in a
    US county or territory.
    """
    view = runtime.view()

    def find() -> dict:  # the first call loads the county boundaries: off the event loop
        counties = runtime.gazetteer().counties()
        return county_office(view.snapshot.index, counties, point.lon, point.lat)

    office = await run_in_threadpool(find)
    pos = view.position[office["office_id"]]
    km = float(office["distance_km"])
    feature = view.feature(
        pos, lang, distance_km=round(km, 3), distance_mi=round(km / KM_PER_MI, 3), rank=1
    )
    return JSONBytesResponse(
        {
            "query": point.to_dict(),
            "dataset_version": view.version,
            "approximation": True,
            "basis": office["basis"],
            "rule": _rule(office["rule"], lang),
            "note": office["note_en"] if lang == "en" else office["note_es"],
            "note_es": office["note_es"],
            "note_en": office["note_en"],
            "county": office.get("county", {}),
            "office": feature,
        }
    )
