import type { CoreSettings, LogSink } from "../core/command.ts";
import { isLocale, type Locale } from "../core/i18n/index.ts";
import type { Store } from "../core/store.ts";
import { buildDigest } from "../digest/brief.ts";
import { loadDigestData } from "../digest/data.ts";
import { buildReminder, planReminders } from "../digest/reminders.ts";
import type { DeliveryJob } from "./deliver.ts";
import type { Poster, RunRecord, ScheduleRecord, ScheduleStore } from "./types.ts";

export interface JobDeps {
  store: Store;
  schedules: ScheduleStore;
  settings: Pick<CoreSettings, "defaultLocale" | "staleDays">;
  /** Where the digest's chart goes: attached only when the poster sends files there. */
  poster?: Pick<Poster, "acceptsFiles">;
  log?: LogSink;
}

const WEEK = 7 * 86_400_000;

/** The schedule's language: its own, else the channel's, else the default. */
export async function scheduleLocale(deps: JobDeps, s: ScheduleRecord): Promise<Locale> {
  if (s.locale && isLocale(s.locale)) return s.locale;
  const channel = await deps.store.getChannel(s.platform, s.channelId);
  return channel.locale ?? deps.settings.defaultLocale;
}

/**
 * The messages a run sends: the channel digest, or one reminder per member. Null when the plan
 * no longer exists.
 */
export async function buildJobs(deps: JobDeps, s: ScheduleRecord, run: RunRecord, now: Date): Promise<DeliveryJob[] | null> {
  const window = { from: run.coversFrom ?? new Date(run.dueAt.getTime() - WEEK), to: run.dueAt };
  const data = await loadDigestData(deps, s.planId, window);
  if (!data) return null;
  const locale = await scheduleLocale(deps, s);
  const channel = { platform: s.platform, channelId: s.channelId };
  const key = `duban:${s.kind}:${s.id}:${run.periodKey}`;
  const { staleDays } = deps.settings;
  if (s.kind === "digest") {
    const reply = buildDigest(data, { locale, now, timezone: s.timezone, staleDays, window });
    if (deps.poster?.acceptsFiles?.(channel)) {
      // The status chart with the message; a chart that cannot be drawn leaves the digest as it is.
      try {
        const { chartPlan } = await import("../reports/charts/index.ts");
        const chart = await chartPlan(deps.store, { planId: s.planId, kind: "units", now, timezone: s.timezone, locale });
        if (chart) reply.files = [chart.file];
      } catch (err) {
        deps.log?.warn({ schedule: s.id, err: err instanceof Error ? err.message : String(err) }, "digest chart not drawn");
      }
    }
    return [{ recipient: "channel", target: channel, reply, idempotencyKey: key }];
  }
  return planReminders(data, { now, staleDays, platform: s.platform, periodFrom: window.from }).map((r) => {
    const o = { planId: data.plan.id, planTitle: data.plan.title, locale: r.locale ?? locale, now, staleDays, timezone: s.timezone };
    const recipient = `dm:${r.member.platform}:${r.member.platformUserId}`;
    return {
      recipient,
      target: { platform: r.member.platform, userId: r.member.platformUserId },
      reply: buildReminder(r, o),
      fallback: { target: channel, reply: buildReminder(r, { ...o, locale, viaChannel: true }) },
      idempotencyKey: `${key}:${recipient}`,
    };
  });
}
