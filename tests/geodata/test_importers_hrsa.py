"""HRSA importer: good file, every kind of bad file, ZIP fallback, idempotent re-import."""

import csv
import io
from types import SimpleNamespace

import pytest

from geodata.errors import ImportValidationError, InvalidInputError
from geodata.importers import import_into, read_import
from geodata.importers.hrsa import HRSA_SOURCE, REQUIRED_COLUMNS
from geodata.stores import open_store
from tests.fixtures.make_hrsa import CITIES, HEADER, make_rows, write_hrsa

X = "Geocoding Artifact Address Primary X Coordinate"
Y = "Geocoding Artifact Address Primary Y Coordinate"
ZIPS = {z: SimpleNamespace(lat=lat, lon=lon) for _, _, z, lat, lon in CITIES}


def fake_zip(code):
    return ZIPS.get(code)


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "store.gpkg")


def snapshot(store):
    sites = store.sites()
    return store.version(), len(sites), sorted(sites["id"])


def read(path, **kw):
    kw.setdefault("zip_lookup", fake_zip)
    return read_import("hrsa", path, **kw)


def test_good_file_active_sites_only(tmp_path):
    rows = make_rows(300)
    parsed = read(write_hrsa(tmp_path / "h.csv", rows))
    active = [r for r in rows if r["Site Status Description"] == "Active"]
    sites = parsed.changes.sites
    assert parsed.rows_read == 300
    assert len(sites) == len(active) and parsed.rows_skipped == 300 - len(active)
    assert parsed.skip_reasons() == {
        "site status 'Inactive' / estado del sitio 'Inactive'": 300 - len(active)
    }
    assert set(sites["id"]) == {"hrsa-" + r["BPHC Assigned Number"] for r in active}
    assert (sites["kind"] == "clinic").all()
    assert (sites["location_precision"] == "address").all()
    assert (sites["source"] == HRSA_SOURCE).all() and not sites["verified"].any()
    assert sites["services"].map(len).sum() == 0 and sites["languages"].map(len).sum() == 0
    assert sites["postal_code"].str.fullmatch(r"\d{5}").all()
    by_id = sites.set_index("id")
    for r in active[:40]:
        site = by_id.loc["hrsa-" + r["BPHC Assigned Number"]]
        assert site["name"] == r["Site Name"]
        assert site["organization"] == r["Health Center Name"]
        assert site.geometry.x == pytest.approx(float(r[X]))
        assert site.geometry.y == pytest.approx(float(r[Y]))
        given = r["Site Web Address"]  # kept as given; scheme-less gets https://
        assert site["url"] == (f"https://{given}" if given.startswith("www.") else given)
        hours = r["Operating Hours per Week"]
        expected = f"{float(hours):g} h/semana ({float(hours):g} h/week)" if hours else ""
        assert site["hours"] == expected
        assert site["source_date"] == "2026-01-15"


def test_location_id_used_when_bphc_number_blank(tmp_path):
    rows = make_rows(5)
    rows[0]["BPHC Assigned Number"] = ""
    parsed = read(write_hrsa(tmp_path / "h.csv", rows))
    assert "hrsa-" + rows[0]["Health Center Location Identification Number"] in set(
        parsed.changes.sites["id"]
    )


@pytest.mark.parametrize("source_kind", ["path", "bytes", "fileobj"])
def test_accepts_path_bytes_and_file_objects(tmp_path, source_kind):
    path = write_hrsa(tmp_path / "h.csv", n=30)
    source = {"path": path, "bytes": path.read_bytes(), "fileobj": io.BytesIO(path.read_bytes())}[
        source_kind
    ]
    assert len(read(source).changes.sites) == 27


def test_zip_fallback_sets_postal_code_precision(tmp_path):
    rows = make_rows(20, inactive_every=1000)
    for r in rows[:5]:
        r[X] = r[Y] = ""
    parsed = read(write_hrsa(tmp_path / "h.csv", rows))
    sites = parsed.changes.sites.set_index("id")
    for r in rows[:5]:
        site = sites.loc["hrsa-" + r["BPHC Assigned Number"]]
        place = ZIPS[r["Site Postal Code"][:5]]
        assert site["location_precision"] == "postal_code"
        assert (site.geometry.y, site.geometry.x) == (place.lat, place.lon)
    assert (sites["location_precision"] == "address").sum() == 15
    assert sorted(w["row"] for w in parsed.warnings) == [2, 3, 4, 5, 6]


