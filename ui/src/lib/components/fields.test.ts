import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { createRawSnippet } from "svelte";
import AddRow from "./AddRow.svelte";
import DateInput from "./DateInput.svelte";
import EditForm from "./EditForm.svelte";
import Field from "./Field.svelte";
import PersonSelect from "./PersonSelect.svelte";
import RecordSelect from "./RecordSelect.svelte";
import TextField from "./TextField.svelte";

const people = [
  { id: 3, name: "Ana" },
  { id: 7, name: "Ben" },
];

describe("PersonSelect", () => {
  afterEach(cleanup);

  it("shows the chosen person and offers nobody first", () => {
    render(PersonSelect, { value: 7, people, none: "Not recorded", testid: "who" });
    const select = screen.getByTestId("who") as HTMLSelectElement;
    expect(select.value).toBe("7");
    expect([...select.options].map((o) => o.text)).toEqual(["Not recorded", "Ana", "Ben"]);
  });

  it("shows nobody for null and undefined", () => {
    render(PersonSelect, { value: undefined, people, testid: "who" });
    const select = screen.getByTestId("who") as HTMLSelectElement;
    expect(select.value).toBe("");
    expect(select.options[0]?.text).toBe("Nobody yet");
  });

  it("keeps a choice and a reset to nobody", async () => {
    const select = (() => {
      render(PersonSelect, { value: null, people, testid: "who" });
      return screen.getByTestId("who") as HTMLSelectElement;
    })();
    select.value = "3";
    await fireEvent.change(select);
    expect(select.value).toBe("3");
    select.value = "";
    await fireEvent.change(select);
    expect(select.value).toBe("");
  });
});

describe("DateInput", () => {
  afterEach(cleanup);

  it("shows an ISO date and an empty field for null", () => {
    render(DateInput, { value: "2026-12-07", testid: "d1" });
    expect((screen.getByTestId("d1") as HTMLInputElement).value).toBe("2026-12-07");
    render(DateInput, { value: null, testid: "d2" });
    expect((screen.getByTestId("d2") as HTMLInputElement).value).toBe("");
  });

  it("passes other attributes to the input and gives null for an emptied field", async () => {
    const onblur = vi.fn();
    render(DateInput, { value: "2026-12-07", testid: "d", id: "when", disabled: true, onblur });
    const input = screen.getByTestId("d") as HTMLInputElement;
    expect(input.id).toBe("when");
    expect(input.disabled).toBe(true);
    await fireEvent.blur(input);
    expect(onblur).toHaveBeenCalledTimes(1);
  });
});

describe("RecordSelect", () => {
  afterEach(cleanup);

  it("offers none first, then the records by name, and can be disabled", () => {
    const parties = [{ id: 4, name: "CloudCo (hosting)" }];
    render(RecordSelect, { value: 4, options: parties, none: "No, we do it ourselves", testid: "r", disabled: true });
    const select = screen.getByTestId("r") as HTMLSelectElement;
    expect(select.value).toBe("4");
    expect(select.disabled).toBe(true);
    expect([...select.options].map((o) => o.text)).toEqual(["No, we do it ourselves", "CloudCo (hosting)"]);
  });
});

const control = createRawSnippet(() => ({ render: () => `<input id="f1" data-testid="control" />` }));

describe("Field", () => {
  afterEach(cleanup);

  it("labels its control, with a muted note, and spans the row when wide", () => {
    const { container } = render(Field, {
      id: "f1",
      label: "Trading name",
      note: "(if different)",
      wide: true,
      children: control,
    });
    const label = container.querySelector("label")!;
    expect(label.htmlFor).toBe("f1");
    expect(label.textContent?.trim()).toBe("Trading name (if different)");
    expect(label.querySelector("span")?.textContent).toBe("(if different)");
    expect(container.firstElementChild?.classList.contains("wide")).toBe(true);
    expect(screen.getByLabelText(/Trading name/)).toBe(screen.getByTestId("control"));
  });
});

describe("TextField", () => {
  afterEach(cleanup);

  it("is a labelled input, or a textarea when given rows, and passes attributes on", async () => {
    const onchange = vi.fn();
    render(TextField, { id: "t1", label: "Title", value: "Backup", testid: "t1", placeholder: "e.g.", onchange });
    const input = screen.getByLabelText("Title") as HTMLInputElement;
    expect(input.type).toBe("text");
    expect(input.value).toBe("Backup");
    expect(input.placeholder).toBe("e.g.");
    await fireEvent.change(input, { target: { value: "Restore" } });
    expect(onchange).toHaveBeenCalledTimes(1);
    render(TextField, { id: "t2", label: "Notes", value: "", rows: 3, testid: "t2" });
    const area = screen.getByTestId("t2") as HTMLTextAreaElement;
    expect(area.tagName).toBe("TEXTAREA");
    expect(area.rows).toBe(3);
  });
});

describe("EditForm", () => {
  afterEach(cleanup);

  it("submits without reloading, cancels, and names its test ids", async () => {
    const onsubmit = vi.fn();
    const oncancel = vi.fn();
    render(EditForm, { onsubmit, oncancel, save: "Save audit", testid: "audit", children: control });
    const form = screen.getByTestId("audit-form");
    const submit = new Event("submit", { cancelable: true });
    form.dispatchEvent(submit);
    expect(submit.defaultPrevented).toBe(true);
    expect(onsubmit).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("audit-save").textContent).toBe("Save audit");
    await fireEvent.click(screen.getByText("Cancel"));
    expect(oncancel).toHaveBeenCalledTimes(1);
  });
});

describe("AddRow", () => {
  afterEach(cleanup);

  it("adds the trimmed text on Enter or the button, and empties only once it was added", async () => {
    const added: string[] = [];
    let accept = false;
    render(AddRow, {
      id: "new",
      label: "New service name",
      placeholder: "New service",
      button: "Add service",
      testid: "service",
      onadd: (text: string) => {
        added.push(text);
        return accept;
      },
    });
    const input = screen.getByLabelText("New service name") as HTMLInputElement;
    await fireEvent.click(screen.getByTestId("service-add"));
    expect(added).toEqual([]);
    await fireEvent.input(input, { target: { value: "  Hosting " } });
    await fireEvent.keyDown(input, { key: "Enter" });
    await vi.waitFor(() => expect(added).toEqual(["Hosting"]));
    expect(input.value).toBe("  Hosting ");
    accept = true;
    await fireEvent.click(screen.getByTestId("service-add"));
    await vi.waitFor(() => expect(input.value).toBe(""));
    expect(added).toEqual(["Hosting", "Hosting"]);
  });
});
