import type { Locale } from "../i18n/index.ts";

const ZH_MAGNITUDES: Record<"zh-CN" | "zh-TW", [number, string][]> = {
  "zh-CN": [
    [1e8, "亿"],
    [1e4, "万"],
  ],
  "zh-TW": [
    [1e8, "億"],
    [1e4, "萬"],
  ],
};
const EN_MAGNITUDES: [number, string][] = [
  [1e9, " billion"],
  [1e6, " million"],
];
const EN_UNITS: Record<string, string> = { 元: "yuan" };

/** Rounds to at most `decimals` places and drops trailing zeros; tiny non-zero values keep two significant digits. */
function plain(value: number, decimals: number, grouping: boolean): string {
  const factor = 10 ** decimals;
  let rounded = Math.round(value * factor) / factor;
  if (rounded === 0 && value !== 0) rounded = Number(value.toPrecision(2));
  if (Object.is(rounded, -0)) rounded = 0;
  return rounded.toLocaleString("en-US", { useGrouping: grouping, maximumFractionDigits: 20 });
}

function scaled(value: number, magnitudes: [number, string][], decimals: number, grouping: boolean): string {
  const abs = Math.abs(value);
  for (const [size, word] of magnitudes) {
    // Compare after rounding, so 99999999.99 reads 1亿 rather than 10000万.
    if (Math.round((abs / size) * 10 ** decimals) >= 10 ** decimals) return `${plain(value / size, decimals, grouping)}${word}`;
  }
  return plain(value, 2, grouping);
}

export interface FormatOptions {
  /** A computed figure (today's pace) rather than a reported one: fewer decimals (`20.99亿元`, not `20.9973亿元`). */
  approximate?: boolean;
}

/**
 * A target value for people, in the target's base unit: `2500000000 元` → `25亿元` (zh-CN),
 * `25億元` (zh-TW), `2.5 billion yuan` (en); `130000 件` → `13万件` / `130,000 件`;
 * `9.54 件` → `9.54件`; `86 %` → `86%`. Chinese magnitudes keep up to four decimals
 * (`1.2345万件`), so a reported figure is never rounded away; plain numbers keep two.
 * Percentages are never scaled. Never throws; a non-finite value prints as `—`.
 */
export function formatTargetValue(value: number, unit: string, locale: Locale, options: FormatOptions = {}): string {
  if (!Number.isFinite(value)) return "—";
  const percent = unit === "%";
  const { approximate = false } = options;
  if (locale === "en") {
    const number = percent ? plain(value, approximate ? 1 : 2, true) : scaled(value, EN_MAGNITUDES, approximate ? 2 : 3, true);
    if (percent || unit === "") return `${number}${unit}`;
    return `${number} ${EN_UNITS[unit] ?? unit}`;
  }
  const number = percent ? plain(value, approximate ? 1 : 2, false) : scaled(value, ZH_MAGNITUDES[locale], approximate ? 2 : 4, false);
  return `${number}${unit}`;
}

/**
 * A value as someone would type it in a report (`22亿元`, `5.5万件`, `90%`): the zh-CN form,
 * which the update recogniser reads in every language.
 */
export function formatTargetInput(value: number, unit: string): string {
  return formatTargetValue(value, unit, "zh-CN");
}

/**
 * A growth or reduction percentage relative to the base year: growth `+20%`, reduction `−15%`
 * (a reported reduction of 15 means 15% below the base year; a negative one reads `+3%`).
 * Other kinds print as {@link formatTargetValue}.
 */
export function formatKindValue(value: number, unit: string, kind: string, locale: Locale, options: FormatOptions = {}): string {
  if (kind !== "growth" && kind !== "reduction") return formatTargetValue(value, unit, locale, options);
  const change = kind === "reduction" ? -value : value;
  const text = formatTargetValue(Math.abs(change), unit, locale, options);
  if (text === "—" || change === 0) return text;
  return `${change > 0 ? "+" : "−"}${text}`;
}
