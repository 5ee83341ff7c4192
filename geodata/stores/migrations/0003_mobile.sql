-- locator PostGIS store, version 3: sites that move (VDS mobile units, HRSA mobile vans) are
-- flagged, so nearest never ranks them as places to walk into (docs/schema.md, `mobile`).
ALTER TABLE sites ADD COLUMN mobile boolean NOT NULL DEFAULT false;
UPDATE sites SET mobile = true WHERE kind = 'vds_mobile';
