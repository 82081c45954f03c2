import type { Locale } from "./i18n/index.ts";
import { localDate } from "./tz.ts";

const INTL_LOCALE: Record<Locale, string> = { "zh-CN": "zh-CN", "zh-TW": "zh-TW", en: "en-GB" };

/** Formatters are costly to build (a confirmation card formats one time each): kept per zone, locale and form. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** `11月20日 10:00` / `20 Nov 10:00` in the given zone; the year only when it is not the current one. */
export function formatDateTime(date: Date, timeZone: string, locale: Locale, now: Date = new Date()): string {
  const sameYear = localDate(date, timeZone).slice(0, 4) === localDate(now, timeZone).slice(0, 4);
  const key = `${timeZone}|${locale}|${sameYear}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      timeZone,
      year: sameYear ? undefined : "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    });
    formatters.set(key, format);
  }
  return format.format(date);
}
