import { z } from "zod";
import { splitArgs } from "../core/input.ts";
import type { CommandContext, PermissionRule, RowRef } from "../core/command.ts";
import { reply, type Reply } from "../core/reply.ts";
import { lastCalendarYear, unpublishedYear } from "../scheduler/calendar.ts";
import { CronError, MAX_TIMES_PER_DAY, parseCron } from "../scheduler/cron.ts";
import { currentPeriod, nextOccurrence, type ScheduleTiming } from "../scheduler/periods.ts";
import { isValidTimeZone, localDate } from "../core/tz.ts";
import type { RunRecord, ScheduleKind, ScheduleRecord } from "../scheduler/types.ts";
import { translator, type MessageKey, type Translator } from "../core/i18n/index.ts";
import { dayTime } from "./text.ts";

export const DEFAULT_CRON: Record<ScheduleKind, string> = { digest: "0 9 * * 1", remind: "0 10 * * 4" };

const ALL_DAYS = ["all-days", "alldays", "everyday", "nocalendar", "不顺延", "不順延", "含节假日", "含節假日"];
const WORKDAYS = ["workdays", "工作日", "顺延", "順延"];
const TIMEZONE = /^(?:[A-Za-z_]+(?:\/[A-Za-z0-9_+\-]+)+|UTC|GMT)$/;

/** The action a sub-command word names (`schedule`, `设置` …), or null. */
export function findAction<A extends string>(actions: Record<A, readonly string[]>, word: string): A | null {
  const w = word.toLowerCase();
  return (Object.keys(actions) as A[]).find((a) => actions[a].includes(w)) ?? null;
}

/**
 * The zod args and text parser shared by /digest and /remind: an action word (any of its
 * aliases; none → "status") followed by free tokens.
 */
export function actionArgs<A extends string>(actions: Record<A, readonly string[]>) {
  const names = Object.keys(actions) as [A, ...A[]];
  return {
    args: z.object({ action: z.enum(names), tokens: z.array(z.string()) }),
    input(rest: string) {
      const [first = "", ...tokens] = splitArgs(rest);
      if (!first) return { action: "status", tokens };
      return { action: findAction(actions, first) ?? first, tokens };
    },
  };
}

export const privateText = (text: string): Reply => reply([{ type: "text", text }], { private: true });

type Parsed = { ok: true; timing: ScheduleTiming } | { ok: false; text: string };

/** `0 9 * * 1 Asia/Shanghai 不顺延` → cron, time zone, calendar flag (each optional). */
export function parseScheduleArgs(tokens: string[], t: Translator, defaults: { cron: string; timezone: string }): Parsed {
  let timezone = defaults.timezone;
  let workdaysOnly = true;
  const cronParts: string[] = [];
  for (const token of tokens) {
    const lower = token.toLowerCase();
    if (ALL_DAYS.includes(lower)) workdaysOnly = false;
    else if (WORKDAYS.includes(lower)) workdaysOnly = true;
    else if (TIMEZONE.test(token)) timezone = token;
    else cronParts.push(...token.split(/\s+/).filter(Boolean));
  }
  if (!isValidTimeZone(timezone)) return { ok: false, text: t("digest.badTimezone", { timezone }) };
  const cron = cronParts.length ? cronParts.join(" ") : defaults.cron;
  try {
    parseCron(cron);
  } catch (err) {
    if (!(err instanceof CronError)) throw err;
    const key: Record<CronError["problem"], MessageKey> = {
      syntax: "digest.badCron",
      seconds: "digest.cronSeconds",
      too_frequent: "digest.cronFrequent",
      unsupported: "digest.cronUnsupported",
    };
    return { ok: false, text: t(key[err.problem], { cron, max: MAX_TIMES_PER_DAY }) };
  }
  return { ok: true, timing: { cron, timezone, workdaysOnly } };
}

const kindName = (t: Translator, kind: ScheduleKind) => t(`digest.kind.${kind}`);

function calendarText(t: Translator, timing: ScheduleTiming): string {
  return timing.workdaysOnly ? t("digest.calendar.workdays") : t("digest.calendar.all");
}

