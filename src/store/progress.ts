import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { MemberRef, NewUpdate, TaskProgress, TaskStatus, TargetView, UpdateView } from "../core/model.ts";
import { isUniqueViolation } from "./errors.ts";
import { ensureMember } from "./members.ts";
import { randomUUID } from "node:crypto";

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
 * Stores one progress report, durably, before any confirmation is sent. The same platform
 * message id is stored once: a second attempt returns the first row with duplicate = true.
 */
export async function recordUpdate(prisma: PrismaClient, u: NewUpdate): Promise<{ update: UpdateView; duplicate: boolean }> {
  const { updates, duplicate } = await recordUpdates(prisma, [u]);
  return { update: updates[0]!, duplicate };
}

/**
 * Stores the updates read from one message together (all or none), as one batch: Undo takes
 * back the whole batch. A repeat of the same platform message (and revision) stores nothing and
 * returns the rows stored the first time with duplicate = true.
 */
export async function recordUpdates(prisma: PrismaClient, us: NewUpdate[]): Promise<{ updates: UpdateView[]; duplicate: boolean }> {
  const first = us[0];
  if (!first) return { updates: [], duplicate: false };
  const member = await ensureMember(prisma, first.member);
  const revision = first.sourceRevision ?? "";
  const batch = first.sourceMessageId ? `${first.sourcePlatform}:${first.sourceMessageId}:${revision}` : `local:${randomUUID()}`;
  try {
    const rows = await prisma.$transaction(
      us.map((u, part) =>
        prisma.progressUpdate.create({
          data: {
            planId: u.planId,
            taskId: u.taskId ?? null,
            targetId: u.targetId ?? null,
            memberId: member.id,
            kind: "progress",
            status: u.status ?? null,
            percent: u.percent ?? null,
            value: u.value ?? null,
            note: u.note ?? null,
            sourcePlatform: u.sourcePlatform,
            sourceMessageId: u.sourceMessageId ?? null,
            sourceRevision: revision,
            part,
            batch,
            channelId: u.channelId ?? null,
            ...(u.createdAt ? { createdAt: u.createdAt } : {}),
          },
          include: updateInclude,
        }),
      ),
    );
    return { updates: rows.map(toView), duplicate: false };
  } catch (err) {
    if (!isUniqueViolation(err) || !first.sourceMessageId) throw err;
    const rows = await prisma.progressUpdate.findMany({
      where: { sourcePlatform: first.sourcePlatform, sourceMessageId: first.sourceMessageId, sourceRevision: revision, kind: "progress" },
      orderBy: { part: "asc" },
      include: updateInclude,
    });
    return { updates: rows.map(toView), duplicate: true };
  }
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

export async function listTargets(prisma: PrismaClient, planId: number, filter: { taskId?: number } = {}): Promise<TargetView[]> {
  const targets = await prisma.target.findMany({
    where: { planId, removedAt: null, ...(filter.taskId !== undefined ? { taskId: filter.taskId } : {}) },
    include: { milestones: { orderBy: { year: "asc" } }, task: { select: { number: true } } },
    orderBy: { position: "asc" },
  });
  if (!targets.length) return [];
  const latest = await prisma.$queryRaw<{ id: number }[]>`
    SELECT DISTINCT ON (u."targetId") u.id
    FROM "ProgressUpdate" u
    WHERE u."planId" = ${planId} AND u."targetId" = ANY(${targets.map((t) => t.id)}) AND u.kind = 'progress' AND u.value IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "ProgressUpdate" r WHERE r."retractsId" = u.id)
    ORDER BY u."targetId", u."createdAt" DESC, u.id DESC`;
  const rows = await prisma.progressUpdate.findMany({ where: { id: { in: latest.map((l) => l.id) } }, include: { member: true } });
  const byTarget = new Map(rows.map((r) => [r.targetId!, r]));
  return targets.map((t) => {
    const u = byTarget.get(t.id);
    return {
      id: t.id,
      name: t.name,
      unit: t.unit,
      comparator: t.comparator,
      kind: t.kind,
      baseline: t.baselineYear !== null && t.baselineValue !== null ? { year: t.baselineYear, value: t.baselineValue } : null,
      milestones: t.milestones.map((m) => ({ year: m.year, value: m.value, valueMax: m.valueMax })),
      taskNumber: t.task?.number ?? null,
      latest: u ? { value: u.value!, at: u.createdAt, member: u.member ? toMemberRef(u.member) : null, updateId: u.id } : null,
    };
  });
}
