"""What the planning figures stand on, said in Spanish and English: demand source and vintage,
and the straight-line (great-circle) nature of every distance.

* :func:`bundled_acs`: the bundled Mexico-born count per county (US Census Bureau, ACS 5-year
  2013-2017, table B05006; ``geodata/sources/acs_mexico_born_by_county.csv`` and its ``.md``).
* :func:`acs_label` / :func:`acs_citation`: what an ACS ``population`` means, with its vintage.
* :data:`GREAT_CIRCLE_NOTE` / :func:`distance_note`: the sentence every output carries about
  distances (or about the user's travel-cost matrix, when one was given).

Examples
--------
>>> vintage_text("ACS 5-year 2013-2017", "es")
'ACS a 5 años 2013-2017'
>>> acs_citation("ACS 5-year 2013-2017", "en")
'US Census Bureau, ACS 5-year 2013-2017, table B05006, Mexico'
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

from locator.i18n.planning import PLANNING

__all__ = [
    "BUNDLED_ACS_FILE",
    "BUNDLED_ACS_VINTAGE",
    "GREAT_CIRCLE_NOTE",
    "UNKNOWN_VINTAGE",
    "acs_citation",
    "acs_label",
    "bundled_acs",
    "distance_note",
    "no_figure_note",
    "vintage_text",
]

BUNDLED_ACS_FILE = "acs_mexico_born_by_county.csv"
"""File name of the bundled ACS table in ``geodata/sources`` (provenance in its ``.md``)."""
BUNDLED_ACS_VINTAGE = "ACS 5-year 2013-2017"
UNKNOWN_VINTAGE = "vintage not stated"
"""Vintage of an imported ACS file when neither the user nor the file name says it."""

GREAT_CIRCLE_NOTE = PLANNING["great_circle_note"].pair()


def distance_note(lang: str, cost_source: str = "") -> str:
    """The distance sentence of an output: great-circle, or the user's cost matrix.

    >>> distance_note("en", "osrm.csv").startswith("Costs from the user's matrix (osrm.csv)")
    True
    """
    if not cost_source:
        return GREAT_CIRCLE_NOTE["en" if lang == "en" else "es"]
    if lang == "en":
        return (
            f"Costs from the user's matrix ({cost_source}), in its unit; a pair missing "
            "from it is unreachable (no straight-line fallback)."
        )
    return (
        f"Costos de la matriz del usuario ({cost_source}), en su unidad; un par que no "
        "está en ella es inalcanzable (sin recurrir a la línea recta)."
    )


def vintage_text(vintage: str, lang: str) -> str:
    """An ACS vintage (``"ACS 5-year 2013-2017"``) in ``lang``."""
    text = vintage or UNKNOWN_VINTAGE
    if lang == "en":
        return text
    return (
        text.replace("5-year", "a 5 años")
        .replace("1-year", "a 1 año")
        .replace(UNKNOWN_VINTAGE, "periodo no indicado")
    )


def acs_citation(vintage: str, lang: str) -> str:
    """Short citation of the ACS demand: agency, vintage, table."""
    if lang == "en":
        return f"US Census Bureau, {vintage_text(vintage, 'en')}, table B05006, Mexico"
    return f"Oficina del Censo de EE. UU., {vintage_text(vintage, 'es')}, tabla B05006, México"


def acs_label(vintage: str) -> dict[str, str]:
    """What an ACS ``population`` means, with its source and vintage, in both languages."""
    return {
        "es": f"Población nacida en México por condado ({acs_citation(vintage, 'es')}).",
        "en": f"Mexico-born population by county ({acs_citation(vintage, 'en')}).",
    }


def no_figure_note(state: str) -> dict[str, str]:
    """Why a county has no ACS figure (Puerto Rico, the island territories, or missing)."""
    if state == "PR":
        return {
            "es": "Puerto Rico: la tabla ACS por condado no trae cifra por municipio; "
            "población desconocida (no cero).",
            "en": "Puerto Rico: the county ACS table has no figure per municipio; "
            "population unknown (not zero).",
        }
    if state in {"AS", "GU", "MP", "VI"}:
        return {
            "es": "Territorio sin cifra en la tabla ACS por condado: población desconocida "
            "(no cero).",
            "en": "Territory without a figure in the county ACS table: population unknown "
            "(not zero).",
        }
    return {
        "es": "Sin fila en la tabla ACS: población desconocida (no cero).",
        "en": "No row in the ACS table: population unknown (not zero).",
    }


def bundled_acs() -> pd.DataFrame:
    """The bundled ACS table: ``fips, name, mexico_born, vintage`` (3,142 counties, no PR).

    Read from the installed ``geodata`` package (no network).
    """
    ref = resources.files("geodata").joinpath("sources", BUNDLED_ACS_FILE)
    with resources.as_file(ref) as path:
        table = pd.read_csv(
            path, dtype={"geoid": str, "name": str, "vintage": str}, keep_default_na=False
        )
    table = table.rename(columns={"geoid": "fips"})
    table["mexico_born"] = pd.to_numeric(table["mexico_born"]).astype("int64")
    return table[["fips", "name", "mexico_born", "vintage"]]
