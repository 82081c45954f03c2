import { describe, expect, it } from "vitest";
import { findQuantities, parseComparator, parseQuantity } from "../../src/importer/quantity.ts";

describe("parseQuantity", () => {
  it.each([
    ["13万件", { value: 130000, unit: "件" }],
    ["25亿元", { value: 2500000000, unit: "元" }],
    ["18.6亿元", { value: 1860000000, unit: "元" }],
    ["1.2万件", { value: 12000, unit: "件" }],
    ["9.54件", { value: 9.54, unit: "件" }],
    ["９.５４件", { value: 9.54, unit: "件" }],
    ["１３萬件", { value: 130000, unit: "件" }],
    ["20%", { value: 20, unit: "%" }],
    ["２０％", { value: 20, unit: "%" }],
    ["百分之二十", { value: 20, unit: "%" }],
    ["5千万元", { value: 50000000, unit: "元" }],
    ["千万元", { value: 10000000, unit: "元" }],
    ["三千万元", { value: 30000000, unit: "元" }],
    ["1,350亿元", { value: 135000000000, unit: "元" }],
    ["三家", { value: 3, unit: "家" }],
    ["十五项", { value: 15, unit: "项" }],
    ["两万件", { value: 20000, unit: "件" }],
    ["一百二十家", { value: 120, unit: "家" }],
    ["5个月", { value: 5, unit: "个月" }],
    ["2个百分点", { value: 2, unit: "个百分点" }],
    ["40余期", { value: 40, unit: "期" }],
    ["1万余人", { value: 10000, unit: "人" }],
    ["500人次", { value: 500, unit: "人次" }],
  ])("%s", (text, expected) => {
    expect(parseQuantity(text)).toEqual(expected);
  });

  it.each([
    ["1—2个", { value: 1, valueMax: 2, unit: "个" }],
    ["1-2家", { value: 1, valueMax: 2, unit: "家" }],
    ["1~2个", { value: 1, valueMax: 2, unit: "个" }],
    ["一至两家", { value: 1, valueMax: 2, unit: "家" }],
    ["5—8万件", { value: 50000, valueMax: 80000, unit: "件" }],
    ["5万件—8万件", { value: 50000, valueMax: 80000, unit: "件" }],
    ["10%-20%", { value: 10, valueMax: 20, unit: "%" }],
  ])("range %s", (text, expected) => {
    expect(parseQuantity(text)).toEqual(expected);
  });

  it("finds the quantity inside a chat message, skipping years and dates", () => {
    expect(parseQuantity("质押融资 18.6亿元")).toEqual({ value: 1860000000, unit: "元" });
    expect(parseQuantity("2024年3月质押融资達到18.6億元")).toEqual({ value: 1860000000, unit: "元" });
    expect(parseQuantity("专员 620")).toBeNull();
  });

  it("returns a bare number with an empty unit only when that is the whole text", () => {
    expect(parseQuantity("18.6")).toEqual({ value: 18.6, unit: "" });
    expect(parseQuantity(" 620 ")).toEqual({ value: 620, unit: "" });
  });

  it("returns null for text without a quantity", () => {
    for (const text of ["", "   ", "实现零的突破", "每万人口", "2019-2021年", "国发〔2015〕71号", "十四五", "一站式"]) {
      expect(parseQuantity(text)).toBeNull();
    }
  });

  it("does not read a change from one value to another as a range", () => {
    expect(findQuantities("从5家到10家").map((q) => [q.value, q.valueMax, q.unit])).toEqual([
      [5, undefined, "家"],
      [10, undefined, "家"],
    ]);
  });

  it("reads a number right after a comma, but not the middle of a thousands-separated one", () => {
    expect(findQuantities("达到5件,1次,1,350亿元").map((q) => [q.value, q.unit])).toEqual([
      [5, "件"],
      [1, "次"],
      [135000000000, "元"],
    ]);
  });

  it("reads long runs of numerals, digits and spaces without failing", () => {
    // Their speed is measured by `npm run bench hostile-input`: a time limit here fails on a busy machine.
    for (const text of ["万".repeat(3000), "1".repeat(20000), `1${" ".repeat(20000)}件`, "三".repeat(5000) + "年"]) {
      expect(() => parseQuantity(text)).not.toThrow();
    }
  });

  it("flags multiplier-only numbers that are part of words", () => {
    const found = findQuantities("每万人口拥有量达到14件");
    expect(found.map((q) => [q.value, q.bareMultiplier])).toEqual([
      [10000, true],
      [14, false],
    ]);
  });
});

describe("parseComparator", () => {
  it.each([
    ["达到14件", ">="],
    ["达93件以上", ">="],
    ["90%以上", ">="],
    ["不少于200家", ">="],
    ["不低于10%", ">="],
    ["突破800人", ">="],
    ["至少召开1次", ">="],
    ["增幅≥20%", ">="],
    ["5个月以内", "<="],
    ["不超过5%", "<="],
    ["控制在3%以下", "<="],
    ["超过1350亿元", ">"],
    ["超50%", ">"],
    ["增长超50%", ">"],
    ["40余期", ">"],
    ["100多家", ">"],
    ["達到14件", ">="],
    ["不超過5%", "<="],
  ])("%s → %s", (text, expected) => {
    expect(parseComparator(text)).toBe(expected);
  });

  it("lets a bound win over an achievement verb", () => {
    expect(parseComparator("压缩至达到5个月以内")).toBe("<=");
    expect(parseComparator("达到90%以上")).toBe(">=");
  });

  it("returns null when the text states no comparator", () => {
    for (const text of ["新增1.2万件", "发达地区", "超级计算", "", "约300个"]) expect(parseComparator(text)).toBeNull();
  });
});
