import { ImportError } from "../types.ts";
import { rowsAboveHeader, tableLines, titleLines } from "./table-text.ts";
import { child, descendants, elements, parseXml, textOf, type XmlElement } from "./xml.ts";
import { partText, readZip, type ZipParts } from "./zip.ts";

/** `B12` → [row 11, column 1]. */
function cellRef(ref: string): [number, number] | null {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(ref);
  if (!m) return null;
  let column = 0;
  for (const ch of m[1]!) column = column * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]) - 1, column - 1];
}

/** Text of a shared or inline string, without phonetic guides (`rPh`). */
function stringItem(si: XmlElement): string {
  return elements(si)
    .map((c) => (c.name === "t" ? textOf(c) : c.name === "r" ? descendants(c, "t").map(textOf).join("") : ""))
    .join("");
}

/** An Excel serial date (days since 1899-12-30) as a Chinese date, for deadline cells. */
function serialDate(value: number): string {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86400000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

function dateStyles(stylesXml: string | null): Set<number> {
  const out = new Set<number>();
  if (!stylesXml) return out;
  const root = parseXml(stylesXml);
  const custom = new Map<string, string>();
  for (const f of descendants(root, "numFmt")) custom.set(f.attrs.numFmtId ?? "", f.attrs.formatCode ?? "");
  const xfs = child(root, "cellXfs");
  elements(xfs ?? root, "xf").forEach((xf, i) => {
    const id = Number(xf.attrs.numFmtId ?? "0");
    const code = custom.get(String(id)) ?? "";
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 58) || /[yd]|年|月|日/.test(code.replace(/"[^"]*"|\[[^\]]*\]/g, ""))) out.add(i);
  });
  return out;
}

export interface Sheet {
  name: string;
  /** Cell texts, merged cells repeated over their range, empty rows left out. */
  rows: string[][];
}

function readSheet(xml: string, shared: string[], dates: Set<number>): string[][] {
  const root = parseXml(xml);
  const grid: string[][] = [];
  for (const c of descendants(child(root, "sheetData") ?? root, "c")) {
    const at = cellRef(c.attrs.r ?? "");
    if (!at) continue;
    const v = child(c, "v");
    let text = "";
    const type = c.attrs.t ?? "n";
    if (type === "s") text = shared[Number(v ? textOf(v) : -1)] ?? "";
    else if (type === "inlineStr") text = child(c, "is") ? stringItem(child(c, "is")!) : "";
    else if (v) {
      text = textOf(v);
      const n = Number(text);
      if (type === "n" && dates.has(Number(c.attrs.s ?? "-1")) && n > 20000 && n < 80000) text = serialDate(n);
      else if (type === "b") text = text === "1" ? "TRUE" : "FALSE";
    }
    (grid[at[0]] ??= [])[at[1]] = text.trim();
  }
  // Merged cells show their top-left value over the whole range.
  for (const m of descendants(root, "mergeCell")) {
    const [a, b] = (m.attrs.ref ?? "").split(":");
    const from = cellRef(a ?? "");
    const to = cellRef(b ?? "");
    if (!from || !to) continue;
    const value = grid[from[0]]?.[from[1]] ?? "";
    for (let r = from[0]; r <= to[0]; r++) for (let col = from[1]; col <= to[1]; col++) (grid[r] ??= [])[col] = value;
  }
  const width = Math.max(0, ...grid.map((r) => (r ? r.length : 0)));
  return grid.filter((r) => r && r.some((c) => c)).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
}

function sheets(parts: ZipParts): Sheet[] {
  const workbook = parseXml(partText(parts, "xl/workbook.xml") ?? "<workbook/>");
  const rels = new Map<string, string>();
  const relsXml = partText(parts, "xl/_rels/workbook.xml.rels");
  if (relsXml) for (const r of descendants(parseXml(relsXml), "Relationship")) rels.set(r.attrs.Id ?? "", r.attrs.Target ?? "");
  const sharedXml = partText(parts, "xl/sharedStrings.xml");
  const shared = sharedXml ? elements(parseXml(sharedXml), "si").map(stringItem) : [];
  const dates = dateStyles(partText(parts, "xl/styles.xml"));
  const out: Sheet[] = [];
  for (const s of descendants(workbook, "sheet")) {
    if (s.attrs.state === "hidden" || s.attrs.state === "veryHidden") continue;
    const target = rels.get(s.attrs.id ?? "") ?? "";
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
    const xml = partText(parts, path);
    if (xml) out.push({ name: s.attrs.name ?? "", rows: readSheet(xml, shared, dates) });
  }
  return out;
}

const CN = "一二三四五六七八九十";

/**
 * Decodes an .xlsx workbook: each visible sheet's table through the same table reader as Word
 * tables. When several sheets hold tables, each becomes a section headed by the sheet's name.
 */
export function decodeXlsx(bytes: Uint8Array): { text: string; notes: string[] } {
  let list: Sheet[];
  try {
    list = sheets(readZip(bytes, (n) => n.startsWith("xl/") && (n.endsWith(".xml") || n.endsWith(".rels"))));
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError("binary", `the .xlsx file is damaged: ${(err as Error).message}`);
  }
  return { text: sheetsText(list), notes: [] };
}

/**
 * A workbook's sheets as text: each visible sheet's table through the same table reader as Word
 * tables; several sheets with tables each become a section headed by the sheet's name.
 */
export function sheetsText(list: Sheet[]): string {
  const filled = list.filter((s) => s.rows.length > 0);
  const lines: string[] = [];
  filled.forEach((s, i) => {
    let rows = s.rows;
    // The first sheet's title rows (`…任务分工表` merged over the columns) title the whole workbook.
    if (i === 0 && filled.length > 1) {
      const above = rowsAboveHeader(rows);
      lines.push(...titleLines(rows.slice(0, above)));
      rows = rows.slice(above);
    }
    if (filled.length > 1) lines.push(`${CN[i] ?? String(i + 1)}、${s.name}`);
    lines.push(...tableLines(rows));
  });
  return lines.join("\n");
}
