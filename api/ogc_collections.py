"""The OGC API's feature collections, cached per dataset version on the app's state.

The collections themselves are built in :mod:`locator.feature_collections`.
"""

from __future__ import annotations

import threading
from typing import Any

from locator.feature_collections import Collections
from locator.features import View

__all__ = ["collections_of"]

_lock = threading.Lock()


def collections_of(state: Any, view: View) -> Collections:
    """The :class:`Collections` of ``view``, cached on ``state`` (e.g. ``app.state``)."""
    cached = getattr(state, "ogc_collections", None)
    if cached is not None and cached.view is view:
        return cached
    with _lock:
        cached = getattr(state, "ogc_collections", None)
        if cached is None or cached.view is not view:
            cached = Collections.build(view)
            state.ogc_collections = cached
    return cached
