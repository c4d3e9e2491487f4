import type { HeatMap } from "../../bindings/HeatMap";
import { describe, expect, it } from "vitest";
import { blankRisk, cellBand, cellCount, inCell, shortWord, sourceLabel } from "./logic";

describe("risk register helpers", () => {
  it("takes the word before the colon of a scale step", () => {
    expect(shortWord(["Rare: not expected", "Unlikely"], 1)).toBe("Rare");
    expect(shortWord(["Rare: not expected", "Unlikely"], 2)).toBe("Unlikely");
    expect(shortWord([], 4)).toBe("4");
  });

  it("bands cells against the acceptance level", () => {
    expect(cellBand(2, 3, 6)).toBe("low");
    expect(cellBand(3, 3, 6)).toBe("medium");
    expect(cellBand(5, 5, 6)).toBe("high");
  });

  it("reads counts by likelihood then impact", () => {
    const row = (): [number, number, number, number, number] => [0, 0, 0, 0, 0];
    const map: HeatMap = { cells: [row(), row(), row(), row(), row()], acceptance: 6 };
    map.cells[2][3] = 2;
    expect(cellCount(map, 3, 4)).toBe(2);
    expect(cellCount(map, 4, 3)).toBe(0);
  });

  it("places a risk on its current rating once treated", () => {
    const r = { ...blankRisk(), inherent: { likelihood: 4, impact: 4 }, residual: { likelihood: 2, impact: 3 } };
    expect(inCell(r, { l: 2, i: 3 }, "current")).toBe(true);
    expect(inCell(r, { l: 4, i: 4 }, "inherent")).toBe(true);
    expect(inCell({ ...r, kind: "opportunity" }, { l: 2, i: 3 }, "current")).toBe(false);
  });

  it("says when a source row is gone", () => {
    const sources = [{ kind: "service" as const, id: 2, label: "Service: Desk" }];
    expect(sourceLabel(sources, "service", 2)).toBe("Service: Desk");
    expect(sourceLabel(sources, "service", 9)).toContain("no longer exists");
    expect(sourceLabel(sources, "climate", null)).toBe("climate");
  });
});
