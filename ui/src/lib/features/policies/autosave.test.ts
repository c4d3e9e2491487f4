import { describe, expect, it } from "vitest";
import { Autosaver, type Timers } from "./autosave";

/** Manual timers: `tick()` runs whatever is scheduled. */
function fakeTimers() {
  let next: (() => void) | null = null;
  const timers: Timers = {
    set: (fn) => {
      next = fn;
      return 1;
    },
    clear: () => {
      next = null;
    },
  };
  return {
    timers,
    pending: () => next !== null,
    tick: async () => {
      const fn = next;
      next = null;
      fn?.();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

describe("Autosaver", () => {
  it("debounces edits into one save and tracks the revision", async () => {
    const t = fakeTimers();
    const saves: [string, number][] = [];
    const a = new Autosaver(
      "a",
      1,
      async (body, rev) => {
        saves.push([body, rev]);
        return { revision: rev + 1 };
      },
      () => {},
      800,
      t.timers,
    );
    a.edit("ab");
    a.edit("abc");
    expect(a.state).toBe("unsaved");
    await t.tick();
    expect(saves).toEqual([["abc", 1]]);
    expect(a.state).toBe("saved");
    expect(a.revision).toBe(2);
    a.edit("abcd");
    await t.tick();
    expect(saves[1]).toEqual(["abcd", 2]);
  });

  it("typing back to the saved text needs no save", () => {
    const t = fakeTimers();
    const a = new Autosaver(
      "a",
      1,
      async () => ({ revision: 2 }),
      () => {},
      800,
      t.timers,
    );
    a.edit("ab");
    a.edit("a");
    expect(a.state).toBe("saved");
    expect(t.pending()).toBe(false);
  });

  it("saves edits made during a save right after it", async () => {
    const t = fakeTimers();
    const saves: string[] = [];
    let release: () => void = () => {};
    const a = new Autosaver(
      "",
      1,
      (body, rev) => {
        saves.push(body);
        return new Promise((resolve) => {
          release = () => resolve({ revision: rev + 1 });
        });
      },
      () => {},
      800,
      t.timers,
    );
    a.edit("one");
    await t.tick();
    expect(a.state).toBe("saving");
    a.edit("one two");
    const done = a.flush();
    release();
    await new Promise((r) => setTimeout(r, 0));
    release();
    expect(await done).toBe(true);
    expect(saves).toEqual(["one", "one two"]);
    expect(a.revision).toBe(3);
    expect(a.state).toBe("saved");
  });

  it("reports a failed save with its code", async () => {
    const t = fakeTimers();
    const a = new Autosaver(
      "",
      4,
      async () => {
        throw { code: "draft_conflict", message: "Changed elsewhere" };
      },
      () => {},
      800,
      t.timers,
    );
    a.edit("x");
    expect(await a.flush()).toBe(false);
    expect(a.state).toBe("error");
    expect(a.errorCode).toBe("draft_conflict");
    expect(a.revision).toBe(4);
  });
});
