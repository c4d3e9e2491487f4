-- 0001: the project header. A Ready20k project is marked by its application_id.
PRAGMA application_id = 1379020875; -- 0x5232304B, "R20K": identifies a Ready20k project file

CREATE TABLE project (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    firm_name   TEXT    NOT NULL CHECK (length(trim(firm_name)) > 0),
    created_at  TEXT    NOT NULL,
    app_version TEXT    NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
