import { QUESTION_RE } from "./lexicon.ts";
import { cleanNote, clauseSpans, maskSpans, prepare, removeSpans, type Prepared, type Span } from "./normalize.ts";
import { findQuantities, round, type FoundQuantity } from "./quantity.ts";
import type { RecognizeContext, RecognizeTarget, Recognition } from "./types.ts";

/** Words shared by many target names: matching only these says nothing about which target. */
const GENERIC = [
  "知识产权", "知识", "产权", "数量", "金额", "规模", "企业", "单位", "机构", "总数", "总量", "累计", "新增", "年度",
  "全市", "全省", "全县", "我市", "本市", "国家", "省级", "市级", "工作", "建设", "情况", "有效", "年", "数", "量", "总",
  "每", "个", "的", "和", "及", "与", "额", "率",
].sort((a, b) => b.length - a.length);

/** Words allowed around a target update without making it chat (`截至6月底累计达到`). */
const FILLER_RE = new RegExp(
  "截至|截止|目前|现在|当前|已经?|达到?|为|是|累计|共计|合计|总计|共|新增|今年|本年度?|年度|本月|上月|本季度?|全年|" +
    "全市|我市|我们|完成|实现|更新|最新|数据|约|左右|余|多|了|的|底|前|为止|上报|汇报|同比|环比|增长|提升|其中|至|到|有|" +
    "(?<![a-z])(?:data|update|now|is|at|total|reached|to)(?![a-z])",
  "g",
);
/** A goal, plan or forecast (`预计5万件`, `目标是30亿元`) is never a reported value. */
const FORECAST_RE = new RegExp(
  "预计|预期|计划|目标|争取|力争|有望|可望|拟|打算|确保|将(?!近)|要达到|预测|" +
    "(?<![a-z])(?:target|goal|expect(?:ed)?|forecast|plan(?:ned)?|will|aim)(?![a-z])",
);
/** Text in front of a number that makes it negative or a decrease. */
const NEGATIVE_RE = /(?:[-−]|负|减少|下降|减)\s*$/;
/** Between two values of one target: the second replaces the first (`从3万件增加到5万件`). */
const FROM_TO_RE = /^\s*(?:(?:增加|增长|提升|提高|上升|升|涨|突破)了?\s*)?(?:到了?|至|为|->|→|(?<![a-z])to(?![a-z]))\s*$/;
const NOTE_EDGE_RE = /^(?:\s|达到?|已达|累计|共计|为|是|[:：])+|(?:\s|达到?|已达|累计|共计|为|是|[:：])+$/g;
/** Characters of other words allowed in the clause holding the number (`登记`, `突破`). */
const RESIDUAL_BUDGET = 3;
/** Characters of other text a target update may carry (long prose is not a chat update). */
const OUTSIDE_BUDGET = 40;
const OUTSIDE_BUDGET_MENTIONED = 80;
/** A chat update never has more clauses; later ones still count against the outside budget. */
const MAX_CLAUSES = 40;

interface Fragment extends Span {
  score: number;
}

interface Group extends Span {
  quantities: FoundQuantity[];
  scores: Map<number, Fragment>;
}

/**
 * Recognises `质押融资 18.6亿元`-style target updates. `exclude` spans (task references) are
 * ignored. Returns null when the text does not read as a target update.
 */
