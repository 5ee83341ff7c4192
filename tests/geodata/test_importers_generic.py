"""Generic GeoJSON and lat/lon CSV importers."""

import csv
import io
import json

import pytest

from geodata.errors import ImportValidationError, InvalidInputError
from geodata.importers import import_into, read_import
from geodata.schema import stable_id
from geodata.stores import open_store


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "store.gpkg")


def feature(i=1, lon=-84.97, lat=34.77, **props):
    base = {
        "id": f"clinic-test-{i}",
        "kind": "clinic",
        "name": f"Clínica {i}",
        "city": "Dalton",
        "state": "GA",
        "location_precision": "city",
        "source": "Test list 2026",
        "services": ["vaccines", "screening_hiv"],
        "languages": ["es", "en"],
    }
    base.update(props)
    base = {k: v for k, v in base.items() if v is not None}
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": base,
    }


def collection(*features, **extra):
    return json.dumps({"type": "FeatureCollection", "features": list(features), **extra}).encode()


def csv_bytes(rows, columns=None):
    columns = columns or list(rows[0])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def csv_row(i=1, **values):
    row = {
        "kind": "clinic",
        "name": f"Clínica {i}",
        "street_address": f"{i} Main St",
        "city": "Dalton",
        "state": "GA",
        "postal_code": "30720",
        "latitude": "34.77",
        "longitude": "-84.97",
        "services": "vaccines;screening_glucose",
        "languages": "es",
        "source": "Test list 2026",
    }
    row.update(values)
    return row


# ------------------------------------------------------------------------------ GeoJSON
def test_geojson_good_file():
    parsed = read_import("geojson", collection(feature(1), feature(2, lon=-87.65, lat=41.85)))
    sites = parsed.changes.sites.set_index("id")
    assert list(sites.index) == ["clinic-test-1", "clinic-test-2"]
    assert sites.loc["clinic-test-1", "services"] == ["vaccines", "screening_hiv"]
    assert sites.loc["clinic-test-1", "languages"] == ["es", "en"]
    assert (sites.loc["clinic-test-2"].geometry.x, sites.loc["clinic-test-2"].geometry.y) == (
        -87.65,
        41.85,
    )


def test_geojson_feature_id_and_derived_id():
    f1 = feature(1, id=None)
    f1["id"] = "from-feature-id"
    f2 = feature(2, id=None)
    sites = read_import("geojson", collection(f1, f2)).changes.sites
    derived = stable_id("clinic", "Clínica 2", "Dalton", "GA")
    assert list(sites["id"]) == ["from-feature-id", derived]


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"type": "Feature"}, "FeatureCollection"),
        ({"type": "FeatureCollection", "features": {}}, "array"),
        (
            {
                "type": "FeatureCollection",
                "features": [],
                "crs": {"type": "name", "properties": {"name": "EPSG:3857"}},
            },
            "WGS84",
        ),
    ],
)
def test_geojson_bad_documents(doc, message):
    with pytest.raises(InvalidInputError, match=message):
        read_import("geojson", json.dumps(doc).encode())


def test_geojson_not_json_gives_line_and_column():
    with pytest.raises(InvalidInputError) as info:
        read_import("geojson", b'{"type": "FeatureCollection",\n "features": [}')
    assert info.value.detail["line"] == 2


BAD_FEATURES = [
    ("swapped", lambda f: f["geometry"].update(coordinates=[34.77, -84.97]), "swapped"),
    ("null island", lambda f: f["geometry"].update(coordinates=[0, 0]), "(0, 0)"),
    ("string coords", lambda f: f["geometry"].update(coordinates=["-84.9", "34.7"]), "[lon, lat]"),
    (
        "line",
        lambda f: f.update(geometry={"type": "LineString", "coordinates": [[0, 0], [1, 1]]}),
        "Point",
    ),
    ("no geometry", lambda f: f.update(geometry=None), "Point"),
    ("not a feature", lambda f: f.update(type="Thing"), "Feature"),
    ("unknown kind", lambda f: f["properties"].update(kind="hospital"), "unknown kind"),
    ("unknown service", lambda f: f["properties"].update(services=["massage"]), "unknown services"),
    ("no source", lambda f: f["properties"].pop("source"), "source"),
    ("no precision", lambda f: f["properties"].pop("location_precision"), "street_address"),
    ("bad list", lambda f: f["properties"].update(languages=5), "list"),
]


