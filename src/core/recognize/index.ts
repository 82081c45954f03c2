import { NOTE_FILLER_RE } from "./lexicon.ts";
import { cleanNote, clauseIndexAt, clauseSpans, maskSpans, prepare, removeSpans, type Prepared, type Span } from "./normalize.ts";
import { readProgress, type Progress } from "./progress.ts";
import { findTaskReferences, type TaskRef } from "./references.ts";
import { recognizeTarget } from "./targets.ts";
import type { RecognizeContext, Recognition, Reading, TaskReading } from "./types.ts";

export type {
  AmbiguityQuestion,
  Reading,
  RecognizeContext,
  RecognizeTarget,
  Recognition,
  TargetReading,
  TaskReading,
  TaskStatus,
} from "./types.ts";

const NONE: Recognition = { kind: "none" };
const LEADING_FILLER_RE = /^[\s\p{P}]*(?:目前|现在|当前|now)(?![a-z])[\s:：]*/iu;
/** A message that ends as a question (`？`, `吗`, `么`) never writes. */
const QUESTION_END_RE = /(?:\?|吗|嘛|么)[\s\p{P}\p{S}\u0001]*$/u;
/** Between two references of one group (`任务7和任务8`, `#7 #8`, `第7、8项`). */
const GROUP_GAP_RE = /^(?:[\s、,/&+\u0001]|和|与|及|跟|以及|还有|(?<![a-z])and(?![a-z]))*$/;

/**
 * Reads a free-text chat message as progress updates on tasks or a target of the channel's
 * plan. Pure and platform-neutral; never throws (returns `none` on any internal failure).
 * Traditional script, full-width forms, emoji, chat mentions and links are understood.
 *
 * - Tasks need an explicit reference (`#7`, `任务七`, `第7项`, `第7条`, `7号任务`, `task 7`,
 *   `No.7`, `7-9号任务`, or `7号` directly followed by a progress phrase) and a progress phrase
 *   in the same clause (or in the next one when the reference stands alone: `任务7:\n已完成`).
 * - Several references: references joined by 和/、/and share one progress (`第7、8项已完成`);
 *   otherwise each reference reads the text up to the next one (`#7 60% #8 40%`), and a message
 *   may update several tasks (`tasks`), each with its own value.
 * - Status: a blocked phrase wins (note = the rest, i.e. the reason); else a percent gives
 *   in_progress with that percent, except 100% → done and 0% → not_started with percent 0;
 *   else the last status phrase. Negations (`没有受阻`, `还没完成`) say in_progress.
 *   Forecasts stay in the note: `预计月底完成` → in_progress; a forecast or goal percent
 *   (`预计年底完成80%`) is never a progress. `由30%提升到45%` → 45%.
 * - Negative or impossible percents, ranges and two different percents → `bad_number`.
 * - A message ending as a question never writes: a report inside it → `confirm`.
 * - A task reference without progress gives none, or `what_progress` when the bot was
 *   addressed; if the message carries a target update instead, the target wins.
 * - Targets: see {@link recognizeTarget}. `ambiguous.text` is the trimmed original message.
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
  const r = read(prepared, ctx, original);
  if (!QUESTION_END_RE.test(prepared.norm)) return r;
  const options: Reading[] = r.kind === "task" || r.kind === "target" ? [r] : r.kind === "tasks" ? r.updates : [];
  if (options.length === 0) return r.kind === "ambiguous" ? r : NONE;
  return { kind: "ambiguous", question: "confirm", options, text: original };
}

interface Group {
  refs: TaskRef[];
  /** The part of the text this group reads its progress from. */
  segment: Span;
}

