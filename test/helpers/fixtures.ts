import type { ImportedPlan } from "../../src/importer/types.ts";

/**
 * A small plan written by hand in the Shenzhen style, so store and command tests do not
 * depend on the importer.
 */
export function samplePlan(overrides: Partial<ImportedPlan> = {}): ImportedPlan {
  return {
    slug: "sample-2019-2021",
    title: "样例市关于打造知识产权强市的工作方案(2019-2021年)",
    issuer: "样例市人民政府",
    issuedOn: "2019-05-20",
    period: { start: 2019, end: 2021 },
    tasks: [
      {
        number: "1",
        title: "加强关键核心技术知识产权创造",
        section: "二、主要任务",
        text: "加强关键核心技术知识产权创造。(市科技创新委牵头,市工业和信息化局配合)",
        units: [
          { name: "市科技创新委", role: "lead" },
          { name: "市工业和信息化局", role: "support" },
        ],
        required: null,
        requirementNote: null,
        deadlines: [],
      },
      {
        number: "7",
        title: "加快知识产权保护中心建设",
        section: "二、主要任务",
        text: "加快知识产权保护中心建设。(市市场监管局牵头,市中级法院、市公安局配合)",
        units: [
          { name: "市市场监管局", role: "lead" },
          { name: "市中级法院", role: "support" },
          { name: "市公安局", role: "support" },
        ],
        required: true,
        requirementNote: null,
        deadlines: [{ text: "2020年底前", date: "2020-12-31", recurrence: null }],
      },
    ],
    targets: [
      {
        name: "每万人口高价值发明专利拥有量",
        unit: "件",
        comparator: ">=",
        kind: "level",
        baseline: { year: 2018, value: 9.54 },
        milestones: [
          { year: 2019, value: 10.5 },
          { year: 2021, value: 14 },
        ],
        taskNumber: null,
      },
    ],
    units: [
      { name: "市市场监管局", aliases: ["市知识产权局"] },
      { name: "市科技创新委", aliases: [] },
      { name: "市工业和信息化局", aliases: [] },
      { name: "市中级法院", aliases: [] },
      { name: "市公安局", aliases: [] },
    ],
    warnings: [],
    ...overrides,
  };
}