@pytest.mark.parametrize(
    ("case", "mutate", "message"), BAD_FEATURES, ids=[b[0] for b in BAD_FEATURES]
)
def test_geojson_bad_feature_reports_its_position(store, case, mutate, message):
    features = [feature(i) for i in range(1, 6)]
    mutate(features[2])
    before = (store.version(), len(store.sites()))
    with pytest.raises(ImportValidationError) as info:
        import_into(store, read_import("geojson", collection(*features)))
    errors = info.value.detail["errors"]
    assert [e["row"] for e in errors] == [3]
    assert message in errors[0]["message"] + errors[0]["field"]
    assert (store.version(), len(store.sites())) == before


def test_geojson_source_option_and_crs84_warning():
    f = feature(1, source=None)
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    parsed = read_import("geojson", collection(f, crs=crs), source_text="Lista consular 2026")
    assert parsed.changes.sites["source"].tolist() == ["Lista consular 2026"]
    assert [w["field"] for w in parsed.warnings] == ["crs"]


# ------------------------------------------------------------------------------ CSV
@pytest.mark.parametrize(
    ("lat", "lon"), [("lat", "lon"), ("Latitude", "Longitude"), ("y", "x"), ("LAT", "lng")]
)
def test_csv_coordinate_column_names(lat, lon):
    row = csv_row()
    row[lat], row[lon] = row.pop("latitude"), row.pop("longitude")
    site = read_import("csv", csv_bytes([row])).changes.sites.iloc[0]
    assert (site.geometry.y, site.geometry.x) == (34.77, -84.97)
    assert site["location_precision"] == "address"  # street_address given
    assert site["services"] == ["vaccines", "screening_glucose"]
    assert site["id"] == stable_id("clinic", "Clínica 1", "Dalton", "GA")


def test_csv_precision_required_without_street_address():
    rows = [
        csv_row(1),
        csv_row(2, street_address=""),
        csv_row(3, street_address="", location_precision="city"),
    ]
    with pytest.raises(ImportValidationError) as info:
        read_import("csv", csv_bytes(rows, list(rows[2])))
    assert [(e["row"], e["field"]) for e in info.value.detail["errors"]] == [
        (3, "location_precision")
    ]


@pytest.mark.parametrize("columns", [["name", "kind"], ["lat", "latitude", "lon", "name"]])
def test_csv_without_exactly_one_lat_and_lon_column(columns):
    data = (",".join(columns) + "\n" + ",".join("1" for _ in columns) + "\n").encode()
    with pytest.raises(InvalidInputError, match="latitude"):
        read_import("csv", data)


def test_csv_several_coordinate_columns_are_named_in_both_languages():
    # the Spanish message used to say only "varias columna(s)", without the columns found
    data = b"lat,latitude,lon,name\n1,1,1,a\n"
    with pytest.raises(InvalidInputError) as info:
        read_import("csv", data)
    assert "several (lat, latitude) latitude column" in info.value.message("en")
    assert "CSV: más de una (lat, latitude) columna de latitud" in info.value.message("es")
    assert "latitude" not in info.value.message("es").split(";")[0].replace("(lat, latitude)", "")


def test_csv_without_a_latitude_column_says_it_in_spanish():
    with pytest.raises(InvalidInputError) as info:
        read_import("csv", b"foo,bar\n1,2\n")
    assert info.value.message("es").startswith("CSV: ninguna columna de latitud;")
    assert info.value.detail["errors"][0]["message"] == "no column / ninguna columna"


def test_csv_collects_every_bad_row(store):
    rows = [csv_row(i) for i in range(1, 11)]
    rows[1]["latitude"] = "north"
    rows[4]["longitude"] = "84.97"  # wrong sign
    rows[7]["kind"] = ""
    rows[8]["name"] = rows[9]["name"] = "Same"  # same derived id
    before = (store.version(), len(store.sites()))
    with pytest.raises(ImportValidationError) as info:
        import_into(store, read_import("csv", csv_bytes(rows)))
    got = [(e["row"], e["field"]) for e in info.value.detail["errors"]]
    assert got == [(3, "latitude"), (6, "latitude/longitude"), (9, "kind"), (11, "id")]
    assert (store.version(), len(store.sites())) == before


