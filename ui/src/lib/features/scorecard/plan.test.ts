import { describe, expect, it } from "vitest";
import type { Gap } from "../../bindings/Gap";
import type { PlannedAction } from "../../bindings/PlannedAction";
import { actionFromGap, blankAction, clauseData, gapsWithoutAction, openActionsByQuestion, planCounts } from "./plan";

function gap(id: string, blocking = false): Gap {
  return {
    question_id: id,
    clause: "4.1",
    text: "Have you written it down?",
    level: 0,
    answered_level: null,
    evidence_missing: false,
    required: 4,
    blocking,
    stage: 1,
    weight: 2,
    impact: 8,
    evidence_needed: null,
  };
}

function planned(question: string | null, status: "open" | "done", overdue = false): PlannedAction {
  return {
    action: { ...blankAction(question ? "gap" : "audit"), question_id: question, status },
    impact: 0,
    blocking: false,
    clause: null,
    overdue,
  };
}

describe("action plan helpers", () => {
  it("creates an action from a gap with its question", () => {
    const a = actionFromGap(gap("Q-4.1-01"));
    expect(a.source).toBe("gap");
    expect(a.question_id).toBe("Q-4.1-01");
    expect(a.title).toContain("Q-4.1-01");
    expect(a.id).toBe(0);
    const long = actionFromGap({ ...gap("Q-4.1-02"), text: "x".repeat(400) });
    expect(long.title.length).toBeLessThan(200);
  });

  it("hides gaps that already have an unfinished action", () => {
    const plan = [planned("Q-1", "open"), planned("Q-2", "done"), planned(null, "open")];
    expect([...openActionsByQuestion(plan).keys()]).toEqual(["Q-1"]);
    expect(gapsWithoutAction([gap("Q-1"), gap("Q-2"), gap("Q-3")], plan).map((g) => g.question_id)).toEqual([
      "Q-2",
      "Q-3",
    ]);
  });

  it("counts open, overdue and done", () => {
    expect(planCounts([planned("Q-1", "open", true), planned("Q-2", "done"), planned(null, "open")])).toEqual({
      open: 2,
      overdue: 1,
      done: 1,
    });
  });

  it("orders clause data 4 to 10 and skips missing clauses", () => {
    const score = (s: number) => ({
      score: s,
      views: { documented: null, implemented: null, operated: null },
      answered: 0,
      questions: 1,
      weight: 1,
    });
    const d = clauseData({ "10": score(10), "4": score(40), "4.1": score(1) }, { "4": "Context" });
    expect(d).toEqual([
      { id: "4", label: "4 Context", value: 40 },
      { id: "10", label: "10", value: 10 },
    ]);
  });
});
