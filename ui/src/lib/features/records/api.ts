/** Typed operating-records commands, built on {@link call}. */
import { call } from "../../api";
import type { Attainment } from "../../bindings/Attainment";
import type { BusinessHours } from "../../bindings/BusinessHours";
import type { DossierSaved } from "../../bindings/DossierSaved";
import type { ImportDone } from "../../bindings/ImportDone";
import type { IncidentReview } from "../../bindings/IncidentReview";
import type { ParsedSla } from "../../bindings/ParsedSla";
import type { PickedExport } from "../../bindings/PickedExport";
import type { Preset } from "../../bindings/Preset";
import type { RecordsImportPreview } from "../../bindings/RecordsImportPreview";
import type { RecordsView } from "../../bindings/RecordsView";
import type { IssuedReport } from "../../bindings/IssuedReport";
import type { ServiceLevels } from "../../bindings/ServiceLevels";
import type { ServiceReportsView } from "../../bindings/ServiceReportsView";

/** The user's choices for the tool's service values: catalogue id, or null for "no service". */
export type ServiceMap = Record<string, number | null>;

export const recordsApi = {
  view: () => call<RecordsView>("records_view"),
  pickExport: () => call<PickedExport | null>("records_pick_export"),
  preview: (path: string, preset: Preset, serviceMap: ServiceMap) =>
    call<RecordsImportPreview>("records_preview", { path, preset, serviceMap }),
  import: (path: string, preset: Preset, serviceMap: ServiceMap, skipBadRows: boolean) =>
    call<ImportDone>("records_import", { path, preset, serviceMap, skipBadRows }),
  setBusinessHours: (hours: BusinessHours) => call<RecordsView>("records_set_business_hours", { hours }),
  saveLevels: (levels: ServiceLevels) => call<RecordsView>("records_save_levels", { levels }),
  convertSla: (serviceId: number) => call<ParsedSla>("records_convert_sla", { serviceId }),
  attainment: (from: string | null, to: string | null) => call<Attainment>("records_attainment", { from, to }),
  /** Builds one service's monthly report (PDF) with the dossier engine, asks where to save it. */
  serviceReport: (service: string, month: string) => call<DossierSaved>("service_report_generate", { service, month }),
  /** The issued monthly service reports, the people who may issue one and the months with records. */
  issuedReports: () => call<ServiceReportsView>("service_report_list"),
  /** Issues a service's monthly report as a record (stored PDF, evidence); a re-issue is the next version. */
  issueReport: (service: string, month: string, issuedBy: number) =>
    call<IssuedReport>("service_report_issue", { service, month, issuedBy }),
  /** Saves an issued report's stored PDF again (asks where). */
  saveIssuedReport: (id: number) => call<DossierSaved>("service_report_save", { id }),
  setReview: (ticketId: number, review: IncidentReview | null) =>
    call<void>("records_set_review", { ticketId, review }),
};
