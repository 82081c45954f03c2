import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { linkPlanGroups } from "./unit-groups.ts";
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
 * history) and reports what changed.
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
  const existing = await tx.plan.findUnique({ where: { slug: plan.slug } });
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
      : await tx.plan.update({ where: { id: existing.id }, data: meta })
    : await tx.plan.create({ data: { slug: plan.slug, ...meta } });
  if (existing && existing.title !== plan.title) changes.push(`title: ${existing.title} → ${plan.title}`);

  const targets = uniqueBy(plan.targets, (t) => t.name);
  const tasks = uniqueBy(plan.tasks, (t) => t.number);
  const unitIds = await saveUnits(tx, row.id, plan);
  // The importer de-duplicates; this guards the unique keys so one slip never loses a whole plan.
  const sectionIds = await saveSections(tx, row.id, tasks);
  const taskIds = await saveTasks(tx, row.id, tasks, unitIds, sectionIds, changes);
  await saveTargets(tx, row.id, targets, taskIds, changes);
  await saveContacts(tx, row.id, plan, unitIds);
  await linkPlanGroups(tx, row.id);
  await savePlanDeadlines(tx, row.id, plan.deadlines ?? [], changes, Boolean(existing));

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

async function saveUnits(tx: Tx, planId: number, plan: ImportedPlan): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const existing = await tx.unit.findMany({ where: { planId }, include: { aliases: true } });
  const byName = new Map(existing.map((u) => [u.name, u]));
  const names = new Map<string, string[]>();
  for (const u of plan.units) names.set(u.name, u.aliases);
  for (const t of plan.tasks) for (const tu of t.units) if (!names.has(tu.name)) names.set(tu.name, []);
  for (const c of plan.contacts ?? []) if (c.unit && !names.has(c.unit)) names.set(c.unit, []);
  for (const [name, aliases] of names) {
    let unit = byName.get(name);
    const isGroup = /^各|成员单位$/.test(name);
    if (!unit) unit = { ...(await tx.unit.create({ data: { planId, name, isGroup } })), aliases: [] };
    const have = new Set(unit.aliases.map((a) => a.alias));
    const missing = aliases.filter((a) => a !== name && !have.has(a));
    if (missing.length) await tx.unitAlias.createMany({ data: missing.map((alias) => ({ unitId: unit.id, alias })), skipDuplicates: true });
    ids.set(name, unit.id);
  }
  return ids;
}

async function saveSections(tx: Tx, planId: number, tasks: ImportedTask[]): Promise<Map<string, number>> {
  const titles = [...new Set(tasks.map((t) => t.section).filter((s): s is string => s !== null))];
  const existing = await tx.section.findMany({ where: { planId } });
  const ids = new Map<string, number>();
  for (const [i, title] of titles.entries()) {
    const row = existing.find((s) => s.position === i);
    if (!row) ids.set(title, (await tx.section.create({ data: { planId, position: i, title } })).id);
    else {
      if (row.title !== title) await tx.section.update({ where: { id: row.id }, data: { title } });
      ids.set(title, row.id);
    }
  }
  return ids;
}

