import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { MemberRef, NewUpdate, TaskProgress, TaskStatus, TargetView, UpdateView } from "../core/model.ts";
import { isUniqueViolation } from "./errors.ts";
import { ensureMember } from "./members.ts";

export const updateInclude = {
  task: { select: { number: true } },
  target: { select: { name: true } },
  member: true,
  retractedBy: { select: { id: true } },
} satisfies Prisma.ProgressUpdateInclude;

type UpdateRow = Prisma.ProgressUpdateGetPayload<{ include: typeof updateInclude }>;

export function toMemberRef(m: { id: number; platform: string; platformUserId: string; displayName: string }): MemberRef {
  return { id: m.id, platform: m.platform, platformUserId: m.platformUserId, displayName: m.displayName };
}

export function toView(u: UpdateRow): UpdateView {
  return {
    id: u.id,
    planId: u.planId,
    kind: u.kind === "retraction" ? "retraction" : "progress",
    taskId: u.taskId,
    taskNumber: u.task?.number ?? null,
    targetId: u.targetId,
    targetName: u.target?.name ?? null,
    status: (u.status as TaskStatus | null) ?? null,
    percent: u.percent,
    value: u.value,
    note: u.note,
    member: u.member ? toMemberRef(u.member) : null,
    createdAt: u.createdAt,
    retractsId: u.retractsId,
    retracted: u.retractedBy !== null,
    batch: u.batch,
    sourceMessageId: u.sourceMessageId,
    sourceRevision: u.sourceRevision,
  };
}


/**
 * Undo: appends a retraction row pointing at the update. Returns null when it was already
 * retracted (a second Undo click) — nothing is written twice.
 */
