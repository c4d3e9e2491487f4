/** Typed risk register commands, built on {@link call}. */
import { call } from "../../api";
import type { Risk } from "../../bindings/Risk";
import type { RiskCriteria } from "../../bindings/RiskCriteria";
import type { RiskScreen } from "../../bindings/RiskScreen";

export const risksApi = {
  load: () => call<RiskScreen>("risks_load"),
  saveCriteria: (criteria: RiskCriteria) => call<RiskScreen>("risks_save_criteria", { criteria }),
  adopt: (key: string, ownerId: number | null) => call<RiskScreen>("risks_adopt", { key, ownerId }),
  save: (risk: Risk) => call<RiskScreen>("risks_save", { risk }),
  remove: (id: number) => call<RiskScreen>("risks_delete", { id }),
  addAction: (riskId: number, title: string, ownerId: number | null, due: string | null) =>
    call<RiskScreen>("risks_add_action", { riskId, title, ownerId, due }),
};
