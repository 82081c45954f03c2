import type { ImportedPlan } from "../src/importer/types.ts";

/** A synthetic plan of `tasks` tasks and `targets` targets, for load and size benchmarks. */
export function syntheticPlan(slug: string, tasks: number, targets: number): ImportedPlan {
  return {
    slug,
    title: `压力测试计划 ${slug}`,
    issuer: "基准测试",
    issuedOn: "2026-01-05",
    period: { start: 2026, end: 2028 },
    tasks: Array.from({ length: tasks }, (_, i) => ({
      number: String(i + 1),
      title: `第${i + 1}项重点任务`,
      section: `第${Math.floor(i / 25) + 1}部分`,
      text: `第${i + 1}项重点任务的正文。`,
      units: [
        { name: `单位${i % 40}`, role: "lead" as const },
        { name: `单位${(i + 7) % 40}`, role: "support" as const },
      ],
      required: i % 2 === 0,
      requirementNote: null,
      deadlines: i % 10 === 0 ? [{ text: "2026年底前", date: "2026-12-31", recurrence: null }] : [],
    })),
    targets: Array.from({ length: targets }, (_, i) => ({
      name: `指标${i + 1}`,
      unit: "件",
      comparator: ">=" as const,
      kind: "level" as const,
      baseline: { year: 2025, value: 100 + i },
      milestones: [
        { year: 2026, value: 120 + i },
        { year: 2027, value: 140 + i },
        { year: 2028, value: 160 + i },
      ],
      taskNumber: String((i % tasks) + 1),
    })),
    units: Array.from({ length: 40 }, (_, i) => ({ name: `单位${i}`, aliases: [] })),
    warnings: [],
  };
}
