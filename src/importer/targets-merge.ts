import type { ImportedMilestone, ImportedTarget, ImportWarning } from "./types.ts";
import { nameKey } from "./targets-text.ts";

/** A target with where it was stated, before de-duplication. */
export interface Draft extends ImportedTarget {
  line: number;
  fromTable: boolean;
  /** Stated in a goals section or an indicator table outside any task. */
  planLevel: boolean;
}

function richness(d: Draft): number {
  return d.milestones.length + (d.baseline ? 1 : 0) + (d.fromTable ? 0.5 : 0);
}

function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function sameMilestone(a: ImportedMilestone, b: ImportedMilestone): boolean {
  return sameValue(a.value, b.value) && (a.valueMax ?? a.value) === (b.valueMax ?? b.value);
}

function show(m: { value: number; valueMax?: number }, unit: string): string {
  return m.valueMax !== undefined ? `${m.value}–${m.valueMax}${unit}` : `${m.value}${unit}`;
}

// Folds `other` into `keep` (the richer statement wins on conflicts, which are reported).
function fold(keep: Draft, other: Draft, warnings: ImportWarning[]): Draft {
  const [rich, poor] = richness(other) > richness(keep) ? [other, keep] : [keep, other];
  const milestones = [...rich.milestones];
  for (const m of poor.milestones) {
    const mine = milestones.find((x) => x.year === m.year);
    if (!mine) milestones.push(m);
    else if (!sameMilestone(mine, m)) {
      warnings.push({
        line: poor.line,
        message: `"${poor.name}" sets ${show(m, poor.unit)} for ${m.year}, but line ${rich.line} sets ${show(mine, rich.unit)}: kept ${show(mine, rich.unit)}`,
      });
    }
  }
  milestones.sort((a, b) => a.year - b.year);
  let baseline = rich.baseline ?? poor.baseline;
  if (rich.baseline && poor.baseline && (rich.baseline.year !== poor.baseline.year || !sameValue(rich.baseline.value, poor.baseline.value))) {
    warnings.push({
      line: poor.line,
      message: `"${poor.name}" gives the baseline ${poor.baseline.value}${poor.unit} (${poor.baseline.year}), but line ${rich.line} gives ${rich.baseline.value}${rich.unit} (${rich.baseline.year}): kept line ${rich.line}`,
    });
    baseline = rich.baseline;
  }
  return {
    name: rich.name,
    unit: rich.unit,
    comparator: rich.comparator !== "=" ? rich.comparator : poor.comparator,
    kind: rich.kind,
    baseline,
    milestones,
    // A target the plan states at plan level (goals section, table) stays a plan target even
    // when a task repeats it; otherwise it belongs to the task that states it.
    taskNumber: rich.planLevel || poor.planLevel ? null : (rich.taskNumber ?? poor.taskNumber),
    planLevel: rich.planLevel || poor.planLevel,
    line: Math.min(rich.line, poor.line),
    fromTable: rich.fromTable || poor.fromTable,
  };
}

const QUALIFIERS = /^(?:知识产权|国家级|国家|省级|市级|区级|县级|全市|我市|全省|本市)+$/;

// `知识产权贯标企业` and `贯标企业`: one name is the other with qualifiers in front.
function qualified(a: string, b: string): boolean {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long !== short && long.endsWith(short) && QUALIFIERS.test(long.slice(0, long.length - short.length));
}

function agree(a: Draft, b: Draft): boolean {
  for (const m of a.milestones) {
    const o = b.milestones.find((x) => x.year === m.year);
    if (o && sameMilestone(m, o)) return true;
  }
  return !!a.baseline && !!b.baseline && a.baseline.year === b.baseline.year && sameValue(a.baseline.value, b.baseline.value);
}

/**
 * One target per indicator: statements with the same folded name, kind and unit merge; so do
 * names that differ only by qualifiers in front (`贯标企业` / `知识产权贯标企业数`) when they agree
 * on a value. Baseline-only statements join their target, or are reported.
 */
export function mergeDrafts(drafts: Draft[], warnings: ImportWarning[]): ImportedTarget[] {
  const merged: { key: string; draft: Draft }[] = [];
  const ordered = [...drafts].sort((a, b) => Number(b.milestones.length > 0) - Number(a.milestones.length > 0) || a.line - b.line);
  for (const d of ordered) {
    const key = nameKey(d.name);
    // Two tasks may each set a goal with the same name (`举办培训班`): those are different targets.
    const compatible = (m: { key: string; draft: Draft }) =>
      m.draft.kind === d.kind &&
      m.draft.unit === d.unit &&
      (m.draft.taskNumber === null || d.taskNumber === null || m.draft.taskNumber === d.taskNumber);
    let hit = merged.find((m) => compatible(m) && m.key === key);
    if (!hit && d.milestones.length === 0) hit = merged.find((m) => compatible(m) && qualified(m.key, key));
    hit ??= merged.find((m) => compatible(m) && qualified(m.key, key) && agree(m.draft, d));
    if (hit) {
      hit.draft = fold(hit.draft, d, warnings);
      continue;
    }
    if (d.milestones.length === 0) {
      warnings.push({ line: d.line, message: `"${d.name}" has a baseline but no goal in this plan: skipped` });
      continue;
    }
    merged.push({ key, draft: d });
  }
  return merged
    .map((m) => m.draft)
    .sort((a, b) => a.line - b.line)
    .map(({ line: _line, fromTable: _fromTable, planLevel: _planLevel, ...t }) => t);
}
