import { webApi, type Logger } from "@slack/bolt";
import type { LogSink } from "../../core/command.ts";
import type { Reply } from "../../core/reply.ts";
import { renderReply, type SlackMessage } from "./blocks.ts";

/** Posts a payload to an interaction's response_url (Bolt's respond(), or our own for modals). */
export type Responder = (payload: Record<string, unknown>) => Promise<unknown>;

/** Where the replies to one inbound message go. */
export interface Destination {
  channel: string;
  user: string;
  threadTs?: string;
  /** The interaction's response_url: works even where the bot is not a member, and for ephemerals. */
  respond?: Responder;
  /** From a button or modal: say explicitly whether the original message is replaced. */
  interaction?: boolean;
  /** Paging: the first reply replaces the message whose button was clicked. */
  replaceOriginal?: boolean;
  isDirect?: boolean;
}

/** Slack accepts at most five posts per response_url. */
const RESPONSE_URL_USES = 5;

/** Where replies that do not go through a response_url are posted. */
export interface ReplyPoster {
  /** A client that never retries by itself: see {@link replyClient}. */
  client: webApi.WebClient;
  /** How often a post Slack rate-limited is sent again, each time after Slack's retry-after. */
  rateLimitRetries: number;
}

/**
 * A Web API client for reply posts (chat.postMessage, chat.postEphemeral): no automatic retries
 * and rate limits rejected, so that only a 429 (Slack did nothing) is sent again, by
 * {@link deliver}. A post that failed with a 5xx, a timeout or a broken connection may have gone
 * through, and Slack has no idempotency key for posts: it is logged, never re-sent.
 */
export function replyClient(token: string, options: { slackApiUrl?: string; logger: Logger; timeoutMs?: number }): webApi.WebClient {
  return new webApi.WebClient(token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    logger: options.logger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 30_000,
  });
}

/** A responder for a response_url outside Bolt's listener arguments (modal submissions). */
export function responderFor(url: string): Responder {
  return async (payload) => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
    if (!res.ok) throw new Error(`response_url answered ${res.status}`);
    return res;
  };
}

/**
 * Sends replies in order: through the response_url while it lasts, then with chat.postMessage
 * (or chat.postEphemeral for private replies outside DMs). A rate-limited post is sent again
 * after Slack's retry-after (Slack refused it, so it cannot land twice); any other failure is
 * logged, never thrown or re-sent, and the next message is still tried.
 */
export async function deliver(poster: ReplyPoster, to: Destination, replies: Reply[], log: LogSink): Promise<void> {
  let responses = 0;
  let first = true;
  for (const reply of replies) {
    const rendered = renderReply(reply);
    for (const message of rendered.messages) {
      const replace = first && Boolean(to.replaceOriginal);
      first = false;
      try {
        if (to.respond && responses < RESPONSE_URL_USES) {
          responses++;
          await to.respond({
            response_type: rendered.private ? "ephemeral" : "in_channel",
            ...(to.interaction ? { replace_original: replace } : {}),
            ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
            ...message,
          });
        } else {
          await postRetryingRateLimits(poster, to, message, rendered.private, log);
        }
      } catch (err) {
        log.error({ err: describe(err), channel: to.channel, user: to.user }, "slack reply failed");
      }
    }
    if (reply.files?.length) await uploadFiles(poster, to, reply, log);
  }
}

/**
 * A reply's files, uploaded with files upload v2 (files.getUploadURLExternal, the bytes to the
 * upload URL, files.completeUploadExternal) into the conversation, in its thread if any. Slack
 * has no private files in a channel: a private reply's files go to the asker's DM instead.
 * A failed upload is logged (the reply's text has already said what was made).
 */
async function uploadFiles(poster: ReplyPoster, to: Destination, reply: Reply, log: LogSink): Promise<void> {
  let channel = to.channel;
  let thread = to.threadTs;
  try {
    if (reply.private && !to.isDirect) {
      const dm = await poster.client.conversations.open({ users: to.user });
      channel = dm.channel?.id ?? to.user;
      thread = undefined;
    }
  } catch (err) {
    log.error({ err: describe(err), user: to.user }, "slack: cannot open a DM for a private file");
    return;
  }
  for (const file of reply.files ?? []) {
    try {
      const common = { file: Buffer.from(file.data), filename: file.name, title: file.title ?? file.name };
      await poster.client.filesUploadV2(thread ? { channel_id: channel, thread_ts: thread, ...common } : { channel_id: channel, ...common });
    } catch (err) {
      log.error({ err: describe(err), channel, file: file.name }, "slack file upload failed");
    }
  }
}

async function postRetryingRateLimits(poster: ReplyPoster, to: Destination, message: SlackMessage, isPrivate: boolean, log: LogSink): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await post(poster.client, to, message, isPrivate);
    } catch (err) {
      const waitMs = rateLimitWaitMs(err);
      if (waitMs === undefined || attempt >= poster.rateLimitRetries) throw err;
      log.warn({ channel: to.channel, retryAfterMs: waitMs }, "slack reply rate limited; sending it again after Slack's retry-after");
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/** A 429 (Slack refused the call, nothing was posted): how long Slack asks to wait. */
function rateLimitWaitMs(err: unknown): number | undefined {
  const e = err as { code?: string; retryAfter?: number };
  if (e?.code !== webApi.ErrorCode.RateLimitedError) return undefined;
  return Math.max(0, Number.isFinite(e.retryAfter) ? e.retryAfter! : 1) * 1000;
}

async function post(client: webApi.WebClient, to: Destination, message: SlackMessage, isPrivate: boolean): Promise<void> {
  const thread = to.threadTs ? { thread_ts: to.threadTs } : {};
  if (isPrivate && !to.isDirect) {
    await client.chat.postEphemeral({ channel: to.channel, user: to.user, ...thread, ...message });
    return;
  }
  await client.chat.postMessage({ channel: to.channel, ...thread, ...message });
}

/** Web API errors carry the request; keep the log line to what helps (no headers, no tokens). */
export function describe(err: unknown): { message: string; code?: string; error?: string } {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: string; data?: { error?: string } };
  return { message: e.message, ...(e.code ? { code: e.code } : {}), ...(e.data?.error ? { error: e.data.error } : {}) };
}
