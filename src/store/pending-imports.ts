import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { StagedImport } from "../core/store.ts";
import type { ImportedPlan } from "../importer/types.ts";

/** Expired previews stay this long so a late Confirm is told "expired", not "unknown". */
const KEEP_EXPIRED_MS = 7 * 86_400_000;

export async function stageImport(prisma: PrismaClient, entry: StagedImport, now: Date): Promise<void> {
  await prisma.pendingImport.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - KEEP_EXPIRED_MS) } } });
  await prisma.pendingImport.create({
    data: {
      id: entry.id,
      platform: entry.platform,
      userId: entry.userId,
      sourceName: entry.source.name,
      sourceHash: entry.source.hash,
      plans: entry.plans as unknown as Prisma.InputJsonValue,
      createdAt: entry.createdAt,
      expiresAt: entry.expiresAt,
    },
  });
}

export async function getStagedImport(prisma: PrismaClient, id: string): Promise<StagedImport | null> {
  const row = await prisma.pendingImport.findUnique({ where: { id } });
  if (!row) return null;
  return {
    id: row.id,
    platform: row.platform,
    userId: row.userId,
    source: { name: row.sourceName, hash: row.sourceHash },
    plans: row.plans as unknown as ImportedPlan[],
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}

export async function dropStagedImport(prisma: PrismaClient, id: string): Promise<boolean> {
  const { count } = await prisma.pendingImport.deleteMany({ where: { id } });
  return count === 1;
}
