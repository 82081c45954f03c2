import { describe, expect, it } from "vitest";
import { roles, seed, task, unitsOf, warningsAbout } from "./seed-helpers.ts";

// 003: Tianjin 2016 implementing opinions; web chrome and a metadata block; tasks are the
// items (四)…(二十七) that end with an owner clause; (一)…(三) carry none.
const result = seed("003");
const plan = result.plans[0]!;
const ZS = "市知识产权局";
const lead = (...n: string[]): string[] => roles("lead", ...n);
const resp = (...n: string[]): string[] => roles("responsible", ...n);
const sup = (...n: string[]): string[] => roles("support", ...n);

const EXPECTED: Record<string, string[]> = {
  "4": [...lead(ZS), ...resp("市市场监管委", "市版权局")],
  "5": [...resp(ZS, "市商务委", "市市场监管委"), ...sup("滨海新区人民政府", "市司法局")],
  "6": [...resp(ZS, "市发展改革委", "市科委"), ...sup("市工业和信息化委", "市市场监管委")],
  "7": [...lead(ZS, "市委组织部", "市国资委"), ...sup("市科委", "市工业和信息化委", "市市场监管委", "市版权局", "市财政局")],
  "8": resp(ZS, "市发展改革委", "市财政局"),
  "9": resp(ZS, "市科委", "市市场监管委"),
  "10": [...resp("市教委", "市科委", ZS), ...sup("市财政局")],
  "11": [...lead(ZS), ...sup("市教委", "市科委")],
  "12": [...lead(ZS), ...sup("市科委", "滨海新区人民政府")],
  "13": [...lead(ZS), ...sup("市科委", "市教委", "市商务委", "市工业和信息化委")],
  "14": [
    ...resp(ZS, "市金融局", "人民银行天津分行", "天津银监局", "天津保监局", "市财政局"),
    ...sup("市市场监管委", "市版权局", "天津证监局"),
  ],
  "15": resp(ZS, "市市场监管委", "市版权局", "市文化广播影视局"),
  "16": [...lead("市商务委", ZS), ...sup("市公安局", "天津海关", "市市场监管委", "市版权局", "市农委", "市文化市场行政执法总队")],
  "17": [...lead(ZS), ...sup("市公安局", "天津海关", "市司法局")],
  "18": [...lead(ZS), ...sup("市市场监管委", "市工业和信息化委", "市人力社保局", "市科委", "市中小企业局")],
  "19": resp(ZS, "市市场监管委", "市版权局", "市文化广播影视局"),
  "20": [...lead(ZS), ...sup("市工业和信息化委", "市市场监管委", "市版权局", "市农委")],
  "21": [...lead(ZS), ...sup("市金融局", "市司法局", "市科委", "市发展改革委", "市工业和信息化委")],
  "22": resp(ZS, "市教委", "市科委", "市人力社保局"),
  "23": [...lead(ZS), ...sup("市财政局", "市公安局", "市商务委", "市外办", "市市场监管委", "市版权局", "市农委", "市文化广播影视局")],
  "24": [...lead(ZS), ...sup("市市场监管委", "市版权局")],
  "25": resp("市知识产权战略领导小组成员单位"),
  "26": [...lead("市科委", ZS), ...sup("市财政局", "天津保监局")],
  "27": [...lead(ZS), ...sup("市委宣传部", "市教委", "市市场监管委", "市版权局", "市文化广播影视局")],
};

describe("seed 003 — Tianjin 2016 implementing opinions", () => {
  it("reads the metadata from the signature; the page title and 发布部门 do not make a second plan", () => {
    expect(result.plans).toHaveLength(1);
    expect(plan).toMatchObject({
      slug: "tianjin-2016",
      title: "天津市人民政府办公厅关于加快推进知识产权强市建设的实施意见",
      issuer: "天津市人民政府办公厅",
      issuedOn: "2016-10-13",
      period: null,
    });
  });

  it("has tasks (四)…(二十七) numbered 4–27", () => {
    expect(plan.tasks.map((t) => t.number)).toEqual(Array.from({ length: 24 }, (_, i) => String(i + 4)));
    expect(task(plan, "4").title).toBe("强化天津市知识产权战略领导小组工作机制");
    expect(task(plan, "12").title).toBe("加强天津国家自主创新示范区(以下简称自创区)知识产权工作");
    expect(task(plan, "27").title).toBe("加强宣传引导");
  });

  it("uses the 一、… headings as sections", () => {
    const sections = [...new Set(plan.tasks.map((t) => t.section))];
    expect(sections).toEqual([
      "推进知识产权管理体制机制创新",
      "促进知识产权创造和运用",
      "实行严格的知识产权保护",
      "打造全产业链高端知识产权服务体系",
      "扩大知识产权开放合作",
      "加强组织实施和政策保障",
    ]);
    expect(task(plan, "15").section).toBe("促进知识产权创造和运用");
    expect(task(plan, "16").section).toBe("实行严格的知识产权保护");
  });

  it("reads every task's units and roles (分别负责, 分别牵头, 等按职责分别负责)", () => {
    for (const t of plan.tasks) expect(unitsOf(t), `task ${t.number}`).toEqual(EXPECTED[t.number]);
  });

  it("keeps an unlisted leading group as one unit, with a warning", () => {
    expect(warningsAbout(plan, /does not list the members/)).toEqual([62]);
  });

  it("keeps the signature out of the last task", () => {
    expect(task(plan, "27").text).not.toContain("天津市人民政府办公厅");
    expect(task(plan, "27").text).not.toContain("网站链接");
    for (const t of plan.tasks) expect(t.deadlines).toEqual([]);
  });
});
