import { webApi } from "@slack/bolt";
import type { LogSink } from "../../core/command.ts";
import type { Reply } from "../../core/reply.ts";
import { PostError, type Poster, type PostTarget } from "../../scheduler/types.ts";
import { renderReply } from "./blocks.ts";
import { describe } from "./deliver.ts";
import { boltLogger } from "./runtime.ts";

/** The message metadata event type that carries a scheduled post's idempotency key. */
export const METADATA_EVENT_TYPE = "duban_digest";

export interface SlackPosterOptions {
  logger?: LogSink;
  /** Per-request timeout (default 30 s); a timed-out post is reported as transient. */
  timeoutMs?: number;
  /** How far back findPosted looks: pages of `historyPageSize` messages (default 3 × 200). */
  historyPages?: number;
  historyPageSize?: number;
}

/** Explanations shown with the Slack error code in `/digest status`. */
const PERMANENT: Record<string, string> = {
  channel_not_found: "the channel does not exist or the bot cannot see it",
  not_in_channel: "the bot is not a member of the channel (invite it)",
  is_archived: "the channel is archived",
  account_inactive: "the bot's account is deactivated",
  invalid_auth: "the bot token is invalid",
  token_revoked: "the bot token was revoked",
  missing_scope: "the Slack app lacks a scope (see slack-app-manifest.yaml)",
};
const TRANSIENT = new Set(["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]);
/** conversations.open: the user cannot get a DM from the bot (missing im:write included: the channel fallback still works). */
const DM_OPEN_UNAVAILABLE = new Set(["cannot_dm_bot", "user_not_found", "users_not_found", "user_disabled", "user_not_visible", "missing_scope", "not_allowed_token_type"]);
/** chat.postMessage into an opened DM. */
const DM_POST_UNAVAILABLE = new Set(["cannot_dm_bot", "user_disabled", "channel_not_found", "not_in_channel", "is_archived", "restricted_action"]);

type Step = "channel" | "dm-open" | "dm-post";

/** A Web API error as a PostError the scheduler understands. */
export function toPostError(err: unknown, step: Step = "channel"): PostError {
  if (err instanceof PostError) return err;
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string; response_metadata?: { retryAfter?: number } } };
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return new PostError("transient", `slack rate limited (retry after ${e.retryAfter}s)`, { retryAfterMs: (e.retryAfter ?? 1) * 1000, cause: err });
    case webApi.ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      const kind = status >= 500 || status === 408 ? "transient" : "permanent";
      return new PostError(kind, `slack answered HTTP ${status}`, { cause: err });
    }
    case webApi.ErrorCode.RequestError:
      return new PostError("transient", `slack unreachable: ${describe(err).message}`, { cause: err });
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? "unknown_error";
      if (code === "ratelimited") {
        const after = e.data?.response_metadata?.retryAfter;
        return new PostError("transient", "slack ratelimited", { ...(after !== undefined ? { retryAfterMs: after * 1000 } : {}), cause: err });
      }
      if (TRANSIENT.has(code)) return new PostError("transient", `slack ${code}`, { cause: err });
      if ((step === "dm-open" && DM_OPEN_UNAVAILABLE.has(code)) || (step === "dm-post" && DM_POST_UNAVAILABLE.has(code))) {
        return new PostError("dm_unavailable", `slack ${code}: cannot send this user a direct message`, { cause: err });
      }
      return new PostError("permanent", PERMANENT[code] ? `slack ${code}: ${PERMANENT[code]}` : `slack ${code}`, { cause: err });
    }
    default:
      return new PostError("transient", `slack post failed: ${describe(err).message}`, { cause: err });
  }
}

const silent: LogSink = { debug() {}, info() {}, warn() {}, error() {} };
const MEMORY = 500;

/**
 * Posts scheduled digests and reminders to Slack. It uses its own WebClient (the adapter's
 * token and API URL) with no automatic retries and rate-limited calls rejected, so a 5xx, a
 * timeout or a 429 reaches the scheduler, whose retry checks {@link Poster.findPosted} first:
 * the library never re-sends a post that may have gone through.
 *
 * Every part of a split reply carries message metadata `duban_digest` with `{ key, part, parts }`;
 * findPosted reads it back from `conversations.history` (include_all_metadata), filtered to this
 * bot. Parts already posted for a key are remembered, so retrying an interrupted multi-part post
 * sends only the missing parts.
 */
