-- 0003: the guided setup wizard: firm profile, context (4.1, 4.2), services and scope (4.3,
-- 8.2), people, role assignments with separation-of-duties mitigations, and wizard progress.
-- Lists of short strings (customer kinds, customers, locations) are JSON arrays of strings.

CREATE TABLE firm_profile (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    legal_name         TEXT    NOT NULL DEFAULT '',
    trading_name       TEXT    NOT NULL DEFAULT '',
    address            TEXT    NOT NULL DEFAULT '',
    sector             TEXT    NOT NULL DEFAULT '',
    headcount          INTEGER NOT NULL DEFAULT 0 CHECK (headcount >= 0),
    customer_kinds     TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(customer_kinds)),
    target_date        TEXT,
    certification_body TEXT    NOT NULL DEFAULT '',
    updated_at         TEXT    NOT NULL
);

CREATE TABLE context_issue (
    id       INTEGER PRIMARY KEY,
    kind     TEXT    NOT NULL CHECK (kind IN ('internal', 'external')),
    text     TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    position INTEGER NOT NULL
);

CREATE TABLE interested_party (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    requirements TEXT    NOT NULL DEFAULT '',
    position     INTEGER NOT NULL
);

CREATE TABLE climate_decision (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    relevant   INTEGER CHECK (relevant IN (0, 1)),
    rationale  TEXT    NOT NULL DEFAULT '',
    updated_at TEXT    NOT NULL
);

CREATE TABLE service (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    description         TEXT    NOT NULL DEFAULT '',
    customers           TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(customers)),
    sla_targets         TEXT    NOT NULL DEFAULT '',
    locations           TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(locations)),
    delivered_by_others INTEGER NOT NULL DEFAULT 0 CHECK (delivered_by_others IN (0, 1)),
    position            INTEGER NOT NULL
);

CREATE TABLE other_party (
    id       INTEGER PRIMARY KEY,
    name     TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    kind     TEXT    NOT NULL CHECK (kind IN ('external_supplier', 'internal_supplier', 'customer')),
    provides TEXT    NOT NULL DEFAULT '',
    position INTEGER NOT NULL
);

CREATE TABLE other_party_service (
    other_party_id INTEGER NOT NULL REFERENCES other_party(id) ON DELETE CASCADE,
    service_id     INTEGER NOT NULL REFERENCES service(id) ON DELETE CASCADE,
    PRIMARY KEY (other_party_id, service_id)
) WITHOUT ROWID;

CREATE TABLE other_party_process (
    other_party_id INTEGER NOT NULL REFERENCES other_party(id) ON DELETE CASCADE,
    process_id     TEXT    NOT NULL,
    PRIMARY KEY (other_party_id, process_id)
) WITHOUT ROWID;

CREATE TABLE scope_statement (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    text       TEXT    NOT NULL DEFAULT '',
    edited     INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
    updated_at TEXT    NOT NULL
);

-- People are soft-deleted (deleted_at set) so that removing one can be undone with their
-- role assignments intact; everything else reads only current people.
CREATE TABLE person (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    email      TEXT    NOT NULL DEFAULT '',
    job_title  TEXT    NOT NULL DEFAULT '',
    external   INTEGER NOT NULL DEFAULT 0 CHECK (external IN (0, 1)),
    created_at TEXT    NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX person_email ON person(lower(email)) WHERE deleted_at IS NULL AND email <> '';

CREATE TABLE role_holder (
    role_id   TEXT    NOT NULL,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (role_id, person_id)
) WITHOUT ROWID;

CREATE TABLE role_deputy (
    role_id   TEXT    PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE sod_mitigation (
    rule_id     TEXT    NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    text        TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    recorded_at TEXT    NOT NULL,
    PRIMARY KEY (rule_id, person_id)
) WITHOUT ROWID;

CREATE TABLE wizard_progress (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    current_step TEXT    NOT NULL DEFAULT 'profile',
    completed    TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(completed)),
    updated_at   TEXT    NOT NULL
);
