"""locator.planning.report: summary rows, ranked gap rows, county features, gaps CSV."""

import csv
import io

import pandas as pd
import pytest

from locator.planning.demand import ACS_SOURCE, DemandLayer
from locator.planning.report import (
    GAPS_CSV_HEADER,
    county_features,
    demand_info,
    gap_rows,
    gaps_csv,
    solve_coverage,
    summary_rows,
)

from .conftest import grid_counties, grid_places


@pytest.fixture
def solved(counties, sites):
    return solve_coverage(counties, sites, kinds=["vds"], thresholds=(50.0, 150.0), gap_km=100.0)


def _summary(total, beyond, shares):
    frame = pd.DataFrame(
        {
            "threshold_km": [50.0, 100.0, 200.0][: len(beyond)],
            "population_beyond": beyond,
            "share_beyond": shares,
            "counties_beyond": [len(beyond) - i for i in range(len(beyond))],
        }
    )
    frame.attrs["population_total"] = total
    return frame


@pytest.mark.parametrize("total, beyond", [(1000.0, [600.0, 250.0, 0.0]), (7.0, [7.0, 3.0])])
def test_summary_rows_add_up(total, beyond):
    rows = summary_rows(_summary(total, beyond, [b / total for b in beyond]))
    assert [r["population_beyond"] for r in rows] == beyond
    for r in rows:
        assert r["population_within"] + r["population_beyond"] == pytest.approx(total)
        assert r["share_within"] + r["share_beyond"] == pytest.approx(1.0)
        assert isinstance(r["counties_beyond"], int)


def test_summary_rows_zero_population_and_filter():
    rows = summary_rows(_summary(0.0, [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]), (100.0,))
    assert [r["within_km"] for r in rows] == [100.0]
    assert [r["threshold_km"] for r in rows] == [100.0]  # the new name of the same value
    assert rows[0]["share_within"] == 0.0 and rows[0]["population_within"] == 0.0


def test_solve_coverage_matches_counties(solved, counties):
    assert solved.population_total == pytest.approx(float(counties["population"].sum()))
    assert [r["within_km"] for r in solved.summary] == [50.0, 150.0]
    assert list(solved.counties["fips"]) == list(counties["fips"])  # layer order kept
    assert "geometry" not in solved.counties
    c = solved.counties
    far = c[(c["nearest_km"] > 100) & (c["population"] > 0)]
    assert len(far) > 0 and set(solved.gaps["fips"]) == set(far["fips"])
    assert set(solved.notes) == {"es", "en"}
    # only VDS count: the consulate (site-1) is never the nearest
    assert set(solved.counties["nearest_site_id"]) <= {"site-0", "site-2"}


@pytest.mark.parametrize("top", [None, 0, 1, 3, 1000])
def test_gap_rows_ranked_and_rounded(solved, top):
    rows = gap_rows(solved.gaps, top)
    n = len(solved.gaps) if top is None else min(top, len(solved.gaps))
    assert [r["rank"] for r in rows] == list(range(1, n + 1))
    pops = [r["population"] for r in rows]
    assert pops == sorted(pops, reverse=True)
    for r, g in zip(rows, solved.gaps.itertuples(), strict=False):
        assert r["distance_km"] == round(g.nearest_km, 1) and r["distance_km"] >= 100
        assert r["center"] == [round(g.center_lon, 5), round(g.center_lat, 5)]


def test_county_features(solved):
    features = county_features(solved, [None] * len(solved.counties), (50.0, 150.0))
    assert len(features) == len(solved.counties)
    ranks = dict(zip(solved.gaps["fips"], solved.gaps["rank"], strict=True))
    for f in features:
        p = f["properties"]
        assert f["id"] == p["fips"] and p["gap"] == (p["fips"] in ranks)
        assert p["gap_rank"] == ranks.get(p["fips"])
        km = solved.counties.set_index("fips").loc[p["fips"], "nearest_km"]
        assert p["within_km"] == (50.0 if km <= 50 else 150.0 if km <= 150 else None)
        assert p["threshold_km"] == p["within_km"]  # the new name, and its deprecated alias
    with pytest.raises(ValueError):  # one geometry per county
        county_features(solved, [None], (50.0,))


def test_demand_info_proxy_and_acs():
    counties = grid_counties(2, 2)
    proxy = DemandLayer.from_places(counties.drop(columns="population"), grid_places(counties))
    info = demand_info(proxy, "en")
    assert info["is_proxy"] is True and "NOT the Mexico-born" in info["label"]
    acs = pd.DataFrame({"fips": counties["fips"], "mexico_born": [1, 2, 3, 4]})
    layer = DemandLayer.from_acs(counties.drop(columns="population"), acs)
    info = demand_info(layer, "es")
    assert info["source"] == ACS_SOURCE and info["is_proxy"] is False
    assert info["label"] == layer.label["es"] and info["notes"] == layer.notes["es"]
    assert info["vintage"] == "vintage not stated" and "periodo no indicado" in info["citation"]
    assert info["unknown_counties"] == {} and "línea recta" in info["distance_note"]
    partial = DemandLayer.from_acs(
        counties.drop(columns="population"), acs.iloc[:3], vintage="ACS 5-year 2019-2023"
    )
    info = demand_info(partial, "en")
    assert info["unknown_counties"] == {"KS": 1} and "2019-2023" in info["citation"]


def test_gaps_csv(solved, tmp_path):
    demand = {
        "source": "acs_b05006",
        "label": 'Indicador, "no" <b>',
        "vintage": "ACS 5-year 2013-2017",
        "distance_note": "great-circle, km",
    }
    rows = gap_rows(solved.gaps, 5)
    path = tmp_path / "gaps.csv"
    text = gaps_csv(rows, demand, path)
    assert path.read_text(encoding="utf-8") == text
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == ",".join(GAPS_CSV_HEADER)
    assert len(parsed) == len(rows)
    for got, row in zip(parsed, rows, strict=True):
        assert got["fips"] == row["fips"] and int(got["rank"]) == row["rank"]
        assert float(got["distance_km"]) == row["distance_km"]
        assert [float(got["lon"]), float(got["lat"])] == row["center"]
        assert got["population"] == f"{row['population']:.0f}"
        assert got["population_label"] == demand["label"]  # quoted, not mangled
        assert got["population_vintage"] == "ACS 5-year 2013-2017"
        assert got["distance_note"] == "great-circle, km"
    assert gaps_csv([], demand).splitlines() == [",".join(GAPS_CSV_HEADER)]
