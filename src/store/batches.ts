import type { PrismaClient } from "../generated/prisma/client.ts";
import type { NewUpdate, UpdateView } from "../core/model.ts";
import type { RetractionSource } from "../core/store.ts";
import { isUniqueViolation } from "./errors.ts";
import { ensureMember } from "./members.ts";
import { toView, updateInclude } from "./progress.ts";

/**
 * Undo of one row takes back its whole batch (every update read from the same message) that
 * is still standing: one retraction row each, all or none. Returns the retraction rows; empty
 * when nothing was left to retract (a second Undo click).
 */
export async function retractBatch(
  prisma: PrismaClient,
  updateId: number,
  by: NewUpdate["member"],
  source: RetractionSource,
): Promise<UpdateView[]> {
  const update = await prisma.progressUpdate.findUnique({ where: { id: updateId } });
  if (!update || update.kind !== "progress") return [];
  const rows = await prisma.progressUpdate.findMany({
    where: { kind: "progress", retractedBy: null, ...(update.batch ? { batch: update.batch } : { id: update.id }) },
    orderBy: [{ part: "asc" }, { id: "asc" }],
  });
  return retractRows(prisma, rows, by, source);
}

/** Updates recorded from a platform message (any revision) that are still standing. */
export async function standingFromMessage(prisma: PrismaClient, platform: string, messageId: string): Promise<UpdateView[]> {
  const rows = await prisma.progressUpdate.findMany({
    where: { kind: "progress", sourcePlatform: platform, sourceMessageId: messageId, retractedBy: null },
    orderBy: [{ id: "asc" }],
    include: updateInclude,
  });
  return rows.map(toView);
}

/** The event-ledger entry that says an edit or deletion of a message was read with no row to show for it. */
const revisedKey = (messageId: string) => `revised:${messageId}`;

/**
 * Whether an edit or a deletion of each of these platform messages was read: a row read from it carries a
 * revision, or the ledger holds {@link noteMessageRevised}'s entry.
 */
export async function messagesRevised(prisma: PrismaClient, keys: { platform: string; messageId: string }[]): Promise<boolean[]> {
  // One statement for every first reading asking at once (each asks before it records).
  const rows = await prisma.$queryRaw<{ i: number; revised: boolean }[]>`
    SELECT k.i, EXISTS (SELECT 1 FROM "ProgressUpdate" u
        WHERE u."sourcePlatform" = k.platform AND u."sourceMessageId" = k."messageId" AND u."sourceRevision" <> '')
      OR EXISTS (SELECT 1 FROM "ProcessedEvent" e WHERE e.platform = k.platform AND e."eventId" = k.noted) AS revised
    FROM json_to_recordset(${JSON.stringify(keys.map((k, i) => ({ ...k, i, noted: revisedKey(k.messageId) })))}::json)
      AS k(i int, platform text, "messageId" text, noted text)`;
  const revised = new Set(rows.filter((r) => r.revised).map((r) => r.i));
  return keys.map((_, i) => revised.has(i));
}

/** Notes an edit or deletion that left no row (kept as long as the event ledger keeps entries). */
export async function noteMessageRevised(prisma: PrismaClient, platform: string, messageId: string): Promise<void> {
  await prisma.processedEvent.createMany({ data: [{ platform, eventId: revisedKey(messageId) }], skipDuplicates: true });
}

/** Retracts exactly these rows (all or none); empty when one was retracted meanwhile. */
export async function retractRows(
  prisma: PrismaClient,
  rows: { id: number; planId: number; taskId: number | null; targetId: number | null }[],
  by: NewUpdate["member"],
  source: RetractionSource,
): Promise<UpdateView[]> {
  if (rows.length === 0) return [];
  const member = await ensureMember(prisma, by);
  const batch = source.messageId ? `${source.platform}:${source.messageId}:${source.revision ?? ""}` : null;
  try {
    const created = await prisma.$transaction(
      rows.map((row, part) =>
        prisma.progressUpdate.create({
          data: {
            planId: row.planId,
            taskId: row.taskId,
            targetId: row.targetId,
            memberId: member.id,
            kind: "retraction",
            retractsId: row.id,
            sourcePlatform: source.platform,
            sourceMessageId: source.messageId ?? null,
            sourceRevision: source.revision ?? "",
            part,
            batch,
            channelId: source.channelId ?? null,
            ...(source.at ? { createdAt: source.at } : {}),
          },
          include: updateInclude,
        }),
      ),
    );
    return created.map(toView);
  } catch (err) {
    if (isUniqueViolation(err)) return [];
    throw err;
  }
}
