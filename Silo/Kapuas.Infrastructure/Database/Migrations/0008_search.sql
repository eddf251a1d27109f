-- Issue 8: name search at roster scale. A name is searched by the start of any of its words ("siti" finds
-- "Siti Aminah" and "Nur Siti"), which a B-tree cannot serve for the inner words: a trigram index can.
-- pg_trgm ships with Debian's PostgreSQL and is a trusted extension (no superuser needed since PostgreSQL 13).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS participants_name_trgm ON app.participants USING gin (name_key gin_trgm_ops);
