-- Issue 16 "reuse and upgrade": the management-system certificates a firm already holds
-- (ISO/IEC 20000-1:2011, ISO/IEC 27001, ISO 9001), as a JSON array of their ids.
ALTER TABLE firm_profile ADD COLUMN certificates TEXT NOT NULL DEFAULT '[]';
