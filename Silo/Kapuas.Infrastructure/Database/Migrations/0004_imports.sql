-- Roster imports (issue 4): a batch per uploaded file, a row per data row. Preview fills them; the commit job
-- works through the pending rows, so a rerun after a crash continues where it stopped.

CREATE TABLE IF NOT EXISTS app.import_batches (
    batch_id        uuid        PRIMARY KEY,
    file_name       text        NOT NULL,
    file_sha256     text        NOT NULL,
    file_kind       text        NOT NULL,
    agreement_id    text        NULL,
    uploaded_by     text        NOT NULL,
    uploaded_at     timestamptz NOT NULL,
    status          text        NOT NULL CHECK (status IN ('previewed', 'queued', 'running', 'completed', 'failed')),
    total_rows      integer     NOT NULL,
    new_rows        integer     NOT NULL,
    update_rows     integer     NOT NULL,
    unchanged_rows  integer     NOT NULL,
    rejected_rows   integer     NOT NULL,
    warning_rows    integer     NOT NULL,
    committed_by    text        NULL,
    job_id          text        NULL,
    started_at      timestamptz NULL,
    finished_at     timestamptz NULL,
    notes           jsonb       NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS import_batches_uploaded ON app.import_batches (uploaded_at DESC);

CREATE TABLE IF NOT EXISTS app.import_rows (
    batch_id       uuid    NOT NULL REFERENCES app.import_batches (batch_id) ON DELETE CASCADE,
    row_number     integer NOT NULL,
    kind           text    NOT NULL CHECK (kind IN ('new', 'update', 'unchanged', 'rejected')),
    worker_id      uuid    NULL,
    register_op    uuid    NULL,
    enrol_op       uuid    NULL,
    -- The row's values as read from the file (JSON): needed by the commit and the report; cleared once the
    -- row is done, except for rejected rows, whose report shows the offending values.
    payload        jsonb   NULL,
    name           text    NOT NULL DEFAULT '',
    errors         jsonb   NOT NULL DEFAULT '[]',
    warnings       jsonb   NOT NULL DEFAULT '[]',
    changes        jsonb   NOT NULL DEFAULT '[]',
    status         text    NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'skipped')),
    failure        text    NULL,
    done_at        timestamptz NULL,
    PRIMARY KEY (batch_id, row_number)
);
CREATE INDEX IF NOT EXISTS import_rows_pending ON app.import_rows (batch_id, status);
