import { describe, expect, it } from "vitest";
import { setInvoke } from "../../api";
import type { AnswerRecord } from "../../bindings/AnswerRecord";
import type { AssessmentView } from "../../bindings/AssessmentView";
import type { Question } from "../../bindings/Question";
import { assessment } from "./assessment.svelte";

function q(id: string): Question {
  return { id, clause: "4.1", text: id, evidence: [], weight: 1, blocking: false, stage: 2, documents: [] };
}

const view: AssessmentView = {
  today: "2026-03-01",
  scale: [],
  sections: [
    {
      id: "4",
      title: "Context",
      requirements: [{ id: "4.1", title: "A", summary: "", documents: [], questions: [q("Q-1"), q("Q-2"), q("Q-3")] }],
    },
  ],
  answers: [],
  effective_levels: {},
  evidence: [],
  people: [],
  other_parties: [],
  documents: [],
  clause_scores: { "4": 0 },
  review: {},
};

describe("assessment state", () => {
  it("answers fast key presses in order, one question each", async () => {
    const saved: string[] = [];
    setInvoke(async <T>(cmd: string, args?: Record<string, unknown>): Promise<T> => {
      if (cmd === "assessment_load") return structuredClone(view) as T;
      if (cmd === "assessment_save_answer") {
        const a = args?.answer as AnswerRecord;
        // Later saves answer faster: order must still hold.
        await new Promise((r) => setTimeout(r, a.question_id === "Q-1" ? 30 : 1));
        saved.push(`${a.question_id}=${a.level}`);
        return {
          question_id: a.question_id,
          answer: a,
          warnings: [],
          effective_level: 2,
          clause_scores: { "4": 10 },
        } as T;
      }
      throw { code: "unknown", message: cmd };
    });
    await assessment.load();
    expect(assessment.current?.question.id).toBe("Q-1");
    const first = assessment.setLevel(3, true);
    const second = assessment.setLevel(4, true);
    // The screen moved on at once.
    expect(assessment.current?.question.id).toBe("Q-3");
    expect(assessment.answers["Q-2"]?.level).toBe(4);
    // The level it counts for is unknown until the backend answers.
    expect(assessment.effective["Q-2"]).toBeUndefined();
    await Promise.all([first, second]);
    expect(assessment.effective["Q-2"]).toBe(2);
    expect(saved).toEqual(["Q-1=3", "Q-2=4"]);
    expect(assessment.scores["4"]).toBe(10);
    expect(assessment.answeredCount).toBe(2);
  });

  it("puts the old answer back when a save fails", async () => {
    setInvoke(async <T>(cmd: string): Promise<T> => {
      if (cmd === "assessment_save_answer") throw { code: "invalid", message: "no" };
      throw { code: "unknown", message: cmd };
    });
    assessment.goto("Q-3");
    await assessment.setLevel(2, true);
    expect(assessment.answers["Q-3"]).toBeUndefined();
  });
});
