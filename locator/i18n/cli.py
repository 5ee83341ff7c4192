"""Texts of the command line: namespace ``cli``.

Examples
--------
>>> CLI["nearest_head"].get("en")
'#|km|mi|kind|name|address|phone'
"""

from __future__ import annotations

from geodata.i18n import T, register

__all__ = ["CLI"]

CLI = register(
    "cli",
    T("nearest_head",
      es="#|km|mi|tipo|nombre|dirección|teléfono",
      en="#|km|mi|kind|name|address|phone"),
    T("near", es="Cerca de", en="Near"),
    T("no_results", es="Sin resultados.", en="No results."),
    T("usage", es="Uso:", en="Usage:"),
    T("help_hint",
      es="Pruebe '{command} --help' para ver la ayuda.",
      en="Try '{command} --help' for help."),
)
"""The CLI's own texts (the nearest table's header columns are ``|``-separated)."""
