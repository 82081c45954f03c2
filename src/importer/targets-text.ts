import { toSimplified } from "../core/text/script.ts";
import { alignedNormalise } from "../core/text/quantity-scan.ts";

/** A document line with its matching form: `norm` has the same length as `text`. */
export interface NormLine {
  no: number;
  text: string;
  norm: string;
}

export function normaliseLine(no: number, text: string): NormLine {
  return { no, text, norm: alignedNormalise(text) };
}

const CN = "[一二三四五六七八九十百零〇]+";

// Heading markers and their nesting level: `一、` 1, `(一)` 2, `1.` 3, `(1)` 4, `第一章` 0.
const HEADING_LEVELS: [RegExp, number][] = [
  [new RegExp(`^第${CN}[章节部篇]`), 0],
  [new RegExp(`^${CN}[、.]`), 1],
  [new RegExp(`^[(〔【]${CN}[)〕】]`), 2],
  [/^\d{1,2}[、.](?!\d)/, 3],
  [/^[(〔]\d{1,2}[)〕]/, 4],
];

/** The heading level of a line (see {@link HEADING_LEVELS}), or null for body text. */
export function headingLevel(norm: string): number | null {
  const s = norm.trimStart();
  for (const [re, level] of HEADING_LEVELS) if (re.test(s)) return level;
  return null;
}

const HEADING_MARKER = new RegExp(`^\\s*(?:第${CN}[章节部篇]|${CN}[、.]|[(〔【]${CN}[)〕】]|\\d{1,2}[、.](?!\\d)|[(〔]\\d{1,2}[)〕])\\s*`);

/** Whether a line opens a goals section: `二、工作目标`, `(三)发展目标。到2020年…`, `1.工作目標。` */
export function isGoalHeading(norm: string): boolean {
  const m = HEADING_MARKER.exec(norm);
  if (!m) return false;
  const rest = norm.slice(m[0].length).trimStart();
  return /^(?:发展|主要|工作|具体|总体|预期|建设|近期|中期|年度|总|行动|规划)?(?:目标|指标)/.test(rest);
}

/** `[start, end)` ranges of the sentences in a line (split after 。；;！？!?). */
export function sentences(norm: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < norm.length; i++) {
    if ("。;!?".includes(norm[i]!)) {
      if (i > start) out.push([start, i]);
      start = i + 1;
    }
  }
  if (norm.length > start) out.push([start, norm.length]);
  return out;
}

/** Clause boundaries inside a sentence: commas and colons outside brackets. */
export function clauseStarts(norm: string, start: number, end: number): number[] {
  const out = [start];
  let depth = 0;
  for (let i = start; i < end; i++) {
    const ch = norm[i]!;
    if ("(《“〔【[".includes(ch)) depth++;
    else if (")》”〕】]".includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === "," || ch === ":")) out.push(i + 1);
  }
  return out;
}

/** A year mentioned as a point in time, not as a comparison base (`较2017年`) or a citation. */
export interface YearMention {
  year: number;
  index: number;
  end: number;
}

const YEAR_RE = /((?:19|20)\d{2})\s*年(?:底|末|度)?(?:前)?/g;

