import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render } from "@testing-library/svelte";
import TableHead from "./TableHead.svelte";

describe("TableHead", () => {
  afterEach(() => cleanup());

  it("renders a column header per name and a hidden last one for the buttons", () => {
    const table = document.createElement("table");
    document.body.appendChild(table);
    render(TableHead, { target: table, props: { columns: ["Entry", "Owner"], hidden: "Actions" } });
    const ths = [...table.querySelectorAll("thead th")];
    expect(ths.map((th) => th.textContent)).toEqual(["Entry", "Owner", "Actions"]);
    expect(ths.every((th) => th.getAttribute("scope") === "col")).toBe(true);
    expect(ths[2]?.querySelector(".visually-hidden")).not.toBeNull();
    table.remove();
  });

  it("has no hidden column unless asked", () => {
    const table = document.createElement("table");
    document.body.appendChild(table);
    render(TableHead, { target: table, props: { columns: ["Month"] } });
    expect(table.querySelectorAll("th")).toHaveLength(1);
    table.remove();
  });
});
