import type { TargetView } from "../model.ts";

export type TargetStatus = "achieved" | "on_track" | "behind" | "at_risk" | "no_data";

/** Statuses with a latest value, worst first (for sorting and for "never worse" checks). */
export const STATUS_ORDER: readonly TargetStatus[] = ["at_risk", "behind", "on_track", "achieved"];

/** What the status depends on; a {@link TargetView} has all of it. */
export type TargetFacts = Pick<TargetView, "comparator" | "kind" | "baseline" | "milestones" | "latest">;

export interface TargetStatusResult {
  status: TargetStatus;
  /** The value the milestones imply for today; null when nothing is due yet and no baseline says where the plan starts. */
  expected: number | null;
  /** This year's milestone, or the next one; null once the final year is over. */
  milestone: { year: number; value: number } | null;
  final: { year: number; value: number } | null;
}

/** Below the expected pace by at most this share of the way from the baseline to the pace: "behind"; more: "at risk". */
export const BEHIND_TOLERANCE = 0.1;

interface Point {
  year: number;
  value: number;
}

/**
 * The status of a quantitative target on `now`'s calendar day in `timezone`.
 *
 * - Direction: `<=` (and `<`) mean lower is better and everything below is mirrored; `>=`, `>`
 *   and `=` mean higher is better. A milestone range (`1—2个`) counts as reached at its lenient
 *   end: the low end when higher is better, the high end when lower is better.
 * - growth / reduction targets are percentages relative to the base year (a reduction of 15 means
 *   15% below it), so the plan starts at 0 at the end of the base year (the baseline's year, or
 *   the year before the first milestone); any baseline value is ignored. Level and share targets
 *   start at the baseline value at the end of its year. A growth/reduction milestone that
 *   repeats the previous year's value (`每年增长10%` → 10, 10, 10) is a yearly rate: that year's
 *   pace climbs from 0 again, and the reported value is read as this year's change.
 * - Expected pace: each milestone (and the start) is due at the end of its year (Dec 31 in
 *   `timezone`); between two of them the expected value moves linearly by day. Before the first
 *   one after the start, the start value is expected; with no start point nothing is due yet
 *   (expected null). After the final year, the final goal is expected.
 * - Status: `no_data` without a (finite) latest value or without any milestone. `achieved` when
 *   the latest meets the final goal (strictly for `>` / `<`). `on_track` when it meets the
 *   expected pace, or nothing is due yet. `behind` when it misses the pace by at most
 *   {@link BEHIND_TOLERANCE} (10%) of the distance from the start value to the pace (of the pace
 *   itself when that distance is 0). `at_risk` when it misses by more, or at all once the final
 *   year is over.
 *
 * Never throws: bad input (an invalid date, an unknown time zone, non-finite numbers) degrades
 * to UTC or to `no_data`.
 */
export function computeTargetStatus(target: TargetFacts, now: Date, timezone: string): TargetStatusResult {
  try {
    return compute(target, now, timezone);
  } catch {
    return { status: "no_data", expected: null, milestone: null, final: null };
  }
}

function compute(target: TargetFacts, now: Date, timezone: string): TargetStatusResult {
  const lower = target.comparator === "<=" || target.comparator === "<";
  const strict = target.comparator === ">" || target.comparator === "<";
  const milestones = goals(target.milestones, lower);
  const final = milestones.at(-1) ?? null;
  const start = startPoint(target, milestones);
  const anchors = start ? [start, ...milestones.filter((m) => m.year > start.year)] : milestones;
  const today = localDay(now, timezone);
  const milestone = milestones.find((m) => m.year >= today.year) ?? null;
  const relative = target.kind === "growth" || target.kind === "reduction";
  const expected = expectedOn(anchors, start !== null, relative, today.ordinal);
  const latest = target.latest?.value;
  const result = { expected, milestone, final };
  if (latest === undefined || !Number.isFinite(latest) || !final) return { status: "no_data", ...result };

  // How much `a` is better than `b` (≥ 0: at least as good).
  const better = (a: number, b: number) => (lower ? b - a : a - b);
  const eps = (x: number) => 1e-9 * Math.max(1, Math.abs(x));
  const toFinal = better(latest, final.value);
  if (strict ? toFinal > eps(final.value) : toFinal >= -eps(final.value)) return { status: "achieved", ...result };
  if (expected === null) return { status: "on_track", ...result };
  const shortfall = -better(latest, expected);
  if (shortfall <= eps(expected)) return { status: "on_track", ...result };
  if (today.year > final.year) return { status: "at_risk", ...result };
  const from = start?.value ?? milestones[0]!.value;
  const scale = Math.abs(expected - from) || Math.abs(expected);
  return { status: shortfall <= BEHIND_TOLERANCE * scale + eps(expected) ? "behind" : "at_risk", ...result };
}

/** Milestones as goals (lenient end of ranges), finite only, one per year, by year. */
function goals(milestones: TargetFacts["milestones"], lower: boolean): Point[] {
  const byYear = new Map<number, number>();
  for (const m of milestones) {
    const ends = [m.value, m.valueMax ?? m.value].filter(Number.isFinite);
    if (!Number.isInteger(m.year) || ends.length === 0) continue;
    byYear.set(m.year, lower ? Math.max(...ends) : Math.min(...ends));
  }
  return [...byYear].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year);
}

function startPoint(target: TargetFacts, milestones: Point[]): Point | null {
  const base = target.baseline;
  if (target.kind === "growth" || target.kind === "reduction") {
    const year = base && Number.isInteger(base.year) ? base.year : milestones[0] ? milestones[0].year - 1 : null;
    return year === null ? null : { year, value: 0 };
  }
  return base && Number.isInteger(base.year) && Number.isFinite(base.value) ? { year: base.year, value: base.value } : null;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar date. */
function dayNumber(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0–99 as they are
  return d.getTime() / DAY_MS;
}

/** The end of a year, in the same day count (the start of the next Jan 1). */
function endOfYear(year: number): number {
  return dayNumber(year + 1, 1, 1);
}

/**
 * Interpolates between anchors due at the ends of their years. `ordinal` is the end of today.
 * Without a start point, the first anchor is a milestone and nothing is due before its end.
 */
function expectedOn(anchors: Point[], hasStart: boolean, relative: boolean, ordinal: number): number | null {
  const first = anchors[0];
  if (!first) return null;
  if (ordinal < endOfYear(first.year)) return hasStart ? first.value : null;
  for (let i = 0; i + 1 < anchors.length; i++) {
    const a = anchors[i]!;
    const b = anchors[i + 1]!;
    const from = endOfYear(a.year);
    const to = endOfYear(b.year);
    // `每年增长10%`: a relative milestone repeating last year's is a yearly rate, climbing from 0 again.
    const base = relative && i > 0 && b.year === a.year + 1 && b.value === a.value ? 0 : a.value;
    if (ordinal >= from && ordinal < to) return base + ((b.value - base) * (ordinal - from)) / (to - from);
  }
  return anchors.at(-1)!.value;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", { timeZone: timezone, year: "numeric", month: "numeric", day: "numeric" });
    } catch {
      f = formatterFor("UTC");
    }
    formatters.set(timezone, f);
  }
  return f;
}

/** Today's calendar year in `timezone`, and the end of today as a day count. */
function localDay(now: Date, timezone: string): { year: number; ordinal: number } {
  const parts = Object.fromEntries(formatterFor(timezone).formatToParts(now).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  return { year, ordinal: dayNumber(year, Number(parts.month), Number(parts.day)) + 1 };
}