def test_zip_fallback_with_the_real_gazetteer(tmp_path):
    rows = make_rows(3, inactive_every=1000)
    rows[0].update({X: "", Y: "", "Site Postal Code": "60608"})
    parsed = read_import("hrsa", write_hrsa(tmp_path / "h.csv", rows))
    site = parsed.changes.sites.set_index("id").loc["hrsa-" + rows[0]["BPHC Assigned Number"]]
    assert site["location_precision"] == "postal_code"
    assert site.geometry.y == pytest.approx(41.85, abs=0.1)
    assert site.geometry.x == pytest.approx(-87.67, abs=0.1)


BAD_ROWS = [
    ("non-numeric", lambda r: r.update({X: "abc"}), X, "not a number"),
    ("lat out of range", lambda r: r.update({Y: "95.0"}), "Coordinate", "out of range"),
    ("null island", lambda r: r.update({X: "0", Y: "0"}), "Coordinate", "(0, 0)"),
    ("swapped", lambda r: r.update({X: r[Y], Y: r[X]}), "Coordinate", "swapped"),
    ("wrong sign", lambda r: r.update({X: str(-float(r[X]))}), "Coordinate", "wrong sign"),
    ("outside US", lambda r: r.update({X: "-99.13", Y: "19.43"}), "Coordinate", "outside the US"),
    (
        "no coords, unknown ZIP",
        lambda r: r.update({X: "", Y: "", "Site Postal Code": "99999"}),
        "Coordinate",
        "not in the gazetteer",
    ),
    ("bad ZIP", lambda r: r.update({"Site Postal Code": "6060A"}), "Site Postal Code", "ZIP"),
    (
        "bad state",
        lambda r: r.update({"Site State Abbreviation": "MyState"}),
        "Site State Abbreviation",
        "state",
    ),
    (
        "no id",
        lambda r: r.update(
            {"BPHC Assigned Number": "", "Health Center Location Identification Number": ""}
        ),
        "BPHC Assigned Number",
        "no stable id",
    ),
    ("no name", lambda r: r.update({"Site Name": ""}), "name", "missing name"),
]


@pytest.mark.parametrize(
    ("case", "mutate", "field", "message"), BAD_ROWS, ids=[b[0] for b in BAD_ROWS]
)
def test_bad_row_is_reported_and_store_unchanged(tmp_path, store, case, mutate, field, message):
    rows = make_rows(30, inactive_every=1000)
    mutate(rows[6])  # CSV row 8 (header is row 1)
    path = write_hrsa(tmp_path / "h.csv", rows)
    before = snapshot(store)
    with pytest.raises(ImportValidationError) as info:
        import_into(store, read(path))
    errors = info.value.detail["errors"]
    assert [e["row"] for e in errors] == [8]
    assert field in errors[0]["field"] and message in errors[0]["message"]
    assert snapshot(store) == before


def test_duplicate_id_is_an_error(tmp_path):
    rows = make_rows(10, inactive_every=1000)
    rows[5]["BPHC Assigned Number"] = rows[1]["BPHC Assigned Number"]
    with pytest.raises(ImportValidationError) as info:
        read(write_hrsa(tmp_path / "h.csv", rows))
    [error] = info.value.detail["errors"]
    assert error["row"] == 7 and "duplicate id" in error["message"]


def test_all_errors_are_collected_and_capped(tmp_path):
    rows = make_rows(400, inactive_every=1000)
    for r in rows[:3]:
        r[X] = "bad"
    with pytest.raises(ImportValidationError) as info:
        read(write_hrsa(tmp_path / "few.csv", rows))
    assert [e["row"] for e in info.value.detail["errors"]] == [2, 3, 4]
    for r in rows:
        r[Y] = "nope"
    with pytest.raises(ImportValidationError) as info:
        read(write_hrsa(tmp_path / "many.csv", rows))
    assert len(info.value.detail["errors"]) == 200
    assert info.value.detail["total_errors"] == 400


