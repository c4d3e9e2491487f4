import { describe, expect, it } from "vitest";
import { keyPress as key } from "./testKeys";
import { isTyping, listKeyAction, readListKey, step } from "./listNav";

const digit = (n: number) => (n < 3 ? { kind: "digit" as const, n } : null);

describe("list navigation", () => {
  it("maps the shared keys and hands digits to the screen", () => {
    expect(listKeyAction(key("j"), false, digit)).toEqual({ kind: "move", delta: 1 });
    expect(listKeyAction(key("ArrowDown"), false, digit)).toEqual({ kind: "move", delta: 1 });
    expect(listKeyAction(key("K"), false, digit)).toEqual({ kind: "move", delta: -1 });
    expect(listKeyAction(key("N"), false, digit)).toEqual({ kind: "note" });
    expect(listKeyAction(key("e"), false, digit)).toEqual({ kind: "evidence" });
    expect(listKeyAction(key("2"), false, digit)).toEqual({ kind: "digit", n: 2 });
    expect(listKeyAction(key("7"), false, digit)).toBeNull();
    expect(listKeyAction(key("x"), false, digit)).toBeNull();
    expect(listKeyAction(key("constructor"), false, digit)).toBeNull();
  });

  it("leaves keys alone while typing or with a modifier", () => {
    expect(listKeyAction(key("1"), true, digit)).toBeNull();
    expect(listKeyAction(key("j", { ctrlKey: true }), false, digit)).toBeNull();
    expect(listKeyAction(key("1", { altKey: true }), false, digit)).toBeNull();
    expect(listKeyAction(key("e", { metaKey: true }), false, digit)).toBeNull();
  });

  it("knows which targets are text fields", () => {
    const input = document.createElement("input");
    input.type = "text";
    const checkbox = document.createElement("input");
    checkbox.type = "checkbox";
    expect(isTyping(input)).toBe(true);
    expect(isTyping(document.createElement("textarea"))).toBe(true);
    expect(isTyping(document.createElement("select"))).toBe(true);
    expect(isTyping(checkbox)).toBe(false);
    expect(isTyping(document.createElement("button"))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });

  it("moves within bounds", () => {
    expect(step(0, -1, 4)).toBe(0);
    expect(step(3, 1, 4)).toBe(3);
    expect(step(1, 1, 4)).toBe(2);
    expect(step(0, 1, 0)).toBe(-1);
  });

  it("reads a key press: Escape leaves a field, an action prevents the default", () => {
    const input = document.createElement("input");
    input.type = "text";
    document.body.appendChild(input);
    input.focus();
    const escape = new KeyboardEvent("keydown", { key: "Escape", cancelable: true });
    input.dispatchEvent(escape);
    expect(readListKey(escape, () => "never")).toBeNull();
    expect(document.activeElement).not.toBe(input);
    input.remove();

    const down = new KeyboardEvent("keydown", { key: "j", cancelable: true });
    expect(readListKey(down, (e, typing) => listKeyAction(e, typing, digit))).toEqual({ kind: "move", delta: 1 });
    expect(down.defaultPrevented).toBe(true);
    const other = new KeyboardEvent("keydown", { key: "x", cancelable: true });
    expect(readListKey(other, (e, typing) => listKeyAction(e, typing, digit))).toBeNull();
    expect(other.defaultPrevented).toBe(false);
  });
});
