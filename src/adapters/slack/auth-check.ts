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

/**
 * `auth.test` with the bot token before anything else starts. A refused token fails at once with
 * the reason Slack gave; only network errors (no answer, or a 5xx) are retried, with backoff,
 * and each retry is said in the log. The error's message is one line naming Slack and why.
 */
export async function checkSlackCredentials(client: webApi.WebClient, log: LogSink, delaysMs: readonly number[] = AUTH_RETRY_DELAYS_MS): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.auth.test();
      return;
    } catch (err) {
      const e = err as CallError;
      const network = e.code === webApi.ErrorCode.RequestError || (e.code === webApi.ErrorCode.HTTPError && (e.statusCode ?? 0) >= 500);
      if (!network) {
        const reason = e.data?.error ?? (e.statusCode ? `HTTP ${e.statusCode}` : e.message);
        throw new Error(`Slack refused the bot token (${reason}): check SLACK_BOT_TOKEN`);
      }
      const reason = e.code === webApi.ErrorCode.HTTPError ? `HTTP ${e.statusCode}` : networkReason(e);
      const delay = delaysMs[attempt - 1];
      if (delay === undefined) throw new Error(`Slack could not be reached (${reason}); gave up after ${attempt} attempts`);
      log.warn({ reason, attempt, retryInMs: delay }, `Slack could not be reached (${reason}): network error, retrying in ${delay / 1000} s`);
      await sleep(delay);
    }
  }
}
