import { toHalfWidth } from "./width.ts";
import { toSimplified } from "./script.ts";
import { parseChineseInteger } from "./numerals.ts";

/**
 * Base units a quantity may carry, longest first so `个月` wins over `个` and `人次` over `人`.
 * `亿元`/`万件` are not listed: the multiplier is part of the number.
 */
export const UNITS = [
  "个百分点", "个工作日", "百分点", "工作日", "平方米", "个月", "人次", "件次", "家次", "项次", "场次", "批次", "美元",
  "小时", "公里", "%", "‰", "件", "元", "个", "家", "项", "人", "名", "次", "场", "期", "所", "户",
  "座", "条", "部", "篇", "套", "种", "款", "台", "株", "门", "类", "本", "册", "份", "例", "宗",
  "笔", "支", "处", "亩", "吨", "天", "倍", "位", "间",
];

const MULTIPLIER_EXPONENT: Record<string, number> = { 十: 1, 百: 2, 千: 3, 万: 4, 亿: 8 };
const CN_NUM_CLASS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟";
// Bounded repetitions keep the scan linear on long runs of digits, numerals or spaces.
const AR_NUM = String.raw`\d{1,3}(?:,\d{3}){1,5}(?:\.\d{1,24})?|\d{1,18}(?:\.\d{1,24})?`;
const CN_NUM = `[${CN_NUM_CLASS}]{1,16}`;
const MULT = "[十百千万亿]{0,3}";
/** Alternation of {@link UNITS} for regular expressions. */
export const UNIT_ALT = UNITS.join("|");
const SEP = "—{1,2}|–|-|~|〜|至|到";
const SP = String.raw`\s{0,2}`;

// `(a)(multiplier)(余|多)? [ (unit)? sep (b)(multiplier)(余|多)? ] unit`, or `百分之N`, where a
// number is Arabic with an optional multiplier (a, am) or Chinese (ac). Groups: pct, a, am, ac,
// ao, au, sep, b, bm, bc, bo, unit.
const QUANTITY_RE = new RegExp(
  String.raw`百分之(?<pct>${AR_NUM}|${CN_NUM})|(?:(?<![\d.])(?<a>${AR_NUM})(?<am>${MULT})|(?<ac>${CN_NUM}))(?<ao>余|多)?` +
    String.raw`(?:${SP}(?<au>${UNIT_ALT})?${SP}(?<sep>${SEP})${SP}(?:(?<b>${AR_NUM})(?<bm>${MULT})|(?<bc>${CN_NUM}))(?<bo>余|多)?)?` +
    String.raw`${SP}(?<unit>${UNIT_ALT})`,
  "gu",
);

/** One quantity found in a normalised text. */
export interface QuantityMatch {
  value: number;
  valueMax?: number;
  unit: string;
  /** Offsets in the scanned text: `text.slice(index, end)` is the whole quantity with its unit. */
  index: number;
  end: number;
  /** `40余期`, `100多家` → "over". */
  over: boolean;
  /** The number is written in Chinese numerals (`三家`). */
  chinese: boolean;
  /** The number is only a multiplier (`万人`, `千万元`): usually part of a word, not a quantity. */
  bareMultiplier: boolean;
}

const charCache = new Map<string, string>();

/**
 * Half-width, Simplified text with the same length as the input, so that an offset in the
 * result is an offset in the original. Characters whose conversion would change the length
 * are kept as they are.
 */
export function alignedNormalise(text: string): string {
  let out = "";
  for (const ch of toHalfWidth(text)) {
    if (ch.charCodeAt(0) < 0x2e80) {
      out += ch;
      continue;
    }
    let s = charCache.get(ch);
    if (s === undefined) {
      const converted = toSimplified(ch);
      s = converted.length === ch.length ? converted : ch;
      charCache.set(ch, s);
    }
    out += s;
  }
  return out;
}

