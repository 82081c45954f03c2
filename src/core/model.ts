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
  /** Set when a revised plan no longer lists the task: kept with its history, read-only. */
  removedAt: Date | null;
}

export interface ChannelState {
  planId: number | null;
  locale: Locale | null;
  timezone: string | null;
  open: boolean;
}

export type TaskStatus = "not_started" | "in_progress" | "blocked" | "done";
export const TASK_STATUSES: readonly TaskStatus[] = ["not_started", "in_progress", "blocked", "done"];

/** One row of the append-only progress trail. */
export interface UpdateView {
  id: number;
  planId: number;
  kind: "progress" | "retraction";
  taskId: number | null;
  taskNumber: string | null;
  targetId: number | null;
  targetName: string | null;
  status: TaskStatus | null;
  percent: number | null;
  value: number | null;
  note: string | null;
  member: MemberRef | null;
  createdAt: Date;
  /** For a retraction: the row it retracts. */
  retractsId: number | null;
  /** For a progress row: a later retraction undid it. */
  retracted: boolean;
  /** Rows read from one message share a batch (Undo takes back the whole batch). */
  batch?: string | null;
  sourceMessageId?: string | null;
  /** "" for a first reading; an edit's revision; `edit:…` / `delete` on retractions. */
  sourceRevision?: string;
}

/** A task's current state, from its newest progress row that was not retracted. */
export interface TaskProgress {
  status: TaskStatus;
  /** Last reported percent (kept while blocked); 100 when done; null when never reported. */
  percent: number | null;
  latest: UpdateView | null;
}

/** What the task card shows. */
export interface TaskCard {
  task: TaskDetail;
  progress: TaskProgress;
  /** Targets linked to the task, with their latest values. */
  targets: TargetView[];
}

/** Compact task line for lists and digests. */
export interface TaskRow {
  id: number;
  number: string;
  title: string;
  section: string | null;
  required: boolean | null;
  units: { unitId: number; name: string; role: UnitRole }[];
  deadlines: DeadlineRef[];
  progress: TaskProgress;
}

export interface TargetView {
  id: number;
  name: string;
  unit: string;
  comparator: string;
  kind: string;
  baseline: { year: number; value: number } | null;
  milestones: { year: number; value: number; valueMax: number | null }[];
  taskNumber: string | null;
  /** Newest reported value that was not retracted. */
  latest: { value: number; at: Date; member: MemberRef | null; updateId: number } | null;
}

/** A target as free text names it: what reading and recording an update need, no values. */
export type TargetRef = Pick<TargetView, "id" | "name" | "unit" | "taskNumber">;

/** The words free text is read against: a plan's live task numbers (document order) and targets. */
export interface PlanVocabulary {
  taskNumbers: string[];
  targets: TargetRef[];
}

export interface NewUpdate {
  planId: number;
  taskId?: number;
  targetId?: number;
  member: { platform: string; platformUserId: string; displayName: string };
  status?: TaskStatus;
  percent?: number;
  value?: number;
  note?: string | null;
  sourcePlatform: string;
  /** Platform message/interaction id: the same id is stored once. */
  sourceMessageId?: string;
  /** An edited message is read again under a new revision ("" for the first reading). */
  sourceRevision?: string;
  channelId?: string;
  /** When it happened (the injected clock); the database default otherwise. */
  createdAt?: Date;
}

/** What autocomplete can suggest. */
export type SuggestKind = "task" | "target" | "unit" | "plan";
