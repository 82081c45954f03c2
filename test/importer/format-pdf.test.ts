import { describe, expect, it } from "vitest";
import { dropPageNumbers, joinWrapped, pageLines, type PdfItem } from "../../src/importer/formats/pdf-layout.ts";
import { recoverTables, tableRows } from "../../src/importer/formats/pdf-table.ts";
import { formatFixture, importFixture, importRefusal } from "./format-helpers.ts";

/** Runs of text at 10 pt, one per [x, y, text]; Han characters 10 wide, Latin 5.5. */
function items(...runs: [number, number, string][]): PdfItem[] {
  return runs.map(([x, y, str]) => ({ str, x, y, size: 10, width: [...str].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2000 ? 5.5 : 10), 0) }));
}

describe("PDF layout", () => {
  it("joins a line wrapped at the right margin, also inside a unit name, and not before numbering or a label", () => {
    // Full lines are 14 Han characters wide (140): the right margin.
    const lines = pageLines(
      items(
        [0, 700, "加强知识产权保护工作（前海管"],
        [0, 686, "理局牵头，市检察院、市法院配"],
        [0, 672, "合）。"],
        [0, 658, "1.推进转化运用工作。（市科"],
        [0, 644, "技局负责）"],
        [0, 630, "加强组织领导，确保任务落实到"],
        [0, 616, "牵头单位：市市场监管局"],
        [0, 602, "2.完善服务体系。"],
      ),
    );
    expect(joinWrapped(lines)).toEqual([
      "加强知识产权保护工作（前海管理局牵头，市检察院、市法院配合）。",
      "1.推进转化运用工作。（市科技局负责）",
      "加强组织领导，确保任务落实到",
      "牵头单位：市市场监管局",
      "2.完善服务体系。",
    ]);
  });

  it("keeps an indented line (a new paragraph); joins a Latin word that would not have fitted", () => {
    const lines = pageLines(
      items([0, 700, "为推动发展，到2025年实现目标，"], [20, 686, "各单位要认真落实。"], [0, 672, "目标是发明专利的拥有量达到"], [0, 658, "12000件。"]),
    );
    expect(joinWrapped(lines)).toEqual(["为推动发展，到2025年实现目标，", "各单位要认真落实。", "目标是发明专利的拥有量达到12000件。"]);
  });

  it("keeps an empty line where extra space separates paragraphs or cells", () => {
    const lines = pageLines(
      items([0, 700, "专栏工作目标"], [0, 686, "重点任务内容"], [0, 658, "知识产权服务"], [0, 644, "加强知识产权公共服务体系建设工作"], [0, 630, "项目。"]),
    );
    expect(joinWrapped(lines)).toEqual(["专栏工作目标", "重点任务内容", "", "知识产权服务", "加强知识产权公共服务体系建设工作项目。"]);
  });

  it("drops page numbers printed as the first or last line of a page", () => {
    for (const n of ["— 2 —", "- 3 -", "第 4 页 共 9 页", "5", "6 / 9"]) {
      const lines = pageLines(items([0, 700, "正文第一行。"], [60, 40, n]));
      expect(dropPageNumbers(lines).map((l) => l.cells.join(""))).toEqual(["正文第一行。"]);
    }
    expect(dropPageNumbers(pageLines(items([0, 700, "2025"], [0, 680, "年底前完成。"])))).toHaveLength(2);
  });

  it("splits a row of cells positioned apart into one cell per line", () => {
    const lines = pageLines(items([0, 700, "指标名称"], [100, 700, "2024年"], [160, 700, "2025年"], [0, 680, "专利拥有量"], [100, 680, "10"], [160, 680, "12"]));
    expect(joinWrapped(lines)).toEqual(["指标名称", "2024年", "2025年", "专利拥有量", "10", "12"]);
  });
});

// wrapped-units.pdf: printed by LibreOffice at 16 pt, unit names wrap at the margin; `— N —` page numbers.
describe("text PDF with wrapped unit names and page numbers", () => {
  it("the fixture really wraps inside unit names and prints page numbers", async () => {
    const { getDocumentProxy } = await import("unpdf");
    const pdf = await getDocumentProxy(new Uint8Array(formatFixture("wrapped-units.pdf")));
    const raw: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      raw.push(...pageLines(content.items.flatMap((i: (typeof content.items)[number]) => ("str" in i ? [{ str: i.str, x: i.transform[4] as number, y: i.transform[5] as number, width: i.width, size: i.height }] : []))).map((l) => l.cells.join(" ")));
    }
    expect(pdf.numPages).toBeGreaterThan(1);
    const units = ["前海深港现代服务业合作区管理局", "深圳市中级人民法院前海合作区人民法院", "市检察院", "前海管理局", "市市场监管局"];
    const split = units.filter((u) => raw.some((l, i) => [...u].some((_, k) => k > 0 && l.endsWith(u.slice(0, k)) && (raw[i + 1] ?? "").startsWith(u.slice(k)))));
    expect(split.length).toBeGreaterThan(0);
    expect(raw.some((l) => /^—\s*\d+\s*—$/.test(l))).toBe(true);
  });

  it("imports every task with whole unit names; no page number is left in the text", async () => {
    const [plan] = (await importFixture("wrapped-units.pdf")).plans;
    expect(plan).toMatchObject({ title: "前海湾区知识产权服务业集聚发展行动计划（2025—2026年）", sourceFormat: "pdf" });
    expect(plan!.tasks).toHaveLength(8);
    for (const t of plan!.tasks) {
      const expected = Number(t.number) % 2
        ? ["前海深港现代服务业合作区管理局:lead", "深圳市中级人民法院前海合作区人民法院:support", "市检察院:support"]
        : ["市市场监管局:responsible", "前海管理局:responsible"];
      expect(t.units.map((u) => `${u.name}:${u.role}`), `task ${t.number}`).toEqual(expected);
      expect(t.text).not.toMatch(/—\s*\d+\s*—/);
    }
  });
});

