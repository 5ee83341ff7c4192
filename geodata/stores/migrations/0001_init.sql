-- locator PostGIS store, version 1: sites, routes, stops and dataset metadata.
-- Runs with search_path = <store schema>, <postgis schema>, public (see migrations/__init__.py).
-- Needs PostGIS: created here if missing, which needs a role allowed to CREATE EXTENSION
-- (a superuser, or the database owner where PostGIS is trusted); otherwise create it once
-- beforehand as an administrator and this statement does nothing.
CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public;

CREATE TABLE sites (
    id                 text PRIMARY KEY,
    kind               text NOT NULL,
    name               text NOT NULL,
    organization       text NOT NULL DEFAULT '',
    street_address     text NOT NULL DEFAULT '',
    city               text NOT NULL DEFAULT '',
    state              text NOT NULL DEFAULT '',
    postal_code        text NOT NULL DEFAULT '',
    phone              text NOT NULL DEFAULT '',
    url                text NOT NULL DEFAULT '',
    services           text[] NOT NULL DEFAULT '{}',
    languages          text[] NOT NULL DEFAULT '{}',
    hours              text NOT NULL DEFAULT '',
    parent_id          text NOT NULL DEFAULT '',
    location_precision text NOT NULL DEFAULT '',
    source             text NOT NULL DEFAULT '',
    source_date        text NOT NULL DEFAULT '',
    verified           boolean NOT NULL DEFAULT false,
    illustrative       boolean NOT NULL DEFAULT false,
    notes              text NOT NULL DEFAULT '',
    geom               geography(Point, 4326) NOT NULL
);
CREATE INDEX sites_geom_gist ON sites USING gist (geom);
CREATE INDEX sites_kind ON sites (kind);
CREATE INDEX sites_services_gin ON sites USING gin (services);

CREATE TABLE routes (
    id           text PRIMARY KEY,
    unit_id      text NOT NULL DEFAULT '',
    name         text NOT NULL DEFAULT '',
    description  text NOT NULL DEFAULT '',
    source       text NOT NULL DEFAULT '',
    source_date  text NOT NULL DEFAULT '',
    illustrative boolean NOT NULL DEFAULT false,
    geom         geography(LineString, 4326)
);
CREATE INDEX routes_geom_gist ON routes USING gist (geom);

CREATE TABLE stops (
    pk                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                 text NOT NULL,
    route_id           text NOT NULL,
    sequence           integer NOT NULL DEFAULT 0,
    name               text NOT NULL DEFAULT '',
    city               text NOT NULL DEFAULT '',
    state              text NOT NULL DEFAULT '',
    rrule              text NOT NULL DEFAULT '',
    dtstart            text NOT NULL DEFAULT '',
    duration_minutes   integer NOT NULL DEFAULT 0,
    timezone           text NOT NULL DEFAULT '',
    location_precision text NOT NULL DEFAULT '',
    illustrative       boolean NOT NULL DEFAULT false,
    source             text NOT NULL DEFAULT '',
    geom               geography(Point, 4326)
);
CREATE INDEX stops_route ON stops (route_id, sequence);
CREATE INDEX stops_geom_gist ON stops USING gist (geom);

CREATE TABLE meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);
