import { setTimeout as sleep } from "node:timers/promises";
import { webApi } from "@slack/bolt";
import type { LogSink } from "../../core/command.ts";

/** Waits between attempts to reach Slack at start when the network fails (then gives up). */
export const AUTH_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];

interface CallError {
  code?: string;
  message: string;
  statusCode?: number;
  data?: { error?: string };
  original?: Error & { code?: string; cause?: { code?: string; message?: string } };
}

/** The short reason a request never got an answer: ECONNREFUSED, ENOTFOUND, a timeout … */
function networkReason(e: CallError): string {
  const o = e.original;
  return o?.code ?? o?.cause?.code ?? o?.cause?.message ?? o?.message ?? e.message;
}

/** A Slack token Duban checks at start: the call that proves it, its name and its variable. */
interface TokenCheck {
  call(): Promise<unknown>;
  /** `bot token`, `app-level token`. */
  token: string;
  /** What to check, e.g. `SLACK_BOT_TOKEN`. */
  fix: string;
}

/**
 * `auth.test` with the bot token before anything else starts. A refused token fails at once with
 * the reason Slack gave; only network errors (no answer, or a 5xx) are retried, with backoff,
 * and each retry is said in the log. The error's message is one line naming Slack and why.
 */
export function checkSlackCredentials(client: webApi.WebClient, log: LogSink, delaysMs: readonly number[] = AUTH_RETRY_DELAYS_MS): Promise<void> {
  return checkToken({ call: () => client.auth.test(), token: "bot token", fix: "SLACK_BOT_TOKEN" }, log, delaysMs);
}

/**
 * Socket Mode's app-level token (xapp-…), checked the same way before the socket starts:
 * `apps.connections.open` answers only for an app token with `connections:write` (a bot token
 * there is `not_allowed_token_type`). The URL it returns is not used; Bolt asks for its own.
 */
export function checkSlackAppToken(client: webApi.WebClient, log: LogSink, delaysMs: readonly number[] = AUTH_RETRY_DELAYS_MS): Promise<void> {
  return checkToken({ call: () => client.apps.connections.open({}), token: "app-level token", fix: "SLACK_APP_TOKEN (an xapp-… token with connections:write)" }, log, delaysMs);
}

async function checkToken(check: TokenCheck, log: LogSink, delaysMs: readonly number[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await check.call();
      return;
    } catch (err) {
      const e = err as CallError;
      const network = e.code === webApi.ErrorCode.RequestError || (e.code === webApi.ErrorCode.HTTPError && (e.statusCode ?? 0) >= 500);
      if (!network) {
        const reason = e.data?.error ?? (e.statusCode ? `HTTP ${e.statusCode}` : e.message);
        throw new Error(`Slack refused the ${check.token} (${reason}): check ${check.fix}`);
      }
      const reason = e.code === webApi.ErrorCode.HTTPError ? `HTTP ${e.statusCode}` : networkReason(e);
      const delay = delaysMs[attempt - 1];
      if (delay === undefined) throw new Error(`Slack could not be reached (${reason}); gave up after ${attempt} attempts`);
      log.warn({ reason, attempt, retryInMs: delay }, `Slack could not be reached (${reason}): network error, retrying in ${delay / 1000} s`);
      await sleep(delay);
    }
  }
}