def test_csv_reimport_updates_in_place(store):
    rows = [csv_row(i) for i in range(1, 6)]
    n0 = len(store.sites())
    assert import_into(store, read_import("csv", csv_bytes(rows))).inserted == 5
    assert import_into(store, read_import("csv", csv_bytes(rows))).unchanged == 5
    rows[0]["phone"] = "555-0100"
    report = import_into(store, read_import("csv", csv_bytes(rows, list(rows[0]))))
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 4)
    assert len(store.sites()) == n0 + 5


def test_csv_unknown_columns_warn():
    row = csv_row(extra_column="x")
    parsed = read_import("csv", csv_bytes([row]))
    assert parsed.warnings[0]["field"] == "extra_column"


def test_csv_wrong_encoding():
    """A Windows (cp1252/latin-1) file is read without options and said so; bytes that are
    neither UTF-8 nor cp1252, or a wrong explicit encoding, are a clear error."""
    data = csv_bytes([csv_row()]).decode().encode("latin-1")
    parsed = read_import("csv", data)
    assert parsed.changes.sites["name"][0] == "Clínica 1"
    assert any("cp1252" in w["message"] for w in parsed.warnings)
    assert read_import("csv", data, encoding="latin-1").changes.sites["name"][0] == "Clínica 1"
    with pytest.raises(InvalidInputError, match="latin-1"):
        read_import("csv", b"kind,name\nclinic,\x81\x8d\n")  # undefined in cp1252 too
    with pytest.raises(InvalidInputError, match="ascii"):
        read_import("csv", data, encoding="ascii")


def test_unknown_format():
    with pytest.raises(InvalidInputError, match="Allowed"):
        read_import("kml", b"x")


_HEAD = "id,kind,name,city,state,postal_code,lat,lon,location_precision,source"


@pytest.mark.parametrize(
    ("extra_col", "extra_val", "field"),
    [
        ("", "", None),
        ("illustrative", "maybe", "illustrative"),
        ("languages", "klingon", "languages"),
        ("source_date", "yesterday", "source_date"),
    ],
)
def test_generic_csv_field_checks(extra_col, extra_val, field):
    from geodata.errors import ImportValidationError
    from geodata.importers import read_import

    head = _HEAD + (f",{extra_col}" if extra_col else "")
    row = "c1,clinic,Clinica,Dalton,GA,30720,34.77,-84.97,city,test" + (
        f",{extra_val}" if extra_col else ""
    )
    data = f"{head}\n{row}\n".encode()
    if field is None:
        assert len(read_import("csv", data).changes.sites) == 1
    else:
        with pytest.raises(ImportValidationError) as info:
            read_import("csv", data)
        assert [e["field"] for e in info.value.detail["errors"]] == [field]


@pytest.mark.parametrize(("state", "ok"), [("ga", True), ("XX", False)])
def test_generic_csv_state_codes(state, ok):
    from geodata.errors import ImportValidationError
    from geodata.importers import read_import

    data = f"{_HEAD}\nc1,clinic,C,Dalton,{state},30720,34.77,-84.97,city,t\n".encode()
    if ok:
        assert read_import("csv", data).changes.sites["state"].tolist() == ["GA"]
    else:
        with pytest.raises(ImportValidationError):
            read_import("csv", data)


def test_imports_cannot_self_verify_or_link_scripts():
    from geodata.importers import read_import

    data = (
        f"{_HEAD},verified,url\n"
        "c1,clinic,C,Dalton,GA,30720,34.77,-84.97,city,t,true,javascript:alert(1)\n"
    ).encode()
    parsed = read_import("csv", data)
    site = parsed.changes.sites.iloc[0]
    assert not site["verified"] and site["url"] == ""
    assert {w["field"] for w in parsed.warnings} >= {"verified", "url"}
