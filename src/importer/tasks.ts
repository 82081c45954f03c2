import type { ImportedDeadline, ImportWarning } from "./types.ts";
import { findDeadlines, mergeDeadlines } from "./deadlines.ts";
import { matchKey } from "./normalize.ts";
import { itemsOf, subtreeLines, type OutlineNode } from "./outline.ts";
import type { UnitMention } from "./owners.ts";
import { ownerClauseStart, readResponsibility } from "./responsibility.ts";

/** A task before its units are made plan-wide canonical. */
export interface TaskDraft {
  number: string;
  title: string;
  section: string | null;
  text: string;
  mentions: UnitMention[];
  required: boolean | null;
  requirementNote: string | null;
  deadlines: ImportedDeadline[];
  startLine: number;
  endLine: number;
  /** Lines covered by the task (own lines, sub-items, attached boxes). */
  lines: Set<number>;
  /** Boxes (`专栏`) read as part of this task. */
  boxes: OutlineNode[];
}

const FIELD_LABELS = new Set([
  "工作目标", "工作措施", "工作任务", "执行单位", "实施单位", "责任单位", "牵头单位", "配合单位", "参与单位",
  "工作支持", "支持措施", "完成时限", "完成时间", "时间安排", "进度安排", "时限要求", "预期成果", "预期目标",
  "考核指标", "工作内容", "具体措施", "主要措施", "责任部门", "牵头部门", "配合部门",
]);

function labelOf(n: OutlineNode): string | null {
  const m = /^([^,.;:!?\s]{2,8})(?:[.:]|$)/.exec(n.headNorm);
  return m ? m[1]! : null;
}

// Sub-items are fields of their item when their label is a known field (`执行单位`) or when
// several items share the same pattern of short labels (`工作目标`, `工作措施`, …): returns them.
function fieldItems(items: OutlineNode[]): Set<OutlineNode> {
  const parentsOf = new Map<string, Set<OutlineNode>>();
  for (const n of items) {
    const label = labelOf(n);
    if (!label || label.length > 6 || n.parent?.kind !== "item") continue;
    const set = parentsOf.get(label) ?? new Set();
    set.add(n.parent);
    parentsOf.set(label, set);
  }
  const recurring = new Set([...parentsOf].filter(([, set]) => set.size >= 3).map(([label]) => label));
  const fields = new Set<OutlineNode>();
  for (const n of items) {
    const parent = n.parent;
    const label = labelOf(n);
    if (!label || n.children.length > 0 || parent?.kind !== "item") continue;
    const patterned = parent.children.filter((c) => recurring.has(labelOf(c) ?? "")).length >= 2;
    if (FIELD_LABELS.has(label) || (patterned && recurring.has(label))) fields.add(n);
  }
  return fields;
}

/** First sentence of a heading or item text, owner clause and final stop removed. */
export function sentenceTitle(text: string, norm: string, warnings?: ImportWarning[], line = 0): string {
  let end = text.length;
  const clause = ownerClauseStart(text, norm);
  if (clause >= 0) end = clause;
  for (let i = 0; i < end; i++) {
    const ch = norm[i]!;
    if (".;!?".includes(ch) && !(/\d/.test(norm[i - 1] ?? "") && /\d/.test(norm[i + 1] ?? ""))) {
      end = i;
      break;
    }
  }
  let title = text.slice(0, end).trim();
  if (title.length > 60) {
    const comma = norm.slice(0, end).indexOf(",");
    title = comma >= 4 && comma <= 60 ? text.slice(0, comma).trim() : title.slice(0, 60);
    warnings?.push({ line, message: `long first sentence; title shortened to “${title}”` });
  }
  return title;
}

function lcsLength(a: string, b: string): number {
  let best = 0;
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : 0;
      if (prev[j]! > best) best = prev[j]!;
      diag = tmp;
    }
  }
  return best;
}

// A box belongs to the task it follows when their titles share a long run of characters.
function belongsTo(box: OutlineNode, title: string): boolean {
  const a = matchKey(box.head);
  const b = matchKey(title);
  const common = lcsLength(a, b);
  return common >= 6 && common >= 0.6 * Math.min(a.length, b.length);
}

/**
 * Decides which items are tasks (an item is a task when it carries responsibility and holds no
 * sub-task) and drafts them, with the warnings for items that are skipped.
 */
