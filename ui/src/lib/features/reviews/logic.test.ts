import { describe, expect, it } from "vitest";
import { blankReview, dateOrNull, editOf, setPresent, setTopManagement } from "./logic";

describe("management review helpers", () => {
  it("flags a new attendee as top management when they hold the role", () => {
    const one = setPresent([], 3, true, [3]);
    expect(one).toEqual([{ person_id: 3, top_management: true }]);
    const two = setPresent(one, 1, true, [3]);
    expect(two).toEqual([
      { person_id: 1, top_management: false },
      { person_id: 3, top_management: true },
    ]);
    expect(setPresent(two, 3, false, [3])).toEqual([{ person_id: 1, top_management: false }]);
  });

  it("keeps an attendee's own flag when marked present again", () => {
    const list = setTopManagement(setPresent([], 2, true, []), 2, true);
    expect(setPresent(list, 2, true, [])).toEqual([{ person_id: 2, top_management: true }]);
  });

  it("reads empty dates as none and copies the editable part", () => {
    expect(dateOrNull(" ")).toBeNull();
    expect(dateOrNull("2027-01-05")).toBe("2027-01-05");
    const e = blankReview("MR", "2027-02-01");
    expect(e.id).toBe(0);
    const r = {
      ...e,
      id: 4,
      inputs: null,
      status: "draft" as const,
      issued_at: null,
      approved_by: null,
      approved_at: null,
      action_ids: [],
      created_at: "",
      updated_at: "",
    };
    expect(editOf(r)).toEqual({ ...e, id: 4 });
  });
});
