import type { MemberRef } from "./model.ts";
import type { MemberInput } from "./store.ts";

export type ScheduleKind = "digest" | "remind";

export interface ScheduleRecord {
  id: number;
  platform: string;
  channelId: string;
  planId: number;
  kind: ScheduleKind;
  cron: string;
  timezone: string;
  workdaysOnly: boolean;
  enabled: boolean;
  locale: string | null;
  createdBy: string | null;
  /** Occurrences before this instant are never sent. */
  activeFrom: Date;
}

/** What a /digest or /remind schedule command saves; the store sets id, enabled and activeFrom. */
export type ScheduleInput = Omit<ScheduleRecord, "id" | "enabled" | "activeFrom">;

/** running: claimed under a lease · retry: waiting for nextAttemptAt · the rest are final. */
export type RunStatus = "running" | "retry" | "sent" | "partial" | "failed" | "uncertain" | "missed";
export const FINAL_RUN_STATUSES: readonly RunStatus[] = ["sent", "partial", "failed", "uncertain", "missed"];

export interface RunRecord {
  id: number;
  scheduleId: number;
  periodKey: string;
  dueAt: Date;
  coversFrom: Date | null;
  expiresAt: Date | null;
  status: RunStatus;
  claimedBy: string;
  claimedAt: Date;
  leaseUntil: Date | null;
  nextAttemptAt: Date | null;
  attempts: number;
  sentAt: Date | null;
  messageRef: string | null;
  error: string | null;
}

/** pending → posting → sent | failed | uncertain (posting interrupted and not verifiable) | retry. */
export type DeliveryStatus = "pending" | "posting" | "sent" | "failed" | "uncertain" | "retry";

export interface DeliveryRecord {
  id: number;
  runId: number;
  recipient: string;
  status: DeliveryStatus;
  attempts: number;
  messageRef: string | null;
  error: string | null;
}

export interface RunClaim {
  scheduleId: number;
  periodKey: string;
  dueAt: Date;
  coversFrom: Date;
  expiresAt: Date;
}

/** A member mapped to a unit of a plan, with what reminders need. */
export interface PlanMember {
  unitId: number;
  member: MemberRef;
  locale: string | null;
  remindPausedUntil: Date | null;
}

/** Persistence for schedules, runs and deliveries (implemented in src/store/schedules.ts). */
export interface ScheduleStore {
  getSchedule(platform: string, channelId: string, kind: ScheduleKind): Promise<ScheduleRecord | null>;
  getScheduleById(id: number): Promise<ScheduleRecord | null>;
  listSchedules(): Promise<ScheduleRecord[]>;
  /** Creates or replaces the channel's schedule of that kind, enabled, active from `now`. */
  saveSchedule(input: ScheduleInput, now: Date): Promise<ScheduleRecord>;
  /** False when there was no enabled schedule. */
  disableSchedule(platform: string, channelId: string, kind: ScheduleKind, now: Date): Promise<boolean>;

  /**
   * Atomically claims the run of a period: inserts it, or takes it over when its lease expired
   * (or its retry is due). Null when another claimer holds it or it is final.
   */
  claimRun(claim: RunClaim, claimer: string, now: Date, leaseMs: number): Promise<RunRecord | null>;
  /** Extends the lease; false when the claimer lost it. */
  renewLease(runId: number, claimer: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Ends the claimer's hold with a status; false when it no longer holds the run. */
  finishRun(runId: number, claimer: string, patch: { status: RunStatus; messageRef?: string | null; error?: string | null; sentAt?: Date | null; nextAttemptAt?: Date | null }): Promise<boolean>;
  /** Records a period nobody ran; false when a run row exists already. */
  recordMissed(claim: RunClaim, claimer: string, now: Date, reason: string): Promise<boolean>;
  /** Marks unfinished runs whose period is over (and whose lease expired) as missed; returns them. */
  expireRuns(now: Date): Promise<RunRecord[]>;
  getRun(scheduleId: number, periodKey: string): Promise<RunRecord | null>;
  listRuns(scheduleId: number, limit: number): Promise<RunRecord[]>;

  ensureDelivery(runId: number, recipient: string): Promise<DeliveryRecord>;
  listDeliveries(runId: number): Promise<DeliveryRecord[]>;
  /** pending/retry → posting (attempts + 1), atomically; false when someone else moved it. */
  startPosting(deliveryId: number, now: Date): Promise<boolean>;
  finishDelivery(deliveryId: number, patch: { status: DeliveryStatus; messageRef?: string | null; error?: string | null }, now: Date): Promise<void>;

  planMembers(planId: number): Promise<PlanMember[]>;
  /** The newest non-retracted progress row per task of the plan. */
  taskActivity(planId: number): Promise<Map<number, Date>>;
  /** Pauses (or with null resumes) a member's reminders. */
  setRemindPause(member: MemberInput, until: Date | null): Promise<void>;
  getRemindPause(platform: string, userId: string): Promise<Date | null>;
}
