/** Dossier state: the chosen pack, the generation phase and the last result. */
import { app, onProjectChange } from "../../app.svelte";
import type { DossierPack } from "../../bindings/DossierPack";
import type { DossierSaved } from "../../bindings/DossierSaved";
import { dossierApi } from "./api";
import { formatBytes } from "../../format";

/** The packs, in menu order, with what each contains. */
export const PACKS: { id: DossierPack; label: string; description: string }[] = [
  {
    id: "full",
    label: "Full dossier",
    description:
      "Everything the certification body asks for: scope and context, services, roles with the RACI matrix, every approved policy and procedure, the readiness scorecard, the compliance matrix, the action plan, the evidence register and the required-documents checklist.",
  },
  {
    id: "stage1",
    label: "Stage 1 pack",
    description:
      "What the stage 1 (documentation) audit reviews: scope and context, services, roles and the approved policies and procedures, with the required-documents checklist.",
  },
  {
    id: "summary",
    label: "Executive summary",
    description: "A few pages for top management: the verdicts, readiness by clause, the main gaps and the next steps.",
  },
];

/** Where generation stands. */
export type Phase = "idle" | "working" | "done" | "cancelled";

/** One sentence about a finished generation. */
export function describe(r: DossierSaved): string {
  const size = `${r.pages} pages, ${formatBytes(r.bytes)}`;
  if (!r.path) return `Not saved: the save dialog was cancelled (${size}).`;
  const opened = r.opened ? " and opened in your PDF viewer" : "";
  return `Saved to ${r.path}${opened} (${size}).`;
}

class DossierState {
  pack = $state<DossierPack>("full");
  phase = $state<Phase>("idle");
  result = $state<DossierSaved | null>(null);

  /** Forgets the previous project's result (the chosen pack stays). */
  reset(): void {
    this.phase = "idle";
    this.result = null;
  }

  /** Generates the chosen pack; the phase shows progress. */
  async generate(): Promise<DossierSaved | undefined> {
    if (this.phase === "working") return undefined;
    this.phase = "working";
    this.result = null;
    const r = await app.run(() => dossierApi.generate(this.pack));
    if (r) {
      this.result = r;
      this.phase = r.path ? "done" : "cancelled";
    } else {
      this.phase = "idle";
    }
    return r;
  }
}

/** The single dossier state. */
export const dossier = new DossierState();
onProjectChange(() => dossier.reset());
