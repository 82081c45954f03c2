import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../src/core/command.ts";
import { readCalendarFile, loadWorkCalendar, CalendarFileError } from "../../src/scheduler/calendar-file.ts";
import { calendarCovers, dayKind, installCalendarYears, lastCalendarYear, nextWorkday } from "../../src/scheduler/calendar.ts";
import { nextOccurrence } from "../../src/scheduler/periods.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { captureLog, chat, testDispatcher, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

/** 2027 as holiday-cn publishes a year (a made-up schedule: only the shape matters). */
const YEAR_2027 = {
  $schema: "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json",
  year: 2027,
  papers: [],
  days: [
    { name: "元旦", date: "2027-01-01", isOffDay: true },
    { name: "春节", date: "2027-02-06", isOffDay: true },
    { name: "春节", date: "2027-02-07", isOffDay: true },
    { name: "春节", date: "2027-02-08", isOffDay: true },
    { name: "春节", date: "2027-02-09", isOffDay: true },
    { name: "春节", date: "2027-02-13", isOffDay: false },
    { name: "国庆节", date: "2027-10-01", isOffDay: true },
  ],
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duban-cal-"));
const write = (name: string, content: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
};

afterEach(() => installCalendarYears([]));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("operator calendar file (DUBAN_CALENDAR_FILE)", () => {
  it("extends the package with a year it does not have: holidays, make-up days and digests follow it", () => {
    expect(calendarCovers("2027-02-08")).toBe(false);
    expect(dayKind("2027-02-08")).toBe("workday"); // a Monday, unknown: Monday–Friday only
    installCalendarYears(readCalendarFile(write("2027.json", YEAR_2027)));
    expect(calendarCovers("2027-02-08")).toBe(true);
    expect(lastCalendarYear()).toBe(2027);
    expect(dayKind("2027-02-08")).toBe("holiday");
    expect(dayKind("2027-02-13")).toBe("makeup");
    expect(nextWorkday("2027-02-05")).toBe("2027-02-10");
    // A Monday digest due on 2027-02-08 (Spring Festival) moves to the next workday.
    const next = nextOccurrence({ cron: "0 9 * * 1", timezone: "Asia/Shanghai", workdaysOnly: true }, new Date("2027-02-03T00:00:00Z"));
    expect(next!.at.toISOString()).toBe("2027-02-10T01:00:00.000Z");
  });

  it("overrides a year the package has: the file's year replaces it entirely", () => {
    expect(dayKind("2026-10-01")).toBe("holiday");
    installCalendarYears(readCalendarFile(write("2026.json", [{ year: 2026, days: [{ name: "测试", date: "2026-10-09", isOffDay: true }] }])));
    expect(dayKind("2026-10-01")).toBe("workday");
    expect(dayKind("2026-10-09")).toBe("holiday");
    expect(dayKind("2025-10-01")).toBe("holiday"); // other years keep the package's data
  });

  it("refuses a file that is not the holiday-cn shape, saying where", () => {
    const cases: [unknown, RegExp][] = [
      ["{not json", /JSON/],
      [{ year: 2027 }, /days/],
      [{ year: 2027, days: [{ name: "元旦", date: "2027/01/01", isOffDay: true }] }, /2027-10-01/],
      [{ year: 2027, days: [{ name: "元旦", date: "2028-01-01", isOffDay: true }] }, /not in year 2027/],
      [{ year: 2027, days: [{ name: "元旦", date: "2027-02-30", isOffDay: true }] }, /not a date/],
      [{ year: 2027, days: [{ name: "元旦", date: "2027-01-01", isOffDay: "yes" }] }, /isOffDay/],
      [[YEAR_2027, YEAR_2027], /appears twice/],
    ];
    for (const [content, message] of cases) {
      expect(() => readCalendarFile(write("bad.json", content))).toThrow(CalendarFileError);
      expect(() => readCalendarFile(write("bad.json", content))).toThrow(message);
    }
    expect(() => readCalendarFile(path.join(dir, "missing.json"))).toThrow(/missing\.json/);
  });

  it("warns in the log at start while the coming weeks fall in an unpublished year, not once it is known", () => {
    const late = new Date("2026-11-29T02:00:00Z");
    const before = captureLog();
    loadWorkCalendar(undefined, before.log, late, "Asia/Shanghai");
    expect(before.lines.find((l) => l.level === "warn")?.obj).toMatchObject({ year: 2027, knownUntil: 2026 });
    const after = captureLog();
    loadWorkCalendar(write("2027.json", YEAR_2027), after.log, late, "Asia/Shanghai");
    expect(after.lines.filter((l) => l.level === "warn")).toEqual([]);
    expect(after.lines.find((l) => l.msg === "operator calendar loaded")?.obj).toMatchObject({ years: [2027] });
  });
});

describe("/calendar and the /digest status warning", () => {
  let t: TestDatabase;
  let services: Services;
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    const { planId } = await savePlan(t.db.prisma, samplePlan(), { name: "s.txt", hash: "s" });
    services = testServices(t.db).services;
    await services.store.updateChannel("console", "cal", { planId });
  });
  afterAll(async () => t?.cleanup());

  it("shows a known year, says when a year is unknown, and /digest status warns until the year is published", async () => {
    const say = chat(testDispatcher(services), { channelId: "cal" });
    const admin = chat(testDispatcher(services), { channelId: "cal", userId: "admin" });
    const y2026 = await say("/calendar");
    expect(y2026).toContain("2026 年节假日安排");
    expect(y2026).toContain("国庆节：放假 2026-10-01–10-07");
    expect(y2026).toContain("国庆节：调休上班 2026-09-20、2026-10-10");
    expect(y2026).toContain("来源：chinese-days 软件包");

    expect(await say("/日历 2027")).toContain("2027 年的节假日安排还没有数据");
    await admin("/digest schedule");
    expect(await say("/digest status")).toContain("注意：2027 年的节假日安排还没有数据（已知到 2026 年）");

    installCalendarYears(readCalendarFile(write("2027.json", YEAR_2027)));
    const y2027 = await say("/calendar 2027");
    expect(y2027).toContain("春节：放假 2027-02-06–02-09");
    expect(y2027).toContain("春节：调休上班 2027-02-13");
    expect(y2027).toContain("来源：运营方日历文件（DUBAN_CALENDAR_FILE）");
    expect(y2027).toMatch(/已知年份：\d{4}–2027/);
    expect(await say("/digest status")).not.toContain("注意：");
    expect(await say("/calendar 12")).toContain("用法");
  });
});
