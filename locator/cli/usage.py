"""click's own usage errors (unknown option, missing or invalid value...) in the CLI's language.

click writes them in English; :func:`usage_message` gives the Spanish text of the common ones
(the ``cli.usage`` entries of :mod:`locator.i18n.cli`, filled from the exception's fields, not
from parsing its English), and keeps click's text for the rest under a Spanish heading.
:func:`cli_lang` picks the language as the commands do: ``--lang`` on the command line, else
``LOCATOR_LANG`` (given by the caller), else Spanish.

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
from locator.i18n.cli import CLI_USAGE

__all__ = ["cli_lang", "usage_message"]

_INNER = [
    (re.compile(r"^(?P<value>.+?) is not one of (?P<choices>.+)\.$", re.S), "not_one_of"),
    (re.compile(r"^(?P<value>.+?) is not a valid integer\.$"), "not_int"),
    (re.compile(r"^(?P<value>.+?) is not a valid float\.$"), "not_float"),
    (re.compile(r"^(?P<value>.+?) is not in the range (?P<range>.+)\.$"), "not_in_range"),
    (re.compile(r"^(?:File|Path|Directory) (?P<path>.+?) does not exist\.$"), "no_such_path"),
    (re.compile(r"^(?:File|Path) (?P<path>.+?) is a directory\.$"), "is_directory"),
    (re.compile(r"^(?P<value>.+?) is not a valid boolean\.$"), "not_bool"),
]
"""click's messages of a bad value, matched to the ``cli.usage`` entry that translates them."""


def cli_lang(args: Sequence[str], env_lang: str | None) -> str:
    """``es`` or ``en``: ``--lang X``/``--lang=X`` in ``args``, else ``env_lang``, else ``es``."""
    lang = env_lang
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return "en" if (lang or "").lower() == "en" else "es"


def _es(key: str, **fields: object) -> str:
    return CLI_USAGE[key].fill(**fields).es


def _inner_es(text: str) -> str:
    for pattern, key in _INNER:
        match = pattern.match(text.strip())
        if match:
            return _es(key, **match.groupdict())
    return text


def _spanish(exc: click.UsageError) -> str:
    if isinstance(exc, click.NoSuchOption):
        out = _es("no_such_option", option=exc.option_name)
        if exc.possibilities:
            out += _es("did_you_mean", options=", ".join(sorted(exc.possibilities)))
        return out
    if isinstance(exc, click.MissingParameter):
        hint = exc.param.get_error_hint(exc.ctx) if exc.param and exc.ctx else ""
        key = (
            "missing_argument"
            if exc.param_type == "argument" or isinstance(exc.param, click.Argument)
            else "missing_option"
        )
        return _es(key, hint=hint).replace(" .", ".")
    if isinstance(exc, click.BadParameter):
        named = exc.param_hint or (
            exc.param.get_error_hint(exc.ctx) if exc.param and exc.ctx else ""
        )
        hint = named if isinstance(named, str) else " / ".join(named)
        return _es("bad_value", hint=hint, reason=_inner_es(exc.message))
    text = exc.format_message()
    match = re.match(r"^Option (?P<o>.+?) requires (an argument|\d+ arguments)\.$", text)
    if match:
        return _es("needs_value", option=match["o"])
    match = re.match(r"^No such command (?P<c>.+)\.$", text)
    if match:
        return _es("no_such_command", command=match["c"])
    match = re.match(r"^Got unexpected extra arguments? \((?P<a>.+)\)$", text)
    if match:
        return _es("extra_args", args=match["a"])
    return _es("other", message=text)


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