export function draftTasks(root: OutlineNode): { tasks: TaskDraft[]; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  const items = itemsOf(root);
  const fields = fieldItems(items);
  const isField = (n: OutlineNode): boolean => fields.has(n);
  const hasTask = new Map<OutlineNode, boolean>();
  const drafts = new Map<OutlineNode, TaskDraft>();
  const visit = (n: OutlineNode): boolean => {
    const real = n.children.filter((c) => !isField(c));
    let below = false;
    for (const child of real) below = visit(child) || below;
    if (n.kind === "root") return below;
    const own = [n.line, ...n.body, ...n.children.filter(isField).flatMap((c) => [c.line, ...c.body])].sort((a, b) => a.no - b.no);
    const resp = readResponsibility(own);
    const carries = resp.mentions.length > 0 || resp.required !== null;
    if (carries && below) {
      warnings.push({ line: resp.lines[0] ?? n.line.no, message: `owner clause of heading “${sentenceTitle(n.head, n.headNorm)}” has sub-tasks of its own; not applied to them` });
    }
    if (carries && !below) drafts.set(n, draft(n, resp, warnings));
    hasTask.set(n, carries || below);
    return carries || below;
  };
  visit(root);
  for (const n of items) {
    if (isField(n) || hasTask.get(n)) continue;
    const siblingsHaveTasks = (n.parent?.children ?? []).some((c) => hasTask.get(c));
    const title = sentenceTitle(n.head, n.headNorm);
    const last = subtreeLines(n, true).at(-1)!.no;
    if (n.children.length > 0 || n.rank === 1) {
      if (siblingsHaveTasks || n.parent?.kind === "root") {
        warnings.push({ line: n.line.no, message: `section ${n.label}“${title}” (lines ${n.line.no}–${last}) names no responsible units; no tasks imported from it` });
      }
    } else if (siblingsHaveTasks || n.parent?.kind === "root") {
      warnings.push({ line: n.line.no, message: `item ${n.label}“${title}” names no responsible unit; not imported as a task` });
    }
  }
  const attached = new Set([...drafts.values()].flatMap((d) => d.boxes));
  for (const n of [root, ...items]) {
    for (const b of n.boxes) {
      if (!attached.has(b)) warnings.push({ line: b.line.no, message: `box “${b.head}” is not tied to one task; read as part of the plan` });
    }
  }
  const tasks = [...drafts.values()].sort((a, b) => a.startLine - b.startLine);
  return { tasks, warnings };
}

function sectionOf(n: OutlineNode): string | null {
  const parent = n.parent;
  if (!parent || parent.kind === "root") return null;
  return sentenceTitle(parent.head, parent.headNorm) || null;
}

function boxesUnder(n: OutlineNode): OutlineNode[] {
  return [...n.boxes, ...n.children.flatMap(boxesUnder)];
}

function draft(n: OutlineNode, resp: ReturnType<typeof readResponsibility>, warnings: ImportWarning[]): TaskDraft {
  warnings.push(...resp.warnings);
  let title = sentenceTitle(n.head, n.headNorm, warnings, n.line.no);
  if (title === "" && n.body[0]) title = sentenceTitle(n.body[0].text, n.body[0].norm, warnings, n.body[0].no);
  const covered = subtreeLines(n, false);
  const text = [n.head, ...covered.slice(1).map((l) => l.text)].join("\n");
  // A box inside the task's lines belongs to it; one after its last line only when the titles match.
  const lastLine = covered.at(-1)!.no;
  const boxes = boxesUnder(n).filter((b) => b.line.no < lastLine || belongsTo(b, title));
  const boxLines = boxes.flatMap((b) => [b.line, ...b.body]);
  const deadlines: ImportedDeadline[] = [];
  for (const l of [...covered, ...boxLines]) mergeDeadlines(deadlines, findDeadlines(l.text, l.norm));
  const all = [...covered, ...boxLines];
  return {
    number: String(n.value),
    title,
    section: sectionOf(n),
    text,
    mentions: resp.mentions,
    required: resp.required,
    requirementNote: resp.requirementNote,
    deadlines,
    startLine: n.line.no,
    endLine: Math.max(...all.map((l) => l.no)),
    lines: new Set(all.map((l) => l.no)),
    boxes,
  };
}
