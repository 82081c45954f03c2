import cron, { type ScheduledTask } from "node-cron";
import type { LogSink } from "../core/command.ts";
import { parseCron } from "./cron.ts";
import type { Scheduler } from "./scheduler.ts";
import type { ScheduleStore } from "./types.ts";

export interface CronDriver {
  /** Re-reads the schedules from the store and (re)creates their cron tasks. */
  sync(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Binds the scheduler to node-cron. Each enabled schedule gets a task on its own cron and time
 * zone (on-time firing); a one-minute sweep re-syncs the tasks from the store (schedules changed
 * by commands or other instances) and ticks, which covers holiday shifts, retries and takeovers.
 * All decisions stay in the scheduler's plain functions; cron only calls them.
 */
export async function startCronDriver(scheduler: Scheduler, schedules: ScheduleStore, log: LogSink): Promise<CronDriver> {
  const tasks = new Map<number, { signature: string; task: ScheduledTask }>();
  let inFlight: Promise<unknown> = Promise.resolve();
  const tick = () => {
    const run = scheduler.tick().catch((err: unknown) => {
      log.error({ err }, "scheduler tick failed");
    });
    inFlight = Promise.all([inFlight, run]);
    return run;
  };

  async function sync(): Promise<void> {
    const wanted = new Map<number, { cron: string; timezone: string }>();
    for (const s of await schedules.listSchedules()) {
      if (!s.enabled) continue;
      try {
        parseCron(s.cron);
        wanted.set(s.id, { cron: s.cron, timezone: s.timezone });
      } catch {
        // Logged by the scheduler; no task for an unusable expression.
      }
    }
    for (const [id, entry] of tasks) {
      const w = wanted.get(id);
      if (!w || `${w.cron}|${w.timezone}` !== entry.signature) {
        await entry.task.destroy();
        tasks.delete(id);
      }
    }
    for (const [id, w] of wanted) {
      if (tasks.has(id)) continue;
      const task = cron.schedule(w.cron, tick, { timezone: w.timezone, name: `duban-schedule-${id}`, noOverlap: true });
      tasks.set(id, { signature: `${w.cron}|${w.timezone}`, task });
    }
  }

  await scheduler.recover();
  await sync();
  const sweep = cron.schedule(
    "* * * * *",
    async () => {
      try {
        await sync();
      } catch (err) {
        log.error({ err }, "could not reload schedules");
      }
      await tick();
    },
    { name: "duban-schedule-sweep", noOverlap: true },
  );
  log.info({ schedules: tasks.size, instance: scheduler.instanceId }, "scheduler started");

  return {
    sync,
    async stop() {
      await sweep.destroy();
      for (const { task } of tasks.values()) await task.destroy();
      tasks.clear();
      // Graceful shutdown: a digest being posted finishes (and is recorded) before the store closes.
      await inFlight;
    },
  };
}
