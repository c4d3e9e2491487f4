/** Assessment state: the latest view from the backend, the current question and the actions
 * that change answers and evidence. */
import { app, onProjectChange } from "../../app.svelte";
import type { AnswerRecord } from "../../bindings/AnswerRecord";
import type { AssessmentView } from "../../bindings/AssessmentView";
import type { NewEvidence } from "../../bindings/NewEvidence";
import { assessmentApi } from "./api";
import { step } from "../../listNav";
import { flatten, nextUnanswered, type Flat, type Level } from "./logic";
import { within } from "../guide/guide.svelte";

/** A blank answer to `questionId` at `level`. */
export function blankAnswer(questionId: string, level: Level): AnswerRecord {
  return {
    question_id: questionId,
    level,
    note: "",
    owner_id: null,
    target_date: null,
    other_party_id: null,
    other_party_control: "",
    updated_at: "",
  };
}

class AssessmentState {
  view = $state<AssessmentView | null>(null);
  /** Answers by question id (kept in step with the backend after every save). */
  answers = $state<Record<string, AnswerRecord | undefined>>({});
  /** The level each answered question counts for, by question id, as the backend computed
   * it (the evidence rule); absent while a changed level is being saved. */
  effective = $state<Record<string, Level | undefined>>({});
  /** Clause scores by clause id. */
  scores = $state<Record<string, number>>({});
  /** Warnings by question id, from the last save. */
  warnings = $state<Record<string, string[]>>({});
  /** Index of the current question in {@link flat}. */
  index = $state(0);
  /** Move to the next question after answering with a number key. */
  advance = $state(true);
  /** The last cleared answer, for undo. */
  cleared = $state<AnswerRecord | null>(null);
  /** A clause to jump to once the view has loaded ({@link gotoClause}). */
  private pending: string | null = null;

  /** Forgets the previous project's answers, position, warnings and undo. */
  reset(): void {
    this.view = null;
    this.answers = {};
    this.effective = {};
    this.scores = {};
    this.warnings = {};
    this.index = 0;
    this.cleared = null;
    this.pending = null;
  }

  flat = $derived<Flat[]>(this.view ? flatten(this.view.sections) : []);
  current = $derived<Flat | undefined>(this.flat[this.index]);
  answeredCount = $derived(this.flat.filter((f) => this.answers[f.question.id] !== undefined).length);

  /** Replaces the whole view (load and evidence changes). */
  private take(v: AssessmentView): void {
    const first = this.view === null;
    this.view = v;
    this.answers = Object.fromEntries(v.answers.map((a) => [a.question_id, a]));
    this.effective = { ...v.effective_levels } as Record<string, Level | undefined>;
    this.scores = { ...v.clause_scores } as Record<string, number>;
    if (first) {
      const next = nextUnanswered(this.flat, this.answers, 0);
      this.index = next < 0 ? 0 : next;
      if (this.pending) this.gotoClause(this.pending);
      this.pending = null;
    }
  }

  async load(): Promise<void> {
    const v = await app.run(() => assessmentApi.load());
    if (v) this.take(v);
  }

  /** Moves by `delta` questions. */
  move(delta: number): void {
    this.index = step(this.index, delta, this.flat.length);
  }

  /** Jumps to a question by id. */
  goto(questionId: string): void {
    const i = this.flat.findIndex((f) => f.question.id === questionId);
    if (i >= 0) this.index = i;
  }

  /** Jumps to the first unanswered question (else the first) of clause `id` and its
   * sub-clauses (a top-level clause, a heading or a requirement). Before the view has loaded
   * the jump waits for it (the command palette opens the screen and jumps at once). */
  gotoClause(id: string): void {
    if (this.flat.length === 0) {
      this.pending = id;
      return;
    }
    const first = this.flat.findIndex((f) => within(f.requirement, id));
    if (first < 0) return;
    const unanswered = this.flat.findIndex(
      (f, i) => i >= first && within(f.requirement, id) && this.answers[f.question.id] === undefined,
    );
    this.index = unanswered >= 0 ? unanswered : first;
  }

  /** Saves run one after another, in the order they were asked for. */
  private queue: Promise<unknown> = Promise.resolve();

  /** Saves `answer` after any save still in flight; returns false when it failed. */
  save(answer: AnswerRecord): Promise<boolean> {
    const plain = $state.snapshot(answer) as AnswerRecord;
    const run = this.queue.then(async () => {
      const r = await app.run(() => assessmentApi.saveAnswer(plain));
      if (!r || !r.answer) return false;
      this.answers[r.question_id] = r.answer;
      this.effective[r.question_id] = r.effective_level ?? undefined;
      this.warnings[r.question_id] = r.warnings;
      this.scores = { ...r.clause_scores } as Record<string, number>;
      return true;
    });
    this.queue = run;
    return run;
  }

  /** Sets the level of the current question, keeping its other fields. From the keyboard,
   * the screen shows the answer and moves on at once (so fast typing never answers the same
   * question twice); the save follows, and a failed save puts the old answer back. */
  async setLevel(level: Level, fromKey = false): Promise<void> {
    const f = this.current;
    if (!f) return;
    const id = f.question.id;
    const old = this.answers[id];
    const answer = old ? { ...old, level } : blankAnswer(id, level);
    const oldEffective = this.effective[id];
    this.answers[id] = answer;
    this.effective[id] = undefined;
    if (fromKey && this.advance) this.move(1);
    const ok = await this.save(answer);
    if (!ok) {
      this.answers[id] = old;
      this.effective[id] = oldEffective;
    }
  }

  /** Changes fields of the current question's answer (it must have a level first). */
  async update(patch: Partial<AnswerRecord>): Promise<void> {
    const f = this.current;
    if (!f) return;
    const old = this.answers[f.question.id];
    if (!old) return;
    await this.save({ ...old, ...patch });
  }

  async clear(questionId: string): Promise<void> {
    const old = this.answers[questionId];
    const r = await app.run(() => assessmentApi.clearAnswer(questionId));
    if (!r) return;
    this.answers[questionId] = undefined;
    this.effective[questionId] = undefined;
    this.scores = { ...r.clause_scores } as Record<string, number>;
    this.cleared = old ?? null;
  }

  async undoClear(): Promise<void> {
    const a = this.cleared;
    if (!a) return;
    this.cleared = null;
    await this.save(a);
  }

  private async apply(action: () => Promise<AssessmentView | null>): Promise<boolean> {
    const v = await app.run(action);
    if (v) {
      this.take(v);
      return true;
    }
    return false;
  }

  attachFile(questionId: string): Promise<boolean> {
    return this.apply(() => assessmentApi.attachFile(questionId));
  }

  addLocation(meta: NewEvidence): Promise<boolean> {
    return this.apply(() => assessmentApi.addEvidence("location", meta));
  }

  linkDocument(meta: NewEvidence): Promise<boolean> {
    return this.apply(() => assessmentApi.addEvidence("document", meta));
  }

  updateEvidence(id: number, meta: NewEvidence): Promise<boolean> {
    return this.apply(() => assessmentApi.updateEvidence(id, meta));
  }

  link(id: number, questionId: string): Promise<boolean> {
    return this.apply(() => assessmentApi.linkEvidence(id, questionId));
  }

  unlink(id: number, questionId: string): Promise<boolean> {
    return this.apply(() => assessmentApi.unlinkEvidence(id, questionId));
  }
}

/** The single assessment state. */
export const assessment = new AssessmentState();
onProjectChange(() => assessment.reset());
