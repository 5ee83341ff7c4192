"""click's own usage errors (unknown option, missing or invalid value...) in the CLI's language.

click writes them in English; :func:`usage_message` gives the Spanish text of the common ones
(built from the exception's fields, not from parsing its English), and keeps click's text for
the rest under a Spanish heading. :func:`cli_lang` picks the language as the commands do:
``--lang`` on the command line, else ``LOCATOR_LANG`` (given by the caller), else Spanish.

Examples
--------
>>> cli_lang(["import", "--lang", "en", "hrsa"], None), cli_lang(["nearest"], None)
('en', 'es')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import click

from locator.i18n import text, ui_lang

__all__ = ["cli_lang", "usage_message"]

_INNER = [
    (re.compile(r"^(?P<v>.+?) is not one of (?P<c>.+)\.$", re.S), "{v} no es uno de {c}."),
    (re.compile(r"^(?P<v>.+?) is not a valid integer\.$"), "{v} no es un número entero."),
    (re.compile(r"^(?P<v>.+?) is not a valid float\.$"), "{v} no es un número."),
    (re.compile(r"^(?P<v>.+?) is not in the range (?P<r>.+)\.$"), "{v} no está en el rango {r}."),
    (re.compile(r"^(?:File|Path|Directory) (?P<p>.+?) does not exist\.$"), "{p} no existe."),
    (re.compile(r"^(?:File|Path) (?P<p>.+?) is a directory\.$"), "{p} es una carpeta."),
    (re.compile(r"^(?P<v>.+?) is not a valid boolean\.$"), "{v} no es sí/no (true/false)."),
]


def cli_lang(args: Sequence[str], env_lang: str | None) -> str:
    """``es`` or ``en``: ``--lang X``/``--lang=X`` in ``args``, else ``env_lang``, else ``es``."""
    lang = env_lang
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return "en" if (lang or "").lower() == "en" else "es"


def _inner_es(text: str) -> str:
    for pattern, template in _INNER:
        match = pattern.match(text.strip())
        if match:
            return template.format(**match.groupdict())
    return text


def _spanish(exc: click.UsageError) -> str:
    if isinstance(exc, click.NoSuchOption):
        out = f"No existe la opción {exc.option_name}."
        if exc.possibilities:
            out += f" ¿Quiso decir {', '.join(sorted(exc.possibilities))}?"
        return out
    if isinstance(exc, click.MissingParameter):
        hint = exc.param.get_error_hint(exc.ctx) if exc.param and exc.ctx else ""
        kind = (
            "el argumento"
            if exc.param_type == "argument" or isinstance(exc.param, click.Argument)
            else "la opción"
        )
        return f"Falta {kind} {hint}.".replace(" .", ".")
    if isinstance(exc, click.BadParameter):
        named = exc.param_hint or (
            exc.param.get_error_hint(exc.ctx) if exc.param and exc.ctx else ""
        )
        hint = named if isinstance(named, str) else " / ".join(named)
        return f"Valor no válido para {hint}: {_inner_es(exc.message)}"
    text = exc.format_message()
    match = re.match(r"^Option (?P<o>.+?) requires (an argument|\d+ arguments)\.$", text)
    if match:
        return f"La opción {match['o']} necesita un valor."
    match = re.match(r"^No such command (?P<c>.+)\.$", text)
    if match:
        return f"No existe el comando {match['c']}."
    match = re.match(r"^Got unexpected extra arguments? \((?P<a>.+)\)$", text)
    if match:
        return f"Sobran argumentos: {match['a']}."
    return f"Uso incorrecto (mensaje de click): {text}"


def usage_message(exc: click.UsageError, lang: str) -> str:
    """The full message: usage line, the error, and where to find help, in ``lang``."""
    ctx = exc.ctx
    usage = ctx.get_usage() if ctx is not None else ""
    command = ctx.command_path if ctx is not None else "locator"
    lang = ui_lang(lang)
    hint = text("cli.help_hint", lang).format(command=command)
    if lang == "en":
        return f"{usage}\n{hint}\n\nError: {exc.format_message()}".lstrip()
    usage = usage.replace(text("cli.usage", "en"), text("cli.usage", "es"), 1)
    return f"{usage}\n{hint}\n\nError: {_spanish(exc)}".lstrip()
