-- Schema 6: a business member's company name and business registration number (optional),
-- shown on usage confirmations.
ALTER TABLE account ADD COLUMN company TEXT;
ALTER TABLE account ADD COLUMN business_no TEXT;
