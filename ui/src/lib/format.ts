/** The app's formatters: sizes, dates and names as every screen shows them. */

const KB = 1024;
const MB = 1024 * 1024;

/** "812 bytes", "469 KB", "3.0 MB"; empty for null. */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return "";
  if (n < KB) return `${n} bytes`;
  if (n < MB) return `${Math.round(n / KB)} KB`;
  return `${(n / MB).toFixed(1)} MB`;
}

/** Parses an ISO date (`2027-02-01`, local midnight) or timestamp; null when unreadable. */
function parse(iso: string): Date | null {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `2027-02-01` as a short local date ("1 Feb 2027"); empty for null, the input if unreadable. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = parse(iso);
  return d ? d.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" }) : iso;
}

/** A timestamp as a local date and time; empty for null, the input if unreadable. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = parse(iso);
  return d ? d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : iso;
}

/** A time of day ("14:05") of `d`. */
export function formatTime(d: Date): string {
  return d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

/** Name of person `id` in `people`: empty for no id, "(removed)" when not found. */
export function personName(people: readonly { id: number; name: string }[], id: number | null | undefined): string {
  if (id === null || id === undefined) return "";
  return people.find((p) => p.id === id)?.name ?? "(removed)";
}
