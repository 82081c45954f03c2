import type { Comparator, TargetKind } from "./types.ts";
import type { QuantityMatch } from "./quantity.ts";
import { clauseStarts, planEndYear, PLAN_END_RE, plausibleName, sentences, trimName, yearMentions, type NormLine } from "./targets-text.ts";

/** One value a sentence states: a goal for a year, or a baseline. */
export interface StatedPoint {
  role: "goal" | "base";
  /** Null when the sentence names no year: the caller resolves it from the plan period. */
  year: number | null;
  value: number;
  valueMax?: number;
}

/** A target as one sentence states it. */
export interface Statement {
  name: string;
  unit: string;
  comparator: Comparator;
  kind: TargetKind;
  points: StatedPoint[];
  yearly: boolean;
  /** Values for consecutive years the text does not name (`9.54→10.5→12→14件`): the plan's last years. */
  series?: boolean;
  /** The block's year (`到2021年，` above), for a recurring goal when the plan period is unknown. */
  hint?: number | null;
  line: number;
}

/** What the caller knows about a line: its task, whether it sits in a goals section, the carried year. */
export interface LineContext {
  goals: boolean;
  /** The year a preceding `到2026年，` set for this block, if any. */
  anchor: number | null;
  /** Text (original and normalised) a hard-wrapped previous line leaves unfinished. */
  carry: { text: string; norm: string } | null;
}

export interface Sentence {
  line: NormLine;
  start: number;
  end: number;
  ctx: LineContext;
  statements: Statement[];
  /** The verb of the last `培育60家…` style statement, for `…，1次项目对接活动` ellipses. */
  lastGoalVerb: { text: string; comparator: Comparator } | null;
}

/** The name in the document's script for a span of the line, trimmed; null if it is no name. */
export function name(s: Sentence, start: number, end: number): string | null {
  const [a, b] = trimName(s.line.norm, start, end);
  if (b <= a) return null;
  let text = s.line.text.slice(a, b);
  if (a === 0 && s.ctx.carry) text = s.ctx.carry.text + text;
  return plausibleName(text) ? text : null;
}

/** The year a quantity is for: its own clause, an earlier clause of the sentence, or the block's anchor. */
export function yearFor(s: Sentence, clauseStart: number, at: number): { year: number | null; stated: boolean } {
  const inClause = yearMentions(s.line.norm, clauseStart, at).filter((y) => !s.line.norm.slice(y.end, at).includes("的基础上"));
  if (inClause.length > 0) return { year: inClause[inClause.length - 1]!.year, stated: true };
  const earlier = clauseStarts(s.line.norm, s.start, clauseStart)
    .map((c) => clauseYear(s.line.norm, c))
    .filter((y): y is number => y !== null);
  if (earlier.length > 0) return { year: earlier[earlier.length - 1]!, stated: true };
  return { year: s.ctx.anchor, stated: false };
}

/** The year a clause opens with (`到2026年，`, `2019年底，`), not a date (`2024年3月`). */
export function clauseYear(norm: string, at: number): number | null {
  const lead = /^\s*(?:——|—|-)?\s*(?:力争|争取|预计|计划|到|至|截至|截止|在)*\s*/.exec(norm.slice(at))![0];
  const from = at + lead.length;
  const m = /^((?:19|20)\d{2})\s*年(?:底|末|度)?(?:前)?/.exec(norm.slice(from));
  if (m) return /^\s*\d{1,2}\s*月/.test(norm.slice(from + m[0].length)) ? null : Number(m[1]);
  const plan = new RegExp(`^${PLAN_END_RE.source}`).exec(norm.slice(from));
  return plan ? planEndYear(plan[1]!) : null;
}

export function point(q: QuantityMatch, year: number | null, role: StatedPoint["role"] = "goal"): StatedPoint {
  const p: StatedPoint = { role, year, value: q.value };
  if (q.valueMax !== undefined) p.valueMax = q.valueMax;
  return p;
}

/** Drops a closing bracket the text never opened (`…示范县(区)` keeps its pair). */
export function balanced(text: string): string {
  const opens = (text.match(/[(（《]/g) ?? []).length;
  const closes = (text.match(/[)）》]/g) ?? []).length;
  return closes > opens && /[)）》]$/.test(text) ? text.slice(0, -1) : text;
}

export function describe(q: QuantityMatch): string {
  return q.valueMax !== undefined ? `${q.value}–${q.valueMax}${q.unit}` : `${q.value}${q.unit}`;
}

/** The year a line sets for the sentences after it (`到2026年，…`), or null. */
export function lineAnchor(line: NormLine): number | null {
  let anchor: number | null = null;
  for (const [start, end] of sentences(line.norm)) {
    if (start === 0) anchor = clauseYear(line.norm.slice(0, end), 0) ?? anchor;
  }
  return anchor;
}
