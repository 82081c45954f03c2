import { LogLevel, type Logger, type webApi } from "@slack/bolt";
import type { LogSink, Services } from "../../core/command.ts";
import type { IncomingMessage } from "../../core/context.ts";
import type { Dispatcher } from "../../core/dispatcher.ts";
import type { Accepted, Inbound } from "../../core/inbound.ts";
import type { Locale } from "../../core/i18n/index.ts";
import type { Reply } from "../../core/reply.ts";
import { describe, type ReplyPoster } from "./deliver.ts";

/** What every listener shares: the core's inbound path, the reply client, member names. */
export interface SlackRuntime {
  dispatcher: Dispatcher;
  services: Services;
  log: LogSink;
  /** Where replies are posted outside response_urls (its own client: 429s retried, nothing else). */
  replies: ReplyPoster;
  /**
   * Starts work that runs after the listener returned (and so after Slack was acknowledged:
   * see {@link ackAfterListeners}), tracked so stop() can wait for it; errors are logged.
   * Resolves at once.
   */
  run(what: string, work: () => Promise<void>): Promise<void>;
  /**
   * Stores the message in the core's inbox (relevance and dedupe by `key` first), before the
   * listener returns and Slack is acknowledged; null when there is nothing to handle. Without a
   * key (no stable id from Slack) it is handled as it is, not durably.
   */
  accept(key: string | undefined, message: Omit<IncomingMessage, "platform">, userName?: () => Promise<string>, thread?: string): Promise<Accepted | null>;
  /** First delivery of this inbound id? Retries and redeliveries answer false. */
  claim(key: string): Promise<boolean>;
  /** Dispatches a message already claimed (buttons, forms, slash commands, Home). */
  dispatch(message: Omit<IncomingMessage, "platform">): Promise<Reply[]>;
  /** The member's display name (cached); `fallback` or the id when Slack cannot say. */
  userName(client: webApi.WebClient, userId: string, fallback?: string): Promise<string>;
  localeFor(userId: string, channelId: string): Promise<Locale>;
  /** Resolves when all tracked work is done. */
  idle(): Promise<void>;
}

const NAME_TTL_MS = 60 * 60 * 1000;
const NAME_CACHE_MAX = 2000;

export function createRuntime(dispatcher: Dispatcher, services: Services, log: LogSink, replies: ReplyPoster, inbound: Inbound): SlackRuntime {
  const names = new Map<string, { name: string; at: number }>();

  return {
    dispatcher,
    services,
    log,
    replies,
    run(what, work) {
      void inbound.track(`slack ${what}`, work);
      return Promise.resolve();
    },
    async accept(key, message, userName, thread) {
      const m: IncomingMessage = { platform: "slack", ...message };
      if (key) return inbound.accept({ eventId: key, message: m, ...(userName ? { userName } : {}), ...(thread ? { thread } : {}) });
      return { process: async () => dispatcher.handle(userName ? { ...m, userName: await userName() } : m) };
    },
    claim: (key) => inbound.claim("slack", key),
    dispatch: (message) => dispatcher.handle({ platform: "slack", ...message }),
    async userName(client, userId, fallback) {
      const cached = names.get(userId);
      if (cached && Date.now() - cached.at < NAME_TTL_MS) return cached.name;
      try {
        const res = await client.users.info({ user: userId });
        const u = res.user;
        const name = u?.profile?.display_name || u?.profile?.real_name || u?.real_name || u?.name || fallback || userId;
        if (names.size >= NAME_CACHE_MAX) names.delete(names.keys().next().value!);
        names.set(userId, { name, at: Date.now() });
        return name;
      } catch (err) {
        log.debug({ err: describe(err), user: userId }, "slack users.info failed");
        return fallback || userId;
      }
    },
    localeFor: (userId, channelId) => inbound.localeFor("slack", userId, channelId),
    idle: () => inbound.idle(),
  };
}

const SECRET = /\b(xox[a-z]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+)/g;

/** Bolt's logger interface over our pino-style sink; token-shaped strings never reach a log. */
export function boltLogger(sink: LogSink): Logger {
  let level = LogLevel.INFO;
  const emit = (at: "debug" | "info" | "warn" | "error") => (...args: unknown[]) => {
    const err = args.find((a): a is Error => a instanceof Error);
    const msg = args
      .filter((a) => !(a instanceof Error))
      .map((a) => (typeof a === "string" ? a : safeJson(a)))
      .join(" ")
      .replace(SECRET, "[redacted]");
    sink[at]({ component: "bolt", ...(err ? { err: describe(err) } : {}) }, msg);
  };
  return {
    debug: emit("debug"),
    info: emit("info"),
    warn: emit("warn"),
    error: emit("error"),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