async function saveTasks(
  tx: Tx,
  planId: number,
  tasks: ImportedTask[],
  unitIds: Map<string, number>,
  sectionIds: Map<string, number>,
  changes: string[],
): Promise<Map<string, number>> {
  const existing = await tx.task.findMany({ where: { planId }, include: { units: true, deadlines: true } });
  const byNumber = new Map(existing.map((t) => [t.number, t]));
  const ids = new Map<string, number>();
  for (const [position, task] of tasks.entries()) {
    const data = {
      title: task.title,
      text: task.text,
      position,
      sectionId: task.section ? (sectionIds.get(task.section) ?? null) : null,
      required: task.required,
      requirementNote: task.requirementNote,
      removedAt: null,
    };
    const units = uniqueBy(
      task.units.map((u) => ({ unitId: unitIds.get(u.name)!, role: u.role })),
      (u) => `${u.unitId}:${u.role}`,
    ).map((u, i) => ({ ...u, position: i }));
    const deadlines = task.deadlines.map((d) => ({ text: d.text, date: d.date, recurrence: d.recurrence }));
    const old = byNumber.get(task.number);
    if (!old) {
      const created = await tx.task.create({ data: { planId, number: task.number, ...data } });
      if (units.length) await tx.taskUnit.createMany({ data: units.map((u) => ({ taskId: created.id, ...u })) });
      await createDeadlines(tx, planId, created.id, deadlines);
      if (existing.length) changes.push(`task ${task.number} added`);
      ids.set(task.number, created.id);
      continue;
    }
    ids.set(task.number, old.id);
    const what: string[] = [];
    if (old.title !== data.title || old.text !== data.text) what.push("text");
    if (old.position !== position || old.sectionId !== data.sectionId) what.push("position");
    if (old.required !== data.required || old.requirementNote !== data.requirementNote) what.push("required");
    if (old.removedAt) what.push("restored");
    if (what.length) await tx.task.update({ where: { id: old.id }, data });
    const oldUnits = new Set(old.units.map((u) => `${u.unitId}:${u.role}`));
    const newUnits = new Set(units.map((u) => `${u.unitId}:${u.role}`));
    const unitsChanged = oldUnits.size !== newUnits.size || [...newUnits].some((k) => !oldUnits.has(k));
    // Same units in another order (or rows from before positions were kept): rewritten silently.
    const ordered = (list: { unitId: number; role: string; position: number }[]) =>
      [...list].sort((a, b) => a.position - b.position).map((u) => `${u.unitId}:${u.role}:${u.position}`).join();
    if (unitsChanged || ordered(old.units) !== ordered(units)) {
      await tx.taskUnit.deleteMany({ where: { taskId: old.id } });
      if (units.length) await tx.taskUnit.createMany({ data: units.map((u) => ({ taskId: old.id, ...u })) });
      if (unitsChanged) what.push("units");
    }
    const oldDeadlines = JSON.stringify(old.deadlines.map((d) => [d.text, d.date?.toISOString().slice(0, 10) ?? null, d.recurrence]));
    if (oldDeadlines !== JSON.stringify(deadlines.map((d) => [d.text, d.date, d.recurrence]))) {
      await tx.deadline.deleteMany({ where: { taskId: old.id } });
      await createDeadlines(tx, planId, old.id, deadlines);
      what.push("deadlines");
    }
    const shown = what.filter((w) => w !== "position");
    if (shown.length) changes.push(`task ${task.number}: ${shown.join(", ")} changed`);
  }
  const seen = new Set(tasks.map((t) => t.number));
  for (const old of existing) {
    if (!seen.has(old.number) && !old.removedAt) {
      await tx.task.update({ where: { id: old.id }, data: { removedAt: new Date() } });
      changes.push(`task ${old.number} no longer in the document (kept with its history, marked removed)`);
    }
  }
  return ids;
}

async function createDeadlines(
  tx: Tx,
  planId: number,
  taskId: number,
  deadlines: { text: string; date: string | null; recurrence: string | null }[],
): Promise<void> {
  if (!deadlines.length) return;
  await tx.deadline.createMany({
    data: deadlines.map((d) => ({
      planId,
      taskId,
      text: d.text,
      date: d.date ? new Date(`${d.date}T00:00:00Z`) : null,
      recurrence: d.recurrence,
    })),
  });
}

