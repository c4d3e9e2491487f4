import { describe, expect, it } from "vitest";
import { keyPress as key } from "../../testKeys";
import type { AuditLine } from "../../bindings/AuditLine";
import { checked, keyAction, nextUnchecked } from "./logic";

const line = (id: number, result: AuditLine["result"]): AuditLine => ({
  id,
  audit_id: 1,
  position: id,
  clause: "8.5.1.3",
  question_id: null,
  prompt: "p",
  sampling: "",
  result,
  evidence_refs: "",
  notes: "",
  action_id: null,
});

describe("checklist keys", () => {
  it("maps 1–5 to the results and j/k/arrows to moves", () => {
    expect(keyAction(key("1"), false)).toEqual({ kind: "result", result: "conformity" });
    expect(keyAction(key("2"), false)).toEqual({ kind: "result", result: "minor_nc" });
    expect(keyAction(key("3"), false)).toEqual({ kind: "result", result: "major_nc" });
    expect(keyAction(key("4"), false)).toEqual({ kind: "result", result: "ofi" });
    expect(keyAction(key("5"), false)).toEqual({ kind: "result", result: "not_checked" });
    expect(keyAction(key("j"), false)).toEqual({ kind: "move", delta: 1 });
    expect(keyAction(key("ArrowUp"), false)).toEqual({ kind: "move", delta: -1 });
    expect(keyAction(key("e"), false)).toEqual({ kind: "evidence" });
    expect(keyAction(key("0"), false)).toBeNull();
  });

  it("leaves keys alone while typing or with modifiers", () => {
    expect(keyAction(key("1"), true)).toBeNull();
    expect(keyAction(key("1", { altKey: true }), false)).toBeNull();
    expect(keyAction(key("j", { ctrlKey: true }), false)).toBeNull();
  });
});

describe("checklist progress", () => {
  const lines = [line(1, "conformity"), line(2, "not_checked"), line(3, "ofi"), line(4, "not_checked")];
  it("counts checked lines", () => {
    expect(checked(lines)).toEqual({ done: 2, total: 4 });
  });
  it("finds the next unchecked line, wrapping", () => {
    expect(nextUnchecked(lines, 0)).toBe(1);
    expect(nextUnchecked(lines, 1)).toBe(3);
    expect(nextUnchecked(lines, 3)).toBe(1);
    expect(nextUnchecked([line(1, "ofi")], 0)).toBe(0);
  });
});
