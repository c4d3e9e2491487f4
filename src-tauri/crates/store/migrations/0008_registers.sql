-- 0008: the registers of issue 14: risks and opportunities (6.1, 8.7.3.1), suppliers and
-- agreements (8.3.4), and the SMS calendar's settings and completion records.
--
-- Dates are `YYYY-MM-DD` text; times RFC 3339 UTC text. Treatment and supplier-review actions
-- live in the one action register (`action`, migration 0005) and are linked by id.

-- The firm's risk criteria, set once: words for likelihood and impact 1–5 (JSON arrays of five
-- strings) and the highest score (likelihood × impact) accepted without treatment.
CREATE TABLE risk_criteria (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    likelihood  TEXT    NOT NULL CHECK (json_valid(likelihood) AND json_array_length(likelihood) = 5),
    impact      TEXT    NOT NULL CHECK (json_valid(impact) AND json_array_length(impact) = 5),
    acceptance  INTEGER NOT NULL CHECK (acceptance BETWEEN 1 AND 25),
    updated_at  TEXT    NOT NULL
);

CREATE TABLE risk (
    id                INTEGER PRIMARY KEY,
    kind              TEXT    NOT NULL CHECK (kind IN ('risk', 'opportunity')),
    title             TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    description       TEXT    NOT NULL DEFAULT '',
    source_kind       TEXT    NOT NULL CHECK (source_kind IN ('context_issue', 'interested_party',
                                  'service', 'supplier', 'climate', 'other')),
    source_id         INTEGER,
    suggestion_key    TEXT    UNIQUE,
    owner_id          INTEGER REFERENCES person(id) ON DELETE SET NULL,
    inherent_l        INTEGER NOT NULL CHECK (inherent_l BETWEEN 1 AND 5),
    inherent_i        INTEGER NOT NULL CHECK (inherent_i BETWEEN 1 AND 5),
    residual_l        INTEGER CHECK (residual_l IS NULL OR residual_l BETWEEN 1 AND 5),
    residual_i        INTEGER CHECK (residual_i IS NULL OR residual_i BETWEEN 1 AND 5),
    treatment         TEXT    CHECK (treatment IS NULL
                                     OR treatment IN ('reduce', 'avoid', 'transfer', 'accept', 'pursue')),
    treatment_note    TEXT    NOT NULL DEFAULT '',
    review_on         TEXT    CHECK (review_on IS NULL OR date(review_on) = review_on),
    status            TEXT    NOT NULL DEFAULT 'open'
                              CHECK (status IN ('open', 'treating', 'monitored', 'closed')),
    infosec           INTEGER NOT NULL DEFAULT 0 CHECK (infosec IN (0, 1)),
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    CHECK ((residual_l IS NULL) = (residual_i IS NULL))
);

CREATE TABLE risk_action (
    risk_id   INTEGER NOT NULL REFERENCES risk(id) ON DELETE CASCADE,
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    PRIMARY KEY (risk_id, action_id)
) WITHOUT ROWID;

-- One agreement per other party (a contract, or an internal agreement for an internal
-- supplier); contacts are a JSON array of {name, role, email, phone}.
CREATE TABLE supplier_agreement (
    id             INTEGER PRIMARY KEY,
    party_id       INTEGER NOT NULL UNIQUE REFERENCES other_party(id) ON DELETE CASCADE,
    contract_ref   TEXT    NOT NULL DEFAULT '',
    start_on       TEXT    CHECK (start_on IS NULL OR date(start_on) = start_on),
    end_on         TEXT    CHECK (end_on IS NULL OR date(end_on) = end_on),
    notice_on      TEXT    CHECK (notice_on IS NULL OR date(notice_on) = notice_on),
    service_levels TEXT    NOT NULL DEFAULT '',
    contacts       TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(contacts)),
    review_months  INTEGER NOT NULL DEFAULT 12 CHECK (review_months BETWEEN 1 AND 36),
    notes          TEXT    NOT NULL DEFAULT '',
    updated_at     TEXT    NOT NULL
);

