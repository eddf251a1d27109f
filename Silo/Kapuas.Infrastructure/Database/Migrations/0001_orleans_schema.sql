-- =====================================================================================================================
-- 0001_orleans_schema.sql
--
-- Kapuas.Actors: our own PostgreSQL (15+) schema for the Orleans 10.4.2 ADO.NET providers
--   Microsoft.Orleans.Persistence.AdoNet, Microsoft.Orleans.Clustering.AdoNet, Microsoft.Orleans.Reminders.AdoNet
-- written from /work/shared/orleans/adonet-postgres-contract.md (section numbers below refer to that document).
--
-- Everything lives in schema "orleans". The silo connects with "Search Path=orleans" (contract 1.1), the query texts
-- nevertheless name every object schema-qualified, so they also work with any other search_path.
--
-- Re-runnable: IF NOT EXISTS for schema, tables and indexes, and INSERT ... ON CONFLICT DO UPDATE for registry rows
-- (contract 5, pitfall 1). Registry rows are cached per process (1.1): after changing a text, restart silos and clients.
--
-- Conventions of the query texts (1.2, 1.3):
--   * parameters are written @Name, Npgsql binds them positionally with these types: GrainIdN0/N1 bigint,
--     hashes / versions / ports / statuses integer, strings text, PayloadBinary bytea, times timestamptz,
--   * every text is ONE plain SQL statement (data-modifying CTEs where several changes must be atomic), no functions,
--     no trailing semicolon, no comments, no quotes inside the text,
--   * result columns are read by name (case-insensitive), except where the contract says "first column".
-- =====================================================================================================================

CREATE SCHEMA IF NOT EXISTS orleans;

-- ---------------------------------------------------------------------------------------------------------------------
-- Query registry (1.1): created unquoted so that it folds to orleansquery(querykey, querytext).
-- ---------------------------------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS orleans.orleansquery
(
    querykey  text NOT NULL PRIMARY KEY,
    querytext text NOT NULL
);

-- ---------------------------------------------------------------------------------------------------------------------
-- Grain storage table (3.5, 2.1). Natural key: (serviceid, graintypestring, grainidn0, grainidn1,
-- grainidextensionstring), the extension is nullable and is compared NULL-safely everywhere (2.1, pitfall 6).
-- ---------------------------------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS orleans.orleansstorage
(
    serviceid              text        NOT NULL,
    graintypestring        text        NOT NULL,
    grainidn0              bigint      NOT NULL,
    grainidn1              bigint      NOT NULL,
    grainidextensionstring text        NULL,
    grainidhash            integer     NOT NULL,
    graintypehash          integer     NOT NULL,
    payloadbinary          bytea       NULL,
    version                integer     NOT NULL,
    modifiedon             timestamptz NOT NULL DEFAULT now()
);

-- Unique natural key, NULL extensions treated as equal (3.5, pitfall 7): arbiter for the race-proof first write.
CREATE UNIQUE INDEX IF NOT EXISTS orleansstorage_naturalkey_uix
    ON orleans.orleansstorage (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring)
    NULLS NOT DISTINCT;

-- Narrow lookup helper over the two 32-bit hashes (3.5), queries always re-check the natural key as well (2.1).
CREATE INDEX IF NOT EXISTS orleansstorage_hashes_ix
    ON orleans.orleansstorage (grainidhash, graintypehash);

-- ---------------------------------------------------------------------------------------------------------------------
-- Membership tables (4.12). One version row per cluster (DeploymentId = ClusterId, 1.4), one member row per silo
-- incarnation. No foreign key (optional per 4.12): DeleteMembershipTableEntriesKey removes both in one statement.
-- ---------------------------------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS orleans.orleansmembershipversiontable
(
    deploymentid text        NOT NULL PRIMARY KEY,
    version      integer     NOT NULL DEFAULT 0,
    timestamp    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleansmembershipversiontable_version_ck CHECK (version >= 0)
);

