import type { Locale } from "./i18n/index.ts";
import type { ChannelState, PlanSummary, TaskDetail } from "./model.ts";

/**
 * What commands need from persistence. Implemented over Prisma in src/store; core never
 * sees the Prisma client.
 */
export interface Store {
  listPlans(): Promise<PlanSummary[]>;
  getPlan(id: number): Promise<PlanSummary | null>;
  /** Exact slug first, then title fragments (Simplified/Traditional-insensitive). */
  findPlans(query: string): Promise<PlanSummary[]>;

  getChannel(platform: string, channelId: string): Promise<ChannelState>;
  updateChannel(platform: string, channelId: string, patch: Partial<ChannelState>): Promise<ChannelState>;
  getUserLocale(platform: string, userId: string): Promise<Locale | null>;

  getTask(planId: number, number: string): Promise<TaskDetail | null>;
  listTaskNumbers(planId: number): Promise<string[]>;

  /** Records an inbound platform event id; false when it was seen before (a retry or redelivery). */
  claimEvent(platform: string, eventId: string): Promise<boolean>;
}
