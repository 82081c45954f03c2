import type { PrismaClient } from "../generated/prisma/client.ts";
import type { MemberInput } from "../core/store.ts";
import type { PlanMember } from "../scheduler/types.ts";
import { ensureMember } from "./members.ts";

/** Every member mapped to a unit of the plan, in one query. */
export async function planMembers(prisma: PrismaClient, planId: number): Promise<PlanMember[]> {
  const rows = await prisma.$queryRaw<
    { unitId: number; id: number; platform: string; platformUserId: string; displayName: string; locale: string | null; remindPausedUntil: Date | null }[]
  >`
    SELECT um."unitId", m.id, m.platform, m."platformUserId", m."displayName", m.locale, m."remindPausedUntil"
    FROM "UnitMember" um JOIN "Unit" u ON u.id = um."unitId" JOIN "Member" m ON m.id = um."memberId"
    WHERE u."planId" = ${planId}
    ORDER BY um."createdAt", m.id`;
  return rows.map((r) => ({
    unitId: r.unitId,
    member: { id: r.id, platform: r.platform, platformUserId: r.platformUserId, displayName: r.displayName },
    locale: r.locale,
    remindPausedUntil: r.remindPausedUntil ? new Date(r.remindPausedUntil) : null,
  }));
}

/** Newest non-retracted progress row per task, computed in SQL (plans may hold 100,000 rows). */
export async function taskActivity(prisma: PrismaClient, planId: number): Promise<Map<number, Date>> {
  const rows = await prisma.$queryRaw<{ taskId: number; at: Date }[]>`
    SELECT u."taskId", max(u."createdAt") AS at
    FROM "ProgressUpdate" u
    WHERE u."planId" = ${planId} AND u."taskId" IS NOT NULL AND u.kind = 'progress'
      AND NOT EXISTS (SELECT 1 FROM "ProgressUpdate" r WHERE r."retractsId" = u.id)
    GROUP BY u."taskId"`;
  return new Map(rows.map((r) => [r.taskId, new Date(r.at)]));
}

export async function setRemindPause(prisma: PrismaClient, m: MemberInput, until: Date | null): Promise<void> {
  const member = await ensureMember(prisma, m);
  await prisma.$executeRaw`UPDATE "Member" SET "remindPausedUntil" = ${until} WHERE id = ${member.id}`;
}

export async function getRemindPause(prisma: PrismaClient, platform: string, userId: string): Promise<Date | null> {
  const rows = await prisma.$queryRaw<{ until: Date | null }[]>`
    SELECT "remindPausedUntil" AS until FROM "Member" WHERE platform = ${platform} AND "platformUserId" = ${userId}`;
  return rows[0]?.until ? new Date(rows[0].until) : null;
}
