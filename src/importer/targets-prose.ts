import type { Comparator, ImportWarning, TargetKind } from "./types.ts";
import { findQuantities, type QuantityMatch } from "./quantity.ts";
import { cueComparator, isShareName, isYearly, firstGoalVerb, postQualifier, shareOf, tailCue } from "./targets-cues.ts";
import { clauseStarts, plausibleName, sentences, trimName, yearMentions, type NormLine } from "./targets-text.ts";

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

interface Sentence {
  line: NormLine;
  start: number;
  end: number;
  ctx: LineContext;
  statements: Statement[];
  /** The verb of the last `培育60家…` style statement, for `…，1次项目对接活动` ellipses. */
  lastGoalVerb: { text: string; comparator: Comparator } | null;
}

const SKIP_BEFORE = /(?:第|每|前|“|")$/;
/** Goal verbs that also end noun phrases (`知识产权培训`, `公共服务`). */
const NOUN_VERB = /^(?:培训|服务|备案|认证|布局|储备|调解|孵化|推广|评选|资助|奖励)$/;
const FREQUENCY = /每(?:\d+|[一二三四五六七八九十两]+)?个?(?:年|季度?|月|周|半年|年度|天|日)/;
const ATTRIBUTE_AFTER = /^\s*(?:以上|以内|以下|左右)?的(?!目标|水平|规模)/;

function name(s: Sentence, start: number, end: number): string | null {
  const [a, b] = trimName(s.line.norm, start, end);
  if (b <= a) return null;
  let text = s.line.text.slice(a, b);
  if (a === 0 && s.ctx.carry) text = s.ctx.carry.text + text;
  return plausibleName(text) ? text : null;
}

/** The year a quantity is for: its own clause, an earlier clause of the sentence, or the block's anchor. */
function yearFor(s: Sentence, clauseStart: number, at: number): { year: number | null; stated: boolean } {
  const inClause = yearMentions(s.line.norm, clauseStart, at).filter((y) => !s.line.norm.slice(y.end, at).includes("的基础上"));
  if (inClause.length > 0) return { year: inClause[inClause.length - 1]!.year, stated: true };
  const earlier = clauseStarts(s.line.norm, s.start, clauseStart)
    .map((c) => clauseYear(s.line.norm, c))
    .filter((y): y is number => y !== null);
  if (earlier.length > 0) return { year: earlier[earlier.length - 1]!, stated: true };
  return { year: s.ctx.anchor, stated: false };
}

/** The year a clause opens with (`到2026年，`, `2019年底，`), not a date (`2024年3月`). */
function clauseYear(norm: string, at: number): number | null {
  const m = /^\s*(?:——|—|-)?\s*(?:力争|争取|预计|计划|到|至|截至|截止|在)*\s*((?:19|20)\d{2})\s*年(?:底|末|度)?(?:前)?/.exec(norm.slice(at));
  if (!m || /^\s*\d{1,2}\s*月/.test(norm.slice(at + m[0].length))) return null;
  return Number(m[1]);
}

function point(q: QuantityMatch, year: number | null, role: StatedPoint["role"] = "goal"): StatedPoint {
  const p: StatedPoint = { role, year, value: q.value };
  if (q.valueMax !== undefined) p.valueMax = q.valueMax;
  return p;
}

/** `X2024年、2025年、2026年分别达到10.5件、12件和14件`: one statement, several milestones. */
function respectively(s: Sentence, at: number, after: QuantityMatch[], used: Set<QuantityMatch>): void {
  const norm = s.line.norm;
  const run: QuantityMatch[] = [];
  let pos = at + 2;
  for (const q of after) {
    if (!/^(?:达到|为|是|达|:)?\s*$|^\s*(?:、|和|及|与|,)\s*$/.test(norm.slice(pos, q.index))) break;
    run.push(q);
    pos = q.end;
  }
  const clause = clauseStarts(norm, s.start, at).pop() ?? s.start;
  let years = yearMentions(norm, s.start, at);
  // `到2026年，…由…提高到14件，2024年、2025年分别达到…`: only the years of this clause count.
  if (years.length !== run.length) years = yearMentions(norm, clause, at);
  if (run.length < 2 || years.length !== run.length || new Set(run.map((q) => q.unit)).size !== 1) return;
  const lastYear = years[years.length - 1]!;
  let n = name(s, lastYear.end, at);
  if (!n) {
    const starts = clauseStarts(norm, s.start, s.end).filter((c) => c <= years[0]!.index);
    n = name(s, starts[starts.length - 1] ?? s.start, years[0]!.index);
  }
  n ??= s.statements[s.statements.length - 1]?.name ?? null;
  if (!n) return;
  const unit = run[0]!.unit;
  const post = postQualifier(norm.slice(run[run.length - 1]!.end));
  s.statements.push({
    name: n,
    unit,
    comparator: post.comparator ?? cueComparator(norm.slice(at, run[0]!.index)) ?? "=",
    kind: unit === "%" && isShareName(n) ? "share" : "level",
    points: run.map((q, i) => point(q, years[i]!.year)),
    yearly: false,
    line: s.line.no,
  });
  for (const q of run) used.add(q);
}

/** Reads the goal statements of one sentence. */
function readSentence(s: Sentence, warnings: ImportWarning[]): void {
  const norm = s.line.norm;
  const qs = findQuantities(norm).filter((q) => q.index >= s.start && q.end <= s.end);
  if (qs.length === 0) return;
  const used = new Set<QuantityMatch>();
  const starts = clauseStarts(norm, s.start, s.end);
  const fenbie = norm.indexOf("分别", s.start);
  let cut = s.start;
  for (let i = 0; i < qs.length; i++) {
    const q = qs[i]!;
    if (fenbie >= 0 && fenbie < s.end && q.index > fenbie && (i === 0 || qs[i - 1]!.index < fenbie)) {
      respectively(s, fenbie, qs.slice(i), used);
    }
    if (used.has(q)) {
      cut = q.end;
      continue;
    }
    if (q.bareMultiplier || (q.chinese && q.value < 2) || SKIP_BEFORE.test(norm.slice(Math.max(0, q.index - 2), q.index))) continue;
    const clauseStart = starts.filter((c) => c <= q.index).pop() ?? s.start;
    const preStart = Math.max(clauseStart, cut);
    const clauseEnd = starts.find((c) => c > q.index) ?? s.end;
    const next = qs[i + 1];
    const postEnd = next && next.index < clauseEnd ? next.index : clauseEnd;
    const post = norm.slice(q.end, postEnd);
    if (ATTRIBUTE_AFTER.test(post)) continue;
    const pre = norm.slice(preStart, q.index);
    // `每3年开展1次评估`, `每季度召开1次`: a frequency, not a goal.
    if (FREQUENCY.test(norm.slice(clauseStart, q.index)) && q.unit === "次") continue;
    const qual = postQualifier(post);
    const objectStart = q.end + qual.length;
    const objectText = balanced(norm.slice(objectStart, postEnd).replace(/[,:;、\s]+$/, ""));

    // `由2023年的9.54件提高到2026年的14件`: a baseline and a goal.
    const from = /(?:由|从)\s*(?:((?:19|20)\d{2})\s*年(?:底|末)?)?\s*的?\s*$/.exec(pre);
    if (from && next && next.unit === q.unit && next.index < clauseEnd) {
      const between = norm.slice(q.end, next.index);
      const to = /^\s*(?:(?:提高|提升|增加|增长|上升|扩大|下降|降低|减少|压减|缩短|压缩|发展|达)?\s*(?:到|至)|增至|降至|升至)\s*(?:((?:19|20)\d{2})\s*年(?:底|末)?)?\s*的?\s*$/.exec(between);
      if (to) {
        const n = name(s, preStart, preStart + from.index) ?? s.statements[s.statements.length - 1]?.name ?? null;
        if (!n) {
          warnings.push({ line: s.line.no, message: `a change from ${q.value} to ${next.value}${q.unit} names no indicator: skipped` });
        } else {
          const goalYear = to[1] ? Number(to[1]) : yearFor(s, clauseStart, preStart + from.index).year;
          s.statements.push({
            name: n,
            unit: q.unit,
            comparator: postQualifier(norm.slice(next.end)).comparator ?? "=",
            kind: q.unit === "%" && isShareName(n) ? "share" : "level",
            points: [point(q, from[1] ? Number(from[1]) : null, "base"), point(next, goalYear)],
            yearly: false,
            line: s.line.no,
          });
        }
        used.add(next);
        cut = next.end;
        i++;
        continue;
      }
    }

    // `（2023年为9.54件）` after a goal: the baseline of the statement before it.
    const paren = /[(]\s*((?:19|20)\d{2})\s*年(?:底|末)?\s*(?:为|是|:|的|达到)?\s*$/.exec(norm.slice(clauseStart, q.index));
    const previous = s.statements[s.statements.length - 1];
    if (paren && previous && previous.unit === q.unit) {
      previous.points.push(point(q, Number(paren[1]), "base"));
      cut = q.end;
      continue;
    }

    const st = classify(s, q, pre, preStart, objectText, objectStart, qual.comparator, warnings);
    if (!st) continue;
    const year = yearFor(s, clauseStart, q.index);
    st.yearly = isYearly(norm.slice(clauseStart, q.index)) || isYearly(post);
    // A recurring goal (`年均增长10%`) is for every year of the plan unless its own sentence names one.
    st.points = [point(q, st.yearly && !year.stated ? null : year.year)];
    s.statements.push(st);
    cut = st.cutAtObject ? postEnd : q.end + qual.length;
    delete st.cutAtObject;
  }
}

type Classified = Statement & { cutAtObject?: boolean };

function classify(
  s: Sentence,
  q: QuantityMatch,
  pre: string,
  preStart: number,
  objectText: string,
  objectStart: number,
  qualifier: Comparator | null,
  warnings: ImportWarning[],
): Classified | null {
  const line = s.line;
  const base = { unit: q.unit, points: [], yearly: false, line: line.no };
  const fallback: Comparator = q.over ? ">" : "=";
  const previous = s.statements[s.statements.length - 1];
  const objectName = plausibleName(objectText) ? line.text.slice(objectStart, objectStart + objectText.length) : null;
  const cue = tailCue(pre, q.unit);

  if (cue) {
    const comparator = qualifier ?? cueComparator(pre.slice(cue.index) + line.norm.slice(q.index, q.end)) ?? fallback;
    const subject = name(s, preStart, preStart + cue.index);
    if (cue.kind === "goal") {
      const verb = line.text.slice(preStart + cue.verbIndex, preStart + cue.verbIndex + cue.verb.length);
      if (objectName) {
        s.lastGoalVerb = { text: verb, comparator };
        return { ...base, name: verb + objectName, comparator, kind: "level", cutAtObject: true };
      }
      if (subject) {
        // `举办知识产权培训10场`: 培训 ends the object, the goal verb is 举办.
        const [from] = trimName(line.norm, preStart, q.index);
        const whole = NOUN_VERB.test(cue.verb) && firstGoalVerb(line.norm.slice(from, q.index))?.index === 0 ? name(s, preStart, q.index) : null;
        return { ...base, name: whole ?? subject, comparator, kind: "level" };
      }
    } else {
      const n = subject ?? previous?.name ?? null;
      if (n) {
        const kind: TargetKind = cue.kind === "level" ? (q.unit === "%" && isShareName(n) ? "share" : "level") : cue.kind;
        return { ...base, name: n, comparator, kind };
      }
    }
    warnings.push({ line: line.no, message: `a goal of ${describe(q)} names no indicator: skipped` });
    return null;
  }

  if (q.unit === "%" || q.unit.endsWith("百分点")) {
    const share = shareOf(pre);
    if (share) {
      const subject = name(s, preStart, preStart + share.subjectEnd);
      const total = line.text.slice(preStart + share.totalStart, preStart + share.totalEnd).trim();
      if (subject && total) {
        const n = `${subject}占${total}${/比重|比例|份额$/.test(total) ? "" : "比重"}`;
        return { ...base, name: n, comparator: qualifier ?? fallback, kind: "share" };
      }
    }
  }

  // `建成预警项目3个`, `培训…人才1万余人`: a goal verb, its object, then the quantity.
  const verb = q.chinese ? null : firstGoalVerb(pre);
  if (verb && pre.length - verb.index <= 30) {
    const n = name(s, preStart + verb.index, preStart + pre.length);
    if (n) return { ...base, name: n, comparator: qualifier ?? fallback, kind: "level" };
  }

  // `…，1次项目对接活动` after `至少召开1次培训和研讨活动`.
  const bare = name(s, preStart, preStart + pre.length);
  if (!bare && objectName && s.lastGoalVerb) {
    return { ...base, name: s.lastGoalVerb.text + objectName, comparator: qualifier ?? s.lastGoalVerb.comparator, kind: "level", cutAtObject: true };
  }

  // In a goals section a plain `新增著作权登记量1.2万件` is a goal.
  if (s.ctx.goals && bare && objectText.trim() === "") {
    const kind: TargetKind = q.unit === "%" && isShareName(bare) ? "share" : "level";
    return { ...base, name: bare, comparator: qualifier ?? fallback, kind };
  }
  if (qualifier === ">=" || qualifier === "<=") {
    warnings.push({ line: line.no, message: `a bound of ${describe(q)} could not be tied to an indicator: skipped` });
  }
  return null;
}

/** Drops a closing bracket the text never opened (`…示范县(区)` keeps its pair). */
function balanced(text: string): string {
  const opens = (text.match(/[(（《]/g) ?? []).length;
  const closes = (text.match(/[)）》]/g) ?? []).length;
  return closes > opens && /[)）》]$/.test(text) ? text.slice(0, -1) : text;
}

function describe(q: QuantityMatch): string {
  return q.valueMax !== undefined ? `${q.value}–${q.valueMax}${q.unit}` : `${q.value}${q.unit}`;
}

/** Reads every goal statement in a line (tables excluded). */
export function readLine(line: NormLine, ctx: LineContext, warnings: ImportWarning[]): Statement[] {
  const out: Statement[] = [];
  for (const [start, end] of sentences(line.norm)) {
    const s: Sentence = { line, start, end, ctx, statements: [], lastGoalVerb: null };
    readSentence(s, warnings);
    out.push(...s.statements);
  }
  return out;
}

/** The year a line sets for the sentences after it (`到2026年，…`), or null. */
export function lineAnchor(line: NormLine): number | null {
  let anchor: number | null = null;
  for (const [start, end] of sentences(line.norm)) {
    if (start === 0) anchor = clauseYear(line.norm.slice(0, end), 0) ?? anchor;
  }
  return anchor;
}
