import type { Clock } from "../core/clock.ts";
import type { LogSink } from "../core/command.ts";
import type { Reply } from "../core/reply.ts";
import { PostError, type Poster, type PostTarget, type ScheduleStore } from "./types.ts";

export interface RetryPolicy {
  /** Post attempts within one run before handing over to a later sweep. */
  attempts: number;
  /** First backoff when the platform gives no retry-after; doubles each attempt. */
  baseDelayMs: number;
  /** Longer waits are not slept in-process: the run is parked as "retry" until then. */
  maxInlineWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 2_000, maxInlineWaitMs: 30_000 };

export interface DeliveryDeps {
  schedules: ScheduleStore;
  poster: Poster;
  clock: Clock;
  log: LogSink;
  sleep: (ms: number) => Promise<void>;
  retry: RetryPolicy;
}

/** One message of a run. `fallback` is used when the platform cannot DM the user. */
export interface DeliveryJob {
  recipient: string;
  target: PostTarget;
  reply: Reply;
  fallback?: { target: PostTarget; reply: Reply };
  idempotencyKey: string;
}

export type DeliveryOutcome =
  | { status: "sent"; messageRef: string }
  | { status: "failed"; error: string }
  | { status: "uncertain" }
  | { status: "retry"; error: string; retryAt: Date }
  | { status: "busy" };

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);

/**
 * Posts one delivery at most once. The row moves pending → posting → sent/failed under an atomic
 * conditional update, so two instances never post the same delivery. A delivery found "posting"
 * was interrupted mid-post: it is verified with the poster's findPosted when available, otherwise
 * marked uncertain and not re-sent (no duplicates; shown in /digest status).
 */
export async function deliver(deps: DeliveryDeps, runId: number, job: DeliveryJob): Promise<DeliveryOutcome> {
  const { schedules, poster, clock, log } = deps;
  const row = await schedules.ensureDelivery(runId, job.recipient);
  if (row.status === "sent") return { status: "sent", messageRef: row.messageRef ?? "" };
  if (row.status === "failed") return { status: "failed", error: row.error ?? "failed" };
  if (row.status === "uncertain") return { status: "uncertain" };
  if (row.status === "posting") {
    let found = await findPosted(deps, job);
    if (found === null && job.fallback) found = await findPosted(deps, { target: job.fallback.target, idempotencyKey: `${job.idempotencyKey}:channel` });
    if (found) {
      await schedules.finishDelivery(row.id, { status: "sent", messageRef: found }, clock.now());
      return { status: "sent", messageRef: found };
    }
    if (found === undefined) {
      log.warn({ runId, recipient: job.recipient }, "delivery was interrupted while posting; not re-sent to avoid a duplicate");
      await schedules.finishDelivery(row.id, { status: "uncertain", error: "interrupted" }, clock.now());
      return { status: "uncertain" };
    }
    await schedules.finishDelivery(row.id, { status: "retry", error: "interrupted before posting" }, clock.now());
  }
  let target = job.target;
  let reply = job.reply;
  let key = job.idempotencyKey;
  for (let attempt = 1; ; attempt++) {
    if (!(await schedules.startPosting(row.id, clock.now()))) return { status: "busy" };
    let error: unknown;
    try {
      const { messageRef } = await poster.post(target, reply, { idempotencyKey: key });
      await schedules.finishDelivery(row.id, { status: "sent", messageRef }, clock.now());
      return { status: "sent", messageRef };
    } catch (err) {
      error = err;
    }
    const kind = error instanceof PostError ? error.kind : "transient";
    if (kind === "dm_unavailable" && job.fallback && target !== job.fallback.target) {
      log.info({ runId, recipient: job.recipient }, "direct message impossible, mentioning in the channel instead");
      ({ target, reply } = job.fallback);
      key = `${job.idempotencyKey}:channel`;
      await schedules.finishDelivery(row.id, { status: "retry", error: describe(error) }, clock.now());
      attempt--;
      continue;
    }
    if (kind !== "transient") {
      log.warn({ runId, recipient: job.recipient, err: describe(error) }, "platform refused the post");
      await schedules.finishDelivery(row.id, { status: "failed", error: describe(error) }, clock.now());
      return { status: "failed", error: describe(error) };
    }
    if (!(error instanceof PostError)) log.error({ runId, recipient: job.recipient, err: error }, "poster failed unexpectedly");
    const retryAfter = error instanceof PostError ? error.retryAfterMs : undefined;
    // Without a retry-after (5xx, timeout) the post may have gone through: check before posting again.
    const found = retryAfter === undefined ? await findPosted(deps, { target, idempotencyKey: key }) : null;
    if (found) {
      await schedules.finishDelivery(row.id, { status: "sent", messageRef: found }, clock.now());
      return { status: "sent", messageRef: found };
    }
    await schedules.finishDelivery(row.id, { status: "retry", error: describe(error) }, clock.now());
    const wait = retryAfter ?? deps.retry.baseDelayMs * 2 ** (attempt - 1);
    if (attempt >= deps.retry.attempts || wait > deps.retry.maxInlineWaitMs) {
      return { status: "retry", error: describe(error), retryAt: new Date(clock.now().getTime() + wait) };
    }
    log.info({ runId, recipient: job.recipient, attempt, waitMs: wait }, "transient platform error, retrying");
    await deps.sleep(wait);
  }
}

/** The message ref if the post is known to exist, null if known not to, undefined if it cannot be told. */
async function findPosted(deps: DeliveryDeps, job: Pick<DeliveryJob, "target" | "idempotencyKey">): Promise<string | null | undefined> {
  if (!deps.poster.findPosted) return undefined;
  try {
    const found = await deps.poster.findPosted(job.target, job.idempotencyKey);
    return found === undefined ? undefined : (found?.messageRef ?? null);
  } catch (err) {
    deps.log.warn({ err: describe(err) }, "could not check whether a message was already posted");
    return undefined;
  }
}
