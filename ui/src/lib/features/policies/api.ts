/** Typed document-drafting commands, built on the shared {@link call} from lib/api.ts. */
import { call } from "../../api";
import type { DocFormat } from "../../bindings/DocFormat";
import type { DocumentsExported } from "../../bindings/DocumentsExported";
import type { DocumentView } from "../../bindings/DocumentView";
import type { NewOwnDocument } from "../../bindings/NewOwnDocument";
import type { Preview } from "../../bindings/Preview";
import type { Register } from "../../bindings/Register";
import type { SavedDraft } from "../../bindings/SavedDraft";
import type { TextDiffResult } from "../../bindings/TextDiffResult";

export const policiesApi = {
  register: () => call<Register>("documents_register"),
  view: (key: string) => call<DocumentView>("documents_view", { key }),
  start: (key: string, templateId: string | null) => call<DocumentView>("documents_start", { key, templateId }),
  addOwn: (document: NewOwnDocument) => call<DocumentView>("documents_add_own", { document }),
  saveDraft: (documentId: number, body: string, author: number | null, revision: number) =>
    call<SavedDraft>("documents_save_draft", { documentId, body, author, revision }),
  preview: (markdown: string) => call<Preview>("documents_preview", { markdown }),
  redraft: (documentId: number, templateId: string | null, revision: number) =>
    call<DocumentView>("documents_redraft", { documentId, templateId, revision }),
  refresh: (documentId: number, keys: string[], revision: number) =>
    call<DocumentView>("documents_refresh", { documentId, keys, revision }),
  issue: (documentId: number, summary: string, major: boolean, revision: number) =>
    call<DocumentView>("documents_issue", { documentId, summary, major, revision }),
  approve: (versionId: number, approver: number, seen: string, keep: string[] = []) =>
    call<DocumentView>("documents_approve", { versionId, approver, seen, keep }),
  setReviewDate: (documentId: number, date: string) =>
    call<DocumentView>("documents_set_review_date", { documentId, date }),
  diff: (oldId: number, newId: number) => call<TextDiffResult>("documents_diff", { oldId, newId }),
  versionHtml: (versionId: number) => call<string>("documents_version_html", { versionId }),
  attach: (documentId: number) => call<DocumentView | null>("documents_attach", { documentId }),
  /** Exports the approved document `key`, or every approved document when `key` is null. */
  exportDocs: (key: string | null, format: DocFormat = "docx") =>
    call<DocumentsExported>("documents_export", { key, format }),
};
