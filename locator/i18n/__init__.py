"""The one text catalog of the project, with every area's entries loaded.

The catalog core (:class:`~geodata.i18n.T`, :func:`~geodata.i18n.text`, ...) is
:mod:`geodata.i18n` (the bottom layer, so geodata's own texts can use it); importing this
package registers the texts of the maps (``maps.*``), the search page (``page.*``), the API
(``api.*``, ``ogc.*``), the CLI (``cli.*``), the shared ones (``common.*``) and the
vocabulary labels (``kind.*``, ``service.*``, ``language.*``, ``precision.*`` ...). Add a text
by adding a ``T(key, es=..., en=...)`` to the right module; ``tests/locator/test_i18n.py``
checks that each has both languages and that the Spanish has no English word.

Examples
--------
>>> text("maps.approx", "en"), text("page.search_button", "es")
('approximate location', 'Buscar')
>>> text("kind.vds", "es")
'Ventanilla de Salud'
"""

from __future__ import annotations

from geodata import i18n as _core
from geodata import messages as _geodata_messages  # noqa: F401  (registers errors.* of geodata)
from geodata.i18n import *  # noqa: F403  (a re-export: the names are geodata.i18n's)

# importing the area modules registers their entries
from locator.i18n import (  # noqa: F401
    api,
    cli,
    common,
    dates,
    errors,
    maps,
    notes,
    page,
    planning,
    vocab,
)

__all__ = list(_core.__all__)
