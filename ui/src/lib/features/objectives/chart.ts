/** Geometry of the KPI trend chart, pure so it can be tested. */

/** The top of the value axis: 100 for percentages, else a round number a little above the
 * largest value or target (at least 1). */
export function axisMax(values: number[], target: number, unit = ""): number {
  const top = Math.max(target, ...values, 0);
  if (unit.trim() === "%" && top <= 100) return 100;
  if (top <= 0) return 1;
  const raw = top * 1.1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return Math.ceil(raw / magnitude) * magnitude;
}

/** The y of `value` on a plot `height` high whose axis runs 0..max. */
export function yFor(value: number, max: number, height: number): number {
  const v = Math.min(Math.max(value, 0), max);
  return height - (v / max) * height;
}
