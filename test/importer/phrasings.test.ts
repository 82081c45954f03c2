import { groupMembersFromNames } from "../../src/core/unit-groups.ts";
import { describe, expect, it } from "vitest";
import { parsePlanDocument } from "../../src/importer/index.ts";
import type { ImportedPlan } from "../../src/importer/types.ts";
import { task, unitsOf } from "./seed-helpers.ts";

// Owner phrasings found in real plans, each in a short document written for this test.

function plan(text: string): ImportedPlan {
  const result = parsePlanDocument(text, { sourceName: "test.txt" });
  expect(result.plans).toHaveLength(1);
  return result.plans[0]!;
}

describe("会同", () => {
  const p = plan(
    [
      "某市2025年知识产权工作要点",
      "一、强化创造",
      "1.培育高价值专利。建立专利导航机制。（市知识产权局会同相关部门负责）",
      "2.推进商标品牌建设。开展品牌培育。（市市场监管局会同市商务局、市农业农村局负责）",
      "3.建设保护中心。争取国家批复。（市知识产权局牵头，会同市编办负责）",
    ].join("\n"),
  );

  it("gives A the role and B support; 相关部门 is not a unit", () => {
    expect(unitsOf(task(p, "1"))).toEqual(["市知识产权局:responsible"]);
    expect(unitsOf(task(p, "2"))).toEqual(["市市场监管局:responsible", "市商务局:support", "市农业农村局:support"]);
    expect(unitsOf(task(p, "3"))).toEqual(["市知识产权局:lead", "市编办:support"]);
    expect(p.units.map((u) => u.name)).not.toContain("相关部门");
    expect(p.units.map((u) => u.name).some((n) => n.includes("会同"))).toBe(false);
  });
});

describe("A、B、C等部门负责", () => {
  it("reads C as a unit without 等部门", () => {
    const p = plan(["某市版权工作方案（2025年）", "一、加强版权保护。开展专项行动。（市版权局、市公安局、市文化广电旅游局等部门负责）"].join("\n"));
    expect(unitsOf(task(p, "1"))).toEqual(["市版权局:responsible", "市公安局:responsible", "市文化广电旅游局:responsible"]);
  });
});

describe("unit names with brackets of their own", () => {
  it("keeps 稽查科（竞争科） and 漕开发（知识产权监管）所 whole inside （牵头部门：…；配合部门：…）", () => {
    const p = plan(
      [
        "某区知识产权保护工作方案",
        "一、强化执法",
        "（一）开展集中整治。查处侵权案件。（牵头部门：区市场监管局稽查科（竞争科）；配合部门：漕开发（知识产权监管）所、区公安分局）",
      ].join("\n"),
    );
    expect(unitsOf(task(p, "1"))).toEqual([
      "区市场监管局稽查科（竞争科）:lead",
      "漕开发（知识产权监管）所:support",
      "区公安分局:support",
    ]);
  });
});

describe("several owner brackets in one item", () => {
  it("takes the union of the brackets, one per measure, with their roles", () => {
    const p = plan(
      [
        "某省网络知识产权保护行动方案（2025—2026年）",
        "一、治理网络侵权",
        "1.净化网络环境。建立监测机制（省委网信办、省公安厅负责）；开展平台治理，压实平台责任（省市场监管局牵头，省商务厅、省通信管理局配合）。",
      ].join("\n"),
    );
    expect(unitsOf(task(p, "1"))).toEqual([
      "省委网信办:responsible",
      "省公安厅:responsible",
      "省市场监管局:lead",
      "省商务厅:support",
      "省通信管理局:support",
    ]);
  });
});

describe("牵头单位 / 责任单位 / 配合单位 fields", () => {
  const p = plan(
    [
      "某县知识产权工作方案",
      "一、重点任务",
      "1.加强人才培养。实施培训计划。牵头单位：县人社局；配合单位：县财政局、县教育局。",
      "2.推进运营服务。建设运营中心。责任单位：县市场监管局",
      "3.强化保护。开展执法。",
      "牵头单位：县市场监管局",
      "配合单位：县公安局",
    ].join("\n"),
  );

  it("reads them after the item's text and on lines of their own", () => {
    expect(unitsOf(task(p, "1"))).toEqual(["县人社局:lead", "县财政局:support", "县教育局:support"]);
    expect(unitsOf(task(p, "2"))).toEqual(["县市场监管局:responsible"]);
    expect(unitsOf(task(p, "3"))).toEqual(["县市场监管局:lead", "县公安局:support"]);
  });

  it("does not call a document that ends on a field line truncated", () => {
    expect(p.warnings.filter((w) => /truncated/.test(w.message))).toEqual([]);
  });
});

