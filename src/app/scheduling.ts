import type { Logger } from "../config/logger.ts";
import { startCronDriver, type CronDriver } from "../scheduler/cron-driver.ts";
import { createScheduler } from "../scheduler/scheduler.ts";
import { PostError, type Poster } from "../scheduler/types.ts";
import type { DubanApp } from "./app.ts";

/** One poster for the scheduler: each target goes to the poster of its platform. */
export function routePosters(posters: Record<string, Poster>): Poster {
  const pick = (platform: string) => {
    const poster = posters[platform];
    if (!poster) throw new PostError("permanent", `no ${platform} adapter is running in this process`);
    return poster;
  };
  return {
    post: (target, reply, options) => pick(target.platform).post(target, reply, options),
    async findPosted(target, key) {
      const poster = pick(target.platform);
      return poster.findPosted ? poster.findPosted(target, key) : undefined;
    },
    acceptsFiles: (target) => posters[target.platform]?.acceptsFiles?.(target) ?? false,
  };
}

/**
 * Starts digests and reminders: missed periods recorded, interrupted runs resumed, then node-cron
 * fires every schedule in the store. Stop it before the store closes.
 */
export async function startScheduling(app: DubanApp, posters: Record<string, Poster>, logger: Logger): Promise<CronDriver> {
  const scheduler = createScheduler({
    store: app.store,
    schedules: app.services.schedules,
    poster: routePosters(posters),
    clock: app.services.clock,
    log: logger.child({ component: "scheduler" }),
    settings: app.services.settings,
  });
  return startCronDriver(scheduler, app.services.schedules, logger.child({ component: "scheduler" }));
}

/** How long the scheduler waits before trying again to start when the store did not answer. */
export const SCHEDULER_RETRY_MS = 15_000;

/**
 * startScheduling, tried again every `retryMs` while the store cannot be read (it starts after the
 * first answer, when a store may have gone away since the start); once `signal` aborts (shutdown),
 * no further try: undefined when none succeeded.
 */
export async function startSchedulingWhenReachable(
  app: DubanApp,
  posters: Record<string, Poster>,
  logger: Logger,
  signal: AbortSignal,
  retryMs = SCHEDULER_RETRY_MS,
): Promise<CronDriver | undefined> {
  for (;;) {
    try {
      return await startScheduling(app, posters, logger);
    } catch (err) {
      logger.warn({ err: (err as Error).message, ...(signal.aborted ? {} : { retryInMs: retryMs }) }, "the scheduler could not start");
      if (signal.aborted) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, retryMs);
        signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
      });
      if (signal.aborted) return undefined;
    }
  }
}