/** Multiplies a decimal string by 10^exp by moving the point, so `18.6` × 亿 is exactly 1860000000. */
export function scaleDecimal(digits: string, exp: number): number {
  const clean = digits.replace(/,/g, "");
  const dot = clean.indexOf(".");
  const intPart = dot < 0 ? clean : clean.slice(0, dot);
  const frac = dot < 0 ? "" : clean.slice(dot + 1);
  if (exp <= 0) return Number(clean);
  const moved = frac.length > exp ? `${intPart}${frac.slice(0, exp)}.${frac.slice(exp)}` : `${intPart}${frac.padEnd(exp, "0")}`;
  return Number(moved);
}

function multiplierExponent(m: string): number {
  let e = 0;
  for (const ch of m) e += MULTIPLIER_EXPONENT[ch] ?? 0;
  return e;
}

interface NumberValue {
  value: number;
  chinese: boolean;
  bare: boolean;
}

function numberValue(num: string, mult: string): NumberValue | null {
  const exp = multiplierExponent(mult);
  if (/^[\d,.]+$/.test(num)) {
    const v = scaleDecimal(num, exp);
    return Number.isFinite(v) ? { value: v, chinese: false, bare: false } : null;
  }
  // `一三` is two digits side by side, not a numeral (`统一三家` must read as 三家).
  if (/[一二两三四五六七八九壹贰叁肆伍陆柒捌玖][一二两三四五六七八九壹贰叁肆伍陆柒捌玖]/.test(num)) return null;
  // `万人`, `亿元`: a leading 万/亿 means one of it (parseChineseInteger reads it as 0 × 万).
  const whole = parseChineseInteger((/^[万亿]/.test(num) ? "一" : "") + num + mult);
  if (whole === null || !Number.isFinite(whole)) return null;
  const bare = !/[零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾]/.test(num);
  return { value: whole, chinese: true, bare };
}

/** All quantities (number + unit) in a text already passed through {@link alignedNormalise}. */
export function findQuantities(text: string): QuantityMatch[] {
  const out: QuantityMatch[] = [];
  const re = new RegExp(QUANTITY_RE.source, QUANTITY_RE.flags);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const g = m.groups ?? {};
    const index = m.index;
    const end = index + m[0].length;
    if (g.pct !== undefined) {
      const n = numberValue(g.pct, "");
      if (n) out.push({ value: n.value, unit: "%", index, end, over: false, chinese: n.chinese, bareMultiplier: n.bare });
      continue;
    }
    const unit = g.unit!;
    const aText = (g.a ?? g.ac)!;
    const aMult = g.am ?? "";
    const bText = g.b ?? g.bc;
    const bMult = g.bm ?? "";
    const a = numberValue(aText, aMult);
    if (bText !== undefined && g.au !== undefined && (g.au !== unit || g.sep === "至" || g.sep === "到")) {
      // `从5家到10家` is a change, not a range: take the first quantity alone and rescan after it.
      const firstEnd = index + m[0].indexOf(g.au, aText.length + aMult.length) + g.au.length;
      if (a) {
        out.push({ value: a.value, unit: g.au, index, end: firstEnd, over: g.ao !== undefined, chinese: a.chinese, bareMultiplier: a.bare });
      }
      re.lastIndex = firstEnd;
      continue;
    }
    if (!a) {
      re.lastIndex = index + 1;
      continue;
    }
    const q: QuantityMatch = { value: a.value, unit, index, end, over: (g.ao ?? g.bo) !== undefined, chinese: a.chinese, bareMultiplier: a.bare };
    if (bText !== undefined) {
      // `5—8万件`: a multiplier written only on the high end applies to both ends.
      const low = aMult === "" && bMult !== "" && !a.chinese ? numberValue(aText, bMult) : a;
      const b = numberValue(bText, bMult);
      if (!low || !b) continue;
      if (b.value > low.value) {
        q.value = low.value;
        q.valueMax = b.value;
        q.chinese ||= b.chinese;
        q.bareMultiplier ||= b.bare;
      } else {
        // Not a range (`2021-2019件`?): keep only the second number.
        q.index = index + m[0].lastIndexOf(bText);
        q.value = b.value;
        q.chinese = b.chinese;
        q.bareMultiplier = b.bare;
      }
    }
    out.push(q);
  }
  return out;
}
