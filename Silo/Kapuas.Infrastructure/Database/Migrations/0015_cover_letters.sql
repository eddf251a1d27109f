-- The cover letter (surat pengantar) of a claim file for BPJS: the office's letterhead, numbering and signatory, set by
-- an administrator (one row), and each claim's letter once issued: its number, date and the signatory as they were
-- then, so a reprint is the same letter even after the signatory changes.
CREATE TABLE IF NOT EXISTS app.cover_letter_settings (
    id               smallint    PRIMARY KEY CHECK (id = 1),
    office           text        NOT NULL,
    address          text        NOT NULL,
    city             text        NOT NULL,
    addressee        text        NOT NULL,
    number_pattern   text        NOT NULL,
    signatory_name   text        NOT NULL,
    signatory_title  text        NOT NULL,
    signatory_nip    text        NOT NULL,
    updated_at       timestamptz NOT NULL,
    updated_by       text        NOT NULL
);

CREATE TABLE IF NOT EXISTS app.claim_letters (
    claim_id         uuid        PRIMARY KEY,
    worker_id        uuid        NOT NULL,
    year             integer     NOT NULL,
    seq              integer     NOT NULL CHECK (seq > 0),
    number           text        NOT NULL UNIQUE,
    issued_on        date        NOT NULL,
    issued_at        timestamptz NOT NULL,
    issued_by        text        NOT NULL,
    office           text        NOT NULL,
    address          text        NOT NULL,
    city             text        NOT NULL,
    addressee        text        NOT NULL,
    signatory_name   text        NOT NULL,
    signatory_title  text        NOT NULL,
    signatory_nip    text        NOT NULL,
    UNIQUE (year, seq)
);
