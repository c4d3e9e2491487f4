import { describe, expect, it } from "vitest";
import type { Occurrence } from "../../bindings/Occurrence";
import { doneElsewhere, groups, nextMonth } from "./logic";

function occ(due: string, status: Occurrence["status"]): Occurrence {
  return {
    id: `x@${due}`,
    duty_id: "x",
    kind: "duty",
    title: "x",
    clause: "8.7.1",
    owner: "",
    due,
    status,
    completion: null,
  };
}

describe("calendar helpers", () => {
  it("rolls December over to January", () => {
    expect(nextMonth("2026-12-07")).toBe("2027-01");
    expect(nextMonth("2026-03-31")).toBe("2026-04");
  });

  it("groups overdue, this month and next month", () => {
    const g = groups(
      [
        occ("2026-11-02", "overdue"),
        occ("2026-12-01", "done"),
        occ("2026-12-20", "due"),
        occ("2027-01-05", "due"),
        occ("2027-02-01", "due"),
      ],
      "2026-12-07",
    );
    expect(g.overdue.map((o) => o.due)).toEqual(["2026-11-02"]);
    expect(g.thisMonth.map((o) => o.due)).toEqual(["2026-12-01", "2026-12-20"]);
    expect(g.nextMonth.map((o) => o.due)).toEqual(["2027-01-05"]);
  });

  it("sends document and supplier reviews to their own screens", () => {
    expect(doneElsewhere("document_review")?.screen).toBe("policies");
    expect(doneElsewhere("supplier_review")?.screen).toBe("suppliers");
    expect(doneElsewhere("duty")).toBeNull();
  });
});
