/** Words the Overview shows for the values its view carries. */
import type { DueSource } from "../../bindings/DueSource";

/** Where a due item comes from. */
export const DUE_SOURCE_LABEL: Record<DueSource, string> = {
  duty: "SMS duty",
  document_review: "Document review",
  evidence: "Evidence",
  supplier: "Supplier",
  action: "Action",
  nonconformity: "Corrective action",
};

/** The tag of a next step that holds a stage back. */
export function blocksLabel(stage: number, hard: boolean): string {
  return hard ? `Blocks Stage ${stage}` : `Holds back Stage ${stage}`;
}
