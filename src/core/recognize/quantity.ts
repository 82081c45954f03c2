import { findQuantities as findUnitQuantities, scaleDecimal } from "../text/quantity-scan.ts";
import { parseChineseInteger } from "../text/numerals.ts";
import type { Span } from "./normalize.ts";

/** A quantity found in the message, with its span in the normalised text. */
export interface FoundQuantity extends Span {
  /** Value in the base unit (`18.6亿元` → 1860000000); the low end of a range. */
  value: number;
  valueMax?: number;
  /** Base unit (`件`, `元`, `%` …); "" when the text gives none. */
  unit: string;
  explicitUnit: boolean;
  /** The number carried 万/亿/千 (`18.6亿`). */
  magnified: boolean;
  /** Dates, times and ordinals (`6月`, `3点`, `2024年`): never a target value. */
  time: boolean;
}

const MAGNITUDE_EXPONENTS: Record<string, number> = { 万亿: 12, 千万: 7, 百万: 6, 十万: 5, 亿: 8, 万: 4, 千: 3, 百: 2 };
const UNIT_ALIASES: Record<string, string> = { 个人: "人", 块钱: "元", 块: "元", 元钱: "元", 个百分点: "%", 百分点: "%" };
const UNITS = [
  "个百分点", "百分点", "平方米", "人次", "家次", "块钱", "元钱", "个人", "%", "件", "元", "块", "个", "家", "人", "名",
  "位", "项", "所", "次", "笔", "户", "座", "条", "份", "篇", "本", "部", "台", "套", "亩", "吨", "场", "批", "类", "种",
  "只", "株", "册", "支", "家单位",
];
const TIME_UNITS = [
  "个工作日", "个小时", "个月", "小时", "分钟", "季度", "工作日", "年", "月", "日", "号", "天", "点", "时", "分", "秒", "周",
  "岁", "届", "期", "楼", "层", "班", "级",
];
/** Units the shared scanner accepts that measure time, never a target value. */
const SHARED_TIME_UNITS = ["个工作日", "个月", "小时", "工作日", "天"];
const CN = "零〇一二两三四五六七八九十百千万亿";
const byLength = (a: string, b: string): number => b.length - a.length;
const UNIT_ALT = [...TIME_UNITS, ...UNITS].sort(byLength).join("|");
const QUANTITY_RE = new RegExp(
  "(?<!第\\s?)(?:百分之\\s*(\\d+(?:\\.\\d+)?|[" + CN + "]{1,6})" +
    "|(?<![\\d.])(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d{1,13}(?:\\.\\d+)?)(?![\\d.])(?:\\s*[-~—–至到]\\s*(\\d{1,13}(?:\\.\\d+)?))?" +
    "\\s*(万亿|千万|百万|十万|亿|万|千|百)?|(?<![" + CN + "])([" + CN + "]{1,8}))\\s*(" + UNIT_ALT + ")?",
  "g",
);

/**
 * Finds every quantity in normalised (half-width, Simplified) text. Quantities with a unit come
 * from the importer's shared scanner; bare numbers (`专员数 620`, `商标 5.5万`), dates and times
 * (`6月`, `3点`, kept only so that they can be masked) and colloquial units (`5000块`) from a
 * local scan of whatever the shared scanner left.
 */
export function findQuantities(text: string): FoundQuantity[] {
  const shared: FoundQuantity[] = findUnitQuantities(text)
    .filter((q) => !q.bareMultiplier && plausible(q.value))
    .map((q) => {
      const found: FoundQuantity = {
        value: q.value,
        unit: UNIT_ALIASES[q.unit] ?? q.unit,
        start: q.index,
        end: q.end,
        explicitUnit: true,
        magnified: false,
        time: SHARED_TIME_UNITS.includes(q.unit),
      };
      if (q.valueMax !== undefined) found.valueMax = q.valueMax;
      return found;
    });
  const local: FoundQuantity[] = [];
  QUANTITY_RE.lastIndex = 0;
  for (let m = QUANTITY_RE.exec(text); m !== null; m = QUANTITY_RE.exec(text)) {
    const [whole, pctNum, num, numMax, mag, cnNum, rawUnit] = m;
    if (whole.length === 0) {
      QUANTITY_RE.lastIndex++;
      continue;
    }
    const span = { start: m.index, end: m.index + whole.length };
    if (shared.some((q) => q.start < span.end && span.start < q.end)) continue;
    const q = build(pctNum, num, numMax, mag, cnNum, rawUnit);
    if (q && plausible(q.value)) local.push({ ...q, ...span });
  }
  return [...shared, ...local].sort((a, b) => a.start - b.start);
}

function build(
  pctNum: string | undefined,
  num: string | undefined,
  numMax: string | undefined,
  mag: string | undefined,
  cnNum: string | undefined,
  rawUnit: string | undefined,
): Omit<FoundQuantity, "start" | "end"> | null {
  const time = rawUnit !== undefined && TIME_UNITS.includes(rawUnit);
  const unit = rawUnit === undefined || time ? "" : (UNIT_ALIASES[rawUnit] ?? rawUnit);
  if (pctNum !== undefined) {
    const value = parseChineseInteger(pctNum) ?? Number(pctNum);
    return Number.isFinite(value) ? { value, unit: "%", explicitUnit: true, magnified: false, time: false } : null;
  }
  if (num !== undefined) {
    // A bare run of ten or more digits is a phone or ID number, not a typed count.
    if (!mag && unit === "" && num.replace(/[,.].*$/, "").length > 9) return null;
    const exp = mag ? MAGNITUDE_EXPONENTS[mag]! : 0;
    const value = scaleDecimal(num, exp);
    if (!Number.isFinite(value)) return null;
    const q: Omit<FoundQuantity, "start" | "end"> = { value, unit, explicitUnit: unit !== "", magnified: !!mag, time };
    if (numMax !== undefined) {
      const max = scaleDecimal(numMax, exp);
      if (Number.isFinite(max) && max > value) q.valueMax = max;
    }
    return q;
  }
  if (cnNum === undefined) return null;
  const hasDigit = /[零〇一二两三四五六七八九]/.test(cnNum);
  if (!hasDigit && cnNum.length < 2) return null;
  if (rawUnit === undefined && !(hasDigit && /[万亿]/.test(cnNum))) return null;
  const value = parseChineseInteger(cnNum);
  if (value === null) return null;
  return { value, unit, explicitUnit: unit !== "", magnified: /[万亿千]/.test(cnNum), time };
}

/** A value a person could have typed on purpose (not a pasted digit run). */
function plausible(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) < 1e15;
}

/** Drops binary floating-point noise (`18.6 * 1e8`). */
export function round(value: number): number {
  return Number(value.toPrecision(12));
}
