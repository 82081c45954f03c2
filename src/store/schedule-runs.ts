import type { PrismaClient } from "../generated/prisma/client.ts";
import type { DeliveryRecord, DeliveryStatus, RunClaim, RunRecord, RunStatus } from "../scheduler/types.ts";

/* Raw SQL throughout: the claims are single atomic statements (INSERT … ON CONFLICT … WHERE). */

/** A DigestRun row as the driver returns it (status unchecked). */
type RunRow = Omit<RunRecord, "status"> & { status: string };

const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

function toRun(r: RunRow): RunRecord {
  return {
    ...r,
    dueAt: date(r.dueAt)!,
    coversFrom: date(r.coversFrom),
    expiresAt: date(r.expiresAt),
    claimedAt: date(r.claimedAt)!,
    leaseUntil: date(r.leaseUntil),
    nextAttemptAt: date(r.nextAttemptAt),
    sentAt: date(r.sentAt),
    status: r.status as RunStatus,
    attempts: Number(r.attempts),
  };
}

export async function claimRun(prisma: PrismaClient, c: RunClaim, claimer: string, now: Date, leaseMs: number): Promise<RunRecord | null> {
  const lease = new Date(now.getTime() + leaseMs);
  const rows = await prisma.$queryRaw<RunRow[]>`
    INSERT INTO "DigestRun" ("scheduleId", "periodKey", "dueAt", "coversFrom", "expiresAt", status, "claimedBy", "claimedAt", "leaseUntil", attempts)
    VALUES (${c.scheduleId}, ${c.periodKey}, ${c.dueAt}, ${c.coversFrom}, ${c.expiresAt}, 'running', ${claimer}, ${now}, ${lease}, 1)
    ON CONFLICT ("scheduleId", "periodKey") DO UPDATE
      SET status = 'running', "claimedBy" = EXCLUDED."claimedBy", "claimedAt" = EXCLUDED."claimedAt",
          "leaseUntil" = EXCLUDED."leaseUntil", "nextAttemptAt" = NULL, attempts = "DigestRun".attempts + 1
      WHERE ("DigestRun".status = 'running' AND "DigestRun"."leaseUntil" < ${now})
         OR ("DigestRun".status = 'retry' AND ("DigestRun"."nextAttemptAt" IS NULL OR "DigestRun"."nextAttemptAt" <= ${now}))
    RETURNING *`;
  return rows[0] ? toRun(rows[0]) : null;
}

export async function renewLease(prisma: PrismaClient, runId: number, claimer: string, now: Date, leaseMs: number): Promise<boolean> {
  const n = await prisma.$executeRaw`
    UPDATE "DigestRun" SET "leaseUntil" = ${new Date(now.getTime() + leaseMs)}
    WHERE id = ${runId} AND "claimedBy" = ${claimer} AND status = 'running'`;
  return n === 1;
}

export async function finishRun(
  prisma: PrismaClient,
  runId: number,
  claimer: string,
  p: { status: RunStatus; messageRef?: string | null; error?: string | null; sentAt?: Date | null; nextAttemptAt?: Date | null },
): Promise<boolean> {
  const n = await prisma.$executeRaw`
    UPDATE "DigestRun" SET status = ${p.status}, "messageRef" = ${p.messageRef ?? null}, error = ${p.error ?? null},
      "sentAt" = ${p.sentAt ?? null}, "nextAttemptAt" = ${p.nextAttemptAt ?? null}, "leaseUntil" = NULL
    WHERE id = ${runId} AND "claimedBy" = ${claimer} AND status = 'running'`;
  return n === 1;
}

export async function recordMissed(prisma: PrismaClient, c: RunClaim, claimer: string, now: Date, reason: string): Promise<boolean> {
  const n = await prisma.$executeRaw`
    INSERT INTO "DigestRun" ("scheduleId", "periodKey", "dueAt", "coversFrom", "expiresAt", status, "claimedBy", "claimedAt", error)
    VALUES (${c.scheduleId}, ${c.periodKey}, ${c.dueAt}, ${c.coversFrom}, ${c.expiresAt}, 'missed', ${claimer}, ${now}, ${reason})
    ON CONFLICT ("scheduleId", "periodKey") DO NOTHING`;
  return n === 1;
}

export async function expireRuns(prisma: PrismaClient, now: Date): Promise<RunRecord[]> {
  const rows = await prisma.$queryRaw<RunRow[]>`
    UPDATE "DigestRun" SET status = 'missed', "leaseUntil" = NULL,
      error = COALESCE(error || ' · ', '') || 'period_ended'
    WHERE "expiresAt" <= ${now}
      AND ((status = 'running' AND "leaseUntil" < ${now}) OR status = 'retry')
    RETURNING *`;
  return rows.map(toRun);
}

export async function getRun(prisma: PrismaClient, scheduleId: number, periodKey: string): Promise<RunRecord | null> {
  const rows = await prisma.$queryRaw<RunRow[]>`SELECT * FROM "DigestRun" WHERE "scheduleId" = ${scheduleId} AND "periodKey" = ${periodKey}`;
  return rows[0] ? toRun(rows[0]) : null;
}

export async function listRuns(prisma: PrismaClient, scheduleId: number, limit: number): Promise<RunRecord[]> {
  const rows = await prisma.$queryRaw<RunRow[]>`
    SELECT * FROM "DigestRun" WHERE "scheduleId" = ${scheduleId} ORDER BY "dueAt" DESC, id DESC LIMIT ${limit}`;
  return rows.map(toRun);
}

interface DeliveryRow {
  id: number;
  runId: number;
  recipient: string;
  status: string;
  attempts: number;
  messageRef: string | null;
  error: string | null;
}

const toDelivery = (r: DeliveryRow): DeliveryRecord => ({ ...r, status: r.status as DeliveryStatus, attempts: Number(r.attempts) });

export async function ensureDelivery(prisma: PrismaClient, runId: number, recipient: string): Promise<DeliveryRecord> {
  await prisma.$executeRaw`
    INSERT INTO "DigestDelivery" ("runId", recipient, status) VALUES (${runId}, ${recipient}, 'pending')
    ON CONFLICT ("runId", recipient) DO NOTHING`;
  const rows = await prisma.$queryRaw<DeliveryRow[]>`
    SELECT id, "runId", recipient, status, attempts, "messageRef", error FROM "DigestDelivery" WHERE "runId" = ${runId} AND recipient = ${recipient}`;
  return toDelivery(rows[0]!);
}

export async function listDeliveries(prisma: PrismaClient, runId: number): Promise<DeliveryRecord[]> {
  const rows = await prisma.$queryRaw<DeliveryRow[]>`
    SELECT id, "runId", recipient, status, attempts, "messageRef", error FROM "DigestDelivery" WHERE "runId" = ${runId} ORDER BY id`;
  return rows.map(toDelivery);
}

export async function startPosting(prisma: PrismaClient, deliveryId: number, now: Date): Promise<boolean> {
  const n = await prisma.$executeRaw`
    UPDATE "DigestDelivery" SET status = 'posting', attempts = attempts + 1, "updatedAt" = ${now}
    WHERE id = ${deliveryId} AND status IN ('pending', 'retry')`;
  return n === 1;
}

export async function finishDelivery(
  prisma: PrismaClient,
  deliveryId: number,
  p: { status: DeliveryStatus; messageRef?: string | null; error?: string | null },
  now: Date,
): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "DigestDelivery" SET status = ${p.status}, "messageRef" = COALESCE(${p.messageRef ?? null}::text, "messageRef"),
      error = ${p.error ?? null}, "updatedAt" = ${now}
    WHERE id = ${deliveryId}`;
}
