import crypto from "node:crypto";
import os from "node:os";
import type { Clock } from "../core/clock.ts";
import type { CoreSettings, LogSink } from "../core/command.ts";
import type { Store } from "../core/store.ts";
import { CronError } from "./cron.ts";
import { DEFAULT_RETRY, deliver, type DeliveryOutcome, type RetryPolicy } from "./deliver.ts";
import { buildJobs } from "./jobs.ts";
import { currentPeriod, periodsDueBetween, type Period } from "./periods.ts";
import type { Poster, RunRecord, RunStatus, ScheduleRecord, ScheduleStore } from "./types.ts";

export interface SchedulerOptions {
  store: Store;
  schedules: ScheduleStore;
  poster: Poster;
  clock: Clock;
  log: LogSink;
  settings: Pick<CoreSettings, "defaultLocale" | "staleDays">;
  /** Names this process in claims; unique per process. */
  instanceId?: string;
  /** How long a claim holds before another instance may take the run over. */
  leaseMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
}

export interface TickReport {
  /** Runs this call finished, by final status. */
  finished: { scheduleId: number; periodKey: string; status: RunStatus }[];
  missed: number;
}

export interface Scheduler {
  readonly instanceId: string;
  /** Sends whatever is due now. Safe to call often and from several instances at once. */
  tick(): Promise<TickReport>;
  /** On start: records periods nobody ran while the bot was down, then ticks (resuming interrupted runs). */
  recover(): Promise<TickReport>;
}

export const DEFAULT_LEASE_MS = 10 * 60_000;
/** How far back `recover` records missed periods. */
const RECOVER_DAYS = 90;

const claimOf = (s: ScheduleRecord, p: Period) => ({ scheduleId: s.id, periodKey: p.key, dueAt: p.dueAt, coversFrom: p.coversFrom, expiresAt: p.expiresAt });

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { schedules, clock, log } = options;
  const instanceId = options.instanceId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const deliveryDeps = {
    schedules,
    poster: options.poster,
    clock,
    log,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
    retry: { ...DEFAULT_RETRY, ...options.retry },
  };
  const badCron = new Set<string>();

  function period(s: ScheduleRecord, now: Date): Period | null {
    try {
      return currentPeriod(s, now);
    } catch (err) {
      if (!(err instanceof CronError)) throw err;
      if (!badCron.has(`${s.id}:${s.cron}`)) log.error({ schedule: s.id, cron: s.cron }, "schedule has an unusable cron expression");
      badCron.add(`${s.id}:${s.cron}`);
      return null;
    }
  }

  async function execute(s: ScheduleRecord, run: RunRecord): Promise<RunStatus | null> {
    const finish = async (status: RunStatus, patch: { messageRef?: string | null; error?: string | null; nextAttemptAt?: Date | null } = {}) => {
      const ok = await schedules.finishRun(run.id, instanceId, { status, sentAt: status === "sent" || status === "partial" ? clock.now() : null, ...patch });
      if (!ok) log.warn({ schedule: s.id, period: run.periodKey }, "lost the claim on a run before finishing it");
      else log.info({ schedule: s.id, kind: s.kind, period: run.periodKey, status, error: patch.error }, "scheduled run finished");
      return ok ? status : null;
    };
    const jobs = await buildJobs({ ...options, schedules }, s, run, clock.now());
    if (!jobs) return finish("failed", { error: "plan_not_found" });
    const outcomes: DeliveryOutcome[] = [];
    for (const job of jobs) {
      if (!(await schedules.renewLease(run.id, instanceId, clock.now(), leaseMs))) {
        log.warn({ schedule: s.id, period: run.periodKey }, "lost the claim on a run; another instance continues it");
        return null;
      }
      outcomes.push(await deliver(deliveryDeps, run.id, job));
    }
    const sent = outcomes.filter((o) => o.status === "sent");
    const retries = outcomes.flatMap((o) => (o.status === "retry" ? [o] : []));
    const failed = outcomes.flatMap((o) => (o.status === "failed" ? [o] : []));
    const uncertain = outcomes.filter((o) => o.status === "uncertain" || o.status === "busy");
    const messageRef = sent.length && sent[0]!.status === "sent" ? sent[0]!.messageRef : null;
    if (retries.length) {
      const at = new Date(Math.min(...retries.map((r) => r.retryAt.getTime())));
      if (run.expiresAt && at < run.expiresAt) return finish("retry", { nextAttemptAt: at, error: retries[0]!.error, messageRef });
      return finish(sent.length ? "partial" : "failed", { error: `period_ended · ${retries[0]!.error}`, messageRef });
    }
    if (!failed.length && !uncertain.length) return finish("sent", { messageRef });
    const reason = failed.length ? failed[0]!.error : "interrupted";
    const summary = jobs.length > 1 ? `${reason} · ${failed.length + uncertain.length}/${jobs.length}` : reason;
    if (sent.length) return finish("partial", { messageRef, error: summary });
    return finish(failed.length ? "failed" : "uncertain", { error: summary });
  }

  async function runDue(s: ScheduleRecord, now: Date, report: TickReport): Promise<void> {
    const p = period(s, now);
    if (!p || p.dueAt < s.activeFrom) return;
    const run = await schedules.claimRun(claimOf(s, p), instanceId, now, leaseMs);
    if (!run) return;
    log.info({ schedule: s.id, kind: s.kind, period: p.key, attempt: run.attempts }, "claimed a scheduled run");
    const status = await execute(s, run);
    if (status) report.finished.push({ scheduleId: s.id, periodKey: p.key, status });
  }

  let chain: Promise<unknown> = Promise.resolve();

  async function tickOnce(): Promise<TickReport> {
    const now = clock.now();
    const report: TickReport = { finished: [], missed: 0 };
    for (const run of await schedules.expireRuns(now)) {
      log.warn({ schedule: run.scheduleId, period: run.periodKey }, "a run's period ended before it was delivered");
      report.missed++;
    }
    for (const s of await schedules.listSchedules()) {
      if (!s.enabled) continue;
      try {
        await runDue(s, now, report);
      } catch (err) {
        log.error({ schedule: s.id, err }, "scheduled run failed");
      }
    }
    return report;
  }

  function tick(): Promise<TickReport> {
    // Passes of one process never overlap (a cron task and the sweep may fire together).
    const pass = chain.then(tickOnce);
    chain = pass.catch(() => undefined);
    return pass;
  }

  async function recover(): Promise<TickReport> {
    const now = clock.now();
    let missed = 0;
    for (const s of await schedules.listSchedules()) {
      if (!s.enabled) continue;
      try {
        const last = (await schedules.listRuns(s.id, 1))[0];
        const floor = Math.max(s.activeFrom.getTime(), now.getTime() - RECOVER_DAYS * 86_400_000, last ? last.dueAt.getTime() + 1 : 0);
        for (const p of periodsDueBetween(s, new Date(floor), now)) {
          if (p.expiresAt > now) continue;
          if (await schedules.recordMissed(claimOf(s, p), instanceId, now, "bot_down")) missed++;
        }
      } catch (err) {
        if (!(err instanceof CronError)) log.error({ schedule: s.id, err }, "could not check for missed runs");
      }
    }
    if (missed) log.warn({ missed }, "recorded runs missed while the bot was down");
    const report = await tick();
    return { ...report, missed: report.missed + missed };
  }

  return { instanceId, tick, recover };
}
