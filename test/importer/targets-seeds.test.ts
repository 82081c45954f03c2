import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractTargets, type SourceLine, type TaskSpan } from "../../src/importer/targets.ts";
import type { ImportedTarget } from "../../src/importer/types.ts";

// Expected values were written by reading each seed, not by copying the extractor's output.

function seed(prefix: string): SourceLine[] {
  const file = new URL(`../../seeds/`, import.meta.url);
  const name = ["000_d508845f2bab5bdb", "001_02588ea22fbee5d9", "002_4400fa42a0319d09", "003_71a609bbc7a012aa", "004_a1dc5671f6f0241d"].find((n) =>
    n.startsWith(prefix),
  )!;
  const text = readFileSync(new URL(`${name}.txt`, file), "utf8");
  return text.split(/\r?\n/).map((t, i) => ({ no: i + 1, text: t }));
}

/** Task spans from the line each task starts on; each runs to the line before the next. */
function spans(starts: number[], lastEnd: number, first = 1): TaskSpan[] {
  return starts.map((s, i) => ({ number: String(first + i), startLine: s, endLine: (starts[i + 1] ?? lastEnd + 1) - 1 }));
}

type T = ImportedTarget;
const years = (...pairs: [number, number][]) => pairs.map(([year, value]) => ({ year, value }));

function level(name: string, unit: string, comparator: T["comparator"], milestones: T["milestones"], extra: Partial<T> = {}): T {
  return { name, unit, comparator, kind: "level", baseline: null, milestones, taskNumber: null, ...extra };
}

describe("Bengbu (002): indicator table plus goal prose", () => {
  const bengbu = seed("002");
  const tasks = spans([120, 122, 124, 164, 188, 190, 192, 206, 208, 210, 212, 224, 252, 254, 258, 260, 262], 263);
  const ctx = { periodStart: 2024, periodEnd: 2026, issuedYear: 2024 };

  it("lists the six table indicators with their 2023 baseline and yearly milestones, merged with the goal prose", () => {
    const { targets } = extractTargets(bengbu, tasks, ctx);
    const table = targets.filter((t) => t.baseline !== null);
    expect(table).toEqual([
      level("每万人口高价值发明专利拥有量", "件", ">=", years([2024, 10.5], [2025, 12], [2026, 14]), { baseline: { year: 2023, value: 9.54 } }),
      level("有效商标注册量", "件", ">=", years([2024, 55000], [2025, 62000], [2026, 70000]), { baseline: { year: 2023, value: 49000 } }),
      level("知识产权质押融资金额", "元", ">=", years([2024, 2e9], [2025, 2.2e9], [2026, 2.5e9]), { baseline: { year: 2023, value: 1.72e9 } }),
      level("知识产权贯标企业数", "家", ">=", years([2024, 140], [2025, 175], [2026, 210]), { baseline: { year: 2023, value: 114 } }),
      // 2024 and 2025 are `——` in the table.
      level("知识产权保护社会满意度", "%", ">=", years([2026, 90]), { baseline: { year: 2023, value: 86 } }),
      // 工作目标 says 达到800人, 专栏6 (task 12) says 突破800人: one target, still a plan-level one.
      level("知识产权专员数", "人", ">=", years([2024, 600], [2025, 700], [2026, 800]), { baseline: { year: 2023, value: 471 } }),
    ]);
  });

  it("keeps the goal-section targets the table does not repeat, and the measurable goals inside tasks", () => {
    const { targets } = extractTargets(bengbu, tasks, ctx);
    const rest = targets.filter((t) => t.baseline === null);
    const each = [2024, 2025, 2026];
    expect(rest).toEqual([
      level("PCT专利年申请量", "件", ">=", years([2026, 60])),
      level("新增著作权登记量", "件", "=", years([2026, 12000])),
      level("国家知识产权示范和优势企业", "家", ">=", years([2026, 25])),
      // Stated in 工作目标 and again in 专栏6 (`建成…建成5家`): one target.
      level("省级知识产权信息公共服务网点", "家", "=", years([2026, 5])),
      { ...level("有效发明专利拥有量", "%", "=", each.map((year) => ({ year, value: 10 }))), kind: "growth", taskNumber: "3" },
      {
        ...level("接受高校院所、国有企业专利转让许可的中小企业数量", "%", ">=", each.map((year) => ({ year, value: 20 }))),
        kind: "growth",
        taskNumber: "4",
      },
      { ...level("中小企业转化实施专利数量", "%", ">=", each.map((year) => ({ year, value: 20 }))), kind: "growth", taskNumber: "4" },
      level("建成预警项目", "个", "=", years([2026, 3]), { taskNumber: "11" }),
      level("假冒专利、商标侵权案件结案率", "%", ">=", years([2026, 100]), { taskNumber: "11" }),
    ]);
  });

  it("reads the same table when the pipeline drops blank lines and trims cells", () => {
    const compact = bengbu.filter((l) => l.text.trim() !== "").map((l) => ({ no: l.no, text: l.text.trim() }));
    const names = extractTargets(compact, tasks, ctx).targets.filter((t) => t.baseline).map((t) => t.name);
    expect(names).toEqual(["每万人口高价值发明专利拥有量", "有效商标注册量", "知识产权质押融资金额", "知识产权贯标企业数", "知识产权保护社会满意度", "知识产权专员数"]);
  });

  it("reports no conflicts: the prose and the table agree", () => {
    expect(extractTargets(bengbu, tasks, ctx).warnings).toEqual([]);
  });
});

