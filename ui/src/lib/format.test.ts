import { describe, expect, it } from "vitest";
import { formatBytes, formatDate, formatDateTime, personName } from "./format";

describe("formatBytes", () => {
  it("uses bytes, KB and MB", () => {
    expect(formatBytes(812)).toBe("812 bytes");
    expect(formatBytes(480_000)).toBe("469 KB");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3.0 MB");
  });
  it("is empty for a missing size", () => {
    expect(formatBytes(null)).toBe("");
  });
});

describe("dates", () => {
  it("formats a date without shifting the day", () => {
    const d = formatDate("2027-02-01");
    expect(d).toContain("2027");
    expect(d).toContain("1");
    expect(d).not.toContain("31");
  });
  it("keeps unreadable input and is empty for null", () => {
    expect(formatDate("soon")).toBe("soon");
    expect(formatDate(null)).toBe("");
    expect(formatDateTime("later")).toBe("later");
    expect(formatDateTime("2026-03-12T10:30:00Z")).toContain("2026");
  });
});

describe("personName", () => {
  it("finds a person or marks them removed", () => {
    expect(personName([{ id: 1, name: "Ann" }], 1)).toBe("Ann");
    expect(personName([], 2)).toBe("(removed)");
    expect(personName([], null)).toBe("");
  });
});
