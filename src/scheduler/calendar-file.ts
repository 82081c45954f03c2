import fs from "node:fs";
import { z } from "zod";
import type { LogSink } from "../core/command.ts";
import { localDate } from "../core/tz.ts";
import { calendarYears, installCalendarYears, lastCalendarYear, unpublishedYear, type SpecialDay } from "./calendar.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The holiday-cn JSON shape (github.com/NateScarlet/holiday-cn): one year per object. */
const yearSchema = z.object({
  year: z.number().int().min(2000).max(2200),
  days: z.array(
    z.object({
      name: z.string().min(1),
      date: z.string().regex(DATE, "dates look like 2027-10-01"),
      isOffDay: z.boolean(),
    }),
  ),
});

export interface CalendarYear {
  year: number;
  days: SpecialDay[];
}

export class CalendarFileError extends Error {}

/**
 * Reads an operator calendar file: one holiday-cn year object, or an array of them. Every problem
 * is reported with where it is, so an operator can fix the file; nothing is half-loaded.
 */
export function readCalendarFile(file: string): CalendarYear[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new CalendarFileError(`DUBAN_CALENDAR_FILE ${file}: ${(err as Error).message}`);
  }
  const parsed = z.union([yearSchema, z.array(yearSchema).min(1)]).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CalendarFileError(
      `DUBAN_CALENDAR_FILE ${file}: not the holiday-cn shape {"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]} (${issue.path.join(".") || "top level"}: ${issue.message})`,
    );
  }
  const years = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const seen = new Set<number>();
  return years.map((y) => {
    if (seen.has(y.year)) throw new CalendarFileError(`DUBAN_CALENDAR_FILE ${file}: year ${y.year} appears twice`);
    seen.add(y.year);
    const days = new Map<string, SpecialDay>();
    for (const d of y.days) {
      if (Number(d.date.slice(0, 4)) !== y.year) throw new CalendarFileError(`DUBAN_CALENDAR_FILE ${file}: ${d.date} is not in year ${y.year}`);
      const parsedDate = new Date(`${d.date}T00:00:00Z`);
      if (Number.isNaN(parsedDate.getTime()) || parsedDate.toISOString().slice(0, 10) !== d.date) throw new CalendarFileError(`DUBAN_CALENDAR_FILE ${file}: ${d.date} is not a date`);
      if (days.has(d.date)) throw new CalendarFileError(`DUBAN_CALENDAR_FILE ${file}: ${d.date} appears twice`);
      days.set(d.date, { date: d.date, offDay: d.isOffDay, zh: d.name, en: null });
    }
    return { year: y.year, days: [...days.values()] };
  });
}

/** Days ahead in which an unpublished year is worth a warning (the digest commands use the same). */
const LOOKAHEAD_DAYS = 60;

/**
 * At start: installs the operator calendar file when one is configured (a bad file stops the start
 * with the reason), and warns in the log when the coming weeks reach a year nobody has published.
 */
export function loadWorkCalendar(file: string | undefined, log: LogSink, now: Date, timezone: string): void {
  if (file) {
    const years = readCalendarFile(file);
    installCalendarYears(years);
    log.info({ file, years: years.map((y) => y.year) }, "operator calendar loaded");
  }
  const to = localDate(new Date(now.getTime() + LOOKAHEAD_DAYS * 86_400_000), timezone);
  const year = unpublishedYear(localDate(now, timezone), to);
  if (year !== null) {
    log.warn(
      { year, knownUntil: lastCalendarYear(), knownYears: calendarYears().length },
      "the work calendar does not know the coming weeks' year: digests count Monday–Friday only; update chinese-days or set DUBAN_CALENDAR_FILE",
    );
  }
}
