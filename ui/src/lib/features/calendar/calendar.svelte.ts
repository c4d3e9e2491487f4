/** SMS calendar state: the latest screen, the occurrence being marked done, the reminder. */
import { app, onProjectChange } from "../../app.svelte";
import type { CalendarScreen } from "../../bindings/CalendarScreen";
import type { Occurrence } from "../../bindings/Occurrence";
import { calendarApi } from "./api";

class CalendarState {
  view = $state<CalendarScreen | null>(null);
  /** The occurrence open in the "mark done" dialog. */
  completing = $state<Occurrence | null>(null);
  /** The last occurrence marked done, for undo. */
  lastDone = $state<Occurrence | null>(null);
  /** Where the last export went. */
  exported = $state<string | null>(null);
  /** The reminder was dismissed for this project. */
  reminderDismissed = $state(false);

  reset(): void {
    this.view = null;
    this.completing = null;
    this.lastDone = null;
    this.exported = null;
    this.reminderDismissed = false;
  }

  async load(): Promise<boolean> {
    const v = await app.run(() => calendarApi.load());
    if (v) this.view = v;
    return !!v;
  }

  /** Loads quietly (the reminder and the overview): a failure shows nothing. */
  async refresh(): Promise<void> {
    try {
      this.view = await calendarApi.load();
    } catch {
      /* the calendar screen shows the error when opened */
    }
  }

  async complete(o: Occurrence, doneOn: string, note: string, personId: number | null): Promise<void> {
    const v = await app.run(() => calendarApi.complete(o.id, doneOn, note, personId));
    if (v) {
      this.view = v;
      this.completing = null;
      this.lastDone = o;
    }
  }

  async undo(): Promise<void> {
    const o = this.lastDone;
    if (!o) return;
    const v = await app.run(() => calendarApi.undo(o.id));
    if (v) this.view = v;
    this.lastDone = null;
  }

  async exportIcs(): Promise<void> {
    const path = await app.run(() => calendarApi.exportIcs());
    if (path) this.exported = path;
  }
}

export const calendar = new CalendarState();
onProjectChange(() => calendar.reset());
