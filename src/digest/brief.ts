import type { MemberRef, TaskRow } from "../core/model.ts";
import { action, mention, type Block, type Button, type Reply } from "../core/reply.ts";
import { translator, type Translator } from "../core/i18n/index.ts";
import { targetFigures } from "../core/targets/view.ts";
import {
  completion,
  membersByUnit,
  overdueTasks,
  ownerUnitIds,
  staleTasks,
  todayIn,
  upcomingDeadlines,
  UPCOMING_DAYS,
  type DigestData,
} from "./analyze.ts";
import type { DigestOptions } from "./build.ts";
import { clip, dayTime, progressBar } from "./text.ts";

/** The channel message stays within this many lines on a phone (the preview adds one line). */
export const BRIEF_MAX_LINES = 24;
const NUMBERS_SHOWN = 5;
const TARGETS_SHOWN = 3;
const UNITS_SHOWN = 4;

/** The command (and button) that shows a digest's full detail. */
export const DETAIL_COMMAND = "/digest full";

/** `任务 3、7、9 等 12 项` — a few task numbers and the count. */
function numbers(t: Translator, tasks: TaskRow[]): string {
  const shown = tasks.slice(0, NUMBERS_SHOWN).map((x) => x.number).join(t("digest.sep.names"));
  return tasks.length > NUMBERS_SHOWN ? t("brief.numbersMore", { numbers: shown, count: tasks.length }) : t("brief.numbers", { numbers: shown });
}

interface UnitDue {
  unitId: number;
  name: string;
  overdue: TaskRow[];
  blocked: TaskRow[];
  stale: number;
}

/** Units owning overdue, blocked or stale open tasks, the most urgent first. */
function unitsToFollow(data: DigestData, overdue: TaskRow[], blocked: TaskRow[], stale: TaskRow[]): UnitDue[] {
  const byUnit = new Map<number, UnitDue>();
  const add = (task: TaskRow, kind: "overdue" | "blocked" | "stale") => {
    for (const unitId of ownerUnitIds(task)) {
      let u = byUnit.get(unitId);
      if (!u) byUnit.set(unitId, (u = { unitId, name: task.units.find((x) => x.unitId === unitId)!.name, overdue: [], blocked: [], stale: 0 }));
      if (kind === "stale") u.stale++;
      else u[kind].push(task);
    }
  };
  for (const x of overdue) add(x, "overdue");
  for (const x of blocked) add(x, "blocked");
  for (const x of stale) add(x, "stale");
  return [...byUnit.values()].sort(
    (a, b) => b.overdue.length + b.blocked.length - (a.overdue.length + a.blocked.length) || b.stale - a.stale || a.unitId - b.unitId,
  );
}

/**
 * The digest's channel message: short enough for a phone (at most {@link BRIEF_MAX_LINES} lines
 * as the console renders it) — counts, what changed in the period, what is overdue or blocked,
 * targets behind pace, and the units to follow up with their people each mentioned once — and a
 * button for the full detail ({@link DETAIL_COMMAND}).
 */
