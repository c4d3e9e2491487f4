import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import DateInput from "./DateInput.svelte";
import PersonSelect from "./PersonSelect.svelte";

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
});
