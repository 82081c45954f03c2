import type { DeadlineRef } from "./model.ts";
import { toSimplified } from "./text/script.ts";
import { parseChineseInteger } from "./text/numerals.ts";

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Month and day a yearly deadline falls on: `每年12月15日前` → 12-15, `每年6月底` → 6-30, `每年底` → 12-31. */
export function yearlyMonthDay(text: string): { month: number; day: number | "end" } | null {
  const s = toSimplified(text);
  const m = /每年(?:的)?\s*([0-9一二三四五六七八九十]{1,3})\s*月\s*(?:([0-9一二三四五六七八九十]{1,3})\s*[日号]|(底|末))?/.exec(s);
  if (m) {
    const month = parseChineseInteger(m[1]!);
    if (month === null || month < 1 || month > 12) return null;
    if (m[2]) {
      const day = parseChineseInteger(m[2]);
      return day !== null && day >= 1 && day <= 31 ? { month, day } : null;
    }
    return { month, day: "end" };
  }
  return /每年(?:年)?[底末]/.test(s) ? { month: 12, day: "end" } : null;
}

/**
 * The date a deadline next falls on, on or after `today` (YYYY-MM-DD): its own date, or for a
 * yearly one this year's or next year's occurrence. Null when it has no readable date.
 */
export function nextDeadlineDate(d: DeadlineRef, today: string): string | null {
  if (d.date) return d.date;
  if (d.recurrence !== "yearly") return null;
  const md = yearlyMonthDay(d.text);
  if (!md) return null;
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    const day = md.day === "end" ? lastDay(y, md.month) : Math.min(md.day, lastDay(y, md.month));
    const date = `${y}-${pad(md.month)}-${pad(day)}`;
    if (date >= today) return date;
  }
  return null;
}
