/** Pure helpers of the action plan and the scorecard lists. */
import type { Action } from "../../bindings/Action";
import type { ActionSource } from "../../bindings/ActionSource";
import type { Gap } from "../../bindings/Gap";
import type { PlannedAction } from "../../bindings/PlannedAction";
import type { ClauseScore } from "../../bindings/ClauseScore";
import type { Datum } from "./charts";

/** The top-level clauses in order. */
export const TOP_CLAUSES = ["4", "5", "6", "7", "8", "9", "10"] as const;

/** Where an action comes from, for people. */
export const SOURCE_LABEL: Record<ActionSource, string> = {
  gap: "Assessment gap",
  audit: "Internal audit finding",
  management_review: "Management review",
  other: "Other",
};

/** Status labels. */
export const STATUS_LABEL = { open: "Open", in_progress: "In progress", done: "Done" } as const;

/** A new, empty action from `source`. */
export function blankAction(source: ActionSource): Action {
  return {
    id: 0,
    source,
    question_id: null,
    title: "",
    owner_id: null,
    due: null,
    status: "open",
    cause: "",
    correction: "",
    corrective_action: "",
    verification: "",
    created_at: "",
    updated_at: "",
  };
}

/** A new action that closes `gap`. */
export function actionFromGap(gap: Gap): Action {
  const text = gap.text.length > 140 ? `${gap.text.slice(0, 137)}…` : gap.text;
  return {
    ...blankAction("gap"),
    question_id: gap.question_id,
    title: `Reach level ${gap.required} on ${gap.question_id}: ${text}`,
  };
}

/** Unfinished actions by the question they close. */
export function openActionsByQuestion(plan: PlannedAction[]): Map<string, PlannedAction> {
  const m = new Map<string, PlannedAction>();
  for (const p of plan) {
    const q = p.action.question_id;
    if (q && p.action.status !== "done" && !m.has(q)) m.set(q, p);
  }
  return m;
}

/** Gaps that have no unfinished action yet. */
export function gapsWithoutAction(gaps: Gap[], plan: PlannedAction[]): Gap[] {
  const covered = openActionsByQuestion(plan);
  return gaps.filter((g) => !covered.has(g.question_id));
}

/** Counts of the plan: open, overdue, done. */
export function planCounts(plan: PlannedAction[]): { open: number; overdue: number; done: number } {
  return {
    open: plan.filter((p) => p.action.status !== "done").length,
    overdue: plan.filter((p) => p.overdue).length,
    done: plan.filter((p) => p.action.status === "done").length,
  };
}

/** The top-level clause scores 4–10 as chart data, in order. */
export function clauseData(
  clauses: Partial<Record<string, ClauseScore>>,
  titles: Partial<Record<string, string>>,
): Datum[] {
  return TOP_CLAUSES.filter((id) => clauses[id] !== undefined).map((id) => ({
    id,
    label: `${id} ${titles[id] ?? ""}`.trim(),
    value: clauses[id]?.score ?? 0,
  }));
}
