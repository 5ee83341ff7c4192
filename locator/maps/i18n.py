"""The maps' texts, from the one catalog (:mod:`locator.i18n`, namespace ``maps``).

Examples
--------
>>> text("approx", "en")
'approximate location'
>>> check_lang("fr")
Traceback (most recent call last):
...
geodata.errors.InvalidInputError: Unsupported language 'fr'; use 'es' or 'en'
"""

from __future__ import annotations

from geodata.vocab import KINDS, LANGUAGES, PRECISIONS, SERVICES
from locator.i18n import check_lang, ui_lang
from locator.i18n import text as catalog_text
from locator.i18n.maps import RUNTIME_KEYS
from locator.present import kind_label

__all__ = ["RUNTIME_KEYS", "check_lang", "js_config_text", "kind_label", "text"]


def text(key: str, lang: str) -> str:
    """The maps' text ``key`` (catalog ``maps.<key>``) in ``lang`` (Spanish unless ``"en"``)."""
    return catalog_text(f"maps.{key}", ui_lang(lang))


def js_config_text(lang: str) -> dict[str, dict[str, str]]:
    """The labels the browser runtime needs: UI text, kinds, services, precisions, languages."""
    return {
        "text": {key: text(key, lang) for key in RUNTIME_KEYS},
        "kinds": {k: t.label(lang) for k, t in KINDS.items()},
        "services": {k: t.label(lang) for k, t in SERVICES.items()},
        "precisions": {k: t.label(lang) for k, t in PRECISIONS.items()},
        "languages": {k: t.label(lang) for k, t in LANGUAGES.items()},
    }
