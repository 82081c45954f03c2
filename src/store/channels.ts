import type { PrismaClient } from "../generated/prisma/client.ts";
import { isLocale, type Locale } from "../core/i18n/index.ts";
import type { ChannelState } from "../core/model.ts";
import type { SqlRunner } from "./database.ts";

/**
 * What every message reads or writes before its answer (its channel, its sender's language, the
 * event ledger) runs as SQL on the driver, not through Prisma: the bot's first answer after a start
 * does not wait for Prisma's query compiler to load, and each message skips its query planning.
 */
export type DriverSql = Pick<SqlRunner, "query">;

const EMPTY: ChannelState = { planId: null, locale: null, timezone: null, open: false };

function toState(row: { planId: number | null; locale: string | null; timezone: string | null; open: boolean }): ChannelState {
  return {
    planId: row.planId,
    locale: row.locale && isLocale(row.locale) ? row.locale : null,
    timezone: row.timezone,
    open: row.open,
  };
}

type ChannelRow = { planId: number | null; locale: string | null; timezone: string | null; open: boolean };

export async function getChannel(sql: DriverSql, platform: string, channelId: string): Promise<ChannelState> {
  const [row] = await sql.query<ChannelRow>(`SELECT "planId", locale, timezone, open FROM "ChannelSetting" WHERE platform = $1 AND "channelId" = $2`, [platform, channelId]);
  return row ? toState(row) : { ...EMPTY };
}

/**
 * Opening a channel is per (channel, plan): a change of the channel's plan ends it (unless the
 * same patch says otherwise), in one statement so no concurrent /plan open survives the change.
 */
export async function updateChannel(
  prisma: PrismaClient,
  platform: string,
  channelId: string,
  patch: Partial<ChannelState>,
): Promise<ChannelState> {
  const { planId, ...rest } = patch;
  if (planId !== undefined && patch.open === undefined) {
    const [row] = await prisma.$queryRaw<ChannelRow[]>`
      INSERT INTO "ChannelSetting" (platform, "channelId", "planId", "updatedAt") VALUES (${platform}, ${channelId}, ${planId}, now())
      ON CONFLICT (platform, "channelId") DO UPDATE SET
        open = "ChannelSetting".open AND "ChannelSetting"."planId" IS NOT DISTINCT FROM EXCLUDED."planId",
        "planId" = EXCLUDED."planId",
        "updatedAt" = now()
      RETURNING "planId", locale, timezone, open`;
    if (!Object.keys(rest).length) return toState(row!);
    patch = rest;
  }
  const row = await prisma.channelSetting.upsert({
    where: { platform_channelId: { platform, channelId } },
    create: { platform, channelId, ...patch },
    update: patch,
  });
  return toState(row);
}

/** Opens or closes the channel for `planId`; false when the channel is no longer bound to that plan. */
export async function setChannelOpen(prisma: PrismaClient, platform: string, channelId: string, planId: number, open: boolean): Promise<boolean> {
  const { count } = await prisma.channelSetting.updateMany({ where: { platform, channelId, planId }, data: { open } });
  return count === 1;
}

export async function getUserLocale(sql: DriverSql, platform: string, userId: string): Promise<Locale | null> {
  const [row] = await sql.query<{ locale: string | null }>(`SELECT locale FROM "Member" WHERE platform = $1 AND "platformUserId" = $2`, [platform, userId]);
  return row?.locale && isLocale(row.locale) ? row.locale : null;
}

/** Platforms stop redelivering within minutes to an hour; a week of ledger is ample. */
export const EVENT_LEDGER_DAYS = 7;

/** Drops ledger rows older than `before`, except events still to handle (resume expires them, logged); returns how many. */
export async function pruneEvents(sql: DriverSql, before: Date): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `WITH gone AS (DELETE FROM "ProcessedEvent" WHERE "receivedAt" < $1 AND status <> 'received' RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [before],
  );
  return row?.n ?? 0;
}

/** Records an inbound event id; false when it was already recorded. */
export async function claimEvent(prisma: PrismaClient, platform: string, eventId: string): Promise<boolean> {
  const result = await prisma.$executeRaw`
    INSERT INTO "ProcessedEvent" (platform, "eventId") VALUES (${platform}, ${eventId})
    ON CONFLICT DO NOTHING`;
  return result === 1;
}
