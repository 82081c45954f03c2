import { describe, expect, it } from "vitest";
import { computeTargetStatus, type TargetFacts, type TargetStatus } from "../../../src/core/targets/status.ts";

type Milestones = [year: number, value: number, valueMax?: number][];

function target(
  comparator: string,
  kind: string,
  baseline: [number, number] | null,
  milestones: Milestones,
  latest: number | null,
): TargetFacts {
  return {
    comparator,
    kind,
    baseline: baseline && { year: baseline[0], value: baseline[1] },
    milestones: milestones.map(([year, value, valueMax]) => ({ year, value, valueMax: valueMax ?? null })),
    latest: latest === null ? null : { value: latest, at: new Date("2020-01-01"), member: null, updateId: 1 },
  };
}

const SH = "Asia/Shanghai";
// 每万人口高价值发明专利拥有量 in the Bengbu plan: 9.54 (2023) → 10.5 → 12 → 14 (2026).
const patents = (latest: number | null) => target(">=", "level", [2023, 9.54], [[2024, 10.5], [2025, 12], [2026, 14]], latest);
// 2025-07-02 in Shanghai: the end of day 183 of 365, so the pace is 10.5 + 1.5 × 183/365.
const JULY_2 = new Date("2025-07-02T04:00:00Z");
const PACE_JULY_2 = 10.5 + (1.5 * 183) / 365;

interface Row {
  name: string;
  t: TargetFacts;
  now: Date;
  tz?: string;
  status: TargetStatus;
  expected?: number | null;
  milestone?: { year: number; value: number } | null;
}

const rows: Row[] = [
  { name: "no reported value: no data, the pace is still known", t: patents(null), now: JULY_2, status: "no_data", expected: PACE_JULY_2 },
  { name: "mid-year, at the pace", t: patents(11.26), now: JULY_2, status: "on_track", expected: PACE_JULY_2, milestone: { year: 2025, value: 12 } },
  // The pace moved 1.712 from the baseline; 10% of that is 0.17.
  { name: "mid-year, a little under the pace", t: patents(11.15), now: JULY_2, status: "behind" },
  { name: "mid-year, well under the pace", t: patents(11.0), now: JULY_2, status: "at_risk" },
  { name: "the final goal met early", t: patents(14), now: JULY_2, status: "achieved" },
  { name: "in the baseline year the baseline is expected", t: patents(9.54), now: new Date("2023-06-01T00:00:00Z"), status: "on_track", expected: 9.54 },
  { name: "Dec 31: this year's milestone is due in full", t: patents(11.99), now: new Date("2025-12-31T08:00:00Z"), status: "behind", expected: 12 },
  {
    name: "final year: the final goal is this year's milestone",
    t: patents(11.5),
    now: new Date("2026-03-01T00:00:00Z"),
    status: "at_risk",
    milestone: { year: 2026, value: 14 },
  },
  {
    name: "after the final year any shortfall is at risk",
    t: patents(13.99),
    now: new Date("2027-02-01T00:00:00Z"),
    status: "at_risk",
    expected: 14,
    milestone: null,
  },
  // Two years without milestones in between: the pace runs straight from 86 (2023) to 90 (2026).
  {
    name: "a gap of years is interpolated across",
    t: target(">=", "share", [2023, 86], [[2026, 90]], 87.4),
    now: new Date("2024-12-31T12:00:00Z"),
    status: "on_track",
    expected: 86 + (4 * 366) / 1096,
    milestone: { year: 2026, value: 90 },
  },
  // 审查周期 in months: lower is better, everything mirrored.
  { name: "<=: at the pace", t: target("<=", "level", [2018, 7], [[2019, 6], [2020, 5]], 6), now: new Date("2019-12-31T12:00:00Z"), status: "on_track", expected: 6 },
  { name: "<=: slightly above the pace", t: target("<=", "level", [2018, 7], [[2019, 6], [2020, 5]], 6.05), now: new Date("2019-12-31T12:00:00Z"), status: "behind" },
  { name: "<=: well above the pace", t: target("<=", "level", [2018, 7], [[2019, 6], [2020, 5]], 6.5), now: new Date("2019-12-31T12:00:00Z"), status: "at_risk" },
  { name: "<=: the goal met", t: target("<=", "level", [2018, 7], [[2019, 6], [2020, 5]], 4.8), now: new Date("2019-12-31T12:00:00Z"), status: "achieved" },
  // 压减15%: the reported value is the percent reduction against the base year, starting from 0.
  { name: "reduction: half way through the year, half the cut", t: target(">=", "reduction", null, [[2019, 15]], 8), now: new Date("2019-07-02T04:00:00Z"), status: "on_track", expected: (15 * 183) / 365 },
  { name: "reduction: the cut reached", t: target(">=", "reduction", null, [[2019, 15]], 15), now: new Date("2019-07-02T04:00:00Z"), status: "achieved" },
  { name: "reduction: the year over, cut short", t: target(">=", "reduction", null, [[2019, 15]], 14), now: new Date("2020-01-15T04:00:00Z"), status: "at_risk" },
  // A stated base year starts the pace there, and its absolute value is not a percentage.
  {
    name: "growth: from the stated base year, its value ignored",
    t: target(">=", "growth", [2017, 1234], [[2019, 20]], 10),
    now: new Date("2018-12-31T12:00:00Z"),
    status: "on_track",
    expected: 10,
  },
  // 每年增长10% (10, 10, 10): each year is a yearly rate climbing from 0 again.
  { name: "yearly rate: the first year climbs from the base year", t: target("=", "growth", null, [[2024, 10], [2025, 10], [2026, 10]], 5.1), now: new Date("2024-07-02T04:00:00Z"), status: "on_track", expected: (10 * 184) / 366 },
  { name: "yearly rate: a later year climbs from 0 too", t: target("=", "growth", null, [[2024, 10], [2025, 10], [2026, 10]], 4.9), now: JULY_2, status: "behind", expected: (10 * 183) / 365 },
  { name: "a rising growth series is cumulative", t: target(">=", "growth", null, [[2024, 10], [2025, 20]], 15.1), now: JULY_2, status: "on_track", expected: 10 + (10 * 183) / 365 },
  { name: ">: reaching the goal exactly is not enough", t: target(">", "growth", [2018, 0], [[2019, 50]], 50), now: new Date("2019-12-31T12:00:00Z"), status: "on_track" },
  { name: ">: passing it is", t: target(">", "growth", [2018, 0], [[2019, 50]], 50.5), now: new Date("2019-12-31T12:00:00Z"), status: "achieved" },
  // `1—2个`: reached at the low end; for lower-is-better the lenient end is the high one.
  { name: "range: the low end reaches it", t: target("=", "level", null, [[2021, 1, 2]], 1), now: new Date("2021-05-01T00:00:00Z"), status: "achieved" },
  { name: "<= range: the high end reaches it", t: target("<=", "level", null, [[2021, 3, 5]], 5), now: new Date("2021-05-01T00:00:00Z"), status: "achieved" },
  { name: "<= range: above the high end", t: target("<=", "level", null, [[2021, 3, 5]], 5.5), now: new Date("2022-05-01T00:00:00Z"), status: "at_risk" },
  // Without a baseline nothing is due before the first milestone's year ends.
  { name: "no baseline: nothing due yet", t: target(">=", "level", null, [[2021, 14]], 3), now: new Date("2021-06-01T00:00:00Z"), status: "on_track", expected: null },
  { name: "no baseline: after the milestone", t: target(">=", "level", null, [[2021, 14]], 3), now: new Date("2022-06-01T00:00:00Z"), status: "at_risk", expected: 14 },
  // Flat milestones: the tolerance is 10% of the pace itself.
  { name: "flat pace, close", t: target(">=", "level", [2023, 20], [[2024, 20]], 19), now: new Date("2024-06-01T00:00:00Z"), status: "behind" },
  { name: "flat pace, far", t: target(">=", "level", [2023, 20], [[2024, 20]], 17), now: new Date("2024-06-01T00:00:00Z"), status: "at_risk" },
  { name: "no milestones: nothing to compare with", t: target(">=", "level", [2023, 20], [], 30), now: JULY_2, status: "no_data", expected: 20 },
  { name: "a non-finite value is no data", t: patents(Number.NaN), now: JULY_2, status: "no_data" },
  { name: "an invalid date degrades to no data", t: patents(11), now: new Date("nope"), status: "no_data", expected: null },
];

