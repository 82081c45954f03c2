import type { LogSink, Services } from "./command.ts";
import { AttachmentError, type IncomingMessage } from "./context.ts";
import { mayBeUpdate } from "./conversation.ts";
import type { Dispatcher } from "./dispatcher.ts";
import { translate, type Locale } from "./i18n/index.ts";
import { parseCommandLine } from "./input.ts";
import { mention, type Reply } from "./reply.ts";
import type { InboxEntry } from "./store.ts";
import { localDateTime } from "./tz.ts";
import type { Poster, PostTarget } from "./posting.ts";

/** One inbound platform event, as an adapter hands it to the core. */
export interface InboundEvent {
  /**
   * The platform's own id for this delivery, identical on every retry or redelivery of it and
   * different for the next one (an event id, a message or interaction id, a stream message id).
   * The core records it once; a second delivery is ignored.
   */
  eventId: string;
  message: IncomingMessage;
  /**
   * Looks up the sender's display name (a platform API call), only for events the core handles;
   * its answer replaces `message.userName`. Not called for a resumed event (the stored name is used).
   */
  userName?: () => Promise<string>;
  /** The thread a later answer belongs in (the platform's thread id), for an event resumed after a restart. */
  thread?: string;
}

/** An event accepted into the inbox (durable), to be handled once the platform was acknowledged. */
export interface Accepted {
  /** Dispatches the event and marks it handled in the inbox; null when there is nothing to answer. Never throws. */
  process(): Promise<Reply[] | null>;
}

/** What the core does for every adapter: the inbox, dedupe, relevance, dispatch, in-flight tracking, locale. */
export interface Inbound {
  /**
   * Step one, BEFORE the platform is acknowledged: decides whether the message is for the bot (a
   * DM, a mention, a command, or any message in a channel bound to a plan), and stores it in the
   * inbox with its event id (durable when this resolves). Null: nothing to do (not for the bot,
   * or seen before) — acknowledge and drop. Then acknowledge, then `process()` the result (inside
   * {@link Inbound.track}). Never throws. When the store cannot be written the event is accepted
   * anyway, not durably: processing it answers either the real answer or "nothing was written".
   */
  accept(event: InboundEvent): Promise<Accepted | null>;
  /** `accept` then `process` at once, for platforms with nothing to acknowledge (a gateway). */
  receive(event: InboundEvent): Promise<Reply[] | null>;
  /**
   * Records an event id without dispatching (a click that only says "expired"): false when it
   * was seen before. When the store cannot say, the answer is true.
   */
  claim(platform: string, eventId: string): Promise<boolean>;
  /**
   * Handles this platform's events that were stored but never handled (the process died): each
   * is dispatched once and its answer posted through `poster` to the conversation (a DM for a
   * direct or private answer), since the original reply route (a response URL, an interaction
   * token, a session webhook) may have expired. Events older than {@link InboundOptions.resumeWithinMs}
   * are not handled: they are marked expired and logged. Resolves with how many were handled;
   * once `stopping()` says so (shutdown), it ends after the event in hand (the rest stay for the
   * next start).
   */
  resume(platform: string, poster: Poster, options?: { stopping?: () => boolean }): Promise<number>;
  /** Runs work after the platform was acknowledged, tracked for shutdown; errors are logged. */
  track(what: string, work: () => Promise<void>): Promise<void>;
  /** Resolves once all tracked work has finished. */
  idle(): Promise<void>;
  /** The language for the adapter's own words to this user in this channel (never throws). */
  localeFor(platform: string, userId: string, channelId: string): Promise<Locale>;
}

export interface InboundOptions {
  dispatcher: Dispatcher;
  services: Services;
  log?: LogSink;
  /**
   * How long an instance has to handle an event it accepted before another pass of
   * {@link Inbound.resume} (this instance's or another's) may take it (default 60 s).
   */
  leaseMs?: number;
  /** Older unhandled events are not answered any more, only logged (default 24 h). */
  resumeWithinMs?: number;
}

export const DEFAULT_INBOX_LEASE_MS = 60_000;
export const DEFAULT_RESUME_WITHIN_MS = 24 * 3_600_000;
const RESUME_BATCH = 20;

