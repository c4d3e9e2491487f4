/** Geometry of the scorecard's SVG charts, kept pure so it can be tested. Every chart also
 * has a table alternative built from the same data. */

/** One labelled value, 0..max. */
export interface Datum {
  id: string;
  label: string;
  value: number;
}

/** A laid-out horizontal bar. */
export interface Bar extends Datum {
  /** Top of the bar's row. */
  y: number;
  /** Length of the bar in pixels (0..plotWidth). */
  length: number;
}

/** Options of {@link barLayout}. */
export interface BarOptions {
  /** Width of the plot area (excluding labels). */
  plotWidth: number;
  /** Height of one row. */
  rowHeight: number;
  /** The value a full bar stands for. */
  max?: number;
}

/** Clamps `v` to 0..max (NaN counts as 0). */
export function clamp(v: number, max: number): number {
  if (!Number.isFinite(v)) return 0;
  return Math.min(max, Math.max(0, v));
}

/** Lays out one bar per datum, top to bottom. */
export function barLayout(data: Datum[], opts: BarOptions): Bar[] {
  const max = opts.max ?? 100;
  return data.map((d, i) => ({
    ...d,
    y: i * opts.rowHeight,
    length: (clamp(d.value, max) / max) * opts.plotWidth,
  }));
}

/** The x position of `value` on a plot `plotWidth` wide. */
export function xFor(value: number, plotWidth: number, max = 100): number {
  return (clamp(value, max) / max) * plotWidth;
}

/** A point. */
export type Point = [number, number];

/** The angle (radians) of spoke `i` of `n`, starting at the top and going clockwise. */
export function spokeAngle(i: number, n: number): number {
  return -Math.PI / 2 + (2 * Math.PI * i) / n;
}

/** The point at `fraction` (0..1) of the radius along spoke `i` of `n`. */
export function spokePoint(i: number, n: number, fraction: number, cx: number, cy: number, r: number): Point {
  const a = spokeAngle(i, n);
  return [cx + Math.cos(a) * r * fraction, cy + Math.sin(a) * r * fraction];
}

/** The radar polygon of `values` (0..max) around (cx, cy) with radius `r`. */
export function radarPoints(values: number[], cx: number, cy: number, r: number, max = 100): Point[] {
  return values.map((v, i) => spokePoint(i, values.length, clamp(v, max) / max, cx, cy, r));
}

/** Points as an SVG `points` attribute, rounded to 0.1 px. */
export function pointsAttr(points: Point[]): string {
  return points.map(([x, y]) => `${round1(x)},${round1(y)}`).join(" ");
}

/** Rounds to one decimal. */
export function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Where to put a spoke's label: a little outside the circle, anchored away from the centre. */
export function labelAnchor(i: number, n: number): "start" | "middle" | "end" {
  const x = Math.cos(spokeAngle(i, n));
  if (Math.abs(x) < 0.2) return "middle";
  return x > 0 ? "start" : "end";
}

/** A laid-out trend: the polyline points and the x of each entry. */
export interface Trend {
  points: Point[];
  xs: number[];
}

/** Lays out a trend of values (0..max), evenly spaced from left to right in a `width` x
 * `height` plot. A single value sits in the middle. */
export function trendLayout(values: number[], width: number, height: number, max = 100): Trend {
  const n = values.length;
  const xs = values.map((_, i) => (n <= 1 ? width / 2 : (i * width) / (n - 1)));
  const points = values.map((v, i): Point => [xs[i] ?? 0, height - (clamp(v, max) / max) * height]);
  return { points, xs };
}

/** Display of a verdict. */
export const VERDICT_LABEL = {
  ready: "Ready",
  nearly_ready: "Nearly ready",
  not_ready: "Not ready",
} as const;

/** What to do about a verdict. */
export const VERDICT_ADVICE = {
  ready: "Book the audit; keep the records flowing.",
  nearly_ready: "Close the listed gaps first.",
  not_ready: "Major gaps that an auditor would likely raise as major nonconformities.",
} as const;

/** Plain explanation of a cap code. */
/** How a stage's check stands, for screen readers (the screen shows a mark). */
export const CHECK_LABEL = {
  met: "(met)",
  limited: "(gap: at most nearly ready)",
  failed: "(failed: not ready)",
} as const;

/** What to attach so a claimed level counts. */
export const SUPPORT_LABEL = {
  none: "no evidence",
  document: "a document",
  record: "a record",
  measurements: "measurements over time",
} as const;

/** A score for display: one decimal. */
export function fmt(v: number): string {
  return (Math.round(v * 10) / 10).toFixed(1);
}

/** A signed change for display, e.g. "+4.2", "−1.0", "±0.0". */
export function signed(v: number): string {
  const r = Math.round(v * 10) / 10;
  if (r > 0) return `+${r.toFixed(1)}`;
  if (r < 0) return `−${Math.abs(r).toFixed(1)}`;
  return "±0.0";
}
