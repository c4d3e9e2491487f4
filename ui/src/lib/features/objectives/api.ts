/** Typed objectives and KPIs commands, built on {@link call}. */
import { call } from "../../api";
import type { KpiInput } from "../../bindings/KpiInput";
import type { ObjectiveInput } from "../../bindings/ObjectiveInput";
import type { ObjectivesView } from "../../bindings/ObjectivesView";

export const objectivesApi = {
  view: () => call<ObjectivesView>("objectives_view"),
  add: (objective: ObjectiveInput) => call<ObjectivesView>("objectives_add", { objective }),
  update: (id: number, objective: ObjectiveInput) => call<ObjectivesView>("objectives_update", { id, objective }),
  addKpi: (kpi: KpiInput) => call<ObjectivesView>("objectives_add_kpi", { kpi }),
  recordValue: (kpiId: number, period: string, value: number, note: string) =>
    call<ObjectivesView>("objectives_record_value", { kpiId, period, value, note }),
};
