/** Typed internal audit commands, built on {@link call}. */
import { call } from "../../api";
import type { Action } from "../../bindings/Action";
import type { Audit } from "../../bindings/Audit";
import type { AuditLine } from "../../bindings/AuditLine";
import type { AuditView } from "../../bindings/AuditView";
import type { LineInput } from "../../bindings/LineInput";
import type { NcSaved } from "../../bindings/NcSaved";
import type { Nonconformity } from "../../bindings/Nonconformity";
import type { ProgrammeView } from "../../bindings/ProgrammeView";

export const auditsApi = {
  load: () => call<ProgrammeView>("audits_load"),
  generate: () => call<ProgrammeView>("audits_generate"),
  save: (audit: Audit) => call<ProgrammeView>("audit_save", { audit }),
  remove: (id: number) => call<Audit>("audit_delete", { id }),
  detail: (id: number) => call<AuditView>("audit_detail", { id }),
  start: (id: number) => call<AuditView>("audit_start", { id }),
  recordLine: (input: LineInput) => call<AuditLine>("audit_record_line", { input }),
  issueReport: (id: number, summary: string, issuedBy: number | null) =>
    call<AuditView>("audit_issue_report", { id, summary, issuedBy }),
  approveReport: (id: number, approver: number) => call<AuditView>("audit_approve_report", { id, approver }),
  ncList: () => call<Nonconformity[]>("nc_list"),
  ncSave: (action: Action, nc: Nonconformity) => call<NcSaved>("nc_save", { action, nc }),
};
