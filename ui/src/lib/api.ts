/**
 * The one typed wrapper around Tauri's `invoke`. Every call from the UI to Rust goes through
 * here; every failure arrives as an {@link ApiError} with a stable `code` and a readable message.
 */
import { invoke } from "@tauri-apps/api/core";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { ProjectInfo } from "./bindings/ProjectInfo";
import type { RecentProject } from "./bindings/RecentProject";
import type { StartInfo } from "./bindings/StartInfo";

/** An error from the backend (or the bridge), shown the same way everywhere. */
export class ApiError extends Error {
  readonly code: string;
  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = "ApiError";
    this.code = payload.code;
  }
}

/** Turns anything thrown by `invoke` into an {@link ApiError}. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const { code, message } = e as Record<string, unknown>;
    if (typeof code === "string" && typeof message === "string") {
      return new ApiError({ code, message });
    }
  }
  const message = e instanceof Error ? e.message : typeof e === "string" ? e : "Unknown error";
  return new ApiError({ code: "internal", message });
}

type Invoke = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>;
let invokeImpl: Invoke = invoke;

/** Replaces the bridge (unit tests only). */
export function setInvoke(fn: Invoke): void {
  invokeImpl = fn;
}

/** Calls a Rust command; failures become {@link ApiError}s. Feature api modules build on this. */
export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invokeImpl<T>(cmd, args);
  } catch (e) {
    throw toApiError(e);
  }
}

/** Typed commands, one per Rust command. */
export const api = {
  appStart: () => call<StartInfo>("app_start"),
  appPainted: () => call<void>("app_painted"),
  projectNew: (firmName: string) => call<ProjectInfo | null>("project_new", { firmName }),
  projectOpen: (path?: string) => call<ProjectInfo | null>("project_open", { path: path ?? null }),
  projectOpenDemo: () => call<ProjectInfo>("project_open_demo"),
  projectInfo: () => call<ProjectInfo>("project_info"),
  projectSaveAs: () => call<ProjectInfo | null>("project_save_as"),
  projectClose: () => call<void>("project_close"),
  recentForget: (path: string) => call<RecentProject[]>("recent_forget", { path }),
};
