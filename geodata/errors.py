"""One error hierarchy for the whole project.

Every error a user can cause is a :class:`LocatorError`. It carries a stable ``code``, a
message in Spanish and English, and an optional ``detail`` mapping (suggestions, row numbers).
The HTTP layer maps each subclass to a status in one place (``api.errors``); the CLI prints
the message and exits non-zero. Nothing here knows about HTTP.
"""

from __future__ import annotations

from typing import Any, Protocol

__all__ = [
    "ConflictError",
    "DataUnavailableError",
    "ImportValidationError",
    "InvalidInputError",
    "LocatorError",
    "NotFoundError",
    "StorageFullError",
    "StoreError",
]


class _Text(Protocol):
    """What an error needs of a catalog entry (:class:`geodata.i18n.T`): its key and words."""

    @property
    def key(self) -> str: ...
    @property
    def es(self) -> str: ...
    @property
    def en(self) -> str: ...


class LocatorError(Exception):
    """Base class of every error a user can cause or should be told about.

    Its message is an entry of the text catalog (:mod:`geodata.i18n`), filled in with the
    values it names; every raise site in the project says its words this way.

    >>> from geodata.i18n import T
    >>> NO_DATA = T("no_data", es="No hay datos para {place}", en="No data for {place}")
    >>> err = LocatorError(NO_DATA.fill(place="Reno"), code="no_data")
    >>> err.message("es"), err.message("en"), err.text_key
    ('No hay datos para Reno', 'No data for Reno', 'no_data')

    Parameters
    ----------
    message_en, message_es
        A catalog entry (a :class:`geodata.i18n.T`, or anything with ``es`` and ``en``
        attributes) as the one positional argument; or, for code outside the project (tests,
        plug-ins), the message in English and Spanish (``message_es`` defaults to the English).
    es, en
        The same, as keywords (``InvalidInputError(es="...", en="...")``): the order of the
        text catalog (:mod:`geodata.i18n`), which cannot be swapped by mistake. Give either the
        positional pair or the keywords, not both.
    code
        A stable machine-readable code (``"not_found"``, ``"invalid_input"``...).
    detail
        Extra structured context: suggestions, row errors, the offending value.
    """

    code = "locator_error"

    text_key: str | None = None
    """The catalog entry's own key (``"unsupported"`` for ``errors.lang.unsupported``);
    ``None`` for a message given as plain strings."""

    def __init__(
        self,
        message_en: str | _Text | None = None,
        message_es: str | None = None,
        *,
        es: str | None = None,
        en: str | None = None,
        code: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        if message_en is not None and not isinstance(message_en, str):
            if message_es is not None or es is not None or en is not None:
                raise TypeError("give a catalog entry alone, without other messages")
            entry = message_en
            self.text_key = entry.key
            message_en, message_es = entry.en, entry.es
        if es is not None or en is not None:
            if message_en is not None or message_es is not None or not (es and en):
                raise TypeError("give es= and en= together, without positional messages")
            message_en, message_es = en, es
        if message_en is None:
            raise TypeError("a LocatorError needs its message (en, es or es=, en=)")
        super().__init__(message_en)
        self.message_en = message_en
        self.message_es = message_es or message_en
        if code:
            self.code = code
        self.detail = detail or {}

    def message(self, lang: str = "es") -> str:
        """Return the message in ``lang`` (``"es"`` or ``"en"``)."""
        return self.message_en if lang == "en" else self.message_es


class InvalidInputError(LocatorError):
    """The caller's input is malformed or out of range."""

    code = "invalid_input"


class NotFoundError(LocatorError):
    """A site, route, office or place was not found."""

    code = "not_found"


class ImportValidationError(LocatorError):
    """An import file failed validation; nothing was written.

    ``detail["errors"]`` lists ``{"row": n, "field": ..., "message": ...}`` entries.
    """

    code = "import_invalid"


class ConflictError(LocatorError):
    """The request conflicts with the current state (e.g. a concurrent import)."""

    code = "conflict"


class StoreError(LocatorError):
    """The store cannot be opened or read (corrupt file, wrong schema)."""

    code = "store_error"


class DataUnavailableError(LocatorError):
    """A backing service (e.g. PostGIS) is temporarily unreachable; retry later."""

    code = "unavailable"


class StorageFullError(StoreError):
    """The disk (or quota) holding the store is full: nothing was written; free space, retry."""

    code = "storage_full"
