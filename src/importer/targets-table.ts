import type { Comparator, ImportWarning } from "./types.ts";
import { findQuantities, parseQuantity } from "./quantity.ts";
import { findComparators } from "./quantity.ts";
import type { NormLine } from "./targets-text.ts";
import { headingLevel } from "./targets-text.ts";

/** One cell of a table flattened into lines (one cell per line, or cells split by tabs/wide gaps). */
interface Cell {
  line: number;
  text: string;
  norm: string;
}

/** A table row read as an indicator: values per year column, null where the cell is `——`. */
export interface TableRow {
  name: string;
  line: number;
  unit: string;
  comparator: Comparator;
  columns: { year: number; base: boolean; value: number | null; valueMax?: number }[];
}

export interface TableResult {
  rows: TableRow[];
  /** Line numbers whose cells belong to a table (the prose reader skips them). */
  lines: Set<number>;
  warnings: ImportWarning[];
}

const YEAR_HEADER =
  /^(?:(基期|基准|现状|目标|规划|预期)(?:值|年)?[(:]?)?((?:19|20)\d{2})年?(?:底|末|度)?(?:[(]?(基期|基准|基数|现状|目标|预期|实际|预计)?(?:值|年|数)?[)]?)?(?:年)?$/;
const LABEL_BEFORE =
  /^(?:序号|编号|指标名称|指标|名称|主要指标|指标内容|项目|内容|一级指标|二级指标|三级指标|类别|分类|领域|指标类别|单位|计量单位|属性|指标属性|指标性质)$/;
const LABEL_AFTER = /^(?:属性|指标属性|指标性质|备注|责任单位|牵头单位|年均增速|年均增长|累计增长|类型)$/;
const NONE = /^(?:—+|-+|－+|–+|\/|无|暂无|—|…+|\.{3,}|\*|×|\s*)$/;
const BARE_NUMBER = /^[≥≤><]?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:以上|以内|以下|左右)?$/;

function cellsOf(lines: NormLine[]): Cell[] {
  const cells: Cell[] = [];
  for (const l of lines) {
    const t = l.text.trim();
    if (t === "") continue;
    const offset = l.text.indexOf(t);
    const norm = l.norm.slice(offset, offset + t.length);
    const parts = norm.split(/\t+| {2,}/);
    const looksTabular = parts.length >= 3 && parts.some((p) => YEAR_HEADER.test(p.trim()) || findQuantities(p).length > 0);
    if (!looksTabular) {
      cells.push({ line: l.no, text: t, norm });
      continue;
    }
    let pos = 0;
    for (const p of parts) {
      const at = norm.indexOf(p, pos);
      pos = at + p.length;
      if (p.trim() === "") continue;
      cells.push({ line: l.no, text: t.slice(at, at + p.length).trim(), norm: p.trim() });
    }
  }
  return cells;
}

function yearOf(cell: Cell): { year: number; base: boolean; target: boolean } | null {
  const m = YEAR_HEADER.exec(cell.norm.replace(/\s+/g, ""));
  if (!m) return null;
  const tag = (m[1] ?? "") + (m[3] ?? "");
  return { year: Number(m[2]), base: /基期|基准|基数|现状|实际/.test(tag), target: /目标|规划|预期|预计/.test(tag) };
}

type Role = "index" | "name" | "unit" | "other";

function roleOf(label: string): Role {
  if (/^(?:序号|编号)$/.test(label)) return "index";
  if (/^(?:单位|计量单位)$/.test(label)) return "unit";
  if (/^(?:属性|指标属性|指标性质|类别|分类|领域|指标类别|一级指标)$/.test(label)) return "other";
  return "name";
}

function isValueCell(norm: string): boolean {
  const s = norm.replace(/\s+/g, "");
  if (NONE.test(s)) return true;
  if (BARE_NUMBER.test(s)) return true;
  const q = findQuantities(s);
  return q.length === 1 && s.length - (q[0]!.end - q[0]!.index) <= 4 && !q[0]!.bareMultiplier;
}

function isNameCell(cell: Cell): boolean {
  const s = cell.norm.trim();
  if (s.length === 0 || s.length > 60) return false;
  if (yearOf(cell) || isValueCell(s)) return false;
  if (/[。;]$/.test(s) || headingLevel(s) !== null) return false;
  return /[\p{Script=Han}A-Za-z]/u.test(s);
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

function unitScale(unitCell: string | undefined): { factor: string; unit: string } | null {
  if (unitCell === undefined) return null;
  const u = unitCell.replace(/\s+/g, "").replace(/^[(]|[)]$/g, "");
  const probe = parseQuantity(`1${u}`);
  if (probe && probe.unit !== "") return { factor: u, unit: probe.unit };
  return u === "" ? null : { factor: "", unit: u };
}

function readValue(norm: string, unitCell: string | undefined): { value: number; valueMax?: number; unit: string } | null {
  const s = norm.replace(/\s+/g, "");
  if (NONE.test(s)) return null;
  const bare = BARE_NUMBER.exec(s);
  if (bare) {
    const scale = unitScale(unitCell);
    if (!scale) return { value: Number(bare[1]!.replace(/,/g, "")), unit: "" };
    const q = scale.factor === "" ? null : parseQuantity(`${bare[1]}${scale.factor}`);
    return q ?? { value: Number(bare[1]!.replace(/,/g, "")), unit: scale.unit };
  }
  const q = parseQuantity(s);
  return q ? { ...q } : null;
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
    if (!header) {
      i++;
      continue;
    }
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
      const unitCell = unitCol >= 0 ? row[unitCol]!.norm : undefined;
      const values = cells.slice(j + header.roles.length, k);
      const parsed = values.map((c) => readValue(c.norm, unitCell));
      const units = new Set(parsed.filter((p) => p !== null).map((p) => p!.unit));
      const lastIdx = parsed.map((p) => p !== null).lastIndexOf(true);
      for (let c = j; c < j + width && c < cells.length; c++) used.add(cells[c]!.line);
      j += width;
      if (lastIdx < 0) {
        warnings.push({ line: first.line, message: `table row "${first.text}" has no values: skipped` });
        continue;
      }
      if (units.size > 1) {
        warnings.push({ line: first.line, message: `table row "${first.text}" mixes units (${[...units].join(", ")}): row skipped` });
        continue;
      }
      const hits = findComparators(values[lastIdx]!.norm + first.norm);
      const hit = hits.find((h) => h.strong) ?? hits[0];
      rows.push({
        name: first.text,
        line: first.line,
        unit: [...units][0] ?? "",
        comparator: hit?.comparator ?? "=",
        columns: header.years.map((y, c) => {
          const p = parsed[c];
          const col: TableRow["columns"][number] = { year: y.year, base: y.base, value: p ? p.value : null };
          if (p?.valueMax !== undefined) col.valueMax = p.valueMax;
          return col;
        }),
      });
    }
    i = Math.max(j, header.end);
  }
  return { rows, lines: used, warnings };
}
