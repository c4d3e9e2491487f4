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

/**
 * The user's locale: the window's first preferred language that is a valid language tag (the
 * system locale in the desktop app, e.g. `en-GB`). Intl's own default can differ from it
 * (WebKit may fall back to `en-US`), so every formatter here asks for it by name. A POSIX
 * name such as `C` (a machine without a locale) is no language tag: Intl's default then.
 */
export function userLocale(): string | undefined {
  if (typeof navigator === "undefined") return undefined;
  for (const raw of [...(navigator.languages ?? []), navigator.language]) {
    const tag = raw?.split(".")[0]?.replace("_", "-");
    if (!tag) continue;
    try {
      if (Intl.DateTimeFormat.supportedLocalesOf(tag).length > 0) return tag;
    } catch {
      // Not a language tag ("C", "POSIX"): try the next one.
    }
  }
  return undefined;
}

/** How long a date is written: `short` 12/07/2026 (en-GB), `medium` 12 Jul 2026. */
export type DateStyle = "short" | "medium" | "long";

const cache = new Map<string, Intl.DateTimeFormat>();

/** One formatter per locale and options (creating them is slow, lists print many dates). */
function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ""}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/**
 * `2027-02-01` as a date in the user's locale (`medium`: "1 Feb 2027" in en-GB, "Feb 1, 2027"
 * in en-US); empty for null, the input if unreadable. `locale` is for tests.
 */
export function formatDate(
  iso: string | null | undefined,
  style: DateStyle = "medium",
  locale: string | undefined = userLocale(),
): string {
  if (!iso) return "";
  const d = parse(iso);
  return d ? formatter(locale, { dateStyle: style }).format(d) : iso;
}

/** A timestamp as a local date and time in the user's locale; empty for null, the input if unreadable. */
export function formatDateTime(iso: string | null | undefined, locale: string | undefined = userLocale()): string {
  if (!iso) return "";
  const d = parse(iso);
  return d ? formatter(locale, { dateStyle: "medium", timeStyle: "short" }).format(d) : iso;
}

/** The month of an ISO date ("July 2026"), in the user's locale; the input if unreadable. */
export function formatMonth(iso: string, locale: string | undefined = userLocale()): string {
  const d = parse(iso.length === 7 ? `${iso}-01` : iso);
  return d ? formatter(locale, { month: "long", year: "numeric" }).format(d) : iso;
}

/** A time of day ("14:05") of `d`, in the user's locale. */
export function formatTime(d: Date, locale: string | undefined = userLocale()): string {
  return formatter(locale, { hour: "2-digit", minute: "2-digit" }).format(d);
}

/** Name of person `id` in `people`: empty for no id, "(removed)" when not found. */
export function personName(people: readonly { id: number; name: string }[], id: number | null | undefined): string {
  if (id === null || id === undefined) return "";
  return people.find((p) => p.id === id)?.name ?? "(removed)";
}
