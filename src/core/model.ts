/** Platform-neutral views of stored data, as the store hands them to commands. */
import type { Locale } from "./i18n/index.ts";

export type UnitRole = "lead" | "responsible" | "support" | "department" | "executor";
export const UNIT_ROLES: readonly UnitRole[] = ["lead", "responsible", "support", "department", "executor"];

export interface PlanSummary {
  id: number;
  slug: string;
  title: string;
  issuer: string | null;
  issuedOn: string | null;
  periodStart: number | null;
  periodEnd: number | null;
  taskCount: number;
  targetCount: number;
}

export interface MemberRef {
  id: number;
  platform: string;
  platformUserId: string;
  displayName: string;
}

export interface UnitRef {
  id: number;
  name: string;
  aliases: string[];
}

export interface TaskUnitRef {
  unit: UnitRef;
  role: UnitRole;
  members: MemberRef[];
}

export interface DeadlineRef {
  text: string;
  date: string | null;
  recurrence: string | null;
}

export interface TaskDetail {
  id: number;
  planId: number;
  number: string;
  title: string;
  text: string;
  section: string | null;
  required: boolean | null;
  requirementNote: string | null;
  units: TaskUnitRef[];
  deadlines: DeadlineRef[];
}

export interface ChannelState {
  planId: number | null;
  locale: Locale | null;
  timezone: string | null;
  open: boolean;
}
