"""The data's own caveats, attached to the gap and catchment rows they affect.

A caveat applies to a county when a known doubt about the site data changes that county's
figure. Today there is one, from the project's reference research
(``vds_and_mobile_units.md``): **Houston's VDS**. The 2025-12 list of 51 VDS cities omits it,
but news of 2026-01/02 (La Nación) describes it operating (flu vaccination, resource fairs).

* When VDS count and the sites have no VDS in Houston, TX: every county whose nearest
  consulate is Houston's gets "this gap may not be real: Houston's VDS is missing".
* When a Houston VDS is among the sites: every county served by it gets "counted: Houston's
  VDS, which the 2025-12 list omits".

Examples
--------
>>> sorted(CAVEATS)
['houston_vds_counted', 'houston_vds_missing']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from locator.i18n.planning import PLANNING
from locator.index import SiteIndex

__all__ = ["CAVEATS", "county_caveats"]

CAVEATS = {
    key: PLANNING[f"caveat.{key}"].pair() for key in ("houston_vds_missing", "houston_vds_counted")
}
"""Caveat id -> ``{"es": ..., "en": ...}``."""


def _in_houston(sites: pd.DataFrame) -> np.ndarray:
    city = sites.get("city", pd.Series("", index=sites.index)).fillna("").astype(str)
    state = sites.get("state", pd.Series("", index=sites.index)).fillna("").astype(str)
    return (city.str.strip().str.lower().eq("houston") & state.eq("TX")).to_numpy()


def county_caveats(
    counties: pd.DataFrame, sites: pd.DataFrame, *, kinds: list[str] | None
) -> pd.Series:
    """A ``caveat`` id per county (``""`` when none), in ``counties``' order.

    ``counties`` is a solved model's counties (``nearest_site_id``, ``center_lon``,
    ``center_lat``); ``sites`` all sites the model was given; ``kinds`` the kinds counted.
    """
    out = pd.Series("", index=counties.index, dtype=object)
    if kinds and "vds" not in kinds:
        return out
    houston = _in_houston(sites)
    vds_here = houston & sites["kind"].eq("vds").to_numpy()
    if vds_here.any():
        ids = set(sites.loc[vds_here, "id"])
        out[counties["nearest_site_id"].isin(ids).to_numpy()] = "houston_vds_counted"
        return out
    consulates = sites[sites["kind"].eq("consulate")]
    if not (houston & sites["kind"].eq("consulate").to_numpy()).any():
        return out
    index = SiteIndex.from_geodataframe(consulates)
    _, pos = index.nearest_many(
        counties["center_lon"].to_numpy(float), counties["center_lat"].to_numpy(float), k=1
    )
    nearest = index.sites.iloc[pos[:, 0]]
    out[_in_houston(nearest)] = "houston_vds_missing"
    return out