CREATE TABLE supplier_review (
    id          INTEGER PRIMARY KEY,
    party_id    INTEGER NOT NULL REFERENCES other_party(id) ON DELETE CASCADE,
    reviewed_on TEXT    NOT NULL CHECK (date(reviewed_on) = reviewed_on),
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    issues      TEXT    NOT NULL DEFAULT '',
    reviewer_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    created_at  TEXT    NOT NULL
);
CREATE INDEX supplier_review_party ON supplier_review(party_id, reviewed_on);

CREATE TABLE supplier_review_action (
    review_id INTEGER NOT NULL REFERENCES supplier_review(id) ON DELETE CASCADE,
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    PRIMARY KEY (review_id, action_id)
) WITHOUT ROWID;

CREATE TABLE supplier_dispute (
    id          INTEGER PRIMARY KEY,
    party_id    INTEGER NOT NULL REFERENCES other_party(id) ON DELETE CASCADE,
    opened_on   TEXT    NOT NULL CHECK (date(opened_on) = opened_on),
    description TEXT    NOT NULL CHECK (length(trim(description)) > 0),
    status      TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    resolved_on TEXT    CHECK (resolved_on IS NULL OR date(resolved_on) = resolved_on),
    resolution  TEXT    NOT NULL DEFAULT '',
    updated_at  TEXT    NOT NULL,
    CHECK (status = 'open' OR resolved_on IS NOT NULL)
);

-- "We have none of these": an explicit statement per kind of other party.
CREATE TABLE supplier_none (
    kind        TEXT PRIMARY KEY CHECK (kind IN ('external_supplier', 'internal_supplier', 'customer')),
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
) WITHOUT ROWID;

-- The project's choices for a duty of the duty list: its first due date, its owner, a
-- frequency other than the default for the firm's size, or that it does not apply.
CREATE TABLE calendar_duty (
    duty_id    TEXT    PRIMARY KEY,
    anchor_on  TEXT    CHECK (anchor_on IS NULL OR date(anchor_on) = anchor_on),
    frequency  TEXT    CHECK (frequency IS NULL
                              OR frequency IN ('weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly')),
    owner_id   INTEGER REFERENCES person(id) ON DELETE SET NULL,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at TEXT    NOT NULL
) WITHOUT ROWID;

-- A calendar occurrence marked done, always with a record: a piece of evidence, or a note with
-- a file kept here with its SHA-256 (the bytes in calendar_completion_file).
CREATE TABLE calendar_completion (
    occurrence_id TEXT    PRIMARY KEY CHECK (length(occurrence_id) > 0),
    series_id     TEXT    NOT NULL,
    due_on        TEXT    NOT NULL CHECK (date(due_on) = due_on),
    done_on       TEXT    NOT NULL CHECK (date(done_on) = done_on),
    person_id     INTEGER REFERENCES person(id) ON DELETE SET NULL,
    evidence_id   INTEGER REFERENCES evidence(id) ON DELETE RESTRICT,
    note          TEXT    NOT NULL DEFAULT '',
    file_name     TEXT,
    size          INTEGER CHECK (size IS NULL OR size >= 0),
    sha256        TEXT    CHECK (sha256 IS NULL OR length(sha256) = 64),
    created_at    TEXT    NOT NULL,
    CHECK ((file_name IS NULL) = (sha256 IS NULL) AND (file_name IS NULL) = (size IS NULL)),
    CHECK (evidence_id IS NOT NULL OR (file_name IS NOT NULL AND length(trim(note)) > 0))
) WITHOUT ROWID;

CREATE TABLE calendar_completion_file (
    occurrence_id TEXT PRIMARY KEY REFERENCES calendar_completion(occurrence_id) ON DELETE CASCADE,
    content       BLOB NOT NULL
) WITHOUT ROWID;
