/** Typed clause-guide and command-palette commands, built on the shared {@link call}. */
import { call } from "../../api";
import type { ClauseGuide } from "../../bindings/ClauseGuide";
import type { PaletteHit } from "../../bindings/PaletteHit";
import type { ScreenEntry } from "../../bindings/ScreenEntry";

export const guideApi = {
  /** Clauses and screens matching `query`, best first (ranked in Rust). */
  search: (query: string, screens: ScreenEntry[]) => call<PaletteHit[]>("guide_search", { query, screens }),
  /** The guide for one clause with the open project's documents, evidence and answers. */
  clause: (clause: string) => call<ClauseGuide>("guide_clause", { clause }),
};
