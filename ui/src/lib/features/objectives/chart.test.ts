import { describe, expect, it } from "vitest";
import { axisMax, yFor } from "./chart";

describe("KPI chart geometry", () => {
  it("puts the axis top a little above the largest value or target", () => {
    expect(axisMax([80, 100], 95)).toBe(200);
    expect(axisMax([80, 100], 95, "%")).toBe(100);
    expect(axisMax([80, 130], 95, "%")).toBe(200);
    expect(axisMax([3.8, 4.2], 4)).toBe(5);
    expect(axisMax([], 0)).toBe(1);
    expect(axisMax([2], 0)).toBe(3);
  });
  it("maps values onto the plot and clamps outside the axis", () => {
    expect(yFor(0, 10, 100)).toBe(100);
    expect(yFor(10, 10, 100)).toBe(0);
    expect(yFor(5, 10, 100)).toBe(50);
    expect(yFor(-3, 10, 100)).toBe(100);
    expect(yFor(30, 10, 100)).toBe(0);
  });
});
