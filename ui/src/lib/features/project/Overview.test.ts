import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { setInvoke } from "../../api";
import { app } from "../../app.svelte";
import type { OverviewView } from "../../bindings/OverviewView";
import { formatDate } from "../../format";
import Overview from "./Overview.svelte";

const view: OverviewView = {
  today: "2026-07-12",
  answered: 10,
  questions: 187,
  provisional: true,
  stage1: {
    stage: 1,
    verdict: "not_ready",
    score: 12.5,
    reasons: [{ text: "No internal audit programme.", lift: "Plan one.", hard: true }],
    more: 4,
  },
  stage2: { stage: 2, verdict: "nearly_ready", score: 70, reasons: [], more: 0 },
  next_steps: [
    {
      kind: "wizard",
      title: "Finish the setup wizard",
      detail: "1 of 6 steps done",
      blocks: 1,
      hard: false,
      screen: "wizard",
    },
    { kind: "documents", title: "Draft and approve", detail: "0 of 53", blocks: 1, hard: false, screen: "policies" },
    { kind: "audit", title: "Plan the internal audit programme", detail: "", blocks: 1, hard: true, screen: "audits" },
  ],
  due: [
    {
      title: "Restore test",
      due: "2026-07-01",
      overdue: true,
      source: "duty",
      clause: "8.7.2",
      owner: "Ann",
      screen: "calendar",
    },
  ],
  overdue_count: 1,
  due_count: 0,
  progress: [
    {
      area: "wizard",
      label: "Setup wizard",
      done: 1,
      total: 6,
      percent: 16,
      detail: "1 of 6 steps done",
      screen: "wizard",
    },
  ],
};

const project = {
  path: "/p/acme.r20k",
  firm_name: "Acme IT",
  schema_version: 14,
  created_at: "2026-07-12T09:00:00Z",
  counts: [],
};

describe("Overview", () => {
  afterEach(() => {
    cleanup();
    app.project = null;
  });

  it("shows the verdicts, the next steps, what is due and progress, and steers", async () => {
    setInvoke(async <T>(cmd: string) => (cmd === "overview_load" ? view : null) as T);
    app.project = project;
    app.screen = "home";
    render(Overview);
    const steps = await screen.findAllByTestId("next-step");
    expect(steps.map((s) => s.dataset.kind)).toEqual(["wizard", "documents", "audit"]);
    expect(screen.getByTestId("overview-stage1-verdict").textContent?.trim()).toBe("Not ready");
    expect(screen.getByText("4 more reasons on the scorecard")).toBeTruthy();
    expect(screen.getByText("Blocks Stage 1")).toBeTruthy();
    expect(screen.getByTestId("due-item").textContent).toContain(formatDate("2026-07-01"));
    expect(
      screen.getByTestId("progress-wizard").querySelector("[role=progressbar]")?.getAttribute("aria-valuenow"),
    ).toBe("16");
    await fireEvent.click(steps[2]!);
    await waitFor(() => expect(app.screen).toBe("audits"));
  });
});
