-- Continuity of membership (issue 13): each worker's membership segments (active, grace, lapsed, exited) as the
-- worker grain derives them from its timeline, so that "status on a date" across the roster is an interval lookup;
-- installation decisions (the masa iur reading BPJS KC Kapuas confirmed); the starting-roster mark of an import;
-- continuity alerts raised by the daily job.

CREATE TABLE IF NOT EXISTS app.participant_membership (
    worker_id        uuid  NOT NULL REFERENCES app.participants (worker_id) ON DELETE CASCADE,
    start_date       date  NOT NULL,
    end_date         date  NULL,           -- inclusive; NULL while open
    status           text  NOT NULL,       -- Active, InGrace, Lapsed, Exited
    protection_ended date  NULL,           -- grace and lapse: the last covered day before them
    grace_until      date  NULL,           -- grace and lapse: the last day arrears could be paid
    PRIMARY KEY (worker_id, start_date),
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX IF NOT EXISTS participant_membership_dates ON app.participant_membership (start_date, end_date);
CREATE INDEX IF NOT EXISTS participant_membership_status ON app.participant_membership (status, start_date);

-- One row per decision an administrator records for the installation; every change is also in app.audit_log.
CREATE TABLE IF NOT EXISTS app.installation_decisions (
    decision      text        PRIMARY KEY,  -- e.g. 'masa_iur_reading'
    value         text        NOT NULL,
    letter_number text        NOT NULL,
    letter_date   date        NOT NULL,
    note          text        NULL,
    recorded_by   text        NOT NULL,
    recorded_at   timestamptz NOT NULL
);

ALTER TABLE app.import_batches ADD COLUMN IF NOT EXISTS starting_roster boolean NOT NULL DEFAULT false;

-- Alerts of the continuity guard: one per agreement, kind and threshold; acknowledged by an administrator.
CREATE TABLE IF NOT EXISTS app.continuity_alerts (
    id              bigserial   PRIMARY KEY,
    agreement_id    text        NOT NULL,
    kind            text        NOT NULL,  -- EndingWithoutSuccessor, CohortInGrace, CohortLapsed
    threshold_days  integer     NOT NULL,  -- 90/60/30/7 before the end; 0 for grace and lapse
    due_on          date        NOT NULL,  -- the day the alert is about (end of PKS, start of grace, start of lapse)
    workers         integer     NOT NULL,
    message         text        NOT NULL,
    raised_at       timestamptz NOT NULL,
    acknowledged_by text        NULL,
    acknowledged_at timestamptz NULL,
    UNIQUE (agreement_id, kind, threshold_days, due_on)
);
CREATE INDEX IF NOT EXISTS continuity_alerts_open ON app.continuity_alerts (acknowledged_at, raised_at);

-- The continuity guard's latest assessment of each PKS, written by the daily job (and on demand).
CREATE TABLE IF NOT EXISTS app.continuity_assessments (
    agreement_id          text        PRIMARY KEY,
    number                text        NOT NULL,
    end_date              date        NOT NULL,
    days_until_end        integer     NOT NULL,
    successor_id          text        NULL,
    successor_number      text        NULL,
    successor_start       date        NULL,
    gap_start             date        NULL,
    gap_end               date        NULL,
    gap_months            integer     NOT NULL,
    grace_until           date        NOT NULL,
    lapse_on              date        NULL,
    cohort                integer     NOT NULL,
    with_children         integer     NOT NULL,  -- of the cohort: children under 23 on file
    masa_iur_near         integer     NOT NULL,  -- masa iur since the last lapse 24–35 months
    masa_iur_past         integer     NOT NULL,  -- 36 months or more
    rights_at_stake       integer     NOT NULL,  -- children under 23 and masa iur 24 months or more
    bridge_cost_per_worker bigint     NOT NULL,
    bridge_cost_total     bigint      NOT NULL,
    explanation           text        NOT NULL,
    assessed_at           timestamptz NOT NULL
);

-- The workers of each assessed cohort, with the facts that put rights at stake.
CREATE TABLE IF NOT EXISTS app.continuity_cohort (
    agreement_id        text    NOT NULL,
    worker_id           uuid    NOT NULL,
    children_under_23   integer NOT NULL,
    masa_iur_since_lapse integer NOT NULL,
    masa_iur_cumulative integer NOT NULL,
    PRIMARY KEY (agreement_id, worker_id)
);

-- Bridging in the renewal: the arrears option of each plan, the administrator's choice, and each item's share.
ALTER TABLE app.renewals ADD COLUMN IF NOT EXISTS bridgeable_workers integer NOT NULL DEFAULT 0;
ALTER TABLE app.renewals ADD COLUMN IF NOT EXISTS bridge_cost bigint NOT NULL DEFAULT 0;
ALTER TABLE app.renewals ADD COLUMN IF NOT EXISTS bridge_by date NULL;
ALTER TABLE app.renewals ADD COLUMN IF NOT EXISTS bridge_budget_problem text NULL;
ALTER TABLE app.renewals ADD COLUMN IF NOT EXISTS lapsing integer NOT NULL DEFAULT 0;
ALTER TABLE app.renewals ADD COLUMN IF NOT EXISTS lapses_on date NULL;
ALTER TABLE app.renewals ADD COLUMN IF NOT EXISTS bridge_gap boolean NOT NULL DEFAULT false;
ALTER TABLE app.renewal_items ADD COLUMN IF NOT EXISTS bridge_cost bigint NOT NULL DEFAULT 0;
ALTER TABLE app.renewal_items ADD COLUMN IF NOT EXISTS bridge_by date NULL;
ALTER TABLE app.renewal_items ADD COLUMN IF NOT EXISTS lapses_on date NULL;
