import { isLocale, type Locale } from "../core/i18n/index.ts";
import type { MemberRef, TaskRow } from "../core/model.ts";
import { planScope } from "../core/plan-scope.ts";
import { action, mention, type Block, type Reply } from "../core/reply.ts";
import { membersByUnit, ownerUnitIds, staleTasks, type DigestData } from "./analyze.ts";
import { translator } from "../core/i18n/index.ts";
import { clip, day } from "./text.ts";

export interface ReminderItem {
  task: TaskRow;
  last: Date | null;
}

export interface Reminder {
  member: MemberRef;
  /** The member's own language, when set. */
  locale: Locale | null;
  items: ReminderItem[];
}

/** At most this many tasks per reminder (two buttons each). */
export const REMINDER_TASK_CAP = 10;

/**
 * Who gets reminded of what: members on `platform` mapped to owner units of stale open tasks,
 * minus paused members and minus tasks the member updated in the period (since `periodFrom`).
 */
export function planReminders(data: DigestData, o: { now: Date; staleDays: number; platform: string; periodFrom: Date }): Reminder[] {
  const byUnit = membersByUnit(data.members);
  const updatedBy = new Set(
    data.updates.filter((u) => u.createdAt >= o.periodFrom && u.member && u.taskId !== null).map((u) => `${u.member!.id}:${u.taskId}`),
  );
  const out = new Map<number, Reminder>();
  for (const item of staleTasks(data.tasks, data.activity, o.now, o.staleDays)) {
    for (const unitId of ownerUnitIds(item.task)) {
      for (const pm of byUnit.get(unitId) ?? []) {
        if (pm.member.platform !== o.platform) continue;
        if (pm.remindPausedUntil && pm.remindPausedUntil > o.now) continue;
        if (updatedBy.has(`${pm.member.id}:${item.task.id}`)) continue;
        let r = out.get(pm.member.id);
        if (!r) {
          r = { member: pm.member, locale: pm.locale && isLocale(pm.locale) ? pm.locale : null, items: [] };
          out.set(pm.member.id, r);
        }
        if (!r.items.some((i) => i.task.id === item.task.id)) r.items.push(item);
      }
    }
  }
  return [...out.values()];
}

/** The reminder message: stale tasks with one-tap "done" and an update form each. */
export function buildReminder(
  r: Reminder,
  o: { planId: number; planTitle: string; locale: Locale; now: Date; staleDays: number; timezone: string; viaChannel?: boolean },
): Reply {
  const t = translator(o.locale);
  const blocks: Block[] = [{ type: "header", text: t("remind.title", { plan: o.planTitle }) }];
  if (o.viaChannel) blocks.push({ type: "text", text: t("remind.fallback", { mention: mention(r.member.platform, r.member.platformUserId, r.member.displayName) }) });
  blocks.push({ type: "text", text: t("remind.intro", { name: r.member.displayName, days: o.staleDays }) });
  // The buttons write only while the clicking conversation follows this plan (core/plan-scope.ts).
  const scope = planScope(o.planId);
  for (const { task, last } of r.items.slice(0, REMINDER_TASK_CAP)) {
    const since = last
      ? t("digest.stale.since", { date: day(last, o.timezone), days: Math.floor((o.now.getTime() - last.getTime()) / 86_400_000) })
      : t("digest.stale.never");
    blocks.push({ type: "text", text: `${t("digest.update.task", { number: task.number, title: clip(task.title, 60) })} — ${since}` });
    blocks.push({
      type: "actions",
      buttons: [
        { ...action("remind-done", task.number), label: t("remind.button.done", { number: task.number }), command: `/update ${scope} ${task.number} done`, style: "primary" },
        {
          ...action("remind-update", task.number),
          label: t("remind.button.update", { number: task.number }),
          command: `/update ${scope} ${task.number}`,
          form: {
            title: t("remind.form.title", { number: task.number }),
            submitLabel: t("remind.form.submit"),
            command: `/update ${scope} ${task.number} {progress} {note}`,
            fields: [
              {
                id: "progress",
                label: t("remind.form.progress"),
                kind: "select",
                required: true,
                options: [
                  ...["25%", "50%", "75%"].map((p) => ({ value: p, label: p })),
                  { value: "done", label: t("remind.progress.done") },
                  { value: "blocked", label: t("remind.progress.blocked") },
                ],
              },
              { id: "note", label: t("remind.form.note"), kind: "text", required: false, multiline: true },
            ],
          },
        },
      ],
    });
  }
  if (r.items.length > REMINDER_TASK_CAP) blocks.push({ type: "context", text: t("digest.more", { count: r.items.length - REMINDER_TASK_CAP }) });
  blocks.push({ type: "context", text: t("remind.footer") });
  return { blocks };
}
