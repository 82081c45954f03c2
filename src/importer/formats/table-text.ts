import { parseMarker } from "../markers.ts";
import { matchKey } from "../normalize.ts";
import { YEAR_HEADER } from "../targets-table-cells.ts";

/**
 * Turns a table read from a file (rows of cell texts, merged cells repeated) into lines the
 * text pipeline reads: a task-division table (任务分工表) becomes numbered items with their
 * 牵头单位/责任单位/配合单位/完成时限 lines; an indicator table (years as columns) becomes the
 * one-cell-per-line form of the target reader; any other table is flattened one cell per line.
 */
type Role = "index" | "section" | "title" | "content" | "lead" | "responsible" | "support" | "deadline" | "other";

const ROLES: [Role, RegExp][] = [
  ["index", /^(?:序号|编号|序|no\.?)$/i],
  ["lead", /^(?:牵头(?:单位|部门|责任单位|责任部门)?|主责(?:单位|部门)|主办(?:单位|部门))$/],
  ["support", /^(?:配合(?:单位|部门)?|协办(?:单位|部门)|参与(?:单位|部门)|协同(?:单位|部门))$/],
  ["responsible", /^(?:责任(?:单位|部门|主体)|负责(?:单位|部门)|承办(?:单位|部门)|实施(?:单位|部门|主体)|执行(?:单位|部门)|主体(?:单位|部门))$/],
  ["deadline", /^(?:完成(?:时限|时间|期限)|时间(?:节点|安排|要求|进度)|时限(?:要求)?|进度(?:安排|要求)|截止(?:时间|日期))$/],
  ["section", /^(?:重点领域|工作领域|领域|类别|分类|板块|方面|任务类别|工作类别)$/],
  ["title", /^(?:(?:重点|主要|工作|具体|改革)?任务(?:名称|事项)?|重点工作|工作事项|事项|项目(?:名称)?|工作名称)$/],
  ["content", /^(?:(?:工作|具体|主要|任务|推进)?(?:内容|措施|举措)|具体(?:任务|工作)|工作目标|目标任务|主要工作|任务要求|工作要求)$/],
];

function roleOf(cell: string): Role {
  const key = matchKey(cell).replace(/[()]/g, "");
  for (const [role, re] of ROLES) if (re.test(key)) return role;
  return "other";
}

interface TaskHeader {
  row: number;
  roles: Role[];
}

function findTaskHeader(rows: string[][]): TaskHeader | null {
  for (let r = 0; r < Math.min(rows.length, 6); r++) {
    const roles = rows[r]!.map(roleOf);
    const hasText = roles.includes("title") || roles.includes("content");
    const hasOwner = roles.includes("lead") || roles.includes("responsible") || roles.includes("support");
    if (hasText && hasOwner) return { row: r, roles };
  }
  return null;
}

function isYearHeaderRow(row: string[]): boolean {
  return row.filter((c) => YEAR_HEADER.test(matchKey(c))).length >= 2;
}

/** Owner cells list units one per paragraph or separated by commas: one 、-separated list. */
function unitList(cell: string): string {
  return cell
    .split(/\n+/)
    .map((s) => s.trim().replace(/[，,;；]+$/, ""))
    .filter((s) => s !== "")
    .join("、");
}

function oneLine(cell: string): string {
  return cell.split(/\n+/).map((s) => s.trim()).filter((s) => s !== "").join("");
}

const CN_DIGITS = "〇一二三四五六七八九";
function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ""}`;
  return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ""}`;
}

