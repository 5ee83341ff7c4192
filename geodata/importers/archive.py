"""Safe reading of uploaded ``.zip`` files (HSDS packages): refuse, never crash.

:func:`read_members` returns the bytes of the wanted members of a zip archive, or raises
:class:`~geodata.errors.InvalidInputError` with a clear bilingual message for every way a
zip can be broken or hostile (issue 13):

* not a zip, a truncated zip, a bad CRC, a member whose real size differs from the declared
  one (``BadZipFile``, ``zlib.error``, ``EOFError`` in :mod:`zipfile`);
* an encrypted member (``RuntimeError``) or an unknown compression method such as 99
  (``NotImplementedError``);
* a member name that climbs out of the package (``../x.csv``), is absolute (``/etc/x``,
  ``C:\\x``) or holds a NUL byte: refused, the whole archive with it;
* more members than :data:`MAX_MEMBERS`, or more decompressed bytes than ``max_bytes``
  (counted while decompressing, so a lying header or a zip bomb cannot get past it).

Examples
--------
>>> import io, zipfile
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as z:
...     z.writestr("pkg/location.csv", "id\\n1\\n")
>>> read_members(buf.getvalue(), what="HSDS")
{'pkg/location.csv': b'id\\n1\\n'}
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as z:
...     z.writestr("../location.csv", "id\\n1\\n")
>>> read_members(buf.getvalue(), what="HSDS")
Traceback (most recent call last):
geodata.errors.InvalidInputError: HSDS: the zip has entries outside the package ...
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from pathlib import PurePosixPath

from geodata.errors import InvalidInputError
from geodata.i18n import T
from geodata.messages import ZIP

__all__ = ["MAX_MEMBERS", "SUPPORTED_METHODS", "read_members", "unsafe_name"]

MAX_MEMBERS = 1000
"""Most entries an archive may list."""
SUPPORTED_METHODS = {
    zipfile.ZIP_STORED: "stored",
    zipfile.ZIP_DEFLATED: "deflate",
    zipfile.ZIP_BZIP2: "bzip2",
    zipfile.ZIP_LZMA: "lzma",
}
_CHUNK = 1 << 16


def unsafe_name(name: str) -> bool:
    """True when a member name is absolute, climbs with ``..`` or holds a NUL/drive letter.

    Examples
    --------
    >>> [unsafe_name(n) for n in ("a/b.csv", "../b.csv", "/etc/passwd", "a\\\\..\\\\b", "C:x")]
    [False, True, True, True, True]
    """
    text = name.replace("\\", "/")
    if not text or "\x00" in text or text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        return True
    return ".." in PurePosixPath(text).parts


def _bad(message: T, **detail: object) -> InvalidInputError:
    return InvalidInputError(message, code="bad_archive", detail=detail or None)


def _open(data: bytes, what: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        raise _bad(ZIP["not_zip"].fill(what=what, exc=exc)) from exc


def _check_entries(infos: list[zipfile.ZipInfo], what: str) -> None:
    if len(infos) > MAX_MEMBERS:
        raise _bad(
            ZIP["too_many_entries"].fill(what=what, n=len(infos), MAX_MEMBERS=MAX_MEMBERS),
        )
    unsafe = [i.filename[:200] for i in infos if unsafe_name(i.filename)]
    if unsafe:
        raise _bad(
            ZIP["unsafe_paths"].fill(what=what, names=", ".join(unsafe[:5])),
            entries=unsafe[:20],
        )


def _check_member(info: zipfile.ZipInfo, what: str) -> None:
    name = info.filename[:200]
    if info.flag_bits & 0x1:
        raise _bad(
            ZIP["encrypted"].fill(what=what, name=name),
            entry=name,
        )
    if info.compress_type not in SUPPORTED_METHODS:
        allowed = ", ".join(SUPPORTED_METHODS.values())
        raise _bad(
            ZIP["compression"].fill(
                what=what, name=name, method=info.compress_type, allowed=allowed
            ),
            entry=name,
            method=info.compress_type,
        )


def _read_one(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    budget: int,
    what: str,
    too_big: Callable[[int], InvalidInputError],
) -> bytes:
    """The member's bytes, decompressed in chunks; never more than ``budget`` bytes."""
    name = info.filename[:200]
    out = bytearray()
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                out += chunk
                if len(out) > budget:
                    raise too_big(len(out))
    except InvalidInputError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        RuntimeError,
        NotImplementedError,
        ValueError,
    ) as exc:
        raise _bad(
            ZIP["damaged"].fill(what=what, name=name, exc=exc),
            entry=name,
        ) from exc
    if len(out) != info.file_size:
        raise _bad(
            ZIP["size_mismatch"].fill(
                what=what, name=name, size=len(out), file_size=info.file_size
            ),
            entry=name,
        )
    return bytes(out)


def read_members(
    data: bytes, *, what: str, suffix: str = ".csv", max_bytes: int = 100 * 1024 * 1024
) -> dict[str, bytes]:
    """``{member name: bytes}`` of the members ending in ``suffix`` (case-insensitive).

    Every entry name is checked (unsafe ones refuse the whole archive); the members read are
    checked for encryption and compression method, then decompressed with their total
    bounded by ``max_bytes``.
    """
    archive = _open(data, what)
    infos = archive.infolist()
    _check_entries(infos, what)
    wanted = [i for i in infos if not i.is_dir() and i.filename.lower().endswith(suffix)]

    def too_big(size: int) -> InvalidInputError:
        return _bad(
            ZIP["too_large"].fill(what=what, size=size, max_bytes=max_bytes),
            size=size,
            max_bytes=max_bytes,
        )

    declared = sum(i.file_size for i in wanted)
    if declared > max_bytes:
        raise too_big(declared)
    out: dict[str, bytes] = {}
    used = 0
    for info in wanted:
        _check_member(info, what)
        content = _read_one(archive, info, max_bytes - used, what, too_big)
        used += len(content)
        out[info.filename] = content
    return out
