/** Risk register state: the latest screen, the entry being edited, the heat-map cell selected. */
import { app, onProjectChange } from "../../app.svelte";
import type { Risk } from "../../bindings/Risk";
import type { RiskCriteria } from "../../bindings/RiskCriteria";
import type { RiskScreen } from "../../bindings/RiskScreen";
import { risksApi } from "./api";

class RisksState {
  view = $state<RiskScreen | null>(null);
  /** The entry open in the form (id 0 for a new one), or null. */
  editing = $state<Risk | null>(null);
  /** Heat map cell that filters the register, or null. */
  cell = $state<{ l: number; i: number } | null>(null);
  basis = $state<"inherent" | "current">("current");

  reset(): void {
    this.view = null;
    this.editing = null;
    this.cell = null;
  }

  private async apply(action: () => Promise<RiskScreen>): Promise<boolean> {
    const v = await app.run(action);
    if (v) {
      this.view = v;
      if (this.editing && this.editing.id !== 0) {
        this.editing = v.register.risks.find((r) => r.id === this.editing?.id) ?? null;
      }
      return true;
    }
    return false;
  }

  load(): Promise<boolean> {
    return this.apply(() => risksApi.load());
  }

  saveCriteria(c: RiskCriteria): Promise<boolean> {
    return this.apply(() => risksApi.saveCriteria($state.snapshot(c)));
  }

  /** Adds a suggestion and opens it in the form so it can be rated and treated. */
  async adopt(key: string, ownerId: number | null): Promise<void> {
    const before = new Set(this.view?.register.risks.map((r) => r.id));
    if (await this.apply(() => risksApi.adopt(key, ownerId))) {
      this.editing = this.view?.register.risks.find((r) => !before.has(r.id)) ?? null;
    }
  }

  async save(r: Risk): Promise<boolean> {
    const isNew = r.id === 0;
    const before = new Set(this.view?.register.risks.map((x) => x.id));
    const ok = await this.apply(() => risksApi.save($state.snapshot(r)));
    if (ok && isNew) this.editing = this.view?.register.risks.find((x) => !before.has(x.id)) ?? null;
    return ok;
  }

  async remove(r: Risk): Promise<void> {
    if (await this.apply(() => risksApi.remove(r.id))) this.editing = null;
  }

  addAction(riskId: number, title: string, ownerId: number | null, due: string | null): Promise<boolean> {
    return this.apply(() => risksApi.addAction(riskId, title, ownerId, due));
  }
}

export const risks = new RisksState();
onProjectChange(() => risks.reset());
