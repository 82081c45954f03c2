import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import {
  UNIT_ROLES,
  type DeadlineRef,
  type MemberRef,
  type PlanVocabulary,
  type TaskCard,
  type TaskDetail,
  type TaskProgress,
  type TaskRow,
  type TaskStatus,
  type UnitRole,
  type UpdateView,
} from "../core/model.ts";
import { listTargets, NO_PROGRESS, taskProgressMap } from "./progress.ts";

type JsonArray<T> = T[] | string | null;

/** The newest unretracted status row of a task, as the task query builds it. */
interface LatestJson {
  id: number;
  status: TaskStatus | null;
  percent: number | null;
  note: string | null;
  createdAt: string;
  member: MemberRef | null;
}

function progressOf(task: TaskDetail, latest: LatestJson | null, lastPercent: number | null): TaskProgress {
  if (!latest) return NO_PROGRESS;
  const view: UpdateView = {
    id: latest.id,
    planId: task.planId,
    kind: "progress",
    taskId: task.id,
    taskNumber: task.number,
    targetId: null,
    targetName: null,
    status: latest.status,
    percent: latest.percent,
    value: null,
    note: latest.note,
    member: latest.member,
    createdAt: new Date(latest.createdAt),
    retractsId: null,
    retracted: false,
  };
  const status = latest.status ?? "in_progress";
  return { status, percent: status === "done" ? 100 : lastPercent, latest: view };
}

const fromJson = <T,>(v: JsonArray<T>): T[] => (v === null ? [] : typeof v === "string" ? (JSON.parse(v) as T[]) : v);

/** One task row of {@link queryTasks}. */
interface TaskQueryRow {
  id: number;
  planId: number;
  number: string;
  title: string;
  text: string;
  required: boolean | null;
  requirementNote: string | null;
  section: string | null;
  deadlines: JsonArray<{ text: string; date: string | null; recurrence: string | null }>;
  units: JsonArray<{ role: UnitRole; position: number; unitId: number; name: string; aliases: string[]; members: MemberRef[] }>;
  latest?: LatestJson | string | null;
  lastPercent?: number | null;
  targetCount?: number;
  removedAt: Date | null;
}

/** The card's extra columns: the newest status row with its author, the last percent, the linked targets. */
const PROGRESS_COLUMNS = Prisma.sql`,
      (SELECT json_build_object(
          'id', p.id, 'status', p.status, 'percent', p.percent, 'note', p.note, 'createdAt', p."createdAt",
          'member', (SELECT json_build_object('id', m.id, 'platform', m.platform, 'platformUserId', m."platformUserId", 'displayName', m."displayName")
                       FROM "Member" m WHERE m.id = p."memberId"))
         FROM "ProgressUpdate" p
         WHERE p."taskId" = t.id AND p.kind = 'progress' AND p.status IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM "ProgressUpdate" r WHERE r."retractsId" = p.id)
         ORDER BY p."createdAt" DESC, p.id DESC LIMIT 1) AS latest,
      (SELECT p.percent FROM "ProgressUpdate" p
         WHERE p."taskId" = t.id AND p.kind = 'progress' AND p.percent IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM "ProgressUpdate" r WHERE r."retractsId" = p.id)
         ORDER BY p."createdAt" DESC, p.id DESC LIMIT 1) AS "lastPercent",
      (SELECT count(*)::int FROM "Target" g WHERE g."taskId" = t.id AND g."removedAt" IS NULL) AS "targetCount"`;

/**
 * One task (a removed one too: it stays readable with its history) with its section, deadlines, units by role (with aliases and mapped members), its
 * newest progress row with the author, its last percent and how many targets link to it, in a
 * single query: the card is the most-used read, so it costs one round trip, not a dozen.
 */
async function queryTasks(prisma: PrismaClient, keys: TaskKey[], withProgress: boolean) {
  // One key (the card) by value; several (reads arriving together) as one JSON parameter.
  const where =
    keys.length === 1
      ? Prisma.sql`t."planId" = ${keys[0]!.planId} AND t.number = ${keys[0]!.number}`
      : Prisma.sql`(t."planId", t.number) IN (SELECT k."planId", k.number FROM json_to_recordset(${JSON.stringify(keys)}::json) AS k("planId" int, number text))`;
  const rows = await prisma.$queryRaw<TaskQueryRow[]>`
    SELECT t.id, t."planId", t.number, t.title, t.text, t.required, t."requirementNote", t."removedAt", s.title AS section,
      (SELECT json_agg(json_build_object('text', d.text, 'date', to_char(d.date, 'YYYY-MM-DD'), 'recurrence', d.recurrence) ORDER BY d.id)
         FROM "Deadline" d WHERE d."taskId" = t.id) AS deadlines,
      (SELECT json_agg(json_build_object(
          'role', tu.role, 'position', tu.position, 'unitId', u.id, 'name', u.name,
          'aliases', COALESCE((SELECT json_agg(a.alias ORDER BY a.id) FROM "UnitAlias" a WHERE a."unitId" = u.id), '[]'::json),
          'members', COALESCE((SELECT json_agg(json_build_object('id', m.id, 'platform', m.platform, 'platformUserId', m."platformUserId", 'displayName', m."displayName") ORDER BY um."createdAt", m.id)
                                 FROM "UnitMember" um JOIN "Member" m ON m.id = um."memberId" WHERE um."unitId" = u.id), '[]'::json)))
         FROM "TaskUnit" tu JOIN "Unit" u ON u.id = tu."unitId" WHERE tu."taskId" = t.id) AS units
      ${withProgress ? PROGRESS_COLUMNS : Prisma.empty}
    FROM "Task" t LEFT JOIN "Section" s ON s.id = t."sectionId"
    WHERE ${where}`;
  return rows.map(toTaskRow);
}

