import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { UnitRef } from "../core/model.ts";
import { groupMembersFromNames } from "../core/unit-groups.ts";
import { toSimplified } from "../core/text/script.ts";

type Db = PrismaClient | Prisma.TransactionClient;

const toRef = (u: { id: number; name: string; aliases: { alias: string }[] }): UnitRef => ({
  id: u.id,
  name: u.name,
  aliases: u.aliases.map((a) => a.alias),
});

/** The group units (`各县、区人民政府`) that stand for any of these units. */
export async function groupsOf(prisma: PrismaClient, planId: number, unitIds: readonly number[]): Promise<UnitRef[]> {
  if (!unitIds.length) return [];
  const rows = await prisma.unitGroupMember.findMany({
    where: { memberId: { in: [...unitIds] }, group: { planId } },
    include: { group: { include: { aliases: true } } },
    orderBy: { groupId: "asc" },
  });
  const seen = new Map<number, UnitRef>();
  for (const r of rows) seen.set(r.group.id, toRef(r.group));
  return [...seen.values()];
}

/** The units a group stands for, with how each was set. */
export async function groupMembers(prisma: PrismaClient, groupId: number): Promise<(UnitRef & { source: string })[]> {
  const rows = await prisma.unitGroupMember.findMany({
    where: { groupId },
    include: { member: { include: { aliases: true } } },
    orderBy: [{ createdAt: "asc" }, { memberId: "asc" }],
  });
  return rows.map((r) => ({ ...toRef(r.member), source: r.source }));
}

/**
 * Sets a group's members by name (replacing what was there). A name that is no unit of the plan
 * yet becomes one, so `/tasks 福田区政府` and `/owner 福田区政府 @…` find it.
 */
export async function setUnitGroup(
  prisma: PrismaClient,
  planId: number,
  groupId: number,
  names: readonly string[],
): Promise<{ members: UnitRef[]; created: string[] }> {
  return prisma.$transaction(async (tx) => {
    const units = await tx.unit.findMany({ where: { planId }, include: { aliases: true } });
    const key = (s: string) => toSimplified(s).replace(/\s+/g, "");
    const created: string[] = [];
    const members: UnitRef[] = [];
    for (const name of names) {
      let unit = units.find((u) => key(u.name) === key(name)) ?? units.find((u) => u.aliases.some((a) => key(a.alias) === key(name)));
      if (!unit) {
        unit = { ...(await tx.unit.create({ data: { planId, name } })), aliases: [] };
        units.push(unit);
        created.push(name);
      }
      if (unit.id !== groupId && !members.some((m) => m.id === unit.id)) members.push(toRef(unit));
    }
    await tx.unitGroupMember.deleteMany({ where: { groupId } });
    await tx.unitGroupMember.createMany({ data: members.map((m) => ({ groupId, memberId: m.id, source: "admin" })) });
    return { members, created };
  });
}

/**
 * After an import: each geographic group of the plan (`各县、区人民政府`) stands for the county and
 * district governments the plan itself names (`怀远县政府`, `龙子湖区政府`), unless an admin set
 * its members with /unit group. Adds, never removes. Given all the plan's units and the group
 * links they have (the plan writer read them), it reads nothing.
 */
export async function linkPlanGroups(
  tx: Db,
  units: { id: number; name: string }[],
  existing: { groupId: number; memberId: number; source: string }[],
): Promise<void> {
  const names = units.map((u) => u.name);
  const groups = units.map((group) => ({ group, found: new Set(groupMembersFromNames(group.name, names)) })).filter((g) => g.found.size);
  const add = groups.flatMap(({ group, found }) => {
    const links = existing.filter((e) => e.groupId === group.id);
    if (links.some((e) => e.source === "admin")) return [];
    const have = new Set(links.map((e) => e.memberId));
    return units.filter((u) => found.has(u.name) && !have.has(u.id)).map((u) => ({ groupId: group.id, memberId: u.id, source: "plan" }));
  });
  if (add.length) await tx.unitGroupMember.createMany({ data: add, skipDuplicates: true });
}
