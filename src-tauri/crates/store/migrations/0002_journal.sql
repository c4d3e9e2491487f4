-- 0002: an append-only journal of changes, shown as the project's history and used by the
-- crash-safety test as a simple acknowledged-write log.
CREATE TABLE journal (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX journal_kind ON journal(kind);

ALTER TABLE project ADD COLUMN updated_at TEXT;
UPDATE project SET updated_at = created_at;
