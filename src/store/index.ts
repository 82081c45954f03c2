import { UnavailableError } from "../core/errors.ts";
import type { TaskDetail } from "../core/model.ts";
import type { Store } from "../core/store.ts";
import { isOutcomeUnknown, isUnavailable } from "./errors.ts";
import { withTimeout } from "./timeouts.ts";
import { createReadCache } from "./read-cache.ts";
import { claimEvent, EVENT_LEDGER_DAYS, getChannel, getUserLocale, pruneEvents, setChannelOpen, updateChannel } from "./channels.ts";
import type { Database } from "./database.ts";
import { findPlans, getPlan, listPlans } from "./plans.ts";
import { previewPlan, savePlan } from "./plan-writer.ts";
import { suggest } from "./suggest.ts";
import { getTaskCard, getTasks, listPlanDeadlines, listTaskNumbers, listTaskRows, planVocabulary, type TaskKey } from "./tasks.ts";
import { createBatcher } from "./batcher.ts";
import * as members from "./members.ts";
import * as batches from "./batches.ts";
import * as progress from "./progress.ts";
import { recordUpdate, recordUpdates } from "./record-updates.ts";
import * as questions from "./questions.ts";
import * as groups from "./unit-groups.ts";
import * as pending from "./pending-imports.ts";
import * as inbox from "./inbox.ts";

export { openDatabase, type Database, type DatabaseOptions } from "./database.ts";
export { migrate } from "./migrate.ts";
export { hasPlans } from "./plans.ts";

/**
 * The core's Store over one Prisma client. Every method turns "the store is unreachable" into
 * the core's UnavailableError, so users read "temporarily unavailable", never a driver message
 * (and, when a write was sent but its confirmation lost, that it may have been written).
 * Every method answers within the connect and transaction bounds together (a backstop: the
 * driver's own bounds normally answer first); plan imports keep their own bound.
 */
export function createStore(db: Database): Store {
  return guardAvailability(buildStore(db), db.timeouts.connectMs + db.timeouts.transactionMs);
}

/** Plan writes are bounded by their own transaction options (src/store/plan-writer.ts). */
const OWN_BOUND = new Set<string>(["savePlan", "previewPlan"]);

function guardAvailability(store: Store, boundMs: number): Store {
  const guarded = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(store) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    guarded[name] = async (...args: unknown[]) => {
      try {
        return await (OWN_BOUND.has(name) ? fn(...args) : withTimeout(fn(...args), boundMs, name));
      } catch (err) {
        if (isOutcomeUnknown(err)) throw new UnavailableError(err, "error.unavailableMaybeWritten");
        throw isUnavailable(err) ? new UnavailableError(err) : err;
      }
    };
  }
  return guarded as unknown as Store;
}

/** How long another instance's change to settings or plans may take to be seen here. */
const READ_CACHE_MS = 5_000;

