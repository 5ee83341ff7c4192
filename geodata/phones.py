"""Phone numbers as people can dial them: a ``tel:`` link only for a real NANP or E.164 number.

A phone is kept as its source prints it (extensions and notes included) and shown as text; it
becomes a link only when its first number parses as a valid number (``phonenumbers``, Google's
libphonenumber metadata), written in E.164 so any phone dials it. Text that is not a phone
(``javascript:alert(5)``, an injected attribute) never yields a link.

Examples
--------
>>> tel_uri("(312) 491-4500 ext. 2")
'tel:+13124914500'
>>> tel_uri("+52 55 3686 5100 / 312-555-0100")
'tel:+525536865100'
>>> tel_uri("javascript:alert(5)") is None, tel_uri('312-555-0000" onclick="x()"') is None
(True, True)
>>> parse_phone("312-555-0100 x12")
Phone(text='312-555-0100 x12', e164='+13125550100', extension='12')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import phonenumbers

__all__ = ["Phone", "parse_phone", "tel_uri"]

_SECOND_NUMBER = re.compile(r"\s*[/;,]\s*")
"""Where a second number or a pause starts: ``a / b``, ``a; 2``, ``a, 2``."""
_EXTENSION = re.compile(r"(?i)\s*(?:ext\.?|extension|extensión|x|#)\s*(\d{1,7})\s*$")
_PHONE_CHARS = re.compile(r"^\+?[\d\s().\-]{7,25}$")


@dataclass(frozen=True)
class Phone:
    """A published phone: its text, its E.164 number and its extension (text, may be "")."""

    text: str
    e164: str
    extension: str = ""


def parse_phone(value: Any, *, region: str = "US") -> Phone | None:
    """The first valid number in ``value`` (NANP by default, or any ``+`` E.164), else None."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    first = _SECOND_NUMBER.split(text, maxsplit=1)[0]
    extension = ""
    match = _EXTENSION.search(first)
    if match:
        extension = match.group(1)
        first = first[: match.start()]
    if not _PHONE_CHARS.match(first.strip()):
        return None
    try:
        number = phonenumbers.parse(first, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return Phone(text=text, e164=e164, extension=extension)


def tel_uri(value: Any, *, region: str = "US") -> str | None:
    """``tel:+1...`` for the first valid number in ``value`` (extension left as text), or None."""
    phone = parse_phone(value, region=region)
    return f"tel:{phone.e164}" if phone else None
