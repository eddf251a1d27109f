-- Roster read model, NIK registry, agreements and the audit trail (issue 3).
-- The worker grain is the source of truth; these tables are kept current by the grains after each change and
-- can be rebuilt from grain state by a job.

-- One row per NIK fingerprint (HMAC of the NIK with the installation's key): makes the NIK unique across the
-- registry without storing it in the clear. A worker claims its NIK here before its state is written.
CREATE TABLE IF NOT EXISTS app.nik_registry (
    nik_hash   bytea       PRIMARY KEY,
    worker_id  uuid        NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS nik_registry_worker ON app.nik_registry (worker_id);

-- Participant index for search, lists and reports. Never the full NIK: a fingerprint for exact search and a
-- masked form for display.
CREATE TABLE IF NOT EXISTS app.participants (
    worker_id            uuid        PRIMARY KEY,
    nik_hash             bytea       NOT NULL UNIQUE,
    nik_masked           text        NOT NULL,
    nik_kapuas           boolean     NOT NULL,
    name                 text        NOT NULL,
    name_key             text        NOT NULL,
    sex                  char(1)     NOT NULL CHECK (sex IN ('L', 'P')),
    birth_date           date        NOT NULL,
    kecamatan_code       text        NOT NULL,
    desa                 text        NOT NULL,
    occupation           text        NOT NULL,
    occupation_other     text        NULL,
    phone                text        NULL,
    kpj                  text        NULL,
    data_source          text        NOT NULL,
    exit_reason          text        NULL,
    exit_date            date        NULL,
    first_coverage_start date        NULL,
    coverage_start       date        NULL,
    coverage_end         date        NULL,
    current_agreement    text        NULL,
    registered_at        timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    updated_by           text        NOT NULL,
    version              bigint      NOT NULL
);
CREATE INDEX IF NOT EXISTS participants_name_key ON app.participants (name_key text_pattern_ops);
CREATE INDEX IF NOT EXISTS participants_kpj ON app.participants (kpj) WHERE kpj IS NOT NULL;
CREATE INDEX IF NOT EXISTS participants_kecamatan ON app.participants (kecamatan_code, desa);
CREATE INDEX IF NOT EXISTS participants_agreement ON app.participants (current_agreement);

-- Each participant's effective coverage periods (cut at an exit), for "covered on a date" across the roster.
CREATE TABLE IF NOT EXISTS app.participant_periods (
    worker_id    uuid    NOT NULL REFERENCES app.participants (worker_id) ON DELETE CASCADE,
    start_date   date    NOT NULL,
    end_date     date    NOT NULL,
    funding      text    NOT NULL,
    agreement_id text    NULL,
    PRIMARY KEY (worker_id, start_date),
    CHECK (end_date >= start_date)
);
CREATE INDEX IF NOT EXISTS participant_periods_agreement ON app.participant_periods (agreement_id, start_date, end_date);
CREATE INDEX IF NOT EXISTS participant_periods_dates ON app.participant_periods (start_date, end_date);

-- Agreements (PKS) as their grains last published them.
CREATE TABLE IF NOT EXISTS app.agreements (
    agreement_id       text        PRIMARY KEY,
    number             text        NOT NULL,
    budget_year        integer     NOT NULL,
    start_date         date        NOT NULL,
    end_date           date        NOT NULL,
    quota              integer     NOT NULL,
    budget_ceiling     bigint      NOT NULL,
    declared_income    bigint      NOT NULL,
    cost_per_worker    bigint      NOT NULL,
    payer              text        NOT NULL,
    status             text        NOT NULL,
    updated_at         timestamptz NOT NULL,
    version            bigint      NOT NULL
);

-- Which workers hold a place in an agreement's quota: the agreement grain inserts here, under a per-agreement
-- lock, so the quota holds even across concurrent enrolments.
CREATE TABLE IF NOT EXISTS app.agreement_enrolments (
    agreement_id text        NOT NULL,
    worker_id    uuid        NOT NULL,
    enrolled_at  timestamptz NOT NULL,
    enrolled_by  text        NOT NULL,
    PRIMARY KEY (agreement_id, worker_id)
);

-- Append-only audit trail: who changed what, when, before and after. The NIK appears only masked.
CREATE TABLE IF NOT EXISTS app.audit_log (
    id           bigserial   PRIMARY KEY,
    operation_id uuid        NOT NULL,
    subject_type text        NOT NULL,
    subject_id   text        NOT NULL,
    action       text        NOT NULL,
    at           timestamptz NOT NULL,
    user_id      text        NOT NULL,
    user_name    text        NOT NULL,
    before       jsonb       NULL,
    after        jsonb       NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (operation_id, subject_type, subject_id, action)
);
CREATE INDEX IF NOT EXISTS audit_log_subject ON app.audit_log (subject_type, subject_id, at);

CREATE OR REPLACE FUNCTION app.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'app.audit_log is append-only';
END;
$$;

DROP TRIGGER IF EXISTS audit_log_append_only ON app.audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON app.audit_log
    FOR EACH ROW EXECUTE FUNCTION app.audit_log_is_append_only();
