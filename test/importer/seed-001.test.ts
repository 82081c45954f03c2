import { describe, expect, it } from "vitest";
import type { ParsedPlan } from "../../src/importer/index.ts";
import { roles, seed, task, unitsOf } from "./seed-helpers.ts";

// 001: Shenzhen 2019–2021; web breadcrumb; no title line (the title is in 制定《…》); owner
// clauses in （…） or 〔…〕 at the end of each task; `市发展改革委、科技创新委、财政局配合`
// distributes 市; `各区政府(含新区管委会、深汕特别合作区管委会,下同)` includes two committees
// in every later mention of 各区政府.
const result = seed("001");
const plan = result.plans[0]!;
const LEAD = "市市场监管局:lead";
const DISTRICTS = roles("support", "各区政府", "新区管委会", "深汕特别合作区管委会");

const EXPECTED: Record<string, string[]> = {
  "1": [LEAD, ...roles("support", "市发展改革委", "市科技创新委", "市财政局")],
  "2": [LEAD, ...roles("support", "市科技创新委", "市工业和信息化局", "市中小企业服务局"), ...DISTRICTS],
  "3": [LEAD, ...DISTRICTS],
  "4": [LEAD, "市财政局:support", ...DISTRICTS],
  "5": [LEAD, "市司法局:support"],
  "6": [LEAD, ...roles("support", "市公安局", "市文化广电旅游体育局", "市中级法院", "市检察院"), ...DISTRICTS],
  "7": [LEAD, ...roles("support", "市公安局", "市司法局", "前海管理局", "市中级法院", "市检察院", "深圳海关", "深圳国际仲裁院")],
  "8": ["市中级法院:lead", ...roles("support", "市市场监管局", "市公安局", "市检察院")],
  "9": ["深圳海关:lead", ...roles("support", "市市场监管局", "市公安局")],
  "10": [LEAD, ...roles("support", "市工业和信息化局", "市司法局", "市商务局", "市中级法院")],
  "11": [LEAD, ...DISTRICTS],
  "12": [
    LEAD,
    ...roles("support", "市科技创新委", "市工业和信息化局", "市财政局", "市地方金融监管局", "前海管理局", "深圳银保监局"),
    ...DISTRICTS,
  ],
  "13": [LEAD, ...roles("support", "市科技创新委", "市工业和信息化局"), ...DISTRICTS],
  "14": [LEAD, "市工业和信息化局:support", ...DISTRICTS],
  "15": [LEAD, ...DISTRICTS],
  "16": [LEAD, ...DISTRICTS],
  "17": [LEAD, ...DISTRICTS],
  "18": [LEAD, ...DISTRICTS],
  "19": [LEAD, ...DISTRICTS],
  "20": [LEAD, ...DISTRICTS],
  "21": [LEAD, ...roles("support", "市发展改革委", "市科技创新委", "市工业和信息化局", "市统计局"), ...DISTRICTS],
  "22": [LEAD, ...DISTRICTS],
  "23": [
    LEAD,
    ...roles("support", "市公安局", "市司法局", "市地方金融监管局", "前海管理局", "市中级法院", "深圳银保监局"),
    ...DISTRICTS,
  ],
  "24": [LEAD, "市教育局:support"],
  "25": [LEAD, ...DISTRICTS],
  "26": [LEAD, "市人力资源保障局:support"],
};

describe("seed 001 — Shenzhen 2019–2021 work plan", () => {
  it("takes the title from 制定《…》 and the period from it; no issuer or date is written", () => {
    expect(result.plans).toHaveLength(1);
    expect(plan).toMatchObject({
      slug: "shenzhen-2019-2021",
      title: "深圳市关于打造国家知识产权强市推动经济高质量发展的工作方案(2019-2021年)",
      issuer: null,
      issuedOn: null,
      period: { start: 2019, end: 2021 },
    });
  });

  it("has tasks 1–26 and none of the unnumbered goals or the (一)… safeguards", () => {
    expect(plan.tasks.map((t) => t.number)).toEqual(Array.from({ length: 26 }, (_, i) => String(i + 1)));
    expect(task(plan, "1").title).toBe("优化知识产权创造激励机制");
    expect(task(plan, "7").title).toBe("加快中国(深圳)知识产权保护中心建设");
    expect(task(plan, "22").title).toBe("提升高等院校、科研院所等单位知识产权管理能力");
    expect(task(plan, "25").title).toBe("深化知识产权“放管服”改革");
  });

  it("groups tasks under the five (一)…(五) headings", () => {
    const sections = [...new Set(plan.tasks.map((t) => t.section))];
    expect(sections).toEqual([
      "实施知识产权创造质量提升工程,提升企业核心竞争力",
      "实施知识产权保护工程,构建大知识产权保护格局",
      "实施知识产权运用促进工程,打造知识产权创新生态体系",
      "实施知识产权服务能力提升工程,建设知识产权服务业集聚发展高地",
      "实施知识产权发展环境建设工程,深化知识产权对外交流合作",
    ]);
    expect(task(plan, "4").section).toBe(sections[0]);
    expect(task(plan, "5").section).toBe(sections[1]);
    expect(task(plan, "26").section).toBe(sections[4]);
  });

  it("reads every task's units and roles", () => {
    for (const t of plan.tasks) expect(unitsOf(t), `task ${t.number}`).toEqual(EXPECTED[t.number]);
  });

  it("keeps one record per unit and proper names without a distributed 市", () => {
    const names = plan.units.map((u) => u.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("前海管理局");
    expect(names).not.toContain("市前海管理局");
    expect(names).not.toContain("科技创新委");
    expect(names).toHaveLength(23);
  });

  it("keeps the deadlines of the 督查考核 paragraph with the plan, not with a task", () => {
    for (const t of plan.tasks) expect(t.deadlines).toEqual([]);
    expect((plan as ParsedPlan).deadlines).toEqual([
      { text: "每年12月15日前", date: null, recurrence: "yearly" },
      { text: "2021年5月前", date: "2021-05-31", recurrence: null },
    ]);
  });

  it("keeps task text as written, owner clause included", () => {
    expect(task(plan, "2").text).toMatch(/^提升企业知识产权创造能力。.*〔市市场监管局牵头,.*下同\)配合〕$/);
    for (const t of plan.tasks) expect(t.required).toBeNull();
  });
});
