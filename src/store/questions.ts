import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

/**
 * A question the bot asked back about an ambiguous update. Nothing is stored until the same
 * user answers in the same channel; the newest open question wins.
 */
export async function askQuestion(
  prisma: PrismaClient,
  key: { platform: string; channelId: string; userId: string },
  payload: unknown,
  expiresAt: Date,
): Promise<void> {
  await prisma.pendingQuestion.create({ data: { ...key, payload: payload as Prisma.InputJsonValue, expiresAt } });
}

/** The open question for this user here, if any (not consumed). */
export async function openQuestion(
  prisma: PrismaClient,
  key: { platform: string; channelId: string; userId: string },
  now: Date,
): Promise<{ id: number; payload: unknown } | null> {
  const row = await prisma.pendingQuestion.findFirst({
    where: { ...key, resolvedAt: null, expiresAt: { gt: now } },
    orderBy: { id: "desc" },
  });
  return row ? { id: row.id, payload: row.payload } : null;
}

/** Marks a question answered (or abandoned); false if it was already closed. */
export async function closeQuestion(prisma: PrismaClient, id: number, now: Date): Promise<boolean> {
  const { count } = await prisma.pendingQuestion.updateMany({ where: { id, resolvedAt: null }, data: { resolvedAt: now } });
  return count === 1;
}
