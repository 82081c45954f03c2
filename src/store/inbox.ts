import type { InboxEntry } from "../core/store.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { createBatcher } from "./batcher.ts";
import type { DriverSql } from "./channels.ts";

/**
 * The inbox (the `ProcessedEvent` ledger with a payload): an inbound event is written here, as
 * "received", before the platform is acknowledged, and marked "done" once handled (both on the
 * driver: see DriverSql).
 */

const key = (platform: string, eventId: string) => `${platform}\n${eventId}`;

/**
 * The inbox's two writes per message, each a group commit (src/store/batcher.ts): under a burst
 * the events waiting to be stored go in one statement, and so do the marks "done". Nothing is
 * acknowledged before its own row is written.
 */
export function createInboxWrites(sql: DriverSql) {
  /** Stores a received event; false when its (platform, event id) was recorded before (a redelivery). */
  const receive = createBatcher<{ entry: InboxEntry; leaseUntil: Date }, boolean>(async (items) => {
    const rows = JSON.stringify(
      items.map(({ entry, leaseUntil }) => ({
        platform: entry.platform,
        eventId: entry.eventId,
        receivedAt: entry.receivedAt.toISOString(),
        payload: { message: entry.message, ...(entry.thread ? { thread: entry.thread } : {}) },
        leaseUntil: leaseUntil.toISOString(),
      })),
    );
    const inserted = await sql.query<{ platform: string; eventId: string }>(
      `INSERT INTO "ProcessedEvent" (platform, "eventId", "receivedAt", status, payload, "leaseUntil", attempts)
       SELECT x.platform, x."eventId", x."receivedAt", 'received', x.payload, x."leaseUntil", 1
       FROM jsonb_to_recordset($1::jsonb) AS x(platform text, "eventId" text, "receivedAt" timestamptz, payload jsonb, "leaseUntil" timestamptz)
       ON CONFLICT DO NOTHING
       RETURNING platform, "eventId"`,
      [rows],
    );
    const fresh = new Set(inserted.map((r) => key(r.platform, r.eventId)));
    // The same event twice in one statement: the first is stored, the second is the redelivery.
    return items.map(({ entry }) => fresh.delete(key(entry.platform, entry.eventId)));
  });
  /** The event was handled: it leaves the inbox. */
  const finish = createBatcher<{ platform: string; eventId: string; at: Date }, void>(async (items) => {
    const rows = JSON.stringify(items.map((i) => ({ platform: i.platform, eventId: i.eventId, doneAt: i.at.toISOString() })));
    await sql.query(
      `UPDATE "ProcessedEvent" AS e SET status = 'done', "doneAt" = x."doneAt", "leaseUntil" = NULL
       FROM jsonb_to_recordset($1::jsonb) AS x(platform text, "eventId" text, "doneAt" timestamptz)
       WHERE e.platform = x.platform AND e."eventId" = x."eventId" AND e.status = 'received'`,
      [rows],
    );
    return items.map(() => undefined);
  });
  return {
    receiveEvent: (entry: InboxEntry, leaseUntil: Date) => receive({ entry, leaseUntil }),
    finishEvent: (platform: string, eventId: string, at: Date) => finish({ platform, eventId, at }),
  };
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
