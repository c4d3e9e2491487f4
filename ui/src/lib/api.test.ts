import { describe, expect, it } from "vitest";
import { api, ApiError, setInvoke, toApiError } from "./api";

describe("toApiError", () => {
  it("keeps the code and message of a backend payload", () => {
    const e = toApiError({ code: "already_open", message: "Open elsewhere." });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe("already_open");
    expect(e.message).toBe("Open elsewhere.");
  });

  it("wraps strings and unknown values as internal errors", () => {
    expect(toApiError("boom").code).toBe("internal");
    expect(toApiError("boom").message).toBe("boom");
    expect(toApiError(42).message).toBe("Unknown error");
    expect(toApiError({ code: 1, message: "x" }).code).toBe("internal");
  });
});

describe("api", () => {
  it("passes command names and arguments to invoke", async () => {
    const calls: Array<[string, unknown]> = [];
    setInvoke(async <T>(cmd: string, args?: Record<string, unknown>) => {
      calls.push([cmd, args]);
      return null as T;
    });
    await api.projectNew("Acme IT");
    await api.projectOpen();
    await api.projectOpen("/tmp/a.r20k");
    expect(calls).toEqual([
      ["project_new", { firmName: "Acme IT" }],
      ["project_open", { path: null }],
      ["project_open", { path: "/tmp/a.r20k" }],
    ]);
  });

  it("turns a rejected invoke into an ApiError", async () => {
    setInvoke(async () => {
      throw { code: "newer_schema", message: "Update Ready20k." };
    });
    await expect(api.projectInfo()).rejects.toMatchObject({ code: "newer_schema" });
  });
});
