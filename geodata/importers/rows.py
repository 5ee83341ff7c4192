"""Row-level checks shared by importers: duplicate ids named by their file rows, and the CSV of
rows left out by ``--skip-invalid``.

Examples
--------
>>> from geodata.importers.base import ErrorLog
>>> log = ErrorLog()
>>> recs, nums = drop_duplicate_ids([{"id": "a"}, {"id": "b"}, {"id": "a"}], [2, 3, 7], log,
...                                 field="id")
>>> [r["id"] for r in recs], nums, log.errors[0]["row"], log.errors[0]["message"][:40]
(['a', 'b'], [2, 3], 7, "duplicate id 'a': also file row 2 / id r")
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from geodata.importers.base import ErrorLog
from geodata.messages import ROWS

__all__ = ["drop_duplicate_ids", "write_rejected"]


def drop_duplicate_ids(
    records: list[dict[str, Any]],
    numbers: list[int],
    errors: ErrorLog,
    *,
    field: str,
    rejected: list[tuple[int, dict[str, str], list[dict[str, Any]]]] | None = None,
    originals: dict[int, dict[str, str]] | None = None,
) -> tuple[list[dict[str, Any]], list[int]]:
    """Keep the first record of each id; each later one is an error naming both file rows
    (or, when ``rejected`` is a list, a rejected row)."""
    first: dict[str, int] = {}
    kept, kept_numbers = [], []
    for rec, number in zip(records, numbers, strict=True):
        sid = str(rec.get("id"))
        if sid in first:
            problem = {
                "row": number,
                "field": field,
                "message": ROWS["duplicate_id"].fill(sid=sid, first=first[sid]).both(),
            }
            if rejected is not None:
                rejected.append((number, (originals or {}).get(number, {}), [problem]))
            else:
                errors.add(number, field, str(problem["message"]))
            continue
        first[sid] = number
        kept.append(rec)
        kept_numbers.append(number)
    return kept, kept_numbers


def write_rejected(
    path: str | os.PathLike[str],
    header: list[str],
    bad: list[tuple[int, dict[str, str], list[dict[str, Any]]]],
) -> Path:
    """Write the rejected rows (file row, problems, then the row's own columns) to ``path``."""
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file_row", "problems", *header])
        for number, row, problems in sorted(bad, key=lambda b: b[0]):
            text = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
            writer.writerow([number, text, *(row.get(c, "") for c in header)])
    return path
