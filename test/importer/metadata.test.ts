import { describe, expect, it } from "vitest";
import { findDeadlines } from "../../src/importer/deadlines.ts";
import { periodOf } from "../../src/importer/metadata.ts";
import { normalizeForMatch } from "../../src/importer/normalize.ts";
import { leadingPlace, planSlug, uniqueSlugs } from "../../src/importer/slug.ts";

const deadlines = (text: string): ReturnType<typeof findDeadlines> => findDeadlines(text, normalizeForMatch(text));

describe("deadlines", () => {
  it("reads dates, months, year ends and yearly recurrences (the named period included)", () => {
    expect(deadlines("每年12月15日前向市知识产权主管部门报送")).toEqual([
      { text: "每年12月15日前", date: null, recurrence: "yearly" },
    ]);
    expect(deadlines("2021年5月前，对实施效果进行评估")).toEqual([{ text: "2021年5月前", date: "2021-05-31", recurrence: null }]);
    expect(deadlines("力争2026年底前实现全覆盖")).toEqual([{ text: "2026年底前", date: "2026-12-31", recurrence: null }]);
    expect(deadlines("2023年9月30日之前完成")).toEqual([{ text: "2023年9月30日之前", date: "2023-09-30", recurrence: null }]);
    expect(deadlines("2022年第三季度前上线")).toEqual([{ text: "2022年第三季度前", date: "2022-09-30", recurrence: null }]);
    expect(deadlines("到2025年全部取消")).toEqual([{ text: "到2025年", date: "2025-12-31", recurrence: null }]);
  });

  it("works on Traditional and full-width text", () => {
    expect(deadlines("２０２２年６月底前出台辦法")).toEqual([{ text: "２０２２年６月底前", date: "2022-06-30", recurrence: null }]);
  });

  it("leaves goal years, ranges and impossible dates alone", () => {
    expect(deadlines("到2026年，全市知识产权专员突破800人")).toEqual([]);
    expect(deadlines("2019年底，知识产权创造质量进一步提升")).toEqual([]);
    expect(deadlines("2019年前三季度专利申请量")).toEqual([]);
    expect(deadlines("2021年2月30日前完成")).toEqual([]);
  });
});

describe("period", () => {
  it("reads ranges and single years from titles, not from cited documents", () => {
    expect(periodOf("蚌埠市国家知识产权强市建设试点城市工作方案（2024—2026年）")).toEqual({ start: 2024, end: 2026 });
    expect(periodOf("2019-2021年深圳市打造国家知识产权强市")).toEqual({ start: 2019, end: 2021 });
    expect(periodOf("推动知识产权高质量发展年度工作指引（2019）")).toEqual({ start: 2019, end: 2019 });
    expect(periodOf("关于贯彻《知识产权强国建设纲要（2021—2035年）》的实施意见")).toBeNull();
  });
});

describe("slugs", () => {
  it("romanises the leading place and adds the period", () => {
    expect(planSlug({ title: "蚌埠市国家知识产权强市建设试点城市工作方案(2024—2026年)", issuer: null, period: { start: 2024, end: 2026 }, issuedOn: null })).toBe(
      "bengbu-2024-2026",
    );
    expect(planSlug({ title: "重庆市知识产权保护工作要点", issuer: null, period: null, issuedOn: "2022-05-01" })).toBe("chongqing-2022-points");
    expect(planSlug({ title: "廈門市知識產權工作方案", issuer: null, period: { start: 2020, end: 2020 }, issuedOn: null })).toBe("xiamen-2020");
  });

  it("falls back to the issuer: a national body by its abbreviation", () => {
    expect(planSlug({ title: "2019年推动知识产权高质量发展任务清单", issuer: "国家知识产权局", period: { start: 2019, end: 2019 }, issuedOn: null })).toBe(
      "cnipa-2019-tasks",
    );
    expect(planSlug({ title: "加快推进知识产权强市建设的实施意见", issuer: "天津市人民政府办公厅", period: null, issuedOn: "2016-10-13" })).toBe(
      "tianjin-2016",
    );
  });

  it("is the same for the same title, and unique within one import", () => {
    const input = { title: "深圳市关于打造国家知识产权强市的工作方案(2019-2021年)", issuer: null, period: { start: 2019, end: 2021 }, issuedOn: null };
    expect(planSlug(input)).toBe(planSlug({ ...input }));
    expect(uniqueSlugs(["a", "b", "a", "a"])).toEqual(["a", "b", "a-2", "a-3"]);
  });

  it("does not take a national title's words for a place", () => {
    expect(leadingPlace("国家知识产权强市建设试点城市评定办法")).toBeNull();
    expect(leadingPlace("内蒙古自治区知识产权局工作要点")).toBe("内蒙古自治区");
  });
});
