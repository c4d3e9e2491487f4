/** Policies screen state: the register, the open document and the actions that change them. */
import { app, onProjectChange } from "../../app.svelte";
import type { DocumentsExported } from "../../bindings/DocumentsExported";
import type { DocumentView } from "../../bindings/DocumentView";
import type { Register } from "../../bindings/Register";
import { policiesApi } from "./api";
import { DEFAULT_FILTER, type RegisterFilter } from "./register";

class PoliciesState {
  register = $state<Register | null>(null);
  /** Key of the open document; null shows the register. */
  key = $state<string | null>(null);
  view = $state<DocumentView | null>(null);
  filter = $state<RegisterFilter>({ ...DEFAULT_FILTER });
  tab = $state<"draft" | "history">("draft");
  /** The last export (one document or all), shown until the view changes. */
  exported = $state<DocumentsExported | null>(null);

  /** Forgets the previous project's register, open document and filter. */
  reset(): void {
    this.register = null;
    this.key = null;
    this.view = null;
    this.filter = { ...DEFAULT_FILTER };
    this.tab = "draft";
    this.exported = null;
  }

  async loadRegister(): Promise<void> {
    const r = await app.run(() => policiesApi.register());
    if (r) this.register = r;
  }

  async open(key: string): Promise<void> {
    const v = await app.run(() => policiesApi.view(key));
    if (v) {
      this.exported = null;
      this.view = v;
      this.key = key;
      this.tab = v.draft || v.versions.length === 0 ? "draft" : "history";
    }
  }

  async back(): Promise<void> {
    this.exported = null;
    this.key = null;
    this.view = null;
    await this.loadRegister();
  }

  /** Exports the approved document `key` as .docx, or all approved ones when null (the
   * backend asks where); a cancelled picker leaves the previous notice. */
  async exportDocx(key: string | null): Promise<void> {
    const r = await app.run(() => policiesApi.exportDocs(key, "docx"));
    if (r && r.dir !== null) this.exported = r;
  }

  /** Runs a call answering with a fresh view; returns false when it failed. */
  async apply(action: () => Promise<DocumentView | null>): Promise<boolean> {
    const v = await app.run(action);
    if (v) {
      this.view = v;
      return true;
    }
    return false;
  }
}

/** The single policies state. */
export const policies = new PoliciesState();
onProjectChange(() => policies.reset());
