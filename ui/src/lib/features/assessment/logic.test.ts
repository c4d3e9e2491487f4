import { describe, expect, it } from "vitest";
import { keyPress as key } from "../../testKeys";
import type { AnswerRecord } from "../../bindings/AnswerRecord";
import type { ClauseSection } from "../../bindings/ClauseSection";
import type { Question } from "../../bindings/Question";
import { blankAnswer } from "./assessment.svelte";
import { evidenceFor, flatten, keyAction, nextUnanswered, percent, progressOf, sectionProgress } from "./logic";

function q(id: string, stage = 1): Question {
  return { id, clause: "4.1", text: id, evidence: [], weight: 1, blocking: false, stage, documents: [] };
}

const sections: ClauseSection[] = [
  {
    id: "4",
    title: "Context",
    requirements: [
      { id: "4.1", title: "A", summary: "", documents: [], questions: [q("Q-4.1-01"), q("Q-4.1-02")] },
      { id: "4.2", title: "B", summary: "", documents: [], questions: [q("Q-4.2-01")] },
    ],
  },
  {
    id: "5",
    title: "Leadership",
    requirements: [{ id: "5.1", title: "C", summary: "", documents: [], questions: [q("Q-5.1-01")] }],
  },
];

describe("assessment logic", () => {
  it("flattens questions in display order with their clauses", () => {
    const flat = flatten(sections);
    expect(flat.map((f) => f.question.id)).toEqual(["Q-4.1-01", "Q-4.1-02", "Q-4.2-01", "Q-5.1-01"]);
    expect(flat.map((f) => f.top)).toEqual(["4", "4", "4", "5"]);
    expect(flat[2]?.requirement).toBe("4.2");
  });

  it("counts progress per clause", () => {
    const answers: Record<string, AnswerRecord | undefined> = {
      "Q-4.1-02": blankAnswer("Q-4.1-02", 0),
      "Q-5.1-01": blankAnswer("Q-5.1-01", 3),
    };
    expect(sectionProgress(sections[0]!, answers)).toEqual({ answered: 1, total: 3 });
    expect(progressOf([], answers)).toEqual({ answered: 0, total: 0 });
    expect(percent({ answered: 1, total: 3 })).toBe(33);
    expect(percent({ answered: 0, total: 0 })).toBe(0);
    expect(nextUnanswered(flatten(sections), answers, 1)).toBe(2);
    expect(nextUnanswered(flatten(sections), answers, 3)).toBe(0);
  });

  it("maps keys to actions and leaves typing alone", () => {
    expect(keyAction(key("3"), false)).toEqual({ kind: "level", level: 3 });
    expect(keyAction(key("0"), false)).toEqual({ kind: "level", level: 0 });
    expect(keyAction(key("6"), false)).toBeNull();
    expect(keyAction(key("j"), false)).toEqual({ kind: "move", delta: 1 });
    expect(keyAction(key("ArrowUp"), false)).toEqual({ kind: "move", delta: -1 });
    expect(keyAction(key("K"), false)).toEqual({ kind: "move", delta: -1 });
    expect(keyAction(key("n"), false)).toEqual({ kind: "note" });
    expect(keyAction(key("3"), true)).toBeNull();
    expect(keyAction(key("3", { altKey: true }), false)).toBeNull();
    expect(keyAction(key("j", { ctrlKey: true }), false)).toBeNull();
  });

  it("finds evidence for a question", () => {
    const ev = {
      evidence: {
        id: 1,
        kind: "location" as const,
        title: "t",
        file_name: null,
        size: null,
        sha256: null,
        document_id: null,
        document_version: null,
        location: "x",
        added_at: "",
        expires_on: null,
        review_on: null,
        questions: ["Q-1"],
      },
      status: "current" as const,
    };
    expect(evidenceFor([ev], "Q-1")).toHaveLength(1);
    expect(evidenceFor([ev], "Q-2")).toHaveLength(0);
  });
});