/** Printed lines of a PDF fixture as pageLines reads them, page by page. */
async function printedLines(name: string): Promise<string[][]> {
  const { getDocumentProxy } = await import("unpdf");
  const pdf = await getDocumentProxy(new Uint8Array(formatFixture(name)));
  const pages: string[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    const runs = content.items.flatMap((i: (typeof content.items)[number]) => ("str" in i ? [{ str: i.str, x: i.transform[4] as number, y: i.transform[5] as number, width: i.width, size: i.height }] : []));
    pages.push(pageLines(runs).map((l) => l.cells.join(" | ")));
  }
  return pages;
}

describe("PDF tables whose cells wrap onto several lines", () => {
  // A cell's runs, one per printed line: [x, y, text] at 10 pt (Han 10 wide, Latin 5.5).
  const table = (...runs: [number, number, string][]) => {
    const lines = pageLines(items(...runs));
    return tableRows(lines.map((l) => ({ y: l.y, size: l.size, runs: l.items! })));
  };

  it("joins each cell's wrapped lines, keeps a unit per paragraph apart, and starts rows at the row numbers", () => {
    // Columns: 序号 at 0, 工作内容 at 40 (7 wide), 牵头单位 at 130 (4 wide), 配合单位 at 190 (5 wide).
    const rows = table(
      [0, 700, "序号"], [40, 700, "工作内容"], [130, 700, "牵头单位"], [190, 700, "配合单位"],
      [0, 686, "1"], [40, 686, "建设保护中心，"], [130, 686, "市市场监"], [190, 686, "市检察院"],
      [40, 672, "开展快速预审服"], [130, 672, "督管理局"], [190, 672, "市公安局"],
      [40, 658, "务。"],
      [0, 644, "2"], [40, 644, "加强执法。"], [130, 644, "前海深港"], [190, 644, "市中级法院"],
      [130, 630, "现代服务"], [130, 616, "业合作区"], [130, 602, "管理局"],
    );
    expect(rows).toEqual([
      ["序号", "工作内容", "牵头单位", "配合单位"],
      ["1", "建设保护中心，开展快速预审服务。", "市市场监督管理局", "市检察院\n市公安局"],
      ["2", "加强执法。", "前海深港现代服务业合作区管理局", "市中级法院"],
    ]);
  });

  it("without a row-number column, a line starts a new row unless one of its cells continues a full line above", () => {
    // Columns: 重点任务 at 0 (8 wide), 牵头单位 at 100 (5 wide), 时限 at 170 (5 wide).
    const rows = table(
      [0, 700, "重点任务"], [100, 700, "牵头单位"], [170, 700, "时限"],
      [0, 686, "建设保护中心，开"], [100, 686, "市市场监督"], [170, 686, "年底前完成"],
      [0, 672, "展预审服务。"], [100, 672, "管理局"],
      [0, 658, "加强执法。"], [100, 658, "市公安局"], [170, 658, "长期"],
    );
    expect(rows).toEqual([
      ["重点任务", "牵头单位", "时限"],
      ["建设保护中心，开展预审服务。", "市市场监督管理局", "年底前完成"],
      ["加强执法。", "市公安局", "长期"],
    ]);
  });

  it("a table going on over a page break is one table; prose below it is not part of it", () => {
    const page1 = pageLines(items([0, 700, "序号"], [40, 700, "工作内容"], [130, 700, "牵头单位"], [0, 686, "1"], [40, 686, "建设中心。"], [130, 686, "市科技局"]));
    const page2 = pageLines(items([0, 700, "2"], [40, 700, "加强执法。"], [130, 700, "市公安局"], [0, 672, "各单位要按季度报送进展情况。"]));
    const flow = recoverTables([page1, page2]);
    expect(flow).toHaveLength(2);
    expect(flow[0]).toEqual({ table: ["1.建设中心。", "牵头单位：市科技局", "2.加强执法。", "牵头单位：市公安局"] });
    expect(joinWrapped(flow).at(-1)).toBe("各单位要按季度报送进展情况。");
  });
});