describe("Shenzhen (001): goals in prose before the tasks", () => {
  const lines = seed("001");
  const tasks = spans([16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 29, 30, 31, 32, 33, 34, 35, 37, 38, 39, 40, 42, 43, 44, 45], 45);
  const ctx = { periodStart: 2019, periodEnd: 2021, issuedYear: 2019 };

  it("extracts each quantified goal for 2021, yearly goals for every year of the plan", () => {
    const { targets, warnings } = extractTargets(lines, tasks, ctx);
    const y2021 = (v: number) => years([2021, v]);
    const every = (v: number) => years([2019, v], [2020, v], [2021, v]);
    expect(targets).toEqual([
      level("有效发明专利拥有量", "件", ">=", y2021(130000)),
      level("每万人发明专利拥有量", "件", ">=", y2021(93)),
      level("累计国内商标有效注册量", "件", ">=", y2021(1300000)),
      { ...level("计算机软件著作权量占全国登记总量比重", "%", ">=", y2021(10)), kind: "share" },
      { ...level("专利商标行政执法办案量", "%", ">=", every(20)), kind: "growth" },
      level("知识产权维权援助服务的企业", "家", ">=", every(120)),
      level("扶持知识产权运营机构做大做强", "家", "=", y2021(10)),
      level("培育知识产权优势、示范企业", "家", "=", y2021(60)),
      level("全市具有专利代理资格的服务机构", "家", ">=", y2021(180)),
      level("知识产权品牌服务机构", "家", ">=", y2021(6)),
      level("累计引进国内外知识产权服务机构", "家", ">=", y2021(20)),
      level("全市拥有专利代理师资格的人才", "人", ">=", y2021(1000)),
      level("培育国家级知识产权培训基地", "家", "=", [{ year: 2021, value: 1, valueMax: 2 }]),
    ]);
    // `培育一批年发明专利申请量超100件的企业梯队` describes firms, it sets no target.
    expect(warnings).toEqual([]);
  });

  it("still dates every goal when the pipeline knows no period: the yearly ones fall on 到2021年", () => {
    const { targets, warnings } = extractTargets(lines, tasks, { periodStart: null, periodEnd: null, issuedYear: null });
    expect(warnings).toEqual([]);
    expect(targets).toHaveLength(13);
    expect(targets.every((t) => t.milestones.length === 1 && t.milestones[0]!.year === 2021)).toBe(true);
  });
});