function buildStore(db: Database): Store {
  const p = db.prisma;
  const cache = createReadCache(READ_CACHE_MS);
  const inboxWrites = inbox.createInboxWrites(db.sql);
  // Reads every update makes, grouped while the store is busy (one statement per wave, not per message).
  const getTask = createBatcher<TaskKey, TaskDetail | null>((keys) => getTasks(p, keys));
  const messageRevised = createBatcher((keys: { platform: string; messageId: string }[]) => batches.messagesRevised(p, keys));
  let lastPrune = 0;
  /** The inbound ledger would grow with every chat message: prune it at most once an hour. */
  async function pruneLedger(now = Date.now()): Promise<void> {
    if (Math.abs(now - lastPrune) <= 3_600_000) return;
    lastPrune = now;
    await pruneEvents(db.sql, new Date(now - EVENT_LEDGER_DAYS * 86_400_000));
  }
  return {
    listPlans: () => listPlans(p),
    getPlan: (id) => cache.get(`plan:${id}`, () => getPlan(p, id)),
    findPlans: (q) => findPlans(p, q),
    getChannel: (platform, channelId) => cache.get(`channel:${platform}:${channelId}`, () => getChannel(db.sql, platform, channelId)),
    async updateChannel(platform, channelId, patch) {
      try {
        return await updateChannel(p, platform, channelId, patch);
      } finally {
        cache.invalidate(`channel:${platform}:${channelId}`);
      }
    },
    async setChannelOpen(platform, channelId, planId, open) {
      try {
        return await setChannelOpen(p, platform, channelId, planId, open);
      } finally {
        cache.invalidate(`channel:${platform}:${channelId}`);
      }
    },
    getUserLocale: (platform, userId) => cache.get(`locale:${platform}:${userId}`, () => getUserLocale(db.sql, platform, userId)),
    getTask: (planId, number) => getTask({ planId, number }),
    listTaskNumbers: (planId) => listTaskNumbers(p, planId),
    planVocabulary(planId, options) {
      if (options?.fresh) cache.invalidate(`vocabulary:${planId}`);
      return cache.get(`vocabulary:${planId}`, () => planVocabulary(p, planId));
    },
    listTaskRows: (planId) => listTaskRows(p, planId),
    listTargets: (planId, filter) => progress.listTargets(p, planId, filter),
    getTaskCard: (planId, number) => getTaskCard(p, planId, number),
    listPlanDeadlines: (planId) => listPlanDeadlines(p, planId),
    recordUpdate: (u) => recordUpdate(p, u),
    retractUpdate: (id, by, source) => progress.retractUpdate(p, id, by, source),
    recordUpdates: (us) => recordUpdates(p, us),
    retractBatch: (id, by, source) => batches.retractBatch(p, id, by, source),
    retractUpdates: (us, by, source) => batches.retractRows(p, us, by, source),
    standingFromMessage: (platform, messageId) => batches.standingFromMessage(p, platform, messageId),
    messageRevised: (platform, messageId) => messageRevised({ platform, messageId }),
    noteMessageRevised: (platform, messageId) => batches.noteMessageRevised(p, platform, messageId),
    getUpdate: (id) => progress.getUpdate(p, id),
    lastUndoable: (platform, userId, since) => progress.lastUndoable(p, platform, userId, since),
    listHistory: (where, limit) => progress.listHistory(p, where, limit),
    listUpdates: (planId, since, until) => progress.listUpdates(p, planId, since, until),
    previewPlan: (plan, source) => previewPlan(p, plan, source),
    savePlan: (plan, source) => savePlan(p, plan, source),
    stageImport: (entry, now) => pending.stageImport(p, entry, now),
    getStagedImport: (id) => pending.getStagedImport(p, id),
    dropStagedImport: (id) => pending.dropStagedImport(p, id),
    findUnits: (planId, q) => members.findUnits(p, planId, q),
    addUnitMembers: (unitId, ms) => members.addUnitMembers(p, unitId, ms),
    removeUnitMembers: (unitId, ms) => members.removeUnitMembers(p, unitId, ms),
    unitMembers: (unitId) => members.unitMembers(p, unitId),
    memberUnits: (planId, platform, userId) => members.memberUnits(p, planId, platform, userId),
    groupsOf: (planId, unitIds) => groups.groupsOf(p, planId, unitIds),
    groupMembers: (groupId) => groups.groupMembers(p, groupId),
    setUnitGroup: (planId, groupId, names) => groups.setUnitGroup(p, planId, groupId, names),
    async setUserLocale(m, locale) {
      try {
        await members.setUserLocale(p, m, locale);
      } finally {
        cache.invalidate(`locale:${m.platform}:${m.platformUserId}`);
      }
    },
    isPlanAdmin: (planId, platform, userId) => members.isPlanAdmin(p, planId, platform, userId),
    addPlanAdmin: (planId, platform, userId) => members.addPlanAdmin(p, planId, platform, userId),
    askQuestion: (key, payload, expiresAt) => questions.askQuestion(p, key, payload, expiresAt),
    openQuestion: (key, now) => questions.openQuestion(p, key, now),
    closeQuestion: (id, now) => questions.closeQuestion(p, id, now),
    suggest: (kind, planId, query, limit) => suggest(p, kind, planId, query, limit),
    async claimEvent(platform, eventId) {
      await pruneLedger();
      return claimEvent(p, platform, eventId);
    },
    async receiveEvent(entry, leaseUntil) {
      await pruneLedger(entry.receivedAt.getTime());
      return inboxWrites.receiveEvent(entry, leaseUntil);
    },
    finishEvent: (platform, eventId, at) => inboxWrites.finishEvent(platform, eventId, at),
    takeUnfinishedEvents: (platform, since, now, leaseUntil, limit) => inbox.takeUnfinishedEvents(p, platform, since, now, leaseUntil, limit),
    expireEvents: (platform, before) => inbox.expireEvents(p, platform, before),
  };
}
