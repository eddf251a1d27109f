-- The grain-storage key includes the grain id and grain type hashes (issue 15, item 6). The natural key of 0001
-- (service, state name, N0, N1, extension) made two different grain ids that split into the same N0/N1/extension under
-- one state name (a long key n and a Guid whose last eight bytes are n; a string key "x" and Guid.Empty with extension
-- "x") one row: the second could never be written. Orleans' own queries tell them apart by the hashes; so does the key
-- now, and the first-write query's arbiter with it. Rows already stored keep their hashes, so nothing is rewritten.
-- Processes cache query texts: run this while no silo runs (./run.sh migrates before it starts them).

CREATE UNIQUE INDEX IF NOT EXISTS orleansstorage_key_uix
    ON orleans.orleansstorage (serviceid, grainidhash, graintypehash, graintypestring, grainidn0, grainidn1, grainidextensionstring)
    NULLS NOT DISTINCT;

UPDATE orleans.orleansquery
SET querytext = replace(querytext,
        'ON CONFLICT (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring) DO NOTHING',
        'ON CONFLICT (serviceid, grainidhash, graintypehash, graintypestring, grainidn0, grainidn1, grainidextensionstring) DO NOTHING')
WHERE querykey = 'WriteToStorageKey';

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM orleans.orleansquery WHERE querykey = 'WriteToStorageKey'
                   AND querytext LIKE '%ON CONFLICT (serviceid, grainidhash, graintypehash, graintypestring, grainidn0, grainidn1, grainidextensionstring)%') THEN
        RAISE EXCEPTION 'WriteToStorageKey does not use the new storage key';
    END IF;
END $$;

DROP INDEX IF EXISTS orleans.orleansstorage_naturalkey_uix;

-- The lookup index over the two hashes is now the key's prefix (after the service id): the narrow one is redundant.
DROP INDEX IF EXISTS orleans.orleansstorage_hashes_ix;
