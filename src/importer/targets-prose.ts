import type { ImportWarning } from "./types.ts";
import { findQuantities, type QuantityMatch } from "./quantity.ts";
import { classify } from "./targets-classify.ts";
import { isShareName, isYearly, postQualifier } from "./targets-cues.ts";
import { balanced, describe, name, point, yearFor, type LineContext, type Sentence, type Statement } from "./targets-sentence.ts";
import { arrowChains, respectively } from "./targets-series.ts";
import { clauseStarts, sentences, type NormLine } from "./targets-text.ts";

export { lineAnchor, type LineContext, type Statement } from "./targets-sentence.ts";

// `第3届`, `每3年`, `前5名`, `等6大产业`, `“四位一体”`: not quantities anyone aims for.
const SKIP_BEFORE = /(?:第|每|前|等|“|")$/;
// `已培育…15家`, `目前…`: the current state, a baseline rather than a goal.
const CURRENT = /已|目前|现有|截至目前|截止目前/;
const FREQUENCY = /每(?:\d+|[一二三四五六七八九十两]+)?个?(?:年|季度?|月|周|半年|年度|天|日)/;
const INCENTIVE = /给予|奖励|资助|补助|补贴|最高|一次性|奖补|扶持资金/;
const ATTRIBUTE_AFTER = /^\s*(?:以上|以内|以下|左右)?的(?!目标|水平|规模)/;

// Reads the goal statements of one sentence.
function readSentence(s: Sentence, warnings: ImportWarning[]): void {
  const norm = s.line.norm;
  const qs = findQuantities(norm).filter((q) => q.index >= s.start && q.end <= s.end);
  if (qs.length === 0) return;
  const used = new Set<QuantityMatch>();
  arrowChains(s, used);
  const starts = clauseStarts(norm, s.start, s.end);
  const fenbie = norm.indexOf("分别", s.start);
  let cut = s.start;
  for (let i = 0; i < qs.length; i++) {
    const q = qs[i]!;
    if (fenbie >= 0 && fenbie < s.end && q.index > fenbie && (i === 0 || qs[i - 1]!.index < fenbie)) {
      respectively(s, fenbie, qs.slice(i), used, warnings);
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
    const clause = norm.slice(clauseStart, q.index);
    if (ATTRIBUTE_AFTER.test(post)) {
      // `全市80%以上的规上企业建立…`: a coverage goal whose indicator the sentence never names.
      if (q.unit === "%" && /^\s*(?:以上|以内|以下)/.test(post)) {
        warnings.push({ line: s.line.no, message: `${describe(q)} describes "${post.replace(/^\s*(?:以上|以内|以下)?的/, "").slice(0, 16)}…" and names no indicator: skipped` });
      }
      continue;
    }
    const pre = norm.slice(preStart, q.index);
    // `每3年开展1次评估`, `每季度召开1次`: a frequency, not a goal.
    const frequency = FREQUENCY.exec(clause);
    if (frequency && q.unit === "次" && (q.value === 1 || frequency[0] !== "每年")) continue;
    // `给予最高50万元奖励`: an incentive, not a goal.
    if (q.unit === "元" && INCENTIVE.test(clause + post)) continue;
    const qual = postQualifier(post);
    const objectStart = q.end + qual.length;
    // `示范企业20家、优势企业50家`: what follows a separator is the next item, not an object.
    const rawObject = norm.slice(objectStart, postEnd);
    const objectText = /^\s*(?:、|和|及|与|以及)/.test(rawObject) ? "" : balanced(rawObject.replace(/(?:[,:;、\s]|以及|和|及|与|并)+$/, ""));

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

    const before = warnings.length;
    const st = classify(s, q, pre, preStart, objectText, objectStart, qual.comparator, warnings);
    if (!st) {
      // A goal that was reported as unreadable must not become part of the next one's name.
      if (warnings.length > before) cut = q.end + qual.length;
      continue;
    }
    const year = yearFor(s, clauseStart, q.index);
    if (CURRENT.test(clause) && !year.stated) {
      st.points = [point(q, null, "base")];
      s.statements.push(st);
      cut = q.end + qual.length;
      delete st.cutAtObject;
      continue;
    }
    st.yearly = isYearly(norm.slice(clauseStart, q.index)) || isYearly(post);
    // A recurring goal (`年均增长10%`) is for every year of the plan unless its own sentence names one.
    st.points = [point(q, st.yearly && !year.stated ? null : year.year)];
    if (st.yearly && !year.stated) st.hint = year.year;
    s.statements.push(st);
    cut = st.cutAtObject ? postEnd : q.end + qual.length;
    delete st.cutAtObject;
  }
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

