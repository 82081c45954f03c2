import { fillMergedDown, isTaskTable, tableLines } from "./table-text.ts";
import { firstPieceWidth, type PdfItem, type PdfLine, type TableBlock } from "./pdf-layout.ts";

/**
 * Tables in a text PDF, recovered from where their text is printed: a table printed by an office
 * suite puts each line of each cell as its own run, left-aligned in its column, so the columns are
 * the x-ranges its runs cover (with gaps between them), and a cell that wraps continues on the
 * next printed lines of the same column. Rows are told apart by the row-number column (序号) when
 * the table has one; otherwise a line starts a new row unless one of its cells continues a full
 * line above it (the text wrapped there).
 *
 * Limits: cells must be top-aligned (an office suite's default); a table without a row-number
 * column whose every cell ends exactly at its column's edge may have two rows read as one.
 */

/** A page line made of runs (PDF text items on one baseline). */
interface Line {
  y: number;
  size: number;
  runs: PdfItem[];
}

/**
 * Runs split where a gap of more than half an em separates them: the cells of a table row (table
 * columns are set apart by their padding; prose runs touch, a typed space is a quarter em).
 */
function cellsOf(line: Line): { x0: number; x1: number }[] {
  const runs = [...line.runs].sort((a, b) => a.x - b.x);
  const out: { x0: number; x1: number }[] = [];
  for (const r of runs) {
    const last = out.at(-1);
    if (last && r.x - last.x1 <= line.size * 0.6) last.x1 = Math.max(last.x1, r.x + r.width);
    else out.push({ x0: r.x, x1: r.x + r.width });
  }
  return out;
}

