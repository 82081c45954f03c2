import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { NO_ROWS, readStoredPlan, type StoredDeadline, type StoredPlan } from "./plan-stored.ts";
import { linkPlanGroups } from "./unit-groups.ts";
import {
  deleteMilestones,
  deletePlanDeadlines,
  deleteTaskDeadlines,
  deleteTaskUnits,
  insertAliases,
  insertDeadlines,
  insertMilestones,
  insertSections,
  insertTargets,
  insertTasks,
  insertTaskUnits,
  insertUnits,
  markTargetsRemoved,
  markTasksRemoved,
  updateSectionTitles,
  updateTargets,
  updateTasks,
  type TargetData,
  type TaskData,
} from "./plan-rows.ts";
import type { ImportedDeadline, ImportedPlan, ImportedTarget, ImportedTask } from "../importer/types.ts";

export interface SaveResult {
  planId: number;
  slug: string;
  status: "created" | "updated" | "unchanged";
  /** Human-readable list of what changed (empty when unchanged). */
  changes: string[];
}

type Tx = Prisma.TransactionClient;

/**
 * Writes an imported plan. Re-importing the same document changes nothing; a revised one updates
 * tasks and targets in place, marks vanished ones removed (never deletes them or their progress
 * history) and reports what changed. One transaction; the rows go in a few statements per table
 * (plan-rows.ts), never one per task, unit or target, after one read of what the store holds
 * (plan-stored.ts): an unchanged document costs that one query.
 */
export async function savePlan(
  prisma: PrismaClient,
  plan: ImportedPlan,
  source: { name: string; hash: string },
): Promise<SaveResult> {
  return prisma.$transaction((tx) => writePlan(tx, plan, source), { timeout: 60_000, maxWait: 30_000 });
}

class Rollback extends Error {
  constructor(readonly result: SaveResult) {
    super("preview rolled back");
  }
}

