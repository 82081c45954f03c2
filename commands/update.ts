import { z } from "zod";
import { taskNumberArg } from "../src/core/args.ts";
import { defineCommand, type CommandContext, type RowRef } from "../src/core/command.ts";
import { UsageError } from "../src/core/errors.ts";
import type { PlanSummary } from "../src/core/model.ts";
import { splitArgs } from "../src/core/input.ts";
import { scopedPlan, takePlanScope } from "../src/core/plan-scope.ts";
import { recognizeUpdate } from "../src/core/recognize/index.ts";
import { resolveTarget, formatTargetValue } from "../src/core/target-lookup.ts";
import { recordTargetUpdate, recordTaskUpdate } from "../src/core/updates.ts";
import { taskNotFound } from "../src/core/task-lookup.ts";

const TARGET_WORDS = ["target", "指标", "指標", "目标", "目標"];

/**
 * `/update 7 60% 备注` · `/update 7 done` · `/update target 质押 18.6亿元 备注`; a button's
 * `/update plan:12 7 done` writes only while the channel follows plan 12 (core/plan-scope.ts).
 */
export default defineCommand({
  name: "update",
  aliases: ["更新", "进度", "進度", "u"],
  summary: "cmd.update.summary",
  usage: "cmd.update.usage",
  example: "/update 7 45% 图纸已送审",
  args: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("task"), number: taskNumberArg, progress: z.string().min(1, "arg.progress"), planId: z.number().optional() }),
    z.object({ kind: z.literal("target"), ref: z.string().min(1, "arg.targetRef"), value: z.string().min(1, "arg.targetValue"), planId: z.number().optional() }),
  ]),
  input(text) {
    const { planId, rest } = takePlanScope(text);
    const scope = planId === undefined ? {} : { planId };
    const [first = "", ...more] = splitArgs(rest);
    if (TARGET_WORDS.includes(first.toLowerCase())) {
      const [ref = "", ...value] = more;
      return { kind: "target", ref, value: value.join(" "), ...scope };
    }
    return { kind: "task", number: first, progress: more.join(" "), ...scope };
  },
  // Members of the task's units, the plan's admins, anyone in a channel opened for the plan.
  permission: { right: "report", row: reportedRow },
  slash: {
    options: [
      { name: "number", description: "opt.taskNumber", type: "string", required: true, autocomplete: "task" },
      { name: "progress", description: "opt.progress", type: "string", required: true },
      { name: "note", description: "opt.note", type: "string", required: false },
    ],
  },
  async run(ctx, args) {
    const plan = await scopedPlan(ctx, args.planId);
    if (args.kind === "target") return updateTarget(ctx, plan, args.ref, args.value);
    const task = await ctx.services.store.getTask(plan.id, args.number);
    if (!task) throw await taskNotFound(ctx, plan, args.number);
    // The recogniser reads the progress words in every language and script the chat path does.
    const r = recognizeUpdate(`#${task.number} ${args.progress}`, { taskNumbers: [task.number], targets: [], botMentioned: true });
    if (r.kind !== "task") throw new UsageError("update.badProgress", { text: args.progress });
    return recordTaskUpdate(ctx, plan, task, { status: r.status, percent: r.percent, note: r.note });
  },
});

/** The task (or target) an `/update` reports on, in the channel's plan. */
async function reportedRow(
  ctx: CommandContext,
  args: ({ kind: "task"; number: string } | { kind: "target"; ref: string }) & { planId?: number | undefined },
): Promise<RowRef | null> {
  // A button about another plan is refused before any right is checked on this one.
  const plan = await scopedPlan(ctx, args.planId);
  const { store } = ctx.services;
  if (args.kind === "task") {
    const task = await store.getTask(plan.id, args.number);
    // A removed task is no row to report on: the command says it was removed, whoever asks.
    return task && !task.removedAt ? { planId: plan.id, planTitle: plan.title, task } : null;
  }
  const target = await resolveTarget(ctx, plan, args.ref);
  const task = target.taskNumber ? await store.getTask(plan.id, target.taskNumber) : null;
  return { planId: plan.id, planTitle: plan.title, task };
}

async function updateTarget(ctx: CommandContext, plan: PlanSummary, ref: string, valueText: string) {
  const target = await resolveTarget(ctx, plan, ref);
  const r = recognizeUpdate(`${target.name} ${valueText}`, {
    taskNumbers: [],
    targets: [{ id: target.id, name: target.name, unit: target.unit }],
    botMentioned: true,
  });
  if (r.kind === "ambiguous" && r.question === "unit_mismatch") {
    throw new UsageError("update.unitMismatch", { text: valueText, name: target.name, unit: target.unit });
  }
  if (r.kind !== "target") throw new UsageError("update.badValue", { text: valueText });
  return recordTargetUpdate(ctx, plan, target, r.value, r.note, (v) => formatTargetValue(v, target.unit, ctx.locale));
}
