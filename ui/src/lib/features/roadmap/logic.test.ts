import { describe, expect, it } from "vitest";
import { daysWords, toggleCertificate, warningRole } from "./logic";

describe("roadmap logic", () => {
  it("words the days left", () => {
    expect(daysWords(0)).toBe("today");
    expect(daysWords(1)).toBe("in 1 day");
    expect(daysWords(60)).toBe("in 60 days");
    expect(daysWords(-12)).toBe("12 days ago");
  });

  it("alerts only when the target cannot be met", () => {
    expect(warningRole("too_close")).toBe("alert");
    expect(warningRole("passed")).toBe("alert");
    expect(warningRole("tight")).toBe("status");
    expect(warningRole("no_target")).toBe("status");
  });

  it("keeps certificates once each, in profile order", () => {
    expect(toggleCertificate(["iso9001"], "iso27001", true)).toEqual(["iso27001", "iso9001"]);
    expect(toggleCertificate(["iso27001", "iso9001"], "iso27001", false)).toEqual(["iso9001"]);
    expect(toggleCertificate(["iso9001"], "iso9001", true)).toEqual(["iso9001"]);
  });
});
