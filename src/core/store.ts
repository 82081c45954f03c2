import type { Locale } from "./i18n/index.ts";
import type { SuggestKind } from "./command.ts";
import type { ChannelState, PlanSummary, TaskDetail } from "./model.ts";

export interface Suggestion {
  /** What the option receives (`7`, a target name, a unit name, a plan slug). */
  value: string;
  /** What the user sees (`7 加快中国(深圳)知识产权保护中心建设`). */
  label: string;
}

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

  /** Autocomplete: matches for what the user has typed so far (empty query: the first ones). */
  suggest(kind: SuggestKind, planId: number | null, query: string, limit: number): Promise<Suggestion[]>;

  /** Records an inbound platform event id; false when it was seen before (a retry or redelivery). */
  claimEvent(platform: string, eventId: string): Promise<boolean>;
}
