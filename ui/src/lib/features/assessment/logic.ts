/** Pure helpers of the assessment screen: ordering, progress and keyboard mapping. */
import type { AnswerRecord } from "../../bindings/AnswerRecord";
import type { ClauseSection } from "../../bindings/ClauseSection";
import type { EvidenceEntry } from "../../bindings/EvidenceEntry";
import type { Question } from "../../bindings/Question";
import { listKeyAction, type ListAction } from "../../listNav";

/** A maturity level, 0..5. */
export type Level = 0 | 1 | 2 | 3 | 4 | 5;

/** Every question in display order, with the top-level clause it sits under. */
export interface Flat {
  question: Question;
  top: string;
  requirement: string;
}

/** All questions of all sections in display order. */
export function flatten(sections: ClauseSection[]): Flat[] {
  const out: Flat[] = [];
  for (const s of sections) {
    for (const r of s.requirements) {
      for (const q of r.questions) out.push({ question: q, top: s.id, requirement: r.id });
    }
  }
  return out;
}

/** Answered and total questions of a list. */
export interface Progress {
  answered: number;
  total: number;
}

/** Progress of a list of questions against the answers given. */
export function progressOf(questions: Question[], answers: Record<string, AnswerRecord | undefined>): Progress {
  return {
    answered: questions.filter((q) => answers[q.id] !== undefined).length,
    total: questions.length,
  };
}

/** Progress of a top-level clause (all its requirement clauses). */
export function sectionProgress(section: ClauseSection, answers: Record<string, AnswerRecord | undefined>): Progress {
  return progressOf(
    section.requirements.flatMap((r) => r.questions),
    answers,
  );
}

/** Percentage 0..100 (0 for an empty list). */
export function percent(p: Progress): number {
  return p.total === 0 ? 0 : Math.round((100 * p.answered) / p.total);
}

/** The first unanswered question at or after `from` (wrapping), or -1 when all are answered. */
export function nextUnanswered(flat: Flat[], answers: Record<string, AnswerRecord | undefined>, from: number): number {
  for (let i = 0; i < flat.length; i++) {
    const j = (from + i) % flat.length;
    const f = flat[j];
    if (f && answers[f.question.id] === undefined) return j;
  }
  return -1;
}

/** What a key press does on the assessment screen. */
export type KeyAction = { kind: "level"; level: Level } | ListAction | null;

/** Maps a key to an action: 0–5 answer, and the list keys (see `listKeyAction`). */
export function keyAction(
  e: Pick<KeyboardEvent, "key" | "ctrlKey" | "altKey" | "metaKey">,
  typing: boolean,
): KeyAction {
  return listKeyAction(e, typing, (n): KeyAction => (n <= 5 ? { kind: "level", level: n as Level } : null));
}

/** Evidence linked to a question. */
export function evidenceFor(evidence: EvidenceEntry[], questionId: string): EvidenceEntry[] {
  return evidence.filter((e) => e.evidence.questions.includes(questionId));
}

/** Evidence not yet linked to a question (to link existing evidence). */
export function evidenceNotFor(evidence: EvidenceEntry[], questionId: string): EvidenceEntry[] {
  return evidence.filter((e) => !e.evidence.questions.includes(questionId));
}
