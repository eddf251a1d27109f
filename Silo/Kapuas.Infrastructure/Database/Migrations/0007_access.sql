-- Issue 7: API keys issued by administrators, and the record of who looked at which participant.

-- Per-user API keys for the JSON API (header X-Api-Key). Only a SHA-256 hash of the key is kept; the key itself is
-- shown once when issued. A revoked key stays listed.
CREATE TABLE IF NOT EXISTS app.api_keys (
    key_id       uuid        PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES app.users (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    key_hash     bytea       NOT NULL UNIQUE,
    prefix       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    revoked_at   timestamptz NULL,
    last_used_at timestamptz NULL
);
CREATE INDEX IF NOT EXISTS api_keys_user ON app.api_keys (user_id);

-- Who looked at whom, when and how (page, export, API): every participant look-up, for the administrators.
CREATE TABLE IF NOT EXISTS app.access_log (
    id        bigserial   PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    user_name text        NOT NULL,
    roles     text        NOT NULL,
    worker_id uuid        NOT NULL,
    action    text        NOT NULL
);
CREATE INDEX IF NOT EXISTS access_log_at ON app.access_log (at DESC);
CREATE INDEX IF NOT EXISTS access_log_worker ON app.access_log (worker_id, at DESC);

CREATE OR REPLACE FUNCTION app.access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'app.access_log is append-only';
END;
$$;

DROP TRIGGER IF EXISTS access_log_append_only ON app.access_log;
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON app.access_log
    FOR EACH ROW EXECUTE FUNCTION app.access_log_is_append_only();
