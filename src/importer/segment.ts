import type { ImportWarning } from "./types.ts";
import type { DocumentSegment } from "./documents.ts";
import type { Line } from "./lines.ts";
import { signatureLineNumbers } from "./metadata.ts";
import { matchKey } from "./normalize.ts";
import { openDepth } from "./owners.ts";
import { unflattenTables } from "./flat-table.ts";
import { buildOutline } from "./outline.ts";
import { isFieldLine } from "./responsibility.ts";
import { parseRoster, type Roster } from "./roster.ts";
import { draftTasks, type TaskDraft } from "./tasks.ts";

/** One document read into tasks, with its roster attachment if any. */
export interface SegmentAnalysis {
  segment: DocumentSegment;
  tasks: TaskDraft[];
  roster: Roster | null;
  /** Lines that are not plan content (signature blocks, roster). */
  excluded: Set<number>;
  warnings: ImportWarning[];
}

function parentNumber(draft: TaskDraft, all: TaskDraft[], sectionOrder: Map<string | null, number>): string {
  return String(sectionOrder.get(draft.section) ?? all.indexOf(draft) + 1);
}

// Task numbers must be unique in a plan: drops repeated tasks, qualifies numbers that restart.
function settleNumbers(tasks: TaskDraft[], warnings: ImportWarning[]): TaskDraft[] {
  const kept: TaskDraft[] = [];
  for (const t of tasks) {
    const twin = kept.find((k) => k.number === t.number && matchKey(k.text) === matchKey(t.text));
    if (twin) {
      warnings.push({ line: t.startLine, message: `task ${t.number} repeats the task at line ${twin.startLine}; the repeat was dropped` });
      continue;
    }
    kept.push(t);
  }
  const numbers = kept.map((t) => t.number);
  if (new Set(numbers).size === numbers.length) return kept;
  const sections = new Map<string | null, number>();
  for (const t of kept) if (!sections.has(t.section)) sections.set(t.section, sections.size + 1);
  warnings.push({
    line: kept[0]?.startLine ?? 0,
    message: "task numbers restart within the plan; numbers are written section.number (e.g. 2.1)",
  });
  const qualified = kept.map((t) => ({ ...t, number: `${parentNumber(t, kept, sections)}.${t.number}` }));
  const seen = new Map<string, number>();
  return qualified.map((t) => {
    const n = (seen.get(t.number) ?? 0) + 1;
    seen.set(t.number, n);
    if (n === 1) return t;
    warnings.push({ line: t.startLine, message: `task number ${t.number} appears ${n} times in one section; this one is ${t.number}.${n}` });
    return { ...t, number: `${t.number}.${n}` };
  });
}

function gapWarnings(tasks: TaskDraft[], warnings: ImportWarning[]): void {
  for (let i = 1; i < tasks.length; i++) {
    const prev = Number(tasks[i - 1]!.number);
    const cur = Number(tasks[i]!.number);
    if (Number.isInteger(prev) && Number.isInteger(cur) && cur > prev + 1) {
      warnings.push({ line: tasks[i]!.startLine, message: `task numbers jump from ${prev} to ${cur}` });
    }
  }
}

// A document whose last paragraph stops mid-sentence was probably cut short.
function truncationWarning(body: Line[], tasks: TaskDraft[], excluded: Set<number>, warnings: ImportWarning[]): void {
  const last = body.filter((l) => !excluded.has(l.no)).at(-1);
  if (!last || tasks.length === 0) return;
  if (!tasks.at(-1)!.lines.has(last.no) && last.norm.length <= 15) return;
  if (/[.;!?)\]〕」”’"'…]$/.test(last.norm) && openDepth(last.norm) === 0) return;
  if (isFieldLine(last.norm)) return;
  warnings.push({ line: last.no, message: "the text ends mid-sentence; the document may be truncated here" });
}

/** Reads one document: outline, tasks, roster; never throws. */
export function analyseSegment(segment: DocumentSegment): SegmentAnalysis {
  const warnings: ImportWarning[] = [];
  const excluded = signatureLineNumbers(segment.body);
  const table = unflattenTables(segment.body);
  warnings.push(...table.warnings);
  const body: Line[] = table.lines;
  const outline = buildOutline(body, excluded);
  segment.body = body;
  warnings.push(...outline.warnings);
  const drafted = draftTasks(outline.root);
  warnings.push(...drafted.warnings);
  const roster = parseRoster(outline.attachments);
  if (roster) for (const no of roster.lines) excluded.add(no);
  else if (outline.attachments.length > 0) {
    warnings.push({ line: outline.attachments[0]!.no, message: `attachment (${outline.attachments.length} lines) not read: neither tasks nor a roster` });
  }
  const tasks = settleNumbers(drafted.tasks, warnings);
  gapWarnings(tasks, warnings);
  truncationWarning(body, tasks, excluded, warnings);
  return { segment, tasks, roster, excluded, warnings };
}
