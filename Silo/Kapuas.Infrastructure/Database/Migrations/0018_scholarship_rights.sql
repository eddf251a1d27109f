-- Next year's budget plan (issue 18, part 3) counts the children of a payer's workers who could hold a scholarship
-- right (bpjs-rules.md §2.3: under 23, unmarried, not working, at most two per worker). The family lives in the worker
-- grain's state only; the grain now publishes, with its participant row, each such child's last day under 23 (the
-- youngest two at most; no name, no NIK). NULL: not published since this column came, until the worker's next change or
-- a rebuild of the read model (Sistem → Bangun ulang indeks); an empty array: no such child.
ALTER TABLE app.participants ADD COLUMN IF NOT EXISTS scholarship_until date[] NULL;
