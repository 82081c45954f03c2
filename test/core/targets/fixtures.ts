import { commands } from "../../../commands/index.ts";
import target from "../../../commands/target.ts";
import type { Services } from "../../../src/core/command.ts";
import { createDispatcher } from "../../../src/core/dispatcher.ts";
import type { ImportedPlan, ImportedTarget } from "../../../src/importer/types.ts";
import { samplePlan } from "../../helpers/fixtures.ts";

/** The dispatcher with /target, whether or not commands/index.ts lists it yet. */
export function targetDispatcher(services: Services) {
  return createDispatcher({ commands: commands.includes(target) ? commands : [...commands, target], services });
}

const level = (name: string, unit: string, baseline: number, values: (number | null)[], kind: ImportedTarget["kind"] = "level"): ImportedTarget => ({
  name,
  unit,
  comparator: ">=",
  kind,
  baseline: { year: 2023, value: baseline },
  milestones: values.flatMap((value, i) => (value === null ? [] : [{ year: 2024 + i, value }])),
  taskNumber: null,
});

/**
 * 专栏1 知识产权强市建设主要预期性指标 of the Bengbu plan (seeds/002): the 2023 column is the
 * baseline, 2024–2026 the milestones, values in base units (`4.9万件` → 49000 件).
 */
export function bengbuPlan(): ImportedPlan {
  return samplePlan({
    slug: "bengbu-2024-2026",
    title: "蚌埠市国家知识产权强市建设试点城市工作方案(2024—2026年)",
    issuer: "蚌埠市人民政府",
    issuedOn: "2024-03-04",
    period: { start: 2024, end: 2026 },
    targets: [
      level("每万人口高价值发明专利拥有量", "件", 9.54, [10.5, 12, 14]),
      level("有效商标注册量", "件", 49_000, [55_000, 62_000, 70_000]),
      { ...level("知识产权质押融资金额", "元", 1_720_000_000, [2_000_000_000, 2_200_000_000, 2_500_000_000]), taskNumber: "7" },
      level("知识产权贯标企业数", "家", 114, [140, 175, 210]),
      level("知识产权保护社会满意度", "%", 86, [null, null, 90], "share"),
      level("知识产权专员数", "人", 471, [600, 700, 800]),
    ],
  });
}

/** A plan with `count` simple targets, for paging. */
export function manyTargetsPlan(count: number): ImportedPlan {
  return samplePlan({
    slug: "many-targets",
    title: "多指标测试方案",
    targets: Array.from({ length: count }, (_, i) => ({
      name: `测试指标${i + 1}号`,
      unit: "项",
      comparator: ">=" as const,
      kind: "level" as const,
      baseline: { year: 2020, value: i },
      milestones: [{ year: 2021, value: i + 10 }],
      taskNumber: null,
    })),
  });
}