CREATE TABLE IF NOT EXISTS orleans.orleansmembershiptable
(
    deploymentid text        NOT NULL,
    address      text        NOT NULL,
    port         integer     NOT NULL,
    generation   integer     NOT NULL,
    siloname     text        NOT NULL,
    hostname     text        NOT NULL,
    status       integer     NOT NULL,
    proxyport    integer     NOT NULL,
    suspecttimes text        NULL,
    starttime    timestamptz NOT NULL,
    iamalivetime timestamptz NOT NULL,
    CONSTRAINT orleansmembershiptable_pk PRIMARY KEY (deploymentid, address, port, generation)
);

-- ---------------------------------------------------------------------------------------------------------------------
-- Reminders table (Appendix A).
-- ---------------------------------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS orleans.orleansreminderstable
(
    serviceid    text        NOT NULL,
    grainid      text        NOT NULL,
    remindername text        NOT NULL,
    starttime    timestamptz NOT NULL,
    period       bigint      NOT NULL,
    grainhash    integer     NOT NULL,
    version      integer     NOT NULL,
    CONSTRAINT orleansreminderstable_pk PRIMARY KEY (serviceid, grainid, remindername)
);

-- Range reads by ring hash (Appendix A).
CREATE INDEX IF NOT EXISTS orleansreminderstable_servicehash_ix
    ON orleans.orleansreminderstable (serviceid, grainhash);

-- =====================================================================================================================
-- Registry rows. Keys are case-sensitive strings (1.1, pitfall 9).
-- =====================================================================================================================

-- ---------------------------------------------------------------------------------------------------------------------
-- Persistence (3). ReadFromStorageKey, WriteToStorageKey, ClearStorageKey required, DeleteStorageKey optional (3.4),
-- defined so that DeleteStateOnClear=true also works.
-- ---------------------------------------------------------------------------------------------------------------------
INSERT INTO orleans.orleansquery (querykey, querytext) VALUES