/** What saving the plan would do (created / updated with its changes / unchanged); writes nothing. */
export async function previewPlan(prisma: PrismaClient, plan: ImportedPlan, source: { name: string; hash: string }): Promise<SaveResult> {
  try {
    await prisma.$transaction(
      async (tx) => {
        throw new Rollback(await writePlan(tx, plan, source));
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  } catch (err) {
    if (err instanceof Rollback) return err.result;
    throw err;
  }
  throw new Error("unreachable");
}

async function writePlan(tx: Tx, plan: ImportedPlan, source: { name: string; hash: string }): Promise<SaveResult> {
  // One read: the plan and all its rows, or nothing for a new plan.
  const existing = await readStoredPlan(tx, plan.slug);
  const changes: string[] = [];
  const meta = {
    title: plan.title,
    issuer: plan.issuer,
    issuedOn: plan.issuedOn ? new Date(`${plan.issuedOn}T00:00:00Z`) : null,
    periodStart: plan.period?.start ?? null,
    periodEnd: plan.period?.end ?? null,
    sourceName: source.name,
    sourceHash: source.hash,
  };
  const row = existing
    ? existing.sourceHash === source.hash
      ? existing
      : await tx.plan.update({ where: { id: existing.id }, data: meta, select: { id: true, slug: true } })
    : await tx.plan.create({ data: { slug: plan.slug, ...meta }, select: { id: true, slug: true } });
  if (existing && existing.title !== plan.title) changes.push(`title: ${existing.title} → ${plan.title}`);

  const before = existing ?? NO_ROWS;
  const now = new Date();
  const targets = uniqueBy(plan.targets, (t) => t.name);
  const tasks = uniqueBy(plan.tasks, (t) => t.number);
  const units = await saveUnits(tx, row.id, plan, before.units, now);
  // The importer de-duplicates; this guards the unique keys so one slip never loses a whole plan.
  const sectionIds = await saveSections(tx, row.id, tasks, before.sections);
  const taskIds = await saveTasks(tx, row.id, tasks, units.ids, sectionIds, before.tasks, changes, now);
  await saveTargets(tx, row.id, targets, taskIds, before.targets, changes, now);
  await saveContacts(tx, row.id, plan, units.ids, before.contacts);
  await linkPlanGroups(tx, units.all, before.links);
  await savePlanDeadlines(tx, row.id, plan.deadlines ?? [], before.planDeadlines, changes, Boolean(existing));

  const status = !existing ? "created" : changes.length ? "updated" : "unchanged";
  if (status !== "unchanged" || existing?.sourceHash !== source.hash) {
    await tx.planImport.create({
      data: {
        planId: row.id,
        sourceName: source.name,
        sourceHash: source.hash,
        summary: { status, changes, tasks: plan.tasks.length, targets: plan.targets.length, units: plan.units.length },
        warnings: plan.warnings as unknown as Prisma.InputJsonValue,
      },
    });
  }
  return { planId: row.id, slug: row.slug, status, changes };
}

async function saveUnits(tx: Tx, planId: number, plan: ImportedPlan, before: StoredPlan["units"], now: Date) {
  const byName = new Map(before.map((u) => [u.name, u]));
  const names = new Map<string, string[]>();
  for (const u of plan.units) names.set(u.name, u.aliases);
  for (const t of plan.tasks) for (const tu of t.units) if (!names.has(tu.name)) names.set(tu.name, []);
  for (const c of plan.contacts ?? []) if (c.unit && !names.has(c.unit)) names.set(c.unit, []);
  const fresh = [...names.keys()].filter((name) => !byName.has(name)).map((name) => ({ name, isGroup: /^各|成员单位$/.test(name) }));
  const created = await insertUnits(tx, planId, fresh, now);
  const ids = new Map([...before, ...created].map((u) => [u.name, u.id]));
  const aliases = [...names].flatMap(([name, list]) => {
    const have = new Set(byName.get(name)?.aliases);
    return list.filter((a) => a !== name && !have.has(a)).map((alias) => ({ unitId: ids.get(name)!, alias }));
  });
  await insertAliases(tx, aliases);
  // Every unit of the plan, the ones this document does not name too.
  return { ids, all: [...before, ...created].map((u) => ({ id: u.id, name: u.name })) };
}

async function saveSections(tx: Tx, planId: number, tasks: ImportedTask[], before: StoredPlan["sections"]): Promise<Map<string, number>> {
  const titles = [...new Set(tasks.map((t) => t.section).filter((s): s is string => s !== null))];
  const byPosition = new Map(before.map((s) => [s.position, s]));
  const fresh = titles.map((title, position) => ({ position, title })).filter((s) => !byPosition.has(s.position));
  const created = new Map((await insertSections(tx, planId, fresh)).map((s) => [s.position, s.id]));
  await updateSectionTitles(
    tx,
    titles.flatMap((title, i) => {
      const old = byPosition.get(i);
      return old && old.title !== title ? [{ id: old.id, title }] : [];
    }),
  );
  return new Map(titles.map((title, i) => [title, byPosition.get(i)?.id ?? created.get(i)!]));
}

async function saveTasks(
  tx: Tx,
  planId: number,
  tasks: ImportedTask[],
  unitIds: Map<string, number>,
  sectionIds: Map<string, number>,
  existing: StoredPlan["tasks"],
  changes: string[],
  now: Date,
): Promise<Map<string, number>> {
  const byNumber = new Map(existing.map((t) => [t.number, t]));
  const rows = tasks.map((task, position) => ({
    task,
    old: byNumber.get(task.number),
    data: {
      title: task.title,
      text: task.text,
      position,
      sectionId: task.section ? (sectionIds.get(task.section) ?? null) : null,
      required: task.required,
      requirementNote: task.requirementNote,
    } satisfies TaskData,
    units: uniqueBy(
      task.units.map((u) => ({ unitId: unitIds.get(u.name)!, role: u.role })),
      (u) => `${u.unitId}:${u.role}`,
    ).map((u, i) => ({ ...u, position: i })),
    deadlines: task.deadlines.map((d) => ({ text: d.text, date: d.date, recurrence: d.recurrence })),
  }));
  const created = await insertTasks(tx, planId, rows.filter((r) => !r.old).map((r) => ({ number: r.task.number, ...r.data })), now);
  // The document's tasks only: a target naming a task the document dropped links to none.
  const createdIds = new Map(created.map((t) => [t.number, t.id]));
  const ids = new Map(rows.map((r) => [r.task.number, r.old?.id ?? createdIds.get(r.task.number)!]));

  const updated: (TaskData & { id: number })[] = [];
  const unitsRewritten: number[] = [];
  const deadlinesRewritten: number[] = [];
  const unitRows: Parameters<typeof insertTaskUnits>[1] = [];
  const deadlineRows: Parameters<typeof insertDeadlines>[2] = [];
  for (const { task, old, data, units, deadlines } of rows) {
    const id = ids.get(task.number)!;
    if (!old) {
      unitRows.push(...units.map((u) => ({ taskId: id, ...u })));
      deadlineRows.push(...deadlines.map((d) => ({ taskId: id, ...d })));
      if (existing.length) changes.push(`task ${task.number} added`);
      continue;
    }
    const what: string[] = [];
    if (old.title !== data.title || old.text !== data.text) what.push("text");
    if (old.position !== data.position || old.sectionId !== data.sectionId) what.push("position");
    if (old.required !== data.required || old.requirementNote !== data.requirementNote) what.push("required");
    if (old.removed) what.push("restored");
    if (what.length) updated.push({ id, ...data });
    const oldUnits = new Set(old.units.map((u) => `${u.unitId}:${u.role}`));
    const newUnits = new Set(units.map((u) => `${u.unitId}:${u.role}`));
    const unitsChanged = oldUnits.size !== newUnits.size || [...newUnits].some((k) => !oldUnits.has(k));
    // Same units in another order (or rows from before positions were kept): rewritten silently.
    const ordered = (list: { unitId: number; role: string; position: number }[]) =>
      [...list].sort((a, b) => a.position - b.position).map((u) => `${u.unitId}:${u.role}:${u.position}`).join();
    if (unitsChanged || ordered(old.units) !== ordered(units)) {
      unitsRewritten.push(id);
      unitRows.push(...units.map((u) => ({ taskId: id, ...u })));
      if (unitsChanged) what.push("units");
    }
    const oldDeadlines = JSON.stringify(old.deadlines.map((d) => [d.text, d.date, d.recurrence]));
    if (oldDeadlines !== JSON.stringify(deadlines.map((d) => [d.text, d.date, d.recurrence]))) {
      deadlinesRewritten.push(id);
      deadlineRows.push(...deadlines.map((d) => ({ taskId: id, ...d })));
      what.push("deadlines");
    }
    const shown = what.filter((w) => w !== "position");
    if (shown.length) changes.push(`task ${task.number}: ${shown.join(", ")} changed`);
  }
  const seen = new Set(tasks.map((t) => t.number));
  const removed = existing.filter((old) => !seen.has(old.number) && !old.removed);
  for (const old of removed) changes.push(`task ${old.number} no longer in the document (kept with its history, marked removed)`);

  await updateTasks(tx, updated, now);
  await markTasksRemoved(tx, removed.map((t) => t.id), now);
  await deleteTaskUnits(tx, unitsRewritten);
  await insertTaskUnits(tx, unitRows);
  await deleteTaskDeadlines(tx, deadlinesRewritten);
  await insertDeadlines(tx, planId, deadlineRows);
  return ids;
}

async function saveTargets(
  tx: Tx,
  planId: number,
  targets: ImportedTarget[],
  taskIds: Map<string, number>,
  existing: StoredPlan["targets"],
  changes: string[],
  now: Date,
): Promise<void> {
  const byName = new Map(existing.map((t) => [t.name, t]));
  const rows = targets.map((target, position) => ({
    target,
    old: byName.get(target.name),
    data: {
      position,
      unit: target.unit,
      comparator: target.comparator,
      kind: target.kind,
      baselineYear: target.baseline?.year ?? null,
      baselineValue: target.baseline?.value ?? null,
      taskId: target.taskNumber ? (taskIds.get(target.taskNumber) ?? null) : null,
    } satisfies TargetData,
    milestones: target.milestones.map((m) => ({ year: m.year, value: m.value, valueMax: m.valueMax ?? null })),
  }));
  const created = await insertTargets(tx, planId, rows.filter((r) => !r.old).map((r) => ({ name: r.target.name, ...r.data })), now);
  const ids = new Map([...existing, ...created].map((t) => [t.name, t.id]));

  const updated: (TargetData & { id: number })[] = [];
  const rewritten: number[] = [];
  const milestoneRows: Parameters<typeof insertMilestones>[1] = [];
  for (const { target, old, data, milestones } of rows) {
    const id = ids.get(target.name)!;
    if (!old) {
      milestoneRows.push(...milestones.map((m) => ({ targetId: id, ...m })));
      if (existing.length) changes.push(`target ${target.name} added`);
      continue;
    }
    const changed =
      old.unit !== data.unit ||
      old.comparator !== data.comparator ||
      old.kind !== data.kind ||
      old.baselineYear !== data.baselineYear ||
      old.baselineValue !== data.baselineValue ||
      old.taskId !== data.taskId ||
      old.removed;
    if (changed || old.position !== data.position) updated.push({ id, ...data });
    const oldMs = JSON.stringify(old.milestones.map((m) => [m.year, m.value, m.valueMax]));
    const msChanged = oldMs !== JSON.stringify(milestones.map((m) => [m.year, m.value, m.valueMax]));
    if (msChanged) {
      rewritten.push(id);
      milestoneRows.push(...milestones.map((m) => ({ targetId: id, ...m })));
    }
    if (changed || msChanged) changes.push(`target ${target.name}: ${[changed && "definition", msChanged && "milestones"].filter(Boolean).join(", ")} changed`);
  }
  const seen = new Set(targets.map((t) => t.name));
  const removed = existing.filter((old) => !seen.has(old.name) && !old.removed);
  for (const old of removed) changes.push(`target ${old.name} no longer in the document (kept with its history, marked removed)`);

  await updateTargets(tx, updated, now);
  await markTargetsRemoved(tx, removed.map((t) => t.id), now);
  await deleteMilestones(tx, rewritten);
  await insertMilestones(tx, milestoneRows);
}

async function saveContacts(tx: Tx, planId: number, plan: ImportedPlan, unitIds: Map<string, number>, existing: StoredPlan["contacts"]): Promise<void> {
  const contacts = (plan.contacts ?? []).map((c) => ({ planId, name: c.name, title: c.title, unitId: c.unit ? (unitIds.get(c.unit) ?? null) : null }));
  const same = JSON.stringify(existing.map((c) => [c.name, c.title, c.unitId])) === JSON.stringify(contacts.map((c) => [c.name, c.title, c.unitId]));
  if (same) return;
  await tx.contact.deleteMany({ where: { planId } });
  if (contacts.length) await tx.contact.createMany({ data: contacts });
}

/** Deadlines written outside any task belong to the plan (taskId null). */
async function savePlanDeadlines(
  tx: Tx,
  planId: number,
  deadlines: ImportedDeadline[],
  existing: StoredPlan["planDeadlines"],
  changes: string[],
  revised: boolean,
): Promise<void> {
  const key = (d: StoredDeadline) => JSON.stringify([d.text, d.date, d.recurrence]);
  if (JSON.stringify(existing.map(key)) === JSON.stringify(deadlines.map(key))) return;
  if (existing.length) await deletePlanDeadlines(tx, planId);
  await insertDeadlines(tx, planId, deadlines.map((d) => ({ taskId: null, text: d.text, date: d.date, recurrence: d.recurrence })));
  if (revised) changes.push("plan deadlines changed");
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(key(i)) ? false : (seen.add(key(i)), true)));
}
