import type { Locale } from "./i18n/index.ts";

const INTL_LOCALE: Record<Locale, string> = { "zh-CN": "zh-CN", "zh-TW": "zh-TW", en: "en-GB" };

/** `11月20日 10:00` / `20 Nov 10:00` in the given zone; the year only when it is not the current one. */
export function formatDateTime(date: Date, timeZone: string, locale: Locale, now: Date = new Date()): string {
  const sameYear = localDate(date, timeZone).slice(0, 4) === localDate(now, timeZone).slice(0, 4);
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone,
    year: sameYear ? undefined : "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(date);
}

/** YYYY-MM-DD of an instant in a zone. */
export function localDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

/** Whole days from `from` to `to` by calendar date in the zone (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date, timeZone: string): number {
  const a = Date.parse(`${localDate(from, timeZone)}T00:00:00Z`);
  const b = Date.parse(`${localDate(to, timeZone)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}