describe("Tianjin (003): one goals paragraph", () => {
  it("extracts the five 2020 goals, with no task even when (三)发展目标 is given as a span", () => {
    const lines = seed("003");
    const starts = [22, 23, 28, 31, 32, 33, 34, 37, 38, 39, 40, 41, 42, 43, 44, 47, 48, 49, 50, 53, 54, 55, 58, 59, 62, 63, 64];
    const { targets } = extractTargets(lines, spans(starts, 64), { periodStart: null, periodEnd: null, issuedYear: 2016 });
    const y = (v: number) => years([2020, v]);
    expect(targets).toEqual([
      level("每万人口发明专利拥有量", "件", ">=", y(18)),
      level("通过《专利合作条约》(PCT)途径提交的专利申请量", "件", ">=", y(2000)),
      level("有效商标注册量", "件", ">=", y(150000)),
      level("驰名商标", "件", ">=", y(150)),
      level("著作权登记量", "件", ">=", y(800)),
    ]);
  });
});

describe("2018 demonstration-city plan (000): Traditional script, duplicated second half", () => {
  it("keeps one of each target, named in the document's own script and linked to its task", () => {
    const lines = seed("000");
    const tasks = spans([17, 22, 27, 33, 38, 43, 48, 53], 57);
    const { targets, warnings } = extractTargets(lines, tasks, { periodStart: 2018, periodEnd: 2018, issuedYear: 2018 });
    const y = (v: number) => years([2018, v]);
    expect(targets).toEqual([
      { ...level("專利權質押融資金額", "%", ">=", y(20)), kind: "growth", taskNumber: "4" },
      { ...level("投保專利保險企業數量", "%", ">=", y(30)), kind: "growth", taskNumber: "4" },
      level("調查企業數量", "家", ">=", y(200), { taskNumber: "4" }),
      level("召開培訓和研討活動", "次", ">=", y(1), { taskNumber: "4" }),
      level("召開項目對接活動", "次", ">=", y(1), { taskNumber: "4" }),
      { ...level("新增獲得認證證書的企業數量", "%", ">=", y(10)), kind: "growth", taskNumber: "5" },
      level("培育國家智慧財產權強縣工程試點示範縣(區)", "个", "=", [{ year: 2018, value: 1, valueMax: 2 }], { taskNumber: "6" }),
    ]);
    expect(warnings).toEqual([]);
  });
});

describe("CNIPA 2019 task list (004): tasks, then a guideline with 主要目标 and hard-wrapped lines", () => {
  it("extracts the task goals and the main goals with their kinds", () => {
    const lines = seed("004");
    const tasks = spans([31, 39, 52, 65, 78, 91, 103, 116, 134, 147, 160, 173, 187, 201, 214, 227, 243, 256], 268);
    const { targets, warnings } = extractTargets(lines, tasks, { periodStart: 2019, periodEnd: 2019, issuedYear: 2019 });
    const y = (v: number) => years([2019, v]);
    expect(targets).toEqual([
      level("举办知识产权紧缺人才培训班", "期", ">", y(40), { taskNumber: "18" }),
      level("培训知识产权急需紧缺人才", "人", ">", y(10000), { taskNumber: "18" }),
      level("形成支撑产业发展和国际竞争的高价值专利组合", "个", "=", y(300)),
      { ...level("高价值专利审查周期", "%", ">=", y(15)), kind: "reduction" },
      level("商标注册审查周期", "个月", "<=", y(5)),
      level("完成消减发明专利审查积压", "件", ">=", y(100000)),
      // `重点产业` ends line 302 and the sentence goes on at line 303.
      { ...level("重点产业知识产权运营基金新增投资额", "%", ">", y(50)), kind: "growth" },
      { ...level("知识产权保险保障金额", "%", ">=", y(20)), kind: "growth" },
      { ...level("专利商标质押融资金额", "%", ">=", y(10)), kind: "growth" },
      level("专利商标质押融资金额", "元", ">", y(135000000000)),
      level("培育专业化的知识产权运营服务机构", "家", "=", y(40)),
      { ...level("知识产权服务业营业收入", "%", "=", y(20)), kind: "growth" },
    ]);
    expect(warnings).toEqual([]);
  });
});
