/** Typed scorecard commands (scorecard, action plan, snapshots), built on {@link call}. */
import { call } from "../../api";
import type { Action } from "../../bindings/Action";
import type { Comparison } from "../../bindings/Comparison";
import type { ScorecardView } from "../../bindings/ScorecardView";
import type { ScoringSettings } from "../../bindings/ScoringSettings";

export const scorecardApi = {
  load: () => call<ScorecardView>("scorecard_load"),
  saveSettings: (settings: ScoringSettings) => call<ScorecardView>("scorecard_save_settings", { settings }),
  saveAction: (action: Action) => call<ScorecardView>("action_save", { action }),
  deleteAction: (id: number) => call<ScorecardView>("action_delete", { id }),
  takeSnapshot: (label: string) => call<ScorecardView>("snapshot_take", { label }),
  deleteSnapshot: (id: number) => call<ScorecardView>("snapshot_delete", { id }),
  compare: (from: number, to: number | null) => call<Comparison>("snapshot_compare", { from, to }),
};