function taskLines(rows: string[][], header: TaskHeader): string[] {
  const out: string[] = [];
  for (let r = 0; r < header.row; r++) out.push(...flatRow(rows[r]!));
  const col = (role: Role): number => header.roles.indexOf(role);
  const at = (row: string[], role: Role): string => (col(role) >= 0 ? (row[col(role)] ?? "").trim() : "");
  const body = rows.slice(header.row + 1).filter((row) => {
    const repeatHeader = row.every((c, i) => matchKey(c) === matchKey(rows[header.row]![i] ?? ""));
    const filled = row.some((c, i) => c.trim() !== "" && header.roles[i] !== "index");
    return filled && !repeatHeader;
  });
  const titles = body.map((row) => at(row, "title"));
  // A title column merged over several rows (one key task, several measures) groups the rows.
  const grouped = col("content") >= 0 && titles.some((t, i) => t !== "" && titles[i + 1] === t);
  const indexes = body.map((row) => oneLine(at(row, "index")).replace(/[.、]$/, ""));
  const ownIndex = indexes.every((x) => /^\d{1,3}$/.test(x)) && new Set(indexes).size === indexes.length;
  let section = "";
  let group = "";
  let groups = 0;
  body.forEach((row, i) => {
    const sec = oneLine(at(row, "section"));
    if (sec !== "" && sec !== section) {
      section = sec;
      groups++;
      out.push(`（${chineseNumber(groups)}）${sec}`);
    }
    let text = oneLine(at(row, "content"));
    const title = oneLine(titles[i]!);
    if (grouped && col("section") < 0) {
      if (title !== "" && title !== group) {
        group = title;
        groups++;
        out.push(parseMarker(matchKey(title)) ? title : `（${chineseNumber(groups)}）${title}`);
      }
    } else if (title !== "") {
      text = text === "" || text.startsWith(title) ? title : `${title.replace(/[。.]$/, "")}。${text}`;
    }
    if (text === "") return;
    const number = ownIndex ? indexes[i]! : String(i + 1);
    const marker = parseMarker(matchKey(text));
    out.push(marker && marker.rank === 3 ? text : `${number}.${marker ? text.slice(marker.offset) : text}`);
    const lead = unitList(at(row, "lead"));
    const responsible = unitList(at(row, "responsible"));
    const support = unitList(at(row, "support"));
    if (lead) out.push(`牵头单位：${lead}`);
    if (responsible) out.push(`责任单位：${responsible}`);
    if (support) out.push(`配合单位：${support}`);
    const deadline = oneLine(at(row, "deadline"));
    if (deadline) out.push(`完成时限：${deadline}`);
  });
  return out;
}

const INDEX = /^(?:序号|编号|序)$/;

/** Indicator tables: one cell per line without the row-number column (its numbers read as values). */
function indicatorLines(rows: string[][]): string[] {
  const headerRow = rows.findIndex(isYearHeaderRow);
  const out: string[] = [];
  for (let r = 0; r < headerRow; r++) out.push(...flatRow(rows[r]!));
  const drop = new Set<number>();
  rows[headerRow]!.forEach((c, i) => {
    if (INDEX.test(matchKey(c))) drop.add(i);
  });
  for (const row of rows.slice(headerRow)) {
    if (row.every((c) => c.trim() === "")) continue;
    row.forEach((c, i) => {
      if (drop.has(i) || (i > 0 && row[i - 1] === c && c !== "" && !/^[\d.%]+$/.test(c))) return;
      out.push(oneLine(c) || "——");
    });
  }
  return out;
}

/** Cells of a row one per line, merged (repeated) cells once. */
function flatRow(row: string[]): string[] {
  const out: string[] = [];
  row.forEach((c, i) => {
    if (c.trim() === "" || (i > 0 && row[i - 1] === c)) return;
    out.push(...c.split(/\n+/).map((s) => s.trim()).filter((s) => s !== ""));
  });
  return out;
}

/** A table whose header names task text and owner columns (a 任务分工表). */
export function isTaskTable(rows: string[][]): boolean {
  return findTaskHeader(rows) !== null;
}

/**
 * A task table whose key-task (or section) cells were merged over several rows and so printed
 * once (a PDF): the empty cells below take the text above, as a Word table's merged cells read.
 */
export function fillMergedDown(rows: string[][]): string[][] {
  const header = findTaskHeader(rows);
  if (!header) return rows;
  const cols = header.roles.flatMap((role, i) => (role === "title" || role === "section" ? [i] : []));
  const out = rows.map((r) => [...r]);
  for (let r = header.row + 2; r < out.length; r++) {
    if (out[r]!.every((c) => c.trim() === "")) continue;
    for (const c of cols) if ((out[r]![c] ?? "").trim() === "" && (out[r - 1]![c] ?? "").trim() !== "") out[r]![c] = out[r - 1]![c]!;
  }
  return out;
}

/** Rows above a table's header row (a title merged across the columns, notes). */
export function rowsAboveHeader(rows: string[][]): number {
  const header = findTaskHeader(rows);
  if (header) return header.row;
  const years = rows.findIndex(isYearHeaderRow);
  return years > 0 ? years : 0;
}

/** The lines of rows above a table's header. */
export function titleLines(rows: string[][]): string[] {
  return rows.flatMap(flatRow);
}

export function tableLines(rows: string[][]): string[] {
  if (rows.length === 0) return [];
  const header = findTaskHeader(rows);
  if (header) return taskLines(rows, header);
  if (rows.some(isYearHeaderRow)) return indicatorLines(rows);
  const out: string[] = [];
  // A row merged vertically repeats its cells; a column cell equal to the one above is shown once.
  rows.forEach((row, r) => out.push(...flatRow(row.map((c, i) => (r > 0 && rows[r - 1]![i] === c && row.length > 1 ? "" : c)))));
  return out;
}
