import { child, childVal, elements, type XmlElement } from "./xml.ts";

/** One level of a Word list definition (`w:abstractNum/w:lvl`). */
interface Level {
  start: number;
  format: string;
  text: string | null;
  /** Restart after a higher level (Word's default); false when `w:lvlRestart` is 0. */
  restarts: boolean;
  legal: boolean;
}

const DIGITS = "〇一二三四五六七八九";
const LEGAL = "零壹贰叁肆伍陆柒捌玖";
const STEMS = "甲乙丙丁戊己庚辛壬癸";
const BRANCHES = "子丑寅卯辰巳午未申酉戌亥";

function spelled(n: number, digits: string, ten: string, hundred: string, leadingOne = false): string {
  if (n <= 0) return String(n);
  if (n >= 1000) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let out = h ? digits[h]! + hundred : "";
  if (t) out += (t === 1 && !h && !leadingOne ? "" : digits[t]!) + ten;
  else if (h && u) out += digits[0]!;
  if (u) out += digits[u]!;
  return out;
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let out = "";
  for (const [v, s] of table) for (; n >= v; n -= v) out += s;
  return out;
}

function letters(n: number): string {
  const ch = String.fromCharCode(65 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

/** Renders a counter in a `w:numFmt` style, as Word displays it. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case "chineseCounting":
    case "chineseCountingThousand":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
    case "japaneseCounting":
      return spelled(n, DIGITS, "十", "百");
    case "chineseLegalSimplified":
      return spelled(n, LEGAL, "拾", "佰", true);
    case "ideographDigital":
    case "taiwaneseDigital":
    case "japaneseDigitalTenThousand":
      return [...String(n)].map((d) => DIGITS[Number(d)]).join("");
    case "ideographTraditional":
      return n >= 1 && n <= 10 ? STEMS[n - 1]! : String(n);
    case "ideographZodiac":
      return n >= 1 && n <= 12 ? BRANCHES[n - 1]! : String(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : `(${n})`;
    case "decimalEnclosedParen":
      return `(${n})`;
    case "decimalEnclosedFullstop":
      return `${n}.`;
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join("");
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "upperRoman":
      return roman(n);
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "upperLetter":
      return letters(n);
    case "lowerLetter":
      return letters(n).toLowerCase();
    case "none":
    case "bullet":
      return "";
    default:
      return String(n);
  }
}

function readLevel(lvl: XmlElement): Level {
  const start = Number(childVal(lvl, "start") ?? "1");
  const text = child(lvl, "lvlText")?.attrs.val ?? null;
  return {
    start: Number.isFinite(start) ? start : 1,
    format: childVal(lvl, "numFmt") ?? "decimal",
    text,
    restarts: childVal(lvl, "lvlRestart") !== "0",
    legal: child(lvl, "isLgl") !== undefined && childVal(lvl, "isLgl") !== "0",
  };
}

interface ListDef {
  abstractId: string;
  levels: Map<number, Level>;
  startOverrides: Map<number, number>;
}

/**
 * Word's automatic numbering (word/numbering.xml): gives each numbered paragraph the label Word
 * shows (`一、`, `（二）`, `3.`), keeping counters per list with restarts after higher levels.
 */
export class Numbering {
  private readonly lists = new Map<string, ListDef>();
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly started = new Set<string>();

  constructor(root: XmlElement | null, styleNum: (styleId: string) => string | undefined = () => undefined) {
    if (!root) return;
    const abstracts = new Map<string, XmlElement>();
    for (const a of elements(root, "abstractNum")) abstracts.set(a.attrs.abstractNumId ?? "", a);
    for (const num of elements(root, "num")) {
      const numId = num.attrs.numId ?? "";
      let abstractId = childVal(num, "abstractNumId") ?? "";
      let abstract = abstracts.get(abstractId);
      // A list that points to a numbering style takes its levels from that style's list.
      const link = abstract ? childVal(abstract, "numStyleLink") : undefined;
      if (link) {
        const linked = styleNum(link);
        const target = linked ? elements(root, "num").find((n) => n.attrs.numId === linked) : undefined;
        const targetAbstract = target ? childVal(target, "abstractNumId") : undefined;
        if (targetAbstract && abstracts.has(targetAbstract)) {
          abstractId = targetAbstract;
          abstract = abstracts.get(targetAbstract);
        }
      }
      const levels = new Map<number, Level>();
      for (const lvl of abstract ? elements(abstract, "lvl") : []) levels.set(Number(lvl.attrs.ilvl ?? "0"), readLevel(lvl));
      const startOverrides = new Map<number, number>();
      for (const o of elements(num, "lvlOverride")) {
        const ilvl = Number(o.attrs.ilvl ?? "0");
        const full = child(o, "lvl");
        if (full) levels.set(ilvl, readLevel(full));
        const start = childVal(o, "startOverride");
        if (start !== undefined) startOverrides.set(ilvl, Number(start));
      }
      this.lists.set(numId, { abstractId, levels, startOverrides });
    }
  }

  /** The label of the next paragraph numbered (numId, ilvl); null when the list shows nothing. */
  next(numId: string, ilvl: number): string | null {
    const list = this.lists.get(numId);
    if (!list) return null;
    const level = list.levels.get(ilvl);
    if (!level) return null;
    const counters = this.counters.get(list.abstractId) ?? [];
    this.counters.set(list.abstractId, counters);
    if (!this.started.has(numId)) {
      this.started.add(numId);
      for (const [l, start] of list.startOverrides) counters[l] = start - 1;
    }
    counters[ilvl] = counters[ilvl] === undefined ? level.start : counters[ilvl]! + 1;
    for (let deeper = ilvl + 1; deeper < 9; deeper++) {
      if (list.levels.get(deeper)?.restarts !== false) counters[deeper] = undefined;
    }
    if (level.format === "bullet" || level.text === null) return null;
    const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const lv = list.levels.get(l);
      const value = counters[l] ?? lv?.start ?? 1;
      return formatNumber(value, level.legal ? "decimal" : (lv?.format ?? "decimal"));
    });
    return label.trim() === "" ? null : label;
  }
}
