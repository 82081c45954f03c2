import { ImportError } from "../types.ts";
import { sheetsText, type Sheet } from "./xlsx.ts";

/**
 * Decodes an old Excel workbook (.xls, BIFF5/BIFF8) with SheetJS (pure JavaScript, loaded only
 * for .xls): cell texts as Excel shows them, merged cells repeated over their range, hidden sheets
 * left out, then the same table reading as .xlsx. Formulas are not evaluated: their saved results
 * are read.
 */
export async function decodeXls(bytes: Uint8Array): Promise<{ text: string; notes: string[] }> {
  const XLSX = await import("@e965/xlsx");
  let book: import("@e965/xlsx").WorkBook;
  try {
    book = XLSX.read(bytes, { type: "array", cellFormula: false, cellHTML: false, cellStyles: false, bookVBA: false, sheetStubs: false });
  } catch (err) {
    const message = (err as Error).message;
    if (/password|encrypt/i.test(message)) throw new ImportError("unsupported", "the .xls workbook is password-protected; remove the password and save it as .xlsx");
    throw new ImportError("binary", `the .xls workbook is damaged or not an Excel file (${message})`);
  }
  const hidden = new Set((book.Workbook?.Sheets ?? []).filter((s) => s.Hidden).map((s) => s.name));
  const list: Sheet[] = [];
  for (const name of book.SheetNames) {
    const sheet = book.Sheets[name];
    if (!sheet || hidden.has(name)) continue;
    const grid = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: false, defval: "", blankrows: false });
    const rows = grid.map((r) => r.map((c) => String(c ?? "").trim()));
    for (const m of sheet["!merges"] ?? []) {
      const value = rows[m.s.r]?.[m.s.c] ?? "";
      for (let r = m.s.r; r <= m.e.r; r++) for (let c = m.s.c; c <= m.e.c; c++) if (rows[r]) rows[r]![c] = value;
    }
    const width = Math.max(0, ...rows.map((r) => r.length));
    list.push({ name, rows: rows.filter((r) => r.some((c) => c !== "")).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? "")) });
  }
  if (!list.some((s) => s.rows.length)) throw new ImportError("empty", "the .xls workbook holds no readable cells (empty, or damaged)");
  return { text: sheetsText(list), notes: [] };
}
