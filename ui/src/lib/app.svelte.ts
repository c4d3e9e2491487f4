/** App-wide state: the open project, the current screen and the last error. */
import { api, toApiError, type ApiError } from "./api";
import type { ProjectInfo } from "./bindings/ProjectInfo";

/** Screens inside an open project. */
export const SCREENS = [
  { id: "home", label: "Overview", ready: true },
  { id: "wizard", label: "Setup wizard", ready: true },
  { id: "policies", label: "Policies", ready: true },
  { id: "roles", label: "Roles", ready: true },
  { id: "assessment", label: "Assessment", ready: true },
  { id: "scorecard", label: "Scorecard", ready: true },
  { id: "dossier", label: "Dossier", ready: true },
] as const;

/** Id of a screen inside a project. */
export type ScreenId = (typeof SCREENS)[number]["id"];

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

  /** Shows `info` as the open project (or returns to the start screen for `null`). */
  enter(info: ProjectInfo | null | undefined): void {
    if (info) {
      this.project = info;
      this.screen = "home";
    }
  }

  async close(): Promise<void> {
    await this.run(() => api.projectClose());
    this.project = null;
  }
}

/** The single app state. */
export const app = new AppState();
