/** Typed SMS calendar commands, built on {@link call}. */
import { call } from "../../api";
import type { CalendarScreen } from "../../bindings/CalendarScreen";

export const calendarApi = {
  load: (from: string | null = null, months: number | null = null) =>
    call<CalendarScreen>("calendar_load", { from, months }),
  /** Marks an occurrence done; without `evidenceId` the user picks the file that is the record. `null` if cancelled. */
  complete: (
    occurrenceId: string,
    doneOn: string,
    note: string,
    personId: number | null,
    evidenceId: number | null = null,
  ) => call<CalendarScreen | null>("calendar_complete", { occurrenceId, doneOn, note, personId, evidenceId }),
  undo: (occurrenceId: string) => call<CalendarScreen>("calendar_undo", { occurrenceId }),
  /** Writes the `.ics` where the user chooses; the path, or `null` if cancelled. */
  exportIcs: () => call<string | null>("calendar_export_ics"),
};
