import type { ImportedMilestone, ImportedTarget, ImportWarning, TargetKind } from "./types.ts";
import { mergeDrafts, type Draft } from "./targets-merge.ts";
import { lineAnchor, readLine, type LineContext, type Statement } from "./targets-prose.ts";
import { readTables, type TableRow } from "./targets-table.ts";
import { isShareName } from "./targets-cues.ts";
import { headingLevel, isGoalHeading, normaliseLine, type NormLine } from "./targets-text.ts";

/** One cleaned line of the decoded document. */
export interface SourceLine {
  /** 1-based line number in the decoded text. */
  no: number;
  /** The line's text in the document's own script (may be Traditional). */
  text: string;
}

/** The lines (inclusive) that belong to one numbered task. */
export interface TaskSpan {
  number: string;
  startLine: number;
  endLine: number;
}

/** What the pipeline knows about the plan when targets are extracted. */
export interface TargetContext {
  periodStart: number | null;
  periodEnd: number | null;
  issuedYear: number | null;
}

/**
 * Extracts quantitative targets from a plan: goal sentences (`每万人口高价值发明专利拥有量达到14件`,
 * `增长20%以上`, `压减15%`, `由2023年的9.54件提高到…`) and indicator tables flattened one cell
 * per line (a header of year cells, then a name and one value per year on each row). Numbers are
 * expanded to base units; targets stated twice are merged. Targets inside a task span carry its
 * number; those in a goals section (`发展目标`, `主要目标`…) have none. Never throws: anything
 * ambiguous or skipped is reported as a warning with its line number.
 */
export function extractTargets(
  lines: SourceLine[],
  tasks: TaskSpan[],
  context: TargetContext,
): { targets: ImportedTarget[]; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  const year = (y: unknown) => (typeof y === "number" && Number.isInteger(y) ? y : null);
  const ctx: TargetContext = { periodStart: year(context?.periodStart), periodEnd: year(context?.periodEnd), issuedYear: year(context?.issuedYear) };
  try {
    return { targets: extract(Array.isArray(lines) ? lines : [], tasks, ctx, warnings), warnings };
  } catch (err) {
    const line = (Array.isArray(lines) ? lines[0]?.no : undefined) ?? 1;
    warnings.push({ line, message: `targets could not be read: ${err instanceof Error ? err.message : String(err)}` });
    return { targets: [], warnings };
  }
}

function extract(lines: SourceLine[], tasks: TaskSpan[], ctx: TargetContext, warnings: ImportWarning[]): ImportedTarget[] {
  const norm: NormLine[] = lines
    .filter((l) => l && typeof l.text === "string" && Number.isFinite(l.no))
    .sort((a, b) => a.no - b.no)
    .map((l) => normaliseLine(l.no, l.text));
  const byNo = new Map(norm.map((l) => [l.no, l]));
  const taskOf = taskLookup(tasks, byNo);
  const tables = readTables(norm);
  const goalLines = goalSectionLines(norm);
  // `二、工作目标`, `（三）主要目标` state the plan's own goals; a `1.工作目标` item belongs to its task.
  const planGoals = (no: number) => (goalLines.get(no) ?? 9) <= 2;
  warnings.push(...tables.warnings);

  const drafts: Draft[] = [];
  const ref = ctx.periodStart ?? ctx.issuedYear;
  for (const row of tables.rows) {
    const d = rowDraft(row, ref, taskOf(row.line), planGoals(row.line));
    if (d) drafts.push(d);
    else warnings.push({ line: row.line, message: `table row "${row.name}" has no goal values: skipped` });
  }

  let anchor: number | null = null;
  let task: string | null | undefined;
  for (const line of norm) {
    const level = headingLevel(line.norm);
    if (level !== null && level <= 2) anchor = null;
    const t = taskOf(line.no);
    if (t !== task) {
      task = t;
      anchor = null;
    }
    if (tables.lines.has(line.no)) continue;
    const goals = goalLines.has(line.no);
    const lc: LineContext = { goals, anchor, carry: carryOf(byNo.get(line.no - 1), line, tables.lines) };
    for (const st of readLine(line, lc, warnings)) {
      const d = statementDraft(st, ctx, t, planGoals(line.no) && t === null, warnings);
      if (d) drafts.push(d);
    }
    anchor = lineAnchor(line) ?? anchor;
  }
  return mergeDrafts(drafts, warnings);
}

// Lines inside a goals section (with the section's heading level): from a `…目标` heading to the
// next heading of the same or a higher level.
function goalSectionLines(lines: NormLine[]): Map<number, number> {
  const out = new Map<number, number>();
  let goalLevel: number | null = null;
  for (const line of lines) {
    const level = headingLevel(line.norm);
    if (level !== null) {
      if (goalLevel !== null && level <= goalLevel) goalLevel = null;
      if (isGoalHeading(line.norm)) goalLevel = level;
    }
    if (goalLevel !== null) out.set(line.no, goalLevel);
  }
  return out;
}

