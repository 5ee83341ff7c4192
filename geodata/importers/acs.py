"""Import ACS table B05006 (place of birth of the foreign-born): Mexico-born population by county.

Two input formats are accepted:

* **Census API JSON** (``api.census.gov/data/<year>/acs/acs5?get=NAME,group(B05006)&for=county:*``):
  a list of rows, the first row is the header (``["NAME", "B05006_160E", "state", "county"]``).
  It carries no labels, so the Mexico variable is found in an accompanying ``variables.json``
  (the API's own ``/variables.json`` document), or named explicitly with ``variable=``.
* **data.census.gov CSV**: a header row of variable codes (``GEO_ID``, ``NAME``,
  ``B05006_160E``...), then a row of labels
  (``Estimate!!Total:!!Americas:!!Latin America:!!Central America:!!Mexico``),
  then one row per county with ``GEO_ID`` like ``0500000US17031``.

The Mexico variable is always picked by its **label**, never by number: its number changes
between releases (``B05006_139E`` in 2018, ``B05006_160E`` in 2023).

Import is all-or-nothing: any bad FIPS code or value raises
:class:`~geodata.errors.ImportValidationError` listing every problem, and nothing is returned.

Examples
--------
>>> rows = [["NAME", "B05006_160E", "state", "county"],
...         ["Cook County, Illinois", "123", "17", "031"]]
>>> labels = {"variables": {"B05006_160E": {"label":
...     "Estimate!!Total:!!Americas:!!Latin America:!!Central America:!!Mexico"}}}
>>> t = parse_api_json(rows, variables=labels)
>>> t[["fips", "mexico_born"]].to_dict("records")
[{'fips': '17031', 'mexico_born': 123}]
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from geodata.errors import ImportValidationError, InvalidInputError
from geodata.i18n import T
from geodata.messages import ACS, IMPORT, ROWS

__all__ = [
    "ACS_COLUMNS",
    "MEXICO_LABEL_LEAF",
    "find_mexico_variable",
    "parse_api_json",
    "parse_census_csv",
    "read_acs_b05006",
]

MEXICO_LABEL_LEAF = "Mexico"
"""Last segment of the B05006 label of the Mexico-born estimate."""

ACS_COLUMNS = ("fips", "name", "mexico_born", "moe", "variable", "label")
"""Columns of the imported table (``moe`` is the margin of error when the file has it)."""

_FIPS_STATE = re.compile(r"^\d{2}$")
_FIPS_COUNTY = re.compile(r"^\d{3}$")
_GEO_ID = re.compile(r"^0500000US(\d{5})$")
_VAR = re.compile(r"^B05006_\d{3}E$")


def _label_parts(label: str) -> list[str]:
    return [p.strip().rstrip(":").strip() for p in str(label).split("!!")]


def _is_mexico_estimate(label: str) -> bool:
    parts = _label_parts(label)
    return len(parts) >= 2 and parts[0] == "Estimate" and parts[-1] == MEXICO_LABEL_LEAF


def find_mexico_variable(
    labels: Mapping[str, str], *, available: Sequence[str] | None = None
) -> str:
    """Return the variable code whose label is the Mexico-born estimate.

    Parameters
    ----------
    labels
        ``{variable_code: label}``.
    available
        Only consider these codes (the columns present in the data file).

    Raises
    ------
    ImportValidationError
        No label or more than one label matches.

    Examples
    --------
    >>> find_mexico_variable({"B05006_001E": "Estimate!!Total:",
    ...     "B05006_139E": "Estimate!!Total!!Americas!!Latin America!!Central America!!Mexico"})
    'B05006_139E'
    """
    keep = set(available) if available is not None else None
    hits = sorted(
        code
        for code, label in labels.items()
        if _is_mexico_estimate(label) and (keep is None or code in keep)
    )
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise ImportValidationError(
            ACS["no_mexico_column"],
            detail={"errors": []},
        )
    raise ImportValidationError(
        ACS["several_mexico_columns"].fill(columns=", ".join(hits)),
        detail={"candidates": hits},
    )


def _variables_labels(variables: Mapping[str, Any]) -> dict[str, str]:
    block = variables.get("variables", variables)
    if not isinstance(block, Mapping):
        raise ImportValidationError(
            ACS["variables_format"],
        )
    return {
        str(code): str(meta.get("label", ""))
        for code, meta in block.items()
        if isinstance(meta, Mapping)
    }


def _row_error(row: int, field: str, message: T) -> dict[str, Any]:
    return {"row": row, "field": field, "message": message.both()}


def _parse_count(raw: Any) -> int | None:
    if raw is None:
        return None
    text = str(raw).strip().replace(",", "")
    if not re.fullmatch(r"\d+(\.0+)?", text):
        return None
    return int(float(text))


def _finish(records: list[dict[str, Any]], errors: list[dict[str, Any]]) -> pd.DataFrame:
    seen: dict[str, int] = {}
    for rec in records:
        if rec["fips"] in seen:
            first = seen[rec["fips"]]
            errors.append(
                _row_error(
                    rec["_row"],
                    "fips",
                    ROWS["acs_duplicate_county"].fill(fips=rec["fips"], first=first),
                )
            )
        else:
            seen[rec["fips"]] = rec["_row"]
    if errors:
        errors.sort(key=lambda e: e["row"])
        raise ImportValidationError(
            ACS["problems"].fill(n=len(errors)),
            detail={"errors": errors},
        )
    if not records:
        raise ImportValidationError(ACS["no_county_rows"])
    table = pd.DataFrame(records).drop(columns="_row")
    table["mexico_born"] = table["mexico_born"].astype("int64")
    return table[list(ACS_COLUMNS)].sort_values("fips").reset_index(drop=True)


def _moe_code(variable: str) -> str:
    return variable[:-1] + "M"


def parse_api_json(
    rows: Sequence[Sequence[Any]],
    *,
    variables: Mapping[str, Any] | None = None,
    variable: str | None = None,
    force_variable: bool = False,
) -> pd.DataFrame:
    """Parse a Census API JSON response (list of rows, header first) into the ACS table.

    Parameters
    ----------
    rows
        The decoded JSON: ``[header, row, row, ...]``; the header must include ``state`` and
        ``county`` (county-level geography).
    variables
        The API's ``variables.json`` (decoded), used to find the Mexico variable by its label.
    variable
        Explicit variable code (e.g. ``"B05006_160E"``), when no ``variables.json`` is at hand.
        Checked against ``variables`` when both are given (``force_variable`` skips that).
    """
    if not isinstance(rows, Sequence) or not rows or not isinstance(rows[0], Sequence):
        raise ImportValidationError(
            ACS["api_not_rows"],
        )
    header = [str(h) for h in rows[0]]
    missing = [c for c in ("state", "county") if c not in header]
    if missing:
        raise ImportValidationError(
            ACS["api_missing_column"].fill(columns="/".join(missing), query="'for=county:*'"),
        )
    code = _pick_api_variable(header, variables=variables, variable=variable, force=force_variable)
    label = _variables_labels(variables).get(code, "") if variables else ""
    idx = {h: i for i, h in enumerate(header)}
    moe = _moe_code(code)
    records, errors = [], []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            length = ROWS["acs_row_length"].fill(values=len(row), header=len(header))
            errors.append(_row_error(n, "", length))
            continue
        st, co = str(row[idx["state"]]).strip(), str(row[idx["county"]]).strip()
        bad = not (_FIPS_STATE.match(st) and _FIPS_COUNTY.match(co)) or st == "00"
        if bad:
            errors.append(_row_error(n, "fips", ROWS["acs_bad_fips"].fill(st=st, co=co)))
        value = _parse_count(row[idx[code]])
        if value is None:
            errors.append(_row_error(n, code, ROWS["acs_not_count"].fill(value=row[idx[code]])))
        if bad or value is None:
            continue
        records.append(
            {
                "_row": n,
                "fips": st + co,
                "name": str(row[idx["NAME"]]) if "NAME" in idx else "",
                "mexico_born": value,
                "moe": _parse_count(row[idx[moe]]) if moe in idx else None,
                "variable": code,
                "label": label,
            }
        )
    return _finish(records, errors)


def _pick_api_variable(
    header: list[str],
    *,
    variables: Mapping[str, Any] | None,
    variable: str | None,
    labels: Mapping[str, str] | None = None,
    force: bool = False,
) -> str:
    """The Mexico variable: ``variable`` checked against the known labels, else found by label.

    ``labels`` are the file's own (a data.census.gov CSV's label row); ``variables`` the API's
    ``variables.json``. An explicit ``variable`` whose label is not the Mexico-born estimate is
    refused unless ``force``.
    """
    present = [h for h in header if _VAR.match(h)]
    if variable:
        cols = ", ".join(header)
        if variable not in header:
            raise InvalidInputError(
                ACS["variable_not_column"].fill(variable=variable, cols=cols),
            )
        known = dict(labels or {})
        if variables is not None:
            known.update(_variables_labels(variables))
        label = known.get(variable)
        if label is not None and not force and not _is_mexico_estimate(label):
            where = "variables.json" if variables is not None else ACS["label_row"]
            raise InvalidInputError(
                ACS["not_mexico_variable"].fill(
                    where=where, variable=variable, label=label, leaf=MEXICO_LABEL_LEAF
                ),
                detail={"variable": variable, "label": label},
            )
        return variable
    if variables is None:
        raise InvalidInputError(
            ACS["api_no_labels"],
        )
    return find_mexico_variable(_variables_labels(variables), available=present)


def parse_census_csv(
    text: str, *, variable: str | None = None, force_variable: bool = False
) -> pd.DataFrame:
    """Parse a data.census.gov CSV export (codes row, labels row, then counties).

    Parameters
    ----------
    text
        The CSV text.
    variable
        Explicit variable code; by default the column labelled ``...!!Mexico`` is used. It
        must carry that label in the file's label row, unless ``force_variable``.
    """
    reader = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if len(reader) < 2 or "GEO_ID" not in reader[0]:
        raise ImportValidationError(
            ACS["not_census_csv"],
        )
    header, labels_row = reader[0], reader[1]
    labels = dict(zip(header, labels_row, strict=False))
    if variable:
        code = _pick_api_variable(
            header, variables=None, variable=variable, labels=labels, force=force_variable
        )
    else:
        code = find_mexico_variable(labels, available=[h for h in header if _VAR.match(h)])
    idx = {h: i for i, h in enumerate(header)}
    moe = _moe_code(code)
    records, errors = [], []
    for n, row in enumerate(reader[2:], start=3):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            length = ROWS["acs_row_length"].fill(values=len(row), header=len(header))
            errors.append(_row_error(n, "", length))
            continue
        match = _GEO_ID.match(row[idx["GEO_ID"]].strip())
        if not match or match.group(1).startswith("00"):
            bad_id = ROWS["acs_not_geo_id"].fill(value=row[idx["GEO_ID"]])
            errors.append(_row_error(n, "GEO_ID", bad_id))
        value = _parse_count(row[idx[code]])
        if value is None:
            errors.append(_row_error(n, code, ROWS["acs_not_count"].fill(value=row[idx[code]])))
        if not match or value is None:
            continue
        records.append(
            {
                "_row": n,
                "fips": match.group(1),
                "name": row[idx["NAME"]] if "NAME" in idx else "",
                "mexico_born": value,
                "moe": _parse_count(row[idx[moe]]) if moe in idx else None,
                "variable": code,
                "label": labels.get(code, ""),
            }
        )
    return _finish(records, errors)


def read_acs_b05006(
    path: str | Path,
    *,
    variables: str | Path | Mapping[str, Any] | None = None,
    variable: str | None = None,
    force_variable: bool = False,
) -> pd.DataFrame:
    """Read an ACS B05006 file (Census API ``.json`` or data.census.gov ``.csv``).

    Returns a DataFrame with :data:`ACS_COLUMNS`: ``fips`` (5-digit text), ``name``,
    ``mexico_born`` (int), ``moe`` (margin of error, or None), ``variable``, ``label``.

    Parameters
    ----------
    path
        The data file. JSON is detected by its content (a list of lists), CSV otherwise.
    variables
        Census API ``variables.json`` (path or decoded mapping), for API JSON files.
    variable
        Explicit Mexico variable code, overriding the label lookup; checked against the
        labels at hand (the CSV's label row, ``variables``).
    force_variable
        Accept ``variable`` even when those labels do not name it the Mexico-born estimate.
    """
    text = _read_text(Path(path))
    if text.lstrip().startswith("["):
        rows = _load_json(text, Path(path))
        meta: Mapping[str, Any] | None = None
        if isinstance(variables, str | Path):
            meta = _load_json(_read_text(Path(variables)), Path(variables))
        else:
            meta = variables
        return parse_api_json(
            rows, variables=meta, variable=variable, force_variable=force_variable
        )
    return parse_census_csv(text, variable=variable, force_variable=force_variable)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidInputError(IMPORT["cannot_read"].fill(path=path, reason=exc.strerror)) from exc


def _load_json(text: str, path: Path) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportValidationError(
            ACS["invalid_json"].fill(name=path.name, lineno=exc.lineno, msg=exc.msg),
        ) from exc
