/** Typed supplier register commands, built on {@link call}. */
import { call } from "../../api";
import type { Agreement } from "../../bindings/Agreement";
import type { OtherPartyKind } from "../../bindings/OtherPartyKind";
import type { SupplierReview } from "../../bindings/SupplierReview";
import type { SupplierScreen } from "../../bindings/SupplierScreen";

export const suppliersApi = {
  load: () => call<SupplierScreen>("suppliers_load"),
  saveAgreement: (agreement: Agreement) => call<SupplierScreen>("suppliers_save_agreement", { agreement }),
  saveReview: (review: SupplierReview, actionTitle: string | null) =>
    call<SupplierScreen>("suppliers_save_review", { review, actionTitle }),
  recordNone: (kind: OtherPartyKind, note: string) => call<SupplierScreen>("suppliers_record_none", { kind, note }),
  clearNone: (kind: OtherPartyKind) => call<SupplierScreen>("suppliers_clear_none", { kind }),
};
