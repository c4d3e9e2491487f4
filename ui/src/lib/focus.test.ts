import { afterEach, describe, expect, it, vi } from "vitest";
import { focusHeading } from "./focus";

describe("focusHeading", () => {
  afterEach(() => {
    document.body.innerHTML = "";
  });

  function page(): { nav: HTMLButtonElement; main: HTMLElement } {
    const nav = document.createElement("button");
    const main = document.createElement("main");
    document.body.append(nav, main);
    nav.focus();
    return { nav, main };
  }

  it("focuses the heading once the screen renders it", async () => {
    const { main } = page();
    const stop = focusHeading(main);
    const h1 = document.createElement("h1");
    main.append(h1);
    await vi.waitFor(() => expect(document.activeElement).toBe(h1));
    expect(h1.getAttribute("tabindex")).toBe("-1");
    stop();
  });

  it("never takes focus from a field the user is in", () => {
    const { main } = page();
    const input = document.createElement("input");
    const h1 = document.createElement("h1");
    main.append(h1, input);
    input.focus();
    focusHeading(main);
    expect(document.activeElement).toBe(input);
  });
});
