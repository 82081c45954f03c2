import type { LogSink, Services } from "./command.ts";
import type { IncomingMessage } from "./context.ts";
import { mayBeUpdate } from "./conversation.ts";
import type { Dispatcher } from "./dispatcher.ts";
import type { Locale } from "./i18n/index.ts";
import { parseCommandLine } from "./input.ts";
import type { Reply } from "./reply.ts";

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
   * its answer replaces `message.userName`.
   */
  userName?: () => Promise<string>;
}

/** What the core does for every adapter: dedupe, relevance, dispatch, in-flight tracking, locale. */
export interface Inbound {
  /**
   * Decides whether the message is for the bot (a DM, a mention, a command, or any message in a
   * channel bound to a plan), records its event id (a redelivery answers null), and dispatches
   * it. Null: nothing to answer (not for the bot, or seen before). Never throws.
   */
  receive(event: InboundEvent): Promise<Reply[] | null>;
  /**
   * Records an event id without dispatching (a click that only says "expired"): false when it
   * was seen before. When the store cannot say, the answer is true — see {@link Inbound.receive}.
   */
  claim(platform: string, eventId: string): Promise<boolean>;
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
}

/**
 * The inbound path every adapter shares.
 *
 * Store-down policy, the same on every platform: when the event ledger cannot be written, the
 * event is handled anyway (a rare duplicate reply beats a lost message; stored updates are unique
 * per (platform, message id), so nothing is stored twice); when a channel's binding cannot be
 * read, text that could be an update is handed to the dispatcher, whose answer is either the
 * stored update or "nothing was written, please try again" — never silence.
 */
export function createInbound(options: InboundOptions): Inbound {
  const { dispatcher, services } = options;
  const log = options.log ?? services.log;
  const inflight = new Set<Promise<void>>();

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

  return {
    claim,
    async receive({ eventId, message, userName }) {
      try {
        // A deletion has no text: it still retracts what the message recorded.
        if ((!message.deleted && !message.text.trim() && !message.attachments?.length) || !(await relevant(message))) return null;
        if (!(await claim(message.platform, eventId))) return null;
        return await dispatcher.handle(userName ? { ...message, userName: await userName() } : message);
      } catch (err) {
        log.error({ platform: message.platform, event: eventId, err: errorText(err) }, "inbound event failed");
        return null;
      }
    },
    async track(what, work) {
      const p = work().catch((err: unknown) => log.error({ what, err: errorText(err) }, "inbound handler failed"));
      inflight.add(p);
      try {
        await p;
      } finally {
        inflight.delete(p);
      }
    },
    async idle() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
    async localeFor(platform, userId, channelId) {
      try {
        const [user, channel] = await Promise.all([services.store.getUserLocale(platform, userId), services.store.getChannel(platform, channelId)]);
        return user ?? channel.locale ?? services.settings.defaultLocale;
      } catch {
        return services.settings.defaultLocale;
      }
    },
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