/** Columns: the x-ranges the runs of the lines cover, merged where they touch. */
function columnsOf(lines: Line[]): [number, number][] {
  const spans = lines.flatMap((l) => l.runs.map((r): [number, number] => [r.x, r.x + r.width])).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = out.at(-1);
    if (last && a <= last[1] + 0.5) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * Where tables are on a page: from a line of at least three cells, down through the lines none of
 * whose runs spans two of its cells (prose does), without a blank of several lines in between.
 */
function tableRanges(lines: Line[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = cellsOf(lines[i]!);
    if (head.length < 3) continue;
    const anchors = head.map((c) => (c.x0 + c.x1) / 2);
    let end = i + 1;
    while (end < lines.length) {
      const line = lines[end]!;
      if (lines[end - 1]!.y - line.y > line.size * 3) break;
      const spansTwo = line.runs.some((r) => anchors.filter((a) => a >= r.x - 0.5 && a <= r.x + r.width + 0.5).length >= 2);
      // Or reaches across the gap between two columns of the lines so far.
      const columns = columnsOf(lines.slice(i, end));
      const crosses = line.runs.some((r) => columns.filter(([a, b]) => r.x < b - 0.5 && r.x + r.width > a + 0.5).length >= 2);
      if (spansTwo || crosses) break;
      end++;
    }
    // One line is a table only at the top of a page (a table going on from the page before).
    if ((end - i >= 2 || i === 0) && columnsOf(lines.slice(i, end)).length >= 3) {
      ranges.push([i, end]);
      i = end - 1;
    }
  }
  return ranges;
}

interface Slot {
  text: string;
  x0: number;
  x1: number;
}

/** One table line as cells per column (empty where the line has nothing in a column). */
function slotsOf(line: Line, columns: [number, number][]): (Slot | null)[] {
  const slots: (Slot | null)[] = columns.map(() => null);
  for (const r of [...line.runs].sort((a, b) => a.x - b.x)) {
    const mid = r.x + r.width / 2;
    let c = columns.findIndex(([a, b]) => mid >= a - 0.5 && mid <= b + 0.5);
    if (c < 0) c = columns.reduce((best, col, k) => (Math.abs(col[0] - r.x) < Math.abs(columns[best]![0] - r.x) ? k : best), 0);
    const s = slots[c];
    if (!s) slots[c] = { text: r.str, x0: r.x, x1: r.x + r.width };
    else {
      const latin = /[A-Za-z0-9]$/.test(s.text) && /^[A-Za-z0-9]/.test(r.str) && r.x - s.x1 > line.size * 0.15;
      s.text += (latin ? " " : "") + r.str;
      s.x1 = Math.max(s.x1, r.x + r.width);
    }
  }
  return slots;
}

/**
 * Reads table lines (top to bottom, pages joined) into rows of cell texts. A cell's lines are
 * joined as one text where the line above was full (wrapped), with a line break where it was not
 * (a new paragraph in the cell: one unit per line).
 */
export function tableRows(lines: Line[]): string[][] | null {
  const columns = columnsOf(lines);
  if (columns.length < 3) return null;
  const slots = lines.map((l) => slotsOf(l, columns));
  // A column's right limit: where its longest lines end.
  const right = columns.map((_, c) => Math.max(...slots.map((s) => s[c]?.x1 ?? -Infinity)));
  const size = Math.max(...lines.map((l) => l.size));
  const full = (above: Slot | null | undefined, below: Slot, c: number) =>
    above !== null && above !== undefined && above.x1 + firstPieceWidth(below.text, size) > right[c]! + size * 0.1;

  // The row-number column: the first column, holding only small numbers below the header.
  const numberLines = slots.map((s, i) => (s[0] && /^\d{1,3}[.、]?$/.test(s[0].text.trim()) ? i : -1)).filter((i) => i >= 0);
  const indexed = numberLines.length >= 2 && numberLines.every((i, k) => k === 0 || Number.parseInt(slots[i]![0]!.text) > Number.parseInt(slots[numberLines[k - 1]!]![0]!.text));

  const starts: number[] = [0];
  for (let i = 1; i < lines.length; i++) {
    const filled = slots[i]!.map((s, c) => (s ? c : -1)).filter((c) => c >= 0);
    if (indexed) {
      if (numberLines.includes(i) || (i < numberLines[0]! && !filled.some((c) => full(slots[i - 1]![c], slots[i]![c]!, c)))) starts.push(i);
      continue;
    }
    const continues = filled.filter((c) => full(slots[i - 1]![c], slots[i]![c]!, c)).length;
    if (continues === 0) starts.push(i);
  }
  const rows: string[][] = [];
  starts.forEach((from, k) => {
    const to = starts[k + 1] ?? lines.length;
    const cells = columns.map((_, c) => {
      let text = "";
      let previous: Slot | null = null;
      for (let i = from; i < to; i++) {
        const s = slots[i]![c];
        if (!s) continue;
        if (previous) text += full(previous, s, c) ? (/[A-Za-z0-9]$/.test(text) && /^[A-Za-z0-9]/.test(s.text) ? " " : "") : "\n";
        text += s.text.trim();
        previous = s;
      }
      return text;
    });
    rows.push(cells);
  });
  // The header row: its cells wrap too (序/号), but are one label each.
  if (rows[0]) rows[0] = rows[0].map((c) => c.replace(/\n/g, ""));
  return rows;
}

/**
 * Replaces the tables on consecutive pages (a table going on over a page break is one table) by
 * their recovered text: a 任务分工 table becomes numbered items with their owner lines, as from a
 * Word table. A table whose cells never wrap and whose header names no task columns is left as
 * printed lines (the text pipeline reads those already).
 */
export function recoverTables(pages: PdfLine[][]): (PdfLine | TableBlock)[] {
  const out: (PdfLine | TableBlock)[] = [];
  let pending: { lines: Line[]; printed: PdfLine[]; columns: [number, number][] } | null = null;
  const flush = () => {
    if (!pending) return;
    const rows = tableRows(pending.lines);
    const wraps = rows?.some((r, i) => i > 0 && r.some((c) => c.includes("\n"))) || pending.lines.length > (rows?.length ?? 0);
    if (rows && (isTaskTable(rows) || wraps)) out.push({ table: tableLines(fillMergedDown(rows)) });
    else out.push(...pending.printed);
    pending = null;
  };
  for (const page of pages) {
    const lines: Line[] = page.map((l) => ({ y: l.y, size: l.size, runs: l.items ?? [] }));
    const ranges = tableRanges(lines);
    let at = 0;
    for (const [from, to] of ranges) {
      const region = lines.slice(from, to);
      const columns = columnsOf(region);
      // Continued from the previous page: the table was the last thing there, this is the first here.
      const continued = pending !== null && from === 0 && at === 0 && sameColumns(pending.columns, columns);
      if (!continued) flush();
      for (let i = at; i < from; i++) out.push(page[i]!);
      if (!continued && to - from < 2) {
        // A lone line of cells at the top of a page, not continuing a table: printed as it is.
        for (let i = from; i < to; i++) out.push(page[i]!);
      } else if (continued && pending) {
        pending.lines.push(...region);
        pending.printed.push(...page.slice(from, to));
        pending.columns = columnsOf(pending.lines);
      } else {
        pending = { lines: region, printed: page.slice(from, to), columns };
      }
      at = to;
    }
    if (at < page.length) {
      flush();
      for (let i = at; i < page.length; i++) out.push(page[i]!);
    }
  }
  flush();
  return out;
}

/** Two tables with the same column starts (a table continued on the next page). */
function sameColumns(a: [number, number][], b: [number, number][]): boolean {
  if (a.length < b.length - 1 || b.length < 2) return false;
  // Every column of the continuation starts where a column of the table above starts.
  return b.every(([x]) => a.some(([y]) => Math.abs(x - y) <= 2));
}
