"""GET /v1/routes and /v1/routes/{id}."""

from __future__ import annotations

from api.schemas import RouteCollection, RouteFeature
from geodata.stores.gpkg import GeoPackageStore


def test_routes_with_ordered_stops(client, base_store):
    r = client.get("/v1/routes")
    assert r.status_code == 200
    body = RouteCollection.model_validate(r.json())
    store = GeoPackageStore(base_store, create=False)
    routes, stops = store.routes(), store.stops()
    assert {f.id for f in body.features} == set(routes["id"])
    for f in body.features:
        seq = [s.sequence for s in f.properties.stops]
        assert seq == sorted(seq)
        assert len(seq) == int((stops["route_id"] == f.id).sum())
        row = routes[routes["id"] == f.id].iloc[0]
        assert f.properties.illustrative == bool(row["illustrative"])
        if f.properties.illustrative:
            assert f.properties.illustrative_note.startswith("ILUSTRATIVO")


def test_one_route_and_404(client):
    first = client.get("/v1/routes").json()["features"]
    assert first, "the bundled dataset has (illustrative) routes"
    r = client.get(f"/v1/routes/{first[0]['id']}", params={"lang": "en"})
    assert r.status_code == 200
    feature = RouteFeature.model_validate(r.json())
    assert feature.properties.stops
    if feature.properties.illustrative:
        assert feature.properties.illustrative_note.startswith("ILLUSTRATIVE")
    r = client.get("/v1/routes/no-such-route")
    assert r.status_code == 404
    assert r.json()["code"] == "not_found"
