/** Typed wizard commands, built on the shared {@link call} from lib/api.ts. */
import { call } from "../../api";
import type { ClimateDecision } from "../../bindings/ClimateDecision";
import type { ContextItem } from "../../bindings/ContextItem";
import type { FieldError } from "../../bindings/FieldError";
import type { FirmProfile } from "../../bindings/FirmProfile";
import type { ImportPreview } from "../../bindings/ImportPreview";
import type { InterestedParty } from "../../bindings/InterestedParty";
import type { IssueKind } from "../../bindings/IssueKind";
import type { OtherParty } from "../../bindings/OtherParty";
import type { Person } from "../../bindings/Person";
import type { PersonRemoved } from "../../bindings/PersonRemoved";
import type { RoleAssignment } from "../../bindings/RoleAssignment";
import type { RoleSuggestion } from "../../bindings/RoleSuggestion";
import type { Service } from "../../bindings/Service";
import type { SodMitigation } from "../../bindings/SodMitigation";
import type { StepId } from "../../bindings/StepId";
import type { WizardView } from "../../bindings/WizardView";

export const wizardApi = {
  load: () => call<WizardView>("wizard_load"),
  saveProfile: (profile: FirmProfile) => call<WizardView>("wizard_save_profile", { profile }),
  addIssue: (kind: IssueKind, text: string) => call<WizardView>("wizard_add_issue", { kind, text }),
  updateIssue: (item: ContextItem) => call<WizardView>("wizard_update_issue", { item }),
  deleteIssue: (id: number) => call<WizardView>("wizard_delete_issue", { id }),
  saveParty: (party: InterestedParty) => call<WizardView>("wizard_save_party", { party }),
  deleteParty: (id: number) => call<WizardView>("wizard_delete_party", { id }),
  saveClimate: (climate: ClimateDecision) => call<WizardView>("wizard_save_climate", { climate }),
  saveService: (service: Service) => call<WizardView>("wizard_save_service", { service }),
  deleteService: (id: number) => call<WizardView>("wizard_delete_service", { id }),
  saveOtherParty: (party: OtherParty) => call<WizardView>("wizard_save_other_party", { party }),
  deleteOtherParty: (id: number) => call<WizardView>("wizard_delete_other_party", { id }),
  saveScope: (text: string | null) => call<WizardView>("wizard_save_scope", { text }),
  savePerson: (person: Person) => call<WizardView>("wizard_save_person", { person }),
  deletePerson: (id: number) => call<PersonRemoved>("wizard_delete_person", { id }),
  restorePerson: (id: number) => call<WizardView>("wizard_restore_person", { id }),
  importPreview: (csv: string) => call<ImportPreview>("wizard_import_preview", { csv }),
  validatePerson: (person: Person) => call<FieldError[]>("wizard_validate_person", { person }),
  importPeople: (people: Person[]) => call<WizardView>("wizard_import_people", { people }),
  setRole: (assignment: RoleAssignment) => call<WizardView>("wizard_set_role", { assignment }),
  recordMitigation: (mitigation: SodMitigation) => call<WizardView>("wizard_record_mitigation", { mitigation }),
  clearMitigation: (ruleId: string, personId: number) =>
    call<WizardView>("wizard_clear_mitigation", { ruleId, personId }),
  suggestRoles: () => call<RoleSuggestion>("wizard_suggest_roles"),
  applySuggestion: () => call<WizardView>("wizard_apply_suggestion"),
  goto: (step: StepId) => call<WizardView>("wizard_goto", { step }),
  completeStep: (step: StepId) => call<WizardView>("wizard_complete_step", { step }),
};
