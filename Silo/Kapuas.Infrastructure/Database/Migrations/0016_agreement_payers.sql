-- Who pays for an agreement (issue 18): besides the kind (payer), a village agreement names its kecamatan and desa,
-- and another donor (or the province) its name. Existing agreements are the regency's and keep nulls.
ALTER TABLE app.agreements ADD COLUMN IF NOT EXISTS payer_kecamatan text NULL;
ALTER TABLE app.agreements ADD COLUMN IF NOT EXISTS payer_desa text NULL;
ALTER TABLE app.agreements ADD COLUMN IF NOT EXISTS payer_name text NULL;
CREATE INDEX IF NOT EXISTS agreements_payer ON app.agreements (payer, payer_kecamatan, payer_desa);
