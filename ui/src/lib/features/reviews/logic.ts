/** Pure helpers of the management review screens. */
import type { Attendee } from "../../bindings/Attendee";
import type { Review } from "../../bindings/Review";
import type { ReviewEdit } from "../../bindings/ReviewEdit";
import type { ReviewStatus } from "../../bindings/ReviewStatus";

export const STATUS_LABEL: Record<ReviewStatus, string> = {
  draft: "Draft",
  issued: "Issued for approval",
  approved: "Approved",
};

/** The editable part of a stored review. */
export function editOf(r: Review): ReviewEdit {
  return {
    id: r.id,
    title: r.title,
    planned_on: r.planned_on,
    held_on: r.held_on,
    attendees: r.attendees.map((a) => ({ ...a })),
    decisions: r.decisions,
    next_planned_on: r.next_planned_on,
    minutes: r.minutes,
  };
}

/** A new review planned for `planned` (YYYY-MM-DD). */
export function blankReview(title: string, planned: string | null): ReviewEdit {
  return {
    id: 0,
    title,
    planned_on: planned,
    held_on: null,
    attendees: [],
    decisions: "",
    next_planned_on: null,
    minutes: "",
  };
}

/**
 * Marks `personId` present or absent. Someone newly present is flagged top management when
 * they hold the top-management role.
 */
export function setPresent(list: Attendee[], personId: number, present: boolean, topManagement: number[]): Attendee[] {
  const rest = list.filter((a) => a.person_id !== personId);
  if (!present) return rest;
  const old = list.find((a) => a.person_id === personId);
  const next = old ?? { person_id: personId, top_management: topManagement.includes(personId) };
  return [...rest, next].sort((a, b) => a.person_id - b.person_id);
}

/** Sets the top-management flag of an attendee. */
export function setTopManagement(list: Attendee[], personId: number, on: boolean): Attendee[] {
  return list.map((a) => (a.person_id === personId ? { ...a, top_management: on } : a));
}

/** Empty date inputs become null. */
export function dateOrNull(d: string | null | undefined): string | null {
  const t = (d ?? "").trim();
  return t === "" ? null : t;
}
