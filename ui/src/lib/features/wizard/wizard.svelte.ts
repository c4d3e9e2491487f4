/** Wizard state: the latest {@link WizardView} from the backend and the actions that change it. */
import { app, onProjectChange } from "../../app.svelte";
import type { Issue } from "../../bindings/Issue";
import type { Person } from "../../bindings/Person";
import type { StepId } from "../../bindings/StepId";
import type { WizardView } from "../../bindings/WizardView";
import { wizardApi } from "./api";

/** Issues of `step`, optionally only those for `target` (e.g. "legal_name", "service:3"). */
export function issuesFor(view: WizardView | null, step: StepId, target?: string): Issue[] {
  if (!view) return [];
  return view.issues.filter((i) => i.step === step && (target === undefined || i.target === target));
}

/** Issues of `step` that point at a target starting with `prefix` (e.g. "service:"). */
export function issuesWithPrefix(view: WizardView | null, step: StepId, prefix: string): Issue[] {
  if (!view) return [];
  return view.issues.filter((i) => i.step === step && (i.target ?? "").startsWith(prefix));
}

class WizardState {
  view = $state<WizardView | null>(null);
  /** Step shown; follows the stored progress. */
  step = $derived<StepId>(this.view?.data.progress.current ?? "profile");
  /** The last removed person, for undo. */
  removed = $state<Person | null>(null);
  /** Message shown when "Next" is refused (e.g. an unresolved block conflict). */
  blocked = $state<string | null>(null);
  /** Fields left or changed (`step:target`) and steps whose "Next" was pressed (`step:*`). */
  touched = $state<Record<string, boolean>>({});

  /** Forgets the previous project's view, undo, refusal and touched fields. */
  reset(): void {
    this.view = null;
    this.removed = null;
    this.blocked = null;
    this.touched = {};
  }

  /** Marks a field of `step` as touched: its messages show from now on. */
  touch(step: StepId, target: string): void {
    this.touched[`${step}:${target}`] = true;
  }

  /**
   * The issues of a field as the screen shows them: only once the field was touched, "Next"
   * was pressed on its step, or the step was finished before, so a fresh form is not
   * covered in errors. The backend checks everything regardless.
   */
  shown(step: StepId, target: string): Issue[] {
    return this.touched[`${step}:${target}`] || this.tried(step) ? issuesFor(this.view, step, target) : [];
  }

  /** Whether "Next" was pressed on `step` or it was finished before: all its messages show. */
  tried(step: StepId): boolean {
    return !!this.touched[`${step}:*`] || (this.view?.data.progress.completed.includes(step) ?? false);
  }

  /** Runs a call that answers with a fresh view. Returns false when it failed. */
  async apply(action: () => Promise<WizardView>): Promise<boolean> {
    const v = await app.run(action);
    if (v) {
      this.view = v;
      return true;
    }
    return false;
  }

  load(): Promise<boolean> {
    return this.apply(() => wizardApi.load());
  }

  async goto(step: StepId): Promise<void> {
    this.blocked = null;
    await this.apply(() => wizardApi.goto(step));
  }

  /** Goes to the step before the current one (the view names it). */
  async back(): Promise<void> {
    const prev = this.view?.previous_step;
    if (prev) await this.goto(prev);
  }

  /** Finishes the current step and moves on; a refusal is shown inline, not as a banner. */
  async next(): Promise<void> {
    this.blocked = null;
    const step = this.step;
    this.touched[`${step}:*`] = true;
    try {
      this.view = await wizardApi.completeStep(step);
    } catch (e) {
      const err = e as { code?: string; message?: string };
      if (err.code === "step_blocked") this.blocked = err.message ?? "This step is blocked.";
      else await app.run(() => Promise.reject(e));
    }
  }

  async removePerson(id: number): Promise<void> {
    const r = await app.run(() => wizardApi.deletePerson(id));
    if (r) {
      this.view = r.view;
      this.removed = r.person;
    }
  }

  async undoRemove(): Promise<void> {
    const p = this.removed;
    if (!p) return;
    if (await this.apply(() => wizardApi.restorePerson(p.id))) this.removed = null;
  }
}

/** The single wizard state (shared by the wizard and the roles screen). */
export const wizard = new WizardState();
onProjectChange(() => wizard.reset());
