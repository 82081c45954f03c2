import { parseMarker } from "../markers.ts";
import { normalizeForMatch } from "../normalize.ts";

/** One positioned text run of a PDF page (pdf.js text content item). */
export interface PdfItem {
  str: string;
  x: number;
  /** Baseline, growing upwards. */
  y: number;
  width: number;
  size: number;
}

/** A table recovered from a page (pdf-table.ts), in the page flow: the lines the pipeline reads for it. */
export interface TableBlock {
  table: string[];
}

/** A printed line: its cells (runs separated by a wide gap), extent and font size. */
export interface PdfLine {
  cells: string[];
  /** The runs it was made of, left to right (table recovery reads their positions). */
  items?: PdfItem[];
  x0: number;
  x1: number;
  y: number;
  size: number;
}

const LATIN = /[A-Za-z0-9]/;

/**
 * What a horizontal gap between two glyph runs stands for. Office suites print a narrow gap
 * (about 0.2 em) between Han and Latin text ("2026 年") that the document never had; a typed space
 * is about a quarter em, two or more (a field gap, `组  长`) half an em or more.
 */
function gapText(gap: number, size: number, before: string, after: string): string {
  const latin = LATIN.test(before) && LATIN.test(after);
  if (gap >= size * 0.4) return latin && gap < size * 0.6 ? " " : "  ";
  if (latin) return gap >= size * 0.12 ? " " : "";
  const han = !LATIN.test(before) && !LATIN.test(after);
  return han && gap >= size * 0.15 ? " " : "";
}