export function recognizeTarget(p: Prepared, ctx: RecognizeContext, exclude: Span[], original: string): Recognition | null {
  const targets = ctx.targets.map((t) => ({ target: t, name: prepare(t.name).norm.replace(/\s+/g, "") }));
  if (targets.length === 0) return null;
  const norm = maskSpans(p.norm, exclude);
  const allQuantities = findQuantities(norm);
  const numbersMasked = maskSpans(norm, allQuantities);

  const groups: Group[] = clauseSpans(norm).slice(0, MAX_CLAUSES).map((c) => ({
    ...c,
    quantities: allQuantities.filter((q) => !q.time && q.start >= c.start && q.start < c.end),
    scores: scoreTargets(numbersMasked, c, targets),
  }));
  const merged = mergeGroups(groups);

  const hits: { ids: number[]; group: Group; fragment: Fragment }[] = [];
  for (const g of merged) {
    if (g.quantities.length === 0 || g.scores.size === 0) continue;
    if (QUESTION_RE.test(p.norm.slice(g.start, g.end + 1))) continue;
    if (FORECAST_RE.test(p.norm.slice(g.start, g.end))) continue;
    const best = Math.max(...[...g.scores.values()].map((f) => f.score));
    const tied = [...g.scores].filter(([, f]) => f.score === best).map(([id]) => id);
    // `专利 45件` cannot mean a percentage target: let the unit break a tie.
    const fitting = tied.filter((id) => {
      const t = targets.find((x) => x.target.id === id)!.target;
      return g.quantities.some((q) => q.explicitUnit && fits(q, t));
    });
    const ids = fitting.length > 0 ? fitting : tied;
    const fragment = g.scores.get(ids[0]!)!;
    const names = ids.map((id) => targets.find((t) => t.target.id === id)!.name).join("");
    if (residualLength(numbersMasked, g, fragment, names) > RESIDUAL_BUDGET) continue;
    if (best < 3 && !g.quantities.some((q) => adjacent(numbersMasked, fragment, q, names))) continue;
    hits.push({ ids, group: g, fragment });
  }
  if (hits.length === 0) return null;
  const outside = maskSpans(numbersMasked, [...hits.map((h) => h.group), ...exclude]);
  if (substance(outside) > (ctx.botMentioned ? OUTSIDE_BUDGET_MENTIONED : OUTSIDE_BUDGET)) return null;
  const ids = [...new Set(hits.flatMap((h) => h.ids))];
  if (ids.length > 1) return { kind: "ambiguous", question: "which_target", targetIds: ids, text: original };

  const hit = hits[0]!;
  const target = targets.find((t) => t.target.id === ids[0])!;
  const chosen = chooseQuantity(hit.group.quantities, target.target, norm);
  if (chosen === null) return { kind: "ambiguous", question: "unit_mismatch", targetIds: [target.target.id], text: original };
  if (chosen === "bad") return { kind: "ambiguous", question: "bad_number", targetIds: [target.target.id], text: original };
  const fragmentSpan = extendOverName(p.norm, hit.fragment, target.name);
  const rest = removeSpans(p.source, [fragmentSpan, chosen.q, ...chosen.replaced, ...exclude]).replace(NOTE_EDGE_RE, "");
  const note = cleanNote(rest);
  return { kind: "target", targetId: target.target.id, value: chosen.value, note: note && hasSubstance(note) ? note : null };
}

/** False when a note holds nothing but filler and generic words (`数量达到了`). */
function hasSubstance(note: string): boolean {
  return /[\p{Script=Han}a-z0-9]/u.test(withoutGeneric(prepare(note).norm.replace(FILLER_RE, " ")));
}

function scoreTargets(text: string, clause: Span, targets: { target: RecognizeTarget; name: string }[]): Map<number, Fragment> {
  const out = new Map<number, Fragment>();
  const slice = text.slice(clause.start, Math.min(clause.end, clause.start + 300));
  for (const { target, name } of targets) {
    const f = bestFragment(slice, name);
    if (f && (!out.has(target.id) || out.get(target.id)!.score < f.score)) {
      out.set(target.id, { start: clause.start + f.start, end: clause.start + f.end, score: f.score });
    }
  }
  return out;
}

/** The common substring of text and name with the most non-generic characters (≥ 2 CJK or ≥ 3 Latin). */
function bestFragment(text: string, name: string): Fragment | null {
  let best: Fragment | null = null;
  let prev = new Array<number>(name.length + 1).fill(0);
  for (let i = 1; i <= text.length; i++) {
    const row = new Array<number>(name.length + 1).fill(0);
    for (let j = 1; j <= name.length; j++) {
      if (text[i - 1] === name[j - 1]) row[j] = prev[j - 1]! + 1;
    }
    for (let j = 1; j <= name.length; j++) {
      const len = row[j]!;
      if (len < 2 || (i < text.length && j < name.length && text[i] === name[j])) continue;
      const score = meaningful(text.slice(i - len, i));
      if (score > 0 && (!best || score > best.score)) best = { start: i - len, end: i, score };
    }
    prev = row;
  }
  return best;
}

function withoutGeneric(text: string): string {
  let rest = text;
  for (const g of GENERIC) rest = rest.split(g).join(" ");
  return rest;
}

