import { describe, expect, it, vi } from "vitest";
import { formatBytes, formatDate, formatDateTime, formatMonth, formatTime, personName, userLocale } from "./format";

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

describe("locale dates", () => {
  it("writes day, month and year in the user's order", () => {
    expect(formatDate("2026-07-12", "short", "en-GB")).toBe("12/07/2026");
    expect(formatDate("2026-07-12", "short", "en-US")).toBe("7/12/26");
    expect(formatDate("2026-07-12", "medium", "en-GB")).toBe("12 Jul 2026");
    expect(formatDate("2026-07-12", "medium", "en-US")).toBe("Jul 12, 2026");
  });
  it("formats months, timestamps and times per locale", () => {
    expect(formatMonth("2026-07-12", "en-GB")).toBe("July 2026");
    expect(formatMonth("2026-07", "de-DE")).toBe("Juli 2026");
    const local = "2026-07-12T14:05:00";
    expect(formatDateTime(local, "en-GB")).toBe("12 Jul 2026, 14:05");
    expect(formatDateTime(local, "en-US")).toBe("Jul 12, 2026, 2:05 PM");
    expect(formatTime(new Date(local), "en-GB")).toBe("14:05");
  });
  it("falls back to Intl's default when the window's language is no language tag", () => {
    const spy = vi.spyOn(navigator, "languages", "get").mockReturnValue(["C"]);
    const lang = vi.spyOn(navigator, "language", "get").mockReturnValue("C");
    try {
      expect(userLocale()).toBeUndefined();
      expect(formatDate("2026-07-12")).toContain("2026");
    } finally {
      spy.mockRestore();
      lang.mockRestore();
    }
  });
  it("reads a POSIX-style name as its language tag", () => {
    const spy = vi.spyOn(navigator, "languages", "get").mockReturnValue(["en_GB.UTF-8"]);
    try {
      expect(userLocale()).toBe("en-GB");
    } finally {
      spy.mockRestore();
    }
  });
  it("follows the window's language by default", () => {
    const spy = vi.spyOn(navigator, "languages", "get").mockReturnValue(["en-GB", "en"]);
    try {
      expect(formatDate("2026-07-12", "short")).toBe("12/07/2026");
    } finally {
      spy.mockRestore();
    }
  });
});

describe("personName", () => {
  it("finds a person or marks them removed", () => {
    expect(personName([{ id: 1, name: "Ann" }], 1)).toBe("Ann");
    expect(personName([], 2)).toBe("(removed)");
    expect(personName([], null)).toBe("");
  });
});
