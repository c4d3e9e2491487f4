-- 0009: the internal audit programme (9.2), its audits, their checklists and reports, and the
-- nonconformity fields of the one action register (10.1).
--
-- Dates are `YYYY-MM-DD` text; times RFC 3339 UTC text. Clause, process and area ids are
-- content ids (JSON arrays of text). Findings are actions (`action`, source 'audit') linked
-- from the checklist line that raised them. An approved audit report is a record: the
-- triggers below refuse any change to it, to its audit and to its checklist.

-- The programme: one row (the current cycle's header).
CREATE TABLE audit_programme (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    cycle_start  TEXT    NOT NULL CHECK (date(cycle_start) = cycle_start),
    target_date  TEXT    CHECK (target_date IS NULL OR date(target_date) = target_date),
    notes        TEXT    NOT NULL DEFAULT '',
    generated_at TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

CREATE TABLE audit (
    id               INTEGER PRIMARY KEY,
    cycle            INTEGER NOT NULL DEFAULT 1 CHECK (cycle >= 1),
    title            TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    areas            TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(areas)),
    clauses          TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(clauses)),
    processes        TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(processes)),
    planned_on       TEXT    NOT NULL CHECK (date(planned_on) = planned_on),
    performed_on     TEXT    CHECK (performed_on IS NULL OR date(performed_on) = performed_on),
    external_auditor TEXT    NOT NULL DEFAULT '',
    plan             TEXT    NOT NULL DEFAULT '',
    status           TEXT    NOT NULL DEFAULT 'planned'
                     CHECK (status IN ('planned', 'in_progress', 'reported')),
    mitigation       TEXT    NOT NULL DEFAULT '',
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    CHECK (status <> 'reported' OR performed_on IS NOT NULL)
);
CREATE INDEX audit_planned ON audit(planned_on);

CREATE TABLE audit_auditor (
    audit_id  INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id),
    PRIMARY KEY (audit_id, person_id)
) WITHOUT ROWID;

CREATE TABLE audit_service (
    audit_id   INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
    service_id INTEGER NOT NULL REFERENCES service(id) ON DELETE CASCADE,
    PRIMARY KEY (audit_id, service_id)
) WITHOUT ROWID;

-- One checklist line: what to check, how to sample it, and what was found.
CREATE TABLE audit_line (
    id            INTEGER PRIMARY KEY,
    audit_id      INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    clause        TEXT    NOT NULL,
    question_id   TEXT,
    prompt        TEXT    NOT NULL CHECK (length(trim(prompt)) > 0),
    sampling      TEXT    NOT NULL DEFAULT '',
    result        TEXT    NOT NULL DEFAULT 'not_checked'
                  CHECK (result IN ('conformity', 'minor_nc', 'major_nc', 'ofi', 'not_checked')),
    evidence_refs TEXT    NOT NULL DEFAULT '',
    notes         TEXT    NOT NULL DEFAULT '',
    action_id     INTEGER REFERENCES action(id) ON DELETE SET NULL,
    UNIQUE (audit_id, position)
);
CREATE INDEX audit_line_action ON audit_line(action_id);

-- The issued report; approved once, then never changed.
CREATE TABLE audit_report (
    audit_id    INTEGER PRIMARY KEY REFERENCES audit(id),
    version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    summary     TEXT    NOT NULL DEFAULT '',
    body        TEXT    NOT NULL CHECK (length(trim(body)) > 0),
    issued_at   TEXT    NOT NULL,
    issued_by   INTEGER REFERENCES person(id),
    approved_at TEXT,
    approved_by INTEGER REFERENCES person(id),
    CHECK ((approved_at IS NULL) = (approved_by IS NULL))
);

CREATE TRIGGER audit_report_approved_no_update
BEFORE UPDATE ON audit_report WHEN OLD.approved_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'audit_report_approved: an approved audit report is a record');
END;

CREATE TRIGGER audit_report_approved_no_delete
BEFORE DELETE ON audit_report WHEN OLD.approved_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'audit_report_approved: an approved audit report is a record');
END;

CREATE TRIGGER audit_approved_no_update
BEFORE UPDATE ON audit
WHEN EXISTS (SELECT 1 FROM audit_report r WHERE r.audit_id = OLD.id AND r.approved_at IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'audit_report_approved: the audit of an approved report is a record');
END;

CREATE TRIGGER audit_approved_no_delete
BEFORE DELETE ON audit
WHEN EXISTS (SELECT 1 FROM audit_report r WHERE r.audit_id = OLD.id AND r.approved_at IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'audit_report_approved: the audit of an approved report is a record');
END;

CREATE TRIGGER audit_line_approved_no_update
BEFORE UPDATE ON audit_line
WHEN EXISTS (SELECT 1 FROM audit_report r
             WHERE r.audit_id = OLD.audit_id AND r.approved_at IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'audit_report_approved: the checklist of an approved report is a record');
END;

-- Nonconformity fields of the action register (10.1). `cause`, `correction`,
-- `corrective_action` and `verification` (text) exist since 0005.
ALTER TABLE action ADD COLUMN nc_grade TEXT
    CHECK (nc_grade IS NULL OR nc_grade IN ('major', 'minor', 'ofi'));
ALTER TABLE action ADD COLUMN requirement TEXT NOT NULL DEFAULT '';
ALTER TABLE action ADD COLUMN nc_evidence TEXT NOT NULL DEFAULT '';
ALTER TABLE action ADD COLUMN verified_on TEXT
    CHECK (verified_on IS NULL OR date(verified_on) = verified_on);
ALTER TABLE action ADD COLUMN verified_by INTEGER REFERENCES person(id);
ALTER TABLE action ADD COLUMN closed_on TEXT
    CHECK (closed_on IS NULL OR date(closed_on) = closed_on);
