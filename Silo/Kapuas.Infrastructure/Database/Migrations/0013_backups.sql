-- Each backup run, nightly or by command: when, where, how big, how long, and whether it succeeded.
-- The Sistem page shows the last good one and warns when it is older than 36 hours.
CREATE TABLE IF NOT EXISTS app.backup_runs (
    id           bigserial   PRIMARY KEY,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NOT NULL,
    trigger      text        NOT NULL CHECK (trigger IN ('nightly', 'command', 'manual')),
    file         text        NOT NULL,
    size_bytes   bigint      NULL,
    migration    integer     NULL,
    succeeded    boolean     NOT NULL,
    message      text        NULL
);

CREATE INDEX IF NOT EXISTS backup_runs_finished ON app.backup_runs (finished_at DESC);