export function buildDigest(data: DigestData, o: DigestOptions): Reply {
  const t = translator(o.locale);
  const today = todayIn(o.now, o.timezone);
  const open = data.tasks.filter((x) => x.progress.status !== "done");
  const c = completion(data.tasks);
  const share = c.total ? c.done / c.total : 0;
  const blocks: Block[] = [
    { type: "header", text: t("digest.title", { plan: data.plan.title }) },
    { type: "context", text: t("digest.period", { from: dayTime(o.window.from, o.timezone), to: dayTime(o.window.to, o.timezone) }) },
    {
      type: "text",
      text: t("brief.overall", {
        bar: progressBar(share, 10),
        done: c.done,
        total: c.total,
        percent: Math.round(share * 100),
        in_progress: c.in_progress,
        not_started: c.not_started,
        blocked: c.blocked,
      }),
    },
  ];

  // What changed: the period's reports, tasks finished and newly blocked in it.
  const byId = new Map(data.tasks.map((x) => [x.id, x]));
  const reported = new Set(data.updates.flatMap((u) => (u.taskId !== null ? [u.taskId] : [])));
  const targetsReported = new Set(data.updates.flatMap((u) => (u.taskId === null && u.targetId !== null ? [u.targetId] : [])));
  const became = (status: "done" | "blocked") =>
    [...new Set(data.updates.filter((u) => u.status === status && u.taskId !== null).map((u) => u.taskId!))]
      .map((id) => byId.get(id))
      .filter((x): x is TaskRow => x !== undefined && x.progress.status === status)
      .sort((a, b) => data.tasks.indexOf(a) - data.tasks.indexOf(b));
  const done = became("done");
  const newlyBlocked = became("blocked");
  const changes = data.updates.length
    ? [
        t("brief.changes.count", { count: data.updates.length, tasks: reported.size, targets: targetsReported.size }),
        ...(done.length ? [t("brief.changes.done", { count: done.length, tasks: numbers(t, done) })] : []),
        ...(newlyBlocked.length ? [t("brief.changes.blocked", { count: newlyBlocked.length, tasks: numbers(t, newlyBlocked) })] : []),
      ]
    : [t("digest.updates.none")];
  blocks.push({ type: "header", text: t("brief.section.changes") }, { type: "list", items: changes });

  // What needs attention.
  const overdue = overdueTasks(data.tasks, today).map((x) => x.task);
  const blocked = open.filter((x) => x.progress.status === "blocked");
  const stale = staleTasks(data.tasks, data.activity, o.now, o.staleDays).map((x) => x.task);
  const soon = upcomingDeadlines(data.tasks, today).map((x) => x.task);
  const attention = [
    ...(overdue.length ? [t("brief.attention.overdue", { count: overdue.length, tasks: numbers(t, overdue) })] : []),
    ...(blocked.length ? [t("brief.attention.blocked", { count: blocked.length, tasks: numbers(t, blocked) })] : []),
    ...(stale.length ? [t("brief.attention.stale", { count: stale.length, days: o.staleDays })] : []),
    ...(soon.length ? [t("brief.attention.soon", { count: soon.length, days: UPCOMING_DAYS, tasks: numbers(t, soon) })] : []),
  ];
  blocks.push({ type: "header", text: t("brief.section.attention") });
  blocks.push(attention.length ? { type: "list", items: attention } : { type: "context", text: t("digest.none") });

  // Targets behind their yearly pace.
  if (data.targets.length) {
    const display = { now: o.now, timezone: o.timezone, locale: o.locale };
    const behind = data.targets
      .map((target) => ({ target, f: targetFigures(target, display) }))
      .filter(({ f }) => f.status === "behind" || f.status === "at_risk")
      .sort((a, b) => (a.f.status === b.f.status ? 0 : a.f.status === "at_risk" ? -1 : 1));
    blocks.push({ type: "header", text: t("brief.section.targets", { count: behind.length, total: data.targets.length }) });
    if (!behind.length) blocks.push({ type: "context", text: t("brief.targets.none") });
    else {
      blocks.push({
        type: "list",
        items: behind.slice(0, TARGETS_SHOWN).map(({ target, f }) =>
          t("brief.target.line", {
            name: clip(target.name, 24),
            latest: f.latest ?? t("digest.target.none"),
            year: f.result.milestone?.year ?? f.result.final?.year ?? "—",
            milestone: f.milestone ?? f.final ?? t("digest.target.none"),
            status: `${f.status === "at_risk" ? "🔴" : "🟡"} ${f.statusText}`,
          }),
        ),
      });
      if (behind.length > TARGETS_SHOWN) blocks.push({ type: "context", text: t("digest.more", { count: behind.length - TARGETS_SHOWN }) });
    }
  }

  // Units to follow up, each with its people mentioned once in the whole message.
  const units = unitsToFollow(data, overdue, blocked, stale);
  if (units.length) {
    const people = membersByUnit(data.members);
    const mentioned = new Set<number>();
    const items = units.slice(0, UNITS_SHOWN).map((u) => {
      const fresh: MemberRef[] = [];
      for (const m of people.get(u.unitId) ?? []) {
        if (mentioned.has(m.member.id)) continue;
        mentioned.add(m.member.id);
        fresh.push(m.member);
      }
      const who = fresh.map((m) => mention(m.platform, m.platformUserId, m.displayName)).join(" ");
      const what = [
        ...(u.overdue.length ? [t("brief.unit.overdue", { tasks: numbers(t, u.overdue) })] : []),
        ...(u.blocked.length ? [t("brief.unit.blocked", { tasks: numbers(t, u.blocked) })] : []),
        ...(u.stale ? [t("brief.unit.stale", { count: u.stale })] : []),
      ].join(t("digest.sep.items"));
      return t("brief.unit.line", { unit: clip(u.name, 20), who: who ? ` ${who}` : "", what });
    });
    blocks.push({ type: "header", text: t("brief.section.units", { count: units.length }) }, { type: "list", items });
    if (units.length > UNITS_SHOWN) blocks.push({ type: "context", text: t("brief.unitsMore", { count: units.length - UNITS_SHOWN }) });
  }

  const detail: Button = { ...action("digest-full"), label: t("brief.button.full"), command: DETAIL_COMMAND };
  blocks.push(
    { type: "context", text: t("brief.footer", { time: dayTime(o.now, o.timezone), timezone: o.timezone, command: DETAIL_COMMAND }) },
    { type: "actions", buttons: [detail] },
  );
  return { blocks };
}
