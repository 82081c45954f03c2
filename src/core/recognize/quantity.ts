import { parseChineseInteger } from "../text/numerals.ts";
import type { Span } from "./normalize.ts";

/**
 * Same contract as the importer's shared `parseQuantity` (src/importer/quantity.ts, not written
 * yet when this was): `13万件` → { value: 130000, unit: "件" }. Replace with the shared one
 * once it exists.
 */
export interface Quantity {
  value: number;
  valueMax?: number;
  /** Base unit after expanding 万/亿/千; "" when the text has no unit; `%` for percents. */
  unit: string;
}

export interface FoundQuantity extends Quantity, Span {
  explicitUnit: boolean;
  /** The number carried 万/亿/千 (`18.6亿`). */
  magnified: boolean;
  /** Dates, times and ordinals (`6月`, `3点`, `2024年`): never a target value. */
  time: boolean;
}

const MAGNITUDES: Record<string, number> = { 万亿: 1e12, 千万: 1e7, 百万: 1e6, 十万: 1e5, 亿: 1e8, 万: 1e4, 千: 1e3, 百: 100 };
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
const CN = "零〇一二两三四五六七八九十百千万亿";
const byLength = (a: string, b: string): number => b.length - a.length;
const UNIT_ALT = [...TIME_UNITS, ...UNITS].sort(byLength).join("|");
const QUANTITY_RE = new RegExp(
  "(?<!第\\s?)(?:百分之\\s*(\\d+(?:\\.\\d+)?|[" + CN + "]{1,6})" +
    "|(?<![\\d.])(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d{1,13}(?:\\.\\d+)?)(?:\\s*[-~—–至到]\\s*(\\d{1,13}(?:\\.\\d+)?))?" +
    "\\s*(万亿|千万|百万|十万|亿|万|千|百)?|(?<![" + CN + "])([" + CN + "]{1,8}))\\s*(" + UNIT_ALT + ")?",
  "g",
);

/** Finds every number-with-unit in normalised (half-width, Simplified) text. */
export function findQuantities(text: string): FoundQuantity[] {
  const out: FoundQuantity[] = [];
  QUANTITY_RE.lastIndex = 0;
  for (let m = QUANTITY_RE.exec(text); m !== null; m = QUANTITY_RE.exec(text)) {
    const [whole, pctNum, num, numMax, mag, cnNum, rawUnit] = m;
    if (whole.length === 0) {
      QUANTITY_RE.lastIndex++;
      continue;
    }
    const q = build(pctNum, num, numMax, mag, cnNum, rawUnit);
    if (q) out.push({ ...q, start: m.index, end: m.index + whole.length });
  }
  return out;
}

/** Parses a whole string as one quantity (`13万件`, `25亿元`, `1-2个`), null otherwise. */
export function parseQuantity(text: string): Quantity | null {
  const trimmed = text.trim();
  const found = findQuantities(trimmed);
  if (found.length !== 1) return null;
  const q = found[0]!;
  if (q.start !== 0 || q.end !== trimmed.length || q.time) return null;
  const result: Quantity = { value: q.value, unit: q.unit };
  if (q.valueMax !== undefined) result.valueMax = q.valueMax;
  return result;
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
    const factor = mag ? MAGNITUDES[mag]! : 1;
    const value = round(Number(num.replace(/,/g, "")) * factor);
    if (!Number.isFinite(value)) return null;
    const q: Omit<FoundQuantity, "start" | "end"> = { value, unit, explicitUnit: unit !== "", magnified: !!mag, time };
    if (numMax !== undefined) {
      const max = round(Number(numMax) * factor);
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

/** Drops binary floating-point noise (`18.6 * 1e8`). */
export function round(value: number): number {
  return Number(value.toPrecision(12));
}
