-- 0010: management reviews (9.3). A review is planned, held with its attendees (top management
-- must attend for it to count), its inputs collected from the project and frozen when the
-- minutes are issued, and its minutes approved by a member of top management who attended.
-- Approved minutes are a record: the triggers below refuse any change to them.
--
-- Dates are `YYYY-MM-DD` text; times RFC 3339 UTC text. Decisions that need doing are actions
-- in the one action register (`action`, source 'management_review'), linked by id.

CREATE TABLE management_review (
    id              INTEGER PRIMARY KEY,
    title           TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    planned_on      TEXT    CHECK (planned_on IS NULL OR date(planned_on) = planned_on),
    held_on         TEXT    CHECK (held_on IS NULL OR date(held_on) = held_on),
    decisions       TEXT    NOT NULL DEFAULT '',
    next_planned_on TEXT    CHECK (next_planned_on IS NULL OR date(next_planned_on) = next_planned_on),
    inputs          TEXT    CHECK (inputs IS NULL OR json_valid(inputs)),
    minutes         TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'approved')),
    issued_at       TEXT,
    approved_by     INTEGER REFERENCES person(id),
    approved_at     TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    CHECK (status = 'draft'
           OR (held_on IS NOT NULL AND inputs IS NOT NULL AND issued_at IS NOT NULL
               AND length(trim(minutes)) > 0)),
    CHECK ((status = 'approved') = (approved_at IS NOT NULL)),
    CHECK ((status = 'approved') = (approved_by IS NOT NULL))
);

CREATE TABLE management_review_attendee (
    review_id      INTEGER NOT NULL REFERENCES management_review(id) ON DELETE CASCADE,
    person_id      INTEGER NOT NULL REFERENCES person(id),
    top_management INTEGER NOT NULL DEFAULT 0 CHECK (top_management IN (0, 1)),
    PRIMARY KEY (review_id, person_id)
) WITHOUT ROWID;

CREATE TABLE management_review_action (
    review_id INTEGER NOT NULL REFERENCES management_review(id) ON DELETE CASCADE,
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    PRIMARY KEY (review_id, action_id)
) WITHOUT ROWID;

-- Approved minutes are immutable, whatever writes to the file.
CREATE TRIGGER management_review_approved_no_update
BEFORE UPDATE ON management_review WHEN OLD.status = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'review_approved: approved management review minutes are a record');
END;

CREATE TRIGGER management_review_approved_no_delete
BEFORE DELETE ON management_review WHEN OLD.status = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'review_approved: approved management review minutes are a record');
END;

CREATE TRIGGER management_review_attendee_no_insert
BEFORE INSERT ON management_review_attendee
WHEN (SELECT status FROM management_review WHERE id = NEW.review_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'review_approved: approved management review minutes are a record');
END;

CREATE TRIGGER management_review_attendee_no_delete
BEFORE DELETE ON management_review_attendee
WHEN (SELECT status FROM management_review WHERE id = OLD.review_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'review_approved: approved management review minutes are a record');
END;
