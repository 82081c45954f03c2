import { addDays, daysInMonth, formatDate, zonedInstant } from "../core/tz.ts";

/** A period of history to export: [from, to), `from` null for "from the start". */
export interface Period {
  from: Date | null;
  to: Date;
  /** How it was asked for, for file names and replies: `2026-11`, `2026-11-01_2026-11-15`, `all`. */
  label: string;
}

const startOf = (date: string, tz: string) => {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return zonedInstant({ year, month, day, hour: 0, minute: 0 }, tz);
};

/** `2026-11-05`, `2026/11/5`, `2026年11月5日` → `2026-11-05`; null when it is not a real date. */
export function parseDay(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return formatDate(y, mo, d);
}

/** `2026-11`, `2026年11月` → [2026, 11]. */
function parseMonth(text: string): [number, number] | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(text.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return [Number(m[1]), Number(m[2])];
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; problem: "syntax" | "order"; text: string };

/**
 * The period an export covers, in the reader's time zone: nothing (all history up to now), a
 * month (`2026-11`), a year (`2026`), one day, or two days (`2026-11-01 2026-11-15`, both
 * included; either may be left out with `--since`/`--until` in the CLI).
 */
export function parsePeriod(args: { text?: string; since?: string; until?: string }, now: Date, tz: string): PeriodResult {
  // Open-ended: up to and including this moment.
  const end = new Date(now.getTime() + 1);
  const text = (args.text ?? "").trim();
  let since = args.since?.trim() || undefined;
  let until = args.until?.trim() || undefined;
  if (text) {
    const month = parseMonth(text);
    if (month) {
      const [y, m] = month;
      const from = formatDate(y, m, 1);
      return done(from, formatDate(y, m, daysInMonth(y, m)), `${from.slice(0, 7)}`);
    }
    if (/^\d{4}\s*年?$/.test(text)) {
      const y = Number(text.slice(0, 4));
      return done(formatDate(y, 1, 1), formatDate(y, 12, 31), String(y));
    }
    const parts = text.split(/\s*(?:\.\.|~|～|至|到|—|\s)\s*/).filter(Boolean);
    if (parts.length === 1 || parts.length === 2) [since, until] = [parts[0], parts[1] ?? parts[0]];
    else return { ok: false, problem: "syntax", text };
  }
  const from = since ? parseDay(since) : null;
  const to = until ? parseDay(until) : null;
  if ((since && !from) || (until && !to)) return { ok: false, problem: "syntax", text: text || ((since && !from ? since : until) ?? "") };
  if (!from && !to) return { ok: true, period: { from: null, to: end, label: "all" } };
  return done(from, to, `${from ?? "start"}_${to ?? "now"}`);

  function done(first: string | null, last: string | null, label: string): PeriodResult {
    if (first && last && last < first) return { ok: false, problem: "order", text: `${first} > ${last}` };
    return { ok: true, period: { from: first ? startOf(first, tz) : null, to: last ? startOf(addDays(last, 1), tz) : end, label } };
  }
}
