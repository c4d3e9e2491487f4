import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { createRawSnippet } from "svelte";
import SignOffDialog from "./SignOffDialog.svelte";

const html = (h: string) => createRawSnippet(() => ({ render: () => h }));

function props(over: Record<string, unknown> = {}) {
  return {
    title: "Approve",
    testid: "dlg",
    prefix: "x-",
    legend: "Approver (Owner)",
    signers: [
      { id: 1, name: "Ann", refusal: null },
      { id: 2, name: "Bob", refusal: { message: "wrote it" } },
    ],
    initial: 1,
    others: { why: "Not eligible (do not hold the role)", names: ["Cy", "Di"] },
    approve: vi.fn(async () => {}),
    onclose: vi.fn(),
    intro: html("<span>Approve the thing.</span>"),
    nobody: html(`<p data-testid="nobody">Nobody may approve.</p>`),
    ...over,
  };
}

describe("SignOffDialog", () => {
  afterEach(cleanup);

  it("lists the signers, the refused one with its reason, and those not eligible", () => {
    render(SignOffDialog, { props: props() });
    expect((screen.getByTestId("x-approver-1") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText("Cannot approve: wrote it")).toBeTruthy();
    expect(screen.getByText("Not eligible (do not hold the role): Cy, Di.")).toBeTruthy();
    expect(screen.getByTestId("x-approve-confirm").textContent?.trim()).toBe("Approve as Ann");
    expect(screen.queryByTestId("nobody")).toBeNull();
  });

  it("cannot confirm a refused signer, nor while not ready", async () => {
    render(SignOffDialog, { props: props({ ready: false }) });
    const confirm = screen.getByTestId("x-approve-confirm") as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    cleanup();
    render(SignOffDialog, { props: props({ initial: 2 }) });
    expect((screen.getByTestId("x-approve-confirm") as HTMLButtonElement).disabled).toBe(true);
  });

  it("approves as the chosen person and closes", async () => {
    const p = props();
    render(SignOffDialog, { props: p });
    await fireEvent.click(screen.getByTestId("x-approve-confirm"));
    await vi.waitFor(() => expect(p.onclose).toHaveBeenCalledTimes(1));
    expect(p.approve).toHaveBeenCalledWith(1);
  });

  it("shows a refusal from the backend with its code and stays open", async () => {
    const p = props({ approve: vi.fn(async () => Promise.reject({ code: "not_allowed", message: "No." })) });
    render(SignOffDialog, { props: p });
    await fireEvent.click(screen.getByTestId("x-approve-confirm"));
    const err = await screen.findByTestId("x-approve-error");
    expect(err.getAttribute("data-code")).toBe("not_allowed");
    expect(err.textContent?.trim()).toBe("No.");
    expect(p.onclose).not.toHaveBeenCalled();
  });

  it("says so when nobody may sign", () => {
    render(SignOffDialog, { props: props({ signers: [], initial: null }) });
    expect(screen.getByTestId("nobody")).toBeTruthy();
    expect(screen.queryByRole("group")).toBeNull();
  });
});
