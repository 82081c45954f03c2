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
 * Traditional script, full-width forms, emoji, chat mentions and links are understood.
 *
 * - Tasks need an explicit reference (`#7`, `任务七`, `第7项`, `第7条`, `7号任务`, `task 7`,
 *   `No.7`, or `7号` directly followed by a progress phrase) and a progress phrase in the
 *   same clause (or in the next one when the reference stands alone: `任务7:\n已完成`).
 * - Status: a blocked phrase wins (note = the rest, i.e. the reason); else a percent gives
 *   in_progress with that percent, except 100% → done and 0% → not_started with percent 0;
 *   else the last status phrase. A done word without a percent gives percent null.
 *   Forecasts stay in the note: `预计月底完成` → in_progress, `计划下周启动` → not_started.
 *   Directives (`要尽快完成`), attributives (`完成任务7的关键`) and questions give none.
 * - A task reference without progress gives none, or `what_progress` when the bot was
 *   addressed (questions never ask back); if the message carries a target update instead,
 *   the target wins. Two different task numbers with progress → `which_task`.
 * - Targets need a name fragment with ≥ 2 non-generic characters (知识产权, 数量, 企业 … do
 *   not count; a 2–character fragment must sit right next to the number) in a short clause
 *   with a quantity. The value is expanded to the target's unit (亿/万/千, 万元 targets
 *   too); a contradicting unit, or a bare number for a 元 target, → `unit_mismatch`.
 *   Several targets, whether tied or updated in one message → `which_target`.
 * - `ambiguous.text` is the trimmed original message.
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
