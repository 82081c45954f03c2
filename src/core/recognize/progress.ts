import {
  ADJACENT_FILLER_RE,
  DIRECTIVE_RE,
  EMPTY_CLAUSE_RE,
  FORECAST_RE,
  FROM_TO_RE,
  HISTORY_RE,
  NEGATION_RE,
  PERCENT_RE,
  QUESTION_RE,
  RESOLVED_RE,
  STATUS_RULES,
  TENTHS_RE,
} from "./lexicon.ts";
import { clauseIndexAt, maskSpans, type Span } from "./normalize.ts";
import { parseChineseInteger } from "../text/numerals.ts";
import type { TaskStatus } from "./types.ts";

type Mood = "report" | "forecast" | "directive" | "negated";

interface StatusToken extends Span {
  kind: TaskStatus;
  keep: boolean;
  mood: Mood;
}

interface PercentToken extends Span {
  value: number;
  keyworded: boolean;
  /** Negative, over 100 or one end of a range: never a progress. */
  bad: boolean;
}

/** Progress read for one task reference; `consumed` spans are left out of the note. */
export interface Progress {
  status: TaskStatus;
  percent: number | null;
  consumed: Span[];
}

const MOOD_WINDOW = 12;

/** A percent is a goal or a forecast, not a report (`预计年底完成80%`, `目标90%`). */
const PERCENT_FORECAST_RE = new RegExp(`${FORECAST_RE.source}|目标|指标|(?<![a-z])(?:target|goal)(?![a-z])`);

/**
 * Reads the progress reported for `ref`. Returns "question" when the reference or its progress
 * sits in an interrogative clause, "bad" when its number cannot be a progress (negative, over
 * 100%, a range, two different percents), null when no progress phrase is anchored to it.
 */
export function readProgress(norm: string, clauses: Span[], refs: Span[], ref: Span): Progress | "question" | "bad" | null {
  const masked = maskSpans(norm, refs);
  const percents = findPercents(masked);
  // `完成任务7的关键是…`: a verb in front of `<reference>的` describes, it does not report.
  const attributive = (t: Span): boolean =>
    refs.some((r) => r.start >= t.end && /^\s*$/.test(norm.slice(t.end, r.start)) && /^\s*的/.test(norm.slice(r.end)));
  const statuses = findStatuses(maskSpans(masked, percents), clauses).filter((t) => !attributive(t));
  const clauseOf = (pos: number): number => clauseIndexAt(clauses, pos);
  const withBreak = (i: number): string => norm.slice(clauses[i]!.start, clauses[i]!.end + 1);
  const isQuestion = (i: number): boolean => QUESTION_RE.test(withBreak(i));

  const home = clauseOf(ref.start);
  if (isQuestion(home)) return "question";
  const zone = new Set([home]);
  for (let i = home; i + 1 < clauses.length && i - home < 3; i++) {
    const c = clauses[i]!;
    if (!EMPTY_CLAUSE_RE.test(masked.slice(c.start, c.end))) break;
    zone.add(i + 1);
  }
  const inZone = (t: Span): boolean => zone.has(clauseOf(t.start));

  const candidates = percents.filter(
    (p) => inZone(p) && (p.keyworded || (p.start >= ref.end && ADJACENT_FILLER_RE.test(masked.slice(ref.end, p.start)))),
  );
  // `60% 70%`: a percent right after a candidate is one too (and makes the reading unclear).
  for (const p of percents) {
    if (inZone(p) && !candidates.includes(p) && candidates.some((c) => c.end <= p.start && ADJACENT_FILLER_RE.test(masked.slice(c.end, p.start)))) {
      candidates.push(p);
    }
  }
  const replaced: PercentToken[] = [];
  const zonePct: PercentToken[] = [];
  for (let p of candidates) {
    // `由30%提升到45%`: the last percent of a from-to chain is the progress.
    for (let next = percents[percents.indexOf(p) + 1]; next && FROM_TO_RE.test(masked.slice(p.end, next.start)); ) {
      replaced.push(p);
      p = next;
      next = percents[percents.indexOf(p) + 1];
    }
    if (!zonePct.includes(p) && !isForecast(masked, clauses, p)) zonePct.push(p);
  }
  const zoneStatus = statuses.filter((t) => inZone(t) && t.mood !== "directive");
  if (zonePct.length === 0 && zoneStatus.length === 0) return null;
  for (const t of [...zonePct, ...zoneStatus]) if (isQuestion(clauseOf(t.start))) return "question";
  if (zonePct.some((p) => p.bad) || new Set(zonePct.map((p) => p.value)).size > 1) return "bad";

  const later = (t: Span): boolean => !inZone(t) && t.start > ref.end && !isQuestion(clauseOf(t.start));
  const laterPct = percents.filter((p) => later(p) && p.keyworded && !p.bad && !isForecast(masked, clauses, p));
  const laterStatus = statuses.filter((t) => later(t) && t.mood !== "directive");
  const all = [...zoneStatus, ...laterStatus].sort((a, b) => a.start - b.start);
  const pct = zonePct[0] ?? laterPct[0];

  let status: TaskStatus;
  if (all.some((t) => effectiveKind(t) === "blocked")) status = "blocked";
  else if (pct) status = pct.value >= 100 ? "done" : pct.value <= 0 ? "not_started" : "in_progress";
  else status = effectiveKind(all[all.length - 1]!);

  // When a percent decides, a status word that says otherwise (`60% 已完成验收`) is part of the note.
  const consumed: Span[] = all.filter((t) => !t.keep && t.mood !== "forecast" && (!pct || effectiveKind(t) === status));
  if (pct) consumed.push(pct);
  const from = replaced.find((p) => p.end <= (pct?.start ?? 0));
  if (pct && from) {
    const lead = /(?:由|从|(?<![a-z])from)\s*$/.exec(masked.slice(0, from.start))?.[0].length ?? 0;
    consumed.push({ start: from.start - lead, end: pct.end });
  }
  return { status, percent: pct ? pct.value : null, consumed };
}

