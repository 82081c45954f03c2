import { describe, expect, it } from "vitest";
import type { ParsedPlan } from "../../src/importer/index.ts";
import { roles, seed, task, unitsOf, warningsAbout } from "./seed-helpers.ts";

// 002: Bengbu 2024–2026; a notice wrapping the plan; a title split over two lines; indicator
// and focus boxes (专栏1–6) with their own numbered lines; 〔…按职责分工负责〕 clauses with nested
// aliases; `各县、区人民政府(市高新区管委会、市经开区管委会,下同)`; task 15 names the
// 领导小组成员单位, listed in the roster attachment.
const result = seed("002");
const plan = result.plans[0]!;
const SJ = "市市场监管局";
const COUNTIES = ["各县、区人民政府", "市高新区管委会", "市经开区管委会"];
const r = (...names: string[]): string[] => roles("responsible", ...names);

const MEMBERS = [
  "市委宣传部", "市法院", "市检察院", "市发展改革委", "市教育局", "市科技局", "市经济和信息化局", "市公安局",
  "市司法局", "市财政局", "市人力资源社会保障局", "市自然资源和规划局", "市农业农村局", "市商务外事局",
  "市文化体育旅游局", "市卫生健康委", "市市场监管局", "市统计局", "市地方金融监管局", "蚌埠海关",
  "人行蚌埠市分行", "国家金融监督管理总局蚌埠监管分局", "怀远县政府", "五河县政府", "固镇县政府",
  "龙子湖区政府", "蚌山区政府", "禹会区政府", "淮上区政府", "市高新区管委会", "市经开区管委会",
];

const EXPECTED: Record<string, string[]> = {
  "1": r(SJ, "市科技局", "市财政局", ...COUNTIES),
  "2": r(SJ, "市发展改革委", "市经济和信息化局", "市科技局", "市文化体育旅游局", "市农业农村局", "市自然资源和规划局", ...COUNTIES),
  "3": r(SJ, "市经济和信息化局", "市科技局", "市教育局", ...COUNTIES),
  "4": r(SJ, "市科技局", "市经济和信息化局", ...COUNTIES),
  "5": r(SJ, "市科技局", "市农业农村局", ...COUNTIES),
  "6": r(SJ, "市文化体育旅游局", ...COUNTIES),
  "7": r("人行蚌埠市分行", "国家金融监督管理总局蚌埠监管分局", "市地方金融监管局", SJ, ...COUNTIES),
  "8": r("市法院", "市检察院", "市公安局", "市司法局"),
  "9": r(SJ, "市法院", "市司法局", "蚌埠海关", ...COUNTIES),
  "10": r(SJ, "市委编办", "市司法局", ...COUNTIES),
  "11": r(SJ, "市商务外事局", "市科技局", "市农业农村局", "市文化体育旅游局", ...COUNTIES),
  "12": r(SJ, "市科技局", ...COUNTIES),
  "13": r(SJ, "市科技局", "市教育局", ...COUNTIES),
  "14": r(SJ, "市发展改革委", ...COUNTIES),
  "15": r(...MEMBERS),
  "16": r("市法院", "市检察院", "市公安局", "市司法局", "市人力资源社会保障局", "市文化体育旅游局", SJ, ...COUNTIES),
  "17": r(SJ, "市发展改革委", "市商务外事局", ...COUNTIES),
};

describe("seed 002 — Bengbu 2024–2026 pilot-city work plan", () => {
  it("is one plan with the notice's issuer and date and the two-line title", () => {
    expect(result.plans).toHaveLength(1);
    expect(plan).toMatchObject({
      slug: "bengbu-2024-2026",
      title: "蚌埠市国家知识产权强市建设试点城市工作方案(2024—2026年)",
      issuer: "蚌埠市人民政府",
      issuedOn: "2024-03-04",
      period: { start: 2024, end: 2026 },
    });
  });

  it("has tasks 1–17; the numbered lines inside 专栏 boxes are not tasks", () => {
    expect(plan.tasks.map((t) => t.number)).toEqual(Array.from({ length: 17 }, (_, i) => String(i + 1)));
    expect(plan.tasks.map((t) => t.title)).not.toContain("专利导航工程");
    expect(task(plan, "1").title).toBe("强化知识产权政策支持引导机制");
    expect(task(plan, "12").title).toBe("实施知识产权公共服务普惠工程");
    expect(task(plan, "17").title).toBe("深化知识产权交流合作");
    expect(task(plan, "3").text).not.toContain("吉驰轮胎");
    expect(task(plan, "17").text).not.toContain("保障措施");
  });

  it("groups the tasks under (一)…(五) of 三、建设任务", () => {
    expect(task(plan, "1").section).toBe("提升知识产权创造质量,强化知识产权源头保护");
    expect(task(plan, "7").section).toBe("推进知识产权转化运用,加快知识产权价值实现");
    expect(task(plan, "8").section).toBe("强化知识产权保护,营造一流创新生态");
    expect(task(plan, "14").section).toBe("优化知识产权管理和服务,构建便民利民格局");
    expect(task(plan, "15").section).toBe("加强知识产权文化建设,增强全社会知识产权意识");
  });

  it("reads every task's units; 领导小组成员单位 becomes the roster's member units", () => {
    for (const t of plan.tasks) expect(unitsOf(t), `task ${t.number}`).toEqual(EXPECTED[t.number]);
    expect(warningsAbout(plan, /领导小组成员单位/)).toEqual([258]);
  });

  it("merges aliases into one unit record", () => {
    const names = plan.units.map((u) => u.name);
    expect(new Set(names).size).toBe(names.length);
    expect(plan.units).toContainEqual({ name: "市市场监管局", aliases: ["市知识产权局"] });
    expect(plan.units).toContainEqual({ name: "市自然资源和规划局", aliases: ["市林业局"] });
    expect(names).not.toContain("市知识产权局");
  });

  it("reports the stray 会 in task 1's clause", () => {
    expect(warningsAbout(plan, /stray text “会”/)).toEqual([120]);
  });

  it("keeps the roster's people as contacts with their units", () => {
    const contacts = plan.contacts ?? [];
    expect(contacts).toHaveLength(35);
    expect(contacts[0]).toEqual({ name: "马军", title: "市委副书记、市长", unit: "市委" });
    expect(contacts).toContainEqual({ name: "乌兰其其格", title: "市政府副市长、市科技局局长", unit: "市科技局" });
    expect(contacts).toContainEqual({ name: "关于", title: "蚌山区政府区长", unit: "蚌山区政府" });
    expect(contacts).toContainEqual({ name: "李坤圣", title: "市自然资源和规划局(市林业局)局长", unit: "市自然资源和规划局" });
    expect(contacts).toContainEqual({ name: "唐广廷", title: "市经开区管委会主任", unit: "市经开区管委会" });
  });

  it("finds the deadlines written in task 1 and in task 4's box", () => {
    expect(task(plan, "1").deadlines).toEqual([{ text: "到2025年", date: "2025-12-31", recurrence: null }]);
    expect(task(plan, "4").deadlines).toEqual([{ text: "2026年底前", date: "2026-12-31", recurrence: null }]);
    for (const t of plan.tasks.filter((x) => !["1", "4"].includes(x.number))) expect(t.deadlines).toEqual([]);
    expect((plan as ParsedPlan).deadlines).toEqual([]);
  });
});
