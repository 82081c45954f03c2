import { describe, expect, it } from "vitest";
import { parsePlanDocument } from "../../src/importer/index.ts";

const unitsOf = (text: string, n = 0): string[][] =>
  parsePlanDocument(text).plans[n]!.tasks.map((t) => t.units.map((u) => `${u.name}:${u.role}`));

describe("layout variants of plans not in the seeds", () => {
  it("reads an owner clause broken over two lines", () => {
    const doc = "某市知识产权工作方案（2024年）\n1.加强保护。开展执法。（市知识产权局牵头，市科技局、\n财政局配合）\n2.推进运用。（市金融办负责）\n";
    expect(unitsOf(doc)).toEqual([
      ["市知识产权局:lead", "市科技局:support", "市财政局:support"],
      ["市金融办:responsible"],
    ]);
  });

  it("reads Traditional 局內/省份 lines with parent-qualified departments", () => {
    const doc = [
      "2021年推動知識產權高質量發展任務清單",
      "1．全力壓減審查周期",
      "局內：條法司，專利局審業部、自動化部，商標局",
      "省份：涉及省份必做；其他省份選做",
      "國家知識產權局：加快審查。",
    ].join("\n");
    const plan = parsePlanDocument(doc).plans[0]!;
    expect(plan.tasks[0]!.units.map((u) => `${u.name}:${u.role}`)).toEqual([
      "條法司:department",
      "專利局審業部:department",
      "專利局自動化部:department",
      "商標局:department",
      "各省份:executor",
    ]);
    expect(plan.tasks[0]).toMatchObject({ title: "全力壓減審查周期", required: true, requirementNote: "涉及省份必做；其他省份選做" });
  });

  it("reads CRLF files with a BOM the same as plain ones", () => {
    const doc = "某市知识产权工作方案（2024年）\n1.加强保护。开展执法。（市知识产权局负责）\n";
    const crlf = Buffer.from(`\uFEFF${doc.replace(/\n/g, "\r\n")}`, "utf8");
    expect(parsePlanDocument(crlf)).toEqual(parsePlanDocument(doc));
  });

  it("finds tasks at the level that carries owners: （1） items under 1. headings", () => {
    const doc = [
      "某市知识产权工作方案（2024—2025年）",
      "一、重点任务",
      "1.强化创造",
      "（1）培育高价值专利。开展培育工程。（市知识产权局负责）",
      "（2）加强品牌建设。（市市场监管局负责）",
      "2.强化保护",
      "（3）加强执法。（市公安局负责）",
    ].join("\n");
    const plan = parsePlanDocument(doc).plans[0]!;
    expect(plan.tasks.map((t) => [t.number, t.title, t.section])).toEqual([
      ["1", "培育高价值专利", "强化创造"],
      ["2", "加强品牌建设", "强化创造"],
      ["3", "加强执法", "强化保护"],
    ]);
  });

  it("takes a heading whose sub-items carry no owners as one task with all their text", () => {
    const doc = [
      "某市知识产权工作方案（2024年）",
      "（一）加强知识产权保护（市市场监管局牵头，市公安局配合）",
      "1.开展专项行动，2024年6月底前完成。",
      "2.完善快速维权机制。",
    ].join("\n");
    const [t] = parsePlanDocument(doc).plans[0]!.tasks;
    expect(t).toMatchObject({ number: "1", title: "加强知识产权保护" });
    expect(t!.text).toBe("加强知识产权保护（市市场监管局牵头，市公安局配合）\n1.开展专项行动，2024年6月底前完成。\n2.完善快速维权机制。");
    expect(t!.deadlines).toEqual([{ text: "2024年6月底前", date: "2024-06-30", recurrence: null }]);
  });
});

describe("a notice that holds the plan without a title line of its own", () => {
  it("names the plan after what the notice hands out", () => {
    const doc = [
      "岳阳市人民政府办公室关于印发《岳阳市知识产权强市建设实施方案（2024—2026年）》的通知",
      "各县市区人民政府：现将方案印发给你们，请认真执行。",
      "一、重点任务",
      "（一）强化保护。开展执法。（市市场监管局负责）",
      "岳阳市人民政府办公室",
      "2024年1月5日",
    ].join("\n");
    const [plan] = parsePlanDocument(doc).plans;
    expect(plan).toMatchObject({
      slug: "yueyang-2024-2026",
      title: "岳阳市知识产权强市建设实施方案（2024—2026年）",
      issuer: "岳阳市人民政府办公室",
      issuedOn: "2024-01-05",
      period: { start: 2024, end: 2026 },
    });
    expect(plan!.tasks).toHaveLength(1);
  });
});

describe("sub-items that are fields of a task, not tasks", () => {
  it("treats a repeated label pattern as fields, but not tasks that happen to share a title", () => {
    const item = (n: string, unit: string): string[] => [
      `（${n}）任务${n}`,
      "1.目标。提高质量。",
      "2.举措。完善机制。",
      `3.分工。${unit}负责。`,
      `4.分工说明。由${unit}牵头落实（${unit}负责）`,
    ];
    const doc = ["某市知识产权工作计划（2024年）", ...item("一", "市科技局"), ...item("二", "市财政局"), ...item("三", "市教育局")];
    const plan = parsePlanDocument(doc.join("\n")).plans[0]!;
    expect(plan.tasks.map((t) => [t.number, t.title, t.units.map((u) => u.name)])).toEqual([
      ["1", "任务一", ["市科技局"]],
      ["2", "任务二", ["市财政局"]],
      ["3", "任务三", ["市教育局"]],
    ]);

    const shared = [
      "某市知识产权工作方案（2024年）",
      "（一）强化创造",
      "1.加强宣传。开展宣传。（市委宣传部负责）",
      "（二）强化保护",
      "1.加强宣传。开展普法。（市司法局负责）",
    ].join("\n");
    expect(parsePlanDocument(shared).plans[0]!.tasks.map((t) => t.number)).toEqual(["1.1", "2.1"]);
  });
});
