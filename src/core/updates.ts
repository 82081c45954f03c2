import type { CommandContext } from "./command.ts";
import type { Button } from "./reply.ts";
import type { PlanSummary, TargetView, TaskDetail, TaskStatus, UpdateView } from "./model.ts";
import { assertCanUpdateTarget, assertCanUpdateTask } from "./permissions.ts";
import { statusLabel } from "./progress-view.ts";
import { mention, reply, type Reply } from "./reply.ts";
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

/** The form behind "Update…": progress and note, completing `/update <n> {progress} {note}`. */
export function updateButtons(ctx: CommandContext, number: string): Button[] {
  return [
    { actionId: `duban:done:${number}`, label: ctx.t("button.markDone"), command: `/update ${number} done`, style: "primary" },
    {
      actionId: `duban:update:${number}`,
      label: ctx.t("button.update"),
      command: `/update ${number}`,
      form: {
        title: ctx.t("form.update.title", { number }),
        submitLabel: ctx.t("form.update.submit"),
        command: `/update ${number} {progress} {note}`,
        fields: [
          { id: "progress", label: ctx.t("form.update.progress"), kind: "text", required: true, placeholder: "60%" },
          { id: "note", label: ctx.t("form.update.note"), kind: "text", required: false, multiline: true },
        ],
      },
    },
  ];
}

/**
 * Checks permission, stores the update durably, then returns the confirmation card with Undo.
 * The same platform message id is stored once; a repeat gets the same confirmation.
 */
export async function recordTaskUpdate(ctx: CommandContext, plan: PlanSummary, task: TaskDetail, change: TaskChange): Promise<Reply> {
  await assertCanUpdateTask(ctx, plan, task);
  const percent = change.status === "done" ? (change.percent ?? 100) : change.percent;
  const { update, duplicate } = await ctx.services.store.recordUpdate({
    planId: plan.id,
    taskId: task.id,
    member: author(ctx),
    status: change.status,
    ...(percent !== null ? { percent } : {}),
    note: change.note,
    sourcePlatform: ctx.message.platform,
    ...(ctx.message.messageId ? { sourceMessageId: ctx.message.messageId } : {}),
    channelId: ctx.message.channelId,
    createdAt: ctx.now,
  });
  return confirmation(ctx, ctx.t("update.recorded", { number: task.number, title: task.title }), update, duplicate, [
    { label: ctx.t("card.status"), value: statusLabel(ctx.t, { status: change.status, percent }) },
  ], task.number);
}

export async function recordTargetUpdate(
  ctx: CommandContext,
  plan: PlanSummary,
  target: TargetView,
  value: number,
  note: string | null,
  formatValue: (v: number) => string,
): Promise<Reply> {
  const linked = target.taskNumber ? await ctx.services.store.getTask(plan.id, target.taskNumber) : null;
  await assertCanUpdateTarget(ctx, plan, linked);
  const { update, duplicate } = await ctx.services.store.recordUpdate({
    planId: plan.id,
    targetId: target.id,
    member: author(ctx),
    value,
    note,
    sourcePlatform: ctx.message.platform,
    ...(ctx.message.messageId ? { sourceMessageId: ctx.message.messageId } : {}),
    channelId: ctx.message.channelId,
    createdAt: ctx.now,
  });
  return confirmation(ctx, ctx.t("update.recordedTarget", { name: target.name }), update, duplicate, [
    { label: ctx.t("update.value"), value: formatValue(value) },
  ], null);
}

function confirmation(
  ctx: CommandContext,
  title: string,
  update: UpdateView,
  duplicate: boolean,
  fields: { label: string; value: string }[],
  taskNumber: string | null,
): Reply {
  const who = update.member ? mention(update.member.platform, update.member.platformUserId, update.member.displayName) : "—";
  const tz = ctx.channel.timezone ?? ctx.services.settings.timezone;
  return reply([
    { type: "header", text: title },
    {
      type: "fields",
      fields: [
        ...fields,
        ...(update.note ? [{ label: ctx.t("update.note"), value: update.note }] : []),
        { label: ctx.t("update.by"), value: `${who} · ${formatDateTime(update.createdAt, tz, ctx.locale, ctx.now)}` },
      ],
    },
    ...(duplicate ? [{ type: "context" as const, text: ctx.t("update.duplicate") }] : []),
    {
      type: "actions",
      buttons: [
        { actionId: `duban:undo:${update.id}`, label: ctx.t("button.undo"), command: `/undo ${update.id}`, style: "danger" },
        ...(taskNumber ? [{ actionId: `duban:task:${taskNumber}`, label: ctx.t("button.viewTask"), command: `/task ${taskNumber}` }] : []),
      ],
    },
  ]);
}