function meaningful(fragment: string): number {
  const rest = withoutGeneric(fragment);
  const cjk = (rest.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (rest.match(/[a-z]/g) ?? []).length;
  if (cjk >= 2 || latin >= 3) return cjk + (latin * 2) / 3;
  return 0;
}

/** A clause naming a target but holding no number is joined to the next clause holding one. */
function mergeGroups(groups: Group[]): Group[] {
  const out: Group[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const next = groups[i + 1];
    if (next && g.quantities.length === 0 && g.scores.size > 0 && next.quantities.length > 0 && next.scores.size === 0) {
      out.push({ start: g.start, end: next.end, quantities: next.quantities, scores: g.scores });
      i++;
    } else out.push(g);
  }
  return out;
}

/** A two-character fragment (`专员`) must sit right next to its number: `专员 620人`. */
function adjacent(text: string, f: Span, q: Span, names: string): boolean {
  const between = q.start >= f.end ? text.slice(f.end, q.start) : q.end <= f.start ? text.slice(q.end, f.start) : "x";
  return substance(withoutGeneric(between.replace(FILLER_RE, " ")), names) === 0;
}

function substance(text: string, except = ""): number {
  let count = 0;
  for (const ch of text) if (/[\p{Script=Han}a-z]/u.test(ch) && !except.includes(ch)) count++;
  return count;
}

function residualLength(text: string, g: Span, fragment: Span, names: string): number {
  return substance(maskSpans(text, [fragment]).slice(g.start, g.end).replace(FILLER_RE, " "), names);
}

function extendOverName(norm: string, f: Span, name: string): Span {
  let { start, end } = f;
  while (start > 0 && name.includes(norm[start - 1]!)) start--;
  while (end < norm.length && name.includes(norm[end]!)) end++;
  return { start, end };
}

const MAG_PREFIX: [string, number][] = [["万亿", 1e12], ["亿", 1e8], ["千万", 1e7], ["百万", 1e6], ["万", 1e4], ["千", 1e3]];
const SAME_UNIT: string[][] = [["人", "名", "位"], ["元", "块"]];
const COUNTABLE = "个件家项所座户条篇部本台套只株册支批类种场笔份";

function chooseQuantity(
  qs: FoundQuantity[],
  target: RecognizeTarget,
  norm: string,
): { q: FoundQuantity; value: number; replaced: Span[] } | "bad" | null {
  const { base, factor } = splitUnit(target.unit);
  const ok = (q: FoundQuantity): boolean => q.explicitUnit && compatible(q.unit, base);
  const yearLike = (q: FoundQuantity): boolean => Number.isInteger(q.value) && q.value >= 1900 && q.value <= 2100;
  const plain = (q: FoundQuantity): boolean => !q.explicitUnit && !yearLike(q);
  const pick = qs.some(ok) ? ok : qs.some(plain) ? plain : (x: FoundQuantity) => !x.explicitUnit;
  const candidates = qs.filter(pick);
  if (candidates.length === 0) return null;
  // `从3万件增加到5万件`: the last value of a from-to chain; otherwise two values are a question.
  const replaced: Span[] = [];
  let q = candidates[0]!;
  for (const next of candidates.slice(1)) {
    if (FROM_TO_RE.test(norm.slice(q.end, next.start))) {
      replaced.push({ start: /(?:由|从)\s*$/.test(norm.slice(0, q.start)) ? q.start - 1 : q.start, end: next.start });
      q = next;
    } else if (next.value !== q.value) return "bad";
  }
  if (q.valueMax !== undefined || NEGATIVE_RE.test(norm.slice(Math.max(0, q.start - 3), q.start))) return "bad";
  // Money is never reported in bare yuan: `质押融资 18.6` needs 亿/万 or a unit to be sure.
  if (base === "元" && factor === 1 && !q.explicitUnit && !q.magnified) return null;
  return { q, value: round(q.value / factor), replaced };
}

function fits(q: FoundQuantity, target: RecognizeTarget): boolean {
  return compatible(q.unit, splitUnit(target.unit).base);
}

function splitUnit(unit: string): { base: string; factor: number } {
  const u = prepare(unit).norm.trim();
  for (const [prefix, factor] of MAG_PREFIX) {
    if (u.startsWith(prefix) && u.length > prefix.length) return { base: u.slice(prefix.length), factor };
  }
  return { base: u === "百分比" || u === "百分点" ? "%" : u, factor: 1 };
}

function compatible(unit: string, base: string): boolean {
  if (base === "" || unit === base) return true;
  if (SAME_UNIT.some((g) => g.includes(unit) && g.includes(base))) return true;
  return unit === "个" && COUNTABLE.includes(base);
}
