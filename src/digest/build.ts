import type { TargetView, UpdateView } from "../core/model.ts";
import type { Block, Reply } from "../core/reply.ts";
import {
  completion,
  groupUpdates,
  membersByUnit,
  overdueTasks,
  ownerUnitIds,
  silentUnits,
  staleTasks,
  taskOwners,
  todayIn,
  upcomingDeadlines,
  upcomingPlanDeadlines,
  UPCOMING_DAYS,
  type DigestData,
} from "./analyze.ts";
import { translator, type Locale, type Translator } from "../core/i18n/index.ts";
import { formatKindValue } from "../core/targets/format.ts";
import { targetFigures } from "../core/targets/view.ts";
import { clip, day, dayTime, mentions, progressBar, section, shortDay } from "./text.ts";

export interface DigestOptions {
  locale: Locale;
  now: Date;
  timezone: string;
  staleDays: number;
  /** The period reported on: updates created in [from, to). */
  window: { from: Date; to: Date };
  /** Caps per section (tests and small screens may lower them). */
  cap?: number;
}

const DEFAULT_CAP = 15;

function overall(t: Translator, data: DigestData): Block[] {
  const c = completion(data.tasks);
  const share = c.total ? c.done / c.total : 0;
  return [
    { type: "divider" },
    { type: "header", text: t("digest.section.overall") },
    { type: "text", text: t("digest.overall.bar", { bar: progressBar(share), done: c.done, total: c.total, percent: Math.round(share * 100) }) },
    {
      type: "fields",
      fields: (["done", "in_progress", "not_started", "blocked"] as const).map((s) => ({ label: t(`digest.taskStatus.${s}`), value: String(c[s]) })),
    },
  ];
}

const STATUS_MARK = { achieved: "✅", on_track: "🟢", behind: "🟡", at_risk: "🔴", no_data: "⚪" } as const;

function targetLines(t: Translator, data: DigestData, o: DigestOptions): string[] {
  return data.targets.map((target) => {
    const f = targetFigures(target, { now: o.now, timezone: o.timezone, locale: o.locale });
    const none = t("digest.target.none");
    return t("digest.target.line", {
      name: target.name,
      baseline: f.baseline && target.baseline ? t("digest.valueAt", { value: f.baseline, when: target.baseline.year }) : none,
      latest: f.latest && target.latest ? t("digest.valueAt", { value: f.latest, when: day(target.latest.at, o.timezone) }) : none,
      year: f.result.milestone?.year ?? f.result.final?.year ?? "—",
      milestone: f.milestone ?? f.final ?? none,
      status: `${STATUS_MARK[f.status]} ${f.statusText}`,
    });
  });
}

function updateText(t: Translator, u: UpdateView, target: TargetView | undefined, o: DigestOptions): string {
  const tz = o.timezone;
  const who = t("digest.update.by", { who: u.member?.displayName ?? "?", date: shortDay(u.createdAt, tz) });
  const parts: string[] = [];
  if (u.status) parts.push(t(`digest.taskStatus.${u.status}`));
  if (u.percent !== null && u.status !== "done") parts.push(`${u.percent}%`);
  if (u.value !== null) parts.push(t("digest.update.value", { value: formatKindValue(u.value, target?.unit ?? "", target?.kind ?? "level", o.locale) }));
  if (u.note) parts.push(clip(u.note));
  return t("digest.update.line", { who, parts: parts.join(t("digest.sep.parts")) });
}

function updateLines(t: Translator, data: DigestData, o: DigestOptions): string[] {
  const targets = new Map(data.targets.map((x) => [x.id, x]));
  return groupUpdates(data).map((g) => {
    const head = g.taskNumber ? t("digest.update.task", { number: g.taskNumber, title: g.title }) : t("digest.update.target", { name: g.title });
    const shown = g.updates.slice(-5).map((u) => updateText(t, u, u.targetId !== null ? targets.get(u.targetId) : undefined, o));
    return `${head} — ${shown.join(t("digest.sep.items"))}`;
  });
}

function silentSection(t: Translator, names: string[], cap: number): Block[] {
  const more = names.length > cap ? ` ${t("digest.more", { count: names.length - cap })}` : "";
  return [
    { type: "divider" },
    { type: "header", text: t("digest.section.silent", { count: names.length }) },
    names.length ? { type: "text", text: names.slice(0, cap).join(t("digest.sep.names")) + more } : { type: "context", text: t("digest.none") },
  ];
}

/**
 * The full detail of a digest for one plan and period (every section, owners named without
 * mentioning them), as a neutral reply: what the digest's "full detail" button shows.
 */
export function buildDigestDetail(data: DigestData, o: DigestOptions): Reply {
  const t = translator(o.locale);
  const cap = o.cap ?? DEFAULT_CAP;
  const today = todayIn(o.now, o.timezone);
  const byUnit = membersByUnit(data.members);
  const owners = (task: DigestData["tasks"][number]) =>
    mentions(
      t,
      taskOwners(task, byUnit),
      ownerUnitIds(task).map((id) => task.units.find((u) => u.unitId === id)!.name),
      { plain: true },
    );
  const updates = updateLines(t, data, o);
  const overdue = overdueTasks(data.tasks, today).map(({ task, date, days }) =>
    t("digest.overdue.line", { number: task.number, title: clip(task.title, 40), date, days, owners: owners(task) }).trim(),
  );
  const stale = staleTasks(data.tasks, data.activity, o.now, o.staleDays).map(({ task, last }) =>
    t("digest.stale.line", {
      number: task.number,
      title: clip(task.title, 40),
      since: last ? t("digest.stale.since", { date: day(last, o.timezone), days: Math.floor((o.now.getTime() - last.getTime()) / 86_400_000) }) : t("digest.stale.never"),
      owners: owners(task),
    }).trim(),
  );
  const upcoming = [
    ...upcomingPlanDeadlines(data.planDeadlines ?? [], today).map(({ text, date, days }) =>
      t("digest.upcoming.planLine", { text: clip(text, 50), date, days }),
    ),
    ...upcomingDeadlines(data.tasks, today).map(({ task, date, days }) =>
      t("digest.upcoming.line", { number: task.number, title: clip(task.title, 40), date, days, owners: owners(task) }).trim(),
    ),
  ];
  const silent = silentUnits(data).map((u) => u.name);
  const none = t("digest.none");
  return {
    blocks: [
      { type: "header", text: t("digest.title", { plan: data.plan.title }) },
      { type: "context", text: t("digest.period", { from: dayTime(o.window.from, o.timezone), to: dayTime(o.window.to, o.timezone) }) },
      ...overall(t, data),
      ...section(t, t("digest.section.targets"), targetLines(t, data, o), cap * 2, none),
      ...section(t, t("digest.section.updates", { count: data.updates.length }), updates, cap, t("digest.updates.none")),
      ...section(t, t("digest.section.overdue", { count: overdue.length }), overdue, cap, none),
      ...section(t, t("digest.section.stale", { days: o.staleDays, count: stale.length }), stale, cap, none),
      ...section(t, t("digest.section.upcoming", { days: UPCOMING_DAYS, count: upcoming.length }), upcoming, cap, none),
      ...silentSection(t, silent, cap * 3),
      { type: "divider" },
      { type: "context", text: t("digest.footer", { time: dayTime(o.now, o.timezone), timezone: o.timezone }) },
    ],
  };
}
