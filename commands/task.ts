import { z } from "zod";
import { taskNumberArg } from "../src/core/args.ts";
import { defineCommand, type CommandContext } from "../src/core/command.ts";
import { nextDeadlineDate } from "../src/core/deadlines.ts";
import { UNIT_ROLES, type DeadlineRef, type TaskDetail, type TaskProgress } from "../src/core/model.ts";
import { localDate } from "../src/core/tz.ts";
import { isOverdue, statusLabel } from "../src/core/progress-view.ts";
import { splitArgs } from "../src/core/input.ts";
import { action, mention, reply, type Block } from "../src/core/reply.ts";
import { formatTargetValue } from "../src/core/target-lookup.ts";
import { taskNotFound } from "../src/core/task-lookup.ts";
import { formatDateTime } from "../src/core/time.ts";
import { updateButtons } from "../src/core/updates.ts";

const ADD_WORDS = ["add", "new", "create", "新增", "添加", "增加", "新建"];
const EDIT_WORDS = ["edit", "set", "units", "unit", "owner", "owners", "修改", "编辑", "編輯", "更改", "单位", "單位", "责任单位", "責任單位", "牵头", "牽頭"];

/** The task card: owners by role (with mapped members), status, latest update, targets, deadlines. */
export default defineCommand({
  name: "task",
  aliases: ["任务", "任務", "t"],
  permission: { right: "anyone" },
  summary: "cmd.task.summary",
  usage: "cmd.task.usage",
  example: "/task 7",
  args: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("show"), number: taskNumberArg }),
    z.object({ kind: z.enum(["add", "edit"]) }),
  ]),
  input(rest) {
    const [first = "", second = ""] = splitArgs(rest);
    if (ADD_WORDS.includes(first.toLowerCase())) return { kind: "add" };
    if (EDIT_WORDS.includes(first.toLowerCase()) || EDIT_WORDS.includes(second.toLowerCase())) return { kind: "edit" };
    return { kind: "show", number: rest };
  },
  slash: { options: [{ name: "number", description: "opt.taskNumber", type: "string", required: true, autocomplete: "task" }] },
  async run(ctx, args) {
    // Tasks and their units come from the plan document: say how to change them instead.
    if (args.kind !== "show") return reply([{ type: "text", text: ctx.t(args.kind === "add" ? "task.addInstead" : "task.editInstead") }], { private: true });
    const { number } = args;
    const plan = await ctx.requirePlan();
    const { store } = ctx.services;
    const card = await store.getTaskCard(plan.id, number);
    if (!card) throw await taskNotFound(ctx, plan, number);
    const { task, progress, targets: linked } = card;
    const tz = ctx.channel.timezone ?? ctx.services.settings.timezone;
    const blocks: Block[] = [
      { type: "header", text: ctx.t("task.title", { number: task.number, title: task.title }) },
      ...(task.removedAt ? [{ type: "text" as const, text: ctx.t("task.removed", { date: localDate(task.removedAt, tz), number: task.number }) }] : []),
      ...(task.section ? [{ type: "context" as const, text: ctx.t("task.section", { section: task.section }) }] : []),
      { type: "fields", fields: [...unitFields(ctx, task), ...statusFields(ctx, task, progress)] },
      { type: "text", text: ctx.t("card.latestLine", { text: latestText(ctx, progress) }) },
    ];
    if (linked.length) {
      blocks.push({
        type: "list",
        items: linked.map((t) => {
          const final = t.milestones.at(-1);
          const latest = t.latest ? formatTargetValue(t.latest.value, t.unit, ctx.locale) : "—";
          const goal = final ? ` → ${final.year}: ${formatTargetValue(final.value, t.unit, ctx.locale)}` : "";
          return ctx.t("card.targetLine", { name: t.name, latest, goal });
        }),
      });
    }
    if (!task.removedAt) blocks.push({ type: "context", text: ctx.t("card.hint", { number: task.number }) });
    blocks.push({
      type: "actions",
      buttons: [...(task.removedAt ? [] : updateButtons(ctx, plan.id, task.number)), { ...action("history", task.number), label: ctx.t("button.history"), command: `/history ${task.number}` }],
    });
    return reply(blocks);
  },
});

function unitFields(ctx: CommandContext, task: TaskDetail) {
  const fields = UNIT_ROLES.flatMap((role) => {
    const units = task.units.filter((u) => u.role === role);
    if (!units.length) return [];
    const value = units
      .map((u) => (u.members.length ? `${u.unit.name}（${u.members.map((m) => mention(m.platform, m.platformUserId, m.displayName)).join(" ")}）` : u.unit.name))
      .join("、");
    return [{ label: ctx.t(`role.${role}`), value }];
  });
  return fields.length ? fields : [{ label: ctx.t("task.units"), value: ctx.t("task.noUnits") }];
}

function statusFields(ctx: CommandContext, task: TaskDetail, progress: TaskProgress) {
  const tz = ctx.channel.timezone ?? ctx.services.settings.timezone;
  const fields = [{ label: ctx.t("card.status"), value: statusLabel(ctx.t, progress) }];
  if (task.required !== null) {
    const value = ctx.t(task.required ? "card.required.yes" : "card.required.no");
    fields.push({ label: ctx.t("card.required"), value: task.requirementNote ? `${value}（${task.requirementNote}）` : value });
  }
  if (task.deadlines.length) {
    fields.push({
      label: ctx.t("card.deadlines"),
      value: task.deadlines.map((d) => deadlineText(ctx, d, progress, tz)).join(ctx.t("card.listSep")),
    });
  }
  return fields;
}

/** `2026年底前（已逾期）`, or for a yearly one `每年12月15日前（下次 2026-12-15）`. */
function deadlineText(ctx: CommandContext, d: DeadlineRef, progress: TaskProgress, tz: string): string {
  if (isOverdue(d, progress, ctx.now, tz)) return `${d.text}${ctx.t("card.overdue")}`;
  const next = d.date === null ? nextDeadlineDate(d, localDate(ctx.now, tz)) : null;
  return next ? `${d.text}${ctx.t("card.nextDue", { date: next })}` : d.text;
}

function latestText(ctx: CommandContext, progress: TaskProgress): string {
  const u = progress.latest;
  if (!u) return ctx.t("card.noUpdate");
  const tz = ctx.channel.timezone ?? ctx.services.settings.timezone;
  const who = u.member ? mention(u.member.platform, u.member.platformUserId, u.member.displayName) : "—";
  return ctx.t("card.latestValue", { who, when: formatDateTime(u.createdAt, tz, ctx.locale, ctx.now), note: u.note ? ` · ${u.note}` : "" });
}
