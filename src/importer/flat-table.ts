import type { ImportWarning } from "./types.ts";
import { makeLine, type Line } from "./lines.ts";
import { parseMarker } from "./markers.ts";
import { matchKey } from "./normalize.ts";
import { parseUnitList } from "./owners.ts";
import { looksLikeUnit } from "./unit-names.ts";

/**
 * A task table copied out of a document cell by cell: a header row naming the columns (one
 * name a line), then each row's cells one a line, often with no printed number. Rewritten into
 * numbered items with `牵头单位：…` fields, so the ordinary outline reads the rows as tasks.
 */
type Column = "number" | "title" | "content" | "lead" | "responsible" | "support" | "deadline" | "note";

const COLUMNS: Record<string, Column> = {
  序号: "number", 编号: "number",
  重点任务: "title", 主要任务: "title", 工作任务: "title", 任务: "title", 任务名称: "title", 任务事项: "title",
  工作事项: "title", 具体任务: "title", 重点工作: "title",
  工作内容: "content", 具体措施: "content", 工作措施: "content", 主要措施: "content", 任务内容: "content",
  具体内容: "content", 主要内容: "content", 工作目标: "content",
  牵头单位: "lead", 牵头部门: "lead", 主责单位: "lead",
  责任单位: "responsible", 责任部门: "responsible",
  配合单位: "support", 配合部门: "support", 参与单位: "support",
  完成时限: "deadline", 完成时间: "deadline", 时间节点: "deadline", 时限要求: "deadline", 进度安排: "deadline",
  备注: "note",
};
const FIELD_LABEL: Partial<Record<Column, string>> = {
  lead: "牵头单位",
  responsible: "责任单位",
  support: "配合单位",
  deadline: "完成时限",
};
const EMPTY_CELL = /^[-—–/\\无\s]*$/;

function columnOf(line: Line): Column | null {
  return COLUMNS[matchKey(line.norm)] ?? null;
}

function headerAt(lines: Line[], i: number): Column[] | null {
  const cols: Column[] = [];
  for (let j = i; j < lines.length; j++) {
    const c = columnOf(lines[j]!);
    if (!c || cols.includes(c)) break;
    cols.push(c);
  }
  const owners = cols.some((c) => c === "lead" || c === "responsible");
  const work = cols.some((c) => c === "title" || c === "content");
  return cols.length >= 3 && owners && work ? cols : null;
}

function ownerCellOk(line: Line): boolean {
  if (EMPTY_CELL.test(line.norm)) return true;
  const list = parseUnitList(line.text, line.norm, "responsible", line.no);
  return list.mentions.length > 0 && list.mentions.every((m) => looksLikeUnit(m.name));
}

function rowOk(cells: Line[], cols: Column[]): boolean {
  return cols.every((c, k) => {
    const cell = cells[k]!;
    if (columnOf(cell) !== null) return false;
    if (c === "lead" || c === "responsible" || c === "support") return ownerCellOk(cell);
    if (c === "number") return /^\d{1,3}$/.test(cell.norm.trim());
    if (c === "title" || c === "content") return !EMPTY_CELL.test(cell.norm) && !/^\d{4}年[^,.;]{0,8}$/.test(cell.norm.trim());
    return true;
  });
}

function rowLines(cells: Line[], cols: Column[], n: number): Line[] {
  const at = (c: Column): Line | undefined => cells[cols.indexOf(c)];
  const title = at("title");
  const content = at("content");
  const first = title ?? content!;
  const number = at("number")?.norm.trim() ?? String(n);
  const out: Line[] = [makeLine(first.no, `${number}.${first.text}`)];
  if (title && content) out.push(content);
  for (const c of cols) {
    const label = FIELD_LABEL[c];
    const cell = at(c)!;
    if (!label || EMPTY_CELL.test(cell.norm)) continue;
    // A 完成时限 cell is a deadline by its column: `2025年12月底` reads as `2025年12月底前`.
    const due = c === "deadline" && /^\d{4}年[^,.;]{0,8}(底|末|月|季度|年|日)$/.test(cell.norm.trim()) ? "前" : "";
    out.push(makeLine(cell.no, `${label}：${cell.text.trim()}${due}`));
  }
  return out.sort((a, b) => a.no - b.no);
}

/** Rewrites flattened task tables in a document body; other lines pass through unchanged. */
export function unflattenTables(body: Line[]): { lines: Line[]; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  const out: Line[] = [];
  let i = 0;
  while (i < body.length) {
    const cols = headerAt(body, i);
    if (!cols) {
      out.push(body[i]!);
      i++;
      continue;
    }
    const headerLine = body[i]!.no;
    i += cols.length;
    let n = 0;
    while (i < body.length) {
      const line = body[i]!;
      const marker = parseMarker(line.norm);
      if (marker && marker.rank <= 2) {
        out.push(line);
        i++;
        continue;
      }
      if (headerAt(body, i)?.length === cols.length) {
        i += cols.length; // the header repeated after a page break
        continue;
      }
      const cells = body.slice(i, i + cols.length);
      if (cells.length < cols.length || !rowOk(cells, cols)) break;
      n++;
      out.push(...rowLines(cells, cols, n));
      i += cols.length;
    }
    if (n > 0) {
      warnings.push({ line: headerLine, message: `task table with columns ${cols.join(", ")} read row by row: ${n} rows` });
    }
    if (i < body.length && n > 0 && !parseMarker(body[i]!.norm)) {
      const rest = body.length - i;
      if (rest >= cols.length && body.slice(i, i + cols.length).some((l) => ownerCellOk(l) && !EMPTY_CELL.test(l.norm))) {
        warnings.push({ line: body[i]!.no, message: "the task table stops here: the cells below do not line up with its header (an empty or split cell?)" });
      }
    }
    if (n === 0) {
      out.push(...body.slice(i - cols.length, i));
    }
  }
  return { lines: out, warnings };
}
