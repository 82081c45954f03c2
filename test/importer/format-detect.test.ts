import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { detectFormat } from "../../src/importer/formats/detect.ts";
import { oleEntryNames } from "../../src/importer/formats/ole.ts";
import { formatFixture, importFixture, importRefusal } from "./format-helpers.ts";
import { seed } from "./seed-helpers.ts";

describe("format detection by content", () => {
  it("tells Word, Excel, PDF, old Word and old Excel apart whatever the file is called", () => {
    expect(detectFormat(formatFixture("numbered-plan.docx")).format).toBe("docx");
    expect(detectFormat(formatFixture("task-table.xlsx")).format).toBe("xlsx");
    expect(detectFormat(formatFixture("wrapped-units.pdf")).format).toBe("pdf");
    expect(detectFormat(formatFixture("numbered-plan.doc")).format).toBe("doc");
    expect(detectFormat(formatFixture("task-table.xls")).format).toBe("xls");
    expect(detectFormat(Buffer.from("一、总体要求\n")).format).toBe("text");
  });

  it("reads stream names from the OLE2 directory", () => {
    expect(oleEntryNames(formatFixture("numbered-plan.doc"))).toEqual(expect.arrayContaining(["Root Entry", "WordDocument"]));
    expect(oleEntryNames(formatFixture("task-table.xls"))).toEqual(expect.arrayContaining(["Workbook"]));
    expect(oleEntryNames(Buffer.alloc(100))).toBeNull();
  });

  it("refuses other ZIP and Office files with what they are", async () => {
    const pptx = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "ppt/presentation.xml": strToU8("<p/>") });
    expect((await importRefusal(pptx)).message).toMatch(/PowerPoint.*\.docx/);
    const odt = zipSync({ mimetype: strToU8("application/vnd.oasis.opendocument.text"), "content.xml": strToU8("<c/>") });
    expect((await importRefusal(odt)).message).toMatch(/OpenDocument.*\.docx/);
    const plain = zipSync({ "plan.txt": strToU8("一、总体要求") });
    expect((await importRefusal(plain)).message).toMatch(/ZIP archive.*unpack/);
    const damaged = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]);
    expect((await importRefusal(damaged)).message).toMatch(/damaged ZIP/);
  });

  it("refuses a .docx without a body, and one whose XML is broken, as damaged", async () => {
    const noBody = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": strToU8("<w:document xmlns:w='x'><w:body>") });
    expect((await importRefusal(noBody)).message).toMatch(/\.docx file is damaged/);
  });
});

// seed-001.doc: seed 001 saved as Word 97; numbered-plan.doc: the automatically numbered plan.
describe("old binary Word (.doc/.wps)", () => {
  it("extracts the text: typed numbering imports like the .txt, with a warning", async () => {
    const [plan] = (await importFixture("seed-001.doc")).plans;
    const [txt] = seed("001").plans;
    expect(plan!.sourceFormat).toBe("doc");
    expect(plan!.tasks.map((t) => [t.number, t.units])).toEqual(txt!.tasks.map((t) => [t.number, t.units]));
    expect(plan!.warnings[0]!.message).toMatch(/numbering is not kept.*save the file as \.docx/);
  });

  it("a file whose items were numbered automatically is refused, asking for .docx", async () => {
    const err = await importRefusal(formatFixture("numbered-plan.doc"));
    expect(err.code).toBe("no_tasks");
    expect(err.message).toMatch(/lose automatic numbering: save it as \.docx/);
  });
});
