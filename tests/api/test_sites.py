"""GET /v1/sites and /v1/sites/{id}."""

from __future__ import annotations

import pytest

from api.schemas import SiteFeature, SitesCollection
from geodata.errors import InvalidInputError
from locator.query import WORLD, BBox

ILLINOIS = "-91.6,36.9,-87.0,42.6"


def _page(client, **params):
    r = client.get("/v1/sites", params=params)
    assert r.status_code == 200, r.text
    SitesCollection.model_validate(r.json())
    return r.json()


def test_bbox_keeps_only_points_inside(client):
    body = _page(client, bbox=ILLINOIS, limit=1000)
    minx, miny, maxx, maxy = BBox.parse(ILLINOIS).as_tuple()
    assert body["numberMatched"] == body["numberReturned"] > 0
    for f in body["features"]:
        x, y = f["geometry"]["coordinates"]
        assert minx <= x <= maxx and miny <= y <= maxy
    everything = _page(client, limit=1000)
    inside = [
        f
        for f in everything["features"]
        if minx <= f["geometry"]["coordinates"][0] <= maxx
        and miny <= f["geometry"]["coordinates"][1] <= maxy
    ]
    assert {f["id"] for f in inside} == {f["id"] for f in body["features"]}


def test_paging_walks_every_site_once(client):
    total = _page(client, limit=1)["numberMatched"]
    seen, url, pages = [], "/v1/sites?limit=40", 0
    while url:
        body = client.get(url).json()
        seen += [f["id"] for f in body["features"]]
        nxt = [link["href"] for link in body["links"] if link["rel"] == "next"]
        url = nxt[0] if nxt else None
        pages += 1
    assert len(seen) == len(set(seen)) == total
    assert pages == -(-total // 40)


def test_prev_link_and_counts(client):
    body = _page(client, limit=10, offset=10)
    rels = {link["rel"] for link in body["links"]}
    assert {"self", "prev"} <= rels
    assert body["numberReturned"] == 10
    first = _page(client, limit=10)
    assert "prev" not in {link["rel"] for link in first["links"]}


def test_kind_filter(client):
    body = _page(client, kind="consulate", limit=1000)
    assert body["numberMatched"] > 0
    assert {f["properties"]["kind"] for f in body["features"]} == {"consulate"}


def test_one_site(client):
    some = _page(client, limit=1)["features"][0]
    r = client.get(f"/v1/sites/{some['id']}")
    assert r.status_code == 200
    assert SiteFeature.model_validate(r.json()).id == some["id"]
    assert r.json() == some


@pytest.mark.parametrize("lang", ["es", "en"])
def test_unknown_site_is_404_problem(client, lang):
    r = client.get("/v1/sites/no-such-site", params={"lang": lang})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    detail = r.json()["detail"]
    assert ("No site" in detail) if lang == "en" else ("No hay un sitio" in detail)


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"bbox": "1,2,3"}, 400),
        ({"bbox": "a,b,c,d"}, 400),
        ({"bbox": "0,50,10,40"}, 400),
        ({"bbox": "0,0,200,10"}, 400),
        ({"bbox": "nan,0,1,1"}, 400),
        ({"limit": 0}, 422),
        ({"limit": 1001}, 422),
        ({"offset": -1}, 422),
        ({"kind": "zoo"}, 400),
    ],
)
def test_bad_parameters(client, params, status):
    r = client.get("/v1/sites", params=params)
    assert r.status_code == status, r.text
    assert r.json()["status"] == status


def test_bbox_antimeridian_allowed():
    assert BBox.parse("170,-10,-170,10").as_tuple() == (170.0, -10.0, -170.0, 10.0)
    with pytest.raises(InvalidInputError):
        BBox.parse("0,0,0")


@pytest.mark.parametrize(
    "params",
    [
        {"bbox": ILLINOIS},
        {"bbox": "-125,24,-66,50", "kind": "vds"},
        {"service": "vaccines"},
        {"language": "en", "kind": "consulate,vds"},
        {"bbox": "170,-10,-170,10"},
        {"bbox": "-180,-90,180,90", "service": "vaccines,screening_hiv"},
    ],
)
def test_listing_matches_the_spatial_index(client, params):
    """The API's own selection agrees with SiteIndex.within_bbox (same filter semantics)."""
    view = client.app.state.runtime.view()
    body = _page(client, limit=1000, **params)
    box = (BBox.parse(params.get("bbox")) or WORLD).as_tuple()
    split = lambda key: params[key].split(",") if key in params else None  # noqa: E731
    expected = view.snapshot.index.within_bbox(
        *box, kinds=split("kind"), services=split("service"), languages=split("language")
    )
    assert [f["id"] for f in body["features"]] == expected["id"].tolist()
    assert body["numberMatched"] == len(expected)


def _offset(link: dict) -> int:
    from urllib.parse import parse_qs, urlsplit

    return int(parse_qs(urlsplit(link["href"]).query)["offset"][0])


@pytest.mark.parametrize(("limit", "offset"), [(2, 500), (2, 3), (5, 1), (10, 10_000_000)])
def test_prev_link_past_the_end_is_the_last_page(client, limit, offset):
    body = client.get("/v1/sites", params={"limit": limit, "offset": offset}).json()
    matched = body["numberMatched"]
    prev = next(link for link in body["links"] if link["rel"] == "prev")
    expected = max(0, min(offset, matched) - limit)
    assert _offset(prev) == expected
    if offset >= matched:  # the prev page is the last page: it has features and no "next"
        last = client.get(prev["href"]).json()
        assert last["numberReturned"] == min(limit, matched)
        assert "next" not in {link["rel"] for link in last["links"]}


def test_sites_are_listed_in_id_order(client):
    ids = [f["id"] for f in client.get("/v1/sites", params={"limit": 1000}).json()["features"]]
    assert ids == sorted(ids) and len(ids) > 50


@pytest.mark.parametrize(
    ("lang", "words"),
    [("EN", "Not found"), ("En", "Not found"), (" es ", "No encontrado"), ("ES", "No encontrado")],
)
def test_lang_is_case_insensitive(client, lang, words):
    r = client.get("/v1/sites/no-such-site", params={"lang": lang})
    assert r.status_code == 404
    assert r.json()["title"] == words


@pytest.mark.parametrize(
    ("lang", "bad", "good"), [("es", " or ", "'es' o 'en'"), ("en", " o '", "'es' or 'en'")]
)
def test_unknown_lang_message_is_in_one_language(client, lang, bad, good):
    r = client.get("/v1/sites", params={"lang": "fr"}, headers={"Accept-Language": lang})
    assert r.status_code == 422
    message = r.json()["errors"][0]["message"]
    assert good in message and bad not in message