/**
 * The inbound path every adapter shares.
 *
 * Durable before acknowledged: `accept` stores the event (the neutral message, its event id, the
 * thread to answer in) before the adapter acknowledges the platform; it is marked done once
 * dispatched, and `resume` handles what a dead process left behind, once.
 *
 * Store-down policy, the same on every platform: when the inbox cannot be written, the event is
 * acknowledged and handled anyway (not durably: a rare duplicate reply beats a lost message;
 * stored updates are unique per (platform, message id), so nothing is stored twice), and its
 * answer is the stored update or "nothing was written, please try again" — never silence. It is
 * not left to the platform's retry: the user was told to resend, and a later retry would store
 * the message a second time. When a channel's binding cannot be read, text that could be an
 * update is handed to the dispatcher the same way.
 */
export function createInbound(options: InboundOptions): Inbound {
  const { dispatcher, services } = options;
  const log = options.log ?? services.log;
  const leaseMs = options.leaseMs ?? DEFAULT_INBOX_LEASE_MS;
  const resumeWithinMs = options.resumeWithinMs ?? DEFAULT_RESUME_WITHIN_MS;
  const inflight = new Set<Promise<void>>();
  /** Events this process is handling: a resume pass here leaves them alone. */
  const handling = new Set<string>();
  /**
   * Events handled (and answered) whose "done" could not be written, or whose inbox write
   * failed but may have landed: they are marked done before a resume pass, never handled again.
   */
  const toFinish = new Map<string, { platform: string; eventId: string }>();
  const key = (platform: string, eventId: string) => `${platform}\n${eventId}`;
  const now = () => services.clock.now();

  async function claim(platform: string, eventId: string): Promise<boolean> {
    try {
      const first = await services.store.claimEvent(platform, eventId);
      if (!first) log.info({ platform, event: eventId }, "duplicate event ignored");
      return first;
    } catch (err) {
      log.warn({ platform, event: eventId, err: errorText(err) }, "event ledger unavailable; handling the event anyway");
      return true;
    }
  }

  async function relevant(m: IncomingMessage): Promise<boolean> {
    if (m.isDirect || m.addressed || m.viaCommand) return true;
    const line = parseCommandLine(m.text, (w) => (dispatcher.registry.find(w) ? w : null));
    if (line && dispatcher.registry.find(line.word)) return true;
    try {
      return (await services.store.getChannel(m.platform, m.channelId)).planId !== null;
    } catch (err) {
      log.warn({ platform: m.platform, channel: m.channelId, err: errorText(err) }, "channel binding unreadable");
      return m.deleted === true || mayBeUpdate(m.text);
    }
  }

  async function finish(platform: string, eventId: string): Promise<void> {
    try {
      await services.store.finishEvent(platform, eventId, now());
      toFinish.delete(key(platform, eventId));
    } catch (err) {
      toFinish.set(key(platform, eventId), { platform, eventId });
      log.warn({ platform, event: eventId, err: errorText(err) }, "inbox: handled event not marked done yet; it will be before any resume");
    }
  }

  /** Dispatches one event of the inbox (marked done after) or one that could not be stored. */
  async function handle(m: IncomingMessage, eventId: string, stored: boolean, userName?: () => Promise<string>): Promise<Reply[] | null> {
    const k = key(m.platform, eventId);
    handling.add(k);
    try {
      const message = userName ? { ...m, userName: await userName().catch(() => m.userName) } : m;
      const replies = await dispatcher.handle(message);
      if (stored) await finish(m.platform, eventId);
      return replies;
    } catch (err) {
      log.error({ platform: m.platform, event: eventId, err: errorText(err) }, "inbound event failed");
      return null;
    } finally {
      handling.delete(k);
    }
  }

  async function accept({ eventId, message, userName, thread }: InboundEvent): Promise<Accepted | null> {
    try {
      // A deletion has no text: it still retracts what the message recorded.
      if ((!message.deleted && !message.text.trim() && !message.attachments?.length) || !(await relevant(message))) return null;
      // Stored as JSON: no platform payload, and attachments by name and size (their download is code).
      const { raw: _raw, ...neutral } = message;
      const entry: InboxEntry = { platform: message.platform, eventId, receivedAt: now(), message: neutral, ...(thread ? { thread } : {}) };
      let stored: boolean;
      try {
        if (!(await services.store.receiveEvent(entry, new Date(entry.receivedAt.getTime() + leaseMs)))) {
          log.info({ platform: message.platform, event: eventId }, "duplicate event ignored");
          return null;
        }
        stored = true;
      } catch (err) {
        // The write may still land (a timeout): then it must not be resumed as unhandled later.
        toFinish.set(key(message.platform, eventId), { platform: message.platform, eventId });
        log.warn({ platform: message.platform, event: eventId, err: errorText(err) }, "inbox unavailable; handling the event anyway (not durably)");
        stored = false;
      }
      handling.add(key(message.platform, eventId));
      return { process: () => handle(message, eventId, stored, userName) };
    } catch (err) {
      log.error({ platform: message.platform, event: eventId, err: errorText(err) }, "inbound event failed");
      return null;
    }
  }

  async function localeFor(platform: string, userId: string, channelId: string): Promise<Locale> {
    try {
      const [user, channel] = await Promise.all([services.store.getUserLocale(platform, userId), services.store.getChannel(platform, channelId)]);
      return user ?? channel.locale ?? services.settings.defaultLocale;
    } catch {
      return services.settings.defaultLocale;
    }
  }

  /** One resumed event: dispatched, marked done, its answer posted where it can still be read. */
  async function resumeOne(entry: InboxEntry, poster: Poster): Promise<void> {
    const stored = entry.message;
    // A file's download link is not kept: the command reading it says to send it again.
    const m: IncomingMessage = stored.attachments?.length
      ? { ...stored, attachments: stored.attachments.map((a) => ({ ...a, fetch: () => Promise.reject(new AttachmentError("unavailable", "received before a restart; please send the file again")) })) }
      : stored;
    const replies = await handle(m, entry.eventId, true);
    if (!replies?.length) return;
    const locale = m.locale ?? replies[0]?.locale ?? (await localeFor(m.platform, m.userId, m.channelId));
    const text = m.text.length > 80 ? `${m.text.slice(0, 79)}…` : m.text;
    const note = translate(locale, "inbound.resumed", {
      user: mention(m.platform, m.userId, m.userName),
      time: localDateTime(entry.receivedAt, services.settings.timezone).replace("T", " "),
      text,
    });
    for (const [i, reply] of replies.entries()) {
      const privately = Boolean(reply.private) || Boolean(m.isDirect);
      const target: PostTarget = privately
        ? { platform: m.platform, userId: m.userId }
        : { platform: m.platform, channelId: m.channelId, ...(entry.thread ? { threadId: entry.thread } : {}) };
      const body = i === 0 ? { ...reply, blocks: [{ type: "context" as const, text: note }, ...reply.blocks] } : reply;
      try {
        await poster.post(target, body, { idempotencyKey: `inbox:${entry.eventId}:${i}` });
      } catch (err) {
        log.warn({ platform: m.platform, event: entry.eventId, err: errorText(err) }, "inbox: the answer to a resumed event could not be posted");
      }
    }
  }

  async function resume(platform: string, poster: Poster, options: { stopping?: () => boolean } = {}): Promise<number> {
    const stopping = options.stopping ?? (() => false);
    for (const pending of [...toFinish.values()].filter((p) => p.platform === platform)) await finish(pending.platform, pending.eventId);
    const at = now();
    const expired = await services.store.expireEvents(platform, new Date(at.getTime() - resumeWithinMs));
    if (expired.length) {
      log.warn(
        { platform, count: expired.length, events: expired.slice(0, 50).map((e) => ({ event: e.eventId, receivedAt: e.receivedAt.toISOString() })) },
        "inbox: events received but never handled are too old to answer; not resumed",
      );
    }
    let handled = 0;
    const skipped = new Set<string>();
    while (!stopping()) {
      const t = now();
      const batch = (await services.store.takeUnfinishedEvents(platform, new Date(t.getTime() - resumeWithinMs), t, new Date(t.getTime() + leaseMs), RESUME_BATCH)).filter(
        (e) => !handling.has(key(platform, e.eventId)) && !skipped.has(e.eventId),
      );
      if (!batch.length) break;
      for (const entry of batch) {
        if (stopping()) break;
        skipped.add(entry.eventId);
        log.info({ platform, event: entry.eventId, receivedAt: entry.receivedAt.toISOString() }, "inbox: resuming an event received before a restart");
        await track(`resume ${platform}`, () => resumeOne(entry, poster));
        handled++;
      }
    }
    if (handled) log.info({ platform, count: handled }, "inbox: resumed events handled");
    return handled;
  }

  async function track(what: string, work: () => Promise<void>): Promise<void> {
    const p = work().catch((err: unknown) => log.error({ what, err: errorText(err) }, "inbound handler failed"));
    inflight.add(p);
    try {
      await p;
    } finally {
      inflight.delete(p);
    }
  }

  return {
    claim,
    accept,
    async receive(event) {
      const accepted = await accept(event);
      return accepted ? accepted.process() : null;
    },
    resume,
    track,
    async idle() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
    localeFor,
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
