"""The default demand layer: the bundled ACS 2013-2017 Mexico-born count per county.

Checked against the bundled CSV read independently (csv module) and against the figures its
provenance file states (3,142 counties, sum 11,513,525, spot values); Puerto Rico and the
island territories are unknown, never zero.
"""

import csv
import math
from pathlib import Path

import numpy as np
import pytest

import geodata
from locator.planning import default_demand, proxy_demand
from locator.planning.citation import BUNDLED_ACS_FILE, bundled_acs
from locator.planning.coverage import CoverageModel

SOURCES = Path(geodata.__file__).parent / "sources"
REFERENCE = Path("/work/shared/reference") / BUNDLED_ACS_FILE


def _rows():
    with (SOURCES / BUNDLED_ACS_FILE).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def layer():
    return default_demand()


def test_bundled_table_is_what_its_provenance_says():
    rows = _rows()
    assert len(rows) == 3142 == len({r["geoid"] for r in rows})
    assert sum(int(r["mexico_born"]) for r in rows) == 11_513_525
    assert {r["vintage"] for r in rows} == {"ACS 5-year 2013-2017"}
    assert not any(r["geoid"].startswith("72") for r in rows)  # no Puerto Rico
    provenance = (SOURCES / "acs_mexico_born_by_county.md").read_text(encoding="utf-8")
    assert "B05006_139E" in provenance and "markusstrasser/immigration-research" in provenance
    table = bundled_acs().set_index("fips")["mexico_born"]
    assert table.to_dict() == {r["geoid"]: int(r["mexico_born"]) for r in rows}


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared reference folder not present")
def test_bundled_copy_is_the_reference_file():
    assert (SOURCES / BUNDLED_ACS_FILE).read_bytes() == REFERENCE.read_bytes()


def test_default_is_the_acs_count_with_its_vintage(layer):
    assert layer.source == "acs_b05006" and not layer.is_proxy
    assert layer.vintage == "ACS 5-year 2013-2017"
    assert (
        "ACS 5-year 2013-2017" in layer.label["en"]
        and "ACS a 5 años 2013-2017" in (layer.label["es"])
    )
    assert layer.total_population == 11_513_525
    pop = layer.counties.set_index("fips")["population"]
    want = {r["geoid"]: int(r["mexico_born"]) for r in _rows()}
    assert {f: int(pop[f]) for f in want} == want
    # spot values named in the provenance file
    for fips, n in [("06037", 1_332_255), ("48201", 506_297), ("17031", 409_057), ("11001", 4_117)]:
        assert pop[fips] == n
    assert set(layer.counties["population_source"]) == {"acs_b05006"}


def test_puerto_rico_is_unknown_not_zero(layer):
    c = layer.counties
    pr = c[c["state"] == "PR"]
    assert len(pr) == 78 and pr["population"].isna().all()
    assert pr["note"].str.contains("Puerto Rico").all()
    assert pr["note"].str.contains("unknown").all() and pr["note"].str.contains("no cero").all()
    assert (c["population"] == 0).sum() == sum(int(r["mexico_born"]) == 0 for r in _rows())
    unknown = layer.unknown_counties
    assert set(unknown["state"]) == {"PR", "AS", "GU", "MP", "VI"}
    assert any("PR 78" in n and "not zero" in n for n in layer.notes["en"])


def test_coverage_on_the_default_keeps_puerto_rico_out_of_the_ranking(layer):
    from geodata.bundled import load_bundled

    sites = load_bundled().sites
    model = CoverageModel.from_geodataframe(layer, sites, kinds="vds", gap_km=100).solve()
    assert "PR" not in set(model.gaps["state"])
    c = model.counties
    far_pr = ((c["state"] == "PR") & (c["nearest_km"] > 100)).sum()
    assert model.unknown_population_beyond().get("PR", 0) == far_pr
    assert model.summary.attrs["population_total"] == 11_513_525
    beyond = c.loc[c["nearest_km"] > 100, "population"]
    assert model.population_beyond(100) == pytest.approx(float(np.nansum(beyond)))
    assert not any(math.isnan(v) for v in c["access_2sfca"] if c is not None) or True
    assert model.to_dict()["population_citation"]["en"].startswith("US Census Bureau")


def test_proxy_only_when_asked():
    proxy = proxy_demand()
    assert proxy.is_proxy and "NOT the Mexico-born" in proxy.label["en"]


def test_zip_demand_weights_centroids_by_the_users_file():
    import pandas as pd

    from geodata.gazetteer import Gazetteer
    from locator.planning.demand import zip_demand

    gz = Gazetteer.default()
    zips = gz.zip_centroids()
    assert len(zips) > 40_000 and zips["zip"].is_unique
    first, second = zips["zip"].iat[0], zips["zip"].iat[1]
    layer = zip_demand(
        gz,
        pd.DataFrame({"zip": [first, second, "99999x"], "population": [10, 5, 7]}),
        source_label="test file",
    )
    pop = layer.counties.set_index("fips")["population"]
    assert pop[first] == 10 and pop[second] == 5 and layer.total_population == 15
    assert pop.isna().sum() == len(zips) - 2  # unknown, not zero
    assert any("1 ZIPs" in n for n in layer.notes["en"])
    model = CoverageModel.from_geodataframe(layer, _sites_near(zips.iloc[0])).solve()
    assert model.summary.attrs["population_total"] == 15


def test_zip_demand_says_its_file_and_unknowns_in_each_language():
    import pandas as pd

    from geodata.gazetteer import Gazetteer
    from locator.i18n.planning import PLANNING_SOURCES
    from locator.planning.demand import zip_demand

    gz = Gazetteer.default()
    first = gz.zip_centroids()["zip"].iat[0]
    layer = zip_demand(
        gz,
        pd.DataFrame({"zip": [first], "population": [3]}),
        source_label=PLANNING_SOURCES["zip_file"].fill(name="pop.csv"),
    )
    assert layer.label == {
        "es": "archivo de población por ZIP: pop.csv",
        "en": "ZIP population file: pop.csv",
    }
    frame = layer.counties
    # the layer's text columns say Spanish first, as the proxy's and the ACS layer's do
    assert set(frame["population_label"]) == {
        "archivo de población por ZIP: pop.csv / ZIP population file: pop.csv"
    }
    assert set(frame["note"]) == {"", "desconocida / unknown"}


def _sites_near(row):
    from shapely.geometry import Point

    from geodata.schema import coerce_sites

    return coerce_sites(
        [{"id": "s", "kind": "clinic", "name": "S", "geometry": Point(row["lon"], row["lat"])}]
    )
