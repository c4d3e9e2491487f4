import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import Harness from "./ListTableHarness.test.svelte";

describe("ListTable", () => {
  afterEach(cleanup);

  it("renders caption, header, a row per item with its attributes, and extra rows", () => {
    render(Harness, {
      rows: [
        { id: 1, name: "Ann", note: "On leave" },
        { id: 2, name: "Bob" },
      ],
      empty: "Nobody yet.",
    });
    const table = screen.getByTestId("people");
    expect(table.classList.contains("records-table")).toBe(true);
    expect(table.querySelector("caption")?.textContent).toBe("People");
    const ths = [...table.querySelectorAll("thead th")];
    expect(ths.map((th) => th.textContent)).toEqual(["Name", "Actions"]);
    expect(ths[1]?.querySelector(".visually-hidden")).not.toBeNull();
    const rows = [...table.querySelectorAll("tbody tr")];
    expect(rows.map((r) => r.getAttribute("data-testid") ?? r.className)).toEqual(["person-1", "note", "person-2"]);
    expect(screen.getByTestId("person-2").querySelector("td")?.textContent).toBe("Bob");
    expect(screen.queryByTestId("none")).toBeNull();
  });

  it("shows the empty hint instead of the table when there is nothing to list", () => {
    render(Harness, { rows: [], empty: "Nobody yet." });
    expect(screen.getByTestId("none").textContent).toBe("Nobody yet.");
    expect(screen.getByTestId("none").classList.contains("hint")).toBe(true);
    expect(screen.queryByTestId("people")).toBeNull();
  });

  it("shows an empty table when no empty hint is given", () => {
    render(Harness, { rows: [] });
    expect(screen.getByTestId("people").querySelectorAll("tbody tr")).toHaveLength(0);
    expect(screen.queryByTestId("none")).toBeNull();
  });
});
