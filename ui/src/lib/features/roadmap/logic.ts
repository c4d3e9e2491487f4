/** Words and small rules of the roadmap screen (the rules themselves live in Rust). */
import type { HeldCertificate } from "../../bindings/HeldCertificate";
import type { RoadmapStatus } from "../../bindings/RoadmapStatus";
import type { Verdict } from "../../bindings/Verdict";
import type { WarningLevel } from "../../bindings/WarningLevel";

export const STATUS_LABEL: Record<RoadmapStatus, string> = {
  done: "Done",
  in_progress: "In progress",
  not_started: "Not started",
  late: "Late",
};

export const VERDICT_LABEL: Record<Verdict, string> = {
  ready: "Ready",
  nearly_ready: "Nearly ready",
  not_ready: "Not ready",
};

export const CERTIFICATE_LABEL: Record<HeldCertificate, string> = {
  iso20000_2011: "ISO/IEC 20000-1:2011",
  iso27001: "ISO/IEC 27001",
  iso9001: "ISO 9001",
};

/** Every certificate the firm profile can record, in its order. */
export const CERTIFICATES: HeldCertificate[] = ["iso20000_2011", "iso27001", "iso9001"];

/** Whether a warning is an alert (the target cannot be met) or a notice. */
export function warningRole(level: WarningLevel): "alert" | "status" {
  return level === "too_close" || level === "passed" ? "alert" : "status";
}

/** "in 60 days", "today", "12 days ago". */
export function daysWords(days: number): string {
  if (days === 0) return "today";
  const n = Math.abs(days);
  const unit = n === 1 ? "day" : "days";
  return days > 0 ? `in ${n} ${unit}` : `${n} ${unit} ago`;
}

/** The certificates with `c` added or removed. */
export function toggleCertificate(held: HeldCertificate[], c: HeldCertificate, on: boolean): HeldCertificate[] {
  const set = new Set(held);
  if (on) set.add(c);
  else set.delete(c);
  return CERTIFICATES.filter((x) => set.has(x));
}
