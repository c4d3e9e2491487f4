/** Pure helpers of the calendar screen: grouping occurrences and what can be marked done here. */
import type { Occurrence } from "../../bindings/Occurrence";
import type { OccurrenceKind } from "../../bindings/OccurrenceKind";

export const KIND_LABEL: Record<OccurrenceKind, string> = {
  duty: "Duty",
  document_review: "Document review",
  evidence_review: "Evidence check",
  evidence_expiry: "Evidence expires",
  supplier_review: "Supplier review",
  contract_notice: "Contract notice",
};

/** Where an occurrence is done when not on this screen (and which screen to open). */
export function doneElsewhere(kind: OccurrenceKind): { screen: "policies" | "suppliers"; text: string } | null {
  if (kind === "document_review") return { screen: "policies", text: "Done by re-approving the document" };
  if (kind === "supplier_review") return { screen: "suppliers", text: "Done by recording the review" };
  return null;
}

/** `YYYY-MM` of an ISO date. */
function month(iso: string): string {
  return iso.slice(0, 7);
}

/** The month after `today`'s, as `YYYY-MM`. */
export function nextMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** Splits occurrences into overdue, this month and next month (done ones stay in their month). */
export function groups(
  occ: readonly Occurrence[],
  today: string,
): { overdue: Occurrence[]; thisMonth: Occurrence[]; nextMonth: Occurrence[] } {
  const next = nextMonth(today);
  return {
    overdue: occ.filter((o) => o.status === "overdue"),
    thisMonth: occ.filter((o) => o.status !== "overdue" && month(o.due) === month(today)),
    nextMonth: occ.filter((o) => o.status !== "overdue" && month(o.due) === next),
  };
}
