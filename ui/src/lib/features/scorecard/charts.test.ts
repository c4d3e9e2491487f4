import { describe, expect, it } from "vitest";
import {
  barLayout,
  clamp,
  labelAnchor,
  pointsAttr,
  radarPoints,
  signed,
  spokePoint,
  trendLayout,
  xFor,
} from "./charts";

describe("bar layout", () => {
  it("scales values to the plot width and stacks rows", () => {
    const bars = barLayout(
      [
        { id: "4", label: "Context", value: 50 },
        { id: "5", label: "Leadership", value: 100 },
        { id: "6", label: "Planning", value: 0 },
      ],
      { plotWidth: 300, rowHeight: 24 },
    );
    expect(bars.map((b) => b.length)).toEqual([150, 300, 0]);
    expect(bars.map((b) => b.y)).toEqual([0, 24, 48]);
  });

  it("clamps out-of-range and non-numbers", () => {
    expect(clamp(120, 100)).toBe(100);
    expect(clamp(-5, 100)).toBe(0);
    expect(clamp(Number.NaN, 100)).toBe(0);
    expect(xFor(65, 200)).toBe(130);
  });
});

describe("radar", () => {
  it("starts at the top and goes clockwise", () => {
    const [x0, y0] = spokePoint(0, 4, 1, 100, 100, 50);
    expect(x0).toBeCloseTo(100);
    expect(y0).toBeCloseTo(50);
    const [x1, y1] = spokePoint(1, 4, 1, 100, 100, 50);
    expect(x1).toBeCloseTo(150);
    expect(y1).toBeCloseTo(100);
  });

  it("places each value at its fraction of the radius", () => {
    const pts = radarPoints([100, 50, 0, 25, 75, 100, 10], 0, 0, 100);
    expect(pts).toHaveLength(7);
    const dist = pts.map(([x, y]) => Math.hypot(x, y));
    [100, 50, 0, 25, 75, 100, 10].forEach((v, i) => expect(dist[i]).toBeCloseTo(v));
    expect(pointsAttr([[1.234, 5.678]])).toBe("1.2,5.7");
  });

  it("anchors labels away from the centre", () => {
    expect(labelAnchor(0, 7)).toBe("middle");
    expect(labelAnchor(1, 7)).toBe("start");
    expect(labelAnchor(6, 7)).toBe("end");
  });
});

describe("trend", () => {
  it("spreads points evenly with high values at the top", () => {
    const t = trendLayout([0, 50, 100], 200, 100);
    expect(t.xs).toEqual([0, 100, 200]);
    expect(t.points).toEqual([
      [0, 100],
      [100, 50],
      [200, 0],
    ]);
  });

  it("centres a single point", () => {
    expect(trendLayout([40], 200, 100).points).toEqual([[100, 60]]);
    expect(trendLayout([], 200, 100).points).toEqual([]);
  });

  it("formats changes with a sign", () => {
    expect(signed(4.24)).toBe("+4.2");
    expect(signed(-1)).toBe("−1.0");
    expect(signed(0.01)).toBe("±0.0");
  });
});
