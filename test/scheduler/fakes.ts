import digest from "../../commands/digest.ts";
import { commands } from "../../commands/index.ts";
import remind from "../../commands/remind.ts";
import { manualClock } from "../../src/core/clock.ts";
import type { CommandDefinition } from "../../src/core/command.ts";
import type { Reply } from "../../src/core/reply.ts";
import { replySummary } from "../../src/core/reply.ts";
import { createScheduler, type SchedulerOptions } from "../../src/scheduler/scheduler.ts";
import { PostError, type Poster, type PostTarget } from "../../src/scheduler/types.ts";
import { createStore } from "../../src/store/index.ts";
import type { Database } from "../../src/store/database.ts";
import { createScheduleStore } from "../../src/store/schedules.ts";
import { captureLog } from "../helpers/core.ts";

export type ManualClock = ReturnType<typeof manualClock>;

export interface PostRecord {
  target: PostTarget;
  reply: Reply;
  key: string | undefined;
  ref: string;
}

/**
 * What the next post attempts do, in order; once used up, posts succeed. "ghost" posts the
 * message and then fails like a 5xx (the platform posted but the answer was lost).
 */
export type Step = "ok" | "ghost" | PostError | Error;

/**
 * A platform stand-in: records successful posts, can fail on cue, and can look posts up by
 * idempotency key (like a Discord nonce or Slack metadata) when `canFind` is set.
 */
export function fakePoster(options: { steps?: Step[]; canFind?: boolean; dmImpossible?: string[] } = {}) {
  const posts: PostRecord[] = [];
  const attempts: PostTarget[] = [];
  const steps = [...(options.steps ?? [])];
  let seq = 0;
  const poster: Poster = {
    async post(target, reply, opts) {
      attempts.push(target);
      if ("userId" in target && options.dmImpossible?.includes(target.userId)) throw new PostError("dm_unavailable", "cannot DM this user");
      const step = steps.shift() ?? "ok";
      if (step !== "ok" && step !== "ghost") throw step;
      const ref = `msg-${++seq}`;
      posts.push({ target, reply, key: opts?.idempotencyKey, ref });
      if (step === "ghost") throw new PostError("transient", "502 bad gateway");
      return { messageRef: ref };
    },
  };
  if (options.canFind) {
    poster.findPosted = async (_target, key) => {
      const hit = posts.find((p) => p.key === key);
      return hit ? { messageRef: hit.ref } : null;
    };
  }
  return { poster, posts, attempts, summaries: () => posts.map((p) => replySummary(p.reply)) };
}

/** A scheduler over a database with an injected clock, recording sleeps instead of waiting. */
export function testScheduler(db: Database, poster: Poster, start: string | ManualClock, extra: Partial<SchedulerOptions> = {}) {
  const clock = typeof start === "string" ? manualClock(start) : start;
  const sleeps: number[] = [];
  const captured = captureLog();
  const schedules = createScheduleStore(db);
  const scheduler = createScheduler({
    store: createStore(db),
    schedules,
    poster,
    clock,
    log: captured.log,
    settings: { defaultLocale: "zh-CN", staleDays: 14 },
    sleep: async (ms) => void sleeps.push(ms),
    ...extra,
  });
  return { scheduler, clock, sleeps, schedules, logLines: captured.lines };
}

/** Every command with /digest and /remind, whether or not commands/index.ts registers them yet. */
export function withDigestCommands(): CommandDefinition[] {
  const names = new Set(commands.map((c) => c.name));
  return [...commands, ...[digest, remind].filter((c) => !names.has(c.name))];
}
