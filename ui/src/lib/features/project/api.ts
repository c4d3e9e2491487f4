/** Typed Overview command, built on {@link call}. */
import { call } from "../../api";
import type { OverviewView } from "../../bindings/OverviewView";

export const overviewApi = {
  /** The open project's Overview: verdicts, next steps, what is due, progress per step. */
  load: () => call<OverviewView>("overview_load"),
};