/** Groups a page's runs into lines top to bottom, runs left to right; wide gaps split cells. */
export function pageLines(items: PdfItem[]): PdfLine[] {
  const runs = items.filter((i) => i.str.trim() !== "" && i.size > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfItem[][] = [];
  for (const item of runs) {
    const row = rows.find((r) => Math.abs(r[0]!.y - item.y) <= Math.min(r[0]!.size, item.size) * 0.4);
    if (row) row.push(item);
    else rows.push([item]);
  }
  const lines = rows.map((row): PdfLine => {
    row.sort((a, b) => a.x - b.x);
    const size = Math.max(...row.map((r) => r.size));
    const cells: string[] = [];
    let current = "";
    let end = row[0]!.x;
    for (const item of row) {
      const gap = item.x - end;
      if (current !== "" && gap > size * 1.8) {
        cells.push(current.trim());
        current = "";
      } else if (current !== "") {
        current += gapText(gap, size, current.slice(-1), item.str.trim()[0] ?? "");
      }
      current += current === "" || current.endsWith(" ") ? item.str.trimStart() : item.str;
      end = Math.max(end, item.x + item.width);
    }
    cells.push(current.trim());
    return { cells: cells.filter((c) => c !== ""), items: row, x0: row[0]!.x, x1: end, y: row[0]!.y, size };
  });
  return lines.sort((a, b) => b.y - a.y);
}

const PAGE_NUMBER =
  /^(?:[-—–－~_·\s]*(?:第\s*)?\d{1,3}(?:\s*页)?(?:\s*[/,，]?\s*共\s*\d{1,3}\s*页)?[-—–－~_·\s]*|\d{1,4}\s*\/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$/i;

/** Removes page numbers (`— 2 —`, `- 3 -`, `第 4 页 共 9 页`) printed as the first or last line of a page. */
export function dropPageNumbers(lines: PdfLine[]): PdfLine[] {
  const out = [...lines];
  const isNumber = (l: PdfLine | undefined): boolean => l !== undefined && l.cells.length <= 3 && PAGE_NUMBER.test(l.cells.join(" ").trim());
  while (isNumber(out.at(-1))) out.pop();
  while (isNumber(out[0])) out.shift();
  return out;
}

/** Lines whose text repeats at the top or bottom of most pages (running headers and footers). */
export function dropRunningLines(pages: PdfLine[][]): PdfLine[][] {
  if (pages.length < 2) return pages;
  const key = (l: PdfLine): string => l.cells.join(" ").replace(/\d+/g, "#");
  const count = new Map<string, number>();
  for (const page of pages) {
    const edge = new Set([page[0], page.at(-1)].filter((l): l is PdfLine => l !== undefined).map(key));
    for (const k of edge) count.set(k, (count.get(k) ?? 0) + 1);
  }
  const running = new Set([...count].filter(([, n]) => n >= Math.max(2, pages.length * 0.6)).map(([k]) => k));
  return pages.map((page) => page.filter((l, i) => !((i === 0 || i === page.length - 1) && running.has(key(l)))));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

const OPENING = "([{“‘（《〈「『【〔";
const CLOSING = ")]}”’），。、；：？！》〉」』】〕,.;:?!%";

function charWidth(ch: string, size: number): number {
  return ch.charCodeAt(0) < 0x2000 ? size * 0.55 : size;
}

/**
 * Width of the first piece a line breaker cannot split: opening brackets with what follows them,
 * a Latin/digit word or one Han character, then closing punctuation (never at a line start).
 */
export function firstPieceWidth(text: string, size: number): number {
  const chars = [...text];
  let i = 0;
  let width = 0;
  while (i < chars.length && OPENING.includes(chars[i]!)) width += charWidth(chars[i++]!, size);
  if (i < chars.length && /[A-Za-z0-9]/.test(chars[i]!)) {
    while (i < chars.length && /[A-Za-z0-9.\-—–/:~]/.test(chars[i]!)) width += charWidth(chars[i++]!, size);
  } else if (i < chars.length) {
    width += charWidth(chars[i++]!, size);
  }
  while (i < chars.length && CLOSING.includes(chars[i]!)) width += charWidth(chars[i++]!, size);
  return width;
}

// Characters a line may not begin with (CJK line-breaking rules): a line starting with one continues.
const NO_START = /^[，。、；：？！）》」』】”’,.;:?!)\]%]/;
const LABEL = /^[^\s,，。:：]{1,10}[:：]/;

/**
 * Joins lines a paragraph wrapped at the right margin back together (`前海管` + `理局`): a line
 * continues onto the next when the next line's first word would not have fitted after it, the next
 * line is not indented and does not start with numbering or a `label：`. Multi-cell lines (table
 * rows) are kept as cells, one per line.
 */
export function joinWrapped(flow: (PdfLine | TableBlock)[]): string[] {
  const lines = flow.filter((l): l is PdfLine => "cells" in l);
  const prose = lines.filter((l) => l.cells.length === 1 && l.cells[0]!.length >= 6);
  const right = prose.length ? percentile(prose.map((l) => l.x1), 0.9) : 0;
  const left = prose.length ? percentile(prose.map((l) => l.x0), 0.1) : 0;
  const gaps: number[] = [];
  lines.forEach((l, i) => {
    const dy = i > 0 ? lines[i - 1]!.y - l.y : 0;
    if (dy > 0 && dy < l.size * 3) gaps.push(dy);
  });
  const pitch = gaps.length ? percentile(gaps, 0.5) : 0;
  const out: string[] = [];
  let open: PdfLine | null = null;
  let previous: PdfLine | null = null;
  for (const line of flow) {
    if ("table" in line) {
      // A recovered table: its own lines, apart from the text around it.
      out.push("", ...line.table, "");
      open = null;
      previous = null;
      continue;
    }
    // Extra space above a line (an empty paragraph, paragraph spacing) ends what came before: the
    // text keeps it as an empty line, as the pipeline reads blank lines between paragraphs and cells.
    const spaced = previous !== null && line.y < previous.y && previous.y - line.y > pitch * 1.6;
    previous = line;
    if (spaced) {
      out.push("");
      open = null;
    }
    if (line.cells.length > 1) {
      out.push(...line.cells);
      open = null;
      continue;
    }
    const text = line.cells[0]!;
    const norm = normalizeForMatch(text);
    // A centred heading too long for one line: its rest is centred under a full first line.
    const centredRest =
      open !== null &&
      open.x0 <= left + line.size * 1.5 &&
      open.x1 >= right - line.size * 1.5 &&
      Math.abs((line.x0 + line.x1) / 2 - (left + right) / 2) <= line.size &&
      line.x0 > left + line.size * 2;
    const continues =
      open !== null &&
      (NO_START.test(text) ||
        centredRest ||
        (open.x1 + firstPieceWidth(text, line.size) > right - line.size * 0.3 &&
          line.x0 <= left + line.size * 0.6 &&
          Math.abs(line.size - open.size) <= open.size * 0.15 &&
          !parseMarker(norm) &&
          !LABEL.test(norm)));
    if (continues) {
      const prev = out.pop() ?? "";
      out.push(LATIN.test(prev.slice(-1)) && LATIN.test(text[0] ?? "") ? `${prev} ${text}` : prev + text);
    } else {
      out.push(text);
    }
    open = line;
  }
  return out;
}
