import type { TargetView } from "../core/model.ts";
import { zonedParts } from "../scheduler/tz.ts";

/*
 * Stand-ins with the signatures of src/core/targets/status.ts and format.ts (being written by
 * another engineer). Switch the two exports below to re-exports once those files exist.
 */

export type TargetStatus = "achieved" | "on_track" | "behind" | "at_risk" | "no_data";
type Milestone = TargetView["milestones"][number];

export interface TargetStatusResult {
  status: TargetStatus;
  /** Where the value should be by now, interpolated from the baseline towards this year's milestone. */
  expected: number | null;
  /** This year's milestone, else the next one. */
  milestone: Milestone | null;
  final: Milestone | null;
}

export function computeTargetStatus(target: TargetView, now: Date, timezone: string): TargetStatusResult {
  const year = zonedParts(now, timezone).year;
  const ms = [...target.milestones].sort((a, b) => a.year - b.year);
  const milestone = ms.find((m) => m.year === year) ?? ms.find((m) => m.year > year) ?? null;
  const final = ms.at(-1) ?? null;
  const lowerIsBetter = target.comparator === "<=" || target.comparator === "<";
  const meets = (v: number, goal: number) => (lowerIsBetter ? v <= goal : v >= goal);
  let expected: number | null = milestone?.value ?? final?.value ?? null;
  if (milestone && target.baseline && milestone.year > target.baseline.year) {
    const start = Date.UTC(target.baseline.year + 1, 0, 1);
    const end = Date.UTC(milestone.year + 1, 0, 1);
    const share = Math.min(1, Math.max(0, (now.getTime() - start) / (end - start)));
    expected = target.baseline.value + (milestone.value - target.baseline.value) * share;
  }
  if (!target.latest) return { status: "no_data", expected, milestone, final };
  const value = target.latest.value;
  if (final && meets(value, final.value)) return { status: "achieved", expected, milestone, final };
  if (expected === null || meets(value, expected)) return { status: "on_track", expected, milestone, final };
  const scale = Math.abs((milestone?.value ?? expected) - (target.baseline?.value ?? 0)) || Math.abs(expected) || 1;
  const shortfall = Math.abs(value - expected) / scale;
  return { status: shortfall <= 0.1 ? "behind" : "at_risk", expected, milestone, final };
}

const trim = (n: number) => String(Number(n.toFixed(2)));

/** 2500000000 元 → 25亿元, 130000 件 → 13万件, 12.5 % → 12.5%. */
export function formatTargetValue(value: number, unit: string): string {
  if (unit === "%") return `${trim(value)}%`;
  const abs = Math.abs(value);
  if (abs >= 1e8) return `${trim(value / 1e8)}亿${unit}`;
  if (abs >= 1e4 && /[\u4e00-\u9fff]/.test(unit)) return `${trim(value / 1e4)}万${unit}`;
  return `${trim(value)}${unit}`;
}