/**
 * The channel's schedule of this kind as the row `off` touches: its plan is the one the schedule
 * posts (which may not be the channel's plan any more); without one, the channel's plan.
 */
export function scheduleRow(kind: ScheduleKind): (ctx: CommandContext) => Promise<RowRef> {
  return async (ctx) => {
    const s = await ctx.services.schedules.getSchedule(ctx.message.platform, ctx.message.channelId, kind);
    const plan = s ? await ctx.services.store.getPlan(s.planId) : null;
    if (plan) return { planId: plan.id, planTitle: plan.title, params: { note: "" } };
    const current = await ctx.requirePlan();
    return { planId: current.id, planTitle: current.title, params: { note: "" } };
  };
}

/**
 * The rows setting a schedule touches: the channel's plan (the new schedule posts it) and, when the
 * channel's active schedule of this kind posts another plan (the channel moved since), that schedule,
 * which the new one replaces.
 */
function replacedRows(kind: ScheduleKind): (ctx: CommandContext) => Promise<RowRef[]> {
  return async (ctx) => {
    const current = await ctx.requirePlan();
    const rows: RowRef[] = [{ planId: current.id, planTitle: current.title, params: { note: "" } }];
    const s = await ctx.services.schedules.getSchedule(ctx.message.platform, ctx.message.channelId, kind);
    const replaced = s?.enabled && s.planId !== current.id ? await ctx.services.store.getPlan(s.planId) : null;
    const note = replaced ? ctx.t("digest.replacesOther", { kind: kindName(ctx.t, kind), plan: replaced.title }) : "";
    if (replaced) rows.push({ planId: replaced.id, planTitle: replaced.title, params: { note } });
    return rows;
  };
}

/** Who may change a channel's digest or reminder schedule: admins of its plan (and of the plan it replaces). */
export function scheduleRules(kind: ScheduleKind): Record<"schedule" | "off", PermissionRule> {
  const denied = { denied: "digest.scheduleDenied", params: (_: unknown, ctx: CommandContext) => ({ kind: kindName(ctx.t, kind) }) } as const;
  return { schedule: { right: "planAdmin", row: replacedRows(kind), ...denied }, off: { right: "planAdmin", row: scheduleRow(kind), ...denied } };
}

/** `/digest schedule …`, `/remind schedule …` (plan admins: the command's declared permission). */
export async function setSchedule(ctx: CommandContext, kind: ScheduleKind, tokens: string[]): Promise<Reply> {
  const plan = await ctx.requirePlan();
  const t = translator(ctx.locale);
  const parsed = parseScheduleArgs(tokens, t, { cron: DEFAULT_CRON[kind], timezone: ctx.channel.timezone ?? ctx.services.settings.timezone });
  if (!parsed.ok) return privateText(parsed.text);
  const { timing } = parsed;
  const next = nextOccurrence(timing, ctx.now);
  if (!next) return privateText(t("digest.cronNever", { cron: timing.cron }));
  const { platform, channelId, userId } = ctx.message;
  await ctx.services.schedules.saveSchedule(
    { platform, channelId, planId: plan.id, kind, ...timing, locale: null, createdBy: `${platform}:${userId}` },
    ctx.now,
  );
  const lines = [
    t("digest.scheduled", { kind: kindName(t, kind), cron: timing.cron, timezone: timing.timezone, calendar: calendarText(t, timing), next: nextText(t, timing, next) }),
  ];
  const warning = calendarWarning(t, timing, ctx.now);
  if (warning) lines.push(warning);
  return reply([{ type: "text", text: lines.join("\n") }]);
}

function nextText(t: Translator, timing: ScheduleTiming, next: { at: Date; shiftedFrom: Date | null }): string {
  const shifted = next.shiftedFrom ? t("digest.status.shifted", { from: dayTime(next.shiftedFrom, timing.timezone) }) : "";
  return `${dayTime(next.at, timing.timezone)}${shifted}`;
}

/** `/digest off`, `/remind off` (admins of the schedule's plan: the command's declared permission). */
export async function turnOff(ctx: CommandContext, kind: ScheduleKind): Promise<Reply> {
  const t = translator(ctx.locale);
  const { platform, channelId } = ctx.message;
  const done = await ctx.services.schedules.disableSchedule(platform, channelId, kind, ctx.now);
  return reply([{ type: "text", text: t(done ? "digest.off" : "digest.offNone", { kind: kindName(t, kind) }) }]);
}

