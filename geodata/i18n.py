"""The one text catalog: every user-facing text, keyed, in Spanish and English.

An entry is ``T(key, es=..., en=...)`` (keyword languages: no table can put them in the other
order). Each area registers its entries under a namespace (``register("maps", ...)``), so the
catalog holds ``"maps.approx"``, ``"page.search_button"``, ``"api.title.404"``... once each.
:func:`text` looks one up and fails loudly on an unknown key or language. This module is at the
bottom layer (``geodata``) so geodata's own texts can use it; :mod:`locator.i18n` re-exports it
and loads every area's entries.

Examples
--------
>>> entries = register("example", T("hello", es="Hola", en="Hello"))
>>> text("example.hello", "en"), entries["hello"].get("es")
('Hello', 'Hola')
>>> text("example.nope", "es")
Traceback (most recent call last):
...
geodata.i18n.MissingText: no text 'example.nope' in the catalog
>>> text("example.hello", "fr")
Traceback (most recent call last):
...
geodata.errors.InvalidInputError: Unsupported language 'fr'; use 'es' or 'en'
>>> ui_lang("fr"), ui_lang("en")
('es', 'en')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from geodata.errors import InvalidInputError

__all__ = [
    "LANGS",
    "MissingText",
    "T",
    "check_lang",
    "entries",
    "has",
    "register",
    "table",
    "text",
    "ui_lang",
]

LANGS = ("es", "en")
"""The languages of every text: Spanish (the default) and English."""


class MissingText(KeyError):
    """A text key that is not in the catalog (a programming error, never user input)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "missing text"


@dataclass(frozen=True)
class T:
    """One catalog entry: ``T("approx", es="ubicación aproximada", en="approximate location")``.

    ``{name}`` fields are filled in by the caller (``entry.get(lang).format(...)``).
    """

    key: str
    es: str = field(kw_only=True)
    en: str = field(kw_only=True)

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``"es"`` or ``"en"``; anything else raises)."""
        return self.en if check_lang(lang) == "en" else self.es

    def fill(self, **fields: object) -> T:
        """The same entry with its ``{name}`` fields filled in, in both languages.

        A field given an entry (a sub-phrase) takes that entry's words in each language.

        >>> T("n", es="{n} sitios", en="{n} sites").fill(n=3)
        T(key='n', es='3 sitios', en='3 sites')
        >>> kind = T("kind", es="Tipo", en="kind")
        >>> T("bad", es="{what} desconocido", en="Unknown {what}").fill(what=kind)
        T(key='bad', es='Tipo desconocido', en='Unknown kind')
        """

        def words(lang: str) -> dict[str, object]:
            return {k: v.get(lang) if isinstance(v, T) else v for k, v in fields.items()}

        return T(self.key, es=self.es.format(**words("es")), en=self.en.format(**words("en")))

    def under(self, key: str) -> T:
        """The same words under another key (a table whose readers expect that key)."""
        return T(key, es=self.es, en=self.en)

    def both(self) -> str:
        """``"English / Spanish"`` in one string: the form of the row errors and warnings of
        import reports (``{"row", "field", "message"}``), read by either language's user.

        >>> T("k", es="falta la columna", en="missing column").both()
        'missing column / falta la columna'
        """
        return self.en if self.en == self.es else f"{self.en} / {self.es}"

    def pair(self) -> dict[str, str]:
        """``{"es": ..., "en": ...}``."""
        return {"es": self.es, "en": self.en}


_CATALOG: dict[str, T] = {}


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is ``"es"`` or ``"en"``; raise :class:`InvalidInputError` otherwise."""
    if lang not in LANGS:
        raise InvalidInputError(_LANG["unsupported"].fill(lang=lang), detail={"lang": lang})
    return lang


def ui_lang(lang: str | None) -> str:
    """``"en"`` for ``"en"``, else ``"es"``: for callers whose language was already negotiated."""
    return "en" if lang == "en" else "es"


def register(namespace: str, *items: T) -> dict[str, T]:
    """Add ``items`` to the catalog as ``"<namespace>.<key>"``; return them by their own key.

    Registering the same key twice with different text raises :class:`ValueError` (one wording
    per key); re-registering identical entries (a module reloaded) is allowed.
    """
    own: dict[str, T] = {}
    for item in items:
        if not item.key or item.key in own:
            raise ValueError(f"empty or repeated key {item.key!r} in {namespace!r}")
        full = f"{namespace}.{item.key}"
        if _CATALOG.get(full, item) != item:
            raise ValueError(f"text {full!r} registered twice with different wording")
        _CATALOG[full] = item
        own[item.key] = item
    return own


def text(key: str, lang: str) -> str:
    """The text ``key`` (``"<namespace>.<key>"``) in ``lang``; unknown key or language raises."""
    try:
        entry = _CATALOG[key]
    except KeyError:
        raise MissingText(f"no text {key!r} in the catalog") from None
    return entry.get(lang)


def has(key: str) -> bool:
    """True when ``key`` is in the catalog (for optional texts, e.g. a status without a title)."""
    return key in _CATALOG


def table(namespace: str, lang: str) -> dict[str, str]:
    """Every text of ``namespace`` in ``lang``, by its own key (e.g. for a page's script)."""
    prefix = f"{namespace}."
    found = {k[len(prefix) :]: e.get(lang) for k, e in _CATALOG.items() if k.startswith(prefix)}
    if not found:
        raise MissingText(f"no texts under {namespace!r} in the catalog")
    return found


def entries() -> dict[str, T]:
    """A copy of the whole catalog (full key -> entry), for checks and listings."""
    return dict(_CATALOG)


_LANG = register(
    "errors.lang",
    T(
        "unsupported",
        es="Idioma no admitido {lang!r}; use 'es' o 'en'",
        en="Unsupported language {lang!r}; use 'es' or 'en'",
    ),
)
"""The catalog core's own text (here, not in :mod:`geodata.messages`, which imports this)."""
