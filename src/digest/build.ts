import type { Locale } from "../core/i18n/index.ts";
import type { UpdateView } from "../core/model.ts";
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
  UPCOMING_DAYS,
  type DigestData,
} from "./analyze.ts";
import { digestTranslator, type DigestT } from "./i18n.ts";
import { computeTargetStatus, formatTargetValue } from "./targets.ts";
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

function overall(t: DigestT, data: DigestData): Block[] {
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

function targetLines(t: DigestT, data: DigestData, o: DigestOptions): string[] {
  return data.targets.map((target) => {
    const s = computeTargetStatus(target, o.now, o.timezone);
    const v = (value: number) => formatTargetValue(value, target.unit);
    const m = s.milestone;
    return t("digest.target.line", {
      name: target.name,
      baseline: target.baseline ? `${v(target.baseline.value)}（${target.baseline.year}）` : t("digest.target.none"),
      latest: target.latest ? `${v(target.latest.value)}（${day(target.latest.at, o.timezone)}）` : t("digest.target.none"),
      year: m?.year ?? "—",
      milestone: m ? (m.valueMax !== null ? `${v(m.value)}—${v(m.valueMax)}` : v(m.value)) : t("digest.target.none"),
      status: t(`digest.target.${s.status}`),
    });
  });
}

function updateText(t: DigestT, u: UpdateView, unit: string | undefined, tz: string): string {
  const who = t("digest.update.by", { who: u.member?.displayName ?? "?", date: shortDay(u.createdAt, tz) });
  const parts: string[] = [];
  if (u.status) parts.push(t(`digest.taskStatus.${u.status}`));
  if (u.percent !== null && u.status !== "done") parts.push(`${u.percent}%`);
  if (u.value !== null) parts.push(t("digest.update.value", { value: formatTargetValue(u.value, unit ?? "") }));
  if (u.note) parts.push(clip(u.note));
  return `${who}：${parts.join("，")}`;
}

function updateLines(t: DigestT, data: DigestData, tz: string): string[] {
  const units = new Map(data.targets.map((x) => [x.id, x.unit]));
  return groupUpdates(data).map((g) => {
    const head = g.taskNumber ? t("digest.update.task", { number: g.taskNumber, title: g.title }) : t("digest.update.target", { name: g.title });
    const shown = g.updates.slice(-5).map((u) => updateText(t, u, u.targetId !== null ? units.get(u.targetId) : undefined, tz));
    return `${head} — ${shown.join("；")}`;
  });
}

function silentSection(t: DigestT, names: string[], cap: number): Block[] {
  const more = names.length > cap ? ` ${t("digest.more", { count: names.length - cap })}` : "";
  return [
    { type: "divider" },
    { type: "header", text: t("digest.section.silent", { count: names.length }) },
    names.length ? { type: "text", text: names.slice(0, cap).join("、") + more } : { type: "context", text: t("digest.none") },
  ];
}

/** The digest for one plan and period, as a neutral reply (adapters render and split it). */
export function buildDigest(data: DigestData, o: DigestOptions): Reply {
  const t = digestTranslator(o.locale);
  const cap = o.cap ?? DEFAULT_CAP;
  const today = todayIn(o.now, o.timezone);
  const byUnit = membersByUnit(data.members);
  const owners = (task: DigestData["tasks"][number]) =>
    mentions(
      taskOwners(task, byUnit),
      ownerUnitIds(task).map((id) => task.units.find((u) => u.unitId === id)!.name),
    );
  const updates = updateLines(t, data, o.timezone);
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
  const upcoming = upcomingDeadlines(data.tasks, today).map(({ task, date, days }) =>
    t("digest.upcoming.line", { number: task.number, title: clip(task.title, 40), date, days, owners: owners(task) }).trim(),
  );
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
