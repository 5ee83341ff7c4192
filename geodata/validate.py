"""Checks of user-supplied query arguments shared by every nearest-site backend, and the
project's one multi-value splitter (:func:`split_values`).

The in-memory index (:mod:`locator.index_input`, which re-exports these) and the PostGIS store
(:mod:`geodata.stores.postgis`) accept the same ``k``, distances and filter lists and refuse
bad ones with the same bilingual :class:`~geodata.errors.InvalidInputError`.

Examples
--------
>>> check_k(3)
3
>>> split_values("es, en;;pt ")
['es', 'en', 'pt']
>>> split_values(["vds,consulate", "vds"], unique=True)
['vds', 'consulate']
>>> check_km(None, "max_km", allow_none=True)
inf
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np

from geodata.errors import InvalidInputError
from geodata.messages import VALIDATE

__all__ = ["MAX_K", "check_k", "check_km", "split_values"]

MAX_K = 1000
"""Largest ``k`` accepted by the k-nearest queries."""


def split_values(
    value: str | Iterable[Any] | float | None, *, separators: str = ",;", unique: bool = False
) -> list[str]:
    """The one multi-value splitter: kinds, services, languages, thresholds, stored lists.

    ``value`` is ``None`` or NaN (``[]``), a string, or a sequence of strings (the values of
    a repeatable option or query parameter); every string is split on each character of
    ``separators`` (``,`` and ``;`` for user input, ``;`` alone for lists stored as text).
    Parts are stripped, blanks dropped, order kept; ``unique`` drops repeats.

    >>> split_values(("vds, consulate", "", "clinic"))
    ['vds', 'consulate', 'clinic']
    >>> split_values("a;b,c", separators=";")
    ['a', 'b,c']
    >>> split_values(float("nan"))
    []
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    texts = [value] if isinstance(value, str) else [str(v) for v in value]  # type: ignore[union-attr]
    first, others = separators[0], separators[1:]
    parts: list[str] = []
    for text in texts:
        for sep in others:
            text = text.replace(sep, first)
        parts.extend(p.strip() for p in text.split(first))
    parts = [p for p in parts if p]
    return list(dict.fromkeys(parts)) if unique else parts


def check_k(k: int) -> int:
    """``k`` as an int in ``1..MAX_K`` (booleans refused)."""
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or not 1 <= k <= MAX_K:
        raise InvalidInputError(VALIDATE["k_range"].fill(max_k=MAX_K, k=k))
    return int(k)


def check_km(value: float | None, name: str, *, allow_none: bool) -> float:
    """A non-negative distance in km; ``None`` is ``inf`` when ``allow_none``."""
    if value is None and allow_none:
        return np.inf
    try:
        km = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        km = np.nan
    if np.isnan(km) or km < 0:
        raise InvalidInputError(VALIDATE["km_negative"].fill(name=name, value=value))
    return km
