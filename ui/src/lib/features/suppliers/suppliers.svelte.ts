/** Supplier register state: the latest screen and the dialog open (agreement or review). */
import { app, onProjectChange } from "../../app.svelte";
import type { Agreement } from "../../bindings/Agreement";
import type { OtherPartyKind } from "../../bindings/OtherPartyKind";
import type { SupplierReview } from "../../bindings/SupplierReview";
import type { SupplierScreen } from "../../bindings/SupplierScreen";
import { suppliersApi } from "./api";

class SuppliersState {
  view = $state<SupplierScreen | null>(null);
  /** The dialog open: a party's agreement or a new review. */
  dialog = $state<{ kind: "agreement" | "review"; partyId: number } | null>(null);

  reset(): void {
    this.view = null;
    this.dialog = null;
  }

  private async apply(action: () => Promise<SupplierScreen>): Promise<boolean> {
    const v = await app.run(action);
    if (v) this.view = v;
    return !!v;
  }

  load(): Promise<boolean> {
    return this.apply(() => suppliersApi.load());
  }

  async saveAgreement(a: Agreement): Promise<void> {
    if (await this.apply(() => suppliersApi.saveAgreement($state.snapshot(a)))) this.dialog = null;
  }

  async saveReview(r: SupplierReview, actionTitle: string | null): Promise<void> {
    if (await this.apply(() => suppliersApi.saveReview($state.snapshot(r), actionTitle))) this.dialog = null;
  }

  recordNone(kind: OtherPartyKind, note: string): Promise<boolean> {
    return this.apply(() => suppliersApi.recordNone(kind, note));
  }

  clearNone(kind: OtherPartyKind): Promise<boolean> {
    return this.apply(() => suppliersApi.clearNone(kind));
  }
}

export const suppliers = new SuppliersState();
onProjectChange(() => suppliers.reset());

/** An empty agreement for `partyId` (reviews yearly). */
export function blankAgreement(partyId: number): Agreement {
  return {
    id: 0,
    party_id: partyId,
    contract_ref: "",
    start_on: null,
    end_on: null,
    notice_on: null,
    service_levels: "",
    contacts: [],
    review_months: 12,
    notes: "",
  };
}
