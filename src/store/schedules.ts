import type { PrismaClient } from "../generated/prisma/client.ts";
import type { ScheduleInput, ScheduleKind, ScheduleRecord, ScheduleStore } from "../scheduler/types.ts";
import type { Database } from "./database.ts";
import * as data from "./digest-data.ts";
import * as runs from "./schedule-runs.ts";

type ScheduleRow = Omit<ScheduleRecord, "kind"> & { kind: string };


const toSchedule = (r: ScheduleRow): ScheduleRecord => ({ ...r, kind: r.kind as ScheduleKind, activeFrom: new Date(r.activeFrom) });
const nullable = (r: ScheduleRow | null): ScheduleRecord | null => (r ? toSchedule(r) : null);

const scheduleSelect = {
  id: true, platform: true, channelId: true, planId: true, kind: true, cron: true, timezone: true,
  workdaysOnly: true, enabled: true, locale: true, createdBy: true, activeFrom: true,
} as const;

async function saveSchedule(prisma: PrismaClient, s: ScheduleInput, now: Date): Promise<ScheduleRecord> {
  const rows = await prisma.$queryRaw<ScheduleRow[]>`
    INSERT INTO "DigestSchedule" (platform, "channelId", "planId", kind, cron, timezone, "workdaysOnly", enabled, locale, "createdBy", "activeFrom", "createdAt", "updatedAt")
    VALUES (${s.platform}, ${s.channelId}, ${s.planId}, ${s.kind}, ${s.cron}, ${s.timezone}, ${s.workdaysOnly}, true, ${s.locale}, ${s.createdBy}, ${now}, ${now}, ${now})
    ON CONFLICT (platform, "channelId", kind) DO UPDATE SET
      "planId" = EXCLUDED."planId", cron = EXCLUDED.cron, timezone = EXCLUDED.timezone, "workdaysOnly" = EXCLUDED."workdaysOnly",
      enabled = true, locale = EXCLUDED.locale, "createdBy" = EXCLUDED."createdBy", "activeFrom" = EXCLUDED."activeFrom", "updatedAt" = EXCLUDED."updatedAt"
    RETURNING id, platform, "channelId", "planId", kind, cron, timezone, "workdaysOnly", enabled, locale, "createdBy", "activeFrom"`;
  return toSchedule(rows[0]!);
}

async function disableSchedule(prisma: PrismaClient, platform: string, channelId: string, kind: ScheduleKind, now: Date): Promise<boolean> {
  const n = await prisma.$executeRaw`
    UPDATE "DigestSchedule" SET enabled = false, "updatedAt" = ${now}
    WHERE platform = ${platform} AND "channelId" = ${channelId} AND kind = ${kind} AND enabled`;
  return n === 1;
}

/** Schedules, runs and deliveries over the same Prisma client as the core store. */
export function createScheduleStore(db: Database): ScheduleStore {
  const p = db.prisma;
  return {
    getSchedule: async (platform, channelId, kind) =>
      nullable(await p.digestSchedule.findUnique({ where: { platform_channelId_kind: { platform, channelId, kind } }, select: scheduleSelect })),
    getScheduleById: async (id) => nullable(await p.digestSchedule.findUnique({ where: { id }, select: scheduleSelect })),
    listSchedules: async () => (await p.digestSchedule.findMany({ select: scheduleSelect, orderBy: { id: "asc" } })).map(toSchedule),
    saveSchedule: (input, now) => saveSchedule(p, input, now),
    disableSchedule: (platform, channelId, kind, now) => disableSchedule(p, platform, channelId, kind, now),
    claimRun: (claim, claimer, now, leaseMs) => runs.claimRun(p, claim, claimer, now, leaseMs),
    renewLease: (runId, claimer, now, leaseMs) => runs.renewLease(p, runId, claimer, now, leaseMs),
    finishRun: (runId, claimer, patch) => runs.finishRun(p, runId, claimer, patch),
    recordMissed: (claim, claimer, now, reason) => runs.recordMissed(p, claim, claimer, now, reason),
    expireRuns: (now) => runs.expireRuns(p, now),
    getRun: (scheduleId, periodKey) => runs.getRun(p, scheduleId, periodKey),
    listRuns: (scheduleId, limit) => runs.listRuns(p, scheduleId, limit),
    ensureDelivery: (runId, recipient) => runs.ensureDelivery(p, runId, recipient),
    listDeliveries: (runId) => runs.listDeliveries(p, runId),
    startPosting: (deliveryId, now) => runs.startPosting(p, deliveryId, now),
    finishDelivery: (deliveryId, patch, now) => runs.finishDelivery(p, deliveryId, patch, now),
    planMembers: (planId) => data.planMembers(p, planId),
    taskActivity: (planId) => data.taskActivity(p, planId),
    setRemindPause: (member, until) => data.setRemindPause(p, member, until),
    getRemindPause: (platform, userId) => data.getRemindPause(p, platform, userId),
  };
}
