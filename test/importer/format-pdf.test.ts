import { describe, expect, it } from "vitest";
import { dropPageNumbers, joinWrapped, pageLines, type PdfItem } from "../../src/importer/formats/pdf-layout.ts";
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
