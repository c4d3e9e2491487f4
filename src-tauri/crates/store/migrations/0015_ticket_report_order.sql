-- 0015: the `ticket` table rebuilt with the columns the monthly report reads first.
--
-- SQLite finds a column of a row by walking the row's header from the first column, so the
-- report's scan of every ticket paid for the fifteen columns in front of `month` and the
-- elapsed times on each row. Same columns, constraints and rows; only their order changes.
--
-- `major_incident_review` references `ticket(id)` with ON DELETE CASCADE: its rows are kept
-- aside while the table is replaced, then put back.

CREATE TEMP TABLE kept_incident_review AS SELECT * FROM major_incident_review;
DELETE FROM major_incident_review;

CREATE TABLE ticket_by_report (
    id             INTEGER PRIMARY KEY,
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
