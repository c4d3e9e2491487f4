/** Scorecard state: the latest view, the action being edited, the comparison shown. */
import { app, onProjectChange } from "../../app.svelte";
import type { Action } from "../../bindings/Action";
import type { Comparison } from "../../bindings/Comparison";
import type { ScorecardView } from "../../bindings/ScorecardView";
import type { ScoringSettings } from "../../bindings/ScoringSettings";
import { scorecardApi } from "./api";

class ScorecardState {
  view = $state<ScorecardView | null>(null);
  /** The action open in the form (id 0 for a new one), or null. */
  editing = $state<Action | null>(null);
  /** Where a new action's form shows: under the blocking gaps or in the action plan. */
  editingAt = $state<"blocking" | "plan">("plan");
  /** The last deleted action, for undo. */
  deleted = $state<Action | null>(null);
  /** The comparison shown, with what it compares. */
  comparison = $state<{ from: number; to: number | null; result: Comparison } | null>(null);

  /** Forgets the previous project's scorecard, open form, undo and comparison. */
  reset(): void {
    this.view = null;
    this.editing = null;
    this.editingAt = "plan";
    this.deleted = null;
    this.comparison = null;
  }

  private async apply(action: () => Promise<ScorecardView>): Promise<boolean> {
    const v = await app.run(action);
    if (v) {
      this.view = v;
      return true;
    }
    return false;
  }

  /** Opens the form for `a` (a new action when its id is 0) at `place`. */
  edit(a: Action, place: "blocking" | "plan" = "plan"): void {
    this.editing = a;
    this.editingAt = place;
  }

  load(): Promise<boolean> {
    return this.apply(() => scorecardApi.load());
  }

  /** Saves the scoring settings; the view comes back judged with them. */
  saveSettings(settings: ScoringSettings): Promise<boolean> {
    return this.apply(() => scorecardApi.saveSettings(settings));
  }

  async saveAction(a: Action): Promise<boolean> {
    const ok = await this.apply(() => scorecardApi.saveAction($state.snapshot(a)));
    if (ok) this.editing = null;
    return ok;
  }

  async deleteAction(a: Action): Promise<void> {
    if (await this.apply(() => scorecardApi.deleteAction(a.id))) {
      this.deleted = { ...a, id: 0 };
      if (this.editing?.id === a.id) this.editing = null;
    }
  }

  async undoDelete(): Promise<void> {
    const a = this.deleted;
    if (!a) return;
    this.deleted = null;
    await this.apply(() => scorecardApi.saveAction(a));
  }

  takeSnapshot(label: string): Promise<boolean> {
    return this.apply(() => scorecardApi.takeSnapshot(label));
  }

  async deleteSnapshot(id: number): Promise<void> {
    if (await this.apply(() => scorecardApi.deleteSnapshot(id))) {
      const c = this.comparison;
      if (c && (c.from === id || c.to === id)) this.comparison = null;
    }
  }

  async compare(from: number, to: number | null): Promise<void> {
    const result = await app.run(() => scorecardApi.compare(from, to));
    if (result) this.comparison = { from, to, result };
  }
}

/** The single scorecard state. */
export const scorecard = new ScorecardState();
onProjectChange(() => scorecard.reset());
