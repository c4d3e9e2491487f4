/** Pure register logic: labels, filters, search and grouping by clause. */
import type { DocStatus } from "../../bindings/DocStatus";
import type { RegisterEntry } from "../../bindings/RegisterEntry";

/** Words for each status. */
export const STATUS_LABELS: Record<DocStatus, string> = {
  missing: "Missing",
  draft: "Draft",
  in_review: "In review",
  approved: "Approved",
  due_for_review: "Due for review",
  overdue: "Overdue",
};

/** Statuses in filter order. */
export const STATUSES: DocStatus[] = ["missing", "draft", "in_review", "approved", "due_for_review", "overdue"];

/** What the register shows. */
export type RegisterFilter = {
  /** A status, "all", or "attention" (missing, overdue or due). */
  status: DocStatus | "all" | "attention";
  /** Documents, records or both. */
  kind: "all" | "document" | "record";
  /** Hide the recommended extras. */
  requiredOnly: boolean;
  /** Free text: title, id, clause, owner. */
  query: string;
};

export const DEFAULT_FILTER: RegisterFilter = {
  status: "all",
  kind: "all",
  requiredOnly: true,
  query: "",
};

const ATTENTION: DocStatus[] = ["missing", "overdue", "due_for_review"];

/** Whether `e` passes `f`. */
export function matches(e: RegisterEntry, f: RegisterFilter): boolean {
  if (f.requiredOnly && !e.required && !e.custom) return false;
  if (f.kind !== "all" && e.kind !== f.kind) return false;
  if (f.status === "attention" && !ATTENTION.includes(e.status)) return false;
  if (f.status !== "all" && f.status !== "attention" && e.status !== f.status) return false;
  const q = f.query.trim().toLowerCase();
  if (!q) return true;
  const hay = [e.title, e.key, e.owner_name, e.description, ...e.clauses].join(" ").toLowerCase();
  return q.split(/\s+/).every((word) => hay.includes(word));
}

/** A clause group of the register. */
export type ClauseGroup = { group: string; title: string; entries: RegisterEntry[] };

/** Entries passing `f`, grouped by top-level clause 4…10 in numeric order. */
export function groupByClause(entries: RegisterEntry[], f: RegisterFilter): ClauseGroup[] {
  const groups = new Map<string, ClauseGroup>();
  for (const e of entries) {
    if (!matches(e, f)) continue;
    let g = groups.get(e.group);
    if (!g) {
      g = { group: e.group, title: e.group_title, entries: [] };
      groups.set(e.group, g);
    }
    g.entries.push(e);
  }
  return [...groups.values()].sort((a, b) => Number(a.group) - Number(b.group));
}

/** How many entries pass `f`. */
export function countMatching(entries: RegisterEntry[], f: RegisterFilter): number {
  return entries.filter((e) => matches(e, f)).length;
}
