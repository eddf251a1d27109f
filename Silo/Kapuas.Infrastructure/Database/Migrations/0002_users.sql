-- Users of the admin site (ASP.NET Core Identity, stored by Kapuas.Admin's own user store).
-- Roles are a fixed set: Administrator, Caseworker, Liaison.

CREATE TABLE IF NOT EXISTS app.users (
    id                   uuid        PRIMARY KEY,
    user_name            text        NOT NULL,
    normalized_user_name text        NOT NULL,
    display_name         text        NOT NULL DEFAULT '',
    email                text        NULL,
    normalized_email     text        NULL,
    email_confirmed      boolean     NOT NULL DEFAULT false,
    password_hash        text        NULL,
    security_stamp       text        NULL,
    concurrency_stamp    text        NULL,
    lockout_end          timestamptz NULL,
    lockout_enabled      boolean     NOT NULL DEFAULT true,
    access_failed_count  integer     NOT NULL DEFAULT 0,
    must_change_password boolean     NOT NULL DEFAULT false,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_user_name_length CHECK (char_length(user_name) BETWEEN 1 AND 256)
);

CREATE UNIQUE INDEX IF NOT EXISTS users_normalized_user_name ON app.users (normalized_user_name);
CREATE INDEX IF NOT EXISTS users_normalized_email ON app.users (normalized_email);

CREATE TABLE IF NOT EXISTS app.roles (
    name            text PRIMARY KEY,
    normalized_name text NOT NULL UNIQUE
);

INSERT INTO app.roles (name, normalized_name) VALUES
    ('Administrator', 'ADMINISTRATOR'),
    ('Caseworker', 'CASEWORKER'),
    ('Liaison', 'LIAISON')
ON CONFLICT (name) DO NOTHING;

CREATE TABLE IF NOT EXISTS app.user_roles (
    user_id uuid NOT NULL REFERENCES app.users (id) ON DELETE CASCADE,
    role    text NOT NULL REFERENCES app.roles (name),
    PRIMARY KEY (user_id, role)
);
