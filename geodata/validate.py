"""Checks of user-supplied query arguments shared by every nearest-site backend.

The in-memory index (:mod:`locator.index_input`, which re-exports these) and the PostGIS store
(:mod:`geodata.stores.postgis`) accept the same ``k``, distances and filter lists and refuse
bad ones with the same bilingual :class:`~geodata.errors.InvalidInputError`.

Examples
--------
>>> check_k(3)
3
>>> split_values("es, en;;pt ")
['es', 'en', 'pt']
>>> check_km(None, "max_km", allow_none=True)
inf
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from geodata.errors import InvalidInputError

__all__ = ["MAX_K", "check_k", "check_km", "invalid", "split_values"]

MAX_K = 1000
"""Largest ``k`` accepted by the k-nearest queries."""


def invalid(en: str, es: str, **detail: Any) -> InvalidInputError:
    """A bilingual :class:`InvalidInputError` with ``detail`` keyword arguments."""
    return InvalidInputError(en, es, detail=detail)


def split_values(value: str | Sequence[str] | None) -> list[str]:
    """``"a;b"`` / ``"a,b"`` / a sequence -> stripped, non-empty values (``None`` -> ``[]``)."""
    if value is None:
        return []
    parts = value.replace(",", ";").split(";") if isinstance(value, str) else list(value)
    return [str(p).strip() for p in parts if str(p).strip()]


def check_k(k: int) -> int:
    """``k`` as an int in ``1..MAX_K`` (booleans refused)."""
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or not 1 <= k <= MAX_K:
        raise invalid(
            f"k must be an integer between 1 and {MAX_K}, got {k!r}",
            f"k debe ser un entero entre 1 y {MAX_K}; se recibió {k!r}",
        )
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
        raise invalid(
            f"{name} must be a non-negative number of km, got {value!r}",
            f"{name} debe ser un número de km no negativo; se recibió {value!r}",
        )
    return km