export function createSlackPoster(source: { app: { client: webApi.WebClient } } | webApi.WebClient, options: SlackPosterOptions = {}): Poster {
  const log = options.logger ?? silent;
  const base = "app" in source ? source.app.client : source;
  const client = new webApi.WebClient(base.token, {
    slackApiUrl: base.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 30_000,
    logger: boltLogger(log),
  });
  const pages = options.historyPages ?? 3;
  const pageSize = options.historyPageSize ?? 200;
  const dmChannels = new Map<string, string>();
  /** Parts posted so far, per target and key: part index → `channel:ts`. */
  const progress = new Map<string, Map<number, string>>();
  let botId: Promise<string> | undefined;

  const memo = (target: PostTarget, key: string) => `${"userId" in target ? `u:${target.userId}` : `c:${target.channelId}`}\n${key}`;
  const remember = (id: string, parts: Map<number, string>) => {
    progress.delete(id);
    progress.set(id, parts);
    if (progress.size > MEMORY) progress.delete(progress.keys().next().value!);
  };

  async function channelOf(target: PostTarget): Promise<string> {
    if ("channelId" in target) return target.channelId;
    const known = dmChannels.get(target.userId);
    if (known) return known;
    try {
      const res = await client.conversations.open({ users: target.userId });
      const id = res.channel?.id;
      if (!id) throw new PostError("transient", "slack conversations.open returned no channel");
      dmChannels.set(target.userId, id);
      return id;
    } catch (err) {
      throw toPostError(err, "dm-open");
    }
  }

  async function ownBotId(): Promise<string> {
    botId ??= client.auth.test().then((r) => String(r.bot_id ?? ""));
    try {
      return await botId;
    } catch (err) {
      botId = undefined;
      throw err;
    }
  }

  return {
    async post(target: PostTarget, reply: Reply, opts: { idempotencyKey?: string } = {}) {
      const channel = await channelOf(target);
      const messages = renderReply(reply).messages;
      if (!messages.length) throw new PostError("permanent", "nothing to post (empty reply)");
      const key = opts.idempotencyKey;
      const id = key ? memo(target, key) : "";
      const posted = (key && progress.get(id)) || new Map<number, string>();
      for (const [part, message] of messages.entries()) {
        if (posted.has(part)) continue;
        try {
          const res = await client.chat.postMessage({
            channel,
            ...("threadId" in target && target.threadId ? { thread_ts: target.threadId } : {}),
            text: message.text,
            blocks: message.blocks,
            ...(key ? { metadata: { event_type: METADATA_EVENT_TYPE, event_payload: { key, part, parts: messages.length } } } : {}),
          });
          posted.set(part, `${res.channel ?? channel}:${res.ts}`);
        } catch (err) {
          if (key && posted.size) remember(id, posted);
          if (posted.size) log.warn({ channel, part, parts: messages.length, err: describe(err) }, "slack: scheduled post interrupted after some of its parts");
          throw toPostError(err, "userId" in target ? "dm-post" : "channel");
        }
      }
      if (key) progress.delete(id);
      const first = posted.get(0) ?? [...posted.values()][0]!;
      // Files (a digest's chart) follow the message; a failed upload is logged, the post stands.
      for (const file of reply.files ?? []) {
        try {
          const common = { file: Buffer.from(file.data), filename: file.name, title: file.title ?? file.name };
          await client.filesUploadV2("threadId" in target && target.threadId ? { channel_id: channel, thread_ts: target.threadId, ...common } : { channel_id: channel, ...common });
        } catch (err) {
          log.warn({ channel, file: file.name, err: describe(err) }, "slack: file of a scheduled post not uploaded");
        }
      }
      return { messageRef: first };
    },
    acceptsFiles: () => true,

    async findPosted(target: PostTarget, key: string) {
      let channel: string;
      try {
        channel = await channelOf(target);
      } catch (err) {
        if (err instanceof PostError && err.kind === "dm_unavailable") return null; // no DM, so nothing was posted there
        throw err;
      }
      const bot = await ownBotId();
      const found = new Map<number, string>();
      let parts = 1;
      let cursor: string | undefined;
      let exhausted = false;
      for (let page = 0; page < pages && !found.has(0); page++) {
        const res = await client.conversations.history({ channel, limit: pageSize, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
        for (const m of res.messages ?? []) {
          const payload = m.metadata?.event_payload as { key?: unknown; part?: unknown; parts?: unknown } | undefined;
          if (m.metadata?.event_type !== METADATA_EVENT_TYPE || payload?.key !== key || (bot && m.bot_id !== bot)) continue;
          found.set(Number(payload.part ?? 0), `${channel}:${m.ts}`);
          parts = Math.max(parts, Number(payload.parts ?? 1));
        }
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!res.has_more || !cursor) exhausted = true;
        if (exhausted) break;
      }
      const id = memo(target, key);
      if (!found.size) return exhausted ? null : undefined;
      if (found.size >= parts) {
        progress.delete(id);
        return { messageRef: found.get(0) ?? [...found.values()][0]! };
      }
      // Some parts went out, not all: report it as not posted; post() sends only the missing ones.
      log.warn({ channel, found: found.size, parts }, "slack: scheduled post found incomplete; the missing parts will be sent");
      remember(id, found);
      return null;
    },
  };
}
