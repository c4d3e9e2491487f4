-- 0007: operating records from the service desk (ISO/IEC 20000-1 8.3.3, 8.5.1, 8.6, 9.1):
-- the firm's business hours, structured service levels per service and priority, the CSV
-- exports imported (kept whole with their SHA-256 as evidence) and the tickets and changes
-- read from them.
--
-- Times are RFC 3339 UTC text. `ticket.month` (yyyymm in the firm's time zone) and the
-- elapsed-seconds columns are derived from the times and the business hours; they are
-- recomputed whenever the business hours change, so reports need no date arithmetic.

CREATE TABLE record_settings (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    business_hours TEXT    NOT NULL CHECK (json_valid(business_hours)),
    updated_at     TEXT    NOT NULL
);

CREATE TABLE service_level (
    service_id       INTEGER PRIMARY KEY REFERENCES service(id) ON DELETE CASCADE,
    availability_pct REAL    CHECK (availability_pct IS NULL
                                    OR (availability_pct > 0 AND availability_pct <= 100)),
    fulfilment_min   INTEGER CHECK (fulfilment_min IS NULL OR fulfilment_min > 0),
    fulfilment_clock TEXT    CHECK (fulfilment_clock IN ('24x7', 'business_hours')),
    note             TEXT    NOT NULL DEFAULT '',
    updated_at       TEXT    NOT NULL
);

CREATE TABLE service_level_target (
    service_id     INTEGER NOT NULL REFERENCES service(id) ON DELETE CASCADE,
    priority       TEXT    NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
    response_min   INTEGER CHECK (response_min IS NULL OR response_min > 0),
    resolution_min INTEGER CHECK (resolution_min IS NULL OR resolution_min > 0),
    clock          TEXT    NOT NULL CHECK (clock IN ('24x7', 'business_hours')),
    PRIMARY KEY (service_id, priority)
) WITHOUT ROWID;

-- The user's choices for a tool's service values (NULL service: "no service"), reused by
-- later imports from the same tool.
CREATE TABLE record_service_map (
    source     TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    service_id INTEGER REFERENCES service(id) ON DELETE CASCADE,
    PRIMARY KEY (source, value)
) WITHOUT ROWID;

CREATE TABLE record_source (
    id            INTEGER PRIMARY KEY,
    source        TEXT    NOT NULL CHECK (source IN ('jira', 'glpi', 'itop', 'zammad', 'ready20k')),
    file_name     TEXT    NOT NULL,
    size          INTEGER NOT NULL CHECK (size >= 0),
    sha256        TEXT    NOT NULL CHECK (length(sha256) = 64),
    bytes         BLOB    NOT NULL,
    imported_at   TEXT    NOT NULL,
    rows_read     INTEGER NOT NULL,
    rows_added    INTEGER NOT NULL,
    rows_updated  INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL
);

CREATE TABLE ticket (
    id             INTEGER PRIMARY KEY,
    source         TEXT    NOT NULL,
    external_id    TEXT    NOT NULL CHECK (length(external_id) > 0),
    source_file_id INTEGER NOT NULL REFERENCES record_source(id),
    kind           TEXT    NOT NULL CHECK (kind IN ('incident', 'request', 'change')),
    service_value  TEXT    NOT NULL DEFAULT '',
    service_id     INTEGER REFERENCES service(id) ON DELETE SET NULL,
    priority       TEXT    CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
    opened         TEXT    NOT NULL,
    responded      TEXT,
    resolved       TEXT,
    requester      TEXT    NOT NULL DEFAULT '',
    approver       TEXT    NOT NULL DEFAULT '',
    implementer    TEXT    NOT NULL DEFAULT '',
    change_type    TEXT    CHECK (change_type IN ('standard', 'normal', 'emergency')),
    outcome        TEXT    CHECK (outcome IN ('success', 'failed', 'rolled_back')),
    title          TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL DEFAULT '',
    self_approved  INTEGER NOT NULL DEFAULT 0 CHECK (self_approved IN (0, 1)),
    month          INTEGER NOT NULL,
    response_s     INTEGER,
    response_bs    INTEGER,
    resolution_s   INTEGER,
    resolution_bs  INTEGER,
    UNIQUE (source, external_id)
);
-- No index on month: the monthly report reads the whole table in one scan, which is faster
-- than an index walk with a row lookup per ticket and keeps imports cheaper.
