-- Renewal speed (issue 15, item 7): let the rows a renewal rewrites be updated in place ("HOT" updates, which touch
-- no index) instead of as new row versions that every index of the table must point to again.
--
-- app.participants: a renewal changes coverage dates, the current agreement, the version and the time of change.
-- Only current_agreement was indexed among them, and no query reads by it (lists filter through
-- app.participant_periods), so its index goes; with it gone a renewal no longer writes the seven entries of the
-- primary key, NIK, name (btree and trigram), KPJ and kecamatan indexes for every worker.
DROP INDEX IF EXISTS app.participants_agreement;

-- Room on each page for the new version of a row beside the old one (a HOT update needs it on the same page).
-- Pages written from now on keep it; pages already full get it back as they are pruned or vacuumed.
ALTER TABLE app.participants SET (fillfactor = 85);
ALTER TABLE orleans.orleansstorage SET (fillfactor = 80);