// division-wrapped.pdf: a 任务分工 table printed by LibreOffice with narrow columns, so measures,
// unit names and deadlines wrap inside their cells; a key task merged over two rows; two pages.
describe("text PDF with a task-division table whose cells wrap", () => {
  it("the fixture really wraps cells, unit names included, and goes on over a page break", async () => {
    const pages = await printedLines("division-wrapped.pdf");
    expect(pages.length).toBe(2);
    const all = pages.flat();
    // 市市场监督管理局 printed as 市市场监督 / 管理局 in its cell, 2026年12月底前 over three lines.
    expect(all.some((l) => /市市场监督(\s|$)/.test(l))).toBe(true);
    expect(all.some((l) => /(^|\s)管理局(\s|$)/.test(l))).toBe(true);
    expect(all.some((l) => /(^|\s)月底前(\s|$)/.test(l))).toBe(true);
    expect(all.some((l) => /^—\s*1\s*—$/.test(l))).toBe(true);
    expect(pages[1]![0]).toMatch(/^9 \|/);
  });

  it("imports one task per row with whole cell texts: measure, owners by column and deadline", async () => {
    const [plan] = (await importFixture("division-wrapped.pdf")).plans;
    expect(plan).toMatchObject({ title: "临江市2026年知识产权保护工作任务分工", sourceFormat: "pdf" });
    expect(plan!.tasks.map((t) => t.number)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);
    const byNumber = (n: string) => plan!.tasks.find((t) => t.number === n)!;
    expect(byNumber("1")).toMatchObject({ section: "健全知识产权保护体系", title: "建设市知识产权保护中心，开展专利快速预审、快速确权和快速维权服务，年内预审合格专利申请不少于300件" });
    // 重点任务 merged over rows 1 and 2, printed once.
    expect(byNumber("2").section).toBe("健全知识产权保护体系");
    expect(byNumber("2").title).toBe("完善知识产权信用监管机制，将故意侵权、假冒专利等失信行为纳入公共信用信息平台");
    expect(plan!.tasks.map((t) => t.units.map((u) => `${u.name}:${u.role}`))).toEqual([
      ["市市场监督管理局:lead", "市科学技术局:support", "市财政局:support"],
      ["市发展和改革委员会:lead", "市市场监督管理局:support", "市中级人民法院:support"],
      ["市中级人民法院:lead", "市人民检察院:support", "市公安局:support"],
      ["市市场监督管理局:lead", "市文化广电旅游局:lead", "市公安局:support"],
      ["市商务局:lead", "市市场监督管理局:support", "临江海关:support"],
      ["市司法局:lead", "市中级人民法院:support", "市市场监督管理局:support"],
      ["市科学技术局:lead", "市工业和信息化局:support", "市市场监督管理局:support"],
      ["市商务局:lead", "市市场监督管理局:support", "市会展办公室:support"],
      ["市市场监督管理局:lead", "各区人民政府:support"],
      ["市委宣传部:lead", "市市场监督管理局:support", "市中级人民法院:support", "市人民检察院:support"],
      ["市人民政府办公室:lead", "市市场监督管理局:support"],
      ["市数据局:lead", "市市场监督管理局:support", "市司法局:support"],
    ]);
    expect(plan!.tasks.map((t) => t.deadlines[0]?.date ?? t.deadlines[0]?.recurrence ?? null)).toEqual([
      "2026-12-31", "2026-09-30", "2026-12-31", null, "2026-06-30", "2026-10-31", "2026-11-30", null, "2026-12-31", "yearly", "2026-12-31", "2026-12-31",
    ]);
    for (const t of plan!.tasks) expect(t.text).not.toMatch(/—\s*\d+\s*—/);
  });
});

// numbered-plan.pdf: numbered-plan.docx printed by LibreOffice; its indicator table's names and
// year headers wrap inside narrow cells (每万人 / 口高价 / 值发明…).
describe("text PDF with an indicator table whose cells wrap", () => {
  it("gives the same tasks and targets (baseline and milestones) as the Word file", async () => {
    const [pdf] = (await importFixture("numbered-plan.pdf")).plans;
    const [docx] = (await importFixture("numbered-plan.docx")).plans;
    expect(pdf!.targets.map((t) => t.name)).toEqual(["每万人口高价值发明专利拥有量", "知识产权质押融资登记金额", "地理标志产品数量", "培育高价值专利组合"]);
    expect(pdf!.targets[0]).toMatchObject({ unit: "件", baseline: { year: 2024, value: 12.5 }, milestones: [{ year: 2025, value: 14 }, { year: 2026, value: 15.5 }, { year: 2027, value: 17 }] });
    expect(pdf!.targets).toEqual(docx!.targets);
    expect(pdf!.tasks).toEqual(docx!.tasks);
    expect([pdf!.title, pdf!.period]).toEqual([docx!.title, docx!.period]);
  });
});

describe("scanned PDF", () => {
  it("is refused with one clear line: no text layer", async () => {
    const err = await importRefusal(formatFixture("scanned.pdf"));
    expect(err.code).toBe("scanned");
    expect(err.message).toMatch(/no text layer.*scan/);
    expect(err.message).not.toContain("\n");
  });

  it("a damaged PDF is refused as damaged", async () => {
    const err = await importRefusal(Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(200, 0)]));
    expect(err.message).toMatch(/PDF is damaged/);
  });
});
