/** Typed self-assessment commands, built on the shared {@link call} from lib/api.ts. */
import { call } from "../../api";
import type { AnswerRecord } from "../../bindings/AnswerRecord";
import type { AnswerSaved } from "../../bindings/AnswerSaved";
import type { AssessmentView } from "../../bindings/AssessmentView";
import type { EvidenceKind } from "../../bindings/EvidenceKind";
import type { NewEvidence } from "../../bindings/NewEvidence";

export const assessmentApi = {
  load: () => call<AssessmentView>("assessment_load"),
  saveAnswer: (answer: AnswerRecord) => call<AnswerSaved>("assessment_save_answer", { answer }),
  clearAnswer: (questionId: string) => call<AnswerSaved>("assessment_clear_answer", { questionId }),
  attachFile: (questionId: string) => call<AssessmentView | null>("assessment_attach_file", { questionId }),
  addEvidence: (kind: Exclude<EvidenceKind, "file">, evidence: NewEvidence) =>
    call<AssessmentView>("assessment_add_evidence", { kind, evidence }),
  updateEvidence: (id: number, evidence: NewEvidence) =>
    call<AssessmentView>("assessment_update_evidence", { id, evidence }),
  linkEvidence: (id: number, questionId: string) =>
    call<AssessmentView>("assessment_link_evidence", { id, questionId }),
  unlinkEvidence: (id: number, questionId: string) =>
    call<AssessmentView>("assessment_unlink_evidence", { id, questionId }),
};
