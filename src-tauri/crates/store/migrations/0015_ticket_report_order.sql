-- 0015: the `ticket` table rebuilt with the columns the monthly report reads first.
--
-- SQLite finds a column of a row by walking the row's header from the first column, so the
-- report's scan of every ticket paid for the fifteen columns in front of `month` and the
-- elapsed times on each row. Same columns, constraints and rows, in a new order, plus three
-- generated columns that pack what the report reads.
--
-- `major_incident_review` references `ticket(id)` with ON DELETE CASCADE: its rows are kept
-- aside while the table is replaced, then put back.

CREATE TEMP TABLE kept_incident_review AS SELECT * FROM major_incident_review;
DELETE FROM major_incident_review;

CREATE TABLE ticket_by_report (
    id             INTEGER PRIMARY KEY,
    -- What the monthly report reads of every record, packed by SQLite itself on every insert
    -- and update (service removed, times recomputed for new business hours...), so that the
    -- report reads three integers a record instead of eight columns, four of them text.
    -- `report_facts`: (service_id + 1, 0 for none) << 12 | self_approved << 11
    --   | outcome << 8 | change_type << 5 | priority << 2 | kind; codes: kind incident 0,
    --   request 1, change 2; priority P1..P4 1..4; change_type standard 1, normal 2,
    --   emergency 3; outcome success 1, failed 2, rolled_back 3; absent 0; anything else is
    --   the highest code of its field, which the report refuses as corrupt.
    -- `report_response` / `report_resolution`: 24x7 seconds << 32 | business seconds (each
    --   within 0..2^32-1, 136 years), NULL while not reached.
    report_facts   INTEGER GENERATED ALWAYS AS (
        (coalesce(service_id + 1, 0) << 12)
        | ((self_approved != 0) << 11)
        | (CASE WHEN outcome IS NULL THEN 0 WHEN outcome = 'success' THEN 1
                WHEN outcome = 'failed' THEN 2 WHEN outcome = 'rolled_back' THEN 3 ELSE 7 END << 8)
        | (CASE WHEN change_type IS NULL THEN 0 WHEN change_type = 'standard' THEN 1
                WHEN change_type = 'normal' THEN 2 WHEN change_type = 'emergency' THEN 3
                ELSE 7 END << 5)
        | (CASE WHEN priority IS NULL THEN 0 WHEN priority = 'P1' THEN 1 WHEN priority = 'P2'
                THEN 2 WHEN priority = 'P3' THEN 3 WHEN priority = 'P4' THEN 4 ELSE 7 END << 2)
        | CASE kind WHEN 'incident' THEN 0 WHEN 'request' THEN 1 WHEN 'change' THEN 2 ELSE 3 END
    ) STORED,
    report_response INTEGER GENERATED ALWAYS AS (
        CASE WHEN response_s IS NULL OR response_bs IS NULL THEN NULL
             ELSE (min(max(response_s, 0), 4294967295) << 32)
                  | min(max(response_bs, 0), 4294967295) END
    ) STORED,
    report_resolution INTEGER GENERATED ALWAYS AS (
        CASE WHEN resolution_s IS NULL OR resolution_bs IS NULL THEN NULL
             ELSE (min(max(resolution_s, 0), 4294967295) << 32)
                  | min(max(resolution_bs, 0), 4294967295) END
    ) STORED,
    -- Read by the monthly report, in its order.
    service_id     INTEGER REFERENCES service(id) ON DELETE SET NULL,
    month          INTEGER NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('incident', 'request', 'change')),
    priority       TEXT    CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
    response_s     INTEGER,
    response_bs    INTEGER,
    resolution_s   INTEGER,
    resolution_bs  INTEGER,
    change_type    TEXT    CHECK (change_type IN ('standard', 'normal', 'emergency')),
    outcome        TEXT    CHECK (outcome IN ('success', 'failed', 'rolled_back')),
    self_approved  INTEGER NOT NULL DEFAULT 0 CHECK (self_approved IN (0, 1)),
    opened         TEXT    NOT NULL,
    -- The rest of the record.
    source         TEXT    NOT NULL,
    external_id    TEXT    NOT NULL CHECK (length(external_id) > 0),
    source_file_id INTEGER NOT NULL REFERENCES record_source(id),
    service_value  TEXT    NOT NULL DEFAULT '',
    responded      TEXT,
    resolved       TEXT,
    requester      TEXT    NOT NULL DEFAULT '',
    approver       TEXT    NOT NULL DEFAULT '',
    implementer    TEXT    NOT NULL DEFAULT '',
    title          TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL DEFAULT '',
    UNIQUE (source, external_id)
);

INSERT INTO ticket_by_report (id, service_id, month, kind, priority, response_s, response_bs,
    resolution_s, resolution_bs, change_type, outcome, self_approved, opened, source,
    external_id, source_file_id, service_value, responded, resolved, requester, approver,
    implementer, title, status)
SELECT id, service_id, month, kind, priority, response_s, response_bs, resolution_s,
    resolution_bs, change_type, outcome, self_approved, opened, source, external_id,
    source_file_id, service_value, responded, resolved, requester, approver, implementer,
    title, status
FROM ticket ORDER BY id;

DROP TABLE ticket;
ALTER TABLE ticket_by_report RENAME TO ticket;

INSERT INTO major_incident_review SELECT * FROM temp.kept_incident_review;
DROP TABLE temp.kept_incident_review;
