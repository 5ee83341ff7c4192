import base64
import gzip
import json

from locator.maps.sitedata import encode_sites

from .helpers import make_sites


def _decode(payload):
    if "gz" in payload:
        return json.loads(gzip.decompress(base64.b64decode(payload["gz"])))
    return payload


def test_interning_and_empty_columns():
    sites = make_sites(40)
    data = encode_sites(sites, compress=False)
    assert data["n"] == 40
    assert "kind" in data["i"] and "source" in data["i"]  # repeated values interned
    assert "name" not in data["i"]  # unique values stored inline
    assert "notes" not in data["c"] and "url" not in data["c"]  # empty columns omitted
    kinds = [data["t"][v] for v in data["c"]["kind"]]
    assert kinds == list(sites["kind"])
    assert data["c"]["services"][0] in range(len(data["t"]))
    assert data["t"][data["c"]["services"][0]] == "vaccines;screening_hiv"


def test_compression_roundtrip():
    sites = make_sites(200)
    plain = encode_sites(sites, compress=False)
    packed = encode_sites(sites, compress=True)
    assert set(packed) == {"gz"}
    assert _decode(packed) == plain


def test_empty():
    data = encode_sites(make_sites(0))
    assert data["n"] == 0 and data["c"]["lat"] == []
