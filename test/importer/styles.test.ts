import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { decodeDocument, type ParsedPlan } from "../../src/importer/index.ts";
import { fixture, fixtureBytes, roles, task, unitsOf, warningsAbout } from "./seed-helpers.ts";

// Documents written for these tests in the styles of real plans (not from seeds/).

describe("Traditional opinions with web chrome and （…牽頭，…配合） clauses", () => {
  const [plan] = fixture("traditional-opinions.txt").plans;

  it("reads metadata from the signature and ignores breadcrumb, counter and footer", () => {
    expect(plan).toMatchObject({
      slug: "guangzhou-2021",
      title: "廣州市人民政府關於加快建設知識產權強市的實施意見",
      issuer: "廣州市人民政府",
      issuedOn: "2021-03-30",
      period: null,
    });
    expect(plan!.tasks.some((t) => t.text.includes("{{"))).toBe(false);
  });

  it("keeps Traditional unit names and distributes 市 over 財政局", () => {
    expect(plan!.tasks.map((t) => t.number)).toEqual(["3", "4", "5"]);
    expect(unitsOf(task(plan!, "3"))).toEqual(["市知識產權局:lead", ...roles("support", "市科技局", "市財政局")]);
    expect(unitsOf(task(plan!, "4"))).toEqual([...roles("responsible", "市市場監督管理局", "市知識產權局"), "各區人民政府:support"]);
    expect(unitsOf(task(plan!, "5"))).toEqual(["市金融辦:lead", ...roles("responsible", "市知識產權局", "市財政局")]);
  });

  it("reads Traditional deadlines and warns about the item without owners", () => {
    expect(task(plan!, "3").deadlines).toEqual([{ text: "2022年6月底前", date: "2022-06-30", recurrence: null }]);
    expect(task(plan!, "4").deadlines).toEqual([{ text: "每年1月15日前", date: null, recurrence: "yearly" }]);
    expect(warningsAbout(plan!, /加強人才培養.*no responsible unit/)).toEqual([14]);
  });
});

describe("GB18030 notice + plan with 〔…〕 clauses, aliases, 下同 and a box", () => {
  const bytes = fixtureBytes("yichang-gb18030.txt");
  const [plan] = fixture("yichang-gb18030.txt").plans;

  it("decodes GB18030 bytes exactly", () => {
    const text = decodeDocument(bytes);
    expect(text).toContain("宜昌市知识产权强市建设三年行动方案（2025—2027年）");
    expect(iconv.encode(text, "gb18030").equals(bytes)).toBe(true);
  });

  it("takes the plan from behind its notice and 附件 line", () => {
    expect(plan).toMatchObject({
      slug: "yichang-2025-2027",
      title: "宜昌市知识产权强市建设三年行动方案（2025—2027年）",
      issuer: "宜昌市人民政府办公室",
      issuedOn: "2025-02-18",
      period: { start: 2025, end: 2027 },
    });
    expect(plan!.tasks.map((t) => [t.number, t.title, t.section])).toEqual([
      ["1", "培育高价值专利", "强化创造"],
      ["2", "加强品牌建设", "强化创造"],
      ["3", "完善保护体系", "强化保护"],
      ["4", "加强执法协作", "强化保护"],
    ]);
  });

  it("resolves aliases plan-wide, distributes 市, applies 含…下同 to later mentions", () => {
    expect(unitsOf(task(plan!, "1"))).toEqual([
      "市市场监管局:lead",
      ...roles("support", "市科技局", "市经信局", "各县市区人民政府", "宜昌高新区管委会"),
    ]);
    expect(unitsOf(task(plan!, "2"))).toEqual([
      "市市场监管局:lead",
      ...roles("support", "市农业农村局", "各县市区人民政府", "宜昌高新区管委会"),
    ]);
    expect(unitsOf(task(plan!, "3"))).toEqual(roles("responsible", "市市场监管局", "市公安局", "市中级人民法院"));
    expect(plan!.units[0]).toEqual({ name: "市市场监管局", aliases: ["市知识产权局"] });
  });

  it("keeps box lines out of task text and dates from the text", () => {
    expect(task(plan!, "2").text).not.toContain("绿色化工");
    expect(task(plan!, "1").deadlines).toEqual([{ text: "2025年底前", date: "2025-12-31", recurrence: null }]);
    expect(task(plan!, "4").deadlines).toEqual([{ text: "每年11月底前", date: null, recurrence: "yearly" }]);
  });
});