/** End offset of a progress phrase at the start of `rest` (after spaces/colon), or -1. */
export function leadingProgressEnd(rest: string): number {
  const lead = /^[\s:]*/.exec(rest)![0].length;
  const tail = rest.slice(lead);
  let best = -1;
  for (const re of [...STATUS_RULES.map((r) => r.re), PERCENT_RE]) {
    const m = new RegExp(`^(?:${re.source})`).exec(tail);
    if (m && m[0].length > best) best = m[0].length;
  }
  if (best <= 0) return -1;
  return /^(?:$|[了啦]|[\s\p{P}\p{S}])/u.test(tail.slice(best)) ? lead + best : -1;
}

function findPercents(s: string): PercentToken[] {
  const out: PercentToken[] = [];
  PERCENT_RE.lastIndex = 0;
  for (let m = PERCENT_RE.exec(s); m !== null; m = PERCENT_RE.exec(s)) {
    const value = m[2] !== undefined ? Number(m[2]) : parseChineseInteger(m[3] ?? "");
    if (value === null || !Number.isFinite(value)) continue;
    const numStart = m.index + m[0].indexOf(m[2] ?? m[3] ?? "");
    // `-5%`, `负5%` are negative; `30-40%`, `30~40%` are ranges: both need a question.
    const before = s.slice(Math.max(0, numStart - 4), numStart);
    const signed = /(?:[-−–]|负)$/.test(before) || /\d%?\s*[~～至到-]\s*$/.test(before) && !/%\s*(?:到|至)\s*$/.test(before);
    const range = /\d+(?:\.\d+)?%?\s*[~～至到-]\s*$/.exec(before) && !/%\s*(?:到|至)\s*$/.test(before)
      ? /\d+(?:\.\d+)?%?\s*[~～至到-]\s*$/.exec(s.slice(Math.max(0, numStart - 12), numStart))
      : null;
    out.push({
      start: range ? numStart - range[0].length : m.index,
      end: m.index + m[0].length,
      value,
      keyworded: m[1] !== undefined || m[4] !== undefined,
      bad: value > 100 || signed,
    });
  }
  TENTHS_RE.lastIndex = 0;
  for (let m = TENTHS_RE.exec(s); m !== null; m = TENTHS_RE.exec(s)) {
    const value = m[2] ? 50 : (parseChineseInteger(m[1] ?? "") ?? 0) * 10;
    if (value > 0) out.push({ start: m.index, end: m.index + m[0].length, value, keyworded: true, bad: false });
  }
  return out.sort((a, b) => a.start - b.start);
}

function isForecast(s: string, clauses: Span[], p: Span): boolean {
  const clause = clauses[clauseIndexAt(clauses, p.start)]!;
  return PERCENT_FORECAST_RE.test(s.slice(Math.max(clause.start, p.start - MOOD_WINDOW), p.start));
}

function findStatuses(s: string, clauses: Span[]): StatusToken[] {
  const out: StatusToken[] = [];
  let text = s;
  for (const rule of STATUS_RULES) {
    rule.re.lastIndex = 0;
    const claimed: Span[] = [];
    for (let m = rule.re.exec(text); m !== null; m = rule.re.exec(text)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const span = { start: m.index, end: m.index + m[0].length };
      claimed.push(span);
      const neg = NEGATION_RE.exec(text.slice(clauses[clauseIndexAt(clauses, span.start)]!.start, span.start));
      const mood = neg ? negatedMood(rule.kind) : moodOf(text, clauses, span, rule.kind);
      const start = neg && mood === "negated" ? span.start - neg[0].length : span.start;
      out.push({ start, end: span.end, kind: rule.kind, keep: rule.keep ?? false, mood });
    }
    text = maskSpans(text, claimed);
  }
  return out.sort((a, b) => a.start - b.start);
}

function moodOf(s: string, clauses: Span[], t: Span, kind: TaskStatus): Mood {
  const clause = clauses[clauseIndexAt(clauses, t.start)]!;
  const window = s.slice(Math.max(clause.start, t.start - MOOD_WINDOW), t.start);
  if (kind === "blocked" && (RESOLVED_RE.test(s.slice(t.end, t.end + 12)) || HISTORY_RE.test(window))) {
    return "directive";
  }
  if (DIRECTIVE_RE.test(window) || /(?:完成|结束|之|以)?后\s*(?:再|才|就)?\s*$/.test(window)) return "directive";
  const deadline = /(?:(?<![目当此提眼面从以空])前|内)\s*$/.test(window) && !/已/.test(s.slice(clause.start, t.start));
  if (FORECAST_RE.test(window) || deadline) return kind === "blocked" ? "directive" : "forecast";
  return "report";
}

/** `没有受阻` / `并未完成` still say the task is under way; a negated start or progress says nothing. */
function negatedMood(kind: TaskStatus): Mood {
  return kind === "blocked" || kind === "done" ? "negated" : "directive";
}

function effectiveKind(t: StatusToken): TaskStatus {
  if (t.mood === "negated") return "in_progress";
  if (t.mood !== "forecast") return t.kind;
  if (t.kind === "done") return "in_progress";
  return "not_started";
}
