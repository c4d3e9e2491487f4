/** Pure helpers of the supplier register screen. */

/** The local date as `YYYY-MM-DD` (what a date input holds). */
export function localIsoDate(d: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
