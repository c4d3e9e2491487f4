import { describe, expect, it } from "vitest";
import { setInvoke } from "../../api";
import { firmNameError } from "./firmName";

describe("firmNameError", () => {
  it("asks the backend and shows its first message", async () => {
    const asked: unknown[] = [];
    setInvoke(async <T>(cmd: string, args?: Record<string, unknown>): Promise<T> => {
      asked.push([cmd, args]);
      const name = String(args?.firmName ?? "");
      return (name.trim() ? [] : [{ field: "firm_name", code: "required", message: "From Rust." }]) as T;
    });
    expect(await firmNameError("  ")).toBe("From Rust.");
    expect(await firmNameError("Acme IT")).toBeNull();
    expect(asked).toEqual([
      ["app_validate_firm_name", { firmName: "  " }],
      ["app_validate_firm_name", { firmName: "Acme IT" }],
    ]);
  });
});
