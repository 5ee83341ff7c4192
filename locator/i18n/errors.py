"""The texts of locator's errors (queries, maps, mobile units, the web export): ``errors.*``.

Every error these modules raise says its words through an entry here, filled in at the raise
site (``raise InvalidInputError(QUERY["unknown_kind"].fill(kind=k), detail=...)``).
"""

from __future__ import annotations

from geodata.i18n import T, register  # noqa: F401  (entries come with their raise sites)

__all__: list[str] = []
