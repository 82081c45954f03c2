import type { InboxEntry } from "../core/store.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";

/**
 * The inbox (the `ProcessedEvent` ledger with a payload): an inbound event is written here, as
 * "received", before the platform is acknowledged, and marked "done" once handled.
 */

/** Stores a received event; false when its (platform, event id) was recorded before (a redelivery). */
export async function receiveEvent(prisma: PrismaClient, entry: InboxEntry, leaseUntil: Date): Promise<boolean> {
  const payload = JSON.stringify({ message: entry.message, ...(entry.thread ? { thread: entry.thread } : {}) });
  const result = await prisma.$executeRaw`
    INSERT INTO "ProcessedEvent" (platform, "eventId", "receivedAt", status, payload, "leaseUntil", attempts)
    VALUES (${entry.platform}, ${entry.eventId}, ${entry.receivedAt}, 'received', ${payload}::jsonb, ${leaseUntil}, 1)
    ON CONFLICT DO NOTHING`;
  return result === 1;
}

/** The event was handled: it leaves the inbox. */
export async function finishEvent(prisma: PrismaClient, platform: string, eventId: string, at: Date): Promise<void> {
  await prisma.processedEvent.updateMany({ where: { platform, eventId, status: "received" }, data: { status: "done", doneAt: at, leaseUntil: null } });
}

/**
 * Takes up to `limit` received events of a platform whose lease ran out (their instance died or
 * gave up), received at or after `since`, oldest first, leasing them to the caller until
 * `leaseUntil`. Two instances never take the same event: the lease is renewed only where it is
 * still expired, row by row.
 */
export async function takeUnfinishedEvents(prisma: PrismaClient, platform: string, since: Date, now: Date, leaseUntil: Date, limit: number): Promise<InboxEntry[]> {
  const rows = await prisma.$queryRaw<{ eventId: string; receivedAt: Date; payload: unknown }[]>`
    UPDATE "ProcessedEvent" AS e SET "leaseUntil" = ${leaseUntil}, attempts = e.attempts + 1
    WHERE (e.platform, e."eventId") IN (
      SELECT platform, "eventId" FROM "ProcessedEvent"
      WHERE platform = ${platform} AND status = 'received' AND "receivedAt" >= ${since}
        AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
      ORDER BY "receivedAt", "eventId"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
      AND e.status = 'received' AND (e."leaseUntil" IS NULL OR e."leaseUntil" < ${now})
    RETURNING e."eventId", e."receivedAt", e.payload`;
  return rows
    .map((r) => ({ ...r, payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as { message?: InboxEntry["message"]; thread?: string } | null }))
    .filter((r) => r.payload?.message)
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.eventId.localeCompare(b.eventId))
    .map((r) => ({
      platform,
      eventId: r.eventId,
      receivedAt: new Date(r.receivedAt),
      message: r.payload!.message!,
      ...(r.payload!.thread ? { thread: r.payload!.thread } : {}),
    }));
}

/** Marks received events older than `before` as expired (never answered); returns them. */
export async function expireEvents(prisma: PrismaClient, platform: string, before: Date): Promise<{ eventId: string; receivedAt: Date }[]> {
  const rows = await prisma.$queryRaw<{ eventId: string; receivedAt: Date }[]>`
    UPDATE "ProcessedEvent" SET status = 'expired', "leaseUntil" = NULL
    WHERE platform = ${platform} AND status = 'received' AND "receivedAt" < ${before}
    RETURNING "eventId", "receivedAt"`;
  return rows.map((r) => ({ eventId: r.eventId, receivedAt: new Date(r.receivedAt) }));
}
