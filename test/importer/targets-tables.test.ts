import { describe, expect, it } from "vitest";
import { extractTargets, type SourceLine } from "../../src/importer/targets.ts";

function doc(text: string, first = 1): SourceLine[] {
  return text
    .trim()
    .split("\n")
    .map((t, i) => ({ no: first + i, text: t }));
}

const plan = { periodStart: 2021, periodEnd: 2025, issuedYear: 2021 };

describe("indicator tables flattened one cell per line", () => {
  // Index, name and unit columns, a base-year column, a property column after the years,
  // bare numbers scaled by the unit column.
  const table = doc(`
二、主要指标
序号
指标名称
单位
2020年(基期)
2023年
2025年
属性
1
有效发明专利拥有量
万件
3.2
4
5.5
预期性
2
专利密集型产业增加值占GDP比重
%
10.5
11.5
13
预期性
3
知识产权质押融资登记金额
亿元
——
80
120
预期性
三、重点任务`);

  it("reads each row with its unit column, base column and milestones", () => {
    const { targets, warnings } = extractTargets(table, [], plan);
    expect(warnings).toEqual([]);
    expect(targets).toEqual([
      {
        name: "有效发明专利拥有量",
        unit: "件",
        comparator: "=",
        kind: "level",
        baseline: { year: 2020, value: 32000 },
        milestones: [
          { year: 2023, value: 40000 },
          { year: 2025, value: 55000 },
        ],
        taskNumber: null,
      },
      {
        name: "专利密集型产业增加值占GDP比重",
        unit: "%",
        comparator: "=",
        kind: "share",
        baseline: { year: 2020, value: 10.5 },
        milestones: [
          { year: 2023, value: 11.5 },
          { year: 2025, value: 13 },
        ],
        taskNumber: null,
      },
      {
        name: "知识产权质押融资登记金额",
        unit: "元",
        comparator: "=",
        kind: "level",
        baseline: null,
        milestones: [
          { year: 2023, value: 8e9 },
          { year: 2025, value: 1.2e10 },
        ],
        taskNumber: null,
      },
    ]);
  });

  it("skips a row with the wrong number of cells, with a warning on its line, and keeps reading", () => {
    const lines = doc(`
指标
2024年
2025年
2026年
商标注册量
3万件
3.5万件
4万件
地理标志产品
5个
6个
专利转化实施率
20%
25%
30%以上
四、保障措施`);
    const { targets, warnings } = extractTargets(lines, [], { periodStart: 2024, periodEnd: 2026, issuedYear: 2024 });
    // No base column here: the first year is inside the plan period, so it is a milestone.
    expect(targets.map((t) => [t.name, t.baseline, t.milestones.map((m) => m.value), t.comparator])).toEqual([
      ["商标注册量", null, [30000, 35000, 40000], "="],
      ["专利转化实施率", null, [20, 25, 30], ">="],
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.line).toBe(9);
    expect(warnings[0]!.message).toContain("地理标志产品");
  });

  it("reads a table whose rows are single lines with cells separated by wide gaps", () => {
    const lines = doc(`
指标名称    2022年    2024年    2025年
每万人口高价值发明专利拥有量    6.8件    8件    9.5件
PCT国际专利申请量    120件    150件    200件`);
    const { targets } = extractTargets(lines, [], { periodStart: 2023, periodEnd: 2025, issuedYear: 2023 });
    expect(targets.map((t) => [t.name, t.baseline, t.milestones])).toEqual([
      ["每万人口高价值发明专利拥有量", { year: 2022, value: 6.8 }, [{ year: 2024, value: 8 }, { year: 2025, value: 9.5 }]],
      ["PCT国际专利申请量", { year: 2022, value: 120 }, [{ year: 2024, value: 150 }, { year: 2025, value: 200 }]],
    ]);
  });

  it("reads ranges and Traditional cells, and takes the first column as baseline when the plan has no dates", () => {
    const lines = doc(`
指標名稱
2023年
2025年
國家知識產權示範企業
12家
15—18家
專利代理機構
3萬件
——`);
    const { targets, warnings } = extractTargets(lines, [], { periodStart: null, periodEnd: null, issuedYear: null });
    expect(targets).toEqual([
      {
        name: "國家知識產權示範企業",
        unit: "家",
        comparator: "=",
        kind: "level",
        baseline: { year: 2023, value: 12 },
        milestones: [{ year: 2025, value: 15, valueMax: 18 }],
        taskNumber: null,
      },
    ]);
    // The second row has a baseline and no goal: reported, not dropped silently.
    expect(warnings.map((w) => w.line)).toEqual([7]);
  });

  it("reads a table with the years down the first column and units in the indicator names", () => {
    const lines = doc(`
专栏1 主要指标
年份
有效发明专利拥有量（万件）
知识产权质押融资金额（亿元）
专利转化实施率（%）
2023年
1.2
17.2
——
2024年
1.5
20
30
2025年
1.8
22
35
（一）加强组织领导。`);
    const { targets, warnings } = extractTargets(lines, [], { periodStart: 2024, periodEnd: 2025, issuedYear: 2024 });
    expect(warnings).toEqual([]);
    expect(targets.map((t) => [t.name, t.unit, t.baseline, t.milestones.map((m) => `${m.year}:${m.value}`).join(" ")])).toEqual([
      ["有效发明专利拥有量", "件", { year: 2023, value: 12000 }, "2024:15000 2025:18000"],
      ["知识产权质押融资金额", "元", { year: 2023, value: 1.72e9 }, "2024:2000000000 2025:2200000000"],
      ["专利转化实施率", "%", null, "2024:30 2025:35"],
    ]);
  });

  it("strips row numbers from names and never takes a column the header calls a target for a baseline", () => {
    const lines = doc(`
指标
2025年（目标值）
2027年（目标值）
1.有效发明专利拥有量（件）
9000
12000
2.知识产权质押融资金额（亿元）
15
20以上`);
    const { targets, warnings } = extractTargets(lines, [], { periodStart: null, periodEnd: null, issuedYear: null });
    expect(warnings).toEqual([]);
    expect(targets.map((t) => [t.name, t.unit, t.comparator, t.baseline, t.milestones.map((m) => `${m.year}:${m.value}`).join(" ")])).toEqual([
      ["有效发明专利拥有量", "件", "=", null, "2025:9000 2027:12000"],
      ["知识产权质押融资金额", "元", ">=", null, "2025:1500000000 2027:2000000000"],
    ]);
  });

  it("merges a goal sentence with the table row for the same indicator and reports a conflicting value", () => {
    const lines = doc(`
二、发展目标
到2025年，有效商标注册量达到5万件，知识产权质押融资金额达到25亿元。
指标名称
2020年
2023年
2025年
有效商标注册量
3万件
4万件
5万件
知识产权质押融资金额规模
10亿元
18亿元
24亿元`);
    const { targets, warnings } = extractTargets(lines, [], plan);
    expect(targets.map((t) => [t.name, t.comparator, t.milestones.map((m) => m.value)])).toEqual([
      ["有效商标注册量", ">=", [40000, 50000]],
      // Exact name match (规模 folded away) with a 2025 conflict: the table (richer) wins, with a warning.
      ["知识产权质押融资金额规模", ">=", [1.8e9, 2.4e9]],
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain("2025");
    expect(warnings[0]!.line).toBe(2);
  });
});
