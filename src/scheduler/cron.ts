import { parse as parseCronFields, validate as validateCron } from "node-cron";
import { daysInMonth, parseDate, weekdayOf } from "../core/tz.ts";

/** Why a cron expression is refused, for a localised message. */
export type CronProblem = "syntax" | "seconds" | "too_frequent" | "unsupported";

export class CronError extends Error {
  constructor(
    readonly problem: CronProblem,
    readonly expression: string,
  ) {
    super(`cron "${expression}": ${problem}`);
    this.name = "CronError";
  }
}

/** A parsed cron expression (node-cron syntax, minute resolution, AND of all fields like node-cron). */
export interface CronSpec {
  expression: string;
  /** Firing times of a firing day, ascending, as [hour, minute]. */
  times: [number, number][];
  /** True when the day (YYYY-MM-DD) matches the day-of-month, month and day-of-week fields. */
  firesOn(date: string): boolean;
  /** The day fields fire on every Monday–Friday (a "working days" schedule). */
  everyWeekday: boolean;
}

/** At most this many posts a day: a digest is not a chat. */
export const MAX_TIMES_PER_DAY = 24;

type DayToken = number | string;

function dayOfMonthMatches(tokens: DayToken[], year: number, month: number, day: number): boolean {
  const last = daysInMonth(year, month);
  return tokens.some((t) => (t === "L" ? day === last : t === day));
}

function dayOfWeekMatches(tokens: DayToken[], year: number, month: number, day: number, weekday: number): boolean {
  const last = daysInMonth(year, month);
  return tokens.some((t) => {
    if (typeof t === "number") return t % 7 === weekday;
    const nth = /^(\d)#(\d)$/.exec(t);
    if (nth) return Number(nth[1]) % 7 === weekday && Math.ceil(day / 7) === Number(nth[2]);
    const lastOf = /^(\d)L$/.exec(t);
    if (lastOf) return Number(lastOf[1]) % 7 === weekday && day + 7 > last;
    return false;
  });
}

/** Parses and checks a cron expression; throws {@link CronError}. */
export function parseCron(expression: string): CronSpec {
  const expr = expression.trim().replace(/\s+/g, " ");
  let fields: ReturnType<typeof parseCronFields>;
  try {
    if (!validateCron(expr)) throw new Error("invalid");
    fields = parseCronFields(expr);
  } catch {
    throw new CronError("syntax", expr);
  }
  if (fields.second.length !== 1 || fields.second[0] !== 0) throw new CronError("seconds", expr);
  const known = (t: DayToken) => typeof t === "number" || t === "L" || /^\d(#\d|L)$/.test(t);
  if (!fields.dayOfMonth.every(known) || !fields.dayOfWeek.every(known)) throw new CronError("unsupported", expr);
  const times: [number, number][] = [];
  for (const h of [...fields.hour].sort((a, b) => a - b)) for (const m of [...fields.minute].sort((a, b) => a - b)) times.push([h, m]);
  if (times.length > MAX_TIMES_PER_DAY) throw new CronError("too_frequent", expr);
  const months = new Set(fields.month);
  const allDays = fields.dayOfMonth.length === 31;
  const weekdays = new Set(fields.dayOfWeek.filter((t): t is number => typeof t === "number").map((t) => t % 7));
  return {
    expression: expr,
    times,
    everyWeekday: allDays && months.size === 12 && [1, 2, 3, 4, 5].every((d) => weekdays.has(d)),
    firesOn(date) {
      const { year, month, day } = parseDate(date);
      if (!months.has(month)) return false;
      return dayOfMonthMatches(fields.dayOfMonth, year, month, day) && dayOfWeekMatches(fields.dayOfWeek, year, month, day, weekdayOf(date));
    },
  };
}
