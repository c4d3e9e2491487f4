import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { createRawSnippet } from "svelte";
import Modal from "./Modal.svelte";
import Tabs from "./Tabs.svelte";
import UndoBanner from "./UndoBanner.svelte";

const fields = createRawSnippet(() => ({
  render: () => `<div><input data-testid="first" /><button type="button" data-testid="last">OK</button></div>`,
}));

describe("Modal", () => {
  afterEach(() => {
    cleanup();
    document.body.innerHTML = "";
  });

  it("focuses its first field, keeps Tab inside and closes on Escape", async () => {
    const onclose = vi.fn();
    render(Modal, { title: "Dialog", onclose, children: fields, testid: "m" });
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("first")));
    const dialog = screen.getByTestId("m");
    screen.getByTestId("last").focus();
    await fireEvent.keyDown(dialog, { key: "Tab" });
    expect(document.activeElement).toBe(screen.getByTestId("first"));
    await fireEvent.keyDown(dialog, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(screen.getByTestId("last"));
    await fireEvent.keyDown(dialog, { key: "Escape" });
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  it("brings focus back from outside and returns it to the opener on close", async () => {
    const opener = document.createElement("button");
    const outside = document.createElement("button");
    document.body.append(opener, outside);
    opener.focus();
    const { unmount } = render(Modal, { title: "Dialog", onclose: () => {}, children: fields });
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("first")));
    outside.focus();
    expect(document.activeElement).toBe(screen.getByTestId("first"));
    unmount();
    expect(document.activeElement).toBe(opener);
  });
});

describe("Tabs", () => {
  afterEach(cleanup);

  const tab = createRawSnippet((id: () => string) => ({ render: () => `<span>${id()}</span>` }));
  const tabs = [{ id: "a", testid: "tab-a" }, { id: "b", testid: "tab-b" }, { id: "c" }] as const;

  it("ties tabs to panels and has one tab stop", () => {
    render(Tabs, { group: "g", label: "Things", tabs, selected: "b", onselect: () => {}, tab });
    const b = screen.getByTestId("tab-b");
    expect(b.getAttribute("role")).toBe("tab");
    expect(b.getAttribute("aria-selected")).toBe("true");
    expect(b.getAttribute("aria-controls")).toBe("g-panel-b");
    expect(b.id).toBe("g-tab-b");
    expect(b.tabIndex).toBe(0);
    expect(screen.getByTestId("tab-a").tabIndex).toBe(-1);
    expect(screen.getByRole("tablist").getAttribute("aria-label")).toBe("Things");
  });

  it("moves with the arrow keys, Home and End, wrapping around", async () => {
    const onselect = vi.fn();
    render(Tabs, { group: "g", label: "Things", tabs, selected: "a", onselect, tab });
    const a = screen.getByTestId("tab-a");
    await fireEvent.keyDown(a, { key: "ArrowRight" });
    await fireEvent.keyDown(a, { key: "ArrowLeft" });
    await fireEvent.keyDown(a, { key: "End" });
    await fireEvent.keyDown(a, { key: "Home" });
    await fireEvent.keyDown(a, { key: "x" });
    expect(onselect.mock.calls.map((c) => c[0])).toEqual(["b", "c", "c", "a"]);
  });
});

describe("UndoBanner", () => {
  afterEach(cleanup);

  it("offers Undo and, when asked for, Dismiss", async () => {
    const onundo = vi.fn();
    render(UndoBanner, { message: "Removed Ann.", onundo, undoTestid: "undo" });
    expect(screen.getByRole("status").textContent).toContain("Removed Ann.");
    expect(screen.queryByText("Dismiss")).toBeNull();
    await fireEvent.click(screen.getByTestId("undo"));
    expect(onundo).toHaveBeenCalledTimes(1);
  });
});
