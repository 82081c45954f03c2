import type { PrismaClient } from "../generated/prisma/client.ts";
import type { DriverSql } from "./channels.ts";
import type { PlanSummary } from "../core/model.ts";
import { toSimplified } from "../core/text/script.ts";

const planSelect = {
  id: true,
  slug: true,
  title: true,
  issuer: true,
  issuedOn: true,
  periodStart: true,
  periodEnd: true,
  _count: { select: { tasks: { where: { removedAt: null } }, targets: { where: { removedAt: null } } } },
} as const;

type PlanRow = {
  id: number;
  slug: string;
  title: string;
  issuer: string | null;
  issuedOn: Date | null;
  periodStart: number | null;
  periodEnd: number | null;
  _count: { tasks: number; targets: number };
};

function toSummary(p: PlanRow): PlanSummary {
  return {
    id: p.id,
    slug: p.slug,
    title: p.title,
    issuer: p.issuer,
    issuedOn: p.issuedOn ? p.issuedOn.toISOString().slice(0, 10) : null,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    taskCount: p._count.tasks,
    targetCount: p._count.targets,
  };
}

export async function listPlans(prisma: PrismaClient): Promise<PlanSummary[]> {
  const rows = await prisma.plan.findMany({ select: planSelect, orderBy: { id: "asc" } });
  return rows.map(toSummary);
}

export async function getPlan(prisma: PrismaClient, id: number): Promise<PlanSummary | null> {
  const row = await prisma.plan.findUnique({ where: { id }, select: planSelect });
  return row ? toSummary(row) : null;
}

/** Exact slug wins; otherwise every plan whose slug or title contains the query (script-insensitive). */
export async function findPlans(prisma: PrismaClient, query: string): Promise<PlanSummary[]> {
  const q = query.trim();
  if (!q) return [];
  const plans = await listPlans(prisma);
  const exact = plans.filter((p) => p.slug === q.toLowerCase());
  if (exact.length) return exact;
  const needle = toSimplified(q).toLowerCase().replace(/\s+/g, "");
  return plans.filter(
    (p) => p.slug.includes(needle) || toSimplified(p.title).toLowerCase().replace(/\s+/g, "").includes(needle),
  );
}

/** Whether the store holds any plan (the start-up check before the seed import; on the driver, see DriverSql). */
export async function hasPlans(sql: DriverSql): Promise<boolean> {
  return (await sql.query(`SELECT 1 FROM "Plan" LIMIT 1`)).length > 0;
}
