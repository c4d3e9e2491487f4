import { afterEach, describe, expect, it } from "vitest";
import { setInvoke } from "../../api";
import type { Issue } from "../../bindings/Issue";
import type { StepId } from "../../bindings/StepId";
import type { WizardView } from "../../bindings/WizardView";
import { wizard } from "./wizard.svelte";

const address: Issue = {
  step: "profile",
  code: "required" as Issue["code"],
  level: "error",
  target: "address",
  message: "Enter the head office address.",
};

/** A view with one open issue on the profile's address and `completed` steps finished. */
function view(completed: StepId[] = []): WizardView {
  return {
    issues: [address],
    data: { progress: { current: "profile", completed } },
  } as unknown as WizardView;
}

describe("validation messages wait until a field is touched", () => {
  afterEach(() => wizard.reset());

  it("hides a fresh form's messages until the field is touched", () => {
    wizard.view = view();
    expect(wizard.shown("profile", "address")).toEqual([]);
    wizard.touch("profile", "sector");
    expect(wizard.shown("profile", "address")).toEqual([]);
    wizard.touch("profile", "address");
    expect(wizard.shown("profile", "address")).toEqual([address]);
  });

  it("shows every message of a step once Next was pressed", async () => {
    wizard.view = view();
    setInvoke(async () => {
      throw { code: "step_blocked", message: "Fix the errors first." };
    });
    await wizard.next();
    expect(wizard.blocked).toBe("Fix the errors first.");
    expect(wizard.shown("profile", "address")).toEqual([address]);
    expect(wizard.tried("context")).toBe(false);
  });

  it("shows them at once for a step finished before, and forgets touches with the project", () => {
    wizard.view = view(["profile"]);
    expect(wizard.shown("profile", "address")).toEqual([address]);
    wizard.view = view();
    wizard.touch("profile", "address");
    wizard.reset();
    wizard.view = view();
    expect(wizard.shown("profile", "address")).toEqual([]);
  });
});
