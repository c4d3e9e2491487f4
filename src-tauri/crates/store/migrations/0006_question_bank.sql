-- 0006: the calibrated question bank (content library, December 2026). Project files made
-- before keep their work: a question split off another one starts from the old answer and its
-- evidence links; a question moved to another clause (new id) takes the old answer, evidence
-- and actions with it. Every answer whose question changed is marked "review this" with the
-- reason, until the firm saves (or clears) that answer again.

CREATE TABLE answer_review (
    question_id TEXT PRIMARY KEY,
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0)
) WITHOUT ROWID;

-- Saving or clearing an answer means the firm looked at it again.
CREATE TRIGGER answer_review_done_on_insert AFTER INSERT ON answer
BEGIN
    DELETE FROM answer_review WHERE question_id = NEW.question_id;
END;
CREATE TRIGGER answer_review_done_on_update AFTER UPDATE ON answer
BEGIN
    DELETE FROM answer_review WHERE question_id = NEW.question_id;
END;
CREATE TRIGGER answer_review_done_on_delete AFTER DELETE ON answer
BEGIN
    DELETE FROM answer_review WHERE question_id = OLD.question_id;
END;

-- old id -> new id. `moved` = 1: the old question is gone (its answer, evidence links and
-- actions move); 0: the old question stays, narrowed, and the new one is split off it.
CREATE TEMP TABLE q_map (
    old   TEXT NOT NULL,
    new   TEXT NOT NULL,
    moved INTEGER NOT NULL
);
INSERT INTO q_map (old, new, moved) VALUES
    ('Q-8.5.1.3-02', 'Q-8.5.1.3-06', 0),
    ('Q-8.5.1.3-02', 'Q-8.5.1.3-07', 0),
    ('Q-8.6.1-04', 'Q-8.6.1-06', 0),
    ('Q-7.3-01', 'Q-7.3-03', 0),
    ('Q-6.1-04', 'Q-6.1-05', 0),
    ('Q-8.2.6-02', 'Q-8.2.6-05', 0),
    ('Q-8.2.6-03', 'Q-8.2.6-06', 0),
    ('Q-8.3.4.1-03', 'Q-8.3.4.1-06', 0),
    ('Q-8.6.1-05', 'Q-8.3.3-05', 1),
    ('Q-8.6.2-03', 'Q-8.7.3.2-05', 1),
    ('Q-7.5.4-03', 'Q-4.4-02', 1);

-- Reasons first (only for answers that exist), while the old answers are still there.
INSERT OR REPLACE INTO answer_review (question_id, reason)
SELECT m.new,
       CASE WHEN m.moved = 1 AND m.old = 'Q-7.5.4-03'
            THEN 'Q-7.5.4-03 (written process descriptions) repeated this question and was merged into it; check that the answer covers both.'
            WHEN m.moved = 1
            THEN 'This question replaces ' || m.old || ', which was filed under the wrong clause; it starts from that answer. Check it.'
            ELSE 'New question split off ' || m.old || '; it starts from that answer. Check it.'
       END
FROM q_map m
WHERE EXISTS (SELECT 1 FROM answer a WHERE a.question_id = m.old);

INSERT OR REPLACE INTO answer_review (question_id, reason)
SELECT m.old,
       'Part of this question moved to ' || group_concat(m.new, ' and ') || '; check that the answer still fits the narrower question.'
FROM q_map m
WHERE m.moved = 0 AND EXISTS (SELECT 1 FROM answer a WHERE a.question_id = m.old)
GROUP BY m.old;

INSERT OR REPLACE INTO answer_review (question_id, reason)
SELECT a.question_id, r.reason
FROM answer a
JOIN (SELECT 'Q-7.5.4-01' AS q, 'This question now asks only whether the required documents are under document control; whether each exists is asked at its own clause. Check the answer.' AS reason
      UNION ALL SELECT 'Q-8.5.2.1-01', 'Reworded: plans for each new service or major-impact change, or a written planning approach if there has been none yet. Check the answer.'
      UNION ALL SELECT 'Q-8.4.1-01', 'Reworded: one budget for all services in scope, or for a group of them, is enough. Check the answer.'
      UNION ALL SELECT 'Q-8.4.1-02', 'Reworded: costs may be compared with the budget per group of services. Check the answer.'
      UNION ALL SELECT 'Q-5.3-01', 'Reworded: deputies are no longer asked for. Check the answer.') r
  ON r.q = a.question_id
WHERE NOT EXISTS (SELECT 1 FROM answer_review x WHERE x.question_id = a.question_id);

-- New questions start from the old answer (an existing answer to the new id is kept).
-- These inserts fire the insert trigger, so the review rows of the new ids are written again
-- afterwards.
CREATE TEMP TABLE review_keep AS SELECT question_id, reason FROM answer_review;

INSERT OR IGNORE INTO answer (question_id, level, note, owner_id, target_date, other_party_id,
                              other_party_control, updated_at)
SELECT m.new, a.level, a.note, a.owner_id, a.target_date, a.other_party_id,
       a.other_party_control, a.updated_at
FROM q_map m JOIN answer a ON a.question_id = m.old;

INSERT OR IGNORE INTO evidence_question (evidence_id, question_id)
SELECT e.evidence_id, m.new
FROM q_map m JOIN evidence_question e ON e.question_id = m.old;

-- Moved questions: actions follow, the old id goes.
UPDATE action
SET question_id = (SELECT m.new FROM q_map m WHERE m.moved = 1 AND m.old = action.question_id)
WHERE question_id IN (SELECT old FROM q_map WHERE moved = 1);
DELETE FROM evidence_question WHERE question_id IN (SELECT old FROM q_map WHERE moved = 1);
DELETE FROM answer WHERE question_id IN (SELECT old FROM q_map WHERE moved = 1);

DELETE FROM answer_review;
INSERT INTO answer_review (question_id, reason)
SELECT k.question_id, k.reason
FROM review_keep k
WHERE EXISTS (SELECT 1 FROM answer a WHERE a.question_id = k.question_id);

DROP TABLE review_keep;
DROP TABLE q_map;
