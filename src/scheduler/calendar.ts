import { createRequire } from "node:module";
import { addDays, weekdayOf } from "../core/tz.ts";

/**
 * The China work calendar from the maintained `chinese-days` package: statutory holidays and
 * the official make-up workdays (调休). Its own date helpers read dates in the process time zone,
 * so we use only its data and do calendar arithmetic on plain `YYYY-MM-DD` strings.
 */
interface CalendarData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const data = createRequire(import.meta.url)("chinese-days/dist/chinese-days.json") as CalendarData;

const years = Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)));

/** The years the installed data covers; later dates fall back to Monday–Friday. */
export const CALENDAR_YEARS = { first: Math.min(...years), last: Math.max(...years) } as const;

export type DayKind = "workday" | "makeup" | "holiday" | "weekend";

export function dayKind(date: string): DayKind {
  if (data.workdays[date]) return "makeup";
  if (data.holidays[date]) return "holiday";
  const wd = weekdayOf(date);
  return wd === 0 || wd === 6 ? "weekend" : "workday";
}

export function isWorkday(date: string): boolean {
  const kind = dayKind(date);
  return kind === "workday" || kind === "makeup";
}

/** The first workday strictly after `date`. */
export function nextWorkday(date: string): string {
  let d = addDays(date, 1);
  while (!isWorkday(d)) d = addDays(d, 1);
  return d;
}

/** The holiday's name in Chinese (`国庆节`) or English, or null on ordinary days. */
export function holidayName(date: string, language: "zh" | "en"): string | null {
  const raw = data.holidays[date] ?? data.workdays[date];
  if (!raw) return null;
  const [en, zh] = raw.split(",");
  return (language === "zh" ? zh : en) ?? null;
}

/** False for years the installed calendar data does not know yet (update chinese-days). */
export function calendarCovers(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return year >= CALENDAR_YEARS.first && year <= CALENDAR_YEARS.last;
}
