import type { PrismaClient } from "../generated/prisma/client.ts";
import type { TaskDetail, TaskRow, UnitRole } from "../core/model.ts";
import { NO_PROGRESS, taskProgressMap } from "./progress.ts";
import { UNIT_ROLES } from "../core/model.ts";

export async function getTask(prisma: PrismaClient, planId: number, number: string): Promise<TaskDetail | null> {
  const task = await prisma.task.findFirst({
    where: { planId, number, removedAt: null },
    include: {
      section: { select: { title: true } },
      deadlines: { orderBy: { id: "asc" } },
      units: {
        include: {
          unit: {
            include: {
              aliases: { select: { alias: true }, orderBy: { id: "asc" } },
              members: { include: { member: true }, orderBy: { createdAt: "asc" } },
            },
          },
        },
      },
    },
  });
  if (!task) return null;
  const roleOrder = (r: UnitRole) => UNIT_ROLES.indexOf(r);
  return {
    id: task.id,
    planId: task.planId,
    number: task.number,
    title: task.title,
    text: task.text,
    section: task.section?.title ?? null,
    required: task.required,
    requirementNote: task.requirementNote,
    units: task.units
      .map((tu) => ({
        role: tu.role as UnitRole,
        unit: { id: tu.unit.id, name: tu.unit.name, aliases: tu.unit.aliases.map((a) => a.alias) },
        members: tu.unit.members.map(({ member }) => ({
          id: member.id,
          platform: member.platform,
          platformUserId: member.platformUserId,
          displayName: member.displayName,
        })),
      }))
      .sort((a, b) => roleOrder(a.role) - roleOrder(b.role) || a.unit.id - b.unit.id),
    deadlines: task.deadlines.map((d) => ({
      text: d.text,
      date: d.date ? d.date.toISOString().slice(0, 10) : null,
      recurrence: d.recurrence,
    })),
  };
}

/** Task numbers in document order. */
export async function listTaskNumbers(prisma: PrismaClient, planId: number): Promise<string[]> {
  const rows = await prisma.task.findMany({
    where: { planId, removedAt: null },
    select: { number: true },
    orderBy: { position: "asc" },
  });
  return rows.map((r) => r.number);
}

/** Every live task of a plan with units, deadlines and current progress, in document order. */
export async function listTaskRows(prisma: PrismaClient, planId: number): Promise<TaskRow[]> {
  const [tasks, progress] = await Promise.all([
    prisma.task.findMany({
      where: { planId, removedAt: null },
      orderBy: { position: "asc" },
      include: {
        section: { select: { title: true } },
        units: { include: { unit: { select: { id: true, name: true } } } },
        deadlines: { orderBy: { id: "asc" } },
      },
    }),
    taskProgressMap(prisma, planId),
  ]);
  const roleOrder = (r: UnitRole) => UNIT_ROLES.indexOf(r);
  return tasks.map((t) => ({
    id: t.id,
    number: t.number,
    title: t.title,
    section: t.section?.title ?? null,
    required: t.required,
    units: t.units
      .map((u) => ({ unitId: u.unit.id, name: u.unit.name, role: u.role as UnitRole }))
      .sort((a, b) => roleOrder(a.role) - roleOrder(b.role) || a.unitId - b.unitId),
    deadlines: t.deadlines.map((d) => ({ text: d.text, date: d.date ? d.date.toISOString().slice(0, 10) : null, recurrence: d.recurrence })),
    progress: progress.get(t.id) ?? NO_PROGRESS,
  }));
}
