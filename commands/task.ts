import { z } from "zod";
import { taskNumberArg } from "../src/core/args.ts";
import { defineCommand } from "../src/core/command.ts";
import { NotFoundError } from "../src/core/errors.ts";
import { describeNumbers } from "../src/core/format.ts";
import { UNIT_ROLES } from "../src/core/model.ts";
import { mention, reply } from "../src/core/reply.ts";

export default defineCommand({
  name: "task",
  aliases: ["任务", "任務", "t"],
  summary: "cmd.task.summary",
  usage: "cmd.task.usage",
  args: z.object({ number: taskNumberArg }),
  input: (rest) => ({ number: rest }),
  slash: { options: [{ name: "number", description: "opt.taskNumber", type: "string", required: true, autocomplete: "task" }] },
  async run(ctx, { number }) {
    const plan = await ctx.requirePlan();
    const { store } = ctx.services;
    const task = await store.getTask(plan.id, number);
    if (!task) {
      const numbers = await store.listTaskNumbers(plan.id);
      throw new NotFoundError("task.notFound", { plan: plan.title, number, range: describeNumbers(numbers) });
    }
    const fields = UNIT_ROLES.flatMap((role) => {
      const units = task.units.filter((u) => u.role === role);
      if (!units.length) return [];
      const value = units
        .map((u) => (u.members.length ? `${u.unit.name} ${u.members.map((m) => mention(m.platform, m.platformUserId, m.displayName)).join(" ")}` : u.unit.name))
        .join("、");
      return [{ label: ctx.t(`role.${role}`), value }];
    });
    return reply([
      { type: "header", text: ctx.t("task.title", { number: task.number, title: task.title }) },
      ...(task.section ? [{ type: "context" as const, text: ctx.t("task.section", { section: task.section }) }] : []),
      fields.length ? { type: "fields", fields } : { type: "text", text: ctx.t("task.noUnits") },
    ]);
  },
});
