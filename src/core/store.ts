import type { ImportedPlan } from "./imported-plan.ts";
import type { IncomingMessage } from "./context.ts";
import type { Locale } from "./i18n/index.ts";
import type {
  ChannelState,
  SuggestKind,
  DeadlineRef,
  MemberRef,
  NewUpdate,
  PlanSummary,
  PlanVocabulary,
  TargetView,
  TaskDetail,
  TaskCard,
  TaskRow,
  UnitRef,
  UpdateView,
} from "./model.ts";

export interface PlanSaveResult {
  planId: number;
  slug: string;
  status: "created" | "updated" | "unchanged";
  changes: string[];
}

export interface MemberInput {
  platform: string;
  platformUserId: string;
  displayName: string;
}

export interface RetractionSource {
  platform: string;
  messageId?: string;
  /** Tells apart retractions written for one platform message (`edit:…`, `delete`). */
  revision?: string;
  channelId?: string;
  at?: Date;
}

export interface QuestionKey {
  platform: string;
  channelId: string;
  userId: string;
}

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
/** A plan file shown to an admin for confirmation (nothing of it written yet). */
export interface StagedImport {
  id: string;
  /** Who may confirm or cancel it. */
  platform: string;
  userId: string;
  source: { name: string; hash: string };
  plans: ImportedPlan[];
  createdAt: Date;
  expiresAt: Date;
}

export interface Store {
  listPlans(): Promise<PlanSummary[]>;
  getPlan(id: number): Promise<PlanSummary | null>;
  /** Exact slug first, then title fragments (Simplified/Traditional-insensitive). */
  findPlans(query: string): Promise<PlanSummary[]>;

  getChannel(platform: string, channelId: string): Promise<ChannelState>;
  /** A change of `planId` closes an open channel (opening is per channel and plan) unless `open` is in the patch. */
  updateChannel(platform: string, channelId: string, patch: Partial<ChannelState>): Promise<ChannelState>;
  /** Opens/closes the channel for this plan; false when the channel is not (or no longer) bound to it. */
  setChannelOpen(platform: string, channelId: string, planId: number, open: boolean): Promise<boolean>;
  getUserLocale(platform: string, userId: string): Promise<Locale | null>;

  getTask(planId: number, number: string): Promise<TaskDetail | null>;
  listTaskNumbers(planId: number): Promise<string[]>;
  /**
   * Task numbers and targets for reading free text, kept for seconds (a plan changed meanwhile
   * may not be seen); `fresh` reads them now.
   */
  planVocabulary(planId: number, options?: { fresh?: boolean }): Promise<PlanVocabulary>;

  listTaskRows(planId: number): Promise<TaskRow[]>;
  /** A plan's targets (or only those linked to one task) with their latest reported values. */
  listTargets(planId: number, filter?: { taskId?: number }): Promise<TargetView[]>;
  /** The task with its progress and linked targets (one query when it has neither). */
  getTaskCard(planId: number, number: string): Promise<TaskCard | null>;
  /** Deadlines written outside any task (`每年12月15日前报送…`). */
  listPlanDeadlines(planId: number): Promise<DeadlineRef[]>;

  /** Durable before it returns; the same (platform, message id) is stored once. */
  recordUpdate(update: NewUpdate): Promise<{ update: UpdateView; duplicate: boolean }>;
  /** Several updates read from one message: stored together as one batch (all or none). */
  recordUpdates(updates: NewUpdate[]): Promise<{ updates: UpdateView[]; duplicate: boolean }>;
  /** Retracts every standing row of the update's batch; empty when nothing was left. */
  retractBatch(updateId: number, by: MemberInput, source: RetractionSource): Promise<UpdateView[]>;
  /** Retracts exactly these rows, all or none (a message edited or deleted). */
  retractUpdates(updates: UpdateView[], by: MemberInput, source: RetractionSource): Promise<UpdateView[]>;
  /**
   * Whether an edit or a deletion of this platform message was already read (a row, progress or
   * retraction, carries a revision): its first reading, delivered late, must not record.
   */
  messageRevised(platform: string, messageId: string): Promise<boolean>;
  /**
   * Remembers that an edit or a deletion of this platform message was read although it recorded
   * and retracted nothing (it may have arrived before the message itself): {@link Store.messageRevised}
   * answers true for it from then on.
   */
  noteMessageRevised(platform: string, messageId: string): Promise<void>;
  /** Rows recorded from a platform message, any revision, not retracted. */
  standingFromMessage(platform: string, messageId: string): Promise<UpdateView[]>;
  /** Appends a retraction; null when already retracted or not a progress row. */
  retractUpdate(updateId: number, by: MemberInput, source: { platform: string; messageId?: string; channelId?: string; at?: Date }): Promise<UpdateView | null>;
  getUpdate(id: number): Promise<UpdateView | null>;
  lastUndoable(platform: string, userId: string, since: Date): Promise<UpdateView | null>;
  listHistory(where: { taskId: number } | { targetId: number }, limit: number): Promise<UpdateView[]>;
  /** Every row of a plan created in [since, until), oldest first. */
  listUpdates(planId: number, since: Date, until: Date): Promise<UpdateView[]>;

