import { describe, expect, it } from "vitest";
import { isValidTimeZone, localDateTime, zonedInstant, zonedParts } from "../../src/core/tz.ts";

/** The reading ICU gives (what zonedParts computed for every zone before Asia/Shanghai's own path). */
const icu = new Map<string, Intl.DateTimeFormat>();
function icuParts(instant: Date, timeZone: string) {
  if (!icu.has(timeZone)) icu.set(timeZone, new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }));
  const f = icu.get(timeZone)!;
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(instant)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return { year: out.year, month: out.month, day: out.day, hour: out.hour! % 24, minute: out.minute, second: out.second };
}

describe("Asia/Shanghai wall-clock readings", () => {
  it("match ICU's from 1992 on, across days, months, years and leap days", () => {
    const instants = [Date.UTC(1992, 0, 1), Date.UTC(2024, 1, 28, 16, 0, 0), Date.UTC(2024, 1, 29, 15, 59, 59, 999), Date.UTC(2026, 11, 31, 16, 0, 0), Date.UTC(2099, 11, 31, 23, 59, 59)];
    for (let t = Date.UTC(1992, 0, 1); t < Date.UTC(2060, 0, 1); t += 7 * 86_400_000 + 3_599_999) instants.push(t);
    for (const t of instants) expect(zonedParts(new Date(t), "Asia/Shanghai"), new Date(t).toISOString()).toEqual(icuParts(new Date(t), "Asia/Shanghai"));
  });

  it("keep the daylight-saving hour of 1986-1991 (UTC+9 in summer)", () => {
    const summer1988 = new Date(Date.UTC(1988, 6, 1, 12, 0, 0));
    expect(localDateTime(summer1988, "Asia/Shanghai")).toBe("1988-07-01T21:00");
    expect(zonedParts(summer1988, "Asia/Shanghai")).toEqual(icuParts(summer1988, "Asia/Shanghai"));
  });

  it("turn a Beijing wall-clock time into its instant", () => {
    expect(zonedInstant({ year: 2026, month: 1, day: 1, hour: 9, minute: 0 }, "Asia/Shanghai").toISOString()).toBe("2026-01-01T01:00:00.000Z");
  });

  it("leave other zones to ICU, and unknown zones invalid", () => {
    expect(isValidTimeZone("Asia/Shanghai")).toBe(true);
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(localDateTime(new Date(Date.UTC(2026, 6, 1, 12)), "Europe/Berlin")).toBe("2026-07-01T14:00");
  });
});
