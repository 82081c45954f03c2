import { nextDeadlineDate } from "../core/deadlines.ts";
import type { DeadlineRef, MemberRef, TargetView, TaskRow, TaskStatus, UpdateView } from "../core/model.ts";
import type { PlanMember } from "../scheduler/types.ts";
import { addDays, daysBetween, localDate } from "../core/tz.ts";

/** Everything a digest or a reminder is built from; loaded once per run. */
export interface DigestData {
  plan: { id: number; title: string };
  tasks: TaskRow[];
  targets: TargetView[];
  /** Progress rows created in the period, oldest first, retracted ones and retractions left out. */
  updates: UpdateView[];
  /** Newest non-retracted progress row per task id. */
  activity: Map<number, Date>;
  members: PlanMember[];
  /** Deadlines of the plan itself, outside any task. */
  planDeadlines?: DeadlineRef[];
}

export const UPCOMING_DAYS = 14;

/** Units expected to report on a task: every unit but supporting ones (配合), unless only those are named. */
export function ownerUnitIds(task: TaskRow): number[] {
  const owners = task.units.filter((u) => u.role !== "support");
  return [...new Set((owners.length ? owners : task.units).map((u) => u.unitId))];
}

export function membersByUnit(members: PlanMember[]): Map<number, PlanMember[]> {
  const out = new Map<number, PlanMember[]>();
  for (const m of members) out.set(m.unitId, [...(out.get(m.unitId) ?? []), m]);
  return out;
}

/** The people to mention for a task: members of its owner units (deduplicated). */
export function taskOwners(task: TaskRow, byUnit: Map<number, PlanMember[]>): MemberRef[] {
  const seen = new Map<number, MemberRef>();
  for (const unitId of ownerUnitIds(task)) for (const m of byUnit.get(unitId) ?? []) seen.set(m.member.id, m.member);
  return [...seen.values()];
}

export function completion(tasks: TaskRow[]): Record<TaskStatus, number> & { total: number } {
  const out = { done: 0, in_progress: 0, not_started: 0, blocked: 0, total: tasks.length };
  for (const t of tasks) out[t.progress.status]++;
  return out;
}

const datedDeadlines = (t: TaskRow) => t.deadlines.map((d) => d.date).filter((d): d is string => d !== null).sort();

/** Open tasks whose last dated deadline has passed, most overdue first. */
export function overdueTasks(tasks: TaskRow[], today: string): { task: TaskRow; date: string; days: number }[] {
  return tasks
    .filter((t) => t.progress.status !== "done")
    .flatMap((task) => {
      const last = datedDeadlines(task).at(-1);
      return last && last < today ? [{ task, date: last, days: daysBetween(last, today) }] : [];
    })
    .sort((a, b) => b.days - a.days);
}

/**
 * Open tasks with a deadline in [today, today + days] — dated ones and this year's occurrence of
 * yearly ones (`每年12月15日前`) — soonest first.
 */
export function upcomingDeadlines(tasks: TaskRow[], today: string, days = UPCOMING_DAYS): { task: TaskRow; date: string; days: number }[] {
  const end = addDays(today, days);
  return tasks
    .filter((t) => t.progress.status !== "done")
    .flatMap((task) => {
      const next = nextDates(task.deadlines, today).find((d) => d <= end);
      return next ? [{ task, date: next, days: daysBetween(today, next) }] : [];
    })
    .sort((a, b) => a.days - b.days);
}

/** The plan's own deadlines falling in [today, today + days], soonest first. */
export function upcomingPlanDeadlines(deadlines: DeadlineRef[], today: string, days = UPCOMING_DAYS): { text: string; date: string; days: number }[] {
  const end = addDays(today, days);
  return deadlines
    .flatMap((d) => {
      const date = nextDeadlineDate(d, today);
      return date && date >= today && date <= end ? [{ text: d.text, date, days: daysBetween(today, date) }] : [];
    })
    .sort((a, b) => a.days - b.days);
}

const nextDates = (deadlines: DeadlineRef[], today: string) =>
  deadlines
    .map((d) => nextDeadlineDate(d, today))
    .filter((d): d is string => d !== null && d >= today)
    .sort();

/** Open tasks with no progress row in the last `staleDays` days (never-updated ones included), in plan order. */
export function staleTasks(tasks: TaskRow[], activity: Map<number, Date>, now: Date, staleDays: number): { task: TaskRow; last: Date | null }[] {
  const cutoff = now.getTime() - staleDays * 86_400_000;
  return tasks
    .filter((t) => t.progress.status !== "done")
    .map((task) => ({ task, last: activity.get(task.id) ?? null }))
    .filter(({ last }) => last === null || last.getTime() < cutoff);
}

/** Progress rows of the period grouped by task (plan order), then target-only rows by target. */
export function groupUpdates(data: DigestData): { key: string; taskNumber: string | null; title: string; updates: UpdateView[] }[] {
  const order = new Map(data.tasks.map((t, i) => [t.id, i]));
  const byId = new Map(data.tasks.map((t) => [t.id, t]));
  const groups = new Map<string, { key: string; taskNumber: string | null; title: string; updates: UpdateView[]; rank: number }>();
  for (const u of data.updates) {
    const task = u.taskId !== null ? byId.get(u.taskId) : undefined;
    const key = task ? `task:${task.id}` : `target:${u.targetId ?? u.id}`;
    let g = groups.get(key);
    if (!g) {
      g = task
        ? { key, taskNumber: task.number, title: task.title, updates: [], rank: order.get(task.id)! }
        : { key, taskNumber: null, title: u.targetName ?? "", updates: [], rank: Number.MAX_SAFE_INTEGER };
      groups.set(key, g);
    }
    g.updates.push(u);
  }
  return [...groups.values()].sort((a, b) => a.rank - b.rank).map(({ rank: _rank, ...g }) => g);
}

/**
 * Units with an open task to report on that showed no sign of life this period: no update on
 * any of their tasks and none from any of their members.
 */
export function silentUnits(data: DigestData): { unitId: number; name: string }[] {
  const updatedTasks = new Set(data.updates.map((u) => u.taskId));
  const activeMembers = new Set(data.updates.map((u) => u.member?.id));
  const byUnit = membersByUnit(data.members);
  const expected = new Map<number, string>();
  const reported = new Set<number>();
  for (const task of data.tasks) {
    if (task.progress.status === "done") continue;
    for (const unitId of ownerUnitIds(task)) {
      expected.set(unitId, task.units.find((u) => u.unitId === unitId)!.name);
      if (updatedTasks.has(task.id)) reported.add(unitId);
    }
  }
  for (const unitId of expected.keys()) {
    if ((byUnit.get(unitId) ?? []).some((m) => activeMembers.has(m.member.id))) reported.add(unitId);
  }
  return [...expected].filter(([id]) => !reported.has(id)).map(([unitId, name]) => ({ unitId, name }));
}

export const todayIn = (now: Date, timezone: string) => localDate(now, timezone);