async function saveTargets(
  tx: Tx,
  planId: number,
  targets: ImportedTarget[],
  taskIds: Map<string, number>,
  changes: string[],
): Promise<void> {
  const existing = await tx.target.findMany({ where: { planId }, include: { milestones: { orderBy: { year: "asc" } } } });
  const byName = new Map(existing.map((t) => [t.name, t]));
  for (const [position, target] of targets.entries()) {
    const data = {
      position,
      unit: target.unit,
      comparator: target.comparator,
      kind: target.kind,
      baselineYear: target.baseline?.year ?? null,
      baselineValue: target.baseline?.value ?? null,
      taskId: target.taskNumber ? (taskIds.get(target.taskNumber) ?? null) : null,
      removedAt: null,
    };
    const milestones = target.milestones.map((m) => ({ year: m.year, value: m.value, valueMax: m.valueMax ?? null }));
    const old = byName.get(target.name);
    if (!old) {
      const created = await tx.target.create({ data: { planId, name: target.name, ...data } });
      if (milestones.length) await tx.milestone.createMany({ data: milestones.map((m) => ({ targetId: created.id, ...m })) });
      if (existing.length) changes.push(`target ${target.name} added`);
      continue;
    }
    const oldData = { ...data, position: old.position, unit: old.unit, comparator: old.comparator, kind: old.kind,
      baselineYear: old.baselineYear, baselineValue: old.baselineValue, taskId: old.taskId, removedAt: old.removedAt };
    const changed = JSON.stringify(oldData) !== JSON.stringify({ ...data, position: old.position });
    if (changed || old.position !== position) await tx.target.update({ where: { id: old.id }, data });
    const oldMs = JSON.stringify(old.milestones.map((m) => [m.year, m.value, m.valueMax]));
    const msChanged = oldMs !== JSON.stringify(milestones.map((m) => [m.year, m.value, m.valueMax]));
    if (msChanged) {
      await tx.milestone.deleteMany({ where: { targetId: old.id } });
      if (milestones.length) await tx.milestone.createMany({ data: milestones.map((m) => ({ targetId: old.id, ...m })) });
    }
    if (changed || msChanged) changes.push(`target ${target.name}: ${[changed && "definition", msChanged && "milestones"].filter(Boolean).join(", ")} changed`);
  }
  const seen = new Set(targets.map((t) => t.name));
  for (const old of existing) {
    if (!seen.has(old.name) && !old.removedAt) {
      await tx.target.update({ where: { id: old.id }, data: { removedAt: new Date() } });
      changes.push(`target ${old.name} no longer in the document (kept with its history, marked removed)`);
    }
  }
}

async function saveContacts(tx: Tx, planId: number, plan: ImportedPlan, unitIds: Map<string, number>): Promise<void> {
  const contacts = (plan.contacts ?? []).map((c) => ({ planId, name: c.name, title: c.title, unitId: c.unit ? (unitIds.get(c.unit) ?? null) : null }));
  const existing = await tx.contact.findMany({ where: { planId }, orderBy: { id: "asc" } });
  const same = JSON.stringify(existing.map((c) => [c.name, c.title, c.unitId])) === JSON.stringify(contacts.map((c) => [c.name, c.title, c.unitId]));
  if (same) return;
  await tx.contact.deleteMany({ where: { planId } });
  if (contacts.length) await tx.contact.createMany({ data: contacts });
}

/** Deadlines written outside any task belong to the plan (taskId null). */
async function savePlanDeadlines(tx: Tx, planId: number, deadlines: ImportedDeadline[], changes: string[], revised: boolean): Promise<void> {
  const existing = await tx.deadline.findMany({ where: { planId, taskId: null }, orderBy: { id: "asc" } });
  const key = (d: { text: string; date: string | null; recurrence: string | null }) => JSON.stringify([d.text, d.date, d.recurrence]);
  const before = existing.map((d) => key({ text: d.text, date: d.date?.toISOString().slice(0, 10) ?? null, recurrence: d.recurrence }));
  if (JSON.stringify(before) === JSON.stringify(deadlines.map(key))) return;
  await tx.deadline.deleteMany({ where: { planId, taskId: null } });
  if (deadlines.length) {
    await tx.deadline.createMany({
      data: deadlines.map((d) => ({ planId, taskId: null, text: d.text, date: d.date ? new Date(`${d.date}T00:00:00Z`) : null, recurrence: d.recurrence })),
    });
  }
  if (revised) changes.push("plan deadlines changed");
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(key(i)) ? false : (seen.add(key(i)), true)));
}
