/** Keyboard navigation shared by the list screens (self-assessment, audit checklist). */

/** The keys every list screen knows: J/K or the arrows move, N goes to the note, E to the evidence. */
export type ListAction = { kind: "move"; delta: number } | { kind: "note" } | { kind: "evidence" };

const LIST_KEYS: ReadonlyMap<string, ListAction> = new Map<string, ListAction>([
  ...["j", "J", "ArrowDown"].map((k): [string, ListAction] => [k, { kind: "move", delta: 1 }]),
  ...["k", "K", "ArrowUp"].map((k): [string, ListAction] => [k, { kind: "move", delta: -1 }]),
  ...["n", "N"].map((k): [string, ListAction] => [k, { kind: "note" }]),
  ...["e", "E"].map((k): [string, ListAction] => [k, { kind: "evidence" }]),
]);

/** Maps a key to an action: a digit through `digit` (the screen's own answers), the shared
 * list keys otherwise; `null` for keys the screen leaves alone (any key pressed with Ctrl, Alt
 * or Meta, or while typing in a field). */
export function listKeyAction<A>(
  e: Pick<KeyboardEvent, "key" | "ctrlKey" | "altKey" | "metaKey">,
  typing: boolean,
  digit: (n: number) => A | null,
): A | ListAction | null {
  if (typing || e.ctrlKey || e.altKey || e.metaKey) return null;
  if (/^[0-9]$/.test(e.key)) return digit(Number(e.key));
  const action = LIST_KEYS.get(e.key);
  return action ? { ...action } : null;
}

/** Whether the event target is a field the user types into. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== "string") return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  if (tag === "textarea" || tag === "select") return true;
  if (tag === "input") {
    const type = (el as HTMLInputElement).type;
    return !["button", "checkbox", "radio", "submit", "reset"].includes(type);
  }
  return el.isContentEditable === true;
}

/** The index `delta` steps from `index`, clamped to the list. */
export function step(index: number, delta: number, length: number): number {
  if (length === 0) return -1;
  return Math.min(length - 1, Math.max(0, index + delta));
}

/** Reads a key press on a list screen: Escape in a field leaves the field; otherwise the
 * screen's action for the key (its default prevented), or `null` to leave the key alone. */
export function readListKey<A>(e: KeyboardEvent, keyAction: (e: KeyboardEvent, typing: boolean) => A | null): A | null {
  const typing = isTyping(e.target);
  if (typing && e.key === "Escape") {
    (e.target as HTMLElement).blur();
    return null;
  }
  const action = keyAction(e, typing);
  if (action) e.preventDefault();
  return action;
}
