"""English words that must never appear in Spanish text (the Spanish DOM walk in
``tests/web/test_spanish.py`` and the catalog check in ``tests/locator/test_i18n.py``)."""

from __future__ import annotations

import re

__all__ = ["ENGLISH"]

ENGLISH = re.compile(
    r"\b(the|and|near|results?|search|zoom|close|contributors|phone|call|directions|hours|"
    r"share|route|stops?|county|New York|New Mexico|North Carolina|illustrative|sample|"
    r"mobile unit|visits?|calendar|official|link|offline|ready|version|consulate|health desk|"
    r"approximate|location|state lines|searched|other sites|skip|filters|kind|service|popup|"
    r"unverified|address|straight|line|driving|before you go|Did you mean|outside|"
    r"appointment|Mon|Tue|Wed|Thu|Fri|Sat|Sun|as of)\b",
    re.IGNORECASE,
)