@pytest.mark.parametrize("dropped", [["Site Status Description"], [X, Y], list(REQUIRED_COLUMNS)])
def test_wrong_header_names_missing_columns(tmp_path, dropped):
    header = [h for h in HEADER if h not in dropped] + (["foo"] if len(dropped) > 2 else [])
    path = write_hrsa(tmp_path / "h.csv", make_rows(5), header=header)
    with pytest.raises(ImportValidationError) as info:
        read(path)
    assert info.value.detail["missing_columns"] == [c for c in REQUIRED_COLUMNS if c in dropped]
    for column in dropped:
        assert column in info.value.message("en") and column in info.value.message("es")


def test_wrong_encoding_says_where_and_suggests_latin1(tmp_path):
    path = write_hrsa(tmp_path / "h.csv", make_rows(10), encoding="latin-1")
    data = path.read_bytes()
    with pytest.raises(InvalidInputError) as info:
        read(path)
    assert info.value.detail["position"] == data.index("í".encode("latin-1"))
    for lang in ("en", "es"):  # the same words for the CLI and the API: no flag names
        message = info.value.message(lang)
        assert "latin-1" in message and "encoding" in message and "--" not in message
    assert info.value.detail["suggested_encoding"] == "latin-1"
    parsed = read(path, encoding="latin-1")
    assert parsed.changes.sites["name"].str.contains("Clínica").all()


@pytest.mark.parametrize(
    "content",
    [b"", b"  \n\n", ",".join(HEADER).encode() + b"\n"],
    ids=["zero bytes", "blank", "header only"],
)
def test_empty_files_are_refused(tmp_path, store, content):
    path = tmp_path / "h.csv"
    path.write_bytes(content)
    before = snapshot(store)
    with pytest.raises((InvalidInputError, ImportValidationError)):
        import_into(store, read(path))
    assert snapshot(store) == before


def test_enormous_files_are_refused_by_size_and_rows(tmp_path):
    path = write_hrsa(tmp_path / "h.csv", n=50)
    with pytest.raises(InvalidInputError, match="too large"):
        read(path, max_bytes=path.stat().st_size - 1)
    with pytest.raises(InvalidInputError, match="too large"):
        read(io.BytesIO(path.read_bytes()), max_bytes=1000)
    with pytest.raises(InvalidInputError, match="more than 49"):
        read(path, max_rows=49)
    assert len(read(path, max_rows=50).changes.sites) == 45


def test_ragged_row_is_a_row_error(tmp_path):
    path = write_hrsa(tmp_path / "h.csv", make_rows(5))
    lines = path.read_text().splitlines()
    lines[3] += ",extra"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ImportValidationError) as info:
        read(path)
    assert [e["row"] for e in info.value.detail["errors"]] == [4]


def test_dry_run_then_import_then_reimport_is_idempotent(tmp_path, store):
    rows = make_rows(120)
    path = write_hrsa(tmp_path / "h.csv", rows)
    n_active = sum(r["Site Status Description"] == "Active" for r in rows)
    before = snapshot(store)
    report = import_into(store, read(path), dry_run=True)
    assert (report.inserted, report.updated, report.dry_run) == (n_active, 0, True)
    assert snapshot(store) == before
    report = import_into(store, read(path))
    assert (report.inserted, report.updated, report.unchanged) == (n_active, 0, 0)
    assert len(store.sites()) == before[1] + n_active
    version = store.version()
    report = import_into(store, read(path))
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, n_active)
    # a changed file updates in place, no duplicates
    rows[0]["Site Name"] = "Synthetic Clínica Renombrada"
    rows[1][X] = f"{float(rows[1][X]) + 0.001:.6f}"
    report = import_into(store, read(write_hrsa(tmp_path / "h2.csv", rows)))
    assert (report.inserted, report.updated, report.unchanged) == (0, 2, n_active - 2)
    sites = store.sites()
    assert len(sites) == before[1] + n_active and sites["id"].is_unique
    assert store.version() != version
    renamed = sites.set_index("id").loc["hrsa-" + rows[0]["BPHC Assigned Number"], "name"]
    assert renamed == "Synthetic Clínica Renombrada"


