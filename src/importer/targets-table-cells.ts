import type { Comparator, ImportWarning } from "./types.ts";
import { findComparators, findQuantities, parseQuantity } from "./quantity.ts";
import type { NormLine } from "./targets-text.ts";

/** One cell of a table flattened into lines (one cell per line, or cells split by tabs/wide gaps). */
export interface Cell {
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
  /** `base`/`target`: the header marks the column as 基期 / 目标. */
  columns: { year: number; base: boolean; target: boolean; value: number | null; valueMax?: number }[];
}

export const YEAR_HEADER =
  /^(?:(基期|基准|现状|目标|规划|预期)(?:值|年)?[(:]?)?((?:19|20)\d{2})年?(?:底|末|度)?(?:[(]?(基期|基准|基数|现状|目标|预期|实际|预计)?(?:值|年|数)?[)]?)?(?:年)?$/;
export const LABEL_BEFORE =
  /^(?:序号|编号|指标名称|指标|名称|主要指标|指标内容|项目|内容|一级指标|二级指标|三级指标|类别|分类|领域|指标类别|单位|计量单位|属性|指标属性|指标性质)$/;
export const LABEL_AFTER = /^(?:属性|指标属性|指标性质|备注|责任单位|牵头单位|年均增速|年均增长|累计增长|类型)$/;
const NONE = /^(?:—+|-+|－+|–+|\/|无|暂无|—|…+|\.{3,}|\*|×|\s*)$/;
const BARE_NUMBER = /^[≥≤><]?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:以上|以内|以下|左右)?$/;

export function cellsOf(lines: NormLine[]): Cell[] {
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

export function yearOf(cell: Cell): { year: number; base: boolean; target: boolean } | null {
  const m = YEAR_HEADER.exec(cell.norm.replace(/\s+/g, ""));
  if (!m) return null;
  const tag = (m[1] ?? "") + (m[3] ?? "");
  return { year: Number(m[2]), base: /基期|基准|基数|现状|实际/.test(tag), target: /目标|规划|预期|预计/.test(tag) };
}

export function isValueCell(norm: string): boolean {
  const s = norm.replace(/\s+/g, "");
  if (NONE.test(s)) return true;
  if (BARE_NUMBER.test(s)) return true;
  const q = findQuantities(s);
  return q.length === 1 && s.length - (q[0]!.end - q[0]!.index) <= 4 && !q[0]!.bareMultiplier;
}

export function isNameCell(cell: Cell): boolean {
  const s = cell.norm.trim();
  if (s.length === 0 || s.length > 60) return false;
  if (yearOf(cell) || isValueCell(s)) return false;
  // A heading after the table (`三、建设任务`) is followed by no values, which ends the table.
  if (/[。;]$/.test(s)) return false;
  return /[\p{Script=Han}A-Za-z]/u.test(s);
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

const NAME_UNIT = /^(.+?)\s*[(]\s*([^()]{1,8})\s*[)]$/;

// `有效商标注册量（万件）`: the name and the unit its brackets give, when they give one.
function nameAndUnit(cell: Cell): { name: string; unit: string | undefined } {
  const m = NAME_UNIT.exec(cell.norm);
  if (!m || !unitScale(m[2])) return { name: cell.text, unit: undefined };
  const probe = parseQuantity(`1${m[2]!.replace(/\s+/g, "")}`);
  if (!probe || probe.unit === "") return { name: cell.text, unit: undefined };
  return { name: cell.text.slice(0, m[1]!.length).trim(), unit: m[2] };
}

// `1.每万人口…`, `（2）有效商标…`: a row number written into the name cell.
const ROW_NUMBER = /^\s*(?:\d{1,2}\s*[.、]|[(]\d{1,2}[)])\s*/;

/**
 * One indicator row: its name cell, one value cell per year (`——` for none), and the unit column
 * if the table has one. Null (with a warning) when the row cannot be read.
 */
export function buildRow(
  nameCell: Cell,
  values: Cell[],
  years: { year: number; base: boolean; target: boolean }[],
  unitCell: string | undefined,
  warnings: ImportWarning[],
): TableRow | null {
  const numbered = ROW_NUMBER.exec(nameCell.norm)?.[0].length ?? 0;
  const named = nameAndUnit({ ...nameCell, text: nameCell.text.slice(numbered), norm: nameCell.norm.slice(numbered) });
  const unit = unitCell ?? named.unit;
  const parsed = values.map((c) => readValue(c.norm, unit));
  const units = new Set(parsed.filter((p) => p !== null).map((p) => p!.unit));
  const lastIdx = parsed.map((p) => p !== null).lastIndexOf(true);
  if (lastIdx < 0) {
    warnings.push({ line: nameCell.line, message: `table row "${nameCell.text}" has no values: skipped` });
    return null;
  }
  if (units.size > 1) {
    warnings.push({ line: nameCell.line, message: `table row "${nameCell.text}" mixes units (${[...units].join(", ")}): row skipped` });
    return null;
  }
  const hits = findComparators(values[lastIdx]!.norm + nameCell.norm);
  const hit = hits.find((h) => h.strong) ?? hits[0];
  const comparator: Comparator = hit?.comparator ?? "=";
  return {
    name: named.name,
    line: nameCell.line,
    unit: [...units][0] ?? "",
    comparator,
    columns: years.map((y, c) => {
      const p = parsed[c];
      const col: TableRow["columns"][number] = { year: y.year, base: y.base, target: y.target, value: p ? p.value : null };
      if (p?.valueMax !== undefined) col.valueMax = p.valueMax;
      return col;
    }),
  };
}
