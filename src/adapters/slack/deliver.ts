import type { webApi } from "@slack/bolt";
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
 * (or chat.postEphemeral for private replies outside DMs). Failures are logged, never thrown.
 */
export async function deliver(client: webApi.WebClient, to: Destination, replies: Reply[], log: LogSink): Promise<void> {
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
          await post(client, to, message, rendered.private);
        }
      } catch (err) {
        log.error({ err: describe(err), channel: to.channel, user: to.user }, "slack reply failed");
      }
    }
  }
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
