/** Pure helpers of the audit screens: labels, keyboard mapping and checklist progress. */
import type { AuditLine } from "../../bindings/AuditLine";
import type { FindingGrade } from "../../bindings/FindingGrade";
import type { IndependenceState } from "../../bindings/IndependenceState";
import type { LineResult } from "../../bindings/LineResult";
import type { NcStage } from "../../bindings/NcStage";
import { listKeyAction, type ListAction } from "../../listNav";

/** Results in the order of the keys 1–5. */
export const RESULTS: readonly LineResult[] = ["conformity", "minor_nc", "major_nc", "ofi", "not_checked"];

export const RESULT_LABEL: Record<LineResult, string> = {
  conformity: "Conformity",
  minor_nc: "Minor nonconformity",
  major_nc: "Major nonconformity",
  ofi: "Opportunity for improvement",
  not_checked: "Not checked",
};

export const RESULT_SHORT: Record<LineResult, string> = {
  conformity: "OK",
  minor_nc: "Minor",
  major_nc: "Major",
  ofi: "OFI",
  not_checked: "—",
};

export const GRADE_LABEL: Record<FindingGrade, string> = {
  major: "Major nonconformity",
  minor: "Minor nonconformity",
  ofi: "Opportunity for improvement",
};

export const STAGE_LABEL: Record<NcStage, string> = {
  raised: "Raised",
  corrected: "Corrected",
  action_taken: "Corrective action taken",
  verified: "Verified effective",
  closed: "Closed",
};

export const INDEPENDENCE_LABEL: Record<IndependenceState, string> = {
  independent: "Independent",
  mitigated: "Mitigated",
  conflict: "Not independent",
  no_auditor: "No auditor",
};

/** What a key press does on the checklist screen. */
export type KeyAction = { kind: "result"; result: LineResult } | ListAction | null;

/** Maps a key to an action: 1–5 record a result, and the list keys (see `listKeyAction`). */
export function keyAction(
  e: Pick<KeyboardEvent, "key" | "ctrlKey" | "altKey" | "metaKey">,
  typing: boolean,
): KeyAction {
  return listKeyAction(e, typing, (n): KeyAction => {
    const result = n >= 1 ? RESULTS[n - 1] : undefined;
    return result ? { kind: "result", result } : null;
  });
}

/** Lines with a result, and all lines. */
export function checked(lines: AuditLine[]): { done: number; total: number } {
  return { done: lines.filter((l) => l.result !== "not_checked").length, total: lines.length };
}

/** The first line after `from` without a result (wrapping), or `from` when all have one. */
export function nextUnchecked(lines: AuditLine[], from: number): number {
  for (let i = 1; i <= lines.length; i++) {
    const j = (from + i) % lines.length;
    if (lines[j]?.result === "not_checked") return j;
  }
  return from;
}
