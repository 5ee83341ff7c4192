-- locator PostGIS store, version 2: each address, phone and hours value carries its own
-- evidence (confirmed | candidate | conflict | ''), citation and ISO date (docs/schema.md).
ALTER TABLE sites
    ADD COLUMN address_evidence    text NOT NULL DEFAULT '',
    ADD COLUMN address_source      text NOT NULL DEFAULT '',
    ADD COLUMN address_source_date text NOT NULL DEFAULT '',
    ADD COLUMN phone_evidence      text NOT NULL DEFAULT '',
    ADD COLUMN phone_source        text NOT NULL DEFAULT '',
    ADD COLUMN phone_source_date   text NOT NULL DEFAULT '',
    ADD COLUMN hours_evidence      text NOT NULL DEFAULT '',
    ADD COLUMN hours_source        text NOT NULL DEFAULT '',
    ADD COLUMN hours_source_date   text NOT NULL DEFAULT '';
