/**
 * Debounced autosave of a draft. Plain TypeScript (no runes) so it is easy to test: the
 * editor component mirrors {@link Autosaver.state} into its own `$state` via `onchange`.
 *
 * Rules: every edit restarts the timer; at most one save is in flight; edits made while a save
 * runs are saved right after it with the new revision; `flush()` saves now (before issuing a
 * version or leaving the editor) and resolves once everything typed is stored.
 */

/** What the saved indicator shows. */
export type SaveState = "saved" | "unsaved" | "saving" | "error";

/** Saves `body` on top of `revision`; resolves with the new revision. */
export type SaveFn = (body: string, revision: number) => Promise<{ revision: number }>;

export type Timers = {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
};

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class Autosaver {
  state: SaveState = "saved";
  error: string | null = null;
  /** Code of the last error (e.g. `draft_conflict`). */
  errorCode: string | null = null;
  revision: number;
  private body: string;
  private savedBody: string;
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;

  constructor(
    body: string,
    revision: number,
    private readonly save: SaveFn,
    private readonly onchange: (a: Autosaver) => void = () => {},
    private readonly delayMs = 800,
    private readonly timers: Timers = realTimers,
  ) {
    this.body = body;
    this.savedBody = body;
    this.revision = revision;
  }

  /** The text as last typed. */
  get text(): string {
    return this.body;
  }

  /** Whether something typed is not stored yet. */
  get dirty(): boolean {
    return this.body !== this.savedBody;
  }

  private set(state: SaveState): void {
    this.state = state;
    this.onchange(this);
  }

  /** Records an edit and schedules a save. */
  edit(body: string): void {
    this.body = body;
    if (this.timer !== null) this.timers.clear(this.timer);
    if (!this.dirty && !this.inFlight) {
      this.timer = null;
      this.set("saved");
      return;
    }
    this.set(this.inFlight ? "saving" : "unsaved");
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.run();
    }, this.delayMs);
  }

  private async run(): Promise<void> {
    if (this.inFlight) {
      await this.inFlight;
      return this.run();
    }
    if (!this.dirty) {
      if (this.state !== "error") this.set("saved");
      return;
    }
    const body = this.body;
    this.set("saving");
    this.inFlight = (async () => {
      try {
        const r = await this.save(body, this.revision);
        this.revision = r.revision;
        this.savedBody = body;
        this.error = null;
        this.errorCode = null;
      } catch (e) {
        const err = e as { message?: string; code?: string };
        this.error = err.message ?? "The draft could not be saved.";
        this.errorCode = err.code ?? null;
      }
    })();
    await this.inFlight;
    this.inFlight = null;
    if (this.error) {
      this.set("error");
      return;
    }
    if (this.dirty && this.timer === null) return this.run();
    this.set(this.dirty ? "unsaved" : "saved");
  }

  /** Saves now; resolves when everything typed so far is stored (or failed). */
  async flush(): Promise<boolean> {
    if (this.timer !== null) {
      this.timers.clear(this.timer);
      this.timer = null;
    }
    await this.run();
    return !this.dirty && this.error === null;
  }

  /** Stops a pending save (component destroyed after a flush). */
  dispose(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
