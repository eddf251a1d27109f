-- Double cover (issue 18): another payer's period on days the worker's timeline already covers is held, not refused,
-- until an administrator chooses which payer keeps the worker. The worker grain publishes its held periods here; only
-- the holding payer's bill and the double-cover check read them (never "covered on a date").
CREATE TABLE IF NOT EXISTS app.participant_held_covers (
    worker_id    uuid    NOT NULL REFERENCES app.participants (worker_id) ON DELETE CASCADE,
    agreement_id text    NOT NULL,
    start_date   date    NOT NULL,
    end_date     date    NOT NULL,
    funding      text    NOT NULL,
    PRIMARY KEY (worker_id, agreement_id, start_date),
    CHECK (end_date >= start_date)
);
CREATE INDEX IF NOT EXISTS participant_held_covers_agreement ON app.participant_held_covers (agreement_id, start_date, end_date);

-- What the last double-cover check found: every pair of payers billing one worker for the same months, with the months
-- and each payer's money at stake. Replaced by each check; a worker's rows are replaced when an administrator resolves.
CREATE TABLE IF NOT EXISTS app.double_cover_findings (
    worker_id        uuid        NOT NULL REFERENCES app.participants (worker_id) ON DELETE CASCADE,
    first_agreement  text        NOT NULL,
    second_agreement text        NOT NULL,
    months           text[]      NOT NULL,
    first_at_stake   bigint      NOT NULL,
    second_at_stake  bigint      NOT NULL,
    held             boolean     NOT NULL,
    found_at         timestamptz NOT NULL,
    PRIMARY KEY (worker_id, first_agreement, second_agreement)
);

-- Each run of the check (nightly, or asked for by an administrator).
CREATE TABLE IF NOT EXISTS app.double_cover_checks (
    id              bigserial   PRIMARY KEY,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz NULL,
    workers_checked integer     NOT NULL DEFAULT 0,
    found           integer     NOT NULL DEFAULT 0,
    failure         text        NULL
);