/** Localised reason: our own codes (`bot_down`, `period_ended` …) translated, platform text kept. */
export function reasonText(t: Translator, error: string | null): string {
  if (!error) return "—";
  const codes = ["bot_down", "period_ended", "plan_not_found", "interrupted"] as const;
  return error
    .split(" · ")
    .map((part) => {
      const code = codes.find((c) => c === part);
      return code ? t(`digest.reason.${code}`) : part;
    })
    .join(" · ");
}

export function outcomeText(t: Translator, run: RunRecord, tz: string): string {
  const reason = reasonText(t, run.error);
  switch (run.status) {
    case "retry":
      return t("digest.outcome.retry", { at: run.nextAttemptAt ? dayTime(run.nextAttemptAt, tz) : "—" });
    case "partial":
    case "failed":
    case "missed":
      return t(`digest.outcome.${run.status}`, { reason });
    default:
      return t(`digest.outcome.${run.status}`);
  }
}

/** How far ahead a schedule on the work calendar warns about a year nobody has published. */
export const CALENDAR_LOOKAHEAD_DAYS = 60;

/**
 * A warning while there is time to act: the coming weeks reach a year the work calendar does not
 * know (neither chinese-days nor DUBAN_CALENDAR_FILE), where only Monday–Friday counts.
 */
export function calendarWarning(t: Translator, timing: Pick<ScheduleTiming, "workdaysOnly" | "timezone">, now: Date): string | null {
  if (!timing.workdaysOnly) return null;
  const from = localDate(now, timing.timezone);
  const to = localDate(new Date(now.getTime() + CALENDAR_LOOKAHEAD_DAYS * 86_400_000), timing.timezone);
  const year = unpublishedYear(from, to);
  return year === null ? null : t("digest.calendar.beyond", { year, last: lastCalendarYear() });
}

/** `/digest status`, `/remind status`: schedule, next run, the last runs and their outcome. */
export async function showStatus(ctx: CommandContext, kind: ScheduleKind): Promise<Reply> {
  const t = translator(ctx.locale);
  const schedules = ctx.services.schedules;
  const s = await schedules.getSchedule(ctx.message.platform, ctx.message.channelId, kind);
  const title = { type: "header" as const, text: t("digest.status.title", { kind: kindName(t, kind) }) };
  if (!s) return reply([title, { type: "text", text: t("digest.status.none", { kind: kindName(t, kind), command: `/${kind} schedule` }) }]);
  const runs = await schedules.listRuns(s.id, 3);
  const next = s.enabled ? nextOccurrence(s, ctx.now) : null;
  const fields = [
    { label: t("digest.status.schedule"), value: `${t("digest.valueAt", { value: s.cron, when: s.timezone })}${s.enabled ? "" : ` · ${t("digest.status.disabled")}`}` },
    { label: t("digest.status.calendar"), value: calendarText(t, s) },
    ...(next ? [{ label: t("digest.status.next"), value: nextText(t, s, next) }] : []),
    {
      label: t("digest.status.last"),
      value: runs.length ? runs.map((r) => `${dayTime(r.dueAt, s.timezone)} · ${outcomeText(t, r, s.timezone)}`).join("\n") : t("digest.status.never"),
    },
  ];
  const warning = s.enabled ? calendarWarning(t, s, ctx.now) : null;
  return reply([title, { type: "fields", fields }, ...(warning ? [{ type: "context" as const, text: warning }] : [])]);
}

/** What a digest sent now would cover: from the schedule's latest occurrence (or a week) to now. */
export function previewWindow(s: ScheduleRecord | null, now: Date, timezone: string): { from: Date; to: Date; timezone: string } {
  const timing = s ?? { cron: DEFAULT_CRON.digest, timezone, workdaysOnly: true };
  let from: Date | null = null;
  try {
    from = currentPeriod(timing, now)?.dueAt ?? null;
  } catch {
    from = null;
  }
  return { from: from ?? new Date(now.getTime() - 7 * 86_400_000), to: now, timezone: timing.timezone };
}
