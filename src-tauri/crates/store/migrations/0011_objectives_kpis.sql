-- 0011: service management objectives and their KPIs (ISO/IEC 20000-1 6.2, 9.1), and the
-- reviews of major incidents (8.6.1).
--
-- A KPI either reads a measurement of the operating records (e.g. the % of a service's
-- incidents resolved within target, per month) or is entered by hand. Hand-entered values
-- are append-only: a correction is a new value for the same period; the latest recorded one
-- counts. `period` is the month the value describes, `recorded_at` when it was entered.

CREATE TABLE objective (
    id          INTEGER PRIMARY KEY,
    text        TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    owner       TEXT    NOT NULL DEFAULT '',
    due         TEXT    CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

CREATE TABLE kpi (
    id           INTEGER PRIMARY KEY,
    objective_id INTEGER NOT NULL REFERENCES objective(id),
    name         TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    unit         TEXT    NOT NULL DEFAULT '',
    target       REAL    NOT NULL,
    direction    TEXT    NOT NULL CHECK (direction IN ('at_least', 'at_most')),
    source       TEXT    NOT NULL CHECK (source IN ('manual', 'measurement')),
    measure      TEXT,
    service_id   INTEGER REFERENCES service(id) ON DELETE SET NULL,
    created_at   TEXT    NOT NULL,
    CHECK ((source = 'manual') = (measure IS NULL))
);
CREATE INDEX kpi_objective ON kpi(objective_id);

CREATE TABLE kpi_value (
    id          INTEGER PRIMARY KEY,
    kpi_id      INTEGER NOT NULL REFERENCES kpi(id),
    period      TEXT    NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    value       REAL    NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    recorded_at TEXT    NOT NULL
);
CREATE INDEX kpi_value_kpi ON kpi_value(kpi_id, period);

CREATE TRIGGER kpi_value_no_update BEFORE UPDATE ON kpi_value
BEGIN
    SELECT RAISE(ABORT, 'KPI values are append-only');
END;
CREATE TRIGGER kpi_value_no_delete BEFORE DELETE ON kpi_value
BEGIN
    SELECT RAISE(ABORT, 'KPI values are append-only');
END;

CREATE TABLE major_incident_review (
    ticket_id   INTEGER PRIMARY KEY REFERENCES ticket(id) ON DELETE CASCADE,
    reviewed_on TEXT    NOT NULL CHECK (reviewed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note        TEXT    NOT NULL DEFAULT '',
    recorded_at TEXT    NOT NULL
);
