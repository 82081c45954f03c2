import { createRequire } from "node:module";
import { addDays, weekdayOf } from "../core/tz.ts";

/**
 * The China work calendar: statutory holidays and the official make-up workdays (调休), from the
 * maintained `chinese-days` package, overridden and extended per year by an operator calendar file
 * (DUBAN_CALENDAR_FILE, see calendar-file.ts) once the State Council publishes a year the package
 * does not have yet. Its own date helpers read dates in the process time zone, so we use only its
 * data and do calendar arithmetic on plain `YYYY-MM-DD` strings.
 */
interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** One special day: a day off (holiday) or a make-up workday, with its holiday's names. */
export interface SpecialDay {
  date: string;
  offDay: boolean;
  zh: string;
  en: string | null;
}

export type CalendarSource = "package" | "file";

interface YearData {
  source: CalendarSource;
  days: Map<string, SpecialDay>;
}

const pkg = createRequire(import.meta.url)("chinese-days/dist/chinese-days.json") as PackageData;

function packageYears(): Map<number, YearData> {
  const years = new Map<number, YearData>();
  const add = (table: Record<string, string>, offDay: boolean) => {
    for (const [date, raw] of Object.entries(table)) {
      const year = Number(date.slice(0, 4));
      if (!years.has(year)) years.set(year, { source: "package", days: new Map() });
      const [en = "", zh = ""] = raw.split(",");
      years.get(year)!.days.set(date, { date, offDay, zh: zh || en, en: en || null });
    }
  };
  add(pkg.holidays, true);
  add(pkg.workdays, false);
  return years;
}

const PACKAGE = packageYears();
let known = new Map(PACKAGE);

/**
 * Installs operator years over the package's: a year given here replaces the package's data for that
 * year entirely (a published year lists all its special days). `[]` returns to the package alone.
 */
export function installCalendarYears(years: readonly { year: number; days: readonly SpecialDay[] }[]): void {
  known = new Map(PACKAGE);
  for (const y of years) known.set(y.year, { source: "file", days: new Map(y.days.map((d) => [d.date, d])) });
}

/** The years known (package or operator file), ascending. */
export function calendarYears(): number[] {
  return [...known.keys()].sort((a, b) => a - b);
}

export function calendarYearInfo(year: number): { source: CalendarSource; days: SpecialDay[] } | null {
  const y = known.get(year);
  return y ? { source: y.source, days: [...y.days.values()].sort((a, b) => a.date.localeCompare(b.date)) } : null;
}

/** The latest year known; later dates fall back to Monday–Friday. */
export function lastCalendarYear(): number {
  return Math.max(...known.keys());
}

export type DayKind = "workday" | "makeup" | "holiday" | "weekend";

const special = (date: string) => known.get(Number(date.slice(0, 4)))?.days.get(date);

export function dayKind(date: string): DayKind {
  const s = special(date);
  if (s) return s.offDay ? "holiday" : "makeup";
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
  const s = special(date);
  if (!s) return null;
  return language === "zh" ? s.zh : (s.en ?? s.zh);
}

/** False for years nobody has published to Duban yet (update chinese-days or DUBAN_CALENDAR_FILE). */
export function calendarCovers(date: string): boolean {
  return known.has(Number(date.slice(0, 4)));
}

/** The first year from `from` through `to` (YYYY-MM-DD) that the calendar does not know, or null. */
export function unpublishedYear(from: string, to: string): number | null {
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!known.has(y)) return y;
  return null;
}