function toTaskRow(task: TaskQueryRow) {
  const roleOrder = (r: UnitRole) => UNIT_ROLES.indexOf(r);
  const detail: TaskDetail = {
    id: task.id,
    planId: task.planId,
    number: task.number,
    title: task.title,
    text: task.text,
    section: task.section,
    required: task.required,
    requirementNote: task.requirementNote,
    units: fromJson(task.units)
      .sort((a, b) => a.position - b.position || roleOrder(a.role) - roleOrder(b.role) || a.unitId - b.unitId)
      .map((u) => ({ role: u.role, unit: { id: u.unitId, name: u.name, aliases: u.aliases }, members: u.members })),
    deadlines: fromJson(task.deadlines),
    removedAt: task.removedAt === null ? null : new Date(task.removedAt),
  };
  const latest = typeof task.latest === "string" ? (JSON.parse(task.latest) as LatestJson) : (task.latest ?? null);
  return { detail, latest, lastPercent: task.lastPercent ?? null, targetCount: Number(task.targetCount ?? 0) };
}

export interface TaskKey {
  planId: number;
  number: string;
}

/**
 * Tasks by plan and number, one answer per key (null: no such task), in one statement. Without the
 * progress columns: the update path and the permission check need only the task.
 */
export async function getTasks(prisma: PrismaClient, keys: TaskKey[]): Promise<(TaskDetail | null)[]> {
  const found = new Map((await queryTasks(prisma, keys, false)).map((r) => [`${r.detail.planId}\n${r.detail.number}`, r.detail]));
  return keys.map((k) => found.get(`${k.planId}\n${k.number}`) ?? null);
}

/** Everything the task card shows: the task, its progress and its linked targets. */
export async function getTaskCard(prisma: PrismaClient, planId: number, number: string): Promise<TaskCard | null> {
  const [row] = await queryTasks(prisma, [{ planId, number }], true);
  if (!row) return null;
  const targets = row.targetCount > 0 ? await listTargets(prisma, planId, { taskId: row.detail.id }) : [];
  return { task: row.detail, progress: progressOf(row.detail, row.latest, row.lastPercent), targets };
}

export async function listPlanDeadlines(prisma: PrismaClient, planId: number): Promise<DeadlineRef[]> {
  const rows = await prisma.deadline.findMany({ where: { planId, taskId: null }, orderBy: { id: "asc" } });
  return rows.map((d) => ({ text: d.text, date: d.date ? d.date.toISOString().slice(0, 10) : null, recurrence: d.recurrence }));
}

/** A plan's live task numbers (document order) and targets, in one statement: free text is read against them. */
export async function planVocabulary(prisma: PrismaClient, planId: number): Promise<PlanVocabulary> {
  const [row] = await prisma.$queryRaw<{ taskNumbers: JsonArray<string>; targets: JsonArray<PlanVocabulary["targets"][number]> }[]>`
    SELECT
      (SELECT json_agg(t.number ORDER BY t.position, t.id) FROM "Task" t WHERE t."planId" = ${planId} AND t."removedAt" IS NULL) AS "taskNumbers",
      (SELECT json_agg(json_build_object('id', g.id, 'name', g.name, 'unit', g.unit, 'taskNumber', t.number) ORDER BY g.position, g.id)
         FROM "Target" g LEFT JOIN "Task" t ON t.id = g."taskId" WHERE g."planId" = ${planId} AND g."removedAt" IS NULL) AS targets`;
  return { taskNumbers: fromJson(row?.taskNumbers ?? null), targets: fromJson(row?.targets ?? null) };
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
    units: [...t.units]
      .sort((a, b) => a.position - b.position || roleOrder(a.role as UnitRole) - roleOrder(b.role as UnitRole) || a.unit.id - b.unit.id)
      .map((u) => ({ unitId: u.unit.id, name: u.unit.name, role: u.role as UnitRole })),
    deadlines: t.deadlines.map((d) => ({ text: d.text, date: d.date ? d.date.toISOString().slice(0, 10) : null, recurrence: d.recurrence })),
    progress: progress.get(t.id) ?? NO_PROGRESS,
  }));
}
