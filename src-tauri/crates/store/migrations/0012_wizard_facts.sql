-- Issue 17 "approved means finished": facts the templates need that the wizard did not ask
-- for, and the unresolved items an approver explicitly kept.
ALTER TABLE firm_profile ADD COLUMN itsm_system TEXT NOT NULL DEFAULT '';
ALTER TABLE firm_profile ADD COLUMN doc_repository TEXT NOT NULL DEFAULT '';
ALTER TABLE firm_profile ADD COLUMN support_hours TEXT NOT NULL DEFAULT '';
ALTER TABLE firm_profile ADD COLUMN risk_acceptance_level TEXT NOT NULL DEFAULT '';
ALTER TABLE service ADD COLUMN service_hours TEXT NOT NULL DEFAULT '';
ALTER TABLE service ADD COLUMN criticality TEXT NOT NULL DEFAULT '';
-- JSON array of the placeholder / instruction texts kept as they are.
ALTER TABLE doc_approval ADD COLUMN kept TEXT NOT NULL DEFAULT '[]';
