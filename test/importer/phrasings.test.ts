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