describe("task list with 局内/省份 lines followed by a separate work guide", () => {
  const result = fixture("national-list-and-guide.txt");
  const [list, guide] = result.plans;

  it("makes two plans", () => {
    expect(result.plans.map((p) => p.slug)).toEqual(["cnipa-2020-tasks", "cnipa-2020-guide"]);
    expect(guide).toMatchObject({ issuer: "国家知识产权局办公室", issuedOn: "2020-04-20" });
  });

  it("reads departments with their parent and the province requirement", () => {
    expect(unitsOf(task(list!, "1"))).toEqual(roles("department", "战略规划司", "专利局审查业务管理部", "专利局初审流程部", "商标局"));
    expect(task(list!, "1").required).toBeNull();
    expect(task(list!, "2")).toMatchObject({ required: true, requirementNote: "知识产权保护中心涉及省份必做；其他省份选做" });
    expect(task(list!, "3")).toMatchObject({ required: true, requirementNote: null });
    expect(task(list!, "3").deadlines).toEqual([{ text: "2020年10月底前", date: "2020-10-31", recurrence: null }]);
  });

  it("reads (X负责) at the end of paragraphs and on their own line", () => {
    expect(guide!.tasks.map((t) => [t.number, t.units.map((u) => u.name)])).toEqual([
      ["2", ["战略规划司"]],
      ["3", ["各地方知识产权局"]],
      ["4", ["国际合作司", "办公室"]],
    ]);
  });
});

describe("执行单位 fields and a repeated block with stray characters in both copies", () => {
  const [plan] = fixture("executor-duplicated.txt").plans;

  it("imports each task once with the cleaner text of each line", () => {
    expect(plan!.tasks.map((t) => t.number)).toEqual(["1", "2", "3"]);
    expect(task(plan!, "2").text).toContain("加强乡镇市场监管所执法业务培训与指导");
    expect(task(plan!, "3").text).toContain("组织银企对接活动");
    expect(plan!.tasks.some((t) => /瑞锦|勺泳/.test(t.text))).toBe(false);
    expect(warningsAbout(plan!, /stray characters/)).toEqual([13, 27]);
  });

  it("reads executors, 必做/选做 and the conditional note", () => {
    for (const t of plan!.tasks) expect(unitsOf(t)).toEqual(["各试点县知识产权局:executor"]);
    expect(plan!.tasks.map((t) => [t.required, t.requirementNote])).toEqual([
      [true, null],
      [true, "各试点县知识产权局必做；其他县（市、区）知识产权局选做"],
      [false, null],
    ]);
    expect(plan).toMatchObject({ slug: "cnipa-2022", issuer: "国家知识产权局办公室", issuedOn: "2022-03-01" });
  });
});

describe("numbering that restarts per section, clauses on their own line, a roster", () => {
  const [plan] = fixture("roster-restart.txt").plans;

  it("qualifies restarted numbers with their section and says so", () => {
    expect(plan!.tasks.map((t) => t.number)).toEqual(["1.1", "1.2", "2.1", "2.2"]);
    expect(warningsAbout(plan!, /restart/)).toHaveLength(1);
  });

  it("reads clauses on their own line and resolves 领导小组成员单位 from the roster", () => {
    expect(unitsOf(task(plan!, "1.1"))).toEqual(["市市场监管局:lead", ...roles("support", "市发展改革委", "市工信局")]);
    expect(unitsOf(task(plan!, "1.2"))).toEqual(roles("responsible", "市市场监管局", "市发展改革委", "市工信局", "市金融办"));
    expect(task(plan!, "2.1").deadlines).toEqual([{ text: "2023年9月30日前", date: "2023-09-30", recurrence: null }]);
    expect(plan!.contacts).toEqual([
      { name: "王强", title: "市长", unit: null },
      { name: "李明华", title: "市政府副市长", unit: "市政府" },
      { name: "张伟", title: "市市场监管局局长", unit: "市市场监管局" },
      { name: "陈晓东", title: "市发展改革委副主任", unit: "市发展改革委" },
      { name: "刘洋", title: "市工信局局长", unit: "市工信局" },
      { name: "赵丽娟", title: "市金融办主任", unit: "市金融办" },
    ]);
    expect((plan as ParsedPlan).deadlines).toEqual([]);
  });
});
