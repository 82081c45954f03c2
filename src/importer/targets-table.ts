import type { ImportWarning } from "./types.ts";
import {
  buildRow,
  cellsOf,
  isNameCell,
  isValueCell,
  LABEL_AFTER,
  LABEL_BEFORE,
  yearOf,
  type Cell,
  type TableRow,
} from "./targets-table-cells.ts";
import type { NormLine } from "./targets-text.ts";

export type { TableRow } from "./targets-table-cells.ts";

export interface TableResult {
  rows: TableRow[];
  /** Line numbers whose cells belong to a table (the prose reader skips them). */
  lines: Set<number>;
  warnings: ImportWarning[];
}

type Role = "index" | "name" | "unit" | "other";

function roleOf(label: string): Role {
  if (/^(?:序号|编号)$/.test(label)) return "index";
  if (/^(?:单位|计量单位)$/.test(label)) return "unit";
  if (/^(?:属性|指标属性|指标性质|类别|分类|领域|指标类别|一级指标)$/.test(label)) return "other";
  return "name";
}

interface Header {
  start: number;
  roles: Role[];
  years: { year: number; base: boolean; target: boolean }[];
  after: number;
  end: number;
}

function headerAt(cells: Cell[], i: number): Header | null {
  const years: { year: number; base: boolean; target: boolean }[] = [];
  let j = i;
  while (j < cells.length) {
    const y = yearOf(cells[j]!);
    if (!y || (years.length > 0 && y.year <= years[years.length - 1]!.year)) break;
    years.push(y);
    j++;
  }
  if (years.length < 2) return null;
  const roles: Role[] = [];
  let start = i;
  while (start > 0 && roles.length < 4 && LABEL_BEFORE.test(cells[start - 1]!.norm.replace(/\s+/g, ""))) {
    start--;
    roles.unshift(roleOf(cells[start]!.norm.replace(/\s+/g, "")));
  }
  if (!roles.includes("name")) roles.push("name");
  let after = 0;
  while (j < cells.length && after < 3 && LABEL_AFTER.test(cells[j]!.norm.replace(/\s+/g, ""))) {
    after++;
    j++;
  }
  return { start, roles, years, after, end: j };
}

/** Reads indicator tables: a header of year cells (after label cells such as 指标名称), then rows of name + one value per year. */
export function readTables(lines: NormLine[]): TableResult {
  const cells = cellsOf(lines);
  const rows: TableRow[] = [];
  const used = new Set<number>();
  const warnings: ImportWarning[] = [];
  let i = 0;
  while (i < cells.length) {
    const header = headerAt(cells, i);
    const next = header ? readAcross(cells, header, rows, used, warnings) : readDown(cells, i, rows, used, warnings);
    i = next ?? i + 1;
  }
  return { rows, lines: used, warnings };
}

// Years across: `指标名称 | 2023年 | 2024年…`, then `name | value | value…` rows. Returns where the table ends.
function readAcross(cells: Cell[], header: Header, rows: TableRow[], used: Set<number>, warnings: ImportWarning[]): number {
  for (let h = header.start; h < header.end; h++) used.add(cells[h]!.line);
  const width = header.roles.length + header.years.length + header.after;
  const nameCol = header.roles.lastIndexOf("name");
  const unitCol = header.roles.indexOf("unit");
  let j = header.end;
  while (j < cells.length) {
    const row = cells.slice(j, j + header.roles.length);
    const first = row[nameCol];
    if (row.length < header.roles.length || !first || !isNameCell(first) || yearOf(cells[j]!) || headerAt(cells, j)) break;
    let k = j + header.roles.length;
    let count = 0;
    while (k < cells.length && count < header.years.length + 1 && isValueCell(cells[k]!.norm)) {
      k++;
      count++;
    }
    if (count === 0) break;
    if (count !== header.years.length) {
      warnings.push({
        line: first.line,
        message: `table row "${first.text}" has ${count} value cells but the header has ${header.years.length} years: row skipped`,
      });
      for (let c = j; c < k; c++) used.add(cells[c]!.line);
      j = k;
      continue;
    }
    for (let c = j; c < j + width && c < cells.length; c++) used.add(cells[c]!.line);
    const unitCell = unitCol >= 0 ? row[unitCol]!.norm : undefined;
    const built = buildRow(first, cells.slice(j + header.roles.length, k), header.years, unitCell, warnings);
    if (built) rows.push(built);
    j += width;
  }
  return Math.max(j, header.end);
}

const DOWN_LABEL = /^(?:年份|年度|时间|年份\/指标|指标\/年份|年度\/指标|指标\/年度)$/;

// Years down: `年份 | 指标A | 指标B`, then `2023年 | value | value` rows. Returns where the table
// ends, or null when no such table starts at `i`.
function readDown(cells: Cell[], i: number, rows: TableRow[], used: Set<number>, warnings: ImportWarning[]): number | null {
  if (!DOWN_LABEL.test(cells[i]!.norm.replace(/\s+/g, ""))) return null;
  let j = i + 1;
  const names: Cell[] = [];
  while (j < cells.length && names.length < 12 && isNameCell(cells[j]!)) names.push(cells[j++]!);
  if (names.length === 0) return null;
  const years: { year: number; base: boolean; target: boolean }[] = [];
  const columns: Cell[][] = names.map(() => []);
  const rowWarnings: ImportWarning[] = [];
  const lines = new Set<number>([i, ...names.map((_, c) => i + 1 + c)].map((c) => cells[c]!.line));
  while (j < cells.length) {
    const y = yearOf(cells[j]!);
    if (!y || (years.length > 0 && y.year <= years[years.length - 1]!.year)) break;
    let count = 0;
    while (count <= names.length && j + 1 + count < cells.length && isValueCell(cells[j + 1 + count]!.norm)) count++;
    if (count === 0) break;
    for (let c = j; c <= j + Math.min(count, names.length); c++) lines.add(cells[c]!.line);
    if (count !== names.length) {
      rowWarnings.push({
        line: cells[j]!.line,
        message: `table row "${cells[j]!.text}" has ${count} value cells but the header has ${names.length} indicators: row skipped`,
      });
      j += count + 1;
      continue;
    }
    years.push(y);
    for (let c = 0; c < names.length; c++) columns[c]!.push(cells[j + 1 + c]!);
    j += names.length + 1;
  }
  if (years.length < 2) return null;
  for (const l of lines) used.add(l);
  warnings.push(...rowWarnings);
  names.forEach((n, c) => {
    const built = buildRow(n, columns[c]!, years, undefined, warnings);
    if (built) rows.push(built);
  });
  return j;
}
