import { describe, expect, it } from "vitest";
import { recognizeUpdate, type Recognition } from "../../../src/core/recognize/index.ts";
import { ask, CTX, target } from "./fixtures.ts";

const cases: [string, Partial<Recognition>][] = [
  ["质押融资 18.6亿元", target(3, 1_860_000_000)],
  ["質押融資 18.6億元", target(3, 1_860_000_000)],
  ["知识产权质押融资金额累计达到18.6亿元（截至6月底）", target(3, 1_860_000_000, "截至6月底")],
  ["截至6月底,质押融资18.6亿元", target(3, 1_860_000_000, "截至6月底")],
  ["今年质押融资已经18.6亿", target(3, 1_860_000_000)],
  ["质押融资 5000万元", target(3, 50_000_000)],
  ["质押融资 18.6亿件", ask("unit_mismatch", [3])],
  ["质押融资 18.6", ask("unit_mismatch", [3])],
  ["专员 620人", target(6, 620)],
  ["专员数 620", target(6, 620)],
  ["知识产权专员 650名", target(6, 650)],
  ["满意度 88%", target(5, 88)],
  ["社会满意度百分之九十", target(5, 90)],
  ["贯标企业 150家", target(4, 150)],
  ["贯标企业数量达到150家了", target(4, 150)],
  ["PCT 45件", target(7, 45)],
  ["ＰＣＴ专利申请量 ４５ 件", target(7, 45)],
  ["高价值发明专利 12.3件", target(1, 12.3)],
  ["每万人口高价值发明专利拥有量 11.2 件", target(1, 11.2)],
  ["有效商标注册量 5.5万件", target(2, 55_000)],
  ["商标 5.5万", target(2, 55_000)],
  ["著作权登记 8000件", target(8, 8000)],
  ["新增著作权登记量 1.2万件", target(8, 12_000)],
  ["省级网点 5家", target(10, 5)],
  ["示范企业 25个", target(9, 25)],
  ["示范企业 25人", ask("unit_mismatch", [9])],
  ["专利 45件", ask("which_target", [1, 7])],
  ["专利 12%", target(11, 12)],
  ["质押融资18.6亿元,专员620人", ask("which_target", [3, 6])],
  ["任务7 质押融资 18.6亿元", target(3, 1_860_000_000)],
  ["质押融资:\n18.6亿元 📈", target(3, 1_860_000_000)],
];

describe("recognizeUpdate: target updates", () => {
  it.each(cases)("%j", (text, expected) => {
    const result = recognizeUpdate(text, CTX);
    if (expected.kind === "ambiguous") expect(result).toMatchObject({ ...expected, text: text.trim() });
    else expect(result).toEqual(expected);
  });

  it("converts to a target unit that carries a magnitude", () => {
    const ctx = { taskNumbers: [], targets: [{ id: 1, name: "质押融资金额", unit: "万元" }] };
    expect(recognizeUpdate("质押融资 18.6亿元", ctx)).toEqual(target(1, 186_000));
  });

  it("ignores a quantity when the plan has no matching target", () => {
    expect(recognizeUpdate("质押融资 18.6亿元", { taskNumbers: ["1"], targets: [] })).toEqual({ kind: "none" });
  });
});

describe("recognizeUpdate: quantities", () => {
  it.each([
    ["有效商标 13万件", 2, 130_000],
    ["质押融资 5千万元", 3, 50_000_000],
    ["质押融资 ２５億元", 3, 2_500_000_000],
    ["质押融资 3000块", 3, 3000],
    ["专员 两千人", 6, 2000],
    ["贯标企业 1,200家", 4, 1200],
  ])("%j", (text, id, value) => {
    expect(recognizeUpdate(text, CTX)).toEqual(target(id, value));
  });

  it("does not take a date or a duration for the value", () => {
    expect(recognizeUpdate("6月 专员 620人", CTX)).toEqual(target(6, 620, "6月"));
    expect(recognizeUpdate("贯标企业 3个月", CTX)).toMatchObject({ kind: "none" });
  });
});
