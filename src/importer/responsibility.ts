import type { ImportWarning, UnitRole } from "./types.ts";
import { makeLine, type Line } from "./lines.ts";
import { openDepth, parseOwnerClause, parseUnitList, splitTopLevel, trailingGroup, type UnitMention } from "./owners.ts";

/** What a task's own lines say about who does it and whether it is required. */
export interface Responsibility {
  mentions: UnitMention[];
  required: boolean | null;
  requirementNote: string | null;
  /** Lines holding owner clauses or responsibility fields. */
  lines: number[];
  warnings: ImportWarning[];
}

const FIELD =
  /^(?:\d{1,2}\s*[.、]\s*)?(局内|省份|执行单位|实施单位|承办单位|责任单位|责任部门|牵头单位|牵头部门|配合单位|配合部门|参与单位)\s*[:.]\s*/;
const LABEL_ROLE: Record<string, UnitRole> = {
  局内: "department",
  执行单位: "executor",
  实施单位: "executor",
  承办单位: "executor",
  责任单位: "responsible",
  责任部门: "responsible",
  牵头单位: "lead",
  牵头部门: "lead",
  配合单位: "support",
  配合部门: "support",
  参与单位: "support",
};
const INLINE_FIELD = /([.;!?]\s*)(牵头单位|牵头部门|责任单位|责任部门|主责单位|配合单位|配合部门)\s*:/;
/** A responsibility field line (`牵头单位：…`): a complete line even without a final stop. */
export function isFieldLine(norm: string): boolean {
  return FIELD.test(norm) || /^(完成时限|完成时间|时间安排|时限要求)\s*:/.test(norm);
}
/** Unit standing for the provinces named by a `省份:` line. */
export const PROVINCES_UNIT = "各省份";

// Joins a line whose brackets stay open with the following lines (an owner clause broken over lines).
function logicalLines(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    let joined = 0;
    while (openDepth(line.norm) > 0 && joined < 3 && i + 1 < lines.length) {
      i++;
      joined++;
      line = makeLine(line.no, line.text + lines[i]!.text);
    }
    out.push(line);
  }
  return out;
}

/** `各省份必做` → required; `涉及省份必做;其他省份选做` → required with the condition as note. */
export function readRequirement(text: string, norm: string): { required: boolean | null; note: string | null } {
  const must = /必做/.test(norm);
  const optional = /选做/.test(norm);
  if (!must && !optional) return { required: null, note: null };
  const clauses = splitTopLevel(norm.replace(/[.\s]+$/, ""), ";,.").filter(([s, e]) => norm.slice(s, e).trim() !== "");
  const unconditional = clauses.length === 1 && /^(各[^;,]*)?(必做|选做)$/.test(norm.replace(/[.\s]+$/, "").trim());
  return {
    required: must ? true : false,
    note: unconditional ? null : text.replace(/[。.\s]+$/, "").trim(),
  };
}

function subjectOf(text: string, norm: string): { text: string; norm: string } {
  const at = norm.search(/(必做|选做)/);
  const end = at >= 0 ? at : norm.length;
  return { text: text.slice(0, end).replace(/[。.\s]+$/, ""), norm: norm.slice(0, end).replace(/[.\s]+$/, "") };
}

/**
 * Reads owner clauses (`（市知识产权局牵头，…配合）`, `〔…按职责分工负责〕` at the end of a line or on
 * a line of their own) and responsibility fields (`局内:`, `省份:`, `执行单位。`) from a task's lines.
 */