@pytest.mark.parametrize(
    ("tty", "progress", "shown"), [(True, True, True), (False, True, False), (True, False, False)]
)
def test_progress_bar_only_on_a_terminal(tmp_path, monkeypatch, tty, progress, shown):
    import sys

    class Stderr(io.StringIO):
        def isatty(self):
            return tty

    err = Stderr()
    monkeypatch.setattr(sys, "stderr", err)
    read(write_hrsa(tmp_path / "h.csv", n=20), progress=progress)
    assert ("HRSA" in err.getvalue()) is shown


# ------------------------------------------------ HRSA as it is (issue 19 item 6)
def test_administrative_only_sites_are_skipped_and_counted(tmp_path):
    rows = make_rows(20, inactive_every=1000)
    rows[3]["Health Center Type Description"] = "Administrative"
    rows[4]["Health Center Type Description"] = "Administrative/Service Delivery Site"
    rows[5]["Health Center Type Description"] = "Service Delivery Site"
    parsed = read(write_hrsa(tmp_path / "h.csv", rows))
    ids = set(parsed.changes.sites["id"])
    assert rows[3]["BPHC Assigned Number"] not in {i.removeprefix("hrsa-") for i in ids}
    assert len(ids) == 19
    reasons = parsed.skip_reasons()
    assert sum(v for k, v in reasons.items() if k.startswith("administrative")) == 1
    assert parsed.skipped[0]["row"] == 5  # file row of rows[3] (header is row 1)


def test_mobile_vans_are_kept_and_flagged(tmp_path):
    from geodata.importers.hrsa import MOBILE_NOTE

    rows = make_rows(10, inactive_every=1000)
    rows[2]["Health Center Location Type Description"] = "Mobile Van"
    rows[3]["Health Center Location Type Description"] = "Permanent"
    parsed = read(write_hrsa(tmp_path / "h.csv", rows))
    sites = parsed.changes.sites.set_index("id")
    assert sites.loc[f"hrsa-{rows[2]['BPHC Assigned Number']}", "notes"] == MOBILE_NOTE
    assert sites.loc[f"hrsa-{rows[3]['BPHC Assigned Number']}", "notes"] == ""
    assert [w["row"] for w in parsed.warnings if "mobile" in w["message"]] == [4]


def test_duplicate_ids_name_both_file_rows(tmp_path):
    rows = make_rows(10, inactive_every=1000)
    rows[7]["BPHC Assigned Number"] = rows[1]["BPHC Assigned Number"]
    with pytest.raises(ImportValidationError) as info:
        read(write_hrsa(tmp_path / "h.csv", rows))
    errors = info.value.detail["errors"]
    assert [(e["row"], "also file row 3" in e["message"]) for e in errors] == [(9, True)]


def test_skip_invalid_imports_good_rows_and_writes_rejected(tmp_path, store):
    rows = make_rows(30, inactive_every=1000)
    rows[4][X] = "abc"
    rows[9]["Site Postal Code"] = "6060A"
    rows[12]["BPHC Assigned Number"] = rows[0]["BPHC Assigned Number"]
    path = write_hrsa(tmp_path / "h.csv", rows)
    with pytest.raises(ImportValidationError):  # off by default: all-or-nothing
        read(path)
    rejected = tmp_path / "h.rejected.csv"
    parsed = read(path, skip_invalid=True, rejected=rejected)
    assert len(parsed.changes.sites) == 27
    assert sorted(s["row"] for s in parsed.skipped) == [6, 11, 14]
    with rejected.open(encoding="utf-8", newline="") as handle:
        back = list(csv.DictReader(handle))
    assert [int(r["file_row"]) for r in back] == [6, 11, 14]
    assert back[0]["Site Name"] == rows[4]["Site Name"] and "Coordinate" in back[0]["problems"]
    assert "also file row 2" in back[2]["problems"]
    version = store.version()
    report = import_into(store, parsed)
    assert report.inserted == 27 and store.version() != version  # one apply, one version
