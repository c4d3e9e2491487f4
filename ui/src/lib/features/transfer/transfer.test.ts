import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { setInvoke } from "../../api";
import { app } from "../../app.svelte";
import type { BackupsView } from "../../bindings/BackupsView";
import type { ImportOutcome } from "../../bindings/ImportOutcome";
import type { ProjectInfo } from "../../bindings/ProjectInfo";
import { problemsText } from "./api";
import BackupsDialog from "./BackupsDialog.svelte";
import ImportButton from "./ImportButton.svelte";

const info: ProjectInfo = {
  path: "/p/northwind.r20k",
  firm_name: "Northwind IT",
  schema_version: 13,
  created_at: "2026-06-01T09:00:00Z",
  counts: [],
};

/** Answers each command from `answers` and records the calls. */
function bridge(answers: Record<string, unknown>) {
  const calls: { cmd: string; args?: Record<string, unknown> }[] = [];
  setInvoke(async <T>(cmd: string, args?: Record<string, unknown>): Promise<T> => {
    calls.push({ cmd, args });
    if (!(cmd in answers)) throw { code: "unexpected", message: cmd };
    return answers[cmd] as T;
  });
  return calls;
}

describe("import from the window", () => {
  afterEach(() => {
    cleanup();
    app.project = null;
    app.error = null;
  });

  it("lists every problem of a refused file with its path, and copies them as text", async () => {
    const refused: ImportOutcome = {
      kind: "refused",
      file: "/tmp/broken.json",
      problems: [
        { path: "/wizard/people/1/email", message: "not an e-mail address" },
        { path: "", message: "2 more problems not listed" },
      ],
    };
    bridge({ project_import_json: refused });
    const writeText = vi.fn(async () => {});
    Object.assign(navigator, { clipboard: { writeText } });
    render(ImportButton);
    await fireEvent.click(screen.getByTestId("import-json"));
    const rows = await screen.findAllByTestId("import-problem");
    expect(rows.map((r) => r.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "/wizard/people/1/email not an e-mail address",
      "(whole file) 2 more problems not listed",
    ]);
    expect(app.project).toBeNull();
    await fireEvent.click(screen.getByTestId("import-problems-copy"));
    expect(writeText).toHaveBeenCalledWith(
      "/tmp/broken.json\n/wizard/people/1/email: not an e-mail address\n(file): 2 more problems not listed\n",
    );
    await fireEvent.click(screen.getByTestId("import-problems-close"));
    expect(screen.queryByTestId("import-problems")).toBeNull();
  });

  it("opens the imported project and does nothing when cancelled", async () => {
    bridge({ project_import_json: { kind: "cancelled" } });
    render(ImportButton);
    await fireEvent.click(screen.getByTestId("import-json"));
    await waitFor(() => expect(app.busy).toBe(false));
    expect(app.project).toBeNull();
    bridge({ project_import_json: { kind: "opened", project: info } });
    await fireEvent.click(screen.getByTestId("import-json"));
    await waitFor(() => expect(app.project?.firm_name).toBe("Northwind IT"));
    expect(screen.queryByTestId("import-problems")).toBeNull();
  });

  it("formats problems as path: message lines", () => {
    expect(problemsText([{ path: "/a/0", message: "x" }])).toBe("/a/0: x");
  });
});

describe("backups dialog", () => {
  afterEach(() => {
    cleanup();
    app.project = null;
    app.error = null;
  });

  const view: BackupsView = {
    folder: "/home/u/.local/share/ready20k/backups/northwind-0123456789abcdef",
    keep: 5,
    entries: [
      { path: "/b/20261207T100000.000Z.r20k", taken_at: "2026-12-07T10:00:00+00:00", bytes: 2048 },
      { path: "/b/20261206T100000.000Z.r20k", taken_at: "2026-12-06T10:00:00+00:00", bytes: 1024 },
    ],
    last_error: { code: "io", message: "File error: disk full" },
  };

  it("says where the backups are, shows a failed backup and restores one as a new file", async () => {
    const calls = bridge({ project_backups: view, project_restore_backup: { ...info, path: "/p/restored.r20k" } });
    const onclose = vi.fn();
    render(BackupsDialog, { onclose });
    expect((await screen.findByTestId("backups-folder")).textContent).toBe(view.folder);
    expect(screen.getByTestId("backups-error").textContent).toContain("disk full");
    const rows = screen.getAllByTestId("backup-entry");
    expect(rows.map((r) => r.dataset.path)).toEqual(view.entries.map((e) => e.path));
    const restore = rows[1]!.querySelector("button")!;
    await fireEvent.click(restore);
    await waitFor(() => expect(app.project?.path).toBe("/p/restored.r20k"));
    expect(calls.at(-1)).toEqual({
      cmd: "project_restore_backup",
      args: { backup: "/b/20261206T100000.000Z.r20k" },
    });
    expect(onclose).toHaveBeenCalled();
  });

  it("a cancelled restore keeps the dialog and the project", async () => {
    app.project = info;
    bridge({ project_backups: { ...view, last_error: null }, project_restore_backup: null });
    const onclose = vi.fn();
    render(BackupsDialog, { onclose });
    const rows = await screen.findAllByTestId("backup-entry");
    expect(screen.queryByTestId("backups-error")).toBeNull();
    await fireEvent.click(rows[0]!.querySelector("button")!);
    await waitFor(() => expect(app.busy).toBe(false));
    expect(onclose).not.toHaveBeenCalled();
    expect(app.project?.path).toBe(info.path);
  });
});
