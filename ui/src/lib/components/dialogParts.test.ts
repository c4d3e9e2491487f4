import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { createRawSnippet } from "svelte";
import ChoiceGroup from "./ChoiceGroup.svelte";
import DialogButtons from "./DialogButtons.svelte";

const text = (t: string) => createRawSnippet(() => ({ render: () => `<span>${t}</span>` }));

describe("DialogButtons", () => {
  afterEach(cleanup);

  it("has Cancel, which closes, and the primary submit button with its label", async () => {
    const onclose = vi.fn();
    render(DialogButtons, { onclose, testid: "go", children: text("Approve as Ann") });
    const submit = screen.getByTestId("go");
    expect(submit.getAttribute("type")).toBe("submit");
    expect(submit.classList.contains("primary")).toBe(true);
    expect(submit.textContent).toBe("Approve as Ann");
    expect((submit as HTMLButtonElement).disabled).toBe(false);
    const cancel = screen.getByRole("button", { name: "Cancel" });
    expect(cancel.getAttribute("type")).toBe("button");
    await fireEvent.click(cancel);
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(submit.parentElement?.classList.contains("dialog-actions")).toBe(true);
  });

  it("disables the submit button when asked", () => {
    render(DialogButtons, { onclose: () => {}, disabled: true, testid: "go", children: text("Issue") });
    expect((screen.getByTestId("go") as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("ChoiceGroup", () => {
  afterEach(cleanup);

  it("is a fieldset with its legend around the choices", () => {
    const choices = createRawSnippet(() => ({
      render: () => `<label class="radio"><input type="radio" name="x" /> Ann</label>`,
    }));
    render(ChoiceGroup, { legend: "Approver (Owner)", testid: "group", children: choices });
    const group = screen.getByTestId("group");
    expect(group.tagName).toBe("FIELDSET");
    expect(group.querySelector("legend")?.textContent).toBe("Approver (Owner)");
    expect(screen.getByRole("group", { name: "Approver (Owner)" })).toBe(group);
    expect(group.querySelectorAll("input[type=radio]")).toHaveLength(1);
  });
});
