import { describe, expect, it } from "vitest";
import { decodeDocx } from "../../src/importer/formats/docx.ts";
import { formatFixture, importFixture } from "./format-helpers.ts";

const units = (t: { units: { name: string; role: string }[] }): string[] => t.units.map((u) => `${u.name}:${u.role}`);

// numbered-plan.docx: written with real numbering.xml (一、 / （一） / 1.), an indicator table whose
// 序号 cells are numbered automatically, a page header and `— N —` page numbers; saved by LibreOffice.
describe(".docx with automatic numbering and an indicator table", () => {
  const text = decodeDocx(formatFixture("numbered-plan.docx"));
  const lines = text.split("\n");

  it("shows each numbered paragraph with the label Word displays", () => {
    expect(lines).toContain("一、总体要求");
    expect(lines).toContain("三、重点任务");
    expect(lines).toContain("（二）强化知识产权保护");
    expect(lines.filter((l) => /^\d\.(实施|推进|加强|健全|扩大)/.test(l)).map((l) => l.slice(0, 2))).toEqual(["1.", "2.", "1.", "2.", "1."]);
  });

  it("leaves out the page header and footer page numbers", () => {
    expect(text).not.toContain("滨江市人民政府办公室文件");
    expect(lines.some((l) => /^[—-]\s*\d+\s*[—-]$/.test(l.trim()))).toBe(false);
  });

  it("imports tasks with their owners and the table's targets with baseline and milestones", async () => {
    const [plan] = (await importFixture("numbered-plan.docx")).plans;
    expect(plan).toMatchObject({ title: "滨江市知识产权强市建设工作方案（2025—2027年）", period: { start: 2025, end: 2027 }, sourceFormat: "docx" });
    expect(plan!.tasks.map((t) => [t.number, t.section])).toEqual([
      ["1.1", "提升知识产权创造质量"],
      ["1.2", "提升知识产权创造质量"],
      ["2.1", "强化知识产权保护"],
      ["2.2", "强化知识产权保护"],
      ["3.1", "促进知识产权转化运用"],
    ]);
    expect(units(plan!.tasks[3]!)).toEqual(["市司法局:lead", "市中级人民法院:support", "市市场监管局:support"]);
    expect(plan!.targets.filter((t) => t.taskNumber === null)).toEqual([
      expect.objectContaining({
        name: "每万人口高价值发明专利拥有量",
        unit: "件",
        baseline: { year: 2024, value: 12.5 },
        milestones: [{ year: 2025, value: 14 }, { year: 2026, value: 15.5 }, { year: 2027, value: 17 }],
      }),
      expect.objectContaining({ name: "知识产权质押融资登记金额", unit: "元", baseline: { year: 2024, value: 3e9 } }),
      expect.objectContaining({ name: "地理标志产品数量", milestones: [{ year: 2025, value: 9 }, { year: 2026, value: 10 }, { year: 2027, value: 12 }] }),
    ]);
  });
});

// division-table.docx: a 任务分工 table; 重点任务 merged over two rows, two units in one cell.
describe(".docx task-division table", () => {
  it("makes one task per row, owners by column, the merged key task as the section", async () => {
    const [plan] = (await importFixture("division-table.docx")).plans;
    expect(plan!.title).toBe("滨江市2025年知识产权保护工作要点");
    expect(plan!.tasks.map((t) => [t.number, t.section, t.title])).toEqual([
      ["1", "健全保护体系", "建设市知识产权保护中心，开展专利快速预审服务"],
      ["2", "健全保护体系", "完善知识产权信用监管，将侵权假冒行为纳入信用记录"],
      ["3", "加强司法保护", "推进知识产权民事、刑事、行政案件“三合一”审判"],
      ["4", "强化海外维权", "建立海外知识产权纠纷应对指导工作站"],
    ]);
    expect(plan!.tasks.map(units)).toEqual([
      ["市市场监管局:lead", "市科技局:support", "市财政局:support"],
      ["市发展改革委:lead", "市市场监管局:support"],
      ["市中级人民法院:lead", "市人民检察院:support", "市公安局:support"],
      ["市商务局:lead", "市市场监管局:support", "滨江海关:support"],
    ]);
    expect(plan!.tasks.map((t) => t.deadlines.map((d) => d.date))).toEqual([["2025-12-31"], ["2025-09-30"], ["2025-12-31"], []]);
    expect(plan!.warnings).toEqual([]);
  });
});
