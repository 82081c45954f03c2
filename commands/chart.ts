import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { reply } from "../src/core/reply.ts";

const TARGETS = new Set(["targets", "target", "指标", "指標", "目标", "目標"]);
const UNITS = new Set(["", "units", "unit", "status", "单位", "單位", "任务", "任務"]);

/**
 * `/chart [targets]`: a PNG of the channel plan: tasks by status per responsible unit (stacked
 * bars), or each target's latest value against its yearly milestone pace. The chart code and
 * the rasteriser are loaded only when someone asks for a chart.
 */
export default defineCommand({
  name: "chart",
  aliases: ["图表", "圖表", "charts"],
  summary: "cmd.chart.summary",
  // A read of the channel plan, as /tasks and /export are.
  permission: { right: "anyone" },
  usage: "cmd.chart.usage",
  example: "/chart targets",
  args: z.object({ kind: z.string() }),
  input(rest) {
    return { kind: rest.trim() };
  },
  slash: { options: [{ name: "kind", description: "opt.chartKind", type: "string", required: false }] },
  async run(ctx, { kind: text }) {
    const word = text.toLowerCase();
    const kind = TARGETS.has(word) ? "targets" : UNITS.has(word) ? "units" : null;
    if (!kind) return reply([{ type: "text", text: ctx.t("chart.badKind", { text }) }], { private: true });
    const plan = await ctx.requirePlan();
    const { chartPlan } = await import("../src/reports/charts/index.ts");
    const result = await chartPlan(ctx.services.store, {
      planId: plan.id,
      kind,
      now: ctx.now,
      timezone: ctx.channel.timezone ?? ctx.services.settings.timezone,
      locale: ctx.locale,
    });
    if (!result) return reply([{ type: "text", text: ctx.t("export.gone") }], { private: true });
    return {
      blocks: [{ type: "text", text: ctx.t("chart.done", { title: result.plan.title, chart: ctx.t(kind === "units" ? "chart.units.title" : "chart.targets.title") }) }],
      files: [result.file],
    };
  },
});
