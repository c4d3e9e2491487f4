/** Clause guide and command palette state: whether the guide panel is open, which clause it
 * shows (it follows the screen's current clause unless the user chose a heading above it),
 * and whether the palette is open. */
import { toApiError } from "../../api";
import { onProjectChange } from "../../app.svelte";
import type { ClauseGuide } from "../../bindings/ClauseGuide";
import { guideApi } from "./api";

/** Whether clause `id` is `scope` or one of its sub-clauses (`8.5.1.3` is within `8.5`). */
export function within(id: string, scope: string): boolean {
  return id === scope || id.startsWith(`${scope}.`);
}

class GuideState {
  /** The panel is shown beside the assessment and the document screens. */
  open = $state(false);
  /** The clause shown (or to show once opened). */
  clause = $state<string | null>(null);
  view = $state<ClauseGuide | null>(null);
  /** Why the last load failed. */
  error = $state<string | null>(null);
  /** The command palette is open. */
  palette = $state(false);
  /** Counts loads, so a slow answer never replaces a newer one. */
  private seq = 0;

  /** Forgets the previous project's guide. */
  reset(): void {
    this.clause = null;
    this.view = null;
    this.error = null;
    this.palette = false;
    this.seq++;
  }

  /** Opens the panel on clause `id`. */
  async show(id: string): Promise<void> {
    this.open = true;
    this.clause = id;
    await this.load();
  }

  /** The screen now shows `clauses` (the current question's, or an open document's): show the
   * first, unless the panel already shows one of them or a heading above one. */
  follow(clauses: readonly string[]): void {
    const shown = this.clause;
    const first = clauses[0];
    if (!first || (shown && clauses.some((c) => within(c, shown)))) return;
    this.clause = first;
    if (this.open) void this.load();
  }

  toggle(): void {
    this.open = !this.open;
    if (this.open) void this.load();
  }

  /** Reloads the shown clause (after answers or evidence changed). */
  async load(): Promise<void> {
    const id = this.clause;
    if (!id || !this.open) return;
    const mine = ++this.seq;
    // Not through app.run: a reload after an answer must not hide the screen's own error.
    try {
      const v = await guideApi.clause(id);
      if (mine === this.seq) {
        this.view = v;
        this.error = null;
      }
    } catch (e) {
      if (mine === this.seq) this.error = toApiError(e).message;
    }
  }
}

/** The single guide state. */
export const guide = new GuideState();
onProjectChange(() => guide.reset());
