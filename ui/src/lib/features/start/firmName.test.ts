import { describe, expect, it } from "vitest";
import { validateFirmName } from "./firmName";

describe("validateFirmName", () => {
  it("accepts a normal name and trims it", () => {
    expect(validateFirmName("  Acme IT ")).toBeNull();
  });
  it("rejects empty, overlong and control characters", () => {
    expect(validateFirmName("   ")).toMatch(/Enter/);
    expect(validateFirmName("x".repeat(201))).toMatch(/200/);
    expect(validateFirmName("a\u0007b")).toMatch(/control/);
  });
  it("counts characters, not UTF-16 units", () => {
    expect(validateFirmName("😀".repeat(200))).toBeNull();
  });
});
