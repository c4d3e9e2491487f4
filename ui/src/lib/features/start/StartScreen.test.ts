import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
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

  it("shows the backend's verdict on the firm name and creates only a valid one", async () => {
    const calls: string[] = [];
    setInvoke(async <T>(cmd: string, args?: Record<string, unknown>) => {
      calls.push(cmd);
      if (cmd === "app_validate_firm_name") {
        const name = String(args?.firmName ?? "");
        const errors = name.trim() ? [] : [{ field: "firm_name", code: "required", message: "Enter the firm's name." }];
        return errors as T;
      }
      return null as T;
    });
    render(StartScreen, { start, onchanged: () => {} });
    await fireEvent.click(screen.getByTestId("new-project"));
    await fireEvent.click(screen.getByTestId("create-project"));
    expect(await screen.findByText("Enter the firm's name.")).toBeTruthy();
    expect(calls).toContain("app_validate_firm_name");
    expect(calls).not.toContain("project_new");
    await fireEvent.input(screen.getByTestId("firm-name"), { target: { value: "Acme IT" } });
    await waitFor(() => expect(screen.queryByText("Enter the firm's name.")).toBeNull());
    await fireEvent.click(screen.getByTestId("create-project"));
    await waitFor(() => expect(calls.filter((c) => c === "project_new")).toHaveLength(1));
  });

  it("opens a new project in the setup wizard", async () => {
    const info = {
      path: "/p/new.r20k",
      firm_name: "Acme IT",
      schema_version: 14,
      created_at: "2026-07-12T09:00:00Z",
      counts: [],
    };
    setInvoke(
      async <T>(cmd: string) => (cmd === "app_validate_firm_name" ? [] : cmd === "project_new" ? info : null) as T,
    );
    app.screen = "home";
    render(StartScreen, { start, onchanged: () => {} });
    await fireEvent.click(screen.getByTestId("new-project"));
    await fireEvent.input(screen.getByTestId("firm-name"), { target: { value: "Acme IT" } });
    await fireEvent.click(screen.getByTestId("create-project"));
    await waitFor(() => expect(app.project?.path).toBe("/p/new.r20k"));
    expect(app.screen).toBe("wizard");
    app.project = null;
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
