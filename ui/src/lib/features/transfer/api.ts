/** Typed commands for moving a whole project in and out of the window, built on {@link call}. */
import { call } from "../../api";
import type { BackupsView } from "../../bindings/BackupsView";
import type { FileSaved } from "../../bindings/FileSaved";
import type { ImportOutcome } from "../../bindings/ImportOutcome";
import type { ProjectInfo } from "../../bindings/ProjectInfo";

export const transferApi = {
  /** Asks where to save, then writes the open project as JSON; null if cancelled. */
  exportJson: (journal: boolean) => call<FileSaved | null>("project_export_json", { journal }),
  /** Asks for a JSON export, checks all of it, asks for the new file and opens it. */
  importJson: () => call<ImportOutcome>("project_import_json"),
  /** Asks where to save a copy of the open project (which stays open); null if cancelled. */
  saveCopy: () => call<FileSaved | null>("project_save_copy"),
  /** The open project's rolling backups. */
  backups: () => call<BackupsView>("project_backups"),
  /** Copies a backup to a new file the user chooses and opens it; null if cancelled. */
  restoreBackup: (backup: string) => call<ProjectInfo | null>("project_restore_backup", { backup }),
};

/** The problems of a refused import as plain text, one per line (`path: message`). */
export function problemsText(problems: readonly { path: string; message: string }[]): string {
  return problems.map((p) => `${p.path || "(file)"}: ${p.message}`).join("\n");
}
