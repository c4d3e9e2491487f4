/** App-wide state: the open project, the current screen and the last error. */
import { api, toApiError, type ApiError } from "./api";
import type { ProjectInfo } from "./bindings/ProjectInfo";

/** Screens inside an open project. */
export const SCREENS = [
  { id: "home", label: "Overview" },
  { id: "wizard", label: "Setup wizard" },
  { id: "policies", label: "Policies" },
  { id: "roles", label: "Roles" },
  { id: "assessment", label: "Assessment" },
  { id: "scorecard", label: "Scorecard" },
  { id: "records", label: "Operating records" },
  { id: "objectives", label: "Objectives & KPIs" },
  { id: "risks", label: "Risks" },
  { id: "suppliers", label: "Suppliers" },
  { id: "calendar", label: "SMS calendar" },
  { id: "audits", label: "Internal audit" },
  { id: "reviews", label: "Management review" },
  { id: "roadmap", label: "Certification roadmap" },
  { id: "dossier", label: "Dossier" },
] as const;

/** Id of a screen inside a project. */
export type ScreenId = (typeof SCREENS)[number]["id"];

/** Resets of feature state that belongs to one project (see {@link onProjectChange}). */
const resets: (() => void)[] = [];

/**
 * Registers `reset`, called whenever the open project changes (another one is opened, saved
 * as a copy or closed), so no screen shows the previous project's data, undo or selection.
 */
export function onProjectChange(reset: () => void): void {
  resets.push(reset);
}

class AppState {
  project = $state<ProjectInfo | null>(null);
  screen = $state<ScreenId>("home");
  error = $state<ApiError | null>(null);
  busy = $state(false);

  /** Runs an action, showing progress and catching its error into `error`. */
  async run<T>(action: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.error = null;
    try {
      return await action();
    } catch (e) {
      this.error = toApiError(e);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** Shows `info` as the open project on `screen` (the Overview unless told); nothing for
   * `null` (a cancelled dialog). */
  enter(info: ProjectInfo | null | undefined, screen: ScreenId = "home"): void {
    if (info) {
      for (const reset of resets) reset();
      this.project = info;
      this.screen = screen;
    }
  }

  /** Closes the project and forgets every screen's state. */
  async close(): Promise<void> {
    await this.run(() => api.projectClose());
    for (const reset of resets) reset();
    this.project = null;
  }
}

/** The single app state. */
export const app = new AppState();
