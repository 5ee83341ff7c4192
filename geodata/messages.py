"""The texts of geodata's errors (importers, stores, validation...): namespaces ``errors.*``.

Every error geodata raises says its words through an entry here, filled in at the raise site
(``raise InvalidInputError(IMPORT["bad_row"].fill(row=n), detail=...)``); the catalog core is
:mod:`geodata.i18n`, and :mod:`locator.i18n` loads these entries with every other area's.
"""

from __future__ import annotations

from geodata.i18n import T, register  # noqa: F401  (entries come with their raise sites)

__all__: list[str] = []
