import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Locale } from "../core/i18n/index.ts";
import type { MemberRef, UnitRef } from "../core/model.ts";
import { toSimplified } from "../core/text/script.ts";
import { isUniqueViolation } from "./errors.ts";

export interface MemberInput {
  platform: string;
  platformUserId: string;
  displayName: string;
}

/** Finds or creates the member by platform identity; the display name follows the platform. */
export async function ensureMember(prisma: PrismaClient, m: MemberInput) {
  const upsert = () =>
    prisma.member.upsert({
      where: { platform_platformUserId: { platform: m.platform, platformUserId: m.platformUserId } },
      create: { platform: m.platform, platformUserId: m.platformUserId, displayName: m.displayName },
      update: m.displayName ? { displayName: m.displayName } : {},
    });
  try {
    return await upsert();
  } catch (err) {
    // Two first messages from the same person at once: the loser of the insert race retries as an update.
    if (isUniqueViolation(err)) return upsert();
    throw err;
  }
}

export async function setUserLocale(prisma: PrismaClient, m: MemberInput, locale: Locale | null): Promise<void> {
  const member = await ensureMember(prisma, m);
  await prisma.member.update({ where: { id: member.id }, data: { locale } });
}

const toRef = (m: { id: number; platform: string; platformUserId: string; displayName: string }): MemberRef => ({
  id: m.id,
  platform: m.platform,
  platformUserId: m.platformUserId,
  displayName: m.displayName,
});

/** Units of a plan matching a name or alias: exact matches win over fragments. */
export async function findUnits(prisma: PrismaClient, planId: number, query: string): Promise<UnitRef[]> {
  const units = await prisma.unit.findMany({ where: { planId }, include: { aliases: true }, orderBy: { id: "asc" } });
  const norm = (s: string) => toSimplified(s).replace(/\s+/g, "").toLowerCase();
  const q = norm(query);
  if (!q) return [];
  const names = (u: (typeof units)[number]) => [u.name, ...u.aliases.map((a) => a.alias)].map(norm);
  const exact = units.filter((u) => names(u).includes(q));
  const hits = exact.length ? exact : units.filter((u) => names(u).some((n) => n.includes(q)));
  return hits.map((u) => ({ id: u.id, name: u.name, aliases: u.aliases.map((a) => a.alias) }));
}

export async function addUnitMembers(prisma: PrismaClient, unitId: number, members: MemberInput[]): Promise<MemberRef[]> {
  const out: MemberRef[] = [];
  for (const m of members) {
    const member = await ensureMember(prisma, m);
    await prisma.unitMember.upsert({
      where: { unitId_memberId: { unitId, memberId: member.id } },
      create: { unitId, memberId: member.id },
      update: {},
    });
    out.push(toRef(member));
  }
  return out;
}

export async function removeUnitMembers(prisma: PrismaClient, unitId: number, members: MemberInput[]): Promise<number> {
  let removed = 0;
  for (const m of members) {
    const member = await prisma.member.findUnique({
      where: { platform_platformUserId: { platform: m.platform, platformUserId: m.platformUserId } },
    });
    if (!member) continue;
    removed += (await prisma.unitMember.deleteMany({ where: { unitId, memberId: member.id } })).count;
  }
  return removed;
}

export async function unitMembers(prisma: PrismaClient, unitId: number): Promise<MemberRef[]> {
  const rows = await prisma.unitMember.findMany({ where: { unitId }, include: { member: true }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => toRef(r.member));
}

/** The units (of one plan) a platform user is mapped to. */
export async function memberUnits(prisma: PrismaClient, planId: number, platform: string, userId: string): Promise<UnitRef[]> {
  const rows = await prisma.unitMember.findMany({
    where: { unit: { planId }, member: { platform, platformUserId: userId } },
    include: { unit: { include: { aliases: true } } },
  });
  return rows.map((r) => ({ id: r.unit.id, name: r.unit.name, aliases: r.unit.aliases.map((a) => a.alias) }));
}

export async function isPlanAdmin(prisma: PrismaClient, planId: number, platform: string, userId: string): Promise<boolean> {
  const row = await prisma.planAdmin.findUnique({
    where: { planId_platform_platformUserId: { planId, platform, platformUserId: userId } },
  });
  return row !== null;
}

export async function addPlanAdmin(prisma: PrismaClient, planId: number, platform: string, userId: string): Promise<void> {
  await prisma.planAdmin.upsert({
    where: { planId_platform_platformUserId: { planId, platform, platformUserId: userId } },
    create: { planId, platform, platformUserId: userId },
    update: {},
  });
}
