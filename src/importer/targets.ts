import type { ImportedTarget, ImportWarning } from "./types.ts";

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
 * Extracts quantitative targets (goal sentences and indicator tables) from a plan's lines.
 * Never throws; anything ambiguous or skipped is reported as a warning with its line number.
 */
export function extractTargets(
  lines: SourceLine[],
  tasks: TaskSpan[],
  context: TargetContext,
): { targets: ImportedTarget[]; warnings: ImportWarning[] } {
  void lines;
  void tasks;
  void context;
  return { targets: [], warnings: [] };
}