describe("a whole document on one line", () => {
  const text =
    "某市知识产权保护工作方案（2025—2027年） 为加强知识产权保护，推动创新发展，结合本市实际，制定本方案。 一 总体要求 到2027年，知识产权保护体系基本建成。 " +
    "二 重点任务 （一）完善保护体系。建立快速协同保护机制。（市知识产权局牵头，市公安局配合） （二）加强行政执法。开展专项整治行动。（市市场监管局负责） " +
    "（三）强化司法保护。完善审判机制。（市中级人民法院、市人民检察院按职责分工负责） 三 保障措施 加强组织领导。";
  const p = plan(text);

  it("splits before each numbered item, 一 without 、 included, and says so", () => {
    expect(p.title).toBe("某市知识产权保护工作方案（2025—2027年）");
    expect(p.period).toEqual({ start: 2025, end: 2027 });
    expect(p.tasks.map((t) => [t.number, t.title, t.section])).toEqual([
      ["1", "完善保护体系", "重点任务"],
      ["2", "加强行政执法", "重点任务"],
      ["3", "强化司法保护", "重点任务"],
    ]);
    expect(unitsOf(task(p, "3"))).toEqual(["市中级人民法院:responsible", "市人民检察院:responsible"]);
    expect(p.warnings.some((w) => /written on 1 line.*split before each numbered item/.test(w.message))).toBe(true);
  });

  it("reads 一 完善 as a section heading on ordinary lines too", () => {
    const q = plan(["某市知识产权工作方案", "一 完善体系", "（一）建立机制。（市知识产权局负责）", "二 强化保护", "（二）开展执法。（市市场监管局负责）"].join("\n"));
    expect(q.tasks.map((t) => [t.number, t.section])).toEqual([
      ["1", "完善体系"],
      ["2", "强化保护"],
    ]);
  });
});

describe("a flattened task table without printed numbers", () => {
  const p = plan(
    [
      "某区2025年知识产权重点任务分工表",
      "重点任务",
      "工作内容",
      "牵头单位",
      "配合单位",
      "完成时限",
      "培育高价值专利",
      "开展专利导航，培育高价值专利组合",
      "区市场监管局",
      "区科技局、区财政局",
      "2025年12月底",
      "推进商标品牌建设",
      "培育地理标志品牌",
      "区市场监管局",
      "区农业农村局",
      "2025年10月",
      "加强知识产权保护",
      "开展专项执法行动",
      "区市场监管局",
      "区公安分局",
      "长期坚持",
    ].join("\n"),
  );

  it("makes each row a task numbered in order, owners and deadline by column", () => {
    expect(p.title).toBe("某区2025年知识产权重点任务分工表");
    expect(p.tasks.map((t) => [t.number, t.title])).toEqual([
      ["1", "培育高价值专利"],
      ["2", "推进商标品牌建设"],
      ["3", "加强知识产权保护"],
    ]);
    expect(unitsOf(task(p, "1"))).toEqual(["区市场监管局:lead", "区科技局:support", "区财政局:support"]);
    expect(task(p, "1").text).toContain("开展专利导航");
    expect(task(p, "1").deadlines.map((d) => d.date)).toEqual(["2025-12-31"]);
    expect(task(p, "2").deadlines.map((d) => d.date)).toEqual(["2025-10-31"]);
    expect(task(p, "3").deadlines).toEqual([]);
  });

  it("stops at a row whose cells do not line up, and says where", () => {
    const q = plan(
      ["某区知识产权任务分工表", "工作任务", "责任单位", "完成时限", "建设保护中心", "区市场监管局", "2025年底", "开展执法", "2025年底", "区公安分局"].join("\n"),
    );
    expect(q.tasks.map((t) => t.title)).toEqual(["建设保护中心"]);
    expect(q.warnings.some((w) => w.line === 8 && /do not line up/.test(w.message))).toBe(true);
  });
});

describe("title, period and issuer", () => {
  it("takes the title from the document's title line, not a 《…》 it cites; a page's 来源/作者 is no issuer", () => {
    const p = plan(
      [
        "首页 > 政策文件 > 正文",
        "知识产权保护能力提升实施方案",
        "来源：本网  作者：王明  发布时间：2025-03-06",
        "为推动《“十四五”国家知识产权保护和运用规划》落地见效，对照《知识产权强国建设纲要（2021—2035年）》，结合本地实际，制定本方案。",
        "一、强化保护",
        "1.建立快速协同保护机制。（区市场监管局牵头，区公安分局配合）",
      ].join("\n"),
    );
    expect(p).toMatchObject({ title: "知识产权保护能力提升实施方案", issuer: null, period: null });
  });

  it("does not take the period of a cited plan when no title line is found", () => {
    const p = plan(
      [
        "为落实《知识产权强国建设纲要（2021—2035年）》要求，围绕《某省知识产权保护规划（2021—2025年）》部署，制定以下措施。",
        "一、强化保护",
        "1.建立快速协同保护机制。（区市场监管局牵头，区公安分局配合）",
      ].join("\n"),
    );
    expect(p.period).toBeNull();
    expect(p.title).not.toMatch(/纲要|规划/);
  });
});

describe("unit groups written with brackets: 各县（市、区）", () => {
  const p = plan(
    [
      "某市2026年知识产权工作要点",
      "一、重点任务",
      "1.建设县级保护工作站。（各县（市、区）负责）",
      "2.培育地理标志产品。（怀远县政府、五河县政府、蚌山区政府负责）",
      "3.加强行政执法。（市市场监管局牵头，各县（市、区）配合）",
    ].join("\n"),
  );

  it("keeps the group whole as written, with its role, and it stands for the county and district units the plan names", () => {
    expect(unitsOf(task(p, "1"))).toEqual(["各县（市、区）:responsible"]);
    expect(unitsOf(task(p, "3"))).toEqual(["市市场监管局:lead", "各县（市、区）:support"]);
    expect(p.units.map((u) => u.name)).not.toContain("各县");
    expect(groupMembersFromNames("各县（市、区）", p.units.map((u) => u.name))).toEqual(["怀远县政府", "五河县政府", "蚌山区政府"]);
    expect(p.warnings.filter((w) => /note/.test(w.message))).toEqual([]);
  });
});
