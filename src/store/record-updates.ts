import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { NewUpdate, TaskStatus, UpdateView } from "../core/model.ts";
import { toView, updateInclude } from "./progress.ts";

/** One stored row as the write statement returns it, with its task number, target name and author. */
interface WrittenRow {
  id: number;
  planId: number;
  taskId: number | null;
  targetId: number | null;
  status: string | null;
  percent: number | null;
  value: number | null;
  note: string | null;
  batch: string | null;
  sourceMessageId: string | null;
  sourceRevision: string;
  createdAt: Date;
  taskNumber: string | null;
  targetName: string | null;
  memberId: number;
  memberPlatform: string;
  memberUserId: string;
  memberName: string;
}

function toWrittenView(r: WrittenRow): UpdateView {
  return {
    id: r.id,
    planId: r.planId,
    kind: "progress",
    taskId: r.taskId,
    taskNumber: r.taskNumber,
    targetId: r.targetId,
    targetName: r.targetName,
    status: (r.status as TaskStatus | null) ?? null,
    percent: r.percent,
    value: r.value,
    note: r.note,
    member: { id: r.memberId, platform: r.memberPlatform, platformUserId: r.memberUserId, displayName: r.memberName },
    createdAt: new Date(r.createdAt),
    retractsId: null,
    retracted: false,
    batch: r.batch,
    sourceMessageId: r.sourceMessageId,
    sourceRevision: r.sourceRevision,
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
 *
 * One statement does it all (the hot path of a busy channel): the author is found or created
 * (the display name follows the platform; an empty one keeps the stored name), every row is
 * inserted, and the rows come back with what the confirmation shows. A statement is atomic, so
 * the batch needs no transaction: a repeat (any row of this message and revision stored) inserts
 * nothing, not even part of a batch. The member upsert cannot race: ON CONFLICT DO UPDATE settles it.
 */
export async function recordUpdates(prisma: PrismaClient, us: NewUpdate[]): Promise<{ updates: UpdateView[]; duplicate: boolean }> {
  const first = us[0];
  if (!first) return { updates: [], duplicate: false };
  const revision = first.sourceRevision ?? "";
  const batch = first.sourceMessageId ? `${first.sourcePlatform}:${first.sourceMessageId}:${revision}` : `local:${randomUUID()}`;
  const rows = JSON.stringify(
    us.map((u, part) => ({
      planId: u.planId,
      taskId: u.taskId ?? null,
      targetId: u.targetId ?? null,
      status: u.status ?? null,
      percent: u.percent ?? null,
      value: u.value ?? null,
      note: u.note ?? null,
      sourcePlatform: u.sourcePlatform,
      sourceMessageId: u.sourceMessageId ?? null,
      channelId: u.channelId ?? null,
      createdAt: u.createdAt?.toISOString() ?? null,
      part,
    })),
  );
  const m = first.member;
  const write = () => prisma.$queryRaw<WrittenRow[]>`
    WITH m AS (
      INSERT INTO "Member" (platform, "platformUserId", "displayName", "updatedAt")
      VALUES (${m.platform}, ${m.platformUserId}, ${m.displayName}, now())
      ON CONFLICT (platform, "platformUserId") DO UPDATE SET
        "displayName" = CASE WHEN EXCLUDED."displayName" <> '' THEN EXCLUDED."displayName" ELSE "Member"."displayName" END,
        "updatedAt" = now()
      RETURNING id, platform, "platformUserId", "displayName"
    ), ins AS (
      INSERT INTO "ProgressUpdate" ("planId", "taskId", "targetId", "memberId", kind, status, percent, value, note,
        "sourcePlatform", "sourceMessageId", "sourceRevision", part, batch, "channelId", "createdAt")
      SELECT r."planId", r."taskId", r."targetId", m.id, 'progress', r.status, r.percent, r.value, r.note,
        r."sourcePlatform", r."sourceMessageId", ${revision}, r.part, ${batch}, r."channelId", COALESCE(r."createdAt", CURRENT_TIMESTAMP)
      FROM json_to_recordset(${rows}::json) AS r("planId" int, "taskId" int, "targetId" int, status text, percent int, value float8,
        note text, "sourcePlatform" text, "sourceMessageId" text, "channelId" text, "createdAt" timestamptz, part int)
      CROSS JOIN m
      WHERE NOT EXISTS (SELECT 1 FROM "ProgressUpdate" p
        WHERE p."sourcePlatform" = ${first.sourcePlatform} AND p."sourceMessageId" = ${first.sourceMessageId ?? null} AND p."sourceRevision" = ${revision})
      ORDER BY r.part
      RETURNING id, "planId", "taskId", "targetId", status, percent, value, note, batch, "sourceMessageId", "sourceRevision", "createdAt", part
    )
    SELECT ins.id, ins."planId", ins."taskId", ins."targetId", ins.status, ins.percent, ins.value, ins.note, ins.batch,
      ins."sourceMessageId", ins."sourceRevision", ins."createdAt", t.number AS "taskNumber", g.name AS "targetName",
      m.id AS "memberId", m.platform AS "memberPlatform", m."platformUserId" AS "memberUserId", m."displayName" AS "memberName"
    FROM ins CROSS JOIN m
      LEFT JOIN "Task" t ON t.id = ins."taskId"
      LEFT JOIN "Target" g ON g.id = ins."targetId"
    ORDER BY ins.part`;
  const stored = async () =>
    first.sourceMessageId
      ? (
          await prisma.progressUpdate.findMany({
            where: { sourcePlatform: first.sourcePlatform, sourceMessageId: first.sourceMessageId, sourceRevision: revision, kind: "progress" },
            orderBy: { part: "asc" },
            include: updateInclude,
          })
        ).map(toView)
      : [];
  try {
    const written = await write();
    if (written.length > 0) return { updates: written.map(toWrittenView), duplicate: false };
  } catch (err) {
    // The same message stored at this moment by another connection (a server's race past the
    // NOT EXISTS): the unique key refused the whole statement. Any other failure is rethrown.
    const already = await stored().catch(() => []);
    if (already.length) return { updates: already, duplicate: true };
    throw err;
  }
  return { updates: await stored(), duplicate: true };
}