export function readResponsibility(lines: Line[]): Responsibility {
  const result: Responsibility = { mentions: [], required: null, requirementNote: null, lines: [], warnings: [] };
  const notes: string[] = [];
  const noteLines: number[] = [];
  for (const line of logicalLines(lines)) {
    const field = FIELD.exec(line.norm);
    if (field) {
      const label = field[1]!;
      const value = line.text.slice(field[0].length).trim();
      const valueNorm = line.norm.slice(field[0].length).trim();
      result.lines.push(line.no);
      if (label === "省份") {
        const req = readRequirement(value, valueNorm);
        if (req.required !== null) result.required = result.required === true ? true : req.required;
        if (req.note) notes.push(req.note);
        if (req.required !== null) noteLines.push(line.no);
        if (!result.mentions.some((m) => m.name === PROVINCES_UNIT)) {
          result.mentions.push({ name: PROVINCES_UNIT, role: "executor", aliases: [], includes: [], hereafter: false, line: line.no });
        }
        continue;
      }
      const req = readRequirement(value, valueNorm);
      if (req.required !== null) {
        result.required = result.required === true ? true : req.required;
        if (req.note) notes.push(req.note);
        noteLines.push(line.no);
      }
      const subject = subjectOf(value, valueNorm);
      const from = field[0].lastIndexOf(label);
      const clause =
        label === "局内"
          ? null
          : LABEL_ROLE[label] === "executor"
            ? parseOwnerClause(subject.text, subject.norm, line.no)
            : parseOwnerClause(line.text.slice(from), line.norm.slice(from), line.no);
      const list = clause ?? parseUnitList(subject.text, subject.norm, LABEL_ROLE[label]!, line.no);
      result.mentions.push(...list.mentions);
      result.warnings.push(...list.warnings);
      continue;
    }
    // `……。牵头单位：A；配合单位：B。` after the item's text on the same line.
    const inline = INLINE_FIELD.exec(line.norm);
    if (inline) {
      const from = inline.index + inline[1]!.length;
      const end = line.norm.replace(/[.\s]+$/, "").length;
      const clause = parseOwnerClause(line.text.slice(from, end), line.norm.slice(from, end), line.no);
      if (clause) {
        result.lines.push(line.no);
        result.mentions.push(...clause.mentions);
        result.warnings.push(...clause.warnings);
        continue;
      }
    }
    // One owner bracket per measure (`……（A负责）；……（B牵头，C配合）。`): the task's owners are the union.
    let found = false;
    for (const [open, close] of measureGroups(line.norm)) {
      const clause = parseOwnerClause(line.text.slice(open + 1, close), line.norm.slice(open + 1, close), line.no);
      if (!clause) continue;
      found = true;
      result.mentions.push(...clause.mentions);
      result.warnings.push(...clause.warnings);
    }
    if (found) result.lines.push(line.no);
  }
  if (noteLines.length > 1) {
    result.warnings.push({
      line: noteLines[1]!,
      message: `${noteLines.length} requirement lines for one task (lines ${noteLines.join(", ")}); all kept in the note`,
    });
  }
  result.requirementNote = notes.length > 0 ? notes.join("\n") : null;
  return result;
}

/**
 * Top-level bracket groups that end a measure: the one ending the line, and any followed by a
 * sentence or clause stop (`（A负责）；`). Brackets inside a sentence are not owner clauses.
 */
export function measureGroups(norm: string): [number, number][] {
  const out: [number, number][] = [];
  const last = trailingGroup(norm);
  let depth = 0;
  let open = -1;
  for (let i = 0; i < norm.length; i++) {
    const ch = norm[i]!;
    if ("(〔[".includes(ch)) {
      if (depth === 0) open = i;
      depth++;
    } else if (")〕]".includes(ch) && depth > 0) {
      depth--;
      if (depth === 0 && /^\s*[.;,!?。]/.test(norm.slice(i + 1)) && !(last && last[0] === open)) out.push([open, i]);
    }
  }
  if (last) out.push(last);
  return out;
}

/** Where an owner clause ends a text (for titles): the offset of its opening bracket, or -1. */
export function ownerClauseStart(text: string, norm: string): number {
  const group = trailingGroup(norm);
  if (!group) return -1;
  const [open, close] = group;
  return parseOwnerClause(text.slice(open + 1, close), norm.slice(open + 1, close), 0) ? open : -1;
}
