/** The firm-name check of the start screen. The rules are the backend's
 * (`app_validate_firm_name`, the same ones `project_new` enforces); the UI only shows them. */
import { call } from "../../api";
import type { FieldError } from "../../bindings/FieldError";

/** The backend's message about `name`, or `null` when the name can be used. */
export async function firmNameError(name: string): Promise<string | null> {
  const errors = await call<FieldError[]>("app_validate_firm_name", { firmName: name });
  return errors[0]?.message ?? null;
}
