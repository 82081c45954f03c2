import { describe, expect, it } from "vitest";
import { normalizeForMatch } from "../../src/importer/normalize.ts";
import { parseOwnerClause, parseUnitList, trailingGroup } from "../../src/importer/owners.ts";
import { readRequirement } from "../../src/importer/responsibility.ts";

function clause(text: string): string[] | null {
  const parsed = parseOwnerClause(text, normalizeForMatch(text), 1);
  return parsed ? parsed.mentions.map((m) => `${m.name}:${m.role}`) : null;
}

describe("owner clauses", () => {
  it("reads roles from the words that end each part", () => {
    expect(clause("市知识产权局牵头，市市场监管委、市版权局分别负责")).toEqual([
      "市知识产权局:lead",
      "市市场监管委:responsible",
      "市版权局:responsible",
    ]);
    expect(clause("市科委、市知识产权局分别牵头,市财政局、天津保监局配合")).toEqual([
      "市科委:lead",
      "市知识产权局:lead",
      "市财政局:support",
      "天津保监局:support",
    ]);
    expect(clause("市法院、市检察院按职责分工负责")).toEqual(["市法院:responsible", "市检察院:responsible"]);
    expect(clause("市金融局、市财政局等按职责分别负责，市版权局参与")).toEqual([
      "市金融局:responsible",
      "市财政局:responsible",
      "市版权局:support",
    ]);
  });

  it("gives parts without a role word the role of the next part", () => {
    expect(clause("市市场监管局、市科技局，各县、区人民政府按职责分工负责")).toEqual([
      "市市场监管局:responsible",
      "市科技局:responsible",
      "各县、区人民政府:responsible",
    ]);
  });

  it("distributes a level prefix only over department names", () => {
    expect(clause("市发展改革委、科技创新委、财政局配合")).toEqual(["市发展改革委:support", "市科技创新委:support", "市财政局:support"]);
    expect(clause("市公安局、司法局、前海管理局、深圳海关配合")).toEqual([
      "市公安局:support",
      "市司法局:support",
      "前海管理局:support",
      "深圳海关:support",
    ]);
    expect(clause("市科技局、市场监管局配合")).toEqual(["市科技局:support", "市市场监管局:support"]);
  });

  it("works on Traditional text and keeps its script", () => {
    expect(clause("市知識產權局牽頭，市科技局、財政局配合")).toEqual(["市知識產權局:lead", "市科技局:support", "市財政局:support"]);
  });

  it("reads aliases and inclusions in nested brackets", () => {
    const text = "市市场监管局（市知识产权局）牵头，各区政府（含新区管委会、深汕特别合作区管委会，下同）配合";
    const parsed = parseOwnerClause(text, normalizeForMatch(text), 1)!;
    expect(parsed.mentions[0]).toMatchObject({ name: "市市场监管局", aliases: ["市知识产权局"] });
    expect(parsed.mentions[1]).toMatchObject({
      name: "各区政府",
      includes: ["新区管委会", "深汕特别合作区管委会"],
      hereafter: true,
    });
  });

  it("reads labelled parts, role words with a verb, 和-joined names and 等部门", () => {
    expect(clause("牵头单位：市知识产权局；配合单位：市科技局、财政局")).toEqual([
      "市知识产权局:lead",
      "市科技局:support",
      "市财政局:support",
    ]);
    expect(clause("市知识产权局牵头实施，市科技局和市财政局、市工业和信息化局等部门配合")).toEqual([
      "市知识产权局:lead",
      "市科技局:support",
      "市财政局:support",
      "市工业和信息化局:support",
    ]);
  });

  it("reads a role written after one unit of a list: 市知识产权局（牵头）", () => {
    const text = "市知识产权局（牵头）、市科技局、市财政局";
    const parsed = parseUnitList(text, normalizeForMatch(text), "responsible", 1);
    expect(parsed.mentions.map((m) => `${m.name}:${m.role}`)).toEqual([
      "市知识产权局:lead",
      "市科技局:responsible",
      "市财政局:responsible",
    ]);
  });

  it("keeps a bracket inside a name and skips notes that are not units", () => {
    expect(clause("各区（市、县）人民政府按职责分工负责")).toEqual(["各区（市、县）人民政府:responsible"]);
    const text = "市知识产权局负责，2025年底前完成";
    const parsed = parseOwnerClause(text, normalizeForMatch(text), 7)!;
    expect(parsed.mentions.map((m) => m.name)).toEqual(["市知识产权局"]);
    expect(parsed.warnings).toEqual([{ line: 7, message: "“2025年底前完成” in an owner clause is not a unit; kept in the text only" }]);
  });

  it("is not fooled by other bracketed text", () => {
    expect(clause("国发〔2015〕71号")).toBeNull();
    expect(clause("以下简称自创区")).toBeNull();
    expect(clause("GB/T29490-2013")).toBeNull();
    expect(clause("含新区管委会、深汕特别合作区管委会,下同")).toBeNull();
    expect(clause("由企业根据自身情况自主决定是否参与")).toBeNull();
  });

  it("finds the bracket group that ends a line, nested brackets included", () => {
    const line = "推进工作。〔市市场监管局（市知识产权局），各县、区人民政府（市高新区管委会，下同）按职责分工负责〕。";
    const [open, close] = trailingGroup(normalizeForMatch(line))!;
    expect(line.slice(open, close + 1)).toMatch(/^〔市市场监管局.*负责〕$/);
    expect(trailingGroup(normalizeForMatch("没有括号的句子。"))).toBeNull();
  });
});

describe("unit lists", () => {
  it("qualifies sub-departments by the parent named before them", () => {
    const text = "条法司、战略规划司，专利局审业部、自动化部、文献部，商标局";
    const names = parseUnitList(text, normalizeForMatch(text), "department", 1).mentions.map((m) => m.name);
    expect(names).toEqual(["条法司", "战略规划司", "专利局审业部", "专利局自动化部", "专利局文献部", "商标局"]);
  });
});

describe("must / optional", () => {
  const read = (text: string): ReturnType<typeof readRequirement> => readRequirement(text, normalizeForMatch(text));

  it("reads unconditional and conditional requirements", () => {
    expect(read("各省份必做")).toEqual({ required: true, note: null });
    expect(read("各示範城市知識產權局選做。")).toEqual({ required: false, note: null });
    expect(read("知识产权保护中心涉及省份必做;其他省份选做")).toEqual({
      required: true,
      note: "知识产权保护中心涉及省份必做;其他省份选做",
    });
    expect(read("商标审查协作中心涉及省份必做")).toEqual({ required: true, note: "商标审查协作中心涉及省份必做" });
    expect(read("按要求推进")).toEqual({ required: null, note: null });
  });
});
