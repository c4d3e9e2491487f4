/** Internal audit state: the programme, and the audit open on screen with its checklist. */
import { app, onProjectChange } from "../../app.svelte";
import type { Action } from "../../bindings/Action";
import type { Audit } from "../../bindings/Audit";
import type { AuditView } from "../../bindings/AuditView";
import type { LineResult } from "../../bindings/LineResult";
import type { Nonconformity } from "../../bindings/Nonconformity";
import type { ProgrammeView } from "../../bindings/ProgrammeView";
import { auditsApi } from "./api";
import { step } from "../../listNav";
import { nextUnchecked } from "./logic";

class AuditsState {
  programme = $state<ProgrammeView | null>(null);
  /** The audit open on screen (its checklist), or null for the programme. */
  audit = $state<AuditView | null>(null);
  /** Index of the current checklist line. */
  current = $state(0);
  /** The audit being edited in the programme (id 0: a new one). */
  editing = $state<Audit | null>(null);
  /** The last removed audit, for undo. */
  removed = $state<Audit | null>(null);

  reset(): void {
    this.programme = null;
    this.audit = null;
    this.current = 0;
    this.editing = null;
    this.removed = null;
  }

  private async programmeFrom(action: () => Promise<ProgrammeView>): Promise<boolean> {
    const v = await app.run(action);
    if (v) this.programme = v;
    return !!v;
  }

  load(): Promise<boolean> {
    return this.programmeFrom(() => auditsApi.load());
  }

  generate(): Promise<boolean> {
    return this.programmeFrom(() => auditsApi.generate());
  }

  async save(a: Audit): Promise<boolean> {
    const ok = await this.programmeFrom(() => auditsApi.save($state.snapshot(a)));
    if (ok) this.editing = null;
    return ok;
  }

  async remove(id: number): Promise<void> {
    const gone = await app.run(() => auditsApi.remove(id));
    if (gone) {
      this.removed = { ...gone, id: 0, status: "planned" };
      this.editing = null;
      await this.load();
    }
  }

  async undoRemove(): Promise<void> {
    const a = this.removed;
    this.removed = null;
    if (a) await this.save(a);
  }

  private async auditFrom(action: () => Promise<AuditView>): Promise<boolean> {
    const v = await app.run(action);
    if (v) this.audit = v;
    return !!v;
  }

  async open(id: number): Promise<void> {
    if (await this.auditFrom(() => auditsApi.detail(id))) {
      this.current = Math.max(0, this.audit?.lines.findIndex((l) => l.result === "not_checked") ?? 0);
    }
  }

  async close(): Promise<void> {
    this.audit = null;
    await this.load();
  }

  start(): Promise<boolean> {
    const id = this.audit?.row.audit.id;
    return id ? this.auditFrom(() => auditsApi.start(id)) : Promise.resolve(false);
  }

  move(delta: number): void {
    this.current = step(this.current, delta, this.audit?.lines.length ?? 0);
  }

  /** Records a line's result with its evidence and notes. With `advance`, moves on to the
   * next unchecked line; a new finding refreshes the audit (its findings list). */
  async recordLine(
    lineId: number,
    result: LineResult,
    evidence: string,
    notes: string,
    advance = false,
  ): Promise<boolean> {
    const a = this.audit;
    if (!a) return false;
    const saved = await app.run(() =>
      auditsApi.recordLine({ line_id: lineId, result, evidence_refs: evidence, notes }),
    );
    if (!saved || !this.audit) return false;
    const i = this.audit.lines.findIndex((l) => l.id === lineId);
    const before = this.audit.lines[i];
    if (i >= 0) this.audit.lines[i] = saved;
    if (saved.action_id !== null && saved.action_id !== before?.action_id) {
      await this.auditFrom(() => auditsApi.detail(a.row.audit.id));
    } else if (before && before.result !== saved.result) {
      this.audit.row.checked = this.audit.lines.filter((l) => l.result !== "not_checked").length;
    }
    if (advance && i === this.current) this.current = nextUnchecked(this.audit.lines, i);
    return true;
  }

  issue(summary: string, issuedBy: number | null): Promise<boolean> {
    const id = this.audit?.row.audit.id;
    return id ? this.auditFrom(() => auditsApi.issueReport(id, summary, issuedBy)) : Promise.resolve(false);
  }

  approve(approver: number): Promise<boolean> {
    const id = this.audit?.row.audit.id;
    return id ? this.auditFrom(() => auditsApi.approveReport(id, approver)) : Promise.resolve(false);
  }

  /** Saves a finding (action texts and nonconformity fields) and refreshes the audit. */
  async saveFinding(action: Action, nc: Nonconformity): Promise<boolean> {
    const saved = await app.run(() => auditsApi.ncSave($state.snapshot(action), $state.snapshot(nc)));
    const id = this.audit?.row.audit.id;
    if (saved && id) await this.auditFrom(() => auditsApi.detail(id));
    return !!saved;
  }
}

export const audits = new AuditsState();
onProjectChange(() => audits.reset());
