-- Kapuas.Actors: the database and its two roles. Run once as a PostgreSQL superuser, on the database server:
--
--   sudo -u postgres psql -v owner_password='...' -v app_password='...' -f roles.sql
--
-- Optional: -v db=NAME (default kapuas). Running it again changes nothing but the two passwords (set again to the
-- values given) and the database's access list (set again), so it also serves to change a password, and to restore
-- the access list after `restore` has replaced the database.
--
--   kapuas_owner  owns the database and, once migrate has run, every schema, table and function in it. Used only by
--                 `Kapuas.Silo.dll migrate` and `restore` (migrate.env). CREATEDB lets restore build the restored
--                 copy as a database of its own before it takes the name.
--   kapuas_app    the silos and the Admin (kapuas.env). May connect, and nothing else until
--                 `migrate --grant-to kapuas_app` grants it the use of the tables in schemas app, orleans, hangfire.
--                 It can create nothing: no CREATE on the database, nor on any schema, nor temporary tables.

\set ON_ERROR_STOP on
\set QUIET on

\if :{?owner_password}
\else
  \echo 'roles.sql: give the owner role a password: -v owner_password=...'
  SELECT 1/0 AS missing_owner_password;
\endif
\if :{?app_password}
\else
  \echo 'roles.sql: give the application role a password: -v app_password=...'
  SELECT 1/0 AS missing_app_password;
\endif
\if :{?db}
\else
  \set db kapuas
\endif

-- The passwords below travel in statements: keep them out of the server log whatever its settings.
SET log_statement = 'none';
SET log_min_duration_statement = -1;
SET password_encryption = 'scram-sha-256';

SELECT 'CREATE ROLE kapuas_owner' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kapuas_owner') \gexec
SELECT 'CREATE ROLE kapuas_app' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kapuas_app') \gexec

SELECT format('ALTER ROLE kapuas_owner WITH LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD %L',
              :'owner_password') \gexec
SELECT format('ALTER ROLE kapuas_app WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD %L',
              :'app_password') \gexec

-- The database, owned by kapuas_owner (so that migrate finds it and need not create it).
SELECT format('CREATE DATABASE %I OWNER kapuas_owner ENCODING ''UTF8'' TEMPLATE template0', :'db')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO kapuas_owner', :'db') \gexec

-- Who may connect: the two roles only. PUBLIC's default CONNECT and TEMPORARY are withdrawn.
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %I TO kapuas_owner', :'db') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM kapuas_app', :'db') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO kapuas_app', :'db') \gexec

\connect :"db"
SET log_statement = 'none';

-- Schema public holds only the pg_trgm extension (created by migrate). PostgreSQL 15 already gives CREATE there to
-- the database owner alone; this says so explicitly, and makes older servers behave the same.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO kapuas_owner;
GRANT USAGE ON SCHEMA public TO kapuas_app;

-- Schemas created by migrate (app, orleans, hangfire) belong to kapuas_owner; kapuas_app gets USAGE on them from
-- `migrate --grant-to kapuas_app`, never CREATE.

\unset QUIET
\echo
\echo 'Roles ready. Next, as the kapuas user: dotnet Kapuas.Silo.dll migrate --grant-to kapuas_app (KAPUAS_DB = owner role).'
SELECT r.rolname AS role, r.rolcanlogin AS login, r.rolsuper AS superuser, r.rolcreatedb AS createdb,
       r.rolcreaterole AS createrole,
       has_database_privilege(r.rolname, current_database(), 'CREATE') AS create_on_db,
       has_database_privilege(r.rolname, current_database(), 'TEMPORARY') AS temp_on_db,
       has_schema_privilege(r.rolname, 'public', 'CREATE') AS create_on_public
FROM pg_roles r
WHERE r.rolname IN ('kapuas_owner', 'kapuas_app')
ORDER BY r.rolname;
