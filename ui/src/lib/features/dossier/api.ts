/** Typed dossier commands, built on {@link call}. */
import { call } from "../../api";
import type { DossierPack } from "../../bindings/DossierPack";
import type { DossierSaved } from "../../bindings/DossierSaved";

export const dossierApi = {
  /** Builds the pack, asks where to save it, saves it and opens it in the system viewer. */
  generate: (packId: DossierPack) => call<DossierSaved>("dossier_generate", { packId }),
};