describe("computeTargetStatus", () => {
  it.each(rows)("$name", ({ t, now, tz, status, expected, milestone }) => {
    const result = computeTargetStatus(t, now, tz ?? SH);
    expect(result.status).toBe(status);
    if (expected === null) expect(result.expected).toBeNull();
    else if (expected !== undefined) expect(result.expected).toBeCloseTo(expected, 6);
    if (milestone !== undefined) expect(result.milestone).toEqual(milestone);
  });

  it("reports the final goal and the lenient end of a final range", () => {
    expect(computeTargetStatus(patents(null), JULY_2, SH).final).toEqual({ year: 2026, value: 14 });
    expect(computeTargetStatus(target("=", "level", null, [[2021, 1, 2]], null), JULY_2, SH).final).toEqual({ year: 2021, value: 1 });
  });

  it("counts days in the given time zone", () => {
    // 2024-12-31 16:30 UTC is already 2025-01-01 in Shanghai: a day of 2025's climb is due there.
    const now = new Date("2024-12-31T16:30:00Z");
    const utc = computeTargetStatus(patents(10.5), now, "UTC");
    const shanghai = computeTargetStatus(patents(10.5), now, SH);
    expect(utc).toMatchObject({ status: "on_track", expected: 10.5, milestone: { year: 2024, value: 10.5 } });
    expect(shanghai).toMatchObject({ status: "behind", milestone: { year: 2025, value: 12 } });
    expect(shanghai.expected).toBeCloseTo(10.5 + 1.5 / 365, 9);
  });

  it("an unknown time zone counts in UTC", () => {
    const now = new Date("2024-12-31T16:30:00Z");
    expect(computeTargetStatus(patents(10.5), now, "Mars/Olympus")).toEqual(computeTargetStatus(patents(10.5), now, "UTC"));
  });
});