-- 3.1 ReadFromStorageKey: zero or one row, columns PayloadBinary (bytea, NULL after Clear) and Version (non-NULL).
('ReadFromStorageKey', '
SELECT s.payloadbinary AS PayloadBinary,
       s.version       AS Version
FROM orleans.orleansstorage AS s
WHERE s.grainidhash = @GrainIdHash
  AND s.graintypehash = @GrainTypeHash
  AND s.serviceid = @ServiceId
  AND s.graintypestring = @GrainTypeString
  AND s.grainidn0 = @GrainIdN0
  AND s.grainidn1 = @GrainIdN1
  AND s.grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
'),

-- 3.2 WriteToStorageKey: GrainStateVersion NULL -> first write, INSERT ... ON CONFLICT DO NOTHING on the unique natural
-- key (exactly one winner, the loser gets zero rows = conflict). Otherwise versioned UPDATE (zero rows on mismatch).
-- The two branches are mutually exclusive. Result column NewGrainStateVersion: 1 after insert, old + 1 after update.
('WriteToStorageKey', '
WITH inserted AS (
    INSERT INTO orleans.orleansstorage
        (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring,
         grainidhash, graintypehash, payloadbinary, version, modifiedon)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
           @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1, now()
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring) DO NOTHING
    RETURNING version
), updated AS (
    UPDATE orleans.orleansstorage AS s
    SET payloadbinary = @PayloadBinary,
        version = s.version + 1,
        modifiedon = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND s.version = @GrainStateVersion
      AND s.grainidhash = @GrainIdHash
      AND s.graintypehash = @GrainTypeHash
      AND s.serviceid = @ServiceId
      AND s.graintypestring = @GrainTypeString
      AND s.grainidn0 = @GrainIdN0
      AND s.grainidn1 = @GrainIdN1
      AND s.grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING s.version
)
SELECT version AS NewGrainStateVersion FROM inserted
UNION ALL
SELECT version AS NewGrainStateVersion FROM updated
'),

-- 3.3 ClearStorageKey: versioned, payload -> NULL, version + 1, row kept. Only the FIRST column is read (new version).
('ClearStorageKey', '
UPDATE orleans.orleansstorage AS s
SET payloadbinary = NULL,
    version = s.version + 1,
    modifiedon = now()
WHERE s.version = @GrainStateVersion
  AND s.grainidhash = @GrainIdHash
  AND s.graintypehash = @GrainTypeHash
  AND s.serviceid = @ServiceId
  AND s.graintypestring = @GrainTypeString
  AND s.grainidn0 = @GrainIdN0
  AND s.grainidn1 = @GrainIdN1
  AND s.grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING s.version AS NewGrainStateVersion
'),

-- 3.4 DeleteStorageKey: versioned delete, FIRST column must be non-NULL and differ from the sent version (old + 1).
('DeleteStorageKey', '
DELETE FROM orleans.orleansstorage AS s
WHERE s.version = @GrainStateVersion
  AND s.grainidhash = @GrainIdHash
  AND s.graintypehash = @GrainTypeHash
  AND s.serviceid = @ServiceId
  AND s.graintypestring = @GrainTypeString
  AND s.grainidn0 = @GrainIdN0
  AND s.grainidn1 = @GrainIdN1
  AND s.grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING s.version + 1 AS NewGrainStateVersion
')

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

-- ---------------------------------------------------------------------------------------------------------------------
-- Clustering (4). All nine required keys (4.1). The optional CleanupDefunctSiloEntryKey (singular) is deliberately
-- NOT defined (4.10): its presence would switch the provider to the per-entry cleanup mode.
-- ---------------------------------------------------------------------------------------------------------------------
INSERT INTO orleans.orleansquery (querykey, querytext) VALUES

-- 4.4 InsertMembershipVersionKey: create the version row at 0 if missing, exactly one row, one boolean column
-- (true = created by this call, false = already there).
('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO orleans.orleansmembershipversiontable (deploymentid, version, timestamp)
    VALUES (@DeploymentId, 0, now())
    ON CONFLICT (deploymentid) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created) AS Created
'),

-- 4.8 UpdateIAmAlivetimeKey (lower-case t): heartbeat, no version check, no version bump. Result ignored.
('UpdateIAmAlivetimeKey', '
UPDATE orleans.orleansmembershiptable AS m
SET iamalivetime = @IAmAliveTime
WHERE m.deploymentid = @DeploymentId
  AND m.address = @Address
  AND m.port = @Port
  AND m.generation = @Generation
'),

-- 4.6 InsertMembershipKey: atomic check-and-bump in one statement. CTE "bumped" raises the cluster version only if
-- it equals @Version AND the member row does not exist yet (the version row lock serialises concurrent callers, a
-- concurrent bump makes the re-checked version test fail). CTE "inserted" inserts the member only if "bumped"
-- returned a row. SuspectTimes is not bound -> NULL. A duplicate that slips past the NOT EXISTS check raises a
-- unique violation, which rolls back the whole statement (bump included), the provider counts that as failure.
-- Result: one row, one boolean column.
('InsertMembershipKey', '
WITH bumped AS (
    UPDATE orleans.orleansmembershipversiontable AS v
    SET version = v.version + 1,
        timestamp = now()
    WHERE v.deploymentid = @DeploymentId
      AND v.version = @Version
      AND NOT EXISTS (
          SELECT 1
          FROM orleans.orleansmembershiptable AS e
          WHERE e.deploymentid = @DeploymentId
            AND e.address = @Address
            AND e.port = @Port
            AND e.generation = @Generation)
    RETURNING v.deploymentid
), inserted AS (
    INSERT INTO orleans.orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport,
         suspecttimes, starttime, iamalivetime)
    SELECT b.deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           NULL, @StartTime, @IAmAliveTime
    FROM bumped AS b
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted) AS Success
'),

-- 4.7 UpdateMembershipKey: atomic check-and-bump in one statement. CTE "member" locks the member row (FOR UPDATE,
-- so it cannot vanish between the bump and the update), "bumped" raises the version only if it equals @Version and
-- the member row exists, "updated" sets Status, SuspectTimes, IAmAliveTime only if "bumped" returned a row.
-- Other columns are never touched. Result: one row, one boolean column.
('UpdateMembershipKey', '
WITH member AS MATERIALIZED (
    SELECT 1
    FROM orleans.orleansmembershiptable AS e
    WHERE e.deploymentid = @DeploymentId
      AND e.address = @Address
      AND e.port = @Port
      AND e.generation = @Generation
    FOR UPDATE
), bumped AS (
    UPDATE orleans.orleansmembershipversiontable AS v
    SET version = v.version + 1,
        timestamp = now()
    WHERE v.deploymentid = @DeploymentId
      AND v.version = @Version
      AND EXISTS (SELECT 1 FROM member)
    RETURNING v.deploymentid
), updated AS (
    UPDATE orleans.orleansmembershiptable AS m
    SET status = @Status,
        suspecttimes = @SuspectTimes,
        iamalivetime = @IAmAliveTime
    FROM bumped AS b
    WHERE m.deploymentid = b.deploymentid
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM updated) AS Success
'),

-- 4.5 MembershipReadRowKey: version row LEFT JOIN the one member, a version-only row (StartTime NULL) when the member
-- does not exist. Version always non-NULL, Address returned as text.
('MembershipReadRowKey', '
SELECT v.deploymentid   AS DeploymentId,
       v.version        AS Version,
       m.address::text  AS Address,
       m.port           AS Port,
       m.generation     AS Generation,
       m.siloname       AS SiloName,
       m.hostname       AS HostName,
       m.status         AS Status,
       m.proxyport      AS ProxyPort,
       m.suspecttimes   AS SuspectTimes,
       m.starttime      AS StartTime,
       m.iamalivetime   AS IAmAliveTime
FROM orleans.orleansmembershipversiontable AS v
LEFT OUTER JOIN orleans.orleansmembershiptable AS m
    ON  m.deploymentid = v.deploymentid
    AND m.address = @Address
    AND m.port = @Port
    AND m.generation = @Generation
WHERE v.deploymentid = @DeploymentId
'),

-- 4.5 MembershipReadAllKey: version row LEFT JOIN all members of this cluster: either one version-only row, or one
-- row per member (each carrying the cluster Version).
('MembershipReadAllKey', '
SELECT v.deploymentid   AS DeploymentId,
       v.version        AS Version,
       m.address::text  AS Address,
       m.port           AS Port,
       m.generation     AS Generation,
       m.siloname       AS SiloName,
       m.hostname       AS HostName,
       m.status         AS Status,
       m.proxyport      AS ProxyPort,
       m.suspecttimes   AS SuspectTimes,
       m.starttime      AS StartTime,
       m.iamalivetime   AS IAmAliveTime
FROM orleans.orleansmembershipversiontable AS v
LEFT OUTER JOIN orleans.orleansmembershiptable AS m
    ON m.deploymentid = v.deploymentid
WHERE v.deploymentid = @DeploymentId
'),

-- 4.9 GatewaysQueryKey: members with Status = @Status (3 = Active) and a gateway (ProxyPort > 0).
('GatewaysQueryKey', '
SELECT m.address::text AS Address,
       m.proxyport     AS ProxyPort,
       m.generation    AS Generation
FROM orleans.orleansmembershiptable AS m
WHERE m.deploymentid = @DeploymentId
  AND m.status = @Status
  AND m.proxyport > 0
'),

-- 4.11 DeleteMembershipTableEntriesKey: remove every member row and the version row of the cluster (tooling/tests).
('DeleteMembershipTableEntriesKey', '
WITH members AS (
    DELETE FROM orleans.orleansmembershiptable AS m
    WHERE m.deploymentid = @DeploymentId
)
DELETE FROM orleans.orleansmembershipversiontable AS v
WHERE v.deploymentid = @DeploymentId
'),

-- 4.10 CleanupDefunctSiloEntriesKey (bulk, required): delete member rows older than the cutoff whose status is not
-- Active (3). The version row is neither deleted nor bumped. Result ignored.
('CleanupDefunctSiloEntriesKey', '
DELETE FROM orleans.orleansmembershiptable AS m
WHERE m.deploymentid = @DeploymentId
  AND m.iamalivetime < @IAmAliveTime
  AND m.status <> 3
')

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

-- ---------------------------------------------------------------------------------------------------------------------
-- Reminders (Appendix A). All seven required keys. Result columns of the reads: GrainId, ReminderName, StartTime,
-- Period, Version. Hash ranges compare as signed integers.
-- ---------------------------------------------------------------------------------------------------------------------
INSERT INTO orleans.orleansquery (querykey, querytext) VALUES

-- A ReadReminderRowsKey: all reminders of one grain.
('ReadReminderRowsKey', '
SELECT r.grainid      AS GrainId,
       r.remindername AS ReminderName,
       r.starttime    AS StartTime,
       r.period       AS Period,
       r.version      AS Version
FROM orleans.orleansreminderstable AS r
WHERE r.serviceid = @ServiceId
  AND r.grainid = @GrainId
'),

-- A ReadReminderRowKey: zero or one row.
('ReadReminderRowKey', '
SELECT r.grainid      AS GrainId,
       r.remindername AS ReminderName,
       r.starttime    AS StartTime,
       r.period       AS Period,
       r.version      AS Version
FROM orleans.orleansreminderstable AS r
WHERE r.serviceid = @ServiceId
  AND r.grainid = @GrainId
  AND r.remindername = @ReminderName
'),

-- A ReadRangeRows1Key: non-wrapping range, BeginHash < GrainHash <= EndHash.
('ReadRangeRows1Key', '
SELECT r.grainid      AS GrainId,
       r.remindername AS ReminderName,
       r.starttime    AS StartTime,
       r.period       AS Period,
       r.version      AS Version
FROM orleans.orleansreminderstable AS r
WHERE r.serviceid = @ServiceId
  AND r.grainhash > @BeginHash
  AND r.grainhash <= @EndHash
'),

-- A ReadRangeRows2Key: wrapping range, GrainHash > BeginHash OR GrainHash <= EndHash.
('ReadRangeRows2Key', '
SELECT r.grainid      AS GrainId,
       r.remindername AS ReminderName,
       r.starttime    AS StartTime,
       r.period       AS Period,
       r.version      AS Version
FROM orleans.orleansreminderstable AS r
WHERE r.serviceid = @ServiceId
  AND (r.grainhash > @BeginHash OR r.grainhash <= @EndHash)
'),

-- A UpsertReminderRowKey: insert at version 0, or replace start time, period and hash and add 1 to the version.
-- Period arrives as int4 or int8 and is stored as bigint. Result: one row with column Version (the new ETag).
('UpsertReminderRowKey', '
INSERT INTO orleans.orleansreminderstable AS r
    (serviceid, grainid, remindername, starttime, period, grainhash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
SET starttime = EXCLUDED.starttime,
    period = EXCLUDED.period,
    grainhash = EXCLUDED.grainhash,
    version = r.version + 1
RETURNING r.version AS Version
'),

-- A DeleteReminderRowKey: delete only when the version matches, one row, one boolean column (true = deleted).
('DeleteReminderRowKey', '
WITH deleted AS (
    DELETE FROM orleans.orleansreminderstable AS r
    WHERE r.serviceid = @ServiceId
      AND r.grainid = @GrainId
      AND r.remindername = @ReminderName
      AND r.version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM deleted) AS Deleted
'),

-- A DeleteReminderRowsKey: delete every reminder of the service. Result ignored.
('DeleteReminderRowsKey', '
DELETE FROM orleans.orleansreminderstable AS r
WHERE r.serviceid = @ServiceId
')

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
