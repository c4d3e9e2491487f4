import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { setInvoke } from "../../api";
import { app } from "../../app.svelte";
import StartScreen from "./StartScreen.svelte";

const start = {
  version: "0.1.0",
  recent: [
    { path: "/p/acme.r20k", firm_name: "Acme IT", opened_at: "2026-01-01T00:00:00Z", exists: true },
    { path: "/p/gone.r20k", firm_name: "Gone Ltd", opened_at: "2026-01-01T00:00:00Z", exists: false },
  ],
  open: null,
};

describe("StartScreen", () => {
  afterEach(cleanup);

  it("lists recent projects and disables missing files", () => {
    render(StartScreen, { start, onchanged: () => {} });
    const entries = screen.getAllByTestId("recent-entry");
    expect(entries).toHaveLength(2);
    expect(entries[0]?.hasAttribute("disabled")).toBe(false);
    expect(entries[1]?.hasAttribute("disabled")).toBe(true);
    expect(screen.getByText("File not found")).toBeTruthy();
  });

  it("validates the firm name before calling the backend", async () => {
    const calls: string[] = [];
    setInvoke(async <T>(cmd: string) => {
      calls.push(cmd);
      return null as T;
    });
    render(StartScreen, { start, onchanged: () => {} });
    await fireEvent.click(screen.getByTestId("new-project"));
    await fireEvent.click(screen.getByTestId("create-project"));
    expect(screen.getByText("Enter the firm's name.")).toBeTruthy();
    expect(calls).toEqual([]);
    await fireEvent.input(screen.getByTestId("firm-name"), { target: { value: "Acme IT" } });
    await fireEvent.click(screen.getByTestId("create-project"));
    expect(calls).toEqual(["project_new"]);
  });

  it("shows a backend error in the banner", async () => {
    setInvoke(async () => {
      throw { code: "not_a_project", message: "x.pdf is not a Ready20k project file." };
    });
    render(StartScreen, { start, onchanged: () => {} });
    await fireEvent.click(screen.getAllByTestId("recent-entry")[0]!);
    await new Promise((r) => setTimeout(r, 0));
    expect(app.error?.code).toBe("not_a_project");
  });
});
