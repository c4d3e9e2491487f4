/** Pure helpers of the records screens (tested in logic.test.ts). */
import type { MonthMeasures } from "../../bindings/MonthMeasures";

/** A percentage for a table cell: "—" when nothing had a target. */
export function pct(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return `${Math.round(v * 10) / 10}%`;
}

/** Minutes as people say them: "30 min", "4 h", "2 h 30 min", "3 d" (24 h days). */
export function minutes(m: number | null | undefined): string {
  if (m === null || m === undefined) return "—";
  if (m % 1440 === 0 && m >= 1440) return `${m / 1440} d`;
  const h = Math.floor(m / 60);
  const r = m % 60;
  if (h === 0) return `${r} min`;
  return r === 0 ? `${h} h` : `${h} h ${r} min`;
}

/** Whether a percentage falls short of 100% (null: nothing to measure). */
export function below(v: number | null): boolean {
  return v !== null && v < 100;
}

/** Whether a month's attainment falls short of `threshold` (%) on response or resolution. */
export function missed(m: MonthMeasures, threshold = 100): boolean {
  return [m.incidents_response_met_pct, m.incidents_resolution_met_pct, m.requests_fulfilled_met_pct].some(
    (v) => v !== null && v < threshold,
  );
}

/** Reads "30", "30 min", "4h", "2 h 30 min", "2d" into minutes; null for empty, NaN for nonsense. */
export function parseMinutes(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === "") return null;
  const part = /(\d+(?:\.\d+)?)\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d)?\s*/y;
  let total = 0;
  let at = 0;
  while (at < t.length) {
    part.lastIndex = at;
    const m = part.exec(t);
    if (!m) return NaN;
    const unit = m[2] ?? "min";
    total += Number(m[1]) * (unit.startsWith("h") ? 60 : unit.startsWith("d") ? 1440 : 1);
    at = part.lastIndex;
  }
  return Math.round(total);
}
