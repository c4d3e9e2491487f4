import { describe, expect, it } from "vitest";
import { below, minutes, missed, parseMinutes, pct } from "./logic";

const month = (resp: number | null, resol: number | null) => ({
  month: "2026-10",
  incidents: 1,
  incidents_response_met_pct: resp,
  incidents_resolution_met_pct: resol,
  requests: 0,
  requests_fulfilled_met_pct: null,
  changes: 0,
  changes_failed: 0,
  changes_emergency: 0,
  changes_self_approved: 0,
});

describe("records logic", () => {
  it("shows percentages and a dash where nothing had a target", () => {
    expect(pct(null)).toBe("—");
    expect(pct(66.666)).toBe("66.7%");
    expect(pct(100)).toBe("100%");
  });
  it("writes and reads durations the way people say them", () => {
    expect(minutes(30)).toBe("30 min");
    expect(minutes(240)).toBe("4 h");
    expect(minutes(150)).toBe("2 h 30 min");
    expect(minutes(2880)).toBe("2 d");
    for (const m of [30, 240, 150, 2880]) expect(parseMinutes(minutes(m))).toBe(m);
    expect(parseMinutes("")).toBeNull();
    expect(parseMinutes("4h")).toBe(240);
    expect(parseMinutes("soon")).toBeNaN();
  });
  it("flags a month that missed a target", () => {
    expect(missed(month(100, 100))).toBe(false);
    expect(missed(month(100, 50))).toBe(true);
    expect(missed(month(null, null))).toBe(false);
    expect(below(99.9)).toBe(true);
    expect(below(100)).toBe(false);
    expect(below(null)).toBe(false);
  });
});