function read(prepared: Prepared, ctx: RecognizeContext, original: string): Recognition {
  const clauses = clauseSpans(prepared.norm);
  const refs = findTaskReferences(prepared.norm);
  const known = new Map<number, string>();
  for (const n of ctx.taskNumbers ?? []) {
    const value = Number(String(n).trim());
    if (Number.isInteger(value)) known.set(value, String(n).trim());
  }
  const label = (n: number): string => known.get(n) ?? String(n);
  if (refs.length === 0) return recognizeTarget(prepared, ctx, [], original) ?? NONE;

  const groups = groupReferences(prepared.norm, clauses, refs);
  const readings: TaskReading[] = [];
  const silent: number[] = [];
  for (const g of groups) {
    const outside = outsideOf(g.segment, prepared.norm.length);
    const norm = maskSpans(prepared.norm, outside);
    const progress = readProgress(norm, clauses, refs, g.refs[0]!);
    const numbers = [...new Set(g.refs.map((r) => r.number))];
    if (progress === "bad") return { kind: "ambiguous", question: "bad_number", taskNumbers: numbers.map(label), text: original };
    if (progress === "question") continue;
    if (progress === null) {
      silent.push(...numbers);
      continue;
    }
    const note = noteOf(prepared.source, outside, refs, progress);
    for (const n of numbers) readings.push({ kind: "task", taskNumber: label(n), status: progress.status, percent: progress.percent, note });
  }

  if (readings.length === 0) {
    const target = recognizeTarget(prepared, ctx, refs, original);
    if (target) return target;
    const only = [...new Set(silent)];
    if (!ctx.botMentioned || only.length !== 1) return NONE;
    const question = known.has(only[0]!) ? "what_progress" : "unknown_task";
    return { kind: "ambiguous", question, taskNumbers: [label(only[0]!)], text: original };
  }
  const unknown = readings.find((r) => !known.has(Number(r.taskNumber)));
  if (unknown) return { kind: "ambiguous", question: "unknown_task", taskNumbers: [unknown.taskNumber], text: original };
  const distinct = dedupe(readings);
  const numbers = new Set(distinct.map((r) => r.taskNumber));
  if (numbers.size < distinct.length) {
    // The same task with two different readings: let the sender pick.
    return { kind: "ambiguous", question: "which_task", taskNumbers: [...numbers], options: distinct, text: original };
  }
  return distinct.length === 1 ? distinct[0]! : { kind: "tasks", updates: distinct };
}

/**
 * Joins references that stand together (`任务7和任务8`) and gives each group its segment: from
 * the start of its clause (the first group: of the text) to the next group, or to the end.
 */
function groupReferences(norm: string, clauses: Span[], refs: TaskRef[]): Group[] {
  const groups: TaskRef[][] = [];
  for (const ref of refs) {
    const last = groups[groups.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && GROUP_GAP_RE.test(norm.slice(prev.end, ref.start))) last.push(ref);
    else groups.push([ref]);
  }
  const clauseOf = (r: TaskRef): number => clauseIndexAt(clauses, r.start);
  const starts = groups.map((g, i) => {
    if (i === 0) return 0;
    const prev = groups[i - 1]!;
    return clauseOf(g[0]!) !== clauseOf(prev[prev.length - 1]!) ? clauses[clauseOf(g[0]!)]!.start : g[0]!.start;
  });
  return groups.map((g, i) => ({ refs: g, segment: { start: starts[i]!, end: starts[i + 1] ?? norm.length } }));
}

function outsideOf(segment: Span, length: number): Span[] {
  return [{ start: 0, end: segment.start }, { start: segment.end, end: length }].filter((s) => s.end > s.start);
}

function noteOf(source: string, outside: Span[], refs: Span[], progress: Progress): string | null {
  const rest = removeSpans(maskSpans(source, outside), [...refs, ...progress.consumed]).replace(LEADING_FILLER_RE, "");
  return cleanNote(rest, NOTE_FILLER_RE);
}

function dedupe(readings: TaskReading[]): TaskReading[] {
  const out: TaskReading[] = [];
  for (const r of readings) {
    if (!out.some((o) => o.taskNumber === r.taskNumber && o.status === r.status && o.percent === r.percent)) out.push(r);
  }
  return out;
}
