import { NOTE_FILLER_RE } from "./lexicon.ts";
import { cleanNote, clauseSpans, prepare, removeSpans } from "./normalize.ts";
import { readProgress } from "./progress.ts";
import { distinctNumbers, findTaskReferences } from "./references.ts";
import { recognizeTarget } from "./targets.ts";
import type { RecognizeContext, Recognition } from "./types.ts";

export type {
  AmbiguityQuestion,
  RecognizeContext,
  RecognizeTarget,
  Recognition,
  TaskStatus,
} from "./types.ts";

const NONE: Recognition = { kind: "none" };
const LEADING_FILLER_RE = /^[\s\p{P}]*(?:目前|现在|当前|now)(?![a-z])[\s:]*/iu;

/**
 * Reads a free-text chat message as a progress update on a task or a target of the channel's
 * plan. Pure and platform-neutral; never throws (returns `none` on any internal failure).
 *
 * - Tasks need an explicit reference (`#7`, `任务七`, `第7项`, `7号任务`, `task 7`, `No.7`, or
 *   `7号` directly followed by a progress phrase) and a progress phrase anchored to it.
 *   A percent gives in_progress, except 100% → done and 0% → not_started (percent 0).
 *   A done word without a percent gives percent null. Forecasts (`预计月底完成`) give
 *   in_progress and stay in the note; directives (`要尽快完成`) and questions give none.
 * - A task reference without progress gives none, or `what_progress` when the bot was
 *   addressed; if the message instead carries a target update, the target wins.
 * - Targets need a name fragment with ≥ 2 non-generic characters next to a quantity; the
 *   value is expanded to the target's unit (亿/万/千). Updates of several targets in one
 *   message are reported as `which_target`.
 */
export function recognizeUpdate(text: string, ctx: RecognizeContext): Recognition {
  try {
    return recognize(text, ctx);
  } catch {
    return NONE;
  }
}

function recognize(text: string, ctx: RecognizeContext): Recognition {
  if (typeof text !== "string" || text.trim() === "") return NONE;
  const original = text.trim();
  const prepared = prepare(text);
  const clauses = clauseSpans(prepared.norm);
  const refs = findTaskReferences(prepared.norm);
  const known = new Map<number, string>();
  for (const n of ctx.taskNumbers ?? []) {
    const value = Number(String(n).trim());
    if (Number.isInteger(value)) known.set(value, String(n).trim());
  }
  const label = (n: number): string => known.get(n) ?? String(n);

  if (refs.length === 0) return recognizeTarget(prepared, ctx, [], original) ?? NONE;

  const numbers = distinctNumbers(refs);
  if (numbers.length > 1) {
    const isUpdate = refs.some((r) => {
      const p = readProgress(prepared.norm, clauses, refs, r);
      return p !== null && p !== "question";
    });
    return isUpdate ? { kind: "ambiguous", question: "which_task", taskNumbers: numbers.map(label), text: original } : NONE;
  }

  const number = numbers[0]!;
  const first = refs[0]!;
  const progress = readProgress(prepared.norm, clauses, refs, first);
  if (progress === "question") return NONE;
  if (progress === null) {
    const target = recognizeTarget(prepared, ctx, refs, original);
    if (target) return target;
    if (!ctx.botMentioned) return NONE;
    return known.has(number)
      ? { kind: "ambiguous", question: "what_progress", taskNumbers: [label(number)], text: original }
      : { kind: "ambiguous", question: "unknown_task", taskNumbers: [label(number)], text: original };
  }
  if (!known.has(number)) {
    return { kind: "ambiguous", question: "unknown_task", taskNumbers: [label(number)], text: original };
  }
  const rest = removeSpans(prepared.source, [...refs, ...progress.consumed]).replace(LEADING_FILLER_RE, "");
  const note = cleanNote(rest, NOTE_FILLER_RE);
  return { kind: "task", taskNumber: label(number), status: progress.status, percent: progress.percent, note };
}
