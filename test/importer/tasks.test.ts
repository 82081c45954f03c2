import { describe, expect, it } from "vitest";
import { parsePlanDocument, type ParsedPlan } from "../../src/importer/index.ts";
import type { ImportedPlan } from "../../src/importer/types.ts";

function only(text: string, planSlug?: string): ImportedPlan {
  const result = parsePlanDocument(text, planSlug ? { planSlug } : {});
  expect(result.plans).toHaveLength(1);
  return result.plans[0]!;
}

const lines = (plan: ImportedPlan, pattern: RegExp): number[] =>
  plan.warnings.filter((w) => pattern.test(w.message)).map((w) => w.line);

describe("what makes an item a task", () => {
  const doc = [
    "岳阳市知识产权工作要点（2024年）", // 1
    "一、总体要求", // 2
    "（一）指导思想。坚持创新驱动。", // 3
    "二、重点工作", // 4
    "1.加强专利导航。开展产业专利导航。", // 5
    "牵头单位：市知识产权局；配合单位：市发展改革委、工信局", // 6
    "2.培育示范企业。培育一批示范企业。", // 7
    "责任单位：市科技局", // 8
    "3.开展宣传活动。组织知识产权宣传周活动。", // 9
    "5.加强执法。开展专项行动。（市市场监管局负责）", // 10
    "6.推进质押融资。推动银行开展知识产权质押融资业务，扩大", // 11
  ].join("\n");
  const plan = only(doc);

  it("takes items with owner fields or clauses, and only those", () => {
    expect(plan.tasks.map((t) => [t.number, t.title])).toEqual([
      ["1", "加强专利导航"],
      ["2", "培育示范企业"],
      ["5", "加强执法"],
    ]);
    expect(plan.tasks[0]!.units).toEqual([
      { name: "市知识产权局", role: "lead" },
      { name: "市发展改革委", role: "support" },
      { name: "市工信局", role: "support" },
    ]);
    expect(plan.tasks[1]!.units).toEqual([{ name: "市科技局", role: "responsible" }]);
    expect(plan).toMatchObject({ slug: "yueyang-2024-points", period: { start: 2024, end: 2024 } });
  });

  it("warns about what it skipped, the numbering gap and the cut-off end", () => {
    expect(lines(plan, /section 一、/)).toEqual([2]);
    expect(lines(plan, /开展宣传活动.*no responsible unit/)).toEqual([9]);
    expect(lines(plan, /jump from 2 to 5/)).toEqual([10]);
    expect(lines(plan, /推进质押融资.*no responsible unit/)).toEqual([11]);
    expect(lines(plan, /truncated/)).toEqual([11]);
  });

  it("reads a task whose only owner is a leading group without a roster, and warns", () => {
    const p = only("某市知识产权方案（2024年）\n1.加强统筹。统筹推进。（领导小组成员单位分别负责）\n");
    expect(p.tasks[0]!.units).toEqual([{ name: "领导小组成员单位", role: "responsible" }]);
    expect(lines(p, /does not list the members/)).toEqual([2]);
  });
});

describe("headings and documents", () => {
  it("repairs a numbered heading damaged by stray characters and warns", () => {
    const p = only(
      "某市知识产权工作方案（2023年）\n一、总体要求\n坚持创新。\n二雅提、重点任务\n（一）强化保护。开展执法。（市市场监管局负责）\n",
    );
    expect(p.tasks[0]).toMatchObject({ number: "1", section: "重点任务" });
    expect(lines(p, /stray characters “雅提” in heading/)).toEqual([4]);
  });

  it("takes the title from the first lines when there is no title line, else the file name", () => {
    const body = "1.加强保护。开展执法。（市市场监管局负责）\n";
    const p = parsePlanDocument(`为加快建设，制定《泉州市知识产权保护工作方案》。\n${body}`).plans[0]!;
    expect(p.title).toBe("泉州市知识产权保护工作方案");
    const named = parsePlanDocument(body, { sourceName: "docs/plan-2024.txt" }).plans[0]!;
    expect(named.title).toBe("plan-2024");
    expect(lines(named, /no document title/)).toEqual([1]);
  });

  it("applies --plan-slug to a single plan and ignores it for several", () => {
    const text = "某市知识产权工作方案（2023年）\n1.加强保护。开展执法。（市市场监管局负责）\n";
    expect(only(text, "My Plan").slug).toBe("my-plan");
    const two = `${text}\n2024年某市知识产权工作要点\n1.加强运用。推进转化。（市科技局负责）\n`;
    const result = parsePlanDocument(two, { planSlug: "x" });
    expect(result.plans.map((p) => p.slug)).not.toContain("x");
    expect(result.plans[0]!.warnings[0]!.message).toMatch(/plan-slug ignored/);
  });

  it("keeps deadlines outside tasks with the plan", () => {
    const p = only(
      "某市知识产权工作方案（2023年）\n一、重点任务\n1.加强保护。开展执法。（市市场监管局负责）\n二、保障措施\n各单位每年6月底前报送进展。\n",
    ) as ParsedPlan;
    expect(p.tasks[0]!.deadlines).toEqual([]);
    expect(p.deadlines).toEqual([{ text: "每年6月底前", date: null, recurrence: "yearly" }]);
  });
});
