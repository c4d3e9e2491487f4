/** Where the clause guide and the command palette take the user. */
import { app } from "../../app.svelte";
import { assessment } from "../assessment/assessment.svelte";
import { policies } from "../policies/policies.svelte";
import { guide } from "./guide.svelte";

/** The assessment at clause `id`'s questions, with the guide open on that clause. */
export function openClause(id: string): void {
  void guide.show(id);
  assessment.gotoClause(id);
  app.screen = "assessment";
}

/** The assessment at question `questionId` of clause `clause` (the clause's questions when
 * the assessment has not been loaded yet). */
export function openQuestion(questionId: string, clause: string): void {
  if (assessment.flat.length === 0) assessment.gotoClause(clause);
  else assessment.goto(questionId);
  app.screen = "assessment";
}

/** The document `key` in the policies register. */
export function openDocument(key: string): void {
  if (app.screen === "policies") {
    void policies.open(key);
    return;
  }
  // The policies screen opens the remembered document when it mounts.
  policies.key = key;
  policies.view = null;
  app.screen = "policies";
}
