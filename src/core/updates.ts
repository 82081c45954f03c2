import type { CommandContext } from "./command.ts";
import { UsageError } from "./errors.ts";
import { localDate } from "./tz.ts";
import type { PlanSummary, TargetRef, TaskDetail, TaskStatus, UpdateView } from "./model.ts";
import { assertCanReport } from "./permissions.ts";
import { planScope } from "./plan-scope.ts";
import { statusLabel } from "./progress-view.ts";
import { action, mention, reply, type Button, type Reply } from "./reply.ts";
import { formatDateTime } from "./time.ts";

export interface TaskChange {
  status: TaskStatus;
  percent: number | null;
  note: string | null;
}

const author = (ctx: CommandContext) => ({
  platform: ctx.message.platform,
  platformUserId: ctx.message.userId,
  displayName: ctx.message.userName,
});

/**
 * "Mark done" and "Update…" for task `number` of plan `planId` (the form: progress and note,
 * completing `/update plan:<id> <n> {progress} {note}`); they write only while the channel
 * follows that plan.
 */
export function updateButtons(ctx: CommandContext, planId: number, number: string): Button[] {
  const update = `/update ${planScope(planId)} ${number}`;
  return [
    { ...action("done", number), label: ctx.t("button.markDone"), command: `${update} done`, style: "primary" },
    {
      ...action("update", number),
      label: ctx.t("button.update"),
      command: update,
      form: {
        title: ctx.t("form.update.title", { number }),
        submitLabel: ctx.t("form.update.submit"),
        command: `${update} {progress} {note}`,
        fields: [
          { id: "progress", label: ctx.t("form.update.progress"), kind: "text", required: true, placeholder: "60%" },
          { id: "note", label: ctx.t("form.update.note"), kind: "text", required: false, multiline: true },
        ],
      },
    },
  ];
}

/** One thing to record: a task's progress or a target's value. */
export type BatchItem =
  | { task: TaskDetail; change: TaskChange }
  | { target: TargetRef; value: number; note: string | null; formatValue: (v: number) => string };

/**
 * Checks permission, stores the update durably, then returns the confirmation card with Undo.
 * The same platform message id is stored once; a repeat gets the same confirmation.
 */
export async function recordTaskUpdate(ctx: CommandContext, plan: PlanSummary, task: TaskDetail, change: TaskChange): Promise<Reply> {
  return recordBatch(ctx, plan, [{ task, change }]);
}

export async function recordTargetUpdate(
  ctx: CommandContext,
  plan: PlanSummary,
  target: TargetRef,
  value: number,
  note: string | null,
  formatValue: (v: number) => string,
): Promise<Reply> {
  return recordBatch(ctx, plan, [{ target, value, note, formatValue }]);
}

/**
 * Every update read from one message: permission for each is checked before anything is
 * written, then all are stored together (one batch, one Undo) and confirmed in one reply that
 * names each stored task or target with the value, status and note exactly as stored.
 */
export async function recordBatch(ctx: CommandContext, plan: PlanSummary, items: BatchItem[], lead?: string): Promise<Reply> {
  for (const item of items) {
    if ("task" in item && item.task.removedAt) {
      const date = localDate(item.task.removedAt, ctx.channel.timezone ?? ctx.services.settings.timezone);
      throw new UsageError("task.removedNoUpdate", { number: item.task.number, date });
    }
    // The `report` right `/update` declares, for free text as well (no command runs there).
    if ("task" in item) await assertCanReport(ctx, plan, item.task);
    else {
      const linked = item.target.taskNumber ? await ctx.services.store.getTask(plan.id, item.target.taskNumber) : null;
      await assertCanReport(ctx, plan, linked);
    }
  }
  const source = {
    member: author(ctx),
    sourcePlatform: ctx.message.platform,
    ...(ctx.message.messageId ? { sourceMessageId: ctx.message.messageId } : {}),
    ...(ctx.message.revision ? { sourceRevision: ctx.message.revision } : {}),
    channelId: ctx.message.channelId,
    createdAt: ctx.now,
  };
  const { updates, duplicate } = await ctx.services.store.recordUpdates(
    items.map((item) => {
      if (!("task" in item)) return { planId: plan.id, targetId: item.target.id, value: item.value, note: item.note, ...source };
      const percent = item.change.status === "done" ? (item.change.percent ?? 100) : item.change.percent;
      return {
        planId: plan.id,
        taskId: item.task.id,
        status: item.change.status,
        ...(percent !== null ? { percent } : {}),
        note: item.change.note,
        ...source,
      };
    }),
  );
  return confirmation(ctx, items, updates, duplicate, lead);
}

/** What one stored row says: its status or value, then its note, as stored. */
export function storedLine(ctx: CommandContext, u: UpdateView, items: BatchItem[]): { label: string; value: string } {
  const item = items.find((i) => ("task" in i ? i.task.id === u.taskId : i.target.id === u.targetId));
  if (u.taskId !== null) {
    const title = item && "task" in item ? item.task.title : "";
    const state = u.status ? statusLabel(ctx.t, { status: u.status, percent: u.percent }) : "—";
    return { label: ctx.t("update.taskLabel", { number: u.taskNumber ?? "?", title }), value: state };
  }
  const value = u.value === null ? "—" : item && !("task" in item) ? item.formatValue(u.value) : String(u.value);
  return { label: u.targetName ?? "?", value };
}

function confirmation(ctx: CommandContext, items: BatchItem[], updates: UpdateView[], duplicate: boolean, lead?: string): Reply {
  const first = updates[0]!;
  const who = first.member ? mention(first.member.platform, first.member.platformUserId, first.member.displayName) : "—";
  const tz = ctx.channel.timezone ?? ctx.services.settings.timezone;
  const by = { label: ctx.t("update.by"), value: `${who} · ${formatDateTime(first.createdAt, tz, ctx.locale, ctx.now)}` };
  const single = updates.length === 1;
  const fields: { label: string; value: string }[] = [];
  let title: string;
  if (single) {
    const line = storedLine(ctx, first, items);
    const item = items[0]!;
    title = "task" in item
      ? ctx.t("update.recorded", { number: first.taskNumber ?? item.task.number, title: item.task.title })
      : ctx.t("update.recordedTarget", { name: first.targetName ?? item.target.name });
    fields.push({ label: first.taskId !== null ? ctx.t("card.status") : ctx.t("update.value"), value: line.value });
    if (first.note) fields.push({ label: ctx.t("update.note"), value: first.note });
  } else {
    title = ctx.t("update.recordedMany", { count: updates.length });
    for (const u of updates) {
      const line = storedLine(ctx, u, items);
      fields.push({ label: line.label, value: [line.value, u.note ? `${ctx.t("update.note")}${ctx.locale === "en" ? ": " : "："}${u.note}` : ""].filter(Boolean).join(" · ") });
    }
  }
  const taskNumber = single ? first.taskNumber : null;
  return reply([
    ...(lead ? [{ type: "text" as const, text: lead }] : []),
    { type: "header", text: title },
    { type: "fields", fields: [...fields, by] },
    ...(duplicate ? [{ type: "context" as const, text: ctx.t("update.duplicate") }] : []),
    {
      type: "actions",
      buttons: [
        { ...action("undo", first.id), label: ctx.t("button.undo"), command: `/undo ${first.id}`, style: "danger" },
        ...(taskNumber ? [{ ...action("task", taskNumber), label: ctx.t("button.viewTask"), command: `/task ${taskNumber}` }] : []),
      ],
    },
  ]);
}
