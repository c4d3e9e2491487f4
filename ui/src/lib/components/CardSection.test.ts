import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import { createRawSnippet } from "svelte";
import CardSection from "./CardSection.svelte";

describe("CardSection", () => {
  afterEach(cleanup);

  it("is a card region named by its heading", () => {
    const children = createRawSnippet(() => ({ render: () => `<p>Nothing overdue.</p>` }));
    render(CardSection, { id: "cal-overdue", title: "Overdue", testid: "sec", class: "kinds", children });
    const section = screen.getByTestId("sec");
    expect(section.tagName).toBe("SECTION");
    expect(section.className).toContain("card");
    expect(section.className).toContain("kinds");
    expect(screen.getByRole("region", { name: "Overdue" })).toBe(section);
    expect(section.querySelector("h2")?.id).toBe("cal-overdue");
    expect(section.textContent).toContain("Nothing overdue.");
  });
});
