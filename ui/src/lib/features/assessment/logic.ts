/** Pure helpers of the assessment screen: ordering, progress and keyboard mapping. */
import type { AnswerRecord } from "../../bindings/AnswerRecord";
import type { ClauseSection } from "../../bindings/ClauseSection";
import type { EvidenceEntry } from "../../bindings/EvidenceEntry";
import type { Question } from "../../bindings/Question";

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

/** The index `delta` steps from `index`, clamped to the list. */
export function step(index: number, delta: number, length: number): number {
  if (length === 0) return -1;
  return Math.min(length - 1, Math.max(0, index + delta));
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
export type KeyAction =
  { kind: "level"; level: Level } | { kind: "move"; delta: number } | { kind: "note" } | { kind: "evidence" } | null;

/** Maps a key to an action; `null` for keys the screen leaves alone (and for any key pressed
 * with Ctrl, Alt or Meta, or while typing in a field). */
export function keyAction(
  e: Pick<KeyboardEvent, "key" | "ctrlKey" | "altKey" | "metaKey">,
  typing: boolean,
): KeyAction {
  if (typing || e.ctrlKey || e.altKey || e.metaKey) return null;
  if (/^[0-5]$/.test(e.key)) return { kind: "level", level: Number(e.key) as Level };
  switch (e.key) {
    case "j":
    case "J":
    case "ArrowDown":
      return { kind: "move", delta: 1 };
    case "k":
    case "K":
    case "ArrowUp":
      return { kind: "move", delta: -1 };
    case "n":
    case "N":
      return { kind: "note" };
    case "e":
    case "E":
      return { kind: "evidence" };
    default:
      return null;
  }
}

/** Whether the event target is a field the user types into. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== "string") return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  if (tag === "textarea" || tag === "select") return true;
  if (tag === "input") {
    const type = (el as HTMLInputElement).type;
    return !["button", "checkbox", "radio", "submit", "reset"].includes(type);
  }
  return el.isContentEditable === true;
}

/** Evidence linked to a question. */
export function evidenceFor(evidence: EvidenceEntry[], questionId: string): EvidenceEntry[] {
  return evidence.filter((e) => e.evidence.questions.includes(questionId));
}

/** Evidence not yet linked to a question (to link existing evidence). */
export function evidenceNotFor(evidence: EvidenceEntry[], questionId: string): EvidenceEntry[] {
  return evidence.filter((e) => !e.evidence.questions.includes(questionId));
}
