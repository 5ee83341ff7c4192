"""Outreach planning: demand, coverage gaps, accessibility and suggested new sites or stops.

* :mod:`~locator.planning.demand`: counties with a labelled population and weighted centres.
* :mod:`~locator.planning.coverage`: :class:`CoverageModel` (distances, thresholds, catchments,
  2SFCA / E2SFCA, ranked gaps).
* :mod:`~locator.planning.suggest`: :class:`SiteSuggester` (maximal covering location, spopt MCLP).
* :mod:`~locator.planning.outputs`: offline map, CSV, GeoJSON and PNG of the gaps.

All distances are great-circle (haversine, R = 6371.0088 km).
"""

from locator.planning.coverage import CoverageModel
from locator.planning.demand import DemandLayer, default_demand, proxy_demand

__all__ = ["CoverageModel", "DemandLayer", "default_demand", "proxy_demand"]