export async function retractUpdate(
  prisma: PrismaClient,
  updateId: number,
  by: NewUpdate["member"],
  source: { platform: string; messageId?: string; channelId?: string; at?: Date },
): Promise<UpdateView | null> {
  const target = await prisma.progressUpdate.findUnique({ where: { id: updateId } });
  if (!target || target.kind !== "progress") return null;
  const member = await ensureMember(prisma, by);
  try {
    const row = await prisma.progressUpdate.create({
      data: {
        planId: target.planId,
        taskId: target.taskId,
        targetId: target.targetId,
        memberId: member.id,
        kind: "retraction",
        retractsId: target.id,
        sourcePlatform: source.platform,
        sourceMessageId: source.messageId ?? null,
        channelId: source.channelId ?? null,
        ...(source.at ? { createdAt: source.at } : {}),
      },
      include: updateInclude,
    });
    return toView(row);
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

export async function getUpdate(prisma: PrismaClient, id: number): Promise<UpdateView | null> {
  const row = await prisma.progressUpdate.findUnique({ where: { id }, include: updateInclude });
  return row ? toView(row) : null;
}

/** The author's newest progress row since `since` that is not yet retracted (for /undo). */
export async function lastUndoable(prisma: PrismaClient, platform: string, userId: string, since: Date): Promise<UpdateView | null> {
  const row = await prisma.progressUpdate.findFirst({
    where: {
      kind: "progress",
      createdAt: { gte: since },
      member: { platform, platformUserId: userId },
      retractedBy: null,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: updateInclude,
  });
  return row ? toView(row) : null;
}

/** The trail of a task or target, newest first, retractions included. */
export async function listHistory(
  prisma: PrismaClient,
  where: { taskId: number } | { targetId: number },
  limit: number,
): Promise<UpdateView[]> {
  const rows = await prisma.progressUpdate.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    include: updateInclude,
  });
  return rows.map(toView);
}

/** Every row (progress and retractions) of a plan in [since, until), oldest first. */
export async function listUpdates(prisma: PrismaClient, planId: number, since: Date, until: Date): Promise<UpdateView[]> {
  const rows = await prisma.progressUpdate.findMany({
    where: { planId, createdAt: { gte: since, lt: until } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: updateInclude,
  });
  return rows.map(toView);
}

/**
 * Current progress of every task of a plan that has any, keyed by task id. Computed in SQL so a
 * plan with 100,000 updates loads only the rows that matter.
 */
export async function taskProgressMap(prisma: PrismaClient, planId: number): Promise<Map<number, TaskProgress>> {
  const latest = await prisma.$queryRaw<{ id: number }[]>`
    SELECT DISTINCT ON (u."taskId") u.id
    FROM "ProgressUpdate" u
    WHERE u."planId" = ${planId} AND u."taskId" IS NOT NULL AND u.kind = 'progress' AND u.status IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "ProgressUpdate" r WHERE r."retractsId" = u.id)
    ORDER BY u."taskId", u."createdAt" DESC, u.id DESC`;
  const percents = await prisma.$queryRaw<{ taskId: number; percent: number }[]>`
    SELECT DISTINCT ON (u."taskId") u."taskId", u.percent
    FROM "ProgressUpdate" u
    WHERE u."planId" = ${planId} AND u."taskId" IS NOT NULL AND u.kind = 'progress' AND u.percent IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "ProgressUpdate" r WHERE r."retractsId" = u.id)
    ORDER BY u."taskId", u."createdAt" DESC, u.id DESC`;
  const rows = await prisma.progressUpdate.findMany({ where: { id: { in: latest.map((l) => l.id) } }, include: updateInclude });
  const percentOf = new Map(percents.map((p) => [p.taskId, p.percent]));
  const out = new Map<number, TaskProgress>();
  for (const row of rows) {
    const view = toView(row);
    const status = view.status ?? "in_progress";
    out.set(row.taskId!, { status, percent: status === "done" ? 100 : (percentOf.get(row.taskId!) ?? null), latest: view });
  }
  return out;
}

export const NO_PROGRESS: TaskProgress = { status: "not_started", percent: null, latest: null };

/** The live targets of a plan (or of one task) with milestones and newest value, in one statement. */
export async function listTargets(prisma: PrismaClient, planId: number, filter: { taskId?: number } = {}): Promise<TargetView[]> {
  const rows = await prisma.$queryRaw<
    {
      id: number;
      name: string;
      unit: string;
      comparator: string;
      kind: string;
      baselineYear: number | null;
      baselineValue: number | null;
      taskNumber: string | null;
      milestones: TargetView["milestones"] | string;
      latestId: number | null;
      latestValue: number | null;
      latestAt: Date | null;
      memberId: number | null;
      memberPlatform: string | null;
      memberUserId: string | null;
      memberName: string | null;
    }[]
  >`
    SELECT g.id, g.name, g.unit, g.comparator, g.kind, g."baselineYear", g."baselineValue", t.number AS "taskNumber",
      COALESCE((SELECT json_agg(json_build_object('year', ms.year, 'value', ms.value, 'valueMax', ms."valueMax") ORDER BY ms.year)
         FROM "Milestone" ms WHERE ms."targetId" = g.id), '[]'::json) AS milestones,
      l.id AS "latestId", l.value AS "latestValue", l."createdAt" AS "latestAt",
      m.id AS "memberId", m.platform AS "memberPlatform", m."platformUserId" AS "memberUserId", m."displayName" AS "memberName"
    FROM "Target" g
      LEFT JOIN "Task" t ON t.id = g."taskId"
      LEFT JOIN LATERAL (
        SELECT u.id, u.value, u."createdAt", u."memberId" FROM "ProgressUpdate" u
        WHERE u."targetId" = g.id AND u."planId" = g."planId" AND u.kind = 'progress' AND u.value IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "ProgressUpdate" r WHERE r."retractsId" = u.id)
        ORDER BY u."createdAt" DESC, u.id DESC LIMIT 1) l ON true
      LEFT JOIN "Member" m ON m.id = l."memberId"
    WHERE g."planId" = ${planId} AND g."removedAt" IS NULL AND (${filter.taskId ?? null}::int IS NULL OR g."taskId" = ${filter.taskId ?? null}::int)
    ORDER BY g.position, g.id`;
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    unit: t.unit,
    comparator: t.comparator,
    kind: t.kind,
    baseline: t.baselineYear !== null && t.baselineValue !== null ? { year: t.baselineYear, value: t.baselineValue } : null,
    milestones: typeof t.milestones === "string" ? (JSON.parse(t.milestones) as TargetView["milestones"]) : t.milestones,
    taskNumber: t.taskNumber,
    latest:
      t.latestId !== null
        ? {
            value: t.latestValue!,
            at: new Date(t.latestAt!),
            member: t.memberId !== null ? { id: t.memberId, platform: t.memberPlatform!, platformUserId: t.memberUserId!, displayName: t.memberName! } : null,
            updateId: t.latestId,
          }
        : null,
  }));
}
