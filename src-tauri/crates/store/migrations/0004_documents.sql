-- 0004: document drafting: the firm's documents (library ones once started, and its own),
-- autosaved drafts, the firm's own files, immutable issued versions and their approvals.
-- People are referenced by id without a foreign key (the wizard soft-deletes people); the
-- name at the time is copied onto versions and approvals so the record stays readable.

CREATE TABLE doc_document (
    id               INTEGER PRIMARY KEY,
    doc_key          TEXT    NOT NULL UNIQUE CHECK (length(trim(doc_key)) > 0),
    title            TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    kind             TEXT    NOT NULL CHECK (kind IN ('document', 'record')),
    clause           TEXT    NOT NULL DEFAULT '',
    template_id      TEXT,
    owner_role       TEXT    NOT NULL,
    approver_role    TEXT    NOT NULL,
    review_months    INTEGER NOT NULL CHECK (review_months BETWEEN 1 AND 120),
    next_review_date TEXT,
    created_at       TEXT    NOT NULL
);

-- A file of the firm's own (PDF, DOCX, Markdown), kept in the project with its SHA-256.
CREATE TABLE doc_attachment (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES doc_document(id),
    file_name   TEXT    NOT NULL,
    media_type  TEXT    NOT NULL,
    size        INTEGER NOT NULL CHECK (size >= 0),
    sha256      TEXT    NOT NULL CHECK (length(sha256) = 64),
    content     BLOB    NOT NULL,
    added_at    TEXT    NOT NULL
);

-- The one working draft of a document; `revision` guards autosave against lost updates.
CREATE TABLE doc_draft (
    document_id      INTEGER PRIMARY KEY REFERENCES doc_document(id),
    body             TEXT    NOT NULL DEFAULT '',
    attachment_id    INTEGER REFERENCES doc_attachment(id),
    author_person_id INTEGER,
    filled_values    TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(filled_values)),
    revision         INTEGER NOT NULL DEFAULT 1,
    updated_at       TEXT    NOT NULL
);

CREATE TABLE doc_version (
    id               INTEGER PRIMARY KEY,
    document_id      INTEGER NOT NULL REFERENCES doc_document(id),
    major            INTEGER NOT NULL CHECK (major >= 1),
    minor            INTEGER NOT NULL CHECK (minor >= 0),
    body             TEXT    NOT NULL,
    attachment_id    INTEGER REFERENCES doc_attachment(id),
    sha256           TEXT    NOT NULL CHECK (length(sha256) = 64),
    change_summary   TEXT    NOT NULL CHECK (length(trim(change_summary)) > 0),
    author_person_id INTEGER,
    author_name      TEXT    NOT NULL,
    filled_values    TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(filled_values)),
    issued_at        TEXT    NOT NULL,
    UNIQUE (document_id, major, minor)
);

CREATE TABLE doc_approval (
    id                 INTEGER PRIMARY KEY,
    version_id         INTEGER NOT NULL UNIQUE REFERENCES doc_version(id),
    approver_person_id INTEGER NOT NULL,
    approver_name      TEXT    NOT NULL,
    role_id            TEXT    NOT NULL,
    role_name          TEXT    NOT NULL,
    approved_at        TEXT    NOT NULL,
    sod_note           TEXT
);

-- Issued versions, approvals and stored files never change and are never removed.
CREATE TRIGGER doc_version_immutable BEFORE UPDATE ON doc_version
BEGIN
    SELECT RAISE(ABORT, 'issued document versions cannot be changed');
END;
CREATE TRIGGER doc_version_permanent BEFORE DELETE ON doc_version
BEGIN
    SELECT RAISE(ABORT, 'issued document versions cannot be deleted');
END;
CREATE TRIGGER doc_approval_immutable BEFORE UPDATE ON doc_approval
BEGIN
    SELECT RAISE(ABORT, 'approvals cannot be changed');
END;
CREATE TRIGGER doc_approval_permanent BEFORE DELETE ON doc_approval
BEGIN
    SELECT RAISE(ABORT, 'approvals cannot be deleted');
END;
CREATE TRIGGER doc_attachment_immutable BEFORE UPDATE ON doc_attachment
BEGIN
    SELECT RAISE(ABORT, 'stored files cannot be changed');
END;
CREATE TRIGGER doc_attachment_in_use BEFORE DELETE ON doc_attachment
WHEN EXISTS (SELECT 1 FROM doc_version WHERE attachment_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'a file used by an issued version cannot be deleted');
END;
