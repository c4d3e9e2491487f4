import { describe, expect, it, vi } from "vitest";
import { setInvoke } from "./api";
import { app, onProjectChange } from "./app.svelte";

describe("app", () => {
  it("resets feature state when a project is entered or closed", async () => {
    const reset = vi.fn();
    onProjectChange(reset);
    app.screen = "scorecard";
    app.enter({ path: "/p/b.r20k", firm_name: "B" } as never);
    expect(reset).toHaveBeenCalledTimes(1);
    expect(app.screen).toBe("home");
    app.enter(null);
    expect(reset).toHaveBeenCalledTimes(1);
    setInvoke(async <T>() => null as T);
    await app.close();
    expect(reset).toHaveBeenCalledTimes(2);
    expect(app.project).toBeNull();
  });
});
