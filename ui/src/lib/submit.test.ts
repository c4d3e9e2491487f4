import { describe, expect, it, vi } from "vitest";
import { submitWith } from "./submit";

describe("submitWith", () => {
  it("prevents the browser's submission and runs the action", () => {
    const action = vi.fn();
    const e = new Event("submit", { cancelable: true }) as SubmitEvent;
    submitWith(action)(e);
    expect(e.defaultPrevented).toBe(true);
    expect(action).toHaveBeenCalledTimes(1);
  });
});
