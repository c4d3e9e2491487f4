-- 0005: the readiness self-assessment: answers, evidence (files stored here with their
-- SHA-256, approved document versions, or a described location), the action plan / 10.1
-- corrective action register, and frozen scorecard snapshots.

-- One answer per question id (ids are stable in the content library).
CREATE TABLE answer (
    question_id         TEXT    PRIMARY KEY,
    level               INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),
    note                TEXT    NOT NULL DEFAULT '',
    owner_id            INTEGER REFERENCES person(id) ON DELETE SET NULL,
    target_date         TEXT    CHECK (target_date IS NULL OR date(target_date) = target_date),
    other_party_id      INTEGER REFERENCES other_party(id) ON DELETE SET NULL,
    other_party_control TEXT    NOT NULL DEFAULT '',
    updated_at          TEXT    NOT NULL
) WITHOUT ROWID;

-- File contents live in evidence_file so listing evidence never reads the blobs.
CREATE TABLE evidence (
    id               INTEGER PRIMARY KEY,
    kind             TEXT    NOT NULL CHECK (kind IN ('file', 'document', 'location')),
    title            TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    file_name        TEXT,
    size             INTEGER CHECK (size IS NULL OR size >= 0),
    sha256           TEXT    CHECK (sha256 IS NULL OR length(sha256) = 64),
    document_id      TEXT,
    document_version INTEGER,
    location         TEXT,
    added_at         TEXT    NOT NULL,
    expires_on       TEXT    CHECK (expires_on IS NULL OR date(expires_on) = expires_on),
    review_on        TEXT    CHECK (review_on IS NULL OR date(review_on) = review_on),
    CHECK (kind <> 'file' OR (file_name IS NOT NULL AND sha256 IS NOT NULL AND size IS NOT NULL)),
    CHECK (kind <> 'document' OR (document_id IS NOT NULL AND document_version IS NOT NULL)),
    CHECK (kind <> 'location' OR length(trim(coalesce(location, ''))) > 0)
);

CREATE TABLE evidence_file (
    evidence_id INTEGER PRIMARY KEY REFERENCES evidence(id) ON DELETE CASCADE,
    content     BLOB    NOT NULL
);

CREATE TABLE evidence_question (
    evidence_id INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    question_id TEXT    NOT NULL,
    PRIMARY KEY (evidence_id, question_id)
) WITHOUT ROWID;
CREATE INDEX evidence_question_q ON evidence_question(question_id);

-- The action plan and the nonconformity / corrective action register (10.1).
CREATE TABLE action (
    id                INTEGER PRIMARY KEY,
    source            TEXT    NOT NULL CHECK (source IN ('gap', 'audit', 'management_review', 'other')),
    question_id       TEXT,
    title             TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    owner_id          INTEGER REFERENCES person(id) ON DELETE SET NULL,
    due               TEXT    CHECK (due IS NULL OR date(due) = due),
    status            TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
    cause             TEXT    NOT NULL DEFAULT '',
    correction        TEXT    NOT NULL DEFAULT '',
    corrective_action TEXT    NOT NULL DEFAULT '',
    verification      TEXT    NOT NULL DEFAULT '',
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    CHECK (source <> 'gap' OR question_id IS NOT NULL)
);
CREATE INDEX action_question ON action(question_id);

-- A frozen scorecard: the whole Scorecard as JSON plus the headline numbers for the trend.
CREATE TABLE snapshot (
    id           INTEGER PRIMARY KEY,
    taken_at     TEXT    NOT NULL,
    label        TEXT    NOT NULL CHECK (length(trim(label)) > 0),
    overall      REAL    NOT NULL,
    stage1       TEXT    NOT NULL,
    stage1_score REAL    NOT NULL,
    stage2       TEXT    NOT NULL,
    stage2_score REAL    NOT NULL,
    answered     INTEGER NOT NULL,
    questions    INTEGER NOT NULL,
    scorecard    TEXT    NOT NULL CHECK (json_valid(scorecard))
);
