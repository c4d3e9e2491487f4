import { describe as suite, expect, it } from "vitest";
import { setInvoke } from "../../api";
import type { DossierSaved } from "../../bindings/DossierSaved";
import { app } from "../../app.svelte";
import { describe, dossier, PACKS } from "./dossier.svelte";

const saved: DossierSaved = {
  path: "/tmp/northwind.pdf",
  pages: 79,
  bytes: 480_000,
  draft: true,
  missing_glyphs: [],
  opened: true,
};

suite("dossier state", () => {
  it("sends the chosen pack and records the saved file", async () => {
    const calls: unknown[] = [];
    setInvoke(async <T>(cmd: string, args?: Record<string, unknown>): Promise<T> => {
      calls.push({ cmd, args });
      return saved as T;
    });
    dossier.pack = "stage1";
    const p = dossier.generate();
    expect(dossier.phase).toBe("working");
    // A second click while working does nothing.
    expect(await dossier.generate()).toBeUndefined();
    await p;
    expect(calls).toEqual([{ cmd: "dossier_generate", args: { packId: "stage1" } }]);
    expect(dossier.phase).toBe("done");
    expect(dossier.result?.pages).toBe(79);
  });

  it("a cancelled save dialog is not an error", async () => {
    setInvoke(async <T>(): Promise<T> => ({ ...saved, path: null, opened: false }) as T);
    await dossier.generate();
    expect(dossier.phase).toBe("cancelled");
    expect(app.error).toBeNull();
    expect(describe(dossier.result!)).toContain("cancelled");
  });

  it("a failure shows the error and returns to idle", async () => {
    setInvoke(async <T>(): Promise<T> => {
      throw { code: "no_project", message: "No project is open." };
    });
    await dossier.generate();
    expect(dossier.phase).toBe("idle");
    expect(app.error?.code).toBe("no_project");
    app.error = null;
  });

  it("describes results and sizes for people", () => {
    expect(describe(saved)).toBe("Saved to /tmp/northwind.pdf and opened in your PDF viewer (79 pages, 469 KB).");
    expect(PACKS.map((p) => p.id)).toEqual(["full", "stage1", "summary"]);
  });
});