export function yearMentions(norm: string, start = 0, end = norm.length): YearMention[] {
  const out: YearMention[] = [];
  const seg = norm.slice(start, end);
  for (const m of seg.matchAll(YEAR_RE)) {
    const index = start + m.index;
    const before = norm.slice(Math.max(0, index - 3), index);
    if (/(?:较|比|同比)$/.test(before) || (/与$/.test(before) && /^[^,;。]{0,6}(?:相比|比较)/.test(norm.slice(index)))) continue;
    if (/\d$/.test(before)) continue;
    if (/^\s*\d{1,2}\s*月/.test(norm.slice(index + m[0].length))) continue;
    // Citations: `《…（2021—2035年）》`, `〔2016〕`, a span `2019-2021年` counts as its end year.
    const open = norm.lastIndexOf("《", index);
    if (open >= 0 && norm.indexOf("》", open) > index) continue;
    out.push({ year: Number(m[1]), index, end: index + m[0].length });
  }
  for (const m of seg.matchAll(PLAN_END_RE)) {
    out.push({ year: planEndYear(m[1]!), index: start + m.index, end: start + m.index + m[0].length });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** `“十四五”末`, `十四五时期末`: the last year of a five-year plan. */
export const PLAN_END_RE = /“?十([一二三四五六七八九])五”?\s*(?:时期|规划)?\s*(?:期)?末/g;

/** The last year of the n-th five-year plan: 十四五 → 2025. */
export function planEndYear(digit: string): number {
  return 1955 + 5 * (10 + "一二三四五六七八九".indexOf(digit) + 1);
}

const LEADING_JUNK = new RegExp(
  String.raw`^(?:[\s,、:;.—\-•·*]+|其中|同时|并且|以及|力争|争取|确保|努力|预计|计划|要(?![素求点])|将(?!军)|使(?!用)|让|` +
    String.raw`(?:到|至)?(?:规划)?期末|(?:到|至)?“?十[一二三四五六七八九]五”?\s*(?:时期|规划)?\s*(?:期)?末|` +
    String.raw`每年度|每年|年均|全年|当年|截至|截止|到(?![期位达])|至|在(?![线职])|于|(?:19|20)\d{2}\s*年(?:底|末|度)?(?:前)?|(?:19|20)\d{2}\s*[-—~至到]\s*(?:19|20)\d{2}\s*年)`,
);
const TRAILING_JUNK =
  /(?:在[^,;。]*的基础上|(?:19|20)\d{2}\s*年(?:底|末|度)?(?:前)?|[\s,、:;.—\-]+|累计|力争|争取|确保|要|将|均|需|应|需要|继续|稳定|总计|共|合计|分别|持续|保持|进一步|再|实现|稳步|每年|年均|逐年|同比|比上年|较上年|较上一年度|较上年度|较(?:19|20)\d{2}年(?:度)?|的)$/;

/** Strips bullets, heading markers, leading years and filler words from a name candidate (offsets into norm). */
export function trimName(norm: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  for (let guard = 0; guard < 20 && s < e; guard++) {
    const seg = norm.slice(s, e);
    const heading = HEADING_MARKER.exec(seg);
    if (heading && heading[0].length > 0) {
      s += heading[0].length;
      continue;
    }
    const lead = LEADING_JUNK.exec(seg);
    if (lead && lead[0].length > 0) {
      s += lead[0].length;
      continue;
    }
    const trail = TRAILING_JUNK.exec(seg);
    if (trail && trail[0].length > 0) {
      e -= trail[0].length;
      continue;
    }
    break;
  }
  // Unbalanced brackets left at either end (`(PCT)途径` keeps its pair).
  while (s < e && /^[)》”〕】]/.test(norm[s]!)) s++;
  while (e > s && /[(《“〔【]$/.test(norm[e - 1]!)) e--;
  return [s, e];
}

/** A plausible indicator name: some letters, short, and no quantity inside (`新增500件` is not a name). */
export function plausibleName(name: string): boolean {
  const letters = name.match(/[\p{Script=Han}A-Za-z]/gu)?.length ?? 0;
  return letters >= 2 && name.length <= 48 && !/\d\s*(?:[十百千万亿]|[件元个家项人次%])/.test(name);
}

/** The key two statements of the same indicator share (script, spacing and filler words folded). */
export function nameKey(name: string): string {
  let k = toSimplified(alignedNormalise(name)).replace(/[\s,、:;.()《》“”"'\-—·]/g, "");
  for (let guard = 0; guard < 6; guard++) {
    const before = k;
    k = k.replace(/^(?:全市|全省|全区|全县|全国|我市|我省|本市|累计|建成|培育|实现)/, "");
    k = k.replace(/(?:累计|数量|总数|总量|总额|数|规模|队伍|人数|个数|家数)$/, "");
    if (k === before) break;
  }
  return k;
}
