import type { Comparator } from "./types.ts";
import { alignedNormalise, findQuantities } from "../core/text/quantity-scan.ts";

export { alignedNormalise, findQuantities, type QuantityMatch } from "../core/text/quantity-scan.ts";

/** A number expanded to its base unit. */
export interface Quantity {
  /** The value in the base unit (`13万件` → 130000); the low end of a range. */
  value: number;
  /** The high end when the text gives a range (`1—2个`). */
  valueMax?: number;
  /** Base unit (`件`, `元`, `个`, `家`, `%`, `项`, `个月` …); "" for a bare number. */
  unit: string;
}

/**
 * Parses the first quantity in a text: `13万件` → {value: 130000, unit: "件"},
 * `25亿元` → {value: 2500000000, unit: "元"}, `1—2个` → {value: 1, valueMax: 2, unit: "个"},
 * `９.５４件`, `20%`, `百分之二十`, `5千万元`, `三家`, Traditional `13萬件`. A text that is only a
 * number (`18.6`) gives unit "". Returns null when there is no quantity; never throws.
 */
export function parseQuantity(text: string): Quantity | null {
  if (typeof text !== "string") return null;
  const norm = alignedNormalise(text).trim();
  if (norm === "") return null;
  const found = findQuantities(norm);
  const whole = found.find((q) => q.index === 0 && q.end === norm.length);
  const pick = whole ?? found.find((q) => !q.bareMultiplier);
  if (pick) {
    const q: Quantity = { value: pick.value, unit: pick.unit };
    if (pick.valueMax !== undefined) q.valueMax = pick.valueMax;
    return q;
  }
  const bare = /^[+]?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$/.exec(norm);
  if (bare) return { value: Number(bare[1]!.replace(/,/g, "")), unit: "" };
  return null;
}

const CN_DIGIT = "[\\d零〇一二两三四五六七八九十百千万亿]";

interface ComparatorRule {
  re: RegExp;
  comparator: Comparator;
  /** Bound words (`以上`, `不超过`) outrank achievement verbs (`达到`, `突破`). */
  strong: boolean;
}

const RULES: ComparatorRule[] = [
  { re: /(?:不少于|不低于|不小于|大于等于|大于或等于|至少|≥|>=|以上)/uy, comparator: ">=", strong: true },
  { re: /(?:不超过|不高于|不多于|不大于|小于等于|小于或等于|控制在|≤|<=|以内|以下)/uy, comparator: "<=", strong: true },
  { re: new RegExp(`(?:超过|高于|多于|大于|逾|超(?=\\s*${CN_DIGIT})|>)`, "uy"), comparator: ">", strong: true },
  { re: /(?:低于|少于|小于|<)/uy, comparator: "<=", strong: true },
  { re: new RegExp(`(?:达到|突破|达(?=\\s*${CN_DIGIT}))`, "uy"), comparator: ">=", strong: false },
];

interface ComparatorHit {
  comparator: Comparator;
  strong: boolean;
  index: number;
  length: number;
}

/** Every comparator word in a normalised text, left to right, longest match at each position. */
export function findComparators(norm: string): ComparatorHit[] {
  const hits: ComparatorHit[] = [];
  let i = 0;
  while (i < norm.length) {
    let best: ComparatorHit | null = null;
    for (const rule of RULES) {
      rule.re.lastIndex = i;
      const m = rule.re.exec(norm);
      if (m && (!best || m[0].length > best.length)) {
        best = { comparator: rule.comparator, strong: rule.strong, index: i, length: m[0].length };
      }
    }
    if (best) {
      hits.push(best);
      i += best.length;
    } else {
      i += 1;
    }
  }
  return hits;
}

/**
 * The comparator a text states: 以上/达到/不少于/不低于/突破/至少/≥ → ">=", 以内/不超过/以下/≤ → "<=",
 * 超/超过/逾 → ">", and `40余期`/`100多家` → ">". Bound words win over achievement verbs
 * (`达到5个月以内` → "<="); otherwise the first one wins. Null when the text states none.
 */
export function parseComparator(text: string): Comparator | null {
  if (typeof text !== "string" || text === "") return null;
  const norm = alignedNormalise(text);
  const hits = findComparators(norm);
  const hit = hits.find((h) => h.strong) ?? hits[0];
  if (hit) return hit.comparator;
  if (findQuantities(norm).some((q) => q.over && !q.bareMultiplier)) return ">";
  return null;
}