function taskLookup(tasks: TaskSpan[], byNo: Map<number, NormLine>): (no: number) => string | null {
  const spans = (Array.isArray(tasks) ? tasks : [])
    .filter((t) => t && Number.isFinite(t.startLine) && Number.isFinite(t.endLine) && t.endLine >= t.startLine)
    .map((t) => ({ ...t, goals: isGoalHeading(byNo.get(t.startLine)?.norm ?? "") }))
    .sort((a, b) => a.endLine - a.startLine - (b.endLine - b.startLine));
  return (no) => {
    const span = spans.find((s) => s.startLine <= no && no <= s.endLine);
    return span && !span.goals ? String(span.number) : null;
  };
}

// The unfinished tail of a hard-wrapped previous line (`…。重点产业` + `知识产权运营基金…`).
function carryOf(prev: NormLine | undefined, line: NormLine, tableLines: Set<number>): LineContext["carry"] {
  if (!prev || tableLines.has(prev.no) || headingLevel(line.norm) !== null) return null;
  if (!/^\p{Script=Han}/u.test(line.norm)) return null;
  const p = prev.norm.trimEnd();
  if (p.trim().length < 8 || !/\p{Script=Han}$/u.test(p)) return null;
  const cut = Math.max(...[..."。;:,!?"].map((c) => p.lastIndexOf(c)));
  const tail = p.slice(cut + 1).trim();
  if (tail.length < 2 || tail.length > 20 || /\d/.test(tail) || headingLevel(tail) !== null) return null;
  const at = prev.norm.lastIndexOf(tail);
  return { text: prev.text.slice(at, at + tail.length), norm: tail };
}

function tableKind(name: string, unit: string): TargetKind {
  if (unit !== "%") return "level";
  if (/增长|增速|增幅/.test(name)) return "growth";
  if (/下降|压减|降低|减少/.test(name)) return "reduction";
  return isShareName(name) ? "share" : "level";
}

function rowDraft(row: TableRow, ref: number | null, taskNumber: string | null, inGoals: boolean): Draft | null {
  const [first, ...rest] = row.columns;
  if (!first) return null;
  // The first column is the baseline when the header says so (基期), when its year is before the
  // plan, or when nothing tells the plan's dates; never when the header calls it a 目标.
  const firstIsBase = first.base || (!first.target && (ref !== null ? first.year < ref : row.columns.length >= 2));
  const goals = (firstIsBase ? rest : row.columns).filter((c) => c.value !== null);
  if (goals.length === 0) return null;
  return {
    name: row.name,
    unit: row.unit,
    comparator: row.comparator,
    kind: tableKind(row.name, row.unit),
    baseline: firstIsBase && first.value !== null ? { year: first.year, value: first.value } : null,
    milestones: goals.map((c) => milestone(c.year, c.value!, c.valueMax)),
    taskNumber,
    line: row.line,
    fromTable: true,
    planLevel: taskNumber === null || inGoals,
  };
}

function milestone(year: number, value: number, valueMax?: number): ImportedMilestone {
  return valueMax !== undefined ? { year, value, valueMax } : { year, value };
}

function statementDraft(
  st: Statement,
  ctx: TargetContext,
  taskNumber: string | null,
  planLevel: boolean,
  warnings: ImportWarning[],
): Draft | null {
  const ref = ctx.periodStart ?? ctx.issuedYear;
  const milestones: ImportedMilestone[] = [];
  let baseline: Draft["baseline"] = null;
  if (st.series) {
    // `9.54→10.5→12→14件` with no years written: the values end with the plan.
    const end = ctx.periodEnd ?? st.hint ?? ctx.issuedYear;
    if (end === null) {
      warnings.push({ line: st.line, message: `"${st.name}": values for successive years, but no year is stated or implied: skipped` });
      return null;
    }
    st.points.forEach((p, i) => (p.year = end - (st.points.length - 1) + i));
  }
  for (const p of st.points) {
    if (p.role === "base" || (p.year !== null && ref !== null && p.year < ref)) {
      const year = p.year ?? (ref !== null ? ref - 1 : null);
      if (year === null) warnings.push({ line: st.line, message: `baseline ${p.value}${st.unit} of "${st.name}" has no year: skipped` });
      else baseline ??= { year, value: p.value };
      continue;
    }
    const years = p.year !== null ? [p.year] : st.yearly ? periodYears(ctx) : [];
    if (years.length === 0) {
      const y = ctx.periodEnd ?? st.hint ?? ctx.issuedYear;
      if (y !== null) years.push(y);
    }
    if (years.length === 0) {
      warnings.push({ line: st.line, message: `"${st.name}" ${p.value}${st.unit}: no year is stated or implied: skipped` });
      continue;
    }
    for (const y of years) if (!milestones.some((m) => m.year === y)) milestones.push(milestone(y, p.value, p.valueMax));
  }
  if (milestones.length === 0 && !baseline) return null;
  milestones.sort((a, b) => a.year - b.year);
  const d: Draft = { name: st.name, unit: st.unit, comparator: st.comparator, kind: st.kind, baseline, milestones, taskNumber, line: st.line, fromTable: false, planLevel };
  return d;
}

function periodYears(ctx: TargetContext): number[] {
  const s = ctx.periodStart ?? ctx.issuedYear;
  const e = ctx.periodEnd;
  if (s === null || e === null || e < s || e - s > 10) return [];
  return Array.from({ length: e - s + 1 }, (_, i) => s + i);
}
