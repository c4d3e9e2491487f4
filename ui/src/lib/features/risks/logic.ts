/** Pure helpers of the risk register screen (labels, heat-map cells). */
import type { HeatMap } from "../../bindings/HeatMap";
import type { Risk } from "../../bindings/Risk";
import type { RiskStatus } from "../../bindings/RiskStatus";
import type { SourceKind } from "../../bindings/SourceKind";
import type { SourceOption } from "../../bindings/SourceOption";
import type { Treatment } from "../../bindings/Treatment";

export const STATUS_LABEL: Record<RiskStatus, string> = {
  open: "Open",
  treating: "Treating",
  monitored: "Monitored",
  closed: "Closed",
};

export const TREATMENT_LABEL: Record<Treatment, string> = {
  reduce: "Reduce",
  avoid: "Avoid",
  transfer: "Transfer",
  accept: "Accept",
  pursue: "Pursue (opportunity)",
};

/** The first word of a scale step ("Possible: about once a year" → "Possible"). */
export function shortWord(words: readonly string[], n: number): string {
  const w = words[n - 1] ?? String(n);
  const i = w.indexOf(":");
  return i > 0 ? w.slice(0, i) : w;
}

/** Where a cell stands against the acceptance level. */
export function cellBand(likelihood: number, impact: number, acceptance: number): "low" | "medium" | "high" {
  const score = likelihood * impact;
  if (score <= acceptance) return "low";
  if (score <= Math.max(acceptance * 2, 12)) return "medium";
  return "high";
}

/** Count in a heat map cell (likelihood and impact 1–5). */
export function cellCount(map: HeatMap, likelihood: number, impact: number): number {
  return map.cells[likelihood - 1]?.[impact - 1] ?? 0;
}

/** The label of a risk's source ("Service: Managed desktop", "Climate change", or "no longer exists"). */
export function sourceLabel(sources: readonly SourceOption[], kind: SourceKind, id: number | null): string {
  const found = sources.find((s) => s.kind === kind && s.id === id);
  if (found) return found.label;
  return id === null ? kind.replace("_", " ") : `${kind.replace("_", " ")} (no longer exists)`;
}

/** Whether `r` sits in the heat map cell `cell` (on its current or inherent rating). */
export function inCell(r: Risk, cell: { l: number; i: number }, basis: "inherent" | "current"): boolean {
  const rating = basis === "current" && r.residual ? r.residual : r.inherent;
  return r.kind === "risk" && r.status !== "closed" && rating.likelihood === cell.l && rating.impact === cell.i;
}

/** A new, empty entry. */
export function blankRisk(): Risk {
  return {
    id: 0,
    kind: "risk",
    title: "",
    description: "",
    source: "other",
    source_id: null,
    suggestion_key: null,
    owner_id: null,
    inherent: { likelihood: 3, impact: 3 },
    residual: null,
    treatment: null,
    treatment_note: "",
    action_ids: [],
    review_on: null,
    status: "open",
    infosec: false,
  };
}