  /** What importing a plan would do (created / updated with its changes / unchanged); writes nothing. */
  previewPlan(plan: ImportedPlan, source: { name: string; hash: string }): Promise<PlanSaveResult>;
  /** Imports a plan (a revised one updates in place, never deleting history). */
  savePlan(plan: ImportedPlan, source: { name: string; hash: string }): Promise<PlanSaveResult>;

  /**
   * Keeps a previewed import until Confirm or Cancel (durable: a restart loses nothing). Rows
   * long past their expiry are removed here.
   */
  stageImport(entry: StagedImport, now: Date): Promise<void>;
  /** A staged import, expired or not; null when unknown (confirmed, cancelled or purged). */
  getStagedImport(id: string): Promise<StagedImport | null>;
  /** Removes a staged import; false when it was already gone (a second click raced this one). */
  dropStagedImport(id: string): Promise<boolean>;

  findUnits(planId: number, query: string): Promise<UnitRef[]>;
  addUnitMembers(unitId: number, members: MemberInput[]): Promise<MemberRef[]>;
  removeUnitMembers(unitId: number, members: MemberInput[]): Promise<number>;
  unitMembers(unitId: number): Promise<MemberRef[]>;
  memberUnits(planId: number, platform: string, userId: string): Promise<UnitRef[]>;
  /** Group units (`各县、区人民政府`) standing for any of these units. */
  groupsOf(planId: number, unitIds: readonly number[]): Promise<UnitRef[]>;
  /** The units a group stands for; `source` is "plan" (read from the plan) or "admin". */
  groupMembers(groupId: number): Promise<(UnitRef & { source: string })[]>;
  /** Replaces a group's members by name; names that are no unit yet become units (`created`). */
  setUnitGroup(planId: number, groupId: number, names: readonly string[]): Promise<{ members: UnitRef[]; created: string[] }>;
  setUserLocale(member: MemberInput, locale: Locale | null): Promise<void>;
  isPlanAdmin(planId: number, platform: string, userId: string): Promise<boolean>;
  addPlanAdmin(planId: number, platform: string, userId: string): Promise<void>;

  askQuestion(key: QuestionKey, payload: unknown, expiresAt: Date): Promise<void>;
  openQuestion(key: QuestionKey, now: Date): Promise<{ id: number; payload: unknown } | null>;
  closeQuestion(id: number, now: Date): Promise<boolean>;

  /** Autocomplete: matches for what the user has typed so far (empty query: the first ones). */
  suggest(kind: SuggestKind, planId: number | null, query: string, limit: number): Promise<Suggestion[]>;

  /** Records an inbound platform event id; false when it was seen before (a retry or redelivery). */
  claimEvent(platform: string, eventId: string): Promise<boolean>;

  /**
   * The inbox. Stores an inbound event as received (durable before it returns), leased to this
   * instance until `leaseUntil`; false when its event id was recorded before (a redelivery).
   */
  receiveEvent(entry: InboxEntry, leaseUntil: Date): Promise<boolean>;
  /** The event was handled: it leaves the inbox. */
  finishEvent(platform: string, eventId: string, at: Date): Promise<void>;
  /**
   * Received events of a platform not handled yet whose lease ran out, received at or after
   * `since`, oldest first; they are leased to the caller until `leaseUntil` (no other instance
   * takes them meanwhile).
   */
  takeUnfinishedEvents(platform: string, since: Date, now: Date, leaseUntil: Date, limit: number): Promise<InboxEntry[]>;
  /** Received events older than `before`, never handled: marked expired and returned (for the log). */
  expireEvents(platform: string, before: Date): Promise<{ eventId: string; receivedAt: Date }[]>;
}

/** One inbound event in the inbox: what is needed to handle it and answer it later. */
export interface InboxEntry {
  platform: string;
  eventId: string;
  receivedAt: Date;
  /** The neutral message (without `raw`). */
  message: IncomingMessage;
  /** A resumed answer goes into this thread of the channel (the platform's thread id), where there is one. */
  thread?: string;
}
