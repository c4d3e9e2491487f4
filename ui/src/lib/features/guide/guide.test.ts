import { describe, expect, it } from "vitest";
import { setInvoke } from "../../api";
import { guide, within } from "./guide.svelte";

describe("clause guide state", () => {
  it("within respects clause number boundaries", () => {
    expect(within("8.5.1.3", "8.5")).toBe(true);
    expect(within("8.5", "8.5")).toBe(true);
    expect(within("8.50", "8.5")).toBe(false);
    expect(within("10.1", "1")).toBe(false);
  });

  it("follows the screen's clause but keeps a chosen heading above it, and loads only when open", async () => {
    const asked: string[] = [];
    setInvoke(async <T>(cmd: string, args?: Record<string, unknown>) => {
      asked.push(`${cmd}:${String(args?.clause)}`);
      return { id: args?.clause } as T;
    });
    guide.reset();
    guide.open = false;
    guide.follow(["4.1"]);
    expect(guide.clause).toBe("4.1");
    expect(asked).toEqual([]);

    await guide.show("8.5");
    expect(guide.view?.id).toBe("8.5");
    guide.follow(["8.5.1.3"]);
    expect(guide.clause).toBe("8.5");
    guide.follow(["7.5.4", "4.3"]);
    expect(guide.clause).toBe("7.5.4");
    // A document serving 4.3 and 7.5.4 keeps 4.3 when the guide shows it.
    await guide.show("4.3");
    guide.follow(["7.5.4", "4.3"]);
    expect(guide.clause).toBe("4.3");
    expect(asked).toEqual(["guide_clause:8.5", "guide_clause:7.5.4", "guide_clause:4.3"]);
    guide.toggle();
    expect(guide.open).toBe(false);
  });
});
