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

from locator.i18n import T, ui_lang
from locator.i18n.planning import PLANNING
from locator.i18n.planning import PLANNING_SOURCES as SOURCES

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
UNKNOWN_VINTAGE = SOURCES["no_vintage"].en
"""Vintage of an imported ACS file when neither the user nor the file name says it."""

GREAT_CIRCLE_NOTE = PLANNING["great_circle_note"].pair()


def distance_note(lang: str, cost_source: str = "") -> str:
    """The distance sentence of an output: great-circle, or the user's cost matrix.

    >>> distance_note("en", "osrm.csv").startswith("Costs from the user's matrix (osrm.csv)")
    True
    """
    if not cost_source:
        return GREAT_CIRCLE_NOTE["en" if lang == "en" else "es"]
    return SOURCES["matrix_distance"].fill(source=cost_source).get(ui_lang(lang))


def vintage_text(vintage: str, lang: str) -> str:
    """An ACS vintage (``"ACS 5-year 2013-2017"``) in ``lang``."""
    text = vintage or UNKNOWN_VINTAGE
    if lang == "en":
        return text
    for key in ("five_year", "one_year", "no_vintage"):
        text = text.replace(SOURCES[key].en, SOURCES[key].es)
    return text


def acs_citation(vintage: str, lang: str) -> str:
    """Short citation of the ACS demand: agency, vintage, table."""
    lang = ui_lang(lang)
    return SOURCES["acs_citation"].fill(vintage=vintage_text(vintage, lang)).get(lang)


def acs_label(vintage: str) -> dict[str, str]:
    """What an ACS ``population`` means, with its source and vintage, in both languages."""
    citation = T("citation", es=acs_citation(vintage, "es"), en=acs_citation(vintage, "en"))
    return SOURCES["acs_label"].fill(citation=citation).pair()


def no_figure_note(state: str) -> dict[str, str]:
    """Why a county has no ACS figure (Puerto Rico, the island territories, or missing)."""
    if state == "PR":
        return SOURCES["no_figure.PR"].pair()
    if state in {"AS", "GU", "MP", "VI"}:
        return SOURCES["no_figure.territory"].pair()
    return SOURCES["no_figure.missing"].pair()


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
