import { dayKind, isWorkday, nextWorkday } from "./calendar.ts";
import { parseCron, type CronSpec } from "./cron.ts";
import { addDays, localDate, localDateTime, parseDate, zonedInstant } from "../core/tz.ts";

/** When a schedule fires: its cron in its time zone, optionally on China workdays only. */
export interface ScheduleTiming {
  cron: string;
  timezone: string;
  /** Skip statutory holidays and weekends (a due run moves to the next workday), run on make-up workdays. */
  workdaysOnly: boolean;
}

export interface Occurrence {
  at: Date;
  /** The cron time it was moved from (a holiday or weekend), or null. */
  shiftedFrom: Date | null;
}

/**
 * One period of a schedule: the run due at `dueAt` reports on [coversFrom, dueAt) and may be
 * sent until `expiresAt` (the next occurrence); after that it is missed.
 */
export interface Period {
  key: string;
  dueAt: Date;
  coversFrom: Date;
  expiresAt: Date;
  shiftedFrom: Date | null;
}

const DAY = 86_400_000;
/** Longer than any run of non-workdays in the calendar (10 days so far). */
const SHIFT_MARGIN_DAYS = 31;

function candidates(spec: CronSpec, timing: ScheduleTiming, fromDate: string, toDate: string) {
  const out: { at: Date; shiftTo: Date | null }[] = [];
  for (let date = fromDate; date <= toDate; date = addDays(date, 1)) {
    const makeup = timing.workdaysOnly && spec.everyWeekday && dayKind(date) === "makeup";
    if (!spec.firesOn(date) && !makeup) continue;
    const shift = timing.workdaysOnly && !isWorkday(date);
    const { year, month, day } = parseDate(date);
    const target = shift ? parseDate(nextWorkday(date)) : null;
    for (const [hour, minute] of spec.times) {
      const at = zonedInstant({ year, month, day, hour, minute }, timing.timezone);
      const shiftTo = target ? zonedInstant({ ...target, hour, minute }, timing.timezone) : null;
      out.push({ at, shiftTo });
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * Effective occurrences in [from, to). With workdaysOnly, a cron time on a holiday or weekend
 * moves to the next workday at the same wall time — unless the schedule fires anyway at or
 * before that moment, in which case it folds into that run (never two runs for one day's work).
 * A "working days" cron (every Monday–Friday) also fires on make-up workdays.
 */
export function occurrencesBetween(timing: ScheduleTiming, from: Date, to: Date, spec = parseCron(timing.cron)): Occurrence[] {
  const margin = timing.workdaysOnly ? SHIFT_MARGIN_DAYS : 1;
  const list = candidates(spec, timing, localDate(new Date(from.getTime() - margin * DAY), timing.timezone), localDate(new Date(to.getTime() + margin * DAY), timing.timezone));
  const effective = (i: number) => list[i]!.shiftTo ?? list[i]!.at;
  const out = new Map<number, Occurrence>();
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const at = effective(i);
    if (c.shiftTo) {
      let folded = false;
      for (let j = i + 1; j < list.length && list[j]!.at.getTime() <= at.getTime(); j++) {
        if (effective(j).getTime() <= at.getTime()) folded = true;
      }
      if (folded) continue;
    }
    if (at >= from && at < to && !out.has(at.getTime())) out.set(at.getTime(), { at, shiftedFrom: c.shiftTo ? c.at : null });
  }
  return [...out.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

const SPANS_DAYS = [40, 130, 400, 1500, 3000];

function periodFrom(timing: ScheduleTiming, prev: Occurrence, cur: Occurrence, next: Occurrence): Period {
  return { key: localDateTime(cur.at, timing.timezone), dueAt: cur.at, coversFrom: prev.at, expiresAt: next.at, shiftedFrom: cur.shiftedFrom };
}

/** The period whose run is due at or before `now` and not yet superseded; null if the cron never fires. */
export function currentPeriod(timing: ScheduleTiming, now: Date): Period | null {
  const spec = parseCron(timing.cron);
  for (const span of SPANS_DAYS) {
    const occ = occurrencesBetween(timing, new Date(now.getTime() - span * DAY), new Date(now.getTime() + span * DAY), spec);
    let k = -1;
    while (k + 1 < occ.length && occ[k + 1]!.at <= now) k++;
    if (k >= 1 && k + 1 < occ.length) return periodFrom(timing, occ[k - 1]!, occ[k]!, occ[k + 1]!);
  }
  return null;
}

/** Every period due in [from, to], oldest first (for recording runs missed while the bot was down). */
export function periodsDueBetween(timing: ScheduleTiming, from: Date, to: Date): Period[] {
  const spec = parseCron(timing.cron);
  const span = 400 * DAY;
  const occ = occurrencesBetween(timing, new Date(from.getTime() - span), new Date(to.getTime() + span), spec);
  const out: Period[] = [];
  for (let k = 1; k + 1 < occ.length; k++) {
    if (occ[k]!.at >= from && occ[k]!.at <= to) out.push(periodFrom(timing, occ[k - 1]!, occ[k]!, occ[k + 1]!));
  }
  return out;
}

/** The next effective occurrence after `after`, or null when the cron never fires. */
export function nextOccurrence(timing: ScheduleTiming, after: Date): Occurrence | null {
  const spec = parseCron(timing.cron);
  for (const span of SPANS_DAYS) {
    const occ = occurrencesBetween(timing, new Date(after.getTime() + 1), new Date(after.getTime() + span * DAY), spec);
    if (occ.length) return occ[0]!;
  }
  return null;
}
