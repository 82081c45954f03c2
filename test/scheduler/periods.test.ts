import { describe, expect, it } from "vitest";
import { dayKind, lastCalendarYear, isWorkday, nextWorkday } from "../../src/scheduler/calendar.ts";
import { CronError, parseCron } from "../../src/scheduler/cron.ts";
import { currentPeriod, nextOccurrence, occurrencesBetween, periodsDueBetween } from "../../src/scheduler/periods.ts";
import { localDateTime } from "../../src/core/tz.ts";

const SH = "Asia/Shanghai";
const local = (dates: { at: Date }[], tz = SH) => dates.map((o) => localDateTime(o.at, tz));
const between = (cron: string, from: string, to: string, workdaysOnly = true, tz = SH) =>
  local(occurrencesBetween({ cron, timezone: tz, workdaysOnly }, new Date(from), new Date(to)), tz);

describe("China work calendar (chinese-days data)", () => {
  it("knows 2026's National Day, its make-up Saturday and the Spring Festival", () => {
    expect(dayKind("2026-10-01")).toBe("holiday");
    expect(dayKind("2026-10-10")).toBe("makeup");
    expect(isWorkday("2026-10-10")).toBe(true);
    expect(isWorkday("2026-10-11")).toBe(false);
    expect(nextWorkday("2026-09-30")).toBe("2026-10-08");
    expect(nextWorkday("2026-02-13")).toBe("2026-02-14");
    expect(isWorkday("2026-02-16")).toBe(false);
    expect(lastCalendarYear()).toBeGreaterThanOrEqual(2026);
  });
});

describe("cron expressions", () => {
  it("accepts five-field node-cron syntax with names, L and nth weekday", () => {
    expect(parseCron("0 9 * * mon").firesOn("2026-11-16")).toBe(true);
    expect(parseCron("0 9 L * *").firesOn("2026-02-28")).toBe(true);
    expect(parseCron("0 9 L * *").firesOn("2026-02-27")).toBe(false);
    expect(parseCron("0 9 * * 5#2").firesOn("2026-11-13")).toBe(true);
    expect(parseCron("0 9 * * 5#2").firesOn("2026-11-06")).toBe(false);
    expect(parseCron("30 8,17 * * 1-5").times).toEqual([[8, 30], [17, 30]]);
  });

  it("refuses garbage, seconds, W and anything firing more than 24 times a day", () => {
    const problem = (e: string) => {
      try {
        parseCron(e);
        return "ok";
      } catch (err) {
        return (err as CronError).problem;
      }
    };
    expect(problem("every monday")).toBe("syntax");
    expect(problem("*/10 * 9 * * 1")).toBe("seconds");
    expect(problem("0 9 15W * *")).toBe("unsupported");
    expect(problem("*/5 * * * *")).toBe("too_frequent");
  });
});

describe("effective occurrences and periods", () => {
  it("a weekly run due on a holiday moves to the next workday at the same time", () => {
    expect(between("0 9 * * 1", "2026-09-27T00:00Z", "2026-10-20T00:00Z")).toEqual([
      "2026-09-28T09:00",
      "2026-10-08T09:00",
      "2026-10-12T09:00",
      "2026-10-19T09:00",
    ]);
    const shifted = currentPeriod({ cron: "0 9 * * 1", timezone: SH, workdaysOnly: true }, new Date("2026-10-09T00:00Z"))!;
    expect(localDateTime(shifted.shiftedFrom!, SH)).toBe("2026-10-05T09:00");
    expect(localDateTime(shifted.coversFrom, SH)).toBe("2026-09-28T09:00");
    expect(localDateTime(shifted.expiresAt, SH)).toBe("2026-10-12T09:00");
  });

  it("a working-days schedule skips holidays without doubling up and runs on make-up Saturdays", () => {
    expect(between("0 9 * * 1-5", "2026-09-29T00:00Z", "2026-10-13T00:00Z")).toEqual([
      "2026-09-29T09:00",
      "2026-09-30T09:00",
      "2026-10-08T09:00",
      "2026-10-09T09:00",
      "2026-10-10T09:00",
      "2026-10-12T09:00",
    ]);
    // Daily at 9 with the calendar: weekend and holiday runs fold into the next workday's own run.
    expect(between("0 9 * * *", "2026-09-29T00:00Z", "2026-10-13T00:00Z")).toEqual(between("0 9 * * 1-5", "2026-09-29T00:00Z", "2026-10-13T00:00Z"));
  });

  it("a holiday run folds into the schedule's own run on the next workday", () => {
    // Mondays and Thursdays: Thu 1 Oct and Mon 5 Oct would both move to Thu 8 Oct, which runs anyway.
    expect(between("0 9 * * 1,4", "2026-09-29T00:00Z", "2026-10-13T00:00Z")).toEqual(["2026-10-08T09:00", "2026-10-12T09:00"]);
    // Mid-Autumn Festival: Friday 25 Sep moves to Monday 28 Sep.
    expect(between("0 17 * * 5", "2026-09-20T00:00Z", "2026-10-03T00:00Z")).toEqual(["2026-09-28T17:00"]);
  });

  it("without the calendar, holidays are ordinary days", () => {
    expect(between("0 9 * * 1", "2026-10-04T00:00Z", "2026-10-06T00:00Z", false)).toEqual(["2026-10-05T09:00"]);
  });

  it("honours the schedule's time zone", () => {
    const p = currentPeriod({ cron: "0 9 * * 1", timezone: "America/New_York", workdaysOnly: false }, new Date("2026-11-16T15:00Z"))!;
    expect(p.dueAt.toISOString()).toBe("2026-11-16T14:00:00.000Z");
    expect(p.key).toBe("2026-11-16T09:00");
  });

  it("lists past periods for missed-run bookkeeping and finds sparse next runs", () => {
    const periods = periodsDueBetween({ cron: "0 9 * * 1", timezone: SH, workdaysOnly: true }, new Date("2026-11-01T00:00Z"), new Date("2026-11-18T00:00Z"));
    expect(periods.map((p) => p.key)).toEqual(["2026-11-02T09:00", "2026-11-09T09:00", "2026-11-16T09:00"]);
    expect(nextOccurrence({ cron: "0 9 29 2 *", timezone: "UTC", workdaysOnly: false }, new Date("2026-11-20T00:00Z"))!.at.toISOString()).toBe("2028-02-29T09:00:00.000Z");
    expect(() => parseCron("0 9 31 2 *")).toThrow(CronError);
  });
});
