import { describe, expect, it } from "vitest";
import { formatKindValue, formatTargetInput, formatTargetValue } from "../../../src/core/targets/format.ts";
import { matchTargets, parseTargetQuery } from "../../../src/core/targets/match.ts";

describe("formatTargetValue", () => {
  it.each([
    [2_500_000_000, "元", "25亿元", "25億元", "2.5 billion yuan"],
    [1_720_000_000, "元", "17.2亿元", "17.2億元", "1.72 billion yuan"],
    [130_000, "件", "13万件", "13萬件", "130,000 件"],
    [49_000, "件", "4.9万件", "4.9萬件", "49,000 件"],
    [12_345, "件", "1.2345万件", "1.2345萬件", "12,345 件"],
    [9.54, "件", "9.54件", "9.54件", "9.54 件"],
    [471, "人", "471人", "471人", "471 人"],
    [86, "%", "86%", "86%", "86%"],
    [250_000, "%", "250000%", "250000%", "250,000%"],
    [99_999_999.99, "元", "1亿元", "1億元", "100 million yuan"],
    [0, "家", "0家", "0家", "0 家"],
    [-30_000, "件", "-3万件", "-3萬件", "-30,000 件"],
    [Number.NaN, "件", "—", "—", "—"],
  ])("%d %s", (value, unit, zhCN, zhTW, en) => {
    expect(formatTargetValue(value, unit, "zh-CN")).toBe(zhCN);
    expect(formatTargetValue(value, unit, "zh-TW")).toBe(zhTW);
    expect(formatTargetValue(value, unit, "en")).toBe(en);
  });

  it("a computed pace keeps fewer decimals than a reported value", () => {
    expect(formatTargetValue(2_099_726_027.4, "元", "zh-CN")).toBe("20.9973亿元");
    expect(formatTargetValue(2_099_726_027.4, "元", "zh-CN", { approximate: true })).toBe("21亿元");
    expect(formatTargetValue(11.2513, "件", "zh-CN", { approximate: true })).toBe("11.25件");
  });

  it("growth and reduction read as changes against the base year; the input form stays zh-CN", () => {
    expect(formatKindValue(20, "%", "growth", "en")).toBe("+20%");
    expect(formatKindValue(15, "%", "reduction", "zh-CN")).toBe("−15%");
    expect(formatKindValue(-3, "%", "reduction", "zh-CN")).toBe("+3%");
    expect(formatKindValue(0, "%", "growth", "zh-CN")).toBe("0%");
    expect(formatKindValue(15, "件", "level", "zh-CN")).toBe("15件");
    expect(formatTargetInput(1_860_000_000, "元")).toBe("18.6亿元");
  });
});

describe("parseTargetQuery", () => {
  it.each([
    ["", { kind: "list", page: 1 }],
    ["page 2", { kind: "list", page: 2 }],
    ["第二页", { kind: "list", page: 2 }],
    ["第２頁", { kind: "list", page: 2 }],
    ["page 0", { kind: "list", page: 0 }],
    ["3", { kind: "position", position: 3 }],
    ["三", { kind: "position", position: 3 }],
    ["#3", { kind: "position", position: 3 }],
    ["第3项", { kind: "position", position: 3 }],
    ["质押融资", { kind: "name", query: "质押融资" }],
    ["PCT", { kind: "name", query: "PCT" }],
  ])("%j", (text, query) => {
    expect(parseTargetQuery(text)).toEqual(query);
  });
});

describe("matchTargets", () => {
  const targets = ["每万人口高价值发明专利拥有量", "有效商标注册量", "知识产权质押融资金额", "知识产权专员数", "PCT专利年申请量"].map((name) => ({ name }));
  const positions = (q: string) => matchTargets(targets, q).map((m) => m.position);

  it("finds fragments in Simplified or Traditional, ignoring case, spaces and punctuation", () => {
    expect(positions("质押融资")).toEqual([3]);
    expect(positions("質押融資")).toEqual([3]);
    expect(positions("pct")).toEqual([5]);
    expect(positions("商标 注册")).toEqual([2]);
    expect(positions("专利")).toEqual([1, 5]);
  });

  it("an exact name wins over names that contain it; characters in order are a last resort", () => {
    const withShort = [...targets, { name: "专利" }];
    expect(matchTargets(withShort, "專利").map((m) => m.position)).toEqual([6]);
    expect(positions("融资额")).toEqual([3]);
    expect(positions("天气")).toEqual([]);
    expect(positions("额")).toEqual([3]);
    expect(positions("数量")).toEqual([]);
    expect(positions("、。")).toEqual([]);
  });
});
