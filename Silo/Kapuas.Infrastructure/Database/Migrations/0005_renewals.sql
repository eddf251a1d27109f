-- Annual renewal (issue 5): a renewal plan from one agreement's roster into the next, one item per worker.
-- The preview fills them; the job works through the pending continuing items, so a rerun finishes what is left.

CREATE TABLE IF NOT EXISTS app.renewals (
    renewal_id      uuid        PRIMARY KEY,
    from_agreement  text        NOT NULL,
    to_agreement    text        NOT NULL,
    priority        text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('previewed', 'approved', 'scheduled', 'running', 'completed', 'failed')),
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    approved_by     text        NULL,
    approved_at     timestamptz NULL,
    started_by      text        NULL,
    started_at      timestamptz NULL,
    scheduled_for   timestamptz NULL,
    finished_at     timestamptz NULL,
    job_id          text        NULL,
    candidates      integer     NOT NULL,
    continuing      integer     NOT NULL,
    dropping_out    integer     NOT NULL,
    not_continuing  integer     NOT NULL,
    cost            bigint      NOT NULL,
    budget_ceiling  bigint      NOT NULL,
    budget_problem  text        NULL
);
CREATE INDEX IF NOT EXISTS renewals_created ON app.renewals (created_at DESC);

CREATE TABLE IF NOT EXISTS app.renewal_items (
    renewal_id        uuid    NOT NULL REFERENCES app.renewals (renewal_id) ON DELETE CASCADE,
    worker_id         uuid    NOT NULL,
    name              text    NOT NULL,
    kecamatan_code    text    NOT NULL,
    outcome           text    NOT NULL,
    reason            text    NOT NULL,
    coverage_start    date    NULL,
    coverage_end      date    NULL,
    gap_days          integer NOT NULL,
    continuous_months integer NOT NULL,
    cumulative_months integer NOT NULL,
    cost              bigint  NOT NULL,
    operation_id      uuid    NOT NULL,
    status            text    NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'skipped')),
    failure           text    NULL,
    done_at           timestamptz NULL,
    PRIMARY KEY (renewal_id, worker_id)
);
CREATE INDEX IF NOT EXISTS renewal_items_pending ON app.renewal_items (renewal_id, status);
