"""The bilingual, phone-first search page (a PWA that keeps working offline).

Static assets live in ``locator/web/static``; :mod:`locator.web.bundle` builds the data files
the page reads (sites, compact gazetteer, labels) and writes a static copy that works from
``file://`` (:func:`locator.web.bundle.export_site`). The API serves the same files
(``api.routers.web``).
"""

from __future__ import annotations

__all__: list[str] = []
