"""Gazetteer area and table views: state and county boundaries, all cities, a compact export.

:class:`GazetteerAreas` is the part of :class:`geodata.gazetteer.Gazetteer` that serves whole
tables rather than single lookups: states and counties (Census cartographic shapefiles from
``plotly-geo``, EPSG:4326), an inside point per state and county, every city as a DataFrame
and a small JSON-able gazetteer for browsers. Every table is built on first use and cached.

Examples
--------
>>> from geodata.gazetteer import Gazetteer
>>> Gazetteer.default().states().set_index("state").loc["IL", "name"]
'Illinois'
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from geodata.aliases import CITY_ALIASES, STATE_ALIASES, STATE_NAMES, normalize
from geodata.gazetteer_tables import City, shapefile

if TYPE_CHECKING:
    import geopandas
    import pandas

__all__ = ["GazetteerAreas"]


class GazetteerAreas:
    """Mixin of :class:`~geodata.gazetteer.Gazetteer`: boundary, city and compact tables.

    Needs the gazetteer's ``_county_name`` (FIPS -> name), ``_cities`` and ``_zips`` tables.
    """

    _county_name: dict[str, str]
    _cities: dict[tuple[str, str], City]
    _zips: dict[str, list[Any]]

    @cached_property
    def _states_raw(self) -> geopandas.GeoDataFrame:
        import geopandas as gpd

        gdf = gpd.read_file(shapefile("cb_2016_us_state_500k.shp"), engine="pyogrio")
        return gdf.set_crs(4269, allow_override=True).to_crs(4326)

    def _state_of_fips(self) -> dict[str, str]:
        return dict(zip(self._states_raw["STATEFP"], self._states_raw["STUSPS"], strict=True))

    def states(self) -> geopandas.GeoDataFrame:
        """States, DC and territories: ``fips, state, name, geometry`` (EPSG:4326), cached."""
        return self._states

    @cached_property
    def _states(self) -> geopandas.GeoDataFrame:
        raw = self._states_raw
        return (
            raw.rename(columns={"STATEFP": "fips", "STUSPS": "state", "NAME": "name"})[
                ["fips", "state", "name", "geometry"]
            ]
            .sort_values("fips")
            .reset_index(drop=True)
        )

    def counties(self) -> geopandas.GeoDataFrame:
        """Counties and equivalents: ``fips, name, state, state_fips, geometry``, cached."""
        return self._counties

    @cached_property
    def _counties(self) -> geopandas.GeoDataFrame:
        import geopandas as gpd

        raw = gpd.read_file(shapefile("cb_2016_us_county_500k.shp"), engine="pyogrio")
        raw = raw.set_crs(4269, allow_override=True).to_crs(4326)
        out = raw.rename(columns={"GEOID": "fips", "STATEFP": "state_fips"})
        out["name"] = [
            self._county_name.get(f, n) for f, n in zip(out["fips"], raw["NAME"], strict=True)
        ]
        out["state"] = out["state_fips"].map(self._state_of_fips())
        return (
            out[["fips", "name", "state", "state_fips", "geometry"]]
            .sort_values("fips")
            .reset_index(drop=True)
        )

    @cached_property
    def _area_points(self) -> dict[str, tuple[float, float]]:
        points: dict[str, tuple[float, float]] = {}
        for gdf, key in ((self.states(), "state"), (self.counties(), "fips")):
            albers = gdf.geometry.to_crs(5070)
            centre = albers.centroid
            inside = centre.within(albers)
            pts = centre.where(inside, albers.representative_point()).to_crs(4326)
            points |= {
                k: (round(p.y, 5), round(p.x, 5)) for k, p in zip(gdf[key], pts, strict=True)
            }
        return points

    def places(self) -> pandas.DataFrame:
        """All cities: ``name, state, lat, lon, population, county_fips, timezone, source``."""
        return self._places

    @cached_property
    def _places(self) -> pandas.DataFrame:
        import geopandas as gpd
        import pandas as pd

        df = pd.DataFrame(list(self._cities.values()), columns=City._fields)
        df = df.drop(columns=["key", "n_zips"])
        df["population"] = df["population"].astype("Int64")
        pts = gpd.GeoDataFrame(df[[]], geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs=4326)
        joined = pts.sjoin(self.counties()[["fips", "geometry"]], predicate="within", how="left")
        fips = joined[~joined.index.duplicated()]["fips"]
        df["county_fips"] = fips.where(fips.notna(), df["county_fips"]).fillna("")
        return df.sort_values(["state", "name"]).reset_index(drop=True)

    def compact(self) -> dict[str, Any]:
        """Small JSON-able gazetteer for a browser (about 1.3 MB as JSON), cached.

        ``zips``: ZIP -> [lat, lon] for delivery ("STANDARD") ZIPs; ``cities``: "City|ST" ->
        [lat, lon, population] ([lat, lon] when the population is unknown) for places with a
        known population or a delivery ZIP;
        ``aliases``: normalised alias -> "City|ST" or a state code (a city alias wins, as in
        :meth:`~geodata.gazetteer.Gazetteer.geocode`); ``states``: code -> name.
        Coordinates are rounded to 2 decimals (about 1 km; ZIP and city points are centroids).

        Examples
        --------
        >>> from geodata.gazetteer import Gazetteer
        >>> Gazetteer.default().compact()["cities"]["Chicago|IL"][:2]
        [41.85, -87.65]
        """
        return self._compact

    @cached_property
    def _compact(self) -> dict[str, Any]:
        cities = {
            f"{c.name}|{c.state}": [round(c.lat, 2), round(c.lon, 2)]
            + ([c.population] if c.population else [])
            for c in self._cities.values()
            if c.source != "zipcodes_po_box"
        }
        aliases = {
            a: f"{self._cities[(normalize(n), s)].name}|{s}"
            for a, (n, s) in CITY_ALIASES.items()
            if (normalize(n), s) in self._cities
        }
        return {
            "version": 1,
            "zips": {z: [round(v[2], 2), round(v[3], 2)] for z, v in self._zips.items() if v[6]},
            "cities": cities,
            "aliases": STATE_ALIASES | aliases,  # a city alias wins, as in geocode()
            "states": dict(STATE_NAMES),
        }
