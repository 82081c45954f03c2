import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { reply } from "../src/core/reply.ts";
import { formatPeriod } from "../src/core/format.ts";

export default defineCommand({
  name: "plans",
  aliases: ["计划列表", "計畫列表", "计划们"],
  permission: { right: "anyone" },
  summary: "cmd.plans.summary",
  usage: "cmd.plans.usage",
  example: "/plans",
  args: z.object({ text: z.string() }),
  async run(ctx) {
    const plans = await ctx.services.store.listPlans();
    if (!plans.length) return reply([{ type: "text", text: ctx.t("plans.empty") }]);
    const current = plans.find((p) => p.id === ctx.channel.planId);
    return reply([
      { type: "header", text: ctx.t("plans.title", { count: plans.length }) },
      {
        type: "list",
        items: plans.map((p) =>
          ctx.t("plans.item", {
            slug: p.slug,
            title: p.title,
            period: p.periodStart ? `${formatPeriod(p.periodStart, p.periodEnd)} · ` : "",
            tasks: p.taskCount,
          }),
        ),
      },
      { type: "context", text: current ? ctx.t("plans.current", { title: current.title, slug: current.slug }) : ctx.t("plans.useHint") },
    ]);
  },
});
