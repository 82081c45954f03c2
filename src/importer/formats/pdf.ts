import { ImportError } from "../types.ts";
import { dropPageNumbers, dropRunningLines, joinWrapped, pageLines, type PdfItem, type PdfLine } from "./pdf-layout.ts";
import { recoverTables } from "./pdf-table.ts";

/** Fewer visible characters than this on every page: the PDF is a scan without a text layer. */
const MIN_PAGE_CHARS = 8;

/**
 * Decodes a PDF with a text layer: lines in reading order, page numbers and running headers
 * dropped, wrapped lines joined, table rows split into cells. A PDF without text (a scan) is refused.
 */
export async function decodePdf(bytes: Uint8Array): Promise<{ text: string; notes: string[] }> {
  const { getDocumentProxy } = await import("unpdf");
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  } catch (err) {
    const name = (err as Error).name;
    if (name === "PasswordException") throw new ImportError("unsupported", "the PDF is password-protected; remove the password and export it again");
    throw new ImportError("binary", `the PDF is damaged and cannot be read (${(err as Error).message})`);
  }
  try {
    const pages: PdfLine[][] = [];
    const empty: number[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const items: PdfItem[] = [];
      for (const it of content.items) {
        if (!("str" in it)) continue;
        const [, , c, d, x, y] = it.transform as number[];
        items.push({ str: it.str, x: x!, y: y!, width: it.width, size: Math.hypot(c!, d!) || it.height });
      }
      const lines = pageLines(items);
      if (lines.reduce((s, l) => s + l.cells.join("").replace(/\s/g, "").length, 0) < MIN_PAGE_CHARS) empty.push(n);
      pages.push(dropPageNumbers(lines));
      page.cleanup();
    }
    if (empty.length === pdf.numPages) {
      throw new ImportError(
        "scanned",
        "the PDF has no text layer (a scanned image): Duban cannot read scans; import the original .docx, or a PDF exported from an office suite",
      );
    }
    const notes = empty.length
      ? [`PDF page${empty.length > 1 ? "s" : ""} ${empty.join(", ")} ha${empty.length > 1 ? "ve" : "s"} no text (scanned?); their content is not imported`]
      : [];
    const text = joinWrapped(recoverTables(dropRunningLines(pages))).join("\n");
    return { text, notes };
  } finally {
    await pdf.destroy();
  }
}
