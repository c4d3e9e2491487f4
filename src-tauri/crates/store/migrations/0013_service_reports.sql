-- 0013: issued monthly service reports (ISO/IEC 20000-1 8.3.3, 9.4). Issuing a report makes
-- it a record: the PDF is kept whole with its SHA-256 and the figures it showed (JSON), and
-- the row is never changed or deleted. A re-issue of the same service and month is a new row
-- with the next version.
--
-- The service's and the issuer's names are kept as they were when issued. The only change a
-- row accepts is a reference being cleared by ON DELETE SET NULL (a service removed from the
-- catalogue, an evidence item removed from the register); the triggers refuse everything else.

CREATE TABLE service_report (
    id             INTEGER PRIMARY KEY,
    service_id     INTEGER REFERENCES service(id) ON DELETE SET NULL,
    service_name   TEXT    NOT NULL CHECK (length(trim(service_name)) > 0),
    month          TEXT    NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    version        INTEGER NOT NULL CHECK (version >= 1),
    issued_on      TEXT    NOT NULL CHECK (date(issued_on) = issued_on),
    issued_by      INTEGER NOT NULL REFERENCES person(id),
    issued_by_name TEXT    NOT NULL,
    issued_at      TEXT    NOT NULL,
    pages          INTEGER NOT NULL CHECK (pages >= 1),
    size           INTEGER NOT NULL CHECK (size = length(pdf)),
    sha256         TEXT    NOT NULL CHECK (length(sha256) = 64),
    pdf            BLOB    NOT NULL,
    figures        TEXT    NOT NULL CHECK (json_valid(figures)),
    evidence_id    INTEGER REFERENCES evidence(id) ON DELETE SET NULL,
    UNIQUE (service_name, month, version)
);
CREATE INDEX service_report_service ON service_report(service_id, month);

CREATE TRIGGER service_report_no_update
BEFORE UPDATE ON service_report
WHEN NEW.id IS NOT OLD.id
  OR NEW.service_name IS NOT OLD.service_name OR NEW.month IS NOT OLD.month
  OR NEW.version IS NOT OLD.version OR NEW.issued_on IS NOT OLD.issued_on
  OR NEW.issued_by IS NOT OLD.issued_by OR NEW.issued_by_name IS NOT OLD.issued_by_name
  OR NEW.issued_at IS NOT OLD.issued_at OR NEW.pages IS NOT OLD.pages
  OR NEW.size IS NOT OLD.size OR NEW.sha256 IS NOT OLD.sha256 OR NEW.pdf IS NOT OLD.pdf
  OR NEW.figures IS NOT OLD.figures
  OR (NEW.service_id IS NOT OLD.service_id AND NEW.service_id IS NOT NULL)
  OR (NEW.evidence_id IS NOT OLD.evidence_id AND NEW.evidence_id IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'service_report_issued: an issued service report is a record');
END;

CREATE TRIGGER service_report_no_delete
BEFORE DELETE ON service_report
BEGIN
    SELECT RAISE(ABORT, 'service_report_issued: an issued service report is a record');
END;
