import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import type { StageResult } from "../../bindings/StageResult";
import StageCard from "./StageCard.svelte";

function result(caps: number): StageResult {
  return {
    verdict: "not_ready",
    score: 90,
    capped_score: 64,
    caps: Array.from({ length: caps }, (_, i) => ({
      code: i === 0 ? "auditor_independence" : "unaddressed_clause",
      hard: true,
      limit: 64,
      clause: i === 0 ? null : `8.${i}`,
      questions: [],
      rule: i === 0 ? "SOD-01" : null,
      person: i === 0 ? "Ben" : null,
      reason:
        i === 0
          ? "SOD-01: Ben is Internal auditor and owns or operates Incident management."
          : `Clause 8.${i} is wholly unaddressed.`,
      lift: i === 0 ? "Have someone who does not run those processes audit them." : "Put the clause in place.",
    })),
    reasons: [],
    checks: [
      {
        topic: "Every requirement addressed",
        looks_at: "Each clause is in place.",
        status: "failed",
        caps: ["unaddressed_clause"],
        records: [],
      },
      {
        topic: "Operating period",
        looks_at: "Records long enough.",
        status: "met",
        caps: [],
        records: ["Imported operating records: 6 month(s) with records, 2026-05 to 2026-10."],
      },
    ],
  };
}

describe("StageCard", () => {
  afterEach(() => cleanup());

  it("shows what the auditor checks, each cap's reason and what lifts it", async () => {
    render(StageCard, { stage: 2, result: result(6), what: "implementation", provisional: false });
    const checks = screen.getAllByTestId("stage2-check");
    expect(checks.map((c) => c.dataset.status)).toEqual(["failed", "met"]);
    expect(checks[0]?.textContent).toContain("failed: not ready");
    // The records a check read are shown with it (what lifted it here).
    const records = screen.getAllByTestId("stage2-check-record");
    expect(records).toHaveLength(1);
    expect(checks[1]?.textContent).toContain("6 month(s) with records, 2026-05 to 2026-10");
    const caps = screen.getAllByTestId("stage2-cap");
    expect(caps).toHaveLength(4);
    expect(caps[0]?.textContent).toContain("Ben");
    expect(caps[0]?.textContent).toContain("To lift it:");
    expect(caps[0]?.textContent).toContain("does not run those processes");
    await fireEvent.click(screen.getByText("Show all 6"));
    expect(screen.getAllByTestId("stage2-cap")).toHaveLength(6);
  });
});
