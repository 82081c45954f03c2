import type { ImportWarning } from "./types.ts";
import type { QuantityMatch } from "./quantity.ts";
import { findQuantities, UNIT_ALT } from "../core/text/quantity-scan.ts";
import { cueComparator, isShareName, postQualifier } from "./targets-cues.ts";
import { name, point, yearFor, type Sentence } from "./targets-sentence.ts";
import { clauseStarts, trimName, yearMentions } from "./targets-text.ts";

interface SeriesYears {
  years: number[];
  /** Where the years are written, so that the name can stop before them. */
  index: number;
}

const SPAN = /((?:19|20)\d{2})\s*年?\s*(?:—{1,2}|-|~|至|到)\s*((?:19|20)\d{2})\s*年/g;

// `count` years written in [from, to): a list (`2024年、2025年`) or a span (`2023—2026年`).
function seriesYears(norm: string, from: number, to: number, count: number): SeriesYears | null {
  const list = yearMentions(norm, from, to);
  if (list.length === count) return { years: list.map((y) => y.year), index: list[0]!.index };
  for (const m of norm.slice(from, to).matchAll(SPAN)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (b - a + 1 === count) return { years: Array.from({ length: count }, (_, i) => a + i), index: from + m.index };
  }
  return null;
}

/**
 * `X2024年、2025年、2026年分别达到10.5件、12件和14件`: one statement, several milestones. Values
 * that cannot be matched to as many years, or to an indicator, are reported and set aside.
 */
export function respectively(s: Sentence, at: number, after: QuantityMatch[], used: Set<QuantityMatch>, warnings: ImportWarning[]): void {
  const norm = s.line.norm;
  const run: QuantityMatch[] = [];
  let pos = at + 2;
  for (const q of after) {
    if (!/^[^\d,;。]{0,4}$|^\s*(?:、|和|及|与|,)\s*$/.test(norm.slice(pos, q.index))) break;
    run.push(q);
    pos = q.end;
  }
  if (run.length < 2) return;
  const oneUnit = new Set(run.map((q) => q.unit)).size === 1;
  const gap = norm.slice(at + 2, run[0]!.index).trim();
  const clause = clauseStarts(norm, s.start, at).pop() ?? s.start;
  // `到2026年，…由…提高到14件，2024年、2025年分别达到…`: then only the years of this clause count.
  const years = seriesYears(norm, s.start, at, run.length) ?? seriesYears(norm, clause, at, run.length);
  let n: string | null = null;
  if (years && oneUnit && /^(?:达到|为|是|达|突破|超过|不低于|不少于|:)?$/.test(gap)) {
    const yearsEnd = Math.max(...yearMentions(norm, years.index, at).map((y) => y.end), years.index);
    n = name(s, yearsEnd, at);
    if (!n) {
      const starts = clauseStarts(norm, s.start, s.end).filter((c) => c <= years.index);
      n = name(s, starts[starts.length - 1] ?? s.start, years.index);
    }
    n ??= s.statements[s.statements.length - 1]?.name ?? null;
  }
  for (const q of run) used.add(q);
  if (!years && pairUp(s, clause, at, run, gap)) return;
  if (!years || !n || !oneUnit) {
    const values = run.map((q) => `${q.value}${q.unit}`).join("、");
    warnings.push({ line: s.line.no, message: `${values} are given "respectively" but could not be matched to years and an indicator: skipped` });
    return;
  }
  const unit = run[0]!.unit;
  const post = postQualifier(norm.slice(run[run.length - 1]!.end));
  s.statements.push({
    name: n,
    unit,
    comparator: post.comparator ?? cueComparator(gap) ?? "=",
    kind: unit === "%" && isShareName(n) ? "share" : "level",
    points: run.map((q, i) => point(q, years.years[i]!)),
    yearly: false,
    line: s.line.no,
  });
}

// `有效商标注册量和驰名商标分别达到15万件和150件`: as many indicators as values, one target each.
function pairUp(s: Sentence, clause: number, at: number, run: QuantityMatch[], gap: string): boolean {
  const norm = s.line.norm;
  const [a, b] = trimName(norm, clause, at);
  const parts: [number, number][] = [];
  let from = a;
  for (const m of norm.slice(a, b).matchAll(/、|和|及|与/g)) {
    parts.push([from, a + m.index]);
    from = a + m.index + m[0].length;
  }
  parts.push([from, b]);
  if (parts.length !== run.length) return false;
  const names = parts.map(([x, y]) => name(s, x, y));
  if (names.some((n) => n === null)) return false;
  const year = yearFor(s, clause, at).year;
  const post = postQualifier(norm.slice(run[run.length - 1]!.end));
  run.forEach((q, i) => {
    const n = names[i]!;
    s.statements.push({
      name: n,
      unit: q.unit,
      comparator: post.comparator ?? cueComparator(gap) ?? "=",
      kind: q.unit === "%" && isShareName(n) ? "share" : "level",
      points: [point(q, year)],
      yearly: false,
      line: s.line.no,
    });
  });
  return true;
}

const ITEM = String.raw`\d+(?:\.\d+)?\s*[十百千万亿]*\s*(?:${UNIT_ALT})?`;
const ARROW = String.raw`\s*(?:→|->|—>|⟶|➝)\s*`;
const CHAIN = new RegExp(`${ITEM}(?:${ARROW}${ITEM})+`, "g");

/**
 * `每万人口高价值发明专利拥有量（2023—2026年）：9.54→10.5→12→14件`: values year after year. Without
 * years in the sentence the values are the plan's last years (the caller lays them out).
 */
export function arrowChains(s: Sentence, used: Set<QuantityMatch>): void {
  const norm = s.line.norm;
  for (const m of norm.slice(s.start, s.end).matchAll(CHAIN)) {
    const at = s.start + m.index;
    const pieces = m[0].split(new RegExp(ARROW));
    const last = findQuantities(pieces[pieces.length - 1]!.trim())[0];
    if (!last) continue;
    const values = pieces.map((p) => findQuantities(p.trim())[0] ?? findQuantities(p.trim() + last.unit)[0]);
    if (values.some((v) => !v || v.unit !== last.unit)) continue;
    const starts = clauseStarts(norm, s.start, s.end).filter((c) => c < at);
    let from = starts[starts.length - 1] ?? s.start;
    if (norm.slice(from, at).trim() === "" && starts.length > 1) from = starts[starts.length - 2]!;
    const years = seriesYears(norm, s.start, at, values.length);
    const n = name(s, from, years && years.index >= from ? years.index : at) ?? s.statements[s.statements.length - 1]?.name ?? null;
    if (!n) continue;
    s.statements.push({
      name: n,
      unit: last.unit,
      comparator: postQualifier(norm.slice(at + m[0].length)).comparator ?? "=",
      kind: last.unit === "%" && isShareName(n) ? "share" : "level",
      points: values.map((v, i) => point(v!, years ? years.years[i]! : null)),
      yearly: false,
      series: years === null,
      hint: s.ctx.anchor,
      line: s.line.no,
    });
    for (const q of findQuantities(norm).filter((q) => q.index >= at && q.end <= at + m[0].length)) used.add(q);
  }
}
