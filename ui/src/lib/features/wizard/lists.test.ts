import { describe, expect, it } from "vitest";
import { addTo, removeFrom } from "./lists";
import { issuesFor, issuesWithPrefix } from "./wizard.svelte";
import type { WizardView } from "../../bindings/WizardView";

describe("list helpers", () => {
  it("adds trimmed, distinct values and removes them", () => {
    expect(addTo(["A"], "  b ")).toEqual(["A", "b"]);
    expect(addTo(["A"], "a")).toEqual(["A"]);
    expect(addTo(["A"], "  ")).toEqual(["A"]);
    expect(removeFrom(["A", "b"], "A")).toEqual(["b"]);
  });
});

describe("wizard helpers", () => {
  const view = {
    issues: [
      { step: "profile", code: "required", level: "error", target: "legal_name", message: "m1" },
      { step: "services", code: "service_without_customer", level: "error", target: "service:3", message: "m2" },
      { step: "services", code: "no_services", level: "error", target: null, message: "m3" },
    ],
    data: { people: [{ id: 1, name: "Ann", email: "", job_title: "", external: false }] },
  } as unknown as WizardView;

  it("filters issues by step and target", () => {
    expect(issuesFor(view, "profile", "legal_name").map((i) => i.message)).toEqual(["m1"]);
    expect(issuesFor(view, "services").length).toBe(2);
    expect(issuesWithPrefix(view, "services", "service:").map((i) => i.message)).toEqual(["m2"]);
    expect(issuesFor(null, "profile")).toEqual([]);
  });
});
